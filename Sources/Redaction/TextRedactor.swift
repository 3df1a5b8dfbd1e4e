package import Fortress

/// Value-level redaction of free text (error bodies, logs, any string leaving the process):
/// the token's own bytes, then the shapes in `SecretShapes`: key blocks, credentials in URLs,
/// `Bearer` credentials, well-known token formats, and values of secret-looking names in every
/// assignment syntax (env, shell, INI, TOML, YAML, JSON, escaped JSON, Python, PHP, HCL, XML,
/// HTTP headers, redis directives, command-line flags).
///
/// Every pass is one left-to-right scan whose lookahead is bounded by the line or by the run
/// of characters it inspects, so hostile input costs linear time.
package struct TextRedactor: Sendable {
    package static let mask = "***"

    private let fingerprints: [SecretFingerprint]

    package init(fingerprints: [SecretFingerprint] = []) {
        self.fingerprints = fingerprints
    }

    /// Removes the token's bytes only: applied to every outgoing line, whatever `reveal` says.
    package func redactSecrets(_ bytes: inout [UInt8]) {
        for fingerprint in fingerprints {
            let hits = bytes.withUnsafeBufferPointer { fingerprint.matches(in: $0) }
            guard !hits.isEmpty else { continue }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var cursor = 0
            for hit in hits {
                out.append(contentsOf: bytes[cursor..<hit])
                out.append(contentsOf: Self.redactedMarker.utf8)
                cursor = hit + fingerprint.length
            }
            out.append(contentsOf: bytes[cursor...])
            bytes = out
        }
    }

    static let redactedMarker = "[REDACTED]"

    /// The token's bytes only (strings that `reveal` lets through still never carry it).
    package func redactSecrets(_ text: String) -> String {
        guard !fingerprints.isEmpty else { return text }
        var bytes = Array(text.utf8)
        let before = bytes.count
        redactSecrets(&bytes)
        return bytes.count == before && bytes.elementsEqual(text.utf8) ? text : String(decoding: bytes, as: UTF8.self)
    }

    /// Everything: the token, then the patterns, repeated until nothing changes, because one
    /// pattern's replacement can complete another's match (a masked `Bearer` credential can
    /// drop the dashes that ended a key header). Each pass masks or shrinks; eight bound it.
    package func redact(_ text: String) -> String {
        var text = redactSecrets(text)
        for _ in 0..<8 {
            let next = Self.redactPatterns(text)
            if next == text { break }
            text = next
        }
        return text
    }

    static func redactPatterns(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var changed = false
        for pass in [redactKeyBlocks, redactURLCredentials, redactBearer, redactTokens, redactSecretAssignments] {
            if let output = pass(bytes) {
                bytes = output
                changed = true
            }
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// scheme://user:password@host becomes scheme://***@host. Nil when nothing changed.
    static func redactURLCredentials(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 3 else { return nil }
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: ":"), index + 2 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
                let start = index + 3
                var cursor = start
                var at: Int?
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    if byte == UInt8(ascii: "@") { at = cursor }
                    if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
                        || byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
                        || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
                        break
                    }
                    cursor += 1
                }
                if let at, at > start, !bytes[start..<at].elementsEqual(mask.utf8) {
                    if !changed { output.reserveCapacity(bytes.count); output.append(contentsOf: bytes[..<index]) }
                    output.append(contentsOf: bytes[index..<start])
                    output.append(contentsOf: mask.utf8)
                    index = at
                    changed = true
                    continue
                }
                if changed { output.append(contentsOf: bytes[index..<start]) }
                index = start
                continue
            }
            if changed { output.append(bytes[index]) }
            index += 1
        }
        return changed ? output : nil
    }

    /// "Bearer <credential>" (any case) becomes "Bearer ***".
    static func redactBearer(_ bytes: [UInt8]) -> [UInt8]? {
        let word = Array("bearer ".utf8)
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if (bytes[index] | 0x20) == UInt8(ascii: "b"), index + word.count < bytes.count,
               zip(bytes[index..<(index + word.count)], word).allSatisfy({ ($0 | 0x20) == $1 }) {
                var cursor = index + word.count
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                var tokenEnd = cursor
                while tokenEnd < bytes.count, isCredentialByte(bytes[tokenEnd]) { tokenEnd += 1 }
                if tokenEnd > cursor {
                    if !changed { output.reserveCapacity(bytes.count); output.append(contentsOf: bytes[..<index]) }
                    output.append(contentsOf: bytes[index..<cursor])
                    output.append(contentsOf: mask.utf8)
                    index = tokenEnd
                    changed = true
                    continue
                }
            }
            if changed { output.append(bytes[index]) }
            index += 1
        }
        return changed ? output : nil
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
}
