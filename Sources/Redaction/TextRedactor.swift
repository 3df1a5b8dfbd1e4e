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

    /// How far past a `/`, `?` or `#` the user-info of a URL is looked for (a password with
    /// those characters unencoded): bounded, so overlapping URLs cost linear time.
    static let unencodedUserInfoLimit = 256

    /// scheme://user:password@host (and scheme-less `//user:password@host`) becomes
    /// scheme://***@host. A password with an unencoded `/`, `?` or `#` (`ftp://u:ab/c@host`)
    /// counts when a colon that is not a port's comes before it. Nil when nothing changed.
    static func redactURLCredentials(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 3 else { return nil }
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            let schemeEnd =
                bytes[index] == UInt8(ascii: ":") && index + 2 < bytes.count
                && bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/")
            if schemeEnd || isSchemelessStart(bytes, index) {
                let start = index + (schemeEnd ? 3 : 2)
                var cursor = start
                var at: Int?
                var colon: Int?
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    if byte == UInt8(ascii: "@") { at = cursor }
                    if byte == UInt8(ascii: ":"), colon == nil { colon = cursor }
                    if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
                        || byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
                        || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                    {
                        break
                    }
                    cursor += 1
                }
                if at == nil, let colon, cursor < bytes.count, colon + 1 < cursor,
                    bytes[cursor] == UInt8(ascii: "/") || bytes[cursor] == UInt8(ascii: "?") || bytes[cursor] == UInt8(ascii: "#"),
                    !bytes[(colon + 1)..<cursor].allSatisfy(TextRedactor.isDigit)
                {
                    // `user:ab/c@host`: look on for the `@`, within the bound.
                    var scan = cursor + 1
                    while scan < bytes.count, scan - start <= unencodedUserInfoLimit {
                        let byte = bytes[scan]
                        if byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "<")
                            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") && at != nil
                        {
                            break
                        }
                        if byte == UInt8(ascii: "@") { at = scan }
                        scan += 1
                    }
                    if let found = at, found + 1 >= bytes.count || !TextRedactor.isAlnum(bytes[found + 1]) { at = nil }
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

    /// A scheme-less `//` (after a blank, `=`, a quote or at a line start) is handled as if a
    /// scheme ended just before it: the byte at `index` is the `/` that starts it.
    static func isSchemelessStart(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") else { return false }
        guard index > 0 else { return true }
        let previous = bytes[index - 1]
        return isBlank(previous) || previous == UInt8(ascii: "\n") || previous == UInt8(ascii: "=") || isQuote(previous)
    }

    /// "Bearer <credential>" (any case) becomes "Bearer ***".
    static func redactBearer(_ bytes: [UInt8]) -> [UInt8]? {
        let word = Array("bearer ".utf8)
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if (bytes[index] | 0x20) == UInt8(ascii: "b"), index + word.count < bytes.count,
                zip(bytes[index..<(index + word.count)], word).allSatisfy({ ($0 | 0x20) == $1 })
            {
                var cursor = index + word.count
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                var tokenEnd = cursor
                while tokenEnd < bytes.count, isCredentialByte(bytes[tokenEnd]) { tokenEnd += 1 }
                // `Bearer token expired at ...` is a sentence about a credential, not one.
                let prose =
                    tokenEnd - cursor <= 16
                    && SecretShapes.credentialProseWords.contains(String(decoding: bytes[cursor..<tokenEnd], as: UTF8.self).lowercased())
                if tokenEnd > cursor, !prose {
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
