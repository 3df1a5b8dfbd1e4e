internal import Fortress

/// The one Coolify origin the token may be sent to, parsed from COOLIFY_BASE_URL.
///
/// Parsed by hand rather than with Foundation's URL: the rules are few and strict (https only,
/// http for a literal loopback address or exactly `localhost` only, no user info, query or fragment) and every refusal needs a message
/// that names the variable but never echoes a value that might hold a credential.
package struct CoolifyOrigin: Sendable, Equatable {
    package let scheme: String // "https" or "http"
    package let host: String // lower-cased; IPv6 without brackets
    package let port: Int
    package let basePath: String // e.g. "/api/v1" or "/coolify/api/v1"

    package static let variableName = "COOLIFY_BASE_URL"

    /// scheme://host[:port], with IPv6 hosts in brackets: what a redirect must match.
    package var origin: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let defaultPort = scheme == "https" ? 443 : 80
        return port == defaultPort ? "\(scheme)://\(hostPart)" : "\(scheme)://\(hostPart):\(port)"
    }

    /// The URL of an API path such as "/applications".
    package func url(_ path: String) -> String { origin + basePath + path }

    package var isLoopback: Bool { Self.isLoopbackHost(host) }

    package init(parsing raw: String) throws(CoolifyConfigError) {
        let text = raw.trimmingASCIIWhitespace()
        guard !text.isEmpty else { throw CoolifyConfigError("\(Self.variableName) is empty") }
        if text.contains("${") {
            throw CoolifyConfigError("\(Self.variableName) contains an unexpanded ${...} placeholder: the MCP client did not substitute it")
        }
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw CoolifyConfigError("\(Self.variableName) must start with https:// (for example https://coolify.example.com)")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw CoolifyConfigError("\(Self.variableName) must use https:// (http:// is accepted for loopback hosts only)")
        }
        var rest = text[schemeEnd.upperBound...]
        if rest.contains(where: { $0 == "?" || $0 == "#" }) {
            throw CoolifyConfigError("\(Self.variableName) must not contain a query or fragment")
        }
        if rest.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }) {
            throw CoolifyConfigError("\(Self.variableName) contains whitespace or control characters")
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if authority.contains("@") {
            throw CoolifyConfigError("\(Self.variableName) must not contain credentials (user:password@); use \(TokenSource.variableName)")
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw CoolifyConfigError("\(Self.variableName) has an unterminated IPv6 address")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw CoolifyConfigError("\(Self.variableName) has an invalid host") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" || $0 == "_" }),
            host.allSatisfy(\.isASCII)
        else {
            throw CoolifyConfigError("\(Self.variableName) has an invalid host")
        }
        var port = scheme == "https" ? 443 : 80
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw CoolifyConfigError("\(Self.variableName) has an invalid port")
            }
            port = value
        }
        let lowerHost = host.lowercased()
        if scheme == "http" && !Self.isLoopbackHost(lowerHost) {
            if lowerHost.hasSuffix(".localhost") {
                throw CoolifyConfigError(
                    "\(Self.variableName) uses http:// with a name under .localhost, which the system resolver may look up in DNS and send the token in clear to another host; use http://127.0.0.1 (or http://localhost) or https://"
                )
            }
            throw CoolifyConfigError("\(Self.variableName) uses http:// for a host that is not loopback; use https:// so the token is never sent in clear")
        }
        var path = String(rest)
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/api/v1") { path.removeLast("/api/v1".count) }
        self.scheme = scheme
        self.host = lowerHost
        self.port = port
        self.basePath = path + "/api/v1"
    }

    /// Plain HTTP is allowed for these alone: a literal loopback address (127.0.0.0/8, ::1), or
    /// exactly `localhost`, which ``requiresLoopbackResolution`` then has checked before the sandbox.
    /// Other names, `x.localhost` included, may be resolved through DNS.
    static func isLoopbackHost(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil && ($0.count == 1 || $0.first != "0") }
    }

    /// Whether plain HTTP depends on a name (`localhost`) that must resolve to loopback only.
    package var requiresLoopbackResolution: Bool { scheme == "http" && host == "localhost" }

    /// The same origin reached at `address`, the literal loopback address `localhost` resolved
    /// to before the sandbox: no name is looked up again for plain HTTP, so a resolver that
    /// later answers differently (an /etc/hosts replaced after Landlock pinned the old file,
    /// then a DNS fallback) cannot send the token in clear to another host. Nil unless
    /// `address` is a literal loopback address.
    package func pinned(to address: String) -> CoolifyOrigin? {
        guard requiresLoopbackResolution, address != "localhost", Self.isLoopbackHost(address) else { return nil }
        return CoolifyOrigin(scheme: scheme, host: address, port: port, basePath: basePath)
    }

    private init(scheme: String, host: String, port: Int, basePath: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
    }
}

/// A configuration mistake in the Coolify settings; the message names the variable or option,
/// never its value.
package struct CoolifyConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
