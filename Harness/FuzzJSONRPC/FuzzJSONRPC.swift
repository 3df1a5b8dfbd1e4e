// FuzzJSONRPC: the JSON parser and writer, LineReader framing, and the MCP dispatcher.
//
// Per input:
//  1. JSON round trip: parse (strict, and with invalid UTF-8 replaced) -> write -> parse must
//     give an equal value whose written bytes are identical; the written text is one line of
//     valid UTF-8; every number's exact `int` agrees with its `double`.
//  2. LineReader on a pipe (whole input in one read) and on a SOCK_SEQPACKET socket pair (the
//     input cut into fuzzer-chosen chunks, so lines straddle reads), with a small line limit
//     taken from the first byte: the events must equal a reference split of the input.
//  3. A fresh MCPServer with an echo ToolHost, writing through a LineWriter (with the token
//     filter) to a pipe drained by a helper thread: it receives the LineReader events, then
//     every line of the input (no limit), then end of input, and must drain within 5 s. Nothing
//     may be written after waitUntilDrained returned (the process exits then). Every output
//     line must be a JSON-RPC 2.0 object (a response with a valid id and exactly one of
//     result/error, or a progress notification), never carry the token's bytes, never answer
//     more requests than there were lines, and carry no unmasked always-secret field.
// Work per input is bounded: no task outlives the input (the harness waits until the server
// object is released, i.e. every task has returned, before the next input).

import Dispatch
internal import FuzzSupport
internal import Fortress
internal import JSON
internal import MCPWire
internal import Runtime
import Synchronization
internal import Coolify

#if canImport(Glibc)
    import Glibc
    import Redaction
#endif

private let target = "FuzzJSONRPC"

/// The token the server must never print; the seed corpus and the dictionary carry it.
private let token = "zq7Xk2Lm9Pw4Vb8N"

private let fingerprint: SecretFingerprint = {
    var bytes = Array(token.utf8)
    return bytes.withUnsafeMutableBytes { SecretFingerprint(bytes: UnsafeRawBufferPointer($0)) }
}()

/// One echo tool (plus "fail"); "echo" reports progress when asked, before it answers.
private struct EchoTools: ToolHost {
    var toolDefinitions: [JSONValue] {
        [["name": "echo", "inputSchema": ["type": "object"]], ["name": "fail", "inputSchema": ["type": "object"]]]
    }

    func callTool(name: String, arguments: JSONObject, context: ToolCallContext) async -> ToolOutcome? {
        switch name {
        case "echo":
            context.progress(1, total: 2, message: "half")
            // reveal: true asks for the one resource named by "uuid", or the one variable named by
            // "key": the sanitizer's policy entry must hold whatever shape the input gives.
            let grant: RevealGrant =
                arguments["reveal"]?.boolValue != true
                ? .none
                : arguments["key"]?.stringValue.map { .rows(listField: "data", keyField: "key", key: $0) }
                    ?? .resource(idField: "uuid", id: arguments["uuid"]?.stringValue ?? "")
            return .success(.object(arguments), reveal: grant)
        case "fail":
            return .failure("It failed.")
        default:
            return nil
        }
    }
}

// MARK: - Output sink: a pipe drained by a thread

/// Collects everything written to `writeEnd`. `collect()` writes a NUL (which JSONWriter never
/// emits raw) and waits until the drain thread has read up to it.
private final class OutputSink: Sendable {
    let writeEnd: Int32
    private let readEnd: Int32
    private let buffer = Mutex<[UInt8]>([])
    private let marker = DispatchSemaphore(value: 0)

