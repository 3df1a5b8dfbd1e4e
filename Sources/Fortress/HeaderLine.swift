/// One extra outbound header, "Name: value", as `--header` and COOLIFY_HEADERS_FILE give it
/// (Cloudflare Access and other proxies). Parsed over the bytes where they lie (secret memory,
/// for the server), so the value is never copied into a String here; errors name the source
/// and, for a valid name only, the name, never the value.
package enum HeaderLine {
    package enum Parsed: Equatable {
        /// A header to send: its name, and where its value lies in the parsed bytes.
        case header(name: String, value: Range<Int>)
        /// A header the server owns (Authorization, Content-Type): dropped with a warning.
        case reserved(name: String)
    }

    /// Headers the server owns: a user-supplied one could redirect the credential or break JSON.
    package static let reserved: Set<String> = ["authorization", "content-type"]

    /// Values at least this long are treated as secrets: fingerprinted for the output filter, so
    /// they must be printable ASCII without `"` or `\` (JSON escaping would change their bytes).
    /// Shorter values would mask ordinary words everywhere and are too short to be credentials.
    package static let fingerprintedLength = 8

    /// Parses `bytes[range]` as "Name: value"; `source` names where it came from in messages
    /// ("--header", "COOLIFY_HEADERS_FILE line 3").
    package static func parse(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, source: String) throws(FortressError) -> Parsed {
        if bytes[range].contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
            throw FortressError(.headerMalformed(source: source, reason: "contains CR, LF or NUL"))
        }
        guard let colon = bytes[range].firstIndex(of: UInt8(ascii: ":")) else {
            throw FortressError(.headerMalformed(source: source, reason: "must look like \"Name: value\""))
        }
        let nameRange = trimmed(bytes, range.lowerBound..<colon)
        let valueRange = trimmed(bytes, (colon + 1)..<range.upperBound)
        guard !nameRange.isEmpty, bytes[nameRange].allSatisfy(isTokenByte) else {
            throw FortressError(.headerMalformed(source: source, reason: "has no valid header name before the colon (letters, digits and !#$%&'*+-.^_`|~)"))
        }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameRange]), as: UTF8.self)
        let value = bytes[valueRange]
        if value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            throw FortressError(.headerMalformed(source: source, reason: "'\(name)' value contains a control character"))
        }
        if value.count >= fingerprintedLength,
            value.contains(where: { $0 < 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
        {
            throw FortressError(
                .headerMalformed(
                    source: source, reason: "'\(name)' value holds a tab, a quote, a backslash or a non-ASCII byte, which the output filter could not recognise"
                ))
        }
        if reserved.contains(name.lowercased()) { return .reserved(name: name) }
        return .header(name: name, value: valueRange)
    }

    static func trimmed(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }

    package static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// The lines of a headers file worth parsing: (line number, byte range), without blank lines,
    /// `#` comments and a CR before the line end.
    static func fileLines(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> [(number: Int, range: Range<Int>)] {
        var lines: [(Int, Range<Int>)] = []
        var start = range.lowerBound
        var number = 1
        while start < range.upperBound {
            let end = bytes[start..<range.upperBound].firstIndex(of: 0x0A) ?? range.upperBound
            var line = start..<end
            if !line.isEmpty, bytes[line.upperBound - 1] == 0x0D { line = line.lowerBound..<(line.upperBound - 1) }
            let content = trimmed(bytes, line)
            if !content.isEmpty, bytes[content.lowerBound] != UInt8(ascii: "#") { lines.append((number, line)) }
            start = end + 1
            number += 1
        }
        return lines
    }
}
