// FuzzArguments: tool-argument validation and everything validated arguments feed.
//
// Per input, the input as a JSON object (strict UTF-8, depth 16) is validated against the
// parameter list of every tool in Catalogue.all (ToolSchema.allParams). Then:
//  - validation errors never echo a value (only names and types): a string value holding '@'
//    (a character no message template uses) must not appear in the message unless it is also
//    part of a field name, which messages may quote;
//  - for every string parameter present, `Arguments.pathSegment` either refuses it or returns it
//    unchanged, non-empty, at most 128 bytes, only [A-Za-z0-9._-], never "/" and never the dot
//    segments "." or ".." (a longer value containing "..", such as "a..b" or "...", is not a dot
//    segment; it is reported once as a NOTE, and is a failure with FUZZ_STRICT_DOTDOT=1);
//  - `CatalogueHost.request` for every action with an endpoint: the path keeps the template's
//    segment count, has no empty, "." or ".." segment and no leftover placeholder;
//  - `CatalogueHost.project` for every list projection, over a synthetic 7-item answer: pages are
//    cut as promised (at most per_page items, "next" names page + 1 exactly when more remain);
//  - every tool the input validates for runs its handler in-process (`CatalogueHost.callTool`)
//    against a Coolify whose answers are built from the input itself: as it came, wrapped as
//    {"data": ...}, repeated past any page, with counts at Int.max and Int.min, as a log string,
//    and rows with planted secrets. The call must end (an overflow traps), as a result or a tool
//    error other than "failed unexpectedly", and the planted never-leaving secret must not pass
//    the response boundary (the sanitizer with the call's reveal grant).

internal import Coolify
internal import FuzzSupport
internal import JSON
internal import MCPWire
internal import Tools
import Dispatch

#if canImport(Glibc)
    import Glibc
    import Redaction
#endif

private let target = "FuzzArguments"
private let notes = FuzzNotes()
private let strictDotDot = fuzzFlag("FUZZ_STRICT_DOTDOT")

private let tools: [(spec: ToolSpec, params: [Param])] = Catalogue.all.map { ($0, ToolSchema.allParams($0)) }

private let answer: JSONValue = .array(
    (0..<7).map { i in
        .object([
            "uuid": .string("u\(i)"), "name": .string("n\(i)"), "status": "running", "ip": "10.0.0.\(i)",
            "settings": .object(["is_reachable": true, "is_usable": .bool(i % 2 == 0)]), "other": "x",
        ])
    })

private func stringValues(_ value: JSONValue, into out: inout [String]) {
    switch value {
    case .string(let text): out.append(text)
    case .array(let items): for item in items { stringValues(item, into: &out) }
    case .object(let object): for (_, member) in object { stringValues(member, into: &out) }
    default: break
    }
}

private func keys(_ value: JSONValue, into out: inout [String]) {
    switch value {
    case .array(let items): for item in items { keys(item, into: &out) }
    case .object(let object):
        for (key, member) in object {
            out.append(key)
            keys(member, into: &out)
        }
    default: break
    }
}

private func isSegmentByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
        return true
    default:
        return false
    }
}

private func checkSegment(_ tool: String, _ param: String, _ given: String, _ segment: String) {
    let where_ = "\(tool).\(param)"
    if segment != given { fuzzFailure(target, "\(where_): pathSegment changed the value") }
    if segment.isEmpty || segment.utf8.count > 128 { fuzzFailure(target, "\(where_): pathSegment returned \(segment.utf8.count) bytes") }
    if segment.contains("/") { fuzzFailure(target, "\(where_): pathSegment returned a value with '/'") }
    if segment == "." || segment == ".." { fuzzFailure(target, "\(where_): pathSegment returned the dot segment \(segment)") }
    if !segment.utf8.allSatisfy(isSegmentByte) { fuzzFailure(target, "\(where_): pathSegment returned a byte outside [A-Za-z0-9._-]") }
    if segment.contains("..") {
        if strictDotDot { fuzzFailure(target, "\(where_): pathSegment returned \(String(reflecting: segment)), which contains \"..\"") }
        notes.once(
            "dotdot",
            "\(where_): pathSegment accepts \(String(reflecting: segment)), which contains \"..\" (not a dot segment; FUZZ_STRICT_DOTDOT=1 makes this a failure)"
        )
    }
}

private func checkRequest(_ tool: ToolSpec, _ endpoint: Endpoint, _ path: String) {
    let template = endpoint.path.split(separator: "/", omittingEmptySubsequences: false)
    let segments = path.split(separator: "/", omittingEmptySubsequences: false)
    if segments.count != template.count { fuzzFailure(target, "\(tool.name): request path has \(segments.count) segments, template \(template.count)") }
    for segment in segments.dropFirst() where segment.isEmpty || segment == "." || segment == ".." {
        fuzzFailure(target, "\(tool.name): request path has an empty or dot segment")
    }
    if path.contains("{") || path.contains("}") { fuzzFailure(target, "\(tool.name): request path keeps a placeholder") }
}

private func checkProjection(_ tool: ToolSpec, _ projection: Projection, _ args: Arguments) {
    guard case .list = projection else { return }
    let result: JSONValue
    do {
        result = try CatalogueHost.project(answer, projection, tool: tool.name, arguments: args)
    } catch {
        return
    }
    let page = args.int("page") ?? 1
    let perPage = args.int("per_page") ?? 50
    guard let data = result["data"]?.arrayValue else { fuzzFailure(target, "\(tool.name): page without data") }
    let total = answer.arrayValue!.count
    let start = page - 1 > total / perPage ? total : min((page - 1) * perPage, total)
    let expected = min(perPage, total - start)
    if data.count != expected { fuzzFailure(target, "\(tool.name): page \(page) of \(perPage) has \(data.count) items, expected \(expected)") }
    let more = start + expected < total
    if let next = result["next"] {
        guard more else { fuzzFailure(target, "\(tool.name): \"next\" after the last page") }
        guard next["arguments"]?["page"]?.intValue == page + 1 else { fuzzFailure(target, "\(tool.name): \"next\" does not name page + 1") }
    } else if more {
        fuzzFailure(target, "\(tool.name): no \"next\" although items remain")
    }
}

