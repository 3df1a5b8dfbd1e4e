internal import MCPWire
package import JSON

/// What a tool invocation needs from Coolify: one request answered as JSON, and a wait that holds
/// no request slot. ``CoolifyClient`` speaks HTTPS; tests and the argument fuzz target put an
/// in-process fake behind it, so every handler runs against hostile answers without a network.
package protocol CoolifyTransport: Sendable {
    /// Coolify's JSON answer (a JSON string for a text body, null for an empty one); every
    /// failure is a ``CoolifyError`` with a readable sentence.
    func send(_ request: CoolifyRequest) async throws(CoolifyError) -> JSONValue
    /// Waits; throws CancellationError at once when the calling task is cancelled.
    func pause(milliseconds: Int64) async throws
}

extension CoolifyClient: CoolifyTransport {}
