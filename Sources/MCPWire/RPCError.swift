package import JSON
/// A JSON-RPC error object. Messages are fixed sentences or built from our own names (method,
/// tool, parameter): never from a request's values, which may hold secrets.
package struct RPCError: Error, Sendable, Equatable {
    package let code: Int
    package let message: String
    package let data: JSONValue?

    package init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    package static func parseError(_ detail: String) -> RPCError { RPCError(code: -32700, message: "Parse error: \(detail)") }
    package static func invalidRequest(_ detail: String) -> RPCError { RPCError(code: -32600, message: "Invalid request: \(detail)") }
    package static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: -32601, message: "Method not found: \(clipped(method))")
    }
    package static func invalidParams(_ detail: String) -> RPCError { RPCError(code: -32602, message: "Invalid params: \(detail)") }
    package static func internalError() -> RPCError { RPCError(code: -32603, message: "Internal error") }
    package static func unsupportedVersion(requested: String, supported: [String]) -> RPCError {
        RPCError(
            code: -32022, message: "Unsupported protocol version",
            data: .object(["supported": .array(supported.map { .string($0) }), "requested": .string(clipped(requested))]))
    }

    /// Names echoed from a request are cut short so an error cannot carry a payload back.
    static func clipped(_ text: String) -> String {
        let visible = text.unicodeScalars.prefix(64).filter { $0.value >= 0x20 && $0.value != 0x7F }
        return String(String.UnicodeScalarView(visible))
    }

    var json: JSONValue {
        var object: JSONObject = ["code": .number(JSONNumber(code)), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}
