/// What the protocol layer needs from the tool catalogue. MCPWire knows nothing of Coolify.
package protocol ToolHost: Sendable {
    /// The `tools` array of a tools/list answer, already in wire form.
    var toolDefinitions: [JSONValue] { get }
    /// Runs a tool; nil means there is no tool of that name (a JSON-RPC -32602).
    func callTool(name: String, arguments: JSONObject, context: ToolCallContext) async -> ToolOutcome?
}

/// The outcome of one tool call, before the response boundary sanitizes it.
package struct ToolOutcome: Sendable {
    package var content: JSONValue
    package var isError: Bool
    /// True only when the tool offers `reveal` and the caller passed `reveal: true`.
    package var reveal: Bool

    package static func success(_ content: JSONValue, reveal: Bool = false) -> ToolOutcome {
        ToolOutcome(content: content, isError: false, reveal: reveal)
    }

    package static func failure(_ message: String) -> ToolOutcome {
        ToolOutcome(content: .object(["error": .string(message)]), isError: true, reveal: false)
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

    /// Sends notifications/progress if the client gave a token; `progress` must increase.
    package func progress(_ progress: Double, total: Double? = nil, message: String? = nil) {
        guard let progressToken else { return }
        sendProgress(progressToken, progress, total, message)
    }
}
