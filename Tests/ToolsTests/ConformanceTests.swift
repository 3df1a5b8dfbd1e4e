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
