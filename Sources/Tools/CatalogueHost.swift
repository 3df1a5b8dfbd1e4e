package import Coolify
package import JSON
package import MCPWire
internal import NIOHTTP1

/// Runs the catalogue: schema generation, argument validation, the generic endpoint runner and
/// projections. Individual tools are data (see the files named after Coolify areas).
package final class CatalogueHost: ToolHost {
    package let tools: [ToolSpec]
    private let byName: [String: ToolSpec]
    /// Each tool's parameters typed by the Coolify fields they reach (``DerivedParams``).
    private let paramsByName: [String: [Param]]
    /// Per tool and action, the arguments the action uses (``Conformance/usedArguments(_:)``).
    private let usedByName: [String: [String: Set<String>]]
    private let coolify: any CoolifyTransport
    package let readOnly: Bool
    package let toolDefinitions: [JSONValue]

    package init(tools: [ToolSpec], coolify: any CoolifyTransport, readOnly: Bool) {
        self.tools = tools
        self.byName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // In read-only mode, typed as the read actions use them: what tools/list then says.
        let params = Dictionary(
            tools.map { ($0.name, DerivedParams.params(ToolSchema.offered($0, readOnly: readOnly))) }, uniquingKeysWith: { first, _ in first })
        self.paramsByName = params
        self.usedByName = Dictionary(tools.map { ($0.name, Conformance.usedArguments($0)) }, uniquingKeysWith: { first, _ in first })
        self.coolify = coolify
        self.readOnly = readOnly
        self.toolDefinitions = tools.map { ToolSchema.definition($0, readOnly: readOnly, params: params[$0.name]) }
    }

    package func callTool(name: String, arguments: JSONObject, context: ToolCallContext) async -> ToolOutcome? {
        guard let tool = byName[name] else { return nil }
        do {
            // A write in read-only mode is refused before its arguments are looked at: the
            // schema this mode publishes types them for the read actions only.
            if readOnly, let write = tool.action(named: tool.isActionTool ? arguments["action"]?.stringValue : nil), write.effect != .read {
                throw ToolError("The server runs with --read-only: \(tool.name)\(write.name.map { " \($0)" } ?? "") changes Coolify and is refused.")
            }
            let args = try ArgumentValidator.validate(arguments, against: paramsByName[name] ?? ToolSchema.allParams(tool))
            let action = try selectAction(tool, args)
            try refuseUnused(tool, action, args)
            let invocation = Invocation(
                tool: tool, action: action, arguments: args, coolify: coolify, context: context,
                offered: tools, readOnly: readOnly)
            let result = try await run(invocation)
            let asked = tool.offersReveal && args.bool("reveal") == true
            return .success(result, reveal: action.reveal.grant(args, asked: asked, action: tool.name + (action.name.map { " " + $0 } ?? "")))
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
        for group in action.requiresOneOf where !group.contains(where: args.has) {
            throw ToolError("\(tool.name)\(name.map { " \($0)" } ?? "") needs one of: \(group.joined(separator: ", ")).")
        }
        return action
    }

    /// An argument the action does not use (a `description` given to environments create,
    /// `wait_seconds` to a scheduled task's update, `fields` to an action without them) would be
    /// dropped without a word: refused instead, naming what the action takes. A tool with one
    /// action uses all of its arguments.
    private func refuseUnused(_ tool: ToolSpec, _ action: ActionSpec, _ args: Arguments) throws(ToolError) {
        guard tool.isActionTool, let used = usedByName[tool.name]?[action.name ?? ""] else { return }
        for name in args.values.keys where args.has(name) && !used.contains(name) {
            let takes = ToolSchema.allParams(tool).map(\.name).filter { used.contains($0) && $0 != "action" && $0 != "reveal" }
            throw ToolError(
                "\"\(RPCError.clippedName(name))\" does not apply to \(tool.name) \(action.name ?? ""); it takes: \(takes.isEmpty ? "nothing more" : takes.joined(separator: ", "))."
            )
        }
    }

    private func run(_ invocation: Invocation) async throws -> JSONValue {
        if let handler = invocation.action.handler { return try await handler(invocation) }
        let answer = try await invocation.sendDeclared()
        return try Self.project(answer, invocation.action.projection, tool: invocation.tool.name, arguments: invocation.arguments)
    }

    /// Which method each pre-4.2 GET endpoint answers to on this instance, learnt on first use
    /// and kept for the process (one Coolify instance per process).
    private static let learntMethods = Locked<[String: HTTPMethod]>([:])

    /// Sends an endpoint's request. For calls Coolify 4.2 moved from GET to POST, tries POST
    /// first and falls back to GET when the instance has no such POST route (older versions
    /// answer 404 from their catch-all, or 405); the choice is cached per endpoint.
    package static func send(
        _ endpoint: Endpoint, _ args: Arguments, pathValues: [String: PathSegment] = [:],
        query: [(String, String)]? = nil, body: JSONValue? = nil,
        via coolify: any CoolifyTransport
    ) async throws -> JSONValue {
        var request = try request(endpoint, args, pathValues: pathValues, checked: query == nil && body == nil)
        if let query { request.query = query }
        if let body { request.body = body }
        guard endpoint.getBefore42 else { return try await coolify.send(request) }
        let key = endpoint.path
        if let known = learntMethods.withLock({ $0[key] }) {
            request.method = known
            if known == .GET { request.body = nil }
            return try await coolify.send(request)
        }
        let postFailure: CoolifyError
        do {
            let answer = try await coolify.send(request)
            learntMethods.withLock { $0[key] = .POST }
            return answer
        } catch {
            postFailure = error
        }
        guard postFailure.noSuchRoute || postFailure.status == 405 else { throw postFailure }
        request.method = .GET
        request.body = nil
        let answer = try await coolify.send(request)
        learntMethods.withLock { $0[key] = .GET }
        return answer
    }

    /// Fills the path from arguments, the query and the body from the endpoint's field lists.
    /// With `checked`, what the declarations fill is held against Coolify's shape of the
    /// operation the path reaches, before anything is sent (see ``conform(_:_:_:query:body:)``).
    package static func request(
        _ endpoint: Endpoint, _ args: Arguments, pathValues: [String: PathSegment] = [:], checked: Bool = true
    ) throws(ToolError) -> CoolifyRequest {
        var segments: [String: PathSegment] = [:]
        for name in endpoint.pathParameters {
            if let given = pathValues[name] {
                segments[name] = given
            } else if name == "resource" {
                segments[name] = try collection(args)
            } else {
                segments[name] = try args.pathSegment(name)
            }
        }
        let path: APIPath
        do {
            path = try APIPath(endpoint.template, segments)
        } catch {
            throw ToolError("This action could not fill its path (\(endpoint.path)).")
        }
        var query: [(String, String)] = []
        for name in endpoint.query {
            guard let value = args.values[name], let text = queryText(value) else { continue }
            query.append((endpoint.renamed[name] ?? name, text))
        }
        var body: JSONObject?
        if !endpoint.body.isEmpty || endpoint.alwaysBody {
            var object = JSONObject()
            for field in endpoint.body {
                guard let value = args.values[field], !value.isNull else { continue }
                let name = endpoint.renamed[field] ?? field
                // An argument and its alias (domains and fqdn) both given: one would be lost.
                guard object[name] == nil else { throw ToolError("\"\(field)\" and another argument both set \"\(name)\"; give one.") }
                object[name] = value
            }
            if endpoint.takesFields, let extra = args.values["fields"]?.objectValue {
                // An entry repeating an argument (or the Coolify name it goes by) would lose to
                // it without a word: refused instead. Entry names passed the validator's
                // character check, so they may be named.
                for (name, value) in extra {
                    guard object[name] == nil else {
                        throw ToolError("\"fields.\(name)\" repeats an argument given beside it; give it once.")
                    }
                    object[name] = value
                }
            }
            if let fallback = endpoint.fallback, object[fallback.field] == nil, object[fallback.unless] == nil {
                object[fallback.field] = .string(fallback.value)
            }
            body = object
        }
        if checked, let shape = RequestShapes.route(endpoint.method.rawValue, path.description) {
            try conform(endpoint, args, shape, query: query, body: body)
        }
        return CoolifyRequest(endpoint.method, path, query: query, body: body.map { .object($0) })
    }

    /// Refuses, with a sentence naming the argument, what Coolify would refuse: an argument
    /// this operation does not take (a flag of application start given for a database), a
    /// value outside its type or enum, a field it requires left out. Where a choice picks the
    /// path (a resource kind, a database type) this is the only check; elsewhere the catalogue
    /// tests have already held every declaration against the same shapes.
    static func conform(
        _ endpoint: Endpoint, _ args: Arguments, _ shape: RequestShape, query: [(String, String)], body: JSONObject?
    ) throws(ToolError) {
        let operation = "\(shape.method) \(shape.path)"
        func argument(_ field: String) -> String {
            (endpoint.body + endpoint.query).first { (endpoint.renamed[$0] ?? $0) == field } ?? field
        }
        for (name, location) in endpoint.query.map({ ($0, "query") }) + endpoint.body.map({ ($0, "body") }) {
            guard let value = args.values[name], !value.isNull else { continue }
            let fieldName = endpoint.renamed[name] ?? name
            guard let field = location == "query" ? shape.queryField(fieldName) : shape.bodyField(fieldName) else {
                throw ToolError("\"\(name)\" does not apply here: Coolify's \(operation) does not take it. Leave it out.")
            }
            guard field.admits(value) else {
                throw ToolError("\"\(name)\" must be \(field.described) for \(operation).")
            }
        }
        // `fields` entries reach the body as they are: each must be a field of this operation,
        // of its type (messages name the entry, never its value).
        if endpoint.takesFields, let extra = args.values["fields"]?.objectValue {
            for (name, value) in extra {
                guard let field = shape.bodyField(name) else {
                    throw ToolError("\"fields.\(name)\" does not apply here: Coolify's \(operation) does not take it. Leave it out.")
                }
                guard field.admits(value) else {
                    throw ToolError("\"fields.\(name)\" must be \(field.described) for \(operation).")
                }
            }
        }
        for (name, field) in shape.query where field.requiredParameter && !query.contains(where: { $0.0 == name }) {
            throw ToolError("\"\(argument(name))\" is required here: Coolify's \(operation) needs it.")
        }
        guard let body else { return }
        for name in shape.required where body[name] == nil {
            throw ToolError("\"\(argument(name))\" is required here: Coolify's \(operation) needs it.")
        }
        for group in shape.oneOfRequired where !group.contains(where: { body[$0] != nil }) {
            throw ToolError("One of \(group.map { "\"\(argument($0))\"" }.joined(separator: ", ")) is required: Coolify's \(operation) needs it.")
        }
    }

    static func queryText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.int.map(String.init)
        default: return nil
        }
    }

    /// The API collection a `resource` argument names.
    package static func collection(_ args: Arguments) throws(ToolError) -> PathSegment {
        let name: String
        switch args.string("resource") {
        case "application": name = "applications"
        case "service": name = "services"
        case "database": name = "databases"
        default: throw ToolError("\"resource\" must be application, service or database.")
        }
        guard let segment = PathSegment(validating: name) else { throw ToolError("\"resource\" must be application, service or database.") }
        return segment
    }

    static let defaultPerPage = 50
    static let maxPerPage = 200

    package static func project(_ answer: JSONValue, _ projection: Projection, tool: String, arguments: Arguments) throws(ToolError) -> JSONValue {
        switch projection {
        case .whole:
            return answer
        case .wrap(let key):
            return .object([key: answer])
        case .text(let key):
            let text = answer.stringValue ?? answer[key]?.stringValue ?? ""
            return .object([key: .string(UntrustedText.frame(text, label: "\(tool) output"))])
        case .frame(let keys):
            return frame(answer, keys: Set(keys), label: "\(tool) output", depth: 0)
        case .find(let argument, let keys):
            // A bare list, or an object wrapping one list ({"executions": [...]}).
            let wrapped = answer.objectValue.flatMap { object in object.values.count == 1 ? object.values.first?.arrayValue : nil }
            guard let items = answer.arrayValue ?? wrapped else {
                throw ToolError("Coolify answered with something other than a list (a proxy's login or error page?).")
            }
            let wanted = arguments.values[argument]
            let match = items.first { item in
                guard let wanted else { return false }
                return item["uuid"] == wanted || item["id"] == wanted
                    || (wanted.stringValue != nil && item["id"]?.intValue.map(String.init) == wanted.stringValue)
            }
            guard let match else { throw ToolError("No item with \(argument) \"\(RPCError.clippedName(wanted?.stringValue ?? ""))\".") }
            return keys.isEmpty ? match : frame(match, keys: Set(keys), label: "\(tool) output", depth: 0)
        case .list(let fields):
            guard let items = answer.arrayValue else {
                throw ToolError("Coolify answered with something other than a list (a proxy's login or error page?).")
            }
            return try paginate(items.map { summarize($0, fields) }, tool: tool, arguments: arguments)
        }
    }

    /// Frames string fields named in `keys` wherever they appear.
    static func frame(_ value: JSONValue, keys: Set<String>, label: String, depth: Int) -> JSONValue {
        guard depth < 64 else { return value }
        switch value {
        case .object(let object):
            var out = JSONObject()
            for (key, child) in object {
                if keys.contains(key), let text = child.stringValue, !text.isEmpty {
                    out[key] = .string(UntrustedText.frame(text, label: label))
                } else {
                    out[key] = frame(child, keys: keys, label: label, depth: depth + 1)
                }
            }
            return .object(out)
        case .array(let items):
            return .array(items.map { frame($0, keys: keys, label: label, depth: depth + 1) })
        default:
            return value
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
        let end = start + min(perPage, items.count - start)
        var result: JSONObject = [
            "data": .array(Array(items[start..<end])),
            "page": .number(JSONNumber(page)),
            "per_page": .number(JSONNumber(perPage)),
            "total": .number(JSONNumber(items.count)),
        ]
        if end < items.count, let nextPage = CheckedMath.successor(page) {
            var next = arguments.values
            next["page"] = .number(JSONNumber(nextPage))
            next["per_page"] = .number(JSONNumber(perPage))
            result["next"] = .object(["tool": .string(tool), "arguments": .object(next)])
        }
        return .object(result)
    }
}

