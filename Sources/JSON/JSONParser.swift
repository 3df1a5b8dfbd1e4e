// Strict RFC 8259 JSON parser (see JSON.swift for why this exists instead of Foundation).
//
// Properties:
//  - Strict grammar: no comments, trailing commas, NaN/Infinity, leading zeros, single quotes.
//    Whitespace (space, tab, LF, CR) is allowed before and after the value.
//  - A leading UTF-8 byte order mark (EF BB BF) is skipped, not rejected: RFC 8259 allows a
//    parser to ignore it, and it carries no meaning.
//  - Depth: the nesting limit is checked *before* descending into an array or object, so the
//    recursion depth is bounded by `Options.maxDepth` (itself capped at `maxDepthCeiling`).
//    100,000 '[' fail with `.tooDeep` at the first bracket past the limit.
//  - Numbers are validated and kept as text (`JSONNumber`): `1e400` and 100-digit integers
//    are preserved exactly, never converted to floating point.
//  - Strings: escapes including \uXXXX surrogate pairs; a lone surrogate escape becomes
//    U+FFFD; raw control characters (< 0x20) are rejected; invalid UTF-8 is rejected or
//    replaced by U+FFFD per ill-formed sequence, depending on `Options.invalidUTF8`.
//  - Duplicate object keys: the last value wins, at the position of the first occurrence.
//  - Errors carry a kind and a byte offset only; their text never includes input content.
//  - Speed: one pass over a contiguous buffer with integer indices; no per-byte allocation.
//    A string without escapes becomes a `String` with a single `String(decoding:)` call.

/// Parses JSON text from bytes into a `JSONValue`.
package struct JSONParser {
    /// What to do with invalid UTF-8 inside strings. (Outside strings, any byte >= 0x80 is
    /// simply an unexpected byte.)
    package enum InvalidUTF8Policy: Sendable, Hashable {
        /// Fail with `.invalidUTF8` at the offset of the first ill-formed sequence.
        case reject
        /// Replace each maximal ill-formed subsequence with U+FFFD (Unicode's recommended
        /// practice, which is what `String(decoding:as:)` does).
        case replace
    }

    package struct Options: Sendable, Hashable {
        /// Hard upper bound applied to `maxDepth`, so a caller cannot configure a depth that
        /// would exhaust the stack in the parser or in the recursive operations on the values
        /// it produces (writer, equality, deinit). Measured on x86_64 Linux: 1,000 levels of
        /// parsing plus writing need under 256 KiB of stack in a release build (about 1.6 KiB
        /// per level in a debug build), so in release 512 levels fit easily in a 512 KiB thread.
        package static let maxDepthCeiling = 512

        /// Maximum number of nested arrays/objects. 128 allows `[[...128 levels...]]`.
        /// 0 allows only scalars. Values above `maxDepthCeiling` are treated as the ceiling.
        package var maxDepth: Int = 128
        package var invalidUTF8: InvalidUTF8Policy = .reject

        package init(maxDepth: Int = 128, invalidUTF8: InvalidUTF8Policy = .reject) {
            self.maxDepth = maxDepth
            self.invalidUTF8 = invalidUTF8
        }

        package static let `default` = Options()

        /// `maxDepth` clamped into `0...maxDepthCeiling`.
        var effectiveMaxDepth: Int { min(max(maxDepth, 0), Options.maxDepthCeiling) }
    }

    /// Parses exactly one JSON value, optionally surrounded by whitespace.
    package static func parse(
        _ bytes: some Collection<UInt8>,
        options: Options = .default
    ) throws(JSONParseError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer, options: options) }
        }
        if let contiguous { return try contiguous.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer, options: options) }
        }.get()
    }

    /// Parses the UTF-8 encoding of `text`.
    package static func parse(
        _ text: String,
        options: Options = .default
    ) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer, options: options) }
        }.get()
    }

    /// Parses raw memory (for callers that already hold a buffer, e.g. from a read loop).
    package static func parse(
        _ raw: UnsafeRawBufferPointer,
        options: Options = .default
    ) throws(JSONParseError) -> JSONValue {
        try raw.withMemoryRebound(to: UInt8.self) { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer: buffer, options: options) }
        }.get()
    }

    /// The core entry point; every overload funnels here.
    package static func parse(
        buffer: UnsafeBufferPointer<UInt8>,
        options: Options = .default
    ) throws(JSONParseError) -> JSONValue {
        var reader = Reader(
            bytes: buffer,
            maxDepth: options.effectiveMaxDepth,
            replaceInvalidUTF8: options.invalidUTF8 == .replace
        )
        return try reader.parseDocument()
    }
}

