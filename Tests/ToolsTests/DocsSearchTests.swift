import JSON
import MCPWire
@testable import Tools
import Testing

/// The offline docs index: ranking, normalisation, bounds and the shipped data.
@Suite struct DocsSearchTests {
    /// What the tool searches in production.
    static let tools = Catalogue.all

    func search(_ query: String, limit: Int = 10, tools: [ToolSpec] = DocsSearchTests.tools) -> [DocsHit] {
        DocsSearch.search(query, limit: limit, tools: tools)
    }

    @Test func environmentVariablesFindsTheEnvironmentVariablesPage() throws {
        let hits = search("environment variables")
        let page = try #require(hits.first)
        #expect(page.kind == .page)
        #expect(page.url == "https://coolify.io/docs/knowledge-base/environment-variables")
        #expect(page.title == "Environment Variables")
        #expect(page.headings == ["Build Time Variables", "Shared Variables", "Predefined Variables"])
        // Our own tool for the job is offered next to it.
        #expect(hits.prefix(3).contains { $0.tool == "env_vars" }, "\(hits.map(\.title))")
    }

    @Test func traefikBasicAuthFindsTheTraefikPageFirst() throws {
        let first = try #require(search("traefik basic auth").first)
        #expect(first.url == "https://coolify.io/docs/knowledge-base/proxy/traefik/basic-auth")
        // The Caddy page matches two of the three words and must come later, not vanish.
        #expect(search("traefik basic auth").contains { $0.url == "https://coolify.io/docs/knowledge-base/proxy/caddy/basic-auth" })
    }

    @Test func askingTheWayAPersonWouldStillFindsThePage() throws {
        let first = try #require(search("How do I add basic auth to Traefik in Coolify?").first)
        #expect(first.url == "https://coolify.io/docs/knowledge-base/proxy/traefik/basic-auth")
    }

    @Test func cancelDeploymentFindsTheOperation() throws {
        let hits = search("cancel deployment")
        let operation = try #require(hits.first { $0.kind == .operation })
        #expect(operation.method == "POST")
        #expect(operation.path == "/deployments/{uuid}/cancel")
        #expect(hits.prefix(3).contains { $0.path == "/deployments/{uuid}/cancel" })
        let first = try #require(search("cancel deployment", tools: []).first)
        #expect(first.path == "/deployments/{uuid}/cancel" && first.method == "POST")
        #expect(first.url == nil && first.tool == nil && first.headings.isEmpty)
    }

    @Test func bulkEnvFindsOurTool() throws {
        let first = try #require(search("bulk env").first)
        #expect(first.kind == .tool)
        #expect(first.tool == "bulk_env_update")
    }

    @Test func toolsComeOnlyFromTheListPassedIn() {
        #expect(!search("bulk env", tools: []).contains { $0.kind == .tool })
    }

    @Test func pluralsAndSuffixesMeetTheirStem() {
        #expect(DocsSearch.normalise("deployments") == DocsSearch.normalise("deploy"))
        #expect(DocsSearch.normalise("deploying") == DocsSearch.normalise("deployed"))
        #expect(DocsSearch.normalise("variables") == DocsSearch.normalise("variable"))
        #expect(DocsSearch.normalise("dependencies") == DocsSearch.normalise("dependency"))
        #expect(DocsSearch.normalise("settings") == DocsSearch.normalise("set"))
        #expect(DocsSearch.normalise("migration") == DocsSearch.normalise("migrate"))
        #expect(DocsSearch.normalise("envs") == DocsSearch.normalise("environment"))
        #expect(DocsSearch.normalise("status") == "status")
        #expect(search("deployments").map(\.title) == search("deployment").map(\.title))
        #expect(search("backups").map(\.title) == search("backup").map(\.title))
        #expect(!search("backups").isEmpty)
    }

    @Test func aPrefixOfFourLettersFindsTheLongerWord() {
        #expect(search("postgres").contains { $0.title.contains("PostgreSQL") })
    }

    @Test func onlyTheMatchingHeadingsAreReturned() throws {
        let hits = search("magic environment variables", limit: 20)
        let compose = try #require(hits.first { $0.url == "https://coolify.io/docs/knowledge-base/docker/compose" })
        #expect(compose.headings == ["Defining environment variables", "Coolify's magic environment variables"])
        let page = try #require(DocsPage.all.first { $0.url == compose.url })
        #expect(page.headingList.count > compose.headings.count)
    }