    init() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { fuzzFailure(target, "pipe() failed: errno \(errno)") }
        readEnd = fds[0]
        writeEnd = fds[1]
        startThread { [self] in drain() }
    }

    private func drain() {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            var start = 0
            while start < n {
                let stop = chunk[start..<n].firstIndex(of: 0) ?? n
                buffer.withLock { $0.append(contentsOf: chunk[start..<stop]) }
                if stop < n { marker.signal() }
                start = stop + 1
            }
        }
    }

    func collect() -> [UInt8] {
        var nul: UInt8 = 0
        while write(writeEnd, &nul, 1) != 1 {
            if errno != EINTR { fuzzFailure(target, "write to the output pipe failed: errno \(errno)") }
        }
        if marker.wait(timeout: .now() + .seconds(10)) != .success {
            fuzzFailure(target, "the output pipe was not drained within 10 s")
        }
        return buffer.withLock { bytes in
            defer { bytes = [] }
            return bytes
        }
    }
}

private let sink = OutputSink()

private let tokenFilter = TextRedactor(fingerprints: [fingerprint])
private let output = LineWriter(
    descriptor: sink.writeEnd,
    filter: { tokenFilter.redactSecrets(&$0) },
    onBrokenPipe: { fuzzFailure(target, "broken pipe on the output sink") })

private let identity = ServerIdentity(name: "fuzz", title: "Fuzz", version: "1", instructions: "Use echo.")
private let sanitizer = Sanitizer(redactor: TextRedactor(fingerprints: [fingerprint]), fields: CoolifyFieldRules())

// MARK: - JSON round trip

private func checkRoundTrip(_ input: UnsafeBufferPointer<UInt8>, _ options: JSONParser.Options) {
    let value: JSONValue
    do { value = try JSONParser.parse(buffer: input, options: options) } catch { return }
    let written = JSONWriter.bytes(value)
    if written.contains(0x0A) || written.contains(0x0D) {
        fuzzFailure(target, "written JSON contains a raw line break")
    }
    if String(validating: written, as: UTF8.self) == nil {
        fuzzFailure(target, "written JSON is not valid UTF-8")
    }
    let strict = JSONParser.Options(maxDepth: options.maxDepth, invalidUTF8: .reject)
    let reparsed: JSONValue
    do {
        reparsed = try JSONParser.parse(written, options: strict)
    } catch {
        fuzzFailure(target, "written JSON does not parse again: \(error)")
    }
    if reparsed != value { fuzzFailure(target, "parse(write(v)) != v") }
    if reparsed.hashValue != value.hashValue { fuzzFailure(target, "equal values hash differently") }
    if JSONWriter.bytes(reparsed) != written { fuzzFailure(target, "write(parse(write(v))) != write(v)") }
    checkNumbers(value)
}

/// An exact integer and the nearest double of the same decimal text must agree.
private func checkNumbers(_ value: JSONValue) {
    switch value {
    case .number(let number):
        if JSONNumber(text: number.text) == nil { fuzzFailure(target, "parsed number \(number.text) fails the grammar") }
        if let int = number.int, let double = Double(number.text), double != Double(int) {
            fuzzFailure(target, "number \(number.text): int \(int) disagrees with double \(double)")
        }
    case .array(let items):
        for item in items { checkNumbers(item) }
    case .object(let object):
        for (_, member) in object { checkNumbers(member) }
    default:
        break
    }
}

// MARK: - LineReader

private enum Framed: Equatable {
    case line([UInt8])
    case oversized(Int)
    case end
}

private func framed(_ event: LineReader.Event) -> Framed {
    switch event {
    case .line(let bytes): .line(bytes)
    case .oversized(let limit): .oversized(limit)
    case .endOfInput: .end
    }
}

/// What LineReader must produce: one event per newline-terminated line, plus a last unterminated
/// non-empty line; lines above the limit become `oversized`.
private func expectedFraming(_ bytes: [UInt8], limit: Int) -> [Framed] {
    var events: [Framed] = []
    var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    if let last = pieces.last, last.isEmpty { pieces.removeLast() }
    for piece in pieces {
        events.append(piece.count > limit ? .oversized(limit) : .line(Array(piece)))
    }
    events.append(.end)
    return events
}

