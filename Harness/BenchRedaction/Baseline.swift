// bfd50e5's TextRedactor, SecretKeys and Sanitizer walk, renamed, kept only so scripts/bench can
// measure the richer redaction against it in the same run. Not used by the server.

import JSON
import MCPWire

/// Value-level redaction of free text (error bodies, logs, any string leaving the process):
/// the token's own bytes, `Bearer` credentials, credentials in URLs, private-key blocks and
/// `NAME=value` lines whose name looks secret.
struct BaselineTextRedactor: Sendable {
    static let mask = "***"

    // The token's fingerprint pass is unchanged since bfd50e5; both sides of the bench run
    // without one, so the figures compare the pattern passes only.
    init() {}

    func redactSecrets(_ text: String) -> String { text }

    /// Everything: the token, then the patterns, repeated until nothing changes, because one
    /// pattern's replacement can complete another's match (a masked `Bearer` credential can
    /// drop the dashes that ended a key header). Each pass masks or shrinks; eight bound it.
    func redact(_ text: String) -> String {
        var text = redactSecrets(text)
        for _ in 0..<8 {
            let next = Self.redactPatterns(text)
            if next == text { break }
            text = next
        }
        return text
    }

    static func redactPatterns(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: " ") }) else {
            return text
        }
        var text = redactPrivateKeyBlocks(text)
        text = redactURLCredentials(text)
        text = redactBearer(text)
        return redactSecretAssignments(text)
    }

    // MARK: - Patterns

    /// "-----BEGIN ... PRIVATE KEY----- ... -----END ... PRIVATE KEY-----" (or to the end of the
    /// text if the block is cut) becomes one marker.
    ///
    /// A header runs from "-----BEGIN " to the first "PRIVATE KEY-----" on the same line, so a
    /// header with other BEGINs nested inside is one block (removing an inner block cannot
    /// create a new header: the pass is idempotent). The search for that end is cached per
    /// line, keeping the pass linear on hostile input.
    static func redactPrivateKeyBlocks(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let begin = Array("-----BEGIN ".utf8)
        let headerTail = Array("PRIVATE KEY-----".utf8)
        let end = Array("-----END ".utf8)
        let dashes = Array("-----".utf8)
        var output: [UInt8] = []
        var index = 0
        var changed = false
        // The first "PRIVATE KEY-----" at or after `searchedFrom` on the current line, if any.
        var cachedTail: Int?
        var searchedFrom = -1
        var searchedTo = -1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "-"), bytes[index...].starts(with: begin) {
                if index >= searchedTo || (cachedTail.map { $0 < index } ?? false) {
                    searchedFrom = index
                    searchedTo = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                    cachedTail = find(headerTail, in: Array(bytes[index..<searchedTo]), from: 0).map { $0 + index }
                }
                if let tail = cachedTail, tail >= index, searchedFrom <= index {
                    var stop = bytes.count
                    var search = tail + headerTail.count
                    while let footer = find(end, in: bytes, from: search) {
                        guard let footerEnd = find(dashes, in: bytes, from: footer + end.count) else { break }
                        let label = bytes[(footer + end.count)..<footerEnd]
                        if !label.contains(UInt8(ascii: "\n")), String(decoding: label, as: UTF8.self).hasSuffix("PRIVATE KEY") {
                            stop = footerEnd + dashes.count
                            break
                        }
                        search = footer + end.count
                    }
                    output.append(contentsOf: "[REDACTED PRIVATE KEY]".utf8)
                    index = stop
                    changed = true
                    searchedTo = -1
                    continue
                }
            }
            output.append(bytes[index])
            index += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// scheme://user:password@host becomes scheme://***@host.
    static func redactURLCredentials(_ text: String) -> String {
        guard text.contains("://") else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: ":"), index + 2 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/")
            {
                output.append(contentsOf: bytes[index...(index + 2)])
                let start = index + 3
                var cursor = start
                var at: Int?
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    if byte == UInt8(ascii: "@") { at = cursor }
                    if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
                        || byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
                        || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                    {
                        break
                    }
                    cursor += 1
                }
                if let at, at > start {
                    output.append(contentsOf: mask.utf8)
                    index = at
                    changed = true
                } else {
                    index = start
                }
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// "Bearer <credential>" (any case) becomes "Bearer ***".
    static func redactBearer(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let word = Array("bearer ".utf8)
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if index + word.count < bytes.count,
                (bytes[index] | 0x20) == UInt8(ascii: "b"),
                zip(bytes[index..<(index + word.count)], word).allSatisfy({ ($0 | 0x20) == $1 || ($0 == $1) })
            {
                var cursor = index + word.count
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                var tokenEnd = cursor
                while tokenEnd < bytes.count, isCredentialByte(bytes[tokenEnd]) { tokenEnd += 1 }
                if tokenEnd > cursor {
                    output.append(contentsOf: bytes[index..<cursor])
                    output.append(contentsOf: mask.utf8)
                    index = tokenEnd
                    changed = true
                    continue
                }
            }
            output.append(bytes[index])
            index += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// RFC 6750's token68 characters, plus '|' which Coolify's (Sanctum) tokens contain.
    static func isCredentialByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~+/=|".utf8.contains(byte)
        }
    }

    /// Assignments anywhere in a line: `DB_PASSWORD=hunter2`, `export API_TOKEN="x"`,
    /// `- CF_DNS_API_TOKEN=x` in a compose list, `echo 'API_TOKEN=x' >> f`, `?token=x&a=b`,
    /// YAML `SMTP_PASSWORD: x` and JSON `"password": "x"`: the value becomes ***. A quoted value
    /// is masked up to its closing quote (or the end of the line), an unquoted one up to the
    /// next space, quote or separator. Masking "***" again changes nothing.
    static func redactSecretAssignments(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "=")) || bytes.contains(UInt8(ascii: ":")) else { return text }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var changed = false
        var index = 0
        while index < bytes.count {
            guard isNameByte(bytes[index]), index == 0 || !isNameByte(bytes[index - 1]) else {
                out.append(bytes[index])
                index += 1
                continue
            }
            var nameEnd = index
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let name = String(decoding: bytes[index..<nameEnd], as: UTF8.self)
            if let valueStart = assignmentValueStart(bytes, nameStart: index, nameEnd: nameEnd, name: name) {
                let (start, end) = valueBounds(bytes, from: valueStart)
                if start < end, !bytes[start..<end].elementsEqual("***".utf8) {
                    out.append(contentsOf: bytes[index..<start])
                    out.append(contentsOf: "***".utf8)
                    index = end
                    changed = true
                    continue
                }
            }
            out.append(contentsOf: bytes[index..<nameEnd])
            index = nameEnd
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// Where the value of `name` starts, if `name` is followed by `=`, `: ` or `": ` and looks
    /// secret. A bare "key:" is YAML's everyday word, so only `key=` counts.
    static func assignmentValueStart(_ bytes: [UInt8], nameStart: Int, nameEnd: Int, name: String) -> Int? {
        var cursor = nameEnd
        var colon = false
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
            cursor += 1
        } else {
            // JSON ("name": or "name":) or YAML (name: followed by a space).
            let quoted = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "\"") && nameStart > 0 && bytes[nameStart - 1] == UInt8(ascii: "\"")
            if quoted { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else { return nil }
            guard quoted || (cursor + 1 < bytes.count && bytes[cursor + 1] == UInt8(ascii: " ")) else { return nil }
            cursor += 1
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            colon = true
        }
        if colon && name.lowercased() == "key" { return nil }
        return BaselineSecretKeys.looksSecret(name) ? cursor : nil
    }

    /// The masked span of a value: inside its quotes, or up to a space, quote or separator.
    static func valueBounds(_ bytes: [UInt8], from start: Int) -> (Int, Int) {
        guard start < bytes.count else { return (start, start) }
        let first = bytes[start]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            var end = start + 1
            while end < bytes.count, bytes[end] != first, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            return (start + 1, end)
        }
        var end = start
        while end < bytes.count {
            switch bytes[end] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\""), UInt8(ascii: "'"),
                UInt8(ascii: "`"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "&"):
                return (start, end)
            default:
                end += 1
            }
        }
        return (start, end)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// How a field's name classifies its value.
