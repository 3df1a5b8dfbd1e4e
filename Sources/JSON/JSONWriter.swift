// Compact JSON serialisation (see JSON.swift for why this exists instead of Foundation).
//
// Output rules:
//  - no insignificant whitespace; object keys in the object's order; numbers as their text;
//  - strings escape `"` and `\`, control characters below 0x20 (as \n \r \t \b \f, or \u00XX),
//    DEL (0x7F) as \u007f, and U+2028 / U+2029 as \u2028 / \u2029 (line separators in
//    JavaScript and some line-oriented readers);
//  - `/` and all other non-ASCII characters are written as raw UTF-8.
// Consequently the output is always valid UTF-8 (Swift strings are) and never contains a raw
// newline, so one value is always exactly one line, which line-delimited framing relies on.
//
// Depth: `write` recurses once per nesting level. Values produced by `JSONParser` are bounded
// by its `maxDepth` (at most `JSONParser.Options.maxDepthCeiling`); in-process values are
// built by our own code and are shallow.

package enum JSONWriter {
    /// Appends the compact JSON text of `value` to `bytes`.
    package static func write(_ value: JSONValue, into bytes: inout [UInt8]) {
        switch value {
        case .null:
            bytes.append(contentsOf: "null".utf8)
        case .bool(let b):
            bytes.append(contentsOf: b ? "true".utf8 : "false".utf8)
        case .number(let n):
            // Every JSONNumber holds grammar-checked ASCII text.
            bytes.append(contentsOf: n.text.utf8)
        case .string(let s):
            writeString(s, into: &bytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(element, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for (key, member) in object {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                write(member, into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// The compact JSON text of `value` as UTF-8 bytes.
    package static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out)
        return out
    }

    /// The compact JSON text of `value`.
    package static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// Appends `string` as a quoted, escaped JSON string. Unescaped runs are copied in bulk.
    package static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            let count = utf8.count
            var runStart = 0
            var i = 0
            while i < count {
                let b = utf8[i]
                // Fast path: bytes that are copied verbatim.
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F && b != 0xE2 {
                    i += 1
                    continue
                }
                if b == 0xE2 {
                    // U+2028 is E2 80 A8, U+2029 is E2 80 A9; other E2 sequences are copied.
                    guard i + 2 < count, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 else {
                        i += 1
                        continue
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                    out.append(contentsOf: utf8[i + 2] == 0xA8 ? #"\u2028"#.utf8 : #"\u2029"#.utf8)
                    i += 3
                    runStart = i
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                switch b {
                case 0x22: out.append(contentsOf: #"\""#.utf8)
                case 0x5C: out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x08: out.append(contentsOf: #"\b"#.utf8)
                case 0x0C: out.append(contentsOf: #"\f"#.utf8)
                default: // other controls and DEL: \u00XX with lowercase hex
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hexDigit(b >> 4))
                    out.append(hexDigit(b & 0x0F))
                }
                i += 1
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + (nibble - 10)
    }
}
