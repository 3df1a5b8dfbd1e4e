@testable import Coolify
import Testing

@Suite struct APIPathTests {
    @Test(arguments: ["abc123", "a-b_c.d", "42", String(repeating: "x", count: 128)])
    func segmentsThatAreIdentifiersPass(_ text: String) {
        #expect(PathSegment(validating: text)?.description == text)
    }

    @Test(arguments: ["", ".", "..", "a/b", "../servers", "a?b=c", "a#b", "a%2Fb", "a b", "é", "a\u{0}b", String(repeating: "x", count: 129)])
    func segmentsThatCouldEscapeTheirPlaceAreRefused(_ text: String) {
        #expect(PathSegment(validating: text) == nil)
    }

    @Test func numericIdsMustNotBeNegative() {
        #expect(PathSegment(id: 7)?.description == "7")
        #expect(PathSegment(id: -1) == nil)
    }

    @Test func aTemplateIsFilledOnlyWithSegments() throws {
        let uuid = try #require(PathSegment(validating: "app-1"))
        let path = try APIPath("/applications/{uuid}/envs", ["uuid": uuid])
        #expect(path.description == "/applications/app-1/envs")
    }

    @Test func anUnfilledPlaceholderIsAnError() {
        #expect(throws: APIPath.Failure.unfilled("uuid")) { try APIPath("/applications/{uuid}") }
    }

    @Test func placeholdersAreListedInOrder() {
        #expect(APIPath.placeholders(in: "/{resource}/{uuid}/scheduled-tasks/{task_uuid}") == ["resource", "uuid", "task_uuid"])
    }
}
