import MCPWire
@testable import Tools
import Testing

/// The catalogue tested as data.
@Suite struct CatalogueTests {
    static let tools = Catalogue.all

    @Test func namesAreUniqueSnakeCase() {
        let names = Self.tools.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.allSatisfy { ($0 >= "a" && $0 <= "z") || $0 == "_" }, "\(name)")
        }
    }

    @Test(arguments: Catalogue.all.map(\.name))
    func everyPathParameterIsARequiredArgument(_ name: String) throws {
        let tool = try #require(Self.tools.first { $0.name == name })
        let params = ToolSchema.allParams(tool)
        for action in tool.actions {
            for parameter in action.endpoint?.pathParameters ?? [] where parameter != "resource" {
                let param = try #require(params.first { $0.name == parameter }, "\(name): {\(parameter)} is not an argument")
                #expect(param.required || action.requires.contains(parameter), "\(name): {\(parameter)} is optional")
            }
        }
    }

    @Test(arguments: Catalogue.all.map(\.name))
    func hintsFollowTheActions(_ name: String) throws {
        let tool = try #require(Self.tools.first { $0.name == name })
        #expect(!tool.actions.isEmpty)
        if tool.destructive { #expect(!tool.readOnly) }
        #expect(tool.readOnly == tool.actions.allSatisfy { $0.effect == .read })
        if tool.isActionTool {
            #expect(tool.actions.allSatisfy { $0.name != nil }, "\(name): every action is named")
        }
        for action in tool.actions {
            #expect(action.endpoint != nil || action.handler != nil, "\(name) \(action.name ?? ""): no implementation")
        }
    }

    @Test(arguments: Catalogue.all.map(\.name))
    func schemasAreObjectsWithAllFiveHints(_ name: String) throws {
        let tool = try #require(Self.tools.first { $0.name == name })
        let definition = ToolSchema.definition(tool, readOnly: false)
        #expect(definition["inputSchema"]?["type"] == "object")
        let annotations = try #require(definition["annotations"]?.objectValue)
        for hint in ["title", "readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] {
            #expect(annotations[hint] != nil, "\(name) lacks \(hint)")
        }
        #expect(definition["title"]?.stringValue?.isEmpty == false)
        #expect(definition["description"]?.stringValue?.isEmpty == false)
    }

    @Test func theIssueToolsAreAllThere() {
        let names = Set(Self.tools.map(\.name))
        for name in ["get_version", "get_mcp_version", "list_applications", "get_application", "list_servers", "get_server",
                     "env_vars", "bulk_env_update"] {
            #expect(names.contains(name), "\(name) missing")
        }
    }

    @Test func envVarsActionsAreClassified() throws {
        let tool = try #require(Self.tools.first { $0.name == "env_vars" })
        let effects = Dictionary(uniqueKeysWithValues: tool.actions.map { ($0.name ?? "", $0.effect) })
        #expect(effects == ["list": .read, "create": .write, "update": .write, "delete": .destructive, "bulk_update": .write])
        #expect(tool.destructive && !tool.readOnly && tool.offersReveal)
    }

    @Test func onlyGetMCPVersionStaysInside() {
        #expect(Self.tools.filter { !$0.openWorld }.map(\.name) == ["get_mcp_version"])
    }
}

@Suite struct ArgumentValidatorTests {
    let params: [Param] = [.uuid(), .integer("n", "A number."), .boolean("flag", "A flag."),
                           .oneOf("kind", ["a", "b"], "A kind."), .stringArray("list", "Strings.")]

