import Coolify
import MCPWire
import JSON

/// An in-process Coolify for handler tests: every request is answered by `answer` (given the
/// request and how many came before it), pauses return at once, and every request is kept.
final class HostileTransport: CoolifyTransport {
    private let answer: @Sendable (CoolifyRequest, Int) -> Result<JSONValue, CoolifyError>
    private let log = Locked<[CoolifyRequest]>([])
    private let pauses = Locked(0)

    init(_ answer: @escaping @Sendable (CoolifyRequest, Int) -> Result<JSONValue, CoolifyError>) {
        self.answer = answer
    }

    /// The same answer to every request.
    convenience init(always value: JSONValue) {
        self.init { _, _ in .success(value) }
    }

    var requests: [CoolifyRequest] { log.withLock { $0 } }

    func send(_ request: CoolifyRequest) async throws(CoolifyError) -> JSONValue {
        let index = log.withLock { log in
            log.append(request)
            return log.count - 1
        }
        return try answer(request, index).get()
    }

    /// No time passes; a loop that never ends is caught rather than hung.
    func pause(milliseconds: Int64) async throws {
        try Task.checkCancellation()
        let count = pauses.withLock { count in
            count += 1
            return count
        }
        if count > 10_000 { throw CancellationError() }
    }
}

/// Answers a well-behaved handler would never expect, each carrying planted secrets.
enum HostileAnswers {
    /// In fields that never leave, reveal or not.
    static let neverLeaves = "planted-never-leaves-7e41"
    /// In revealable fields and in free text: leaves only when a reveal grants it.
    static let revealable = "planted-revealable-0b9c"

    static let privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\n\(neverLeaves)\n-----END OPENSSH PRIVATE KEY-----"

    static func row(_ index: Int) -> JSONValue {
        let log = JSONWriter.string(
            .array([
                ["output": .string("DB_PASSWORD=\(revealable)"), "timestamp": "t", "hidden": false],
                ["output": 5, "hidden": "yes"], .null, 7,
            ]))
        return .object([
            "id": .number(JSONNumber(index)), "uuid": .string("abc\(index)uuid"), "deployment_uuid": .string("dep\(index)uuid"),
            "name": .string("n\(index)"), "key": "K", "status": "running", "environment_id": 1,
            "private_key": .string(privateKey), "sentinel_token": .string(neverLeaves), "client_secret": .string(neverLeaves),
            "password": .string(revealable), "value": .string(revealable), "real_value": .string(revealable),
            "logs": .string(log), "message": .string("DB_PASSWORD=\(revealable)"),
            "settings": ["is_reachable": false, "is_usable": "no", "sentinel_token": .string(neverLeaves)],
            "environments": [["id": 1], ["id": "x"], .null],
            "count": .number(JSONNumber(Int.max)),
        ])
    }

    static func rows(_ count: Int) -> JSONValue { .array((0..<count).map(row)) }

    static func deep(_ levels: Int) -> JSONValue {
        var value: JSONValue = ["private_key": .string(neverLeaves)]
        for level in 0..<levels { value = level % 2 == 0 ? .array([value]) : .object(["data": value]) }
        return value
    }

    static let all: [(name: String, value: JSONValue)] = [
        ("null", .null),
        ("text", .string("<html>login DB_PASSWORD=\(revealable)</html>")),
        ("empty object", [:]),
        ("empty list", []),
        (
            "huge counts",
            .object([
                "count": .number(JSONNumber(Int.max)), "total": .number(JSONNumber(Int.max)),
                "id": .number(JSONNumber(Int.max)), "deployments": rows(3), "data": rows(3), "status": "finished",
                "uuid": "abc0uuid", "private_key": .string(privateKey),
            ])
        ),
        (
            "negative numbers",
            .object([
                "count": -1, "total": .number(JSONNumber(Int.min)), "id": -5, "deployments": rows(2),
                "status": "finished", "sentinel_token": .string(neverLeaves),
            ])
        ),
        (
            "wrong types",
            .object([
                "uuid": 5, "status": [1], "deployments": "x", "logs": 7, "environments": "x", "data": 3,
                "count": "many", "deployment_uuid": ["x"], "key": 5, "executions": 1, "private_key": .string(neverLeaves),
            ])
        ),
        ("wrapped list", .object(["data": rows(5)])),
        ("more rows than asked", rows(60)), // more than any default page (50)
        ("list of nulls", [.null, .null, 1, "x"]),
        ("deep", deep(200)),
        ("one row", row(0)),
    ]
}
