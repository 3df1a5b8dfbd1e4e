import Testing

@testable import JSON
@testable import MCPWire

// MARK: - Helpers

private func parse(_ text: String, options: JSONParser.Options = .default) throws(JSONParseError) -> JSONValue {
    try JSONParser.parse(text, options: options)
}

private func parseBytes(_ bytes: [UInt8], options: JSONParser.Options = .default) throws(JSONParseError) -> JSONValue {
    try JSONParser.parse(bytes, options: options)
}

/// The error for `text`, or nil if it parsed.
private func parseError(_ text: String, options: JSONParser.Options = .default) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(text, options: options)
        return nil
    } catch {
        return error
    }
}

private func parseError(bytes: [UInt8], options: JSONParser.Options = .default) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes, options: options)
        return nil
    } catch {
        return error
    }
}

private func scalars(_ s: String?) -> [UInt32] {
    s.map { $0.unicodeScalars.map(\.value) } ?? []
}

// MARK: - Round trips and basic structure

@Suite("JSON")
struct JSONTests {
    @Test func roundTripCompactDocumentIsByteIdentical() throws {
        let text =
            #"{"jsonrpc":"2.0","id":12345678901234567890123,"method":"tools/call","params":{"name":"x","arguments":{"a":[1,-2.5,3e10,true,false,null,"",{}],"b":[]}}}"#
        let value = try parse(text)
        #expect(JSONWriter.string(value) == text)
        #expect(value.description == text)
        #expect(try parse(JSONWriter.string(value)) == value)
    }

    @Test func writerOutputIsCompactAndKeepsKeyOrder() throws {
        let value = try parse(" { \"z\" : 1 ,\n\t\"a\" : [ 1 , 2 ] , \"m\" : { } } ")
        #expect(JSONWriter.string(value) == #"{"z":1,"a":[1,2],"m":{}}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func scalarsAtTopLevel() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("\"hi\"") == .string("hi"))
        #expect(try parse("-0").numberValue?.text == "-0")
        #expect(try parse("0") == 0)
    }

