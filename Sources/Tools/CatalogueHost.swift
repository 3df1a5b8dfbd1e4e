public import Coolify
public import MCPWire

/// Runs the catalogue: schema generation, argument validation, the generic endpoint runner and
/// projections. Individual tools are data (see the files named after Coolify areas).
package final class CatalogueHost: ToolHost {
    package let tools: [ToolSpec]
    private let byName: [String: ToolSpec]
    private let coolify: CoolifyClient
    package let readOnly: Bool
    package let toolDefinitions: [JSONValue]

    package init(tools: [ToolSpec], coolify: CoolifyClient, readOnly: Bool) {
        self.tools = tools
        self.byName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.coolify = coolify
        self.readOnly = readOnly
        self.toolDefinitions = tools.map { ToolSchema.definition($0, readOnly: readOnly) }
    }

    package func callTool(name: String, arguments: JSONObject, context: ToolCallContext) async -> ToolOutcome? {
        guard let tool = byName[name] else { return nil }
        do {
            let args = try ArgumentValidator.validate(arguments, against: ToolSchema.allParams(tool))
            let action = try selectAction(tool, args)
            if readOnly && action.effect != .read {
                throw ToolError("The server runs with --read-only: \(tool.name)\(action.name.map { " \($0)" } ?? "") changes Coolify and is refused.")
            }
            let invocation = Invocation(tool: tool, action: action, arguments: args, coolify: coolify, context: context)
            let result = try await run(invocation)
            return .success(result, reveal: tool.offersReveal && args.bool("reveal") == true)
        } catch let error as ToolError {
            return .failure(error.message)
        } catch let error as CoolifyError {
            return .failure(error.description)
        } catch {
            return .failure("The tool failed unexpectedly.")
        }
    }

    private func selectAction(_ tool: ToolSpec, _ args: Arguments) throws(ToolError) -> ActionSpec {
        let name = tool.isActionTool ? args.string("action") : nil
        guard let action = tool.action(named: name) else { throw ToolError("Unknown action.") }
        let missing = action.requires.filter { !args.has($0) }
        if !missing.isEmpty {
            throw ToolError("\(tool.name)\(name.map { " \($0)" } ?? "") needs: \(missing.joined(separator: ", ")).")
        }
        return action
    }

    private func run(_ invocation: Invocation) async throws -> JSONValue {
        if let handler = invocation.action.handler { return try await handler(invocation) }
        guard let endpoint = invocation.action.endpoint else { throw ToolError("This action has no implementation.") }
        let answer = try await invocation.coolify.send(try Self.request(endpoint, invocation.arguments))
        return try Self.project(answer, invocation.action.projection, tool: invocation.tool.name, arguments: invocation.arguments)
    }

    /// Fills the path from arguments and the body from the endpoint's body fields.
    package static func request(_ endpoint: Endpoint, _ args: Arguments, pathValues: [String: String] = [:]) throws(ToolError) -> CoolifyRequest {
        var path = endpoint.path
        for name in endpoint.pathParameters {
            let value: String
            if let given = pathValues[name] { value = given } else { value = try args.pathSegment(name) }
            path = path.replacingOccurrences(of: "{\(name)}", with: value)
        }
        var body: JSONObject?
        if !endpoint.body.isEmpty {
            var object = JSONObject()
            for field in endpoint.body { if let value = args.values[field], !value.isNull { object[field] = value } }
            body = object
        }
        return CoolifyRequest(endpoint.method, path, body: body.map { .object($0) })
    }

    static let defaultPerPage = 50
    static let maxPerPage = 200

    package static func project(_ answer: JSONValue, _ projection: Projection, tool: String, arguments: Arguments) throws(ToolError) -> JSONValue {
        switch projection {
        case .whole:
            return answer
        case .wrap(let key):
            return .object([key: answer])
        case .list(let fields):
            guard let items = answer.arrayValue else {
                throw ToolError("Coolify answered with something other than a list (a proxy's login or error page?).")
            }
            return try paginate(items.map { summarize($0, fields) }, tool: tool, arguments: arguments)
        }
    }

    /// One item cut to `fields`; "a.b" reads a nested field and is named "b".
    static func summarize(_ item: JSONValue, _ fields: [String]) -> JSONValue {
        guard item.objectValue != nil else { return item }
        var out = JSONObject()
        for field in fields {
            var value: JSONValue? = item
            for part in field.split(separator: ".") { value = value?[String(part)] }
            let name = field.split(separator: ".").last.map(String.init) ?? field
            if let value, out[name] == nil { out[name] = value }
        }
        return .object(out)
    }

    /// Coolify's list endpoints return everything; pages are cut here so a model receives a
    /// bounded answer and the next page as a ready call.
    static func paginate(_ items: [JSONValue], tool: String, arguments: Arguments) throws(ToolError) -> JSONValue {
        let page = arguments.int("page") ?? 1
        let perPage = arguments.int("per_page") ?? defaultPerPage
        guard page >= 1 else { throw ToolError("\"page\" must be 1 or more.") }
        guard (1...maxPerPage).contains(perPage) else { throw ToolError("\"per_page\" must be between 1 and \(maxPerPage).") }
        // A page far past the end is an empty page, not an arithmetic overflow.
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = overflow ? items.count : min(offset, items.count)
        let end = min(start + perPage, items.count)
        var result: JSONObject = [
            "data": .array(Array(items[start..<end])),
            "page": .number(JSONNumber(page)),
            "per_page": .number(JSONNumber(perPage)),
            "total": .number(JSONNumber(items.count)),
        ]
        if end < items.count {
            var next = arguments.values
            next["page"] = .number(JSONNumber(page + 1))
            next["per_page"] = .number(JSONNumber(perPage))
            result["next"] = .object(["tool": .string(tool), "arguments": .object(next)])
        }
        return .object(result)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