extension Invocation {
    /// Sends the action's declared endpoint, filled from `arguments` (by default the caller's).
    func sendDeclared(_ arguments: Arguments? = nil) async throws -> JSONValue {
        guard let endpoint = action.endpoint else { throw ToolError("This action has no implementation.") }
        return try await CatalogueHost.send(endpoint, arguments ?? self.arguments, via: coolify)
    }

    /// Sends one of the endpoints the action declares (its own or one named with `calling`),
    /// its path filled from `segments` and then from the arguments; `query` and `body`, when
    /// given, replace what the declaration would take from the arguments. An endpoint the action
    /// does not declare is refused, so the declarations are the whole of what a handler reaches.
    func send(
        _ endpoint: Endpoint, _ segments: [String: PathSegment] = [:], arguments: Arguments? = nil,
        query: [(String, String)]? = nil, body: JSONValue? = nil
    ) async throws -> JSONValue {
        guard action.declares(endpoint) else {
            throw ToolError("\(tool.name) \(action.name ?? "") does not declare \(endpoint.method.rawValue) \(endpoint.path).")
        }
        return try await CatalogueHost.send(endpoint, arguments ?? self.arguments, pathValues: segments, query: query, body: body, via: coolify)
    }

    /// As ``send(_:_:arguments:query:body:)``, with the failure as a value (for answers that
    /// report a failed part beside the others).
    func attempt(
        _ endpoint: Endpoint, _ segments: [String: PathSegment] = [:],
        query: [(String, String)]? = nil
    ) async -> Result<JSONValue, any Error> {
        do {
            return .success(try await send(endpoint, segments, query: query))
        } catch {
            return .failure(error)
        }
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