private func readAll(_ descriptor: Int32, limit: Int) -> [LineReader.Event] {
    var events: [LineReader.Event] = []
    LineReader(descriptor: descriptor, maxLineBytes: limit).run { events.append($0) }
    return events
}

private func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) {
    var offset = bytes.startIndex
    while offset < bytes.endIndex {
        let n = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            fuzzFailure(target, "write failed: errno \(errno)")
        }
        offset += n
    }
}

/// The whole input through a pipe (it fits the pipe buffer, so no second thread is needed).
private func framePipe(_ bytes: [UInt8], limit: Int) -> [LineReader.Event] {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { fuzzFailure(target, "pipe() failed: errno \(errno)") }
    writeAll(fds[1], bytes[...])
    close(fds[1])
    let events = readAll(fds[0], limit: limit)
    close(fds[0])
    return events
}

/// The input through a SOCK_SEQPACKET pair: each send is one read on the other side, so the
/// chunk sizes (taken from the input's last bytes) decide where reads split lines.
private func frameChunked(_ bytes: [UInt8], limit: Int) -> [LineReader.Event] {
    var fds: [Int32] = [0, 0]
    guard socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &fds) == 0 else {
        fuzzFailure(target, "socketpair() failed: errno \(errno)")
    }
    // At most 64 packets, so the socket buffer never fills and no reader thread is needed.
    let minimum = max(1, (bytes.count + 63) / 64)
    let pattern = bytes.suffix(4).map { Int($0 % 13) }
    var offset = 0
    var k = 0
    while offset < bytes.count {
        let size = min(bytes.count - offset, max(minimum, pattern.isEmpty ? minimum : pattern[k % pattern.count] + minimum))
        let sent = bytes[offset..<(offset + size)].withUnsafeBytes { send(fds[1], $0.baseAddress, $0.count, 0) }
        if sent != size { fuzzFailure(target, "seqpacket send of \(size) returned \(sent), errno \(errno)") }
        offset += size
        k += 1
    }
    close(fds[1])
    let events = readAll(fds[0], limit: limit)
    close(fds[0])
    return events
}

// MARK: - Dispatcher

private func checkOutput(_ bytes: [UInt8], maxResponses: Int) {
    if containsBytes(bytes, token.utf8) { fuzzFailure(target, "the token reached the output") }
    guard !bytes.isEmpty else { return }
    guard bytes.last == 0x0A else { fuzzFailure(target, "output does not end with a newline") }
    var responses = 0
    for line in bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false) {
        let message: JSONValue
        do {
            message = try JSONParser.parse(line, options: JSONParser.Options(maxDepth: JSONParser.Options.maxDepthCeiling))
        } catch {
            fuzzFailure(target, "output line is not JSON (\(error)): \(String(decoding: line.prefix(200), as: UTF8.self))")
        }
        guard let object = message.objectValue, object["jsonrpc"] == "2.0" else {
            fuzzFailure(target, "output line is not a JSON-RPC 2.0 object")
        }
        if let method = object["method"] {
            guard method == "notifications/progress", object["id"] == nil, object["params"]?["progressToken"] != nil else {
                fuzzFailure(target, "unexpected outgoing message \(method)")
            }
            continue
        }
        responses += 1
        guard let id = object["id"] else { fuzzFailure(target, "response without id") }
        switch id {
        case .null, .string: break
        case .number(let number) where number.int != nil: break
        default: fuzzFailure(target, "response id \(id) is neither null, a string nor an integer")
        }
        let result = object["result"]
        let error = object["error"]
        if (result == nil) == (error == nil) { fuzzFailure(target, "response must have exactly one of result and error") }
        if let error {
            guard error["code"]?.intValue != nil, error["message"]?.stringValue != nil else {
                fuzzFailure(target, "error object without integer code and string message")
            }
        }
        if let structured = result?["structuredContent"] { checkMasked(structured) }
    }
    if responses > maxResponses {
        fuzzFailure(target, "\(responses) responses for \(maxResponses) input lines:\n" + String(decoding: bytes.prefix(4000), as: UTF8.self))
    }
}