    @Test func ranksAreOrderedAndTiesPreferTheShorterTitle() {
        let hits = search("environment variables", limit: 20)
        for (left, right) in zip(hits, hits.dropFirst()) {
            #expect(left.score > right.score || (left.score == right.score && left.title.count <= right.title.count))
        }
    }

    @Test(arguments: [1, 3, 7, 20])
    func theLimitIsRespected(_ limit: Int) {
        let hits = search("docker", limit: limit)
        #expect(hits.count == limit)
    }

    @Test func aLimitOfZeroFindsNothing() {
        #expect(search("docker", limit: 0).isEmpty)
        #expect(search("docker", limit: -1).isEmpty)
    }

    @Test(arguments: ["", "   ", "?!.,;:-- ///", "\u{0}\u{1}\u{7F}", "🚀🔥"])
    func queriesWithoutWordsFindNothing(_ query: String) {
        #expect(search(query).isEmpty)
    }

    @Test(arguments: HostileQuery.allCases)
    func hostileQueriesStayCheap(_ kind: HostileQuery) {
        let query = kind.text
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<3 { _ = search(query, limit: 20) }
        }
        #expect(elapsed < .seconds(2), "\(kind): \(elapsed) for three searches")
        #expect(DocsSearch.queryTerms(query).count <= DocsSearch.maxQueryWords)
    }

    enum HostileQuery: CaseIterable, CustomTestStringConvertible, Sendable {
        case manyWords, oneLongWord, combiningMarks, controlCharacters, emoji, mixed

        var text: String {
            let mebibyte = 1 << 20
            switch self {
            case .manyWords: return String(repeating: "deploy traefik ", count: mebibyte / 15)
            case .oneLongWord: return String(repeating: "a", count: mebibyte)
            case .combiningMarks: return "e" + String(repeating: "\u{301}", count: mebibyte / 2)
            case .controlCharacters: return String(repeating: "\u{0}\u{1B}[31m\r\n\u{7}", count: mebibyte / 8)
            case .emoji: return String(repeating: "👩‍👩‍👧‍👦🏳️‍🌈", count: mebibyte / 32)
            case .mixed: return String(repeating: "Dépl😀yé\u{202E}ment\u{0}s ", count: mebibyte / 24)
            }
        }

        var testDescription: String { "\(self)" }
    }

    @Test func controlCharactersAndEmojiSplitWords() throws {
        let first = try #require(search("🚀traefik\u{0}basic\u{1B}auth🔥").first)
        #expect(first.url == "https://coolify.io/docs/knowledge-base/proxy/traefik/basic-auth")
    }

    @Test func naturalLogIsCloseToTheTruth() {
        #expect(abs(DocsSearch.naturalLog(1)) < 1e-12)
        #expect(abs(DocsSearch.naturalLog(2.718_281_828_459_045) - 1) < 1e-9)
        #expect(abs(DocsSearch.naturalLog(1000) - 6.907_755_278_982_137) < 1e-9)
        #expect(abs(DocsSearch.naturalLog(0.5) + 0.693_147_180_559_945_3) < 1e-9)
    }
}

/// The generated page list, checked as data.
@Suite struct DocsSearchPagesTests {
    @Test func everyRowOfTheShippedDataIsCompiledIn() {
        // 253 is the row count of the shipped data (Generated/DocsPages.swift, made by scripts/gen-docs-index)
        // (May 2025 snapshot of coollabsio/coolify-docs); update it with the data.
        #expect(DocsPage.all.count == 253)
    }

    @Test func pagesAreUniqueCoolifyAddressesWithTitles() {
        #expect(Set(DocsPage.all.map(\.url)).count == DocsPage.all.count)
        for page in DocsPage.all {
            #expect(page.url.hasPrefix("https://coolify.io/docs/"), "\(page.url)")
            #expect(!page.title.isEmpty, "\(page.url)")
            #expect(page.headingList.allSatisfy { !$0.isEmpty && !$0.contains(" | ") }, "\(page.url)")
        }
    }

    @Test func everyPageCanBeFoundByItsTitle() {
        var misses: [String] = []
        for page in DocsPage.all where !DocsSearch.queryTerms(page.title).isEmpty {
            let hits = DocsSearch.search(page.title, limit: 20, tools: [])
            if !hits.contains(where: { $0.url == page.url }) { misses.append(page.title) }
        }
        #expect(misses.isEmpty, "\(misses)")
    }
}

