import Coolify
import MCPWire
@testable import Tools
import Testing
import JSON
import Redaction

/// Every action of every tool, run in-process against answers no Coolify should give: huge and
/// negative counts, wrong types, wrapped lists, nulls, deep nesting, more rows than asked. Each
/// call must end (no trap: a trap ends the test process), as a result or a clean tool error,
/// and nothing planted in a secret field may pass the response boundary.
@Suite struct HostileAnswerTests {
    static let sanitizer = Sanitizer(fields: CoolifyFieldRules())

    static func sample(_ param: Param) -> JSONValue {
        switch param.kind {
        case .string: return "abc0uuid"
        case .integer: return 1
        case .number: return 1.5
        case .boolean: return true
        case .oneOf(let values): return .string(values.first ?? "")
        case .stringArray: return ["abc0uuid"]
        case .integerArray: return [1]
        case .objectArray(let fields):
            var item = JSONObject()
            for field in fields where field.required { item[field.name] = sample(field) }
            return [.object(item)]
        case .fields: return ["name": "x"]
        }
    }

    /// The required arguments; then every optional integer at Int.max (pages, lines, limits)
    /// and every optional boolean true (wait, include_full, reveal, confirm); then the
    /// booleans alone, so the waiting paths (deploy, run_once) run to their own limits.
    static func argumentSets(_ tool: ToolSpec, _ action: ActionSpec) -> [JSONObject] {
        let params = DerivedParams.params(tool)
        var required = JSONObject()
        for param in params where param.required || action.requires.contains(param.name) { required[param.name] = sample(param) }
        if tool.isActionTool, let name = action.name { required["action"] = .string(name) }
        var extreme = required, flags = required
        for param in params where required[param.name] == nil {
            switch param.kind {
            case .integer: extreme[param.name] = .number(JSONNumber(Int.max))
            case .boolean: extreme[param.name] = true; flags[param.name] = true
            default: break
            }
        }
        return [required, extreme, flags]
    }

    /// One host per answer (a host builds every tool's schema, so one per call would cost more
    /// than the calls).
    static let hosts: [(shape: String, host: CatalogueHost)] = HostileAnswers.all.map { shape, answer in
        (shape, CatalogueHost(tools: Catalogue.all, coolify: HostileTransport(always: answer), readOnly: false))
    }

    static let cases: [String] = Catalogue.all.flatMap { tool in tool.actions.map { "\(tool.name) \($0.name ?? "")" } }

    /// One test running the actions one after another rather than one test case per action:
    /// the cases are CPU-bound, and run in parallel they would fill the concurrency pool (two
    /// threads here) and starve the dispatcher tests that wait a few seconds for a drain.
    @Test func everyActionSurvivesHostileAnswers() async throws {
        for label in Self.cases { try await run(label) }
    }

    func run(_ label: String) async throws {
        let parts = label.split(separator: " ", omittingEmptySubsequences: false)
        let tool = try #require(Catalogue.all.first { $0.name == parts[0] })
        let action = try #require(tool.actions.first { ($0.name ?? "") == parts[1] })
        for (shape, host) in Self.hosts {
            for arguments in Self.argumentSets(tool, action) {
                let progress = Locked<[String]>([])
                let context = ToolCallContext(progressToken: "p") { _, _, _, message in
                    if let message { progress.withLock { $0.append(message) } }
                }
                let outcome = try #require(await host.callTool(name: tool.name, arguments: arguments, context: context))
                let clean = Self.sanitizer.sanitize(outcome.content, grant: outcome.reveal)
                let where_ = "\(label) against \(shape) with \(JSONWriter.string(.object(arguments)))"
                if outcome.isError {
                    let message = clean["error"]?.stringValue ?? ""
                    #expect(message.split(separator: " ").count >= 3, "\(where_): \(message)")
                    #expect(message != "The tool failed unexpectedly.", "\(where_)")
                }
                let text = JSONWriter.string(clean)
                #expect(!text.contains(HostileAnswers.neverLeaves), "\(where_)")
                if case .resource = outcome.reveal {
                } else if case .rows = outcome.reveal {
                } else {
                    #expect(!text.contains(HostileAnswers.revealable), "\(where_)")
                }
                for message in progress.withLock({ $0 }) {
                    let line = JSONWriter.string(SanitizedMessage(["message": .string(message)], sanitizer: Self.sanitizer).value)
                    #expect(!line.contains(HostileAnswers.revealable) && !line.contains(HostileAnswers.neverLeaves), "\(where_)")
                }
            }
        }
    }