enum BaselineSecretClass: Sendable, Equatable {
    /// Never leaves the process: private keys, monitoring and log-drain credentials, app
    /// secrets, cloud-provider tokens, S3 keys, notification credentials.
    case always
    /// Leaves only when the caller passed `reveal: true` to a tool that offers it.
    case revealable
    case plain
}

/// The field names Coolify uses for secrets. Coolify 4.1 and older return them decrypted to any
/// token, so the server never relies on Coolify to hide them.
enum BaselineSecretKeys {
    /// Exact names whose values may be revealed on request.
    static let revealable: Set<String> = [
        "manual_webhook_secret_github", "manual_webhook_secret_gitlab", "manual_webhook_secret_gitea",
        "manual_webhook_secret_bitbucket", "http_basic_auth_password",
        "internal_db_url", "external_db_url", "database_url",
        "docker_compose", "docker_compose_raw", "docker_compose_pr", "docker_compose_pr_raw",
        "dockerfile", "custom_labels", "value", "real_value",
    ]

    /// Exact names that never leave.
    static let always: Set<String> = [
        "private_key", "sentinel_token", "sentinel_custom_url",
        "logdrain_axiom_api_key", "logdrain_axiom_dataset_name", "logdrain_newrelic_license_key", "logdrain_custom_config",
        "logdrain_custom_config_parser", "logdrain_highlight_project_id",
        "client_secret", "webhook_secret", "app_secret", "token", "api_token", "access_token", "refresh_token",
        "secret", "secret_key", "access_key", "key_secret",
        "smtp_password", "resend_api_key", "telegram_token", "discord_webhook_url", "slack_webhook_url",
        "pushover_user_key", "pushover_api_token", "webhook_url",
    ]

