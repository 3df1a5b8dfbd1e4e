internal import Fortress
internal import JSON
internal import MCPWire

/// A failed Coolify call, as a sentence a person understands. Built once, here, from the status
/// and the few fields of Coolify's error body that are safe to show (its `message` and the
/// names and messages of invalid fields), which still pass through the text redactor at the
/// response boundary. Never contains the request, its headers or the raw body.
package struct CoolifyError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        case unauthorized, forbidden, notFound, validation, rateLimited, serverError, unexpectedStatus
        case redirect, timeout, connectFailed, tls, tooLarge, malformedResponse, cancelled, busy
    }

    package let code: Code
    package let status: Int?
    package let description: String
    /// A 404 from Coolify's catch-all route (no such endpoint), not a missing resource. Coolify
    /// before 4.2 answers this, rather than 405, to a POST on an endpoint that was GET then.
    package let noSuchRoute: Bool

    package init(_ code: Code, status: Int? = nil, _ description: String, noSuchRoute: Bool = false) {
        self.code = code
        self.status = status
        self.description = description
        self.noSuchRoute = noSuchRoute
    }

    static let abilities = "read, write, deploy, read:sensitive, root"

    /// Maps a non-2xx answer to an error. `body` is Coolify's parsed JSON body when it had one.
    static func fromStatus(_ status: Int, body: JSONValue?, retryAfter: String?) -> CoolifyError {
        let detail = body?["message"]?.stringValue.map { Self.clip($0) }
        func with(_ text: String) -> String { detail.map { "\(text) Coolify said: \($0)" } ?? text }
        switch status {
        case 300..<400:
            return CoolifyError(
                .redirect, status: status,
                "Coolify answered with a redirect (HTTP \(status)). Redirects are never followed, so the token cannot leave the configured origin; check COOLIFY_BASE_URL (https rather than http, the exact host name)."
            )
        case 401:
            return CoolifyError(
                .unauthorized, status: status,
                "Coolify rejected the token (HTTP 401). Check \(TokenSource.variableName): it may be revoked, mistyped or from another instance.")
        case 403:
            return CoolifyError(
                .forbidden, status: status,
                with(
                    "The token lacks the ability this call needs (HTTP 403). Coolify token abilities are \(abilities); create a token with the required one, or enable the API in Coolify's settings."
                ))
        case 404:
            // The catch-all says {"message":"Not found.","docs":...}; a missing resource names it.
            let catchAll = body?["docs"] != nil || body?["message"]?.stringValue == "Not found."
            return CoolifyError(
                .notFound, status: status, with("Not found (HTTP 404): check the UUID, or the Coolify version supports this endpoint."),
                noSuchRoute: catchAll)
        case 422:
            return CoolifyError(.validation, status: status, "Coolify rejected the input (HTTP 422): " + validationSummary(body))
        case 429:
            let wait = retryAfter.flatMap { Int($0.trimmingASCIIWhitespace()) }.map { " Retry after \($0) seconds." } ?? " Retry later."
            return CoolifyError(.rateLimited, status: status, "Coolify's rate limit was reached (HTTP 429)." + wait)
        case 500..<600:
            return CoolifyError(
                .serverError, status: status, "Coolify failed with a server error (HTTP \(status)); the instance or its proxy may be down or overloaded.")
        default:
            return CoolifyError(.unexpectedStatus, status: status, with("Coolify answered with unexpected HTTP status \(status)."))
        }
    }

    /// "field: message; field: message" from Laravel's {"message":..., "errors":{field:[msg]}}.
    static func validationSummary(_ body: JSONValue?) -> String {
        guard let errors = body?["errors"]?.objectValue, !errors.isEmpty else {
            return body?["message"]?.stringValue.map { clip($0) } ?? "no details given."
        }
        let lines = errors.prefix(20).map { entry -> String in
            let messages = entry.value.arrayValue?.compactMap(\.stringValue) ?? [entry.value.stringValue].compactMap { $0 }
            return "\(clip(entry.key, limit: 60)): \(clip(messages.joined(separator: " "), limit: 300))"
        }
        return lines.joined(separator: "; ")
    }

    static func clip(_ text: String, limit: Int = 500) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "..."
    }
}