/// A parse failure: what went wrong and where (a 0-based byte offset into the input).
///
/// `description` is a short sentence built only from the kind, the offset, and the depth
/// limit. It never includes input bytes, because the input may contain secrets.
package struct JSONParseError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    package enum Kind: Sendable, Hashable, CaseIterable {
        /// The input stopped inside a value (string, literal, array, object).
        case unexpectedEnd
        /// A byte that cannot start or continue the current construct.
        case unexpectedByte
        /// A number that breaks the grammar (leading zero, `1.`, `-`, `1e`, ...).
        case invalidNumber
        /// A bad escape sequence or a raw control character inside a string.
        case invalidString
        /// Ill-formed UTF-8 inside a string (with `InvalidUTF8Policy.reject`).
        case invalidUTF8
        /// Nesting deeper than the configured limit.
        case tooDeep
        /// Non-whitespace after the complete top-level value.
        case trailingData
        /// No value at all: empty input, or only whitespace / a byte order mark.
        case emptyInput
    }

    package let kind: Kind
    /// 0-based byte offset of the offending byte (the input's length if it ended early).
    package let offset: Int
    /// The depth limit in force, for `.tooDeep`; 0 for other kinds.
    package let depthLimit: Int

    package init(kind: Kind, offset: Int, depthLimit: Int = 0) {
        self.kind = kind
        self.offset = offset
        self.depthLimit = depthLimit
    }

    package var description: String {
        switch kind {
        case .unexpectedEnd: "JSON input ended unexpectedly at byte \(offset)"
        case .unexpectedByte: "unexpected byte in JSON at byte \(offset)"
        case .invalidNumber: "invalid JSON number at byte \(offset)"
        case .invalidString: "invalid JSON string escape or control character at byte \(offset)"
        case .invalidUTF8: "invalid UTF-8 in JSON string at byte \(offset)"
        case .tooDeep: "JSON nested deeper than \(depthLimit) levels at byte \(offset)"
        case .trailingData: "unexpected data after the JSON value at byte \(offset)"
        case .emptyInput: "no JSON value in the input (byte \(offset))"
        }
    }
}

// MARK: - Reader

private enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22 // "
    static let comma: UInt8 = 0x2C // ,
    static let minus: UInt8 = 0x2D // -
    static let slash: UInt8 = 0x2F // /
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A // :
    static let openBracket: UInt8 = 0x5B // [
    static let backslash: UInt8 = 0x5C // \
    static let closeBracket: UInt8 = 0x5D // ]
    static let openBrace: UInt8 = 0x7B // {
    static let closeBrace: UInt8 = 0x7D // }
}