    /// bfd50e5: skip + rows.count overflowed (page Int.max, per_page 1, five rows for one asked)
    /// and the process ended.
    @Test(arguments: [(Int.max, 1), (Int.max, 100), (Int.max / 2, 2), (1 << 62, 1)])
    func deploymentPagesNearIntMax(_ page: Int, _ perPage: Int) async throws {
        for count in [Int.max, -1, 3, Int.min] {
            let transport = HostileTransport(always: .object(["count": .number(JSONNumber(count)), "deployments": HostileAnswers.rows(5)]))
            let host = CatalogueHost(tools: Catalogue.all, coolify: transport, readOnly: false)
            let outcome = try #require(
                await host.callTool(
                    name: "deployment",
                    arguments: ["action": "list_for_app", "uuid": "app0uuid", "page": .number(JSONNumber(page)), "per_page": .number(JSONNumber(perPage))],
                    context: ToolCallContext(progressToken: nil) { _, _, _, _ in }))
            if outcome.isError {
                #expect(outcome.content["error"]?.stringValue?.contains("page") == true)
                #expect(transport.requests.isEmpty)
            } else {
                #expect((outcome.content["data"]?.arrayValue?.count ?? .max) <= perPage)
                #expect((outcome.content["total"]?.intValue ?? -1) >= 0)
                if let next = outcome.content["next"]?["arguments"]?["page"]?.intValue { #expect(next == page + 1) }
            }
        }
    }

    @Test func listPagesNearIntMaxNameNoNextPastTheEnd() throws {
        let answer = HostileAnswers.rows(3)
        let page = try CatalogueHost.project(
            answer, .list(["uuid"]), tool: "list_applications",
            arguments: Arguments(values: ["page": .number(JSONNumber(Int.max)), "per_page": 200]))
        #expect(page["data"]?.arrayValue?.isEmpty == true)
        #expect(page["next"] == nil)
    }

    /// tools/list passes the protocol sanitizer's text pass like every message: the catalogue's
    /// own words must come through it unchanged (a redaction rule matching a description or a
    /// parameter name would break the schema).
    @Test func theCatalogueComesThroughTheProtocolSanitizerUnchanged() {
        for readOnly in [false, true] {
            let tools = JSONValue.array(Catalogue.all.map { ToolSchema.definition($0, readOnly: readOnly) })
            let message: JSONValue = ["jsonrpc": "2.0", "id": 1, "result": ["tools": tools]]
            #expect(SanitizedMessage(message, sanitizer: Self.sanitizer).value == message)
        }
    }

    /// Reveal is the action's declared policy: list_resources reveals nothing, whatever it is asked.
    @Test func systemListResourcesRevealsNothing() async throws {
        let transport = HostileTransport(always: HostileAnswers.rows(4))
        let host = CatalogueHost(tools: Catalogue.all, coolify: transport, readOnly: false)
        let outcome = try #require(
            await host.callTool(
                name: "system", arguments: ["action": "list_resources", "include_full": true, "reveal": true],
                context: ToolCallContext(progressToken: nil) { _, _, _, _ in }))
        guard case .refused = outcome.reveal else { Issue.record("list_resources was granted \(outcome.reveal)"); return }
        let text = JSONWriter.string(Self.sanitizer.sanitize(outcome.content, grant: outcome.reveal))
        #expect(!text.contains(HostileAnswers.revealable))
        #expect(text.contains("Not revealed"))
    }

    /// bfd50e5: a wrapped variable list went out whole, every value revealed.
    @Test(arguments: ["env_vars", "shared_env_vars"])
    func aWrappedVariableListRevealsOnlyTheNamedKey(_ name: String) async throws {
        func variable(_ key: String, _ value: String) -> JSONValue {
            ["uuid": .string("u" + key), "key": .string(key), "value": .string(value), "real_value": .string(value)]
        }
        let transport = HostileTransport(always: [
            "data": [
                variable("DATABASE_URL", "wanted-value-1"), variable("API_KEY", HostileAnswers.revealable),
                variable("OTHER", HostileAnswers.revealable),
            ]
        ])
        let host = CatalogueHost(tools: Catalogue.all, coolify: transport, readOnly: false)
        var arguments: JSONObject = ["action": "list", "key": "DATABASE_URL", "reveal": true]
        if name == "env_vars" { arguments["resource"] = "application"; arguments["uuid"] = "app0uuid" } else { arguments["scope"] = "team" }
        let outcome = try #require(await host.callTool(name: name, arguments: arguments, context: ToolCallContext(progressToken: nil) { _, _, _, _ in }))
        let clean = Self.sanitizer.sanitize(outcome.content, grant: outcome.reveal)
        let text = JSONWriter.string(clean)
        #expect(!text.contains(HostileAnswers.revealable))
        #expect(clean["data"]?.arrayValue?.count == 1)
        #expect(clean["data"]?[0]?["value"] == "wanted-value-1")
    }
}