/// Tool results pass the sanitizer: no always-secret field keeps a non-empty value.
private func checkMasked(_ value: JSONValue) {
    switch value {
    case .object(let object):
        for (key, member) in object {
            if SecretKeys.classify(key) == .always {
                switch member {
                case .null, .bool, .string(""), .string(TextRedactor.mask): break
                default: fuzzFailure(target, "always-secret field \"\(key)\" left unmasked")
                }
            } else {
                checkMasked(member)
            }
        }
    case .array(let items):
        for item in items { checkMasked(item) }
    default:
        break
    }
}

/// FUZZ_KNOWN=drain-race: a response written after waitUntilDrained returned (see runServer)
/// is tolerated and noted once, so the rest of the dispatcher can be fuzzed until it is fixed.
private let tolerateDrainRace = fuzzKnown("drain-race")
private let notes = FuzzNotes()

private func runServer(_ bytes: [UInt8], framedEvents: [LineReader.Event]) {
    weak var released: MCPServer?
    var lines = 0
    do {
        let server = MCPServer(identity: identity, tools: EchoTools(), sanitizer: sanitizer, output: output)
        released = server
        for event in framedEvents {
            if case .endOfInput = event { continue }
            server.receive(event)
            lines += 1
        }
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            server.receive(.line(Array(line)))
            lines += 1
        }
        server.receive(.endOfInput)
        if !server.waitUntilDrained(timeout: .seconds(5)) {
            fuzzFailure(target, "the server did not answer every request within 5 s")
        }
    }
    // Drained means answered: everything the server will ever write is in the pipe by now.
    let answered = sink.collect()
    // Tasks hold the server until they have returned; once it is gone nothing can write.
    var waited = 0
    while released != nil {
        if waited > 200_000 { fuzzFailure(target, "the server was still referenced 2 s after it drained (a task or a cycle keeps it)") }
        if waited < 1_000 { sched_yield() } else { usleep(10) }
        waited += 1
    }
    let late = sink.collect()
    if !late.isEmpty {
        if !tolerateDrainRace {
            fuzzFailure(
                target,
                "the server wrote after waitUntilDrained returned true (a response an exiting server would lose):\n"
                    + String(decoding: late.prefix(2000), as: UTF8.self))
        }
        notes.once("drain-race", "known issue drain-race tolerated (FUZZ_KNOWN): a response written after waitUntilDrained returned")
    }
    checkOutput(answered + late, maxResponses: lines)
}

// MARK: - Entry points

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    checkRoundTrip(input, JSONParser.Options())
    checkRoundTrip(input, JSONParser.Options(maxDepth: 64, invalidUTF8: .replace))

    let bytes = Array(input.prefix(60_000)) // one pipe buffer
    let limit = Int(bytes.first ?? 0) & 0x3F
    let expected = expectedFraming(bytes, limit: limit)
    let piped = framePipe(bytes, limit: limit)
    if piped.map(framed) != expected { fuzzFailure(target, "LineReader (pipe, limit \(limit)) framed the input wrongly") }
    if frameChunked(bytes, limit: limit).map(framed) != expected {
        fuzzFailure(target, "LineReader (chunked reads, limit \(limit)) framed the input wrongly")
    }

    runServer(bytes, framedEvents: piped)
    return 0
}

#if FUZZING
    @_cdecl("FuzzJSONRPC_main")
    func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        signal(SIGPIPE, SIG_IGN)
        return runLibFuzzer(argc, argv, fuzzOneInput)
    }
#else
    @main enum Replay {
        static func main() { FuzzReplay.main(target, fuzzOneInput) }
    }
#endif