/// The search_docs tool's answer.
@Suite struct DocsSearchToolTests {
    func answer(_ raw: JSONObject) throws(ToolError) -> JSONValue {
        let args = try ArgumentValidator.validate(raw, against: ToolSpec.searchDocs.params)
        return try DocsSearch.answer(args, tools: DocsSearchTests.tools)
    }

    @Test func theToolIsListedStaysInsideAndOnlyReads() throws {
        let tool = try #require(Catalogue.all.first { $0.name == "search_docs" })
        #expect(tool.name == "search_docs")
        #expect(!tool.openWorld && tool.readOnly && !tool.destructive)
        #expect(tool.params.map(\.name) == ["query", "limit"])
        #expect(tool.params.first?.required == true)
    }

    @Test func resultsCarryTheirFieldsAndTheTotal() throws {
        let result = try answer(["query": "traefik basic auth", "limit": 2])
        let results = try #require(result["results"]?.arrayValue)
        #expect(results.count == 2)
        let total = try #require(result["total"]?.intValue)
        #expect(total >= 2)
        let first = try #require(results.first?.objectValue)
        #expect(first["kind"] == "page")
        #expect(first["url"] == "https://coolify.io/docs/knowledge-base/proxy/traefik/basic-auth")
        #expect(first["method"] == nil && first["path"] == nil && first["tool"] == nil)
        #expect(first["score"]?.doubleValue != nil)
    }

    @Test func operationsAndToolsOmitPageFields() throws {
        let operation = try #require(
            try answer(["query": "cancel deployment"])["results"]?.arrayValue?
                .first { $0["kind"] == "operation" }?.objectValue)
        #expect(operation["method"] == "POST" && operation["path"] == "/deployments/{uuid}/cancel")
        #expect(operation["url"] == nil && operation["headings"] == nil)
        let tool = try #require(try answer(["query": "bulk env"])["results"]?.arrayValue?.first?.objectValue)
        #expect(tool["kind"] == "tool" && tool["tool"] == "bulk_env_update")
    }

    @Test func theDefaultLimitIsFive() throws {
        #expect(try answer(["query": "docker"])["results"]?.arrayValue?.count == 5)
    }

    @Test(arguments: [0, 21, -3])
    func limitsOutsideOneToTwentyAreRefused(_ limit: Int) {
        #expect(throws: ToolError.self) { _ = try answer(["query": "docker", "limit": .number(JSONNumber(limit))]) }
    }

    @Test func nothingFoundGivesAHint() throws {
        let none = try answer(["query": "zzqxv"])
        #expect(none["results"] == [])
        #expect(none["total"] == nil)
        #expect(none["hint"]?.stringValue?.isEmpty == false)
        let empty = try answer(["query": "?!"])
        #expect(empty["results"] == [])
        #expect(empty["hint"]?.stringValue?.contains("no words") == true)
    }
}

@Suite struct DocsSearchCallTests {
    @Test func anOperationNamesTheActionThatCallsIt() throws {
        let answer = try DocsSearch.answer(Arguments(values: ["query": "cancel deployment", "limit": 20]), tools: Catalogue.all)
        let results = answer["results"]?.arrayValue ?? []
        let cancel = try #require(results.first { $0["path"] == "/deployments/{uuid}/cancel" })
        #expect(cancel["call"] == "deployment cancel")
    }

    @Test func aNarrowedSessionIsPointedOnlyAtWhatItOffers() throws {
        let offered = Catalogue.all.filter { $0.name == "search_docs" || $0.name == "deployment" }
        let answer = try DocsSearch.answer(Arguments(values: ["query": "cancel deployment", "limit": 20]), tools: offered, readOnly: true)
        let results = answer["results"]?.arrayValue ?? []
        #expect(!results.contains { $0["tool"] == "deploy" })
        let cancel = try #require(results.first { $0["path"] == "/deployments/{uuid}/cancel" })
        #expect(cancel["call"] == nil, "cancel writes: not offered in read-only mode")
        let get = try #require(results.first { $0["path"] == "/deployments/{uuid}" })
        #expect(get["call"] == "deployment get")
    }
}
