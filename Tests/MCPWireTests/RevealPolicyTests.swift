@testable import MCPWire
import Testing
import JSON
@testable import Redaction
import Coolify

/// The sanitizer's policy-aware entry: a reveal unmasks exactly what its grant names, and only
/// when the answer has the shape the grant describes; anything else is masked, with a reason.
@Suite struct RevealPolicyTests {
    let sanitizer = Sanitizer(fields: CoolifyFieldRules())

    func row(_ key: String, _ value: String) -> JSONValue {
        ["uuid": .string("u-" + key), "key": .string(key), "value": .string(value), "real_value": .string(value)]
    }

    @Test func oneVariableIsRevealedWhenEveryRowHasItsKey() {
        let answer: JSONValue = ["data": [row("DATABASE_URL", "one"), row("DATABASE_URL", "preview")], "total": 2]
        let clean = sanitizer.sanitize(answer, grant: .rows(listField: "data", keyField: "key", key: "DATABASE_URL"))
        #expect(clean["data"]?[0]?["value"] == "one")
        #expect(clean["data"]?[1]?["real_value"] == "preview")
        #expect(clean["not_revealed"] == nil)
        // No such variable: an empty page, without a note.
        let none = sanitizer.sanitize(["data": [], "total": 0], grant: .rows(listField: "data", keyField: "key", key: "NOPE"))
        #expect(none == ["data": [], "total": 0])
    }

    /// bfd50e5: a wrapped list reached the boundary unfiltered and every value came back revealed.
    @Test(arguments: [
        ["data": [["key": "DATABASE_URL", "value": "one"], ["key": "API_KEY", "value": "two"]]] as JSONValue,
        ["data": [["data": [["key": "DATABASE_URL", "value": "one"]]]]] as JSONValue,
        [["key": "DATABASE_URL", "value": "one"]] as JSONValue,
        ["data": ["DB_PASSWORD=one"]] as JSONValue,
        ["data": [["key": 5, "value": "one"]]] as JSONValue,
        ["rows": [["key": "DATABASE_URL", "value": "one"]]] as JSONValue,
        JSONValue.string("DB_PASSWORD=one"),
    ])
    func anyOtherShapeFailsClosed(_ answer: JSONValue) {
        let clean = sanitizer.sanitize(answer, grant: .rows(listField: "data", keyField: "key", key: "DATABASE_URL"))
        let text = JSONWriter.string(clean)
        #expect(!text.contains("one") && !text.contains("two"), "\(text)")
        #expect(clean["not_revealed"]?.stringValue?.hasPrefix("Not revealed") == true)
    }

    @Test func oneResourceIsRevealedOnlyWhenTheAnswerIsThatResource() {
        let app: JSONValue = [
            "uuid": "app1", "http_basic_auth_password": "pw", "private_key": "k",
            "environment_variables": [["key": "A", "value": "v"]],
        ]
        let revealed = sanitizer.sanitize(app, grant: .resource(idField: "uuid", id: "app1"))
        #expect(revealed["http_basic_auth_password"] == "pw")
        #expect(revealed["private_key"] == "***")
        for (answer, id) in [(app, "app2"), (.array([app]), "app1"), (.object(["data": app]), "app1"), (app, "")] {
            let clean = sanitizer.sanitize(answer, grant: .resource(idField: "uuid", id: id))
            let text = JSONWriter.string(clean)
            #expect(!text.contains("\"pw\"") && !text.contains("\"v\""), "\(text)")
            #expect(clean["not_revealed"] != nil)
        }
    }

    @Test func aRefusedRevealMasksAndSaysWhy() {
        let clean = sanitizer.sanitize(["password": "pw"], grant: .refused("Not revealed: no."))
        #expect(clean == ["password": "***", "not_revealed": "Not revealed: no."])
        #expect(sanitizer.sanitize(["password": "pw"], grant: .none) == ["password": "***"])
    }

    @Test func protocolMessagesPassTheTextRedactor() {
        let message: JSONValue = [
            "jsonrpc": "2.0", "id": "DB_PASSWORD=keep-the-id", "method": "notifications/progress",
            "params": ["message": "DB_PASSWORD=hunter2-planted"],
        ]
        let clean = SanitizedMessage(message, sanitizer: sanitizer).value
        #expect(!JSONWriter.string(clean["params"] ?? .null).contains("hunter2-planted"))
        #expect(clean["id"] == "DB_PASSWORD=keep-the-id")
    }
}