// MARK: - Handlers against hostile answers

/// Never leaves the process, whatever the call and its reveal.
private let planted = "fuzz-planted-never-leaves-5c2d"

private let plantedRow: JSONValue = .object([
    "uuid": "u0", "deployment_uuid": "d0", "key": "K", "status": "running", "id": .number(JSONNumber(Int.max)),
    "private_key": .string("-----BEGIN OPENSSH PRIVATE KEY-----\n\(planted)\n-----END OPENSSH PRIVATE KEY-----"),
    "sentinel_token": .string(planted), "client_secret": .string(planted),
    "settings": .object(["sentinel_token": .string(planted), "is_reachable": false]),
])

/// A Coolify answering from a fixed rotation; a bounded number of requests per call, so a
/// handler that loops on a hostile answer ends (as an error) instead of hanging the fuzzer.
private final class FuzzTransport: CoolifyTransport {
    let answers: [JSONValue]
    private let sent = Locked(0)

    init(_ answers: [JSONValue]) { self.answers = answers }

    func send(_ request: CoolifyRequest) async throws(CoolifyError) -> JSONValue {
        let index = sent.withLock { count in
            defer { count += 1 }
            return count
        }
        guard index < 200 else { throw CoolifyError(.serverError, "The fuzz Coolify's request budget is spent.") }
        return answers[index % answers.count]
    }

    func pause(milliseconds: Int64) async throws { try Task.checkCancellation() }
}

private func hostileAnswers(_ input: JSONValue) -> [[JSONValue]] {
    let many = JSONValue.array(Array(repeating: input, count: 300) + [plantedRow])
    return [
        [input],
        [.object(["data": .array([input, plantedRow])])],
        [.object(["count": .number(JSONNumber(Int.max)), "deployments": many, "data": many, "status": input])],
        [.object(["count": .number(JSONNumber(Int.min)), "total": -1, "logs": .string(JSONWriter.string(input)), "uuid": input])],
        [.array([plantedRow, .null, input]), .null, plantedRow],
    ]
}

/// Runs `body` on Swift concurrency and waits for it here (the fuzzer's thread is not one of
/// its threads, so blocking it starves nothing).
private func runBlocking(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task {
        await body()
        done.signal()
    }
    done.wait()
}

private let sanitizer = Sanitizer(fields: CoolifyFieldRules())

private func checkHandlers(_ input: JSONValue, _ object: JSONObject, tools: [ToolSpec]) {
    guard !tools.isEmpty else { return }
    for answers in hostileAnswers(input) {
        let host = CatalogueHost(tools: Catalogue.all, coolify: FuzzTransport(answers), readOnly: false)
        runBlocking {
            for tool in tools {
                let context = ToolCallContext(progressToken: "p") { _, _, _, message in
                    guard let message else { return }
                    let line = JSONWriter.string(SanitizedMessage(.object(["message": .string(message)]), sanitizer: sanitizer).value)
                    if line.contains(planted) { fuzzFailure(target, "\(tool.name): a progress message carries the planted secret") }
                }
                guard let outcome = await host.callTool(name: tool.name, arguments: object, context: context) else {
                    fuzzFailure(target, "\(tool.name): the catalogue does not know its own tool")
                }
                let clean = sanitizer.sanitize(outcome.content, grant: outcome.reveal)
                if outcome.isError && clean["error"]?.stringValue == "The tool failed unexpectedly." {
                    fuzzFailure(target, "\(tool.name): an unexpected error instead of a sentence")
                }
                if JSONWriter.string(clean).contains(planted) {
                    fuzzFailure(target, "\(tool.name): the planted secret passed the response boundary")
                }
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    guard let value = try? JSONParser.parse(buffer: input, options: JSONParser.Options(maxDepth: 16)),
        let object = value.objectValue
    else { return 0 }

    var values: [String] = []
    stringValues(value, into: &values)
    var names: [String] = []
    keys(value, into: &names)
    let watched = values.filter { text in text.count >= 3 && text.contains("@") && !names.contains { $0.contains(text) } }

    var validFor: [ToolSpec] = []
    for (tool, params) in tools {
        let args: Arguments
        do {
            args = try ArgumentValidator.validate(object, against: params)
            validFor.append(tool)
        } catch {
            for text in watched where error.message.contains(text) {
                fuzzFailure(target, "\(tool.name): validation error echoes a value: \(String(reflecting: error.message))")
            }
            continue
        }
        for param in params {
            guard let given = args.string(param.name) else { continue }
            do {
                let segment = try args.pathSegment(param.name)
                checkSegment(tool.name, param.name, given, segment.description)
            } catch {
                for text in watched where error.message.contains(text) {
                    fuzzFailure(target, "\(tool.name): pathSegment error echoes a value")
                }
            }
        }
        for action in tool.actions {
            if let endpoint = action.endpoint, let request = try? CatalogueHost.request(endpoint, args) {
                checkRequest(tool, endpoint, request.path.description)
            }
            checkProjection(tool, action.projection, args)
        }
    }
    checkHandlers(value, object, tools: validFor)
    return 0
}

#if FUZZING
    @_cdecl("FuzzArguments_main")
    func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        runLibFuzzer(argc, argv, fuzzOneInput)
    }
#else
    @main enum Replay {
        static func main() { FuzzReplay.main(target, fuzzOneInput) }
    }
#endif
