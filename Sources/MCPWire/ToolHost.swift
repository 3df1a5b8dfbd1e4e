internal import Runtime
package import JSON

/// What the protocol layer needs from the tool catalogue. MCPWire knows nothing of Coolify.
package protocol ToolHost: Sendable {
    /// The `tools` array of a tools/list answer, already in wire form.
    var toolDefinitions: [JSONValue] { get async }
    /// Runs a tool; nil means there is no tool of that name (a JSON-RPC -32602).
    func callTool(name: String, arguments: JSONObject, context: ToolCallContext) async -> ToolOutcome?
}

/// A tool host built on a thread of its own, so that the reader thread answers the handshake
/// (initialize and server/discover need no tools) without waiting for it and without sharing a
/// core with it. The build starts at the first of: the reader having nothing left to read
/// (`LineReader.run(whenIdle:)`), the first tools/list or tools/call, or `start()`. Requests
/// for tools wait here, without holding a thread, until the host is ready.
package final class DeferredToolHost: ToolHost {
    private enum State {
        case idle
        case building(waiters: [CheckedContinuation<any ToolHost, Never>])
        case ready(any ToolHost)
    }

    private let build: @Sendable () -> any ToolHost
    private let state = Locked(State.idle)

    package init(build: @escaping @Sendable () -> any ToolHost) {
        self.build = build
    }

    /// Starts the build on a thread of its own (inline if no thread can be had); only the
    /// first call does anything.
    package func start() {
        let first = state.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .building(waiters: [])
            return true
        }
        guard first else { return }
        let work: @Sendable () -> Void = { [self] in resolve(build()) }
        if !startThread(work) { work() }
    }

    private func resolve(_ host: any ToolHost) {
        let waiters = state.withLock { state -> [CheckedContinuation<any ToolHost, Never>] in
            guard case .building(let waiters) = state else { return [] }
            state = .ready(host)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: host) }
    }

    private var host: any ToolHost {
        get async {
            if case .ready(let host) = state.withLock({ $0 }) { return host }
            start()
            return await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> (any ToolHost)? in
                    switch state {
                    case .ready(let host):
                        return host
                    case .building(var waiters):
                        waiters.append(continuation)
                        state = .building(waiters: waiters)
                        return nil
                    case .idle:
                        preconditionFailure("start() leaves the idle state")
                    }
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }

    package var toolDefinitions: [JSONValue] {
        get async { await host.toolDefinitions }
    }

    package func callTool(name: String, arguments: JSONObject, context: ToolCallContext) async -> ToolOutcome? {
        await host.callTool(name: name, arguments: arguments, context: context)
    }
}

/// The outcome of one tool call, before the response boundary sanitizes it.
package struct ToolOutcome: Sendable {
    package var content: JSONValue
    package var isError: Bool
    /// What the sanitizer may unmask in `content`: what the action's reveal policy grants for
    /// the caller's arguments, enforced on the answer's shape (see ``RevealGrant``).
    package var reveal: RevealGrant

    package static func success(_ content: JSONValue, reveal: RevealGrant = .none) -> ToolOutcome {
        ToolOutcome(content: content, isError: false, reveal: reveal)
    }

    package static func failure(_ message: String) -> ToolOutcome {
        ToolOutcome(content: .object(["error": .string(message)]), isError: true, reveal: .none)
    }
}

/// Per-call facilities: progress notifications, when the client asked for them.
package struct ToolCallContext: Sendable {
    package let progressToken: JSONValue?
    let sendProgress: @Sendable (JSONValue, Double, Double?, String?) -> Void

    package init(progressToken: JSONValue?, sendProgress: @escaping @Sendable (JSONValue, Double, Double?, String?) -> Void) {
        self.progressToken = progressToken
        self.sendProgress = sendProgress
    }

    /// Sends notifications/progress if the client gave a token; `progress` must increase. The
    /// message is one short line (a status may come from Coolify: a line break cannot start a
    /// forged frame or message of its own), and the notification passes the sanitizer like
    /// every other byte on stdout.
    package func progress(_ progress: Double, total: Double? = nil, message: String? = nil) {
        guard let progressToken else { return }
        sendProgress(progressToken, progress, total, message.map(Self.oneLine))
    }

    static let maxMessageScalars = 200

    /// Control characters (line breaks included) become spaces; the text is cut short.
    static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(maxMessageScalars) {
            let control = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
            out.append(control ? " " : scalar)
        }
        return String(out)
    }
}