    func validate(_ raw: JSONObject) -> String? {
        do {
            _ = try ArgumentValidator.validate(raw, against: params)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func acceptsValidArguments() {
        #expect(validate(["uuid": "abc", "n": 3, "flag": true, "kind": "a", "list": ["x"]]) == nil)
        #expect(validate(["uuid": "abc", "n": .number(JSONNumber(text: "3.0")!)]) == nil)
        #expect(validate(["uuid": "abc", "n": .null]) == nil)
    }

    static let refusals: [(JSONObject, String)] = {
        var cases: [(JSONObject, String)] = []
        cases.append((["n": .number(JSONNumber(1))], "Missing required argument \"uuid\""))
        cases.append((["uuid": .number(JSONNumber(5))], "\"uuid\" must be a string"))
        cases.append((["uuid": .string("a"), "n": .number(JSONNumber(text: "1.5")!)], "\"n\" must be an integer"))
        cases.append((["uuid": .string("a"), "n": .number(JSONNumber(text: "1e400")!)], "\"n\" must be an integer"))
        cases.append((["uuid": .string("a"), "flag": .string("true")], "\"flag\" must be true or false"))
        cases.append((["uuid": .string("a"), "kind": .string("c")], "\"kind\" must be one of: a, b"))
        cases.append((["uuid": .string("a"), "list": .array([.number(JSONNumber(1))])], "\"list\" must be an array of strings"))
        cases.append((["uuid": .string("a"), "other": .number(JSONNumber(1))], "Unknown argument \"other\""))
        return cases
    }()

    @Test(arguments: ArgumentValidatorTests.refusals)
    func refusesWithASentence(_ raw: JSONObject, _ expected: String) {
        let message = validate(raw)
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test(arguments: ["../servers", "..", ".", "a/b", "a%2Fb", "a b", "", String(repeating: "a", count: 200)])
    func pathSegmentsCannotEscape(_ value: String) {
        let args = Arguments(values: ["uuid": .string(value)])
        #expect(throws: ToolError.self) { _ = try args.pathSegment("uuid") }
    }

    @Test(arguments: ["..", ".", "", "a/b", String(repeating: "a", count: 129)])
    func everyPathValueFollowsOneRule(_ value: String) {
        // bulk_env_update checked its app_uuids more loosely than pathSegment ("..", no length).
        #expect(!Arguments.isPathSegment(value))
    }

    @Test func errorsDoNotEchoValues() {
        let message = validate(["uuid": "a", "kind": "hunter2-secret"])
        #expect(message?.contains("hunter2") == false)
    }
}

@Suite struct ProjectionTests {
    @Test func summariesKeepOnlyNamedFields() {
        let item: JSONValue = ["uuid": "u", "name": "n", "secret": "s", "settings": ["is_reachable": true]]
        let summary = CatalogueHost.summarize(item, ["uuid", "name", "settings.is_reachable", "missing"])
        #expect(summary == ["uuid": "u", "name": "n", "is_reachable": true])
    }

    @Test func paginationOffersTheNextPageAsACall() throws {
        let items = (0..<5).map { JSONValue.number(JSONNumber($0)) }
        let first = try CatalogueHost.paginate(items, tool: "list_x", arguments: Arguments(values: ["per_page": 2]))
        #expect(first["data"] == [0, 1])
        #expect(first["total"] == 5)
        #expect(first["next"] == ["tool": "list_x", "arguments": ["per_page": 2, "page": 2]])
        let last = try CatalogueHost.paginate(items, tool: "list_x", arguments: Arguments(values: ["per_page": 2, "page": 3]))
        #expect(last["data"] == [4])
        #expect(last["next"] == nil)
        let beyond = try CatalogueHost.paginate(items, tool: "list_x", arguments: Arguments(values: ["page": 9]))
        #expect(beyond["data"] == [])
    }

    @Test func aHugePageIsEmptyNotAnOverflow() throws {
        // Found by FuzzArguments: (page - 1) * per_page trapped for page near Int.max.
        let items = (0..<3).map { JSONValue.number(JSONNumber($0)) }
        let page = try CatalogueHost.paginate(items, tool: "t", arguments: Arguments(values: ["page": .number(JSONNumber(Int.max)), "per_page": 200]))
        #expect(page["data"] == [])
        #expect(page["next"] == nil)
    }

    @Test(arguments: [["page": 0] as JSONObject, ["per_page": 0], ["per_page": 201]])
    func paginationRefusesOutOfRange(_ raw: JSONObject) {
        #expect(throws: ToolError.self) { _ = try CatalogueHost.paginate([], tool: "t", arguments: Arguments(values: raw)) }
    }
}

@Suite struct EnabledToolsTests {
    @Test func everythingByDefault() throws {
        #expect(try Catalogue.enabled(tools: nil, toolsets: nil, readOnly: false).map(\.name) == Catalogue.all.map(\.name))
    }

    @Test func toolsAndToolsetsNarrow() throws {
        #expect(try Catalogue.enabled(tools: ["get_version", "env_vars"], toolsets: nil, readOnly: false).map(\.name) == ["get_version", "env_vars"])
        #expect(try Catalogue.enabled(tools: nil, toolsets: ["servers"], readOnly: false).map(\.name) == ["list_servers", "get_server"])
        #expect(try Catalogue.enabled(tools: ["get_version"], toolsets: ["servers"], readOnly: false).map(\.name) == ["get_version", "list_servers", "get_server"])
    }

    @Test func readOnlyWinsOverBoth() throws {
        let names = try Catalogue.enabled(tools: ["env_vars", "bulk_env_update"], toolsets: nil, readOnly: true).map(\.name)
        #expect(names == ["env_vars"])
        let envVars = try #require(Catalogue.all.first { $0.name == "env_vars" })
        let definition = ToolSchema.definition(envVars, readOnly: true)
        #expect(definition["inputSchema"]?["properties"]?["action"]?["enum"] == ["list"])
        #expect(definition["annotations"]?["readOnlyHint"] == true)
        #expect(definition["annotations"]?["destructiveHint"] == false)
    }

    @Test func unknownNamesAreErrors() {
        #expect(throws: ToolError.self) { _ = try Catalogue.enabled(tools: ["nope"], toolsets: nil, readOnly: false) }
        #expect(throws: ToolError.self) { _ = try Catalogue.enabled(tools: nil, toolsets: ["nope"], readOnly: false) }
    }
}