/// Cursor over the input. All reads are guarded by `pos < end` (or an equivalent bound).
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    let maxDepth: Int
    let replaceInvalidUTF8: Bool
    var pos = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, replaceInvalidUTF8: Bool) {
        self.bytes = bytes
        self.end = bytes.count
        self.maxDepth = maxDepth
        self.replaceInvalidUTF8 = replaceInvalidUTF8
    }

    @inline(__always)
    func fail(_ kind: JSONParseError.Kind, at offset: Int) -> JSONParseError {
        JSONParseError(kind: kind, offset: offset, depthLimit: kind == .tooDeep ? maxDepth : 0)
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        // Skip a UTF-8 byte order mark.
        if end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { pos = 3 }
        skipWhitespace()
        guard pos < end else { throw fail(.emptyInput, at: pos) }
        let value = try parseValue()
        skipWhitespace()
        guard pos == end else { throw fail(.trailingData, at: pos) }
        return value
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            switch bytes[pos] {
            case ASCII.space, ASCII.lineFeed, ASCII.carriageReturn, ASCII.tab: pos += 1
            default: return
            }
        }
    }

    /// Parses one value starting at `pos` (no leading whitespace).
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard pos < end else { throw fail(.unexpectedEnd, at: pos) }
        switch bytes[pos] {
        case ASCII.openBrace: return try parseObject()
        case ASCII.openBracket: return try parseArray()
        case ASCII.quote: return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return .number(try parseNumber())
        default:
            throw fail(.unexpectedByte, at: pos)
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for k in 0..<count {
            guard pos + k < end else { throw fail(.unexpectedEnd, at: end) }
            guard bytes[pos + k] == expected[k] else { throw fail(.unexpectedByte, at: pos + k) }
        }
        pos += count
    }

    /// Enters one nesting level; the check happens before any recursion.
    @inline(__always)
    mutating func enterContainer() throws(JSONParseError) {
        guard depth < maxDepth else { throw fail(.tooDeep, at: pos) }
        depth += 1
        pos += 1 // the opening bracket or brace
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        skipWhitespace()
        var elements: [JSONValue] = []
        if pos < end && bytes[pos] == ASCII.closeBracket {
            pos += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard pos < end else { throw fail(.unexpectedEnd, at: pos) }
            switch bytes[pos] {
            case ASCII.comma:
                pos += 1
            case ASCII.closeBracket:
                pos += 1
                return .array(elements)
            default:
                throw fail(.unexpectedByte, at: pos)
            }
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        skipWhitespace()
        var object = JSONObject()
        if pos < end && bytes[pos] == ASCII.closeBrace {
            pos += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard pos < end else { throw fail(.unexpectedEnd, at: pos) }
            guard bytes[pos] == ASCII.quote else { throw fail(.unexpectedByte, at: pos) }
            let key = try parseString()
            skipWhitespace()
            guard pos < end else { throw fail(.unexpectedEnd, at: pos) }
            guard bytes[pos] == ASCII.colon else { throw fail(.unexpectedByte, at: pos) }
            pos += 1
            skipWhitespace()
            // Duplicate key: last value wins, first position kept (JSONObject's subscript).
            object[key] = try parseValue()
            skipWhitespace()
            guard pos < end else { throw fail(.unexpectedEnd, at: pos) }
            switch bytes[pos] {
            case ASCII.comma:
                pos += 1
            case ASCII.closeBrace:
                pos += 1
                return .object(object)
            default:
                throw fail(.unexpectedByte, at: pos)
            }
        }
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = pos
        switch JSONNumber.scan(bytes, from: start) {
        case .invalid(let at):
            throw fail(.invalidNumber, at: at)
        case .valid(let numberEnd):
            pos = numberEnd
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<numberEnd]), as: UTF8.self)
            return JSONNumber(validatedText: text)
        }
    }

    /// Parses a string starting at the opening quote. The string is split into raw runs
    /// (bytes copied as they are) separated by escapes. Without escapes, the single run is
    /// decoded directly from the input buffer; otherwise runs and decoded escapes are
    /// collected in one scratch buffer.
    mutating func parseString() throws(JSONParseError) -> String {
        var i = pos + 1
        var runStart = i
        var runHasNonASCII = false
        var scratch: [UInt8] = [] // allocated only when the first escape appears
        var sawEscape = false
        while true {
            guard i < end else { throw fail(.unexpectedEnd, at: end) }
            let b = bytes[i]
            if b >= ASCII.space && b != ASCII.quote && b != ASCII.backslash {
                if b >= 0x80 { runHasNonASCII = true }
                i += 1
                continue
            }
            // End of a raw run. Runs are delimited by ASCII bytes, so each run can be
            // validated on its own; this reports the earliest bad offset.
            if runHasNonASCII && !replaceInvalidUTF8 {
                if let bad = firstInvalidUTF8(from: runStart, to: i) {
                    throw fail(.invalidUTF8, at: bad)
                }
            }
            let run = UnsafeBufferPointer(rebasing: bytes[runStart..<i])
            if b == ASCII.quote {
                pos = i + 1
                if !sawEscape { return String(decoding: run, as: UTF8.self) }
                scratch.append(contentsOf: run)
                return String(decoding: scratch, as: UTF8.self)
            }
            if b < ASCII.space { throw fail(.invalidString, at: i) }
            // A backslash.
            if !sawEscape {
                sawEscape = true
                scratch.reserveCapacity(run.count + 32)
            }
            scratch.append(contentsOf: run)
            i = try decodeEscape(at: i, into: &scratch)
            runStart = i
            runHasNonASCII = false
        }
    }

    /// Decodes the escape whose backslash is at `i`, appends its UTF-8, returns the index
    /// just after it.
    mutating func decodeEscape(at i: Int, into out: inout [UInt8]) throws(JSONParseError) -> Int {
        guard i + 1 < end else { throw fail(.unexpectedEnd, at: end) }
        switch bytes[i + 1] {
        case ASCII.quote: out.append(ASCII.quote)
        case ASCII.backslash: out.append(ASCII.backslash)
        case ASCII.slash: out.append(ASCII.slash)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(ASCII.lineFeed)
        case UInt8(ascii: "r"): out.append(ASCII.carriageReturn)
        case UInt8(ascii: "t"): out.append(ASCII.tab)
        case UInt8(ascii: "u"):
            let first = try hex4(at: i + 2)
            var next = i + 6
            var scalar: UInt32
            switch first {
            case 0xD800...0xDBFF:
                // A high surrogate pairs only with an immediately following \u low surrogate.
                // Otherwise it becomes U+FFFD and whatever follows is parsed on its own.
                if next + 6 <= end, bytes[next] == ASCII.backslash, bytes[next + 1] == UInt8(ascii: "u"),
                    let second = hex4IfValid(at: next + 2), (0xDC00...0xDFFF).contains(second)
                {
                    scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    next += 6
                } else {
                    scalar = 0xFFFD
                }
            case 0xDC00...0xDFFF:
                scalar = 0xFFFD // lone low surrogate
            default:
                scalar = first
            }
            appendUTF8(scalar, to: &out)
            return next
        default:
            throw fail(.invalidString, at: i + 1)
        }
        return i + 2
    }

    /// Four hex digits at `at`; errors if truncated or not hex.
    func hex4(at start: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 {
            guard start + k < end else { throw fail(.unexpectedEnd, at: end) }
            guard let h = hexValue(bytes[start + k]) else { throw fail(.invalidString, at: start + k) }
            value = value << 4 | h
        }
        return value
    }

    /// Four hex digits at `at`, or nil (no error; used for look-ahead).
    func hex4IfValid(at start: Int) -> UInt32? {
        guard start + 4 <= end else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            guard let h = hexValue(bytes[start + k]) else { return nil }
            value = value << 4 | h
        }
        return value
    }

    @inline(__always)
    func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case ASCII.zero...ASCII.nine: UInt32(b - ASCII.zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Appends a Unicode scalar value (never a surrogate, at most 0x10FFFF) as UTF-8.
    @inline(__always)
    func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Offset of the first byte of the first ill-formed UTF-8 sequence in `start..<stop`,
    /// or nil if the range is well-formed. Follows Unicode Table 3-7 (no overlongs, no
    /// surrogates, nothing above U+10FFFF).
    func firstInvalidUTF8(from start: Int, to stop: Int) -> Int? {
        var i = start
        while i < stop {
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80 // allowed range of the second byte
            var high: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i // 0x80...0xC1, 0xF5...0xFF
            }
            guard i + length <= stop else { return i }
            let b1 = bytes[i + 1]
            guard b1 >= low && b1 <= high else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 {
                return i
            }
            i += length
        }
        return nil
    }
}