    @Test func literalsBuildExpectedValues() {
        let value: JSONValue = ["a": 1, "b": [true, nil, "s", 1.5], "c": ["d": "e"]]
        #expect(JSONWriter.string(value) == #"{"a":1,"b":[true,null,"s",1.5],"c":{"d":"e"}}"#)
        #expect(value["a"]?.intValue == 1)
        #expect(value["b"]?[1]?.isNull == true)
        #expect(value["b"]?[2]?.stringValue == "s")
        #expect(value["b"]?[3]?.doubleValue == 1.5)
        #expect(value["b"]?[4] == nil)
        #expect(value["b"]?[-1] == nil)
        #expect(value["c"]?["d"] == "e")
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("x")["a"] == nil)
        #expect(JSONValue.string("x")[0] == nil)
        #expect(value["b"]?.arrayValue?.count == 4)
        #expect(JSONValue.bool(true).boolValue == true)
        #expect(JSONValue.null.boolValue == nil)
        #expect(JSONValue.string("1").intValue == nil)
    }

    @Test func stringInterpolationLiteral() {
        let n = 7
        let value: JSONValue = "n=\(n)"
        #expect(value == .string("n=7"))
    }

    // MARK: - Whitespace, BOM, empty, trailing

    @Test func whitespaceAroundAndInsideIsAllowed() throws {
        let value = try parse(" \t\r\n[ 1 ,\t2 ,\r\n 3 ] \n\t ")
        #expect(value == [1, 2, 3])
    }

    @Test func nonJSONWhitespaceIsRejected() {
        // Form feed and vertical tab are not JSON whitespace.
        #expect(parseError("\u{0C}1")?.kind == .unexpectedByte)
        #expect(parseError("[1,\u{0B}2]")?.kind == .unexpectedByte)
        // A no-break space (U+00A0) is not whitespace either.
        #expect(parseError("\u{A0}1")?.kind == .unexpectedByte)
    }

    @Test func leadingByteOrderMarkIsSkipped() throws {
        #expect(try parseBytes([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
        #expect(parseError(bytes: [0xEF, 0xBB, 0xBF])?.kind == .emptyInput)
        // A BOM anywhere else is not allowed.
        #expect(parseError(bytes: Array(" ".utf8) + [0xEF, 0xBB, 0xBF] + Array("1".utf8))?.kind == .unexpectedByte)
    }

    @Test func emptyInput() {
        #expect(parseError("") == JSONParseError(kind: .emptyInput, offset: 0))
        #expect(parseError(" \n\t ")?.kind == .emptyInput)
        #expect(parseError(bytes: [])?.kind == .emptyInput)
    }

    @Test func trailingDataIsRejected() {
        #expect(parseError("1 2") == JSONParseError(kind: .trailingData, offset: 2))
        #expect(parseError("{} x") == JSONParseError(kind: .trailingData, offset: 3))
        #expect(parseError("[1]]") == JSONParseError(kind: .trailingData, offset: 3))
        #expect(parseError("null\u{0}")?.kind == .trailingData)
        #expect(parseError("truex")?.kind == .trailingData)
    }

    @Test func strictGrammarRejections() {
        #expect(parseError("[1,]")?.kind == .unexpectedByte)
        #expect(parseError(#"{"a":1,}"#)?.kind == .unexpectedByte)
        #expect(parseError("[1 2]")?.kind == .unexpectedByte)
        #expect(parseError(#"{"a" 1}"#)?.kind == .unexpectedByte)
        #expect(parseError(#"{a:1}"#)?.kind == .unexpectedByte)
        #expect(parseError("{'a':1}")?.kind == .unexpectedByte)
        #expect(parseError("// c\n1")?.kind == .unexpectedByte)
        #expect(parseError("/* c */ 1")?.kind == .unexpectedByte)
        #expect(parseError("[,1]")?.kind == .unexpectedByte)
        #expect(parseError("tru")?.kind == .unexpectedEnd)
        #expect(parseError("nul!") == JSONParseError(kind: .unexpectedByte, offset: 3))
        #expect(parseError("True")?.kind == .unexpectedByte)
        #expect(parseError("[1")?.kind == .unexpectedEnd)
        #expect(parseError(#"{"a":"#)?.kind == .unexpectedEnd)
        #expect(parseError(#"{"a""#)?.kind == .unexpectedEnd)
    }

    // MARK: - Strings

    @Test func simpleEscapesDecode() throws {
        let value = try parse(#""a\"b\\c\/d\be\ff\ng\rh\ti""#)
        #expect(value == .string("a\"b\\c/d\u{08}e\u{0C}f\ng\rh\ti"))
    }

    @Test func unicodeEscapesDecode() throws {
        #expect(try parse(#""\u0041\u00e9\u20AC\u0000""#) == .string("A\u{E9}\u{20AC}\u{0}"))
        #expect(try parse(#""x\u00E9y""#) == .string("x\u{E9}y"))
    }

    @Test func surrogatePairEscapesCombine() throws {
        // U+1F600 GRINNING FACE = \uD83D\uDE00
        #expect(try parse(#""\uD83D\uDE00""#) == .string("\u{1F600}"))
        #expect(try parse(#""a\ud83d\ude00b""#) == .string("a\u{1F600}b"))
        // U+10FFFF = \uDBFF\uDFFF
        #expect(scalars(try parse(#""\uDBFF\uDFFF""#).stringValue) == [0x10FFFF])
    }

    @Test func loneSurrogatesBecomeReplacementCharacter() throws {
        #expect(scalars(try parse(#""\uD800""#).stringValue) == [0xFFFD])
        #expect(scalars(try parse(#""\uDC00""#).stringValue) == [0xFFFD])
        #expect(scalars(try parse(#""\uD800x""#).stringValue) == [0xFFFD, 0x78])
        // High followed by a non-surrogate escape: the second escape stands on its own.
        #expect(scalars(try parse(#""\uD800\u0041""#).stringValue) == [0xFFFD, 0x41])
        // Two high surrogates, then a low one: the second pairs with the low.
        #expect(scalars(try parse(#""\uD800\uD83D\uDE00""#).stringValue) == [0xFFFD, 0x1F600])
        // Reversed order: both lone.
        #expect(scalars(try parse(#""\uDE00\uD83D""#).stringValue) == [0xFFFD, 0xFFFD])
        // High surrogate then a bad escape: the bad escape is still an error.
        #expect(parseError(#""\uD800\uZZZZ""#)?.kind == .invalidString)
    }

    @Test func badEscapesAreRejected() {
        #expect(parseError(#""\x""#) == JSONParseError(kind: .invalidString, offset: 2))
        #expect(parseError(#""\u12G4""#) == JSONParseError(kind: .invalidString, offset: 5))
        #expect(parseError(#""\'""#)?.kind == .invalidString)
        #expect(parseError(#""\U0041""#)?.kind == .invalidString)
        #expect(parseError(#""\u12"#)?.kind == .unexpectedEnd)
        #expect(parseError(#""abc\"#)?.kind == .unexpectedEnd)
        #expect(parseError(#""abc"#)?.kind == .unexpectedEnd)
    }

    @Test func rawControlCharactersInStringsAreRejected() {
        #expect(parseError("\"a\nb\"") == JSONParseError(kind: .invalidString, offset: 2))
        #expect(parseError("\"\t\"")?.kind == .invalidString)
        #expect(parseError("\"\u{0}\"")?.kind == .invalidString)
        #expect(parseError("\"\u{1F}\"")?.kind == .invalidString)
        // ...also after an escape, on the slow path.
        #expect(parseError("\"\\n\u{1}\"") == JSONParseError(kind: .invalidString, offset: 3))
        // DEL is allowed raw in input (RFC 8259 only excludes < 0x20).
        #expect((try? parse("\"\u{7F}\"")) == .string("\u{7F}"))
    }

    @Test func validMultibyteUTF8IsAccepted() throws {
        let text = "\"h\u{E9}llo \u{4E16}\u{754C} \u{1F600}\""
        #expect(try parse(text) == .string("h\u{E9}llo \u{4E16}\u{754C} \u{1F600}"))
        #expect(try parse("{\"\u{E9}\":\"\\n\u{1F600}\"}")["\u{E9}"] == .string("\n\u{1F600}"))
    }

    @Test func invalidUTF8IsRejectedByDefault() {
        // "a" <FF> "b"
        #expect(parseError(bytes: [0x22, 0x61, 0xFF, 0x62, 0x22]) == JSONParseError(kind: .invalidUTF8, offset: 2))
        // Overlong encoding of "/" (C0 AF).
        #expect(parseError(bytes: [0x22, 0xC0, 0xAF, 0x22])?.kind == .invalidUTF8)
        // Overlong 3- and 4-byte encodings (E0 80 AF, F0 80 80 AF).
        #expect(parseError(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22]) == JSONParseError(kind: .invalidUTF8, offset: 1))
        #expect(parseError(bytes: [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22])?.kind == .invalidUTF8)
        // Bad continuation byte in the third position (E2 82 41).
        #expect(parseError(bytes: [0x22, 0xE2, 0x82, 0x41, 0x22])?.kind == .invalidUTF8)
        // Encoded surrogate U+D800 (ED A0 80).
        #expect(parseError(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22])?.kind == .invalidUTF8)
        // Truncated 4-byte sequence just before the closing quote.
        #expect(parseError(bytes: [0x22, 0xF0, 0x9F, 0x98, 0x22]) == JSONParseError(kind: .invalidUTF8, offset: 1))
        // Above U+10FFFF (F4 90 80 80).
        #expect(parseError(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22])?.kind == .invalidUTF8)
        // After an escape (slow path), offset still points at the bad byte.
        #expect(parseError(bytes: [0x22, 0x5C, 0x6E, 0x61, 0x80, 0x22]) == JSONParseError(kind: .invalidUTF8, offset: 4))
        // In a key.
        #expect(parseError(bytes: Array(#"{""#.utf8) + [0xFE] + Array(#"":1}"#.utf8))?.kind == .invalidUTF8)
        // Outside strings, a non-ASCII byte is just unexpected.
        #expect(parseError(bytes: [0x5B, 0xFF, 0x5D]) == JSONParseError(kind: .unexpectedByte, offset: 1))
    }

    @Test func invalidUTF8IsReplacedWhenAsked() throws {
        let options = JSONParser.Options(invalidUTF8: .replace)
        #expect(scalars(try parseBytes([0x22, 0x61, 0xFF, 0x62, 0x22], options: options).stringValue) == [0x61, 0xFFFD, 0x62])
        // One U+FFFD per ill-formed sequence: a truncated 4-byte sequence is one sequence.
        #expect(scalars(try parseBytes([0x22, 0xF0, 0x9F, 0x98, 0x41, 0x22], options: options).stringValue) == [0xFFFD, 0x41])
        // Two stray bytes are two sequences.
        #expect(scalars(try parseBytes([0x22, 0xFF, 0xFE, 0x22], options: options).stringValue) == [0xFFFD, 0xFFFD])
        // Mixed with escapes on the slow path.
        #expect(scalars(try parseBytes([0x22, 0x80, 0x5C, 0x74, 0xC3, 0xA9, 0x22], options: options).stringValue) == [0xFFFD, 0x09, 0xE9])
        // Replacement output is valid and re-serialises.
        let value = try parseBytes([0x22, 0xC3, 0x22], options: options)
        #expect(JSONWriter.string(value) == "\"\u{FFFD}\"")
    }

    // MARK: - Numbers

    @Test func validNumbersKeepTheirText() throws {
        for text in ["0", "-0", "1", "-1", "12.5", "0.001", "-0.0", "1e5", "1E5", "1e+5", "1e-5", "1.5E-07", "123456789012345678901234567890"] {
            let value = try parse(text)
            #expect(value.numberValue?.text == text)
            #expect(JSONWriter.string(value) == text)
            #expect(JSONNumber(text: text)?.text == text)
        }
    }

    @Test(arguments: ["01", "-01", "00", "1.", "1.e5", "-", "-a", "1e", "1e+", "1E-", "-.5", "2.x"])
    func invalidNumberGrammar(_ text: String) {
        #expect(parseError(text)?.kind == .invalidNumber)
        #expect(JSONNumber(text: text) == nil)
    }

    @Test func invalidNumberStartsAreUnexpectedBytes() {
        for text in [".5", "+1", "NaN", "Infinity", "nan", "inf", "0x10", "１"] {
            #expect(parseError(text) != nil, "\(text) must not parse")
            #expect(JSONNumber(text: text) == nil)
        }
        #expect(parseError(".5")?.kind == .unexpectedByte)
        #expect(parseError("+1")?.kind == .unexpectedByte)
        #expect(parseError("NaN")?.kind == .unexpectedByte)
        #expect(parseError("-Infinity")?.kind == .invalidNumber)
        #expect(parseError("0x10")?.kind == .trailingData)
        #expect(JSONNumber(text: " 1") == nil)
        #expect(JSONNumber(text: "1 ") == nil)
        #expect(JSONNumber(text: "") == nil)
    }

    @Test func hugeNumbersArePreservedNotConverted() throws {
        let value = try parse("[1e400,-1e400,1e-400,1E999999999999999999999]")
        #expect(JSONWriter.string(value) == "[1e400,-1e400,1e-400,1E999999999999999999999]")
        #expect(value[0]?.numberValue?.double == nil)
        #expect(value[1]?.numberValue?.double == nil)
        #expect(value[0]?.intValue == nil)
        #expect(value[2]?.numberValue?.double == 0)
        #expect(value[2]?.intValue == nil)
        #expect(value[3]?.intValue == nil)
        let hundredDigits = String(repeating: "9", count: 100)
        let big = try parse(hundredDigits)
        #expect(big.numberValue?.text == hundredDigits)
        #expect(big.intValue == nil)
    }

    @Test func intAccessorIsExact() {
        func int(_ text: String) -> Int? { JSONNumber(text: text)?.int }
        #expect(int("3") == 3)
        #expect(int("-3") == -3)
        #expect(int("3.0") == 3)
        #expect(int("3.000") == 3)
        #expect(int("-0") == 0)
        #expect(int("0.0e5") == 0)
        #expect(int("1e2") == 100)
        #expect(int("1500e-2") == 15)
        #expect(int("0.5e1") == 5)
        #expect(int("3.5") == nil)
        #expect(int("1e-1") == nil)
        #expect(int("0.1") == nil)
        #expect(int("1e400") == nil)
        #expect(int("9223372036854775807") == Int.max)
        #expect(int("-9223372036854775808") == Int.min)
        #expect(int("9223372036854775808") == nil)
        #expect(int("-9223372036854775809") == nil)
        #expect(int("922337203685477580.7e1") == Int.max)
        #expect(int("1e19") == nil)
        #expect(int("1e18") == 1_000_000_000_000_000_000)
        #expect(int("100000000000000000000e-2") == 1_000_000_000_000_000_000)
    }

    @Test func doubleAccessorAndInitializers() {
        #expect(JSONNumber(text: "2.5")?.double == 2.5)
        #expect(JSONNumber(text: "-1e3")?.double == -1000)
        #expect(JSONNumber(42).text == "42")
        #expect(JSONNumber(Int.min).text == "-9223372036854775808")
        #expect(JSONNumber(UInt64.max).text == "18446744073709551615")
        #expect(JSONNumber(0.5)?.text == "0.5")
        #expect(JSONNumber(1e20)?.double == 1e20)
        #expect(JSONNumber(1e-5)?.double == 1e-5)
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(-Double.infinity) == nil)
        // Every double-derived text is valid JSON.
        for d in [0.1, -0.0, 1e300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 123456.789] {
            let n = JSONNumber(d)
            #expect(n != nil)
            #expect(n.flatMap { JSONNumber(text: $0.text) } != nil)
            #expect(n?.double == d)
        }
    }

    // MARK: - Objects

    @Test func duplicateKeysLastValueWinsAtFirstPosition() throws {
        let value = try parse(#"{"a":1,"b":2,"a":3}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object.count == 2)
        #expect(object["a"] == 3)
        #expect(JSONWriter.string(value) == #"{"a":3,"b":2}"#)
    }

    @Test func objectMutationKeepsOrderAndIndex() {
        var object: JSONObject = ["x": 1, "y": 2, "z": 3]
        object["y"] = "two"
        #expect(object.keys == ["x", "y", "z"])
        object["w"] = nil // removing a missing key is a no-op
        #expect(object.count == 3)
        object["x"] = nil
        #expect(object.keys == ["y", "z"])
        #expect(object["z"] == 3) // index rebuilt after removal
        #expect(object.removeValue(forKey: "z") == 3)
        #expect(object.removeValue(forKey: "z") == nil)
        object["a"] = true
        #expect(object.keys == ["y", "a"])
        #expect(object.map(\.key) == ["y", "a"])
        #expect(object.map(\.value) == ["two", true])
        #expect(!object.isEmpty)
        #expect(JSONObject().isEmpty)
        let fromPairs = JSONObject([("k", 1), ("j", 2), ("k", 3)])
        #expect(fromPairs.keys == ["k", "j"])
        #expect(fromPairs["k"] == 3)
    }

    @Test func objectLookupStaysCorrectAcrossIndexThreshold() {
        // Small objects scan linearly; larger ones switch to a hash index. Exercise both
        // sides, the switch itself, replacement, and removal after indexing.
        var object = JSONObject()
        let n = JSONObject.indexThreshold * 3
        for k in 0..<n {
            object["k\(k)"] = .number(JSONNumber(k))
            #expect(object.count == k + 1)
            #expect(object["k\(k)"]?.intValue == k)
            #expect(object["k0"]?.intValue == 0)
            #expect(object["k\(k + 1)"] == nil)
        }
        object["k5"] = "five" // replace after indexing keeps the position
        #expect(object.keys[5] == "k5")
        #expect(object["k5"] == "five")
        #expect(object.removeValue(forKey: "k3")?.intValue == 3)
        #expect(object["k3"] == nil)
        #expect(object.keys[3] == "k4")
        for k in 4..<n where k != 5 {
            #expect(object["k\(k)"]?.intValue == k)
        }
        for k in 0..<n { object["k\(k)"] = nil }
        #expect(object.isEmpty)
        object["again"] = 1
        #expect(object.keys == ["again"])
        #expect(object["again"] == 1)
        // Equality does not depend on which lookup strategy each side uses.
        var small = JSONObject()
        var big = JSONObject()
        for k in 0..<n { big["x\(k)"] = 1 }
        for k in 0..<n where k > 0 { big["x\(k)"] = nil }
        small["x0"] = 1
        #expect(small == big)
        #expect(small.hashValue == big.hashValue)
    }

    @Test func objectEqualityIgnoresOrderButOutputDoesNot() throws {
        let a = try parse(#"{"a":1,"b":[2]}"#)
        let b = try parse(#"{"b":[2],"a":1}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(JSONWriter.string(a) != JSONWriter.string(b))
        #expect(try parse(#"{"a":1}"#) != parse(#"{"a":2}"#))
        #expect(try parse(#"{"a":1}"#) != parse(#"{"a":1,"b":1}"#))
        #expect(try parse(#"{"a":1}"#) != parse(#"{"b":1}"#))
    }

    @Test func objectWithOneHundredThousandKeysParses() throws {
        var text = "{"
        for k in 0..<100_000 {
            if k > 0 { text += "," }
            text += "\"key\(k)\":\(k)"
        }
        text += "}"
        let value = try parse(text)
        let object = try #require(value.objectValue)
        #expect(object.count == 100_000)
        #expect(object["key0"] == 0)
        #expect(object["key99999"] == 99_999)
        #expect(object.keys[12_345] == "key12345")
        #expect(JSONWriter.string(value) == text)
    }

    @Test func manyDuplicateKeysParse() throws {
        var text = "{"
        for k in 0..<100_000 {
            if k > 0 { text += "," }
            text += "\"k\(k % 3)\":\(k)"
        }
        text += "}"
        let object = try #require(try parse(text).objectValue)
        #expect(object.keys == ["k0", "k1", "k2"])
        #expect(object["k0"] == 99_999)
        #expect(object["k2"] == 99_998)
    }

    // MARK: - Depth

    @Test func deepArrayNestingFailsFastWithoutCrashing() {
        let text = String(repeating: "[", count: 100_000)
        let error = parseError(text)
        #expect(error == JSONParseError(kind: .tooDeep, offset: 128, depthLimit: 128))
        #expect(error?.description == "JSON nested deeper than 128 levels at byte 128")
        // Closed brackets too (so it is not just the truncation).
        let closed = text + String(repeating: "]", count: 100_000)
        #expect(parseError(closed)?.kind == .tooDeep)
    }

    @Test func deepObjectNestingFailsFastWithoutCrashing() {
        let text = String(repeating: #"{"a":"#, count: 100_000)
        let error = parseError(text)
        #expect(error?.kind == .tooDeep)
        #expect(error?.offset == 128 * 5)
    }

    @Test func depthLimitBoundaryIsExact() throws {
        let options = JSONParser.Options(maxDepth: 3)
        #expect(try parse("[[[1]]]", options: options) == [[[1]]])
        #expect(parseError("[[[[1]]]]", options: options) == JSONParseError(kind: .tooDeep, offset: 3, depthLimit: 3))
        #expect(try parse(#"{"a":[{"b":1}]}"#, options: options)["a"]?[0]?["b"] == 1)
        #expect(parseError(#"{"a":[{"b":[]}]}"#, options: options)?.kind == .tooDeep)
        // Siblings do not accumulate depth.
        #expect(try parse("[[[1]],[[2]],[[3]]]", options: options)[2]?[0]?[0] == 3)
        // Zero allows scalars only.
        #expect(try parse("1", options: .init(maxDepth: 0)) == 1)
        #expect(parseError("[]", options: .init(maxDepth: 0))?.kind == .tooDeep)
        // Default allows exactly 128.
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect((try? parse(ok)) != nil)
        let tooDeep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(parseError(tooDeep)?.kind == .tooDeep)
    }

    @Test func depthCeilingCapsConfiguredLimit() throws {
        let options = JSONParser.Options(maxDepth: Int.max)
        let ceiling = JSONParser.Options.maxDepthCeiling
        let atCeiling = String(repeating: "[", count: ceiling) + String(repeating: "]", count: ceiling)
        let value = try parse(atCeiling, options: options)
        // The writer recurses over the same depth.
        #expect(JSONWriter.string(value) == atCeiling)
        let error = parseError(String(repeating: "[", count: 100_000), options: options)
        #expect(error == JSONParseError(kind: .tooDeep, offset: ceiling, depthLimit: ceiling))
    }

    // MARK: - Writer escaping

    @Test func writerEscapesControlsQuotesAndSeparators() {
        let value = JSONValue.string("q\"b\\s/\n\r\t\u{08}\u{0C}\u{0}\u{1F}\u{7F}\u{2028}\u{2029}\u{2027}\u{E9}\u{1F600}")
        let expected = #""q\"b\\s/\n\r\t\b\f\u0000\u001f\u007f\u2028\u2029"# + "\u{2027}\u{E9}\u{1F600}\""
        #expect(JSONWriter.string(value) == expected)
        // And it parses back to the same string.
        #expect((try? parse(JSONWriter.string(value))) == value)
    }

    @Test func writerNeverEmitsRawLineBreaksOrControls() throws {
        var all = ""
        for v in 0..<0x80 { all.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        all += "\u{85}\u{2028}\u{2029}"
        let value: JSONValue = [all: [.string(all), ["nested \n key": .string(all)]]]
        let bytes = JSONWriter.bytes(value)
        #expect(!bytes.contains(0x0A))
        #expect(!bytes.contains(0x0D))
        #expect(!bytes.contains { $0 < 0x20 || $0 == 0x7F })
        #expect(!JSONWriter.string(value).unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
        #expect(try parse(JSONWriter.string(value)) == value)
    }

    @Test func writeAppendsToExistingBuffer() {
        var buffer = Array("prefix:".utf8)
        JSONWriter.write(["a": [1, "x"]], into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"prefix:{"a":[1,"x"]}"#)
    }

    // MARK: - Errors

    @Test func errorDescriptionsNeverContainInput() {
        let secret = "hunter2"
        let inputs = [
            #"{"secret":"hunter2"#,
            #"{"secret":"hunter2" "#,
            #"{"secret":hunter2}"#,
            #"{"secret":"hunter2\q"}"#,
            "{\"secret\":\"hunter2\n\"}",
            #"{"secret":"hunter2"} hunter2"#,
            #"[hunter2]"#,
            #"{"hunter2":-hunter2}"#,
        ]
        for input in inputs {
            let error = parseError(input)
            #expect(error != nil)
            let description = error?.description ?? ""
            #expect(!description.contains(secret))
            #expect(!description.contains("secret"))
            #expect(description.contains("byte"))
            #expect(!"\(String(describing: error))".contains(secret))
        }
        let utf8Error = parseError(bytes: Array(#"{"k":"hunter2"#.utf8) + [0xFF] + Array(#""}"#.utf8))
        #expect(utf8Error?.kind == .invalidUTF8)
        #expect(utf8Error?.description.contains(secret) == false)
    }

    @Test func errorDescriptionsAreStableSentences() {
        #expect(JSONParseError(kind: .unexpectedEnd, offset: 5).description == "JSON input ended unexpectedly at byte 5")
        #expect(JSONParseError(kind: .trailingData, offset: 9).description == "unexpected data after the JSON value at byte 9")
        for kind in JSONParseError.Kind.allCases {
            let text = JSONParseError(kind: kind, offset: 77, depthLimit: 3).description
            #expect(text.contains("77"))
            #expect(!text.contains("\n"))
        }
    }

    @Test func errorOffsetsPointAtTheProblem() {
        #expect(parseError("[1, 2, x]") == JSONParseError(kind: .unexpectedByte, offset: 7))
        #expect(parseError("[1, 2") == JSONParseError(kind: .unexpectedEnd, offset: 5))
        #expect(parseError(#"{"a":01}"#) == JSONParseError(kind: .invalidNumber, offset: 6))
        #expect(parseError("  1.") == JSONParseError(kind: .invalidNumber, offset: 4))
    }

    // MARK: - Input forms

    @Test func allInputOverloadsAgree() throws {
        let text = #"{"a":[1,"\u00e9",null]}"#
        let bytes = Array(text.utf8)
        let fromString = try JSONParser.parse(text)
        let fromArray = try JSONParser.parse(bytes)
        let fromSlice = try JSONParser.parse(bytes[...])
        let fromUTF8View = try JSONParser.parse(text.utf8)
        let fromNonContiguous = try JSONParser.parse(bytes.lazy.map { $0 })
        let fromRaw = try bytes.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(raw) }
        }.get()
        for value in [fromArray, fromSlice, fromUTF8View, fromNonContiguous, fromRaw] {
            #expect(value == fromString)
        }
        #expect(fromString["a"]?[1] == "\u{E9}")
    }

    @Test func largeDocumentParsesAndRoundTrips() throws {
        // About 4 MiB of mixed content; a smoke test for the fast paths (no timing assertion).
        var text = "["
        var k = 0
        while text.utf8.count < 4 << 20 {
            if k > 0 { text += "," }
            text += #"{"id":\#(k),"name":"item \#(k)","tags":["a","b\n\u00e9"],"price":\#(k).25,"ok":true,"none":null}"#
            k += 1
        }
        text += "]"
        let value = try parse(text)
        #expect(value.arrayValue?.count == k)
        #expect(value[k - 1]?["id"]?.intValue == k - 1)
        #expect(value[0]?["tags"]?[1] == "b\n\u{E9}")
        #expect(try parse(JSONWriter.string(value)) == value)
    }
}