    /// Names that look secret by their words, for fields Coolify may add later.
    static let secretWords = [
        "password", "passwd", "secret", "private_key", "api_key", "apikey", "token", "credential",
        "license_key", "access_key", "_dsn", "auth_key",
    ]

    /// Suffixes that mark a reference to a secret rather than the secret itself.
    static let referenceSuffixes = ["_id", "_uuid", "_at", "_count", "_length", "_type", "_name"]

    static func classify(_ rawKey: String) -> BaselineSecretClass {
        let key = rawKey.lowercased()
        if revealable.contains(key) { return .revealable }
        if always.contains(key) { return .always }
        if key.hasPrefix("is_") || key.hasPrefix("has_") || referenceSuffixes.contains(where: key.hasSuffix) { return .plain }
        if key.hasPrefix("logdrain_") || key.hasPrefix("sentinel_") && key.contains("token") { return .always }
        if key.contains("private_key") || key.contains("license_key") || key.contains("api_key") { return .always }
        if key.contains("password") || key.contains("passwd") || key.hasSuffix("_db_url") || key.contains("webhook_secret") {
            return .revealable
        }
        if secretWords.contains(where: key.contains) { return .always }
        return .plain
    }

    /// For `NAME=value` lines in free text: environment-variable style names.
    static func looksSecret(_ name: String) -> Bool {
        let key = name.lowercased()
        return secretWords.contains(where: key.contains) || key.hasSuffix("_key") || key.hasSuffix("_pass")
            || key.hasSuffix("_pwd") || key == "key" || key.hasSuffix("_url") && key.contains("db")
    }
}

/// The one sanitizer at the response boundary: masks secrets at every depth of a tool result.
/// Tools never mask by hand; `reveal` is an input here, not a branch inside a tool.
struct BaselineSanitizer: Sendable {
    let redactor: BaselineTextRedactor

    init(redactor: BaselineTextRedactor = BaselineTextRedactor()) {
        self.redactor = redactor
    }

    func sanitize(_ value: JSONValue, reveal: Bool) -> JSONValue {
        walk(value, reveal: reveal, depth: 0)
    }

    /// Results are built from parsed responses (depth-limited), so recursion stays shallow; the
    /// guard below is for values assembled in-process.
    private static let maxDepth = 256

    private func walk(_ value: JSONValue, reveal: Bool, depth: Int) -> JSONValue {
        guard depth < Self.maxDepth else { return .string(BaselineTextRedactor.mask) }
        switch value {
        case .string(let text):
            return .string(reveal ? redactor.redactSecrets(text) : redactor.redact(text))
        case .array(let items):
            return .array(items.map { walk($0, reveal: reveal, depth: depth + 1) })
        case .object(let object):
            var result = JSONObject()
            // S3 storages call their access key "key", as env vars call their name: only the
            // former is secret, told apart by its sibling "bucket".
            let isStorage = object["bucket"] != nil && object["endpoint"] != nil
            for (key, child) in object {
                let safeKey = redactor.redactSecrets(key)
                var secretClass = BaselineSecretKeys.classify(key)
                if key == "key" && isStorage { secretClass = .always }
                switch secretClass {
                case .always:
                    result[safeKey] = Self.masked(child)
                case .revealable where !reveal:
                    result[safeKey] = Self.masked(child)
                default:
                    result[safeKey] = walk(child, reveal: reveal, depth: depth + 1)
                }
            }
            return .object(result)
        default:
            return value
        }
    }

    /// null, empty strings and booleans say "not set" or "on/off" and carry no secret, so they
    /// stay; everything else becomes "***".
    static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null, .bool: return value
        case .string(let text) where text.isEmpty: return value
        default: return .string(BaselineTextRedactor.mask)
        }
    }
}
