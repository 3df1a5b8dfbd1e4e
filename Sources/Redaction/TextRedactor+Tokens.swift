/// Token formats recognised by their prefix (`SecretShapes.tokenFormats`), plus the shapes with
/// structure of their own: JWTs, Sanctum `<id>|<secret>` tokens, Telegram bot tokens and
/// `Basic <base64 of user:password>`.
extension TextRedactor {
    /// The prefixed formats grouped by their first byte, longest prefix first (`sk-ant-` before `sk-`).
    static let tokenFormatsByFirstByte: [[SecretShapes.TokenFormat]] = {
        var table: [UInt8: [SecretShapes.TokenFormat]] = [:]
        for format in SecretShapes.tokenFormats where !format.prefix.isEmpty && format.maxBody > 0 && format.minBody > 0 {
            guard let first = format.prefix.utf8.first else { continue }
            table[first, default: []].append(format)
            if format.id == "token.basic-credential", let lower = format.prefix.lowercased().utf8.first, lower != first {
                table[lower, default: []].append(format)
            }
        }
        var byByte = [[SecretShapes.TokenFormat]](repeating: [], count: 256)
        for (first, formats) in table { byByte[Int(first)] = formats.sorted { $0.prefix.utf8.count > $1.prefix.utf8.count } }
        return byByte
    }()

