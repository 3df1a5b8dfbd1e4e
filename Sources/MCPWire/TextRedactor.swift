package import Fortress

/// Value-level redaction of free text (error bodies, logs, any string leaving the process):
/// the token's own bytes, `Bearer` credentials, credentials in URLs, private-key blocks and
/// `NAME=value` lines whose name looks secret.
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
               bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
                output.append(contentsOf: bytes[index...(index + 2)])
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
               zip(bytes[index..<(index + word.count)], word).allSatisfy({ ($0 | 0x20) == $1 || ($0 == $1) }) {
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
        return SecretKeys.looksSecret(name) ? cursor : nil
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

