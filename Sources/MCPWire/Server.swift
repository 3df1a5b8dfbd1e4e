import Dispatch
internal import JSON

/// Identity and texts the server announces.
package struct ServerIdentity: Sendable {
    package let name: String
    package let title: String
    package let version: String
    package let instructions: String

    package init(name: String, title: String, version: String, instructions: String) {
        self.name = name
        self.title = title
        self.version = version
        self.instructions = instructions
    }
}

/// The protocol versions, newest first per era.
package enum ProtocolVersion {
    /// Reached through the `initialize` handshake.
    package static let handshake = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    /// Stateless: every request names its version in `_meta`.
    package static let stateless = ["2026-07-28"]

    static let metaVersionKey = "io.modelcontextprotocol/protocolVersion"
    static let metaCapabilitiesKey = "io.modelcontextprotocol/clientCapabilities"
    static let metaServerInfoKey = "io.modelcontextprotocol/serverInfo"
    static let metaLogLevelKey = "io.modelcontextprotocol/logLevel"
}

/// Limits that keep a runaway client from exhausting the process.
package struct ServerLimits: Sendable {
    package var maxLineBytes = 4 * 1024 * 1024
    package var maxInFlight = 64
    package var maxJSONDepth = 64
    package init() {}
}

/// JSON-RPC dispatcher for MCP over stdio, in both protocol eras.
///
/// Lines are decoded on the reader thread, in order, so a `notifications/cancelled` always
/// finds the request it names; each request then runs as its own task, so a slow Coolify call
/// never holds back a `ping` or another call. A cancelled request is not answered. `ping`,
/// `initialize` and `server/discover` need no tools and are answered on the reader thread.
package final class MCPServer: Sendable {
    private let identity: ServerIdentity
    private let tools: any ToolHost
    private let sanitizer: any OutputFilter
    private let output: LineWriter
    private let limits: ServerLimits
    private let state = Locked(State())
    private let drained = DispatchSemaphore(value: 0)
    private let toolList = Locked<SanitizedPart?>(nil)

    private struct State {
        var inFlight: [String: InFlight] = [:]
        var endOfInput = false
        var logLevel = "info"
    }

    private struct InFlight {
        var task: Task<Void, Never>?
        var cancelled = false
    }

    package init(identity: ServerIdentity, tools: any ToolHost, sanitizer: any OutputFilter, output: LineWriter, limits: ServerLimits = ServerLimits()) {
        self.identity = identity
        self.tools = tools
        self.sanitizer = sanitizer
        self.output = output
        self.limits = limits
    }

    // MARK: - Input

    /// Handles one event from the line reader. Called on the reader thread, in order.
    package func receive(_ event: LineReader.Event) {
        switch event {
        case .line(let bytes):
            receive(line: bytes)
        case .oversized(let limit):
            send(Self.errorResponse(id: .null, .invalidRequest("message longer than \(limit) bytes; it was discarded")))
        case .endOfInput:
            let idle = state.withLock { state -> Bool in
                state.endOfInput = true
                return state.inFlight.isEmpty
            }
            if idle { drained.signal() }
        }
    }

    /// Blocks until input has ended and every request in flight has been answered, or until
    /// `timeout` passes. Returns false on timeout.
    package func waitUntilDrained(timeout: Duration) -> Bool {
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        return drained.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .success
    }

    func receive(line: [UInt8]) {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        var parseOptions = JSONParser.Options.default
        parseOptions.maxDepth = limits.maxJSONDepth
        let message: JSONValue
        do {
            message = try JSONParser.parse(line, options: parseOptions)
        } catch {
            send(Self.errorResponse(id: .null, .parseError(error.description)))
            return
        }
        guard case .object(let object) = message else {
            let detail = message.arrayValue != nil ? "batches are not supported by MCP" : "a message must be a JSON object"
            send(Self.errorResponse(id: .null, .invalidRequest(detail)))
            return
        }
        let id = object["id"]
        guard object["jsonrpc"]?.stringValue == "2.0" else {
            send(Self.errorResponse(id: Self.echoableID(id), .invalidRequest("\"jsonrpc\" must be \"2.0\"")))
            return
        }
        guard let method = object["method"]?.stringValue else {
            if object["result"] != nil || object["error"] != nil { return } // a reply to nothing we asked: ignore
            send(Self.errorResponse(id: Self.echoableID(id), .invalidRequest("\"method\" must be a string")))
            return
        }
        let params = object["params"]
        if let params, params.objectValue == nil {
            if id == nil { return }
            send(Self.errorResponse(id: Self.echoableID(id), .invalidParams("\"params\" must be an object")))
            return
        }
        guard let id else {
            handleNotification(method, params: params?.objectValue ?? [:])
            return
        }
        guard Self.isValidID(id) else {
            send(Self.errorResponse(id: .null, .invalidRequest("\"id\" must be a string or an integer")))
            return
        }
        // One check for every method, before any is answered: a request reusing the id of one
        // still in flight (cancelled or not) gets exactly one error and nothing else, and the
        // original is answered once. Only this thread adds to the table, so the answer cannot
        // change between here and `start`; the original may finish meanwhile, which only frees
        // the id.
        if state.withLock({ $0.inFlight[Self.key(id)] != nil }) {
            send(Self.errorResponse(id: id, Self.duplicateID))
            return
        }
        if method == "ping" {
            // Answered on the reader thread: a ping measures liveness, so it neither waits for a
            // free task nor counts against the in-flight limit.
            let params = params?.objectValue ?? [:]
            do {
                send(Self.response(id: id, result: finishResult([:], era: try era(of: params))))
            } catch {
                send(Self.errorResponse(id: id, error))
            }
            return
        }
        if method == "initialize" || method == "server/discover" {
            // Answered on the reader thread too: the handshake reads only the server's identity,
            // so the first answer a client waits for needs neither a task nor the tool host
            // (which may still be starting its event loops and HTTP client).
            send(handshake(id: id, method: method, params: params?.objectValue ?? [:]))
            return
        }
        start(id: id, method: method, params: params?.objectValue ?? [:])
    }

    static let duplicateID = RPCError.invalidRequest("a request with this id is still in flight")

    private func handleNotification(_ method: String, params: JSONObject) {
        switch method {
        case "notifications/cancelled":
            guard let requestID = params["requestId"], Self.isValidID(requestID) else { return }
            let task = state.withLock { state -> Task<Void, Never>? in
                let key = Self.key(requestID)
                guard state.inFlight[key] != nil else { return nil }
                state.inFlight[key]?.cancelled = true
                return state.inFlight[key]?.task
            }
            task?.cancel()
        default:
            return // notifications/initialized and unknown notifications need no answer
        }
    }

    private func start(id: JSONValue, method: String, params: JSONObject) {
        let key = Self.key(id)
        let admitted = state.withLock { state -> RPCError? in
            if state.inFlight[key] != nil { return Self.duplicateID }
            if state.inFlight.count >= limits.maxInFlight {
                return RPCError(code: -32000, message: "Server busy: \(limits.maxInFlight) requests already in flight; retry when some complete")
            }
            state.inFlight[key] = InFlight()
            return nil
        }
        if let admitted {
            send(Self.errorResponse(id: id, admitted))
            return
        }
        // The task is stored under the same lock a cancellation takes, before the next line is read.
        state.withLock { state in
            state.inFlight[key]?.task = Task { [self] in
                let response = await self.respond(id: id, method: method, params: params)
                self.finish(key: key, response: response)
            }
        }
    }

    /// Every message but a tool result: through the sanitizer's text pass, then the writer.
    private func send(_ message: JSONValue) {
        output.send(SanitizedMessage(message, sanitizer: sanitizer))
    }

    private func finish(key: String, response: SanitizedMessage) {
        // Write, then leave the in-flight table, in one step under the table's lock: "drained"
        // must never be signalled while a response is still on its way to stdout (the process
        // exits right after); a client that reuses the id once it has read the answer must
        // find it free (the reader checks under this lock); and a cancellation either comes
        // before the write (not answered) or after it. The lock order is always table, then
        // writer (nothing writes while holding the table's lock elsewhere).
        let idle = state.withLock { state -> Bool in
            if state.inFlight[key]?.cancelled == false { output.send(response) }
            state.inFlight.removeValue(forKey: key)
            return state.endOfInput && state.inFlight.isEmpty
        }
        if idle { drained.signal() }
    }

    private func isCancelled(_ id: JSONValue) -> Bool {
        state.withLock { $0.inFlight[Self.key(id)]?.cancelled ?? true }
    }

    // MARK: - Methods

    private enum Era { case handshake, stateless }

    /// A request naming its protocol version in `_meta` is served statelessly (2026-07-28);
    /// any other follows the handshake era.
    private func era(of params: JSONObject) throws(RPCError) -> Era {
        guard let meta = params["_meta"]?.objectValue, meta[ProtocolVersion.metaVersionKey] != nil else { return .handshake }
        guard let version = meta[ProtocolVersion.metaVersionKey]?.stringValue else {
            throw .invalidParams("_meta protocolVersion must be a string")
        }
        guard ProtocolVersion.stateless.contains(version) else {
            throw .unsupportedVersion(requested: version, supported: ProtocolVersion.stateless)
        }
        guard meta[ProtocolVersion.metaCapabilitiesKey]?.objectValue != nil else {
            throw .invalidParams("_meta must carry io.modelcontextprotocol/clientCapabilities")
        }
        return .stateless
    }

    /// initialize and server/discover, answered on the reader thread.
    private func handshake(id: JSONValue, method: String, params: JSONObject) -> JSONValue {
        do throws(RPCError) {
            let era = try era(of: params)
            let result: JSONObject
            if method == "initialize" {
                result = try initialize(params)
            } else {
                guard era == .stateless else {
                    throw .invalidParams("server/discover needs _meta with io.modelcontextprotocol/protocolVersion")
                }
                result = discover()
            }
            return Self.response(id: id, result: finishResult(result, era: era))
        } catch {
            return Self.errorResponse(id: id, error)
        }
    }

    private func respond(id: JSONValue, method: String, params: JSONObject) async -> SanitizedMessage {
        let response: JSONValue
        do {
            let era = try era(of: params)
            let result: JSONObject
            switch method {
            case "tools/list":
                let definitions = await sanitizedToolDefinitions()
                return SanitizedMessage(
                    Self.response(id: id, result: finishResult(listTools(era), era: era)), sanitizer: sanitizer,
                    result: "tools", definitions)
            case "tools/call":
                let outcome = try await callTool(id: id, params: params)
                // The response boundary: the result passes the sanitizer with its reveal grant.
                return SanitizedMessage(toolOutcome: outcome, sanitizer: sanitizer) { clean in
                    Self.response(id: id, result: self.finishResult(Self.toolResult(clean, isError: outcome.isError), era: era))
                }
            case "logging/setLevel":
                result = try setLogLevel(params)
            default:
                throw RPCError.methodNotFound(method)
            }
            response = Self.response(id: id, result: finishResult(result, era: era))
        } catch let error as RPCError {
            response = Self.errorResponse(id: id, error)
        } catch {
            response = Self.errorResponse(id: id, .internalError())
        }
        return SanitizedMessage(response, sanitizer: sanitizer)
    }

    private func finishResult(_ result: JSONObject, era: Era) -> JSONValue {
        guard era == .stateless else { return .object(result) }
        var result = result
        result["resultType"] = "complete"
        var meta = result["_meta"]?.objectValue ?? [:]
        meta[ProtocolVersion.metaServerInfoKey] = serverInfo
        result["_meta"] = .object(meta)
        return .object(result)
    }

    private var serverInfo: JSONValue {
        .object(["name": .string(identity.name), "title": .string(identity.title), "version": .string(identity.version)])
    }

    private var capabilities: JSONValue {
        .object(["tools": .object(["listChanged": false]), "logging": .object([:])])
    }

    private func initialize(_ params: JSONObject) throws(RPCError) -> JSONObject {
        guard let requested = params["protocolVersion"]?.stringValue else {
            throw .invalidParams("initialize needs \"protocolVersion\" (a string)")
        }
        // Echo a version we speak; otherwise offer our newest and let the client decide.
        let version = ProtocolVersion.handshake.contains(requested) ? requested : ProtocolVersion.handshake[0]
        return [
            "protocolVersion": .string(version),
            "capabilities": capabilities,
            "serverInfo": serverInfo,
            "instructions": .string(identity.instructions),
        ]
    }

    private func discover() -> JSONObject {
        [
            "supportedVersions": .array(ProtocolVersion.stateless.map { .string($0) }),
            "capabilities": capabilities,
            "instructions": .string(identity.instructions),
            "ttlMs": .number(JSONNumber(Self.listTTLMilliseconds)),
            "cacheScope": "private",
        ]
    }

    /// The catalogue is fixed for the life of the process; clients may cache it this long.
    static let listTTLMilliseconds = 300_000

    /// The tools/list result; "tools" is filled by the sanitized catalogue, in this place.
    private func listTools(_ era: Era) -> JSONObject {
        var result: JSONObject = ["tools": .null]
        if era == .stateless {
            result["ttlMs"] = .number(JSONNumber(Self.listTTLMilliseconds))
            // Private: the list reflects this process's --read-only and --tools settings.
            result["cacheScope"] = "private"
        }
        return result
    }

    /// The catalogue through the text pass, once: it is fixed for the life of the process.
    private func sanitizedToolDefinitions() async -> SanitizedPart {
        if let known = toolList.withLock({ $0 }) { return known }
        let part = SanitizedPart(.array(await tools.toolDefinitions), sanitizer: sanitizer)
        toolList.withLock { $0 = part }
        return part
    }

    static let logLevels: Set<String> = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]

    private func setLogLevel(_ params: JSONObject) throws(RPCError) -> JSONObject {
        guard let level = params["level"]?.stringValue, Self.logLevels.contains(level) else {
            throw .invalidParams("\"level\" must be one of \(Self.logLevels.sorted().joined(separator: ", "))")
        }
        state.withLock { $0.logLevel = level }
        return [:]
    }

    private func callTool(id: JSONValue, params: JSONObject) async throws(RPCError) -> ToolOutcome {
        guard let name = params["name"]?.stringValue else { throw .invalidParams("tools/call needs \"name\" (a string)") }
        let arguments: JSONObject
        switch params["arguments"] {
        case nil, .null?: arguments = [:]
        case .object(let object)?: arguments = object
        default: throw .invalidParams("\"arguments\" must be an object")
        }
        let progressToken = params["_meta"]?["progressToken"]
        let context = ToolCallContext(progressToken: progressToken) { [self] token, progress, total, message in
            guard !self.isCancelled(id) else { return }
            var body: JSONObject = ["progressToken": token, "progress": .number(JSONNumber(progress) ?? JSONNumber(0))]
            if let total, let number = JSONNumber(total) { body["total"] = .number(number) }
            if let message { body["message"] = .string(message) }
            self.send(.object(["jsonrpc": "2.0", "method": "notifications/progress", "params": .object(body)]))
        }
        guard let outcome = await tools.callTool(name: name, arguments: arguments, context: context) else {
            throw .invalidParams("unknown tool \"\(RPCError.clipped(name))\"; tools/list names the available tools")
        }
        return outcome
    }

    /// A tool result from its content, already sanitized.
    private static func toolResult(_ clean: JSONValue, isError: Bool) -> JSONObject {
        let structured: JSONValue = clean.objectValue != nil ? clean : .object(["result": clean])
        let text: String
        if isError, let message = structured["error"]?.stringValue {
            text = message
        } else {
            text = JSONWriter.string(structured)
        }
        var result: JSONObject = [
            "content": .array([.object(["type": "text", "text": .string(text)])]),
            "structuredContent": structured,
        ]
        if isError { result["isError"] = true }
        return result
    }

    // MARK: - Wire helpers

    static func response(id: JSONValue, result: JSONValue) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id, "result": result])
    }

    static func errorResponse(id: JSONValue, _ error: RPCError) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id, "error": error.json])
    }

    static func isValidID(_ id: JSONValue) -> Bool {
        switch id {
        case .string: return true
        case .number(let number): return number.int != nil
        default: return false
        }
    }

    /// The id to echo in an error about a malformed message: only if it is a valid id.
    static func echoableID(_ id: JSONValue?) -> JSONValue {
        guard let id, isValidID(id) else { return .null }
        return id
    }

    /// Requests 1 and "1" are different ids; the key keeps them apart.
    static func key(_ id: JSONValue) -> String {
        switch id {
        case .string(let text): return "s:" + text
        case .number(let number): return "n:\(number.int ?? 0)"
        default: return "?"
        }
    }
}