    static func isInAlphabet(_ byte: UInt8, _ alphabet: SecretShapes.TokenAlphabet) -> Bool {
        switch alphabet {
        case .alnum: return isAlnum(byte)
        case .alnumUnderscore: return isAlnum(byte) || byte == UInt8(ascii: "_")
        case .alnumDash: return isAlnum(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        case .upperAlnum: return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        case .lowerHex: return (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        case .base64: return isBase64Byte(byte)
        case .crypt: return isAlnum(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "$")
        case .sendgrid: return isAlnum(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        case .urlPath:
            return isAlnum(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "/")
        case .phc:
            return isAlnum(byte) || "./$=,+-".utf8.contains(byte)
        case .nonBlank:
            return byte > 0x20 && byte != 0x7F
        }
    }

    /// A token starts where the previous byte cannot continue a word.
    static func isTokenBoundary(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = bytes[index - 1]
        return !(isAlnum(previous) || previous == UInt8(ascii: "_") || previous == UInt8(ascii: "-"))
    }

    /// Telegram's API puts its bot token right after "/bot": `/bot<digits>:AA...`.
    static func isAfterBotPath(_ bytes: [UInt8], _ index: Int) -> Bool {
        index >= 4 && isDigit(bytes[index]) && bytes[(index - 4)..<index].elementsEqual("/bot".utf8)
    }

    /// One token found at a position: what to keep in front of the mask, and where it ends.
    struct TokenHit {
        let keep: Int
        let end: Int
    }

    static func redactTokens(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if isTokenBoundary(bytes, index) || isAfterBotPath(bytes, index), let hit = tokenAt(bytes, index) {
                if !changed { output.reserveCapacity(bytes.count); output.append(contentsOf: bytes[..<index]) }
                output.append(contentsOf: bytes[index..<(index + hit.keep)])
                output.append(contentsOf: mask.utf8)
                index = hit.end
                changed = true
                continue
            }
            if changed { output.append(bytes[index]) }
            index += 1
        }
        return changed ? output : nil
    }

    /// Each attempt reads at most the run of alphabet bytes after the prefix; a failed attempt
    /// reads no further than a successful one would have, and the runs of the formats without
    /// a word boundary inside them (all but JWT segments) are not re-read from inside.
    static func tokenAt(_ bytes: [UInt8], _ index: Int) -> TokenHit? {
        let first = bytes[index]
        if first == UInt8(ascii: "e"), let hit = jwtAt(bytes, index) { return hit }
        if isDigit(first), let hit = digitPrefixedTokenAt(bytes, index) { return hit }
        for format in tokenFormatsByFirstByte[Int(first)] {
            let prefix = format.prefix.utf8
            guard index + prefix.count <= bytes.count else { continue }
            let caseInsensitive = format.id == "token.basic-credential"
            let matches =
                caseInsensitive
                ? zip(bytes[index..<(index + prefix.count)], prefix).allSatisfy { ($0 | 0x20) == ($1 | 0x20) }
                : bytes[index..<(index + prefix.count)].elementsEqual(prefix)
            guard matches else { continue }
            let bodyStart = index + prefix.count
            var cursor = bodyStart
            while cursor < bytes.count, cursor - bodyStart <= format.maxBody, isInAlphabet(bytes[cursor], format.body) { cursor += 1 }
            let length = cursor - bodyStart
            guard length >= format.minBody else { continue }
            if format.minBody == format.maxBody {
                // Fixed-length formats: not when the run goes on (then it is something else).
                guard length == format.maxBody else { continue }
            } else {
                // Variable length: the whole run goes, however long.
                while cursor < bytes.count, isInAlphabet(bytes[cursor], format.body) { cursor += 1 }
            }
            if caseInsensitive, !decodesToUserColonPassword(bytes[bodyStart..<cursor]) { continue }
            if format.id == "token.base64-private-key", !decodesToPrivateKeyHeader(bytes[index..<cursor]) { continue }
            return TokenHit(keep: format.keepPrefix ? prefix.count : 0, end: cursor)
        }
        return nil
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    static func isJWTByte(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// eyJ<header>.eyJ<payload>.<signature>: base64url of JSON objects, so both start "eyJ".
    static func jwtAt(_ bytes: [UInt8], _ index: Int) -> TokenHit? {
        let eyJ = Array("eyJ".utf8)
        guard bytes[index...].starts(with: eyJ) else { return nil }
        var cursor = index + 3
        while cursor < bytes.count, isJWTByte(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "."), bytes[(cursor + 1)...].starts(with: eyJ) else { return nil }
        cursor += 4
        while cursor < bytes.count, isJWTByte(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") else { return nil }
        cursor += 1
        while cursor < bytes.count, isJWTByte(bytes[cursor]) { cursor += 1 }
        return TokenHit(keep: 0, end: cursor)
    }

    /// `<digits>|<40+ alphanumerics>` (Sanctum, Coolify's API tokens) and
    /// `<8-10 digits>:AA<33>` (Telegram bot tokens); the digits stay.
    static func digitPrefixedTokenAt(_ bytes: [UInt8], _ index: Int) -> TokenHit? {
        var cursor = index
        while cursor < bytes.count, cursor - index < 11, isDigit(bytes[cursor]) { cursor += 1 }
        let digits = cursor - index
        guard digits >= 1, digits <= 10, cursor < bytes.count else { return nil }
        if bytes[cursor] == UInt8(ascii: "|") {
            let bodyStart = cursor + 1
            var end = bodyStart
            while end < bytes.count, isAlnum(bytes[end]) { end += 1 }
            guard end - bodyStart >= 40 else { return nil }
            return TokenHit(keep: digits + 1, end: end)
        }
        if bytes[cursor] == UInt8(ascii: ":"), digits >= 8, cursor + 3 < bytes.count,
            bytes[cursor + 1] == UInt8(ascii: "A"), bytes[cursor + 2] == UInt8(ascii: "A")
        {
            let bodyStart = cursor + 1
            var end = bodyStart
            while end < bytes.count, isJWTByte(bytes[end]) { end += 1 }
            guard end - bodyStart == 35 else { return nil }
            return TokenHit(keep: digits + 1, end: end)
        }
        return nil
    }

    /// Base64 whose first line decodes to a private-key header (`-----BEGIN ... PRIVATE KEY-----`,
    /// OpenSSH and PGP included); a certificate's header does not count. Only the first 96
    /// characters are decoded.
    static func decodesToPrivateKeyHeader(_ encoded: ArraySlice<UInt8>) -> Bool {
        let length = min(encoded.count, 96) / 4 * 4
        guard length >= 20, let decoded = decodeBase64(encoded.prefix(length)) else { return false }
        let header = decoded.prefix { $0 != UInt8(ascii: "\n") }
        return SecretShapes.keyBlockLabelEndings.contains { ending in
            header.count >= ending.utf8.count
                && header.indices.contains { start in
                    header[start...].starts(with: ending.utf8)
                }
        }
    }

    /// Strict base64 that decodes to UTF-8 text with a colon: `user:password`.
    static func decodesToUserColonPassword(_ encoded: ArraySlice<UInt8>) -> Bool {
        guard let decoded = decodeBase64(encoded), decoded.count >= 3 else { return false }
        return decoded.contains(UInt8(ascii: ":")) && decoded.allSatisfy { $0 >= 0x20 && $0 != 0x7F }
    }

    /// Standard base64 with padding; nil when malformed.
    package static func decodeBase64<Bytes: Collection>(_ encoded: Bytes) -> [UInt8]? where Bytes.Element == UInt8 {
        guard encoded.count % 4 == 0, !encoded.isEmpty else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count / 4 * 3)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in encoded {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                padding += 1
                guard padding <= 2 else { return nil }
                continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            accumulator = (accumulator << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return output
    }
}
