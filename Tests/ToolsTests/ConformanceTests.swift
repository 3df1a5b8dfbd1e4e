import JSON
import Testing
@testable import Tools

@Suite struct ConformanceTests {
    @Test func everyDeclaredCallIsOneCoolifyTakes() {
        let problems = Conformance.problems()
        for problem in problems { print("PROBLEM " + problem) }
        #expect(problems.isEmpty, Comment(rawValue: "\(problems.count) problems:\n" + problems.joined(separator: "\n")))
    }
}

@Suite struct DerivedTypeTests {
    /// An argument reaching fields of different types (a string here, an integer there) would
    /// keep its declared type and mislead a model about one of them.
    @Test(arguments: Catalogue.all.map(\.name))
    func everyArgumentReachesFieldsOfOneType(_ name: String) throws {
        let tool = try #require(Catalogue.all.first { $0.name == name })
        #expect(DerivedParams.conflicts(tool).isEmpty, "\(name): \(DerivedParams.conflicts(tool))")
    }

    /// The schema a client sees says what Coolify says: an integer where Coolify wants one, its
    /// enum where it has one.
    @Test func theSchemaCarriesCoolifysTypes() throws {
        func property(_ tool: String, _ name: String) throws -> JSONValue? {
            let spec = try #require(Catalogue.all.first { $0.name == tool })
            return ToolSchema.definition(spec, readOnly: false)["inputSchema"]?["properties"]?[name]
        }
        #expect(try property("shared_env_vars", "env_id")?["type"] == "integer")
        #expect(try property("destination", "type")?["enum"] == ["standalone", "swarm"])
        let proxy = try property("server", "proxy_type")?["enum"]?.arrayValue ?? []
        #expect(proxy.contains("nginx"))
        let item = try property("application", "docker_compose_domains")?["items"]?["properties"]?.objectValue
        #expect(item?.keys == ["name", "domain", "redirect"])
    }
}

@Suite struct FieldsArgumentTests {
    static let params = [Param.fields]

    @Test func listsOfFlatObjectsPassAndDeeperShapesDoNot() throws {
        let domains: JSONValue = [["name": "web", "domain": "https://a.test"]]
        _ = try ArgumentValidator.validate(["fields": ["docker_compose_domains": domains]], against: Self.params)
        #expect(throws: ToolError.self) {
            _ = try ArgumentValidator.validate(["fields": ["x": [["nested": ["too": "deep"]]]]], against: Self.params)
        }
        #expect(throws: ToolError.self) {
            _ = try ArgumentValidator.validate(["fields": ["x": ["object": "not in a list"]]], against: Self.params)
        }
    }

    @Test func stringsInsideListsAreBoundedToo() {
        let big = JSONValue.string(String(repeating: "a", count: 1024 * 1024 + 1))
        #expect(throws: ToolError.self) { _ = try ArgumentValidator.validate(["fields": ["x": [big]]], against: Self.params) }
        #expect(throws: ToolError.self) { _ = try ArgumentValidator.validate(["fields": ["x": [["name": big]]]], against: Self.params) }
    }
}
