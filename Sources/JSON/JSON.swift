// JSON value model for the wire layer.
//
// Why our own JSON instead of Foundation's JSONSerialization / Codable:
//  - exact control of limits: nesting depth is checked before descending, so hostile input
//    fails fast with a typed error instead of exhausting the stack;
//  - integer fidelity: numbers keep their validated source text, so request ids and large
//    integers pass through unchanged, and `1e400` is neither turned into `inf` nor a crash;
//  - object keys keep their order, which gives stable, small, diffable output;
//  - errors are deterministic and never echo input content (the input may hold secrets);
//  - parsing is a pure function of a byte buffer, which keeps it easy to fuzz and audit;
//  - no Foundation import: faster start-up and a smaller binary.
//
// This file holds the value types: `JSONValue`, `JSONNumber`, `JSONObject`.
// Parsing lives in JSONParser.swift, serialisation in JSONWriter.swift.
//
// Note on depth: values are recursive, and several operations on them (Equatable, Hashable,
// deinit, JSONWriter) recurse once per nesting level. Values produced by `JSONParser` are
// bounded by `JSONParser.Options.maxDepth` (hard ceiling `JSONParser.Options.maxDepthCeiling`),
// so these operations are bounded too. Code that builds values in-process should not build
// absurdly deep structures.

// MARK: - JSONValue

/// One JSON value.
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, kept as its validated JSON text (see `JSONNumber`).
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    /// An object; keys keep their first-insertion order (see `JSONObject`).
    case object(JSONObject)
}

extension JSONValue {
    /// The string payload, or nil if this is not a string.
    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The boolean payload, or nil if this is not a boolean.
    package var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number payload, or nil if this is not a number.
    package var numberValue: JSONNumber? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The number as an exact `Int` (see `JSONNumber.int`), or nil.
    package var intValue: Int? {
        if case .number(let n) = self { return n.int }
        return nil
    }

    /// The number as a finite `Double` (see `JSONNumber.double`), or nil.
    package var doubleValue: Double? {
        if case .number(let n) = self { return n.double }
        return nil
    }

    /// The object payload, or nil if this is not an object.
    package var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array payload, or nil if this is not an array.
    package var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// True only for `.null`.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Member lookup for objects; nil if this is not an object or the key is absent.
    package subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// Element lookup for arrays; nil if this is not an array or the index is out of range.
    package subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }
}

extension JSONValue: ExpressibleByNilLiteral {
    package init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    package init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    package init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    /// A non-finite value (not writable as a literal in practice) becomes `null`,
    /// matching what JavaScript's JSON.stringify does with NaN and Infinity.
    package init(floatLiteral value: Double) {
        if let n = JSONNumber(value) { self = .number(n) } else { self = .null }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    package init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Duplicate keys: the last value wins, at the position of the first occurrence.
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

// MARK: - JSONNumber

/// A JSON number, stored as its JSON text.
///
/// Every instance holds text that matches the RFC 8259 number grammar
/// (`-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`), so it can be written out verbatim.
/// Equality and hashing compare the text: `1` and `1.0` are different numbers here.
package struct JSONNumber: Sendable, Hashable {
    /// The number's JSON text, e.g. `-12`, `3.25`, `1e400`.
    package let text: String

    /// Text already checked against the grammar by the caller (the parser).
    init(validatedText: String) {
        self.text = validatedText
    }

    /// Validates `text` against the JSON number grammar (the whole string, no whitespace).
    package init?(text: String) {
        var copy = text
        let ok = copy.withUTF8 { buffer -> Bool in
            if case .valid(let end) = JSONNumber.scan(buffer, from: 0), end == buffer.count {
                return true
            }
            return false
        }
        guard ok else { return nil }
        self.text = text
    }

    package init(_ int: Int) {
        self.text = String(int)
    }

    package init(_ value: some BinaryInteger) {
        self.text = String(value)
    }

    /// Nil for NaN and infinities, which JSON cannot represent.
    package init?(_ double: Double) {
        guard double.isFinite else { return nil }
        let text = double.description // e.g. "3.0", "1e-05", "1e+20": all valid JSON numbers
        guard JSONNumber(text: text) != nil else { return nil }
        self.text = text
    }

    /// The value as an `Int` when it is exactly an integer that fits:
    /// `3`, `3.0`, `-0`, `1e2`, `1500e-2` give a value; `3.5`, `1e400`, `1e-400`,
    /// and integers beyond `Int`'s range give nil. Computed from the decimal text, with no
    /// floating point involved.
    package var int: Int? {
        var copy = text
        return copy.withUTF8 { JSONNumber.exactInt($0) }
    }

    /// The value as a `Double`, or nil when it does not fit in a finite `Double`
    /// (e.g. `1e400`). Tiny values such as `1e-400` round to zero.
    package var double: Double? {
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }
}

extension JSONNumber: CustomStringConvertible {
    package var description: String { text }
}

extension JSONNumber: ExpressibleByIntegerLiteral {
    package init(integerLiteral value: Int) { self.init(value) }
}

extension JSONNumber {
    /// Result of scanning one number starting at some offset.
    enum Scan: Equatable {
        /// A grammatical number ends (exclusive) at this offset.
        case valid(end: Int)
        /// The grammar is violated at this offset (may equal the buffer's count when the
        /// input stops inside the number).
        case invalid(at: Int)
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// Scans the longest prefix of `buffer[from...]` that the number grammar requires.
    /// Shared by the parser and `init?(text:)` so there is exactly one grammar implementation.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Scan {
        let end = buffer.count
        var i = start
        if i < end && buffer[i] == UInt8(ascii: "-") { i += 1 }
        // Integer part: a single 0, or a non-zero digit followed by digits.
        guard i < end else { return .invalid(at: i) }
        if buffer[i] == UInt8(ascii: "0") {
            i += 1
            if i < end && isDigit(buffer[i]) { return .invalid(at: i) } // leading zero
        } else if isDigit(buffer[i]) {
            i += 1
            while i < end && isDigit(buffer[i]) { i += 1 }
        } else {
            return .invalid(at: i)
        }
        // Fraction.
        if i < end && buffer[i] == UInt8(ascii: ".") {
            i += 1
            guard i < end && isDigit(buffer[i]) else { return .invalid(at: i) }
            while i < end && isDigit(buffer[i]) { i += 1 }
        }
        // Exponent.
        if i < end && (buffer[i] == UInt8(ascii: "e") || buffer[i] == UInt8(ascii: "E")) {
            i += 1
            if i < end && (buffer[i] == UInt8(ascii: "+") || buffer[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < end && isDigit(buffer[i]) else { return .invalid(at: i) }
            while i < end && isDigit(buffer[i]) { i += 1 }
        }
        return .valid(end: i)
    }

    /// Exact integer value of grammatical number text, or nil. No floating point.
    static func exactInt(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = u.count
        var i = 0
        let negative = i < n && u[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let intStart = i
        while i < n && isDigit(u[i]) { i += 1 }
        let intEnd = i
        var fracStart = i
        var fracEnd = i
        if i < n && u[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            while i < n && isDigit(u[i]) { i += 1 }
            fracEnd = i
        }
        // Exponent, saturated far beyond any possible digit count so it cannot overflow.
        let saturation = 1 << 40
        var exponent = 0
        if i < n && (u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < n && (u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-")) {
                expNegative = u[i] == UInt8(ascii: "-")
                i += 1
            }
            while i < n && isDigit(u[i]) {
                if exponent < saturation { exponent = exponent * 10 + Int(u[i] &- 0x30) }
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        guard i == n, intEnd > intStart else { return nil } // not grammatical: refuse

        // Digits D = integer digits followed by fraction digits; value = D * 10^scale.
        let digitCount = (intEnd - intStart) + (fracEnd - fracStart)
        @inline(__always) func digit(_ k: Int) -> UInt8 {
            let intCount = intEnd - intStart
            return k < intCount ? u[intStart + k] : u[fracStart + (k - intCount)]
        }
        var first = 0
        while first < digitCount && digit(first) == UInt8(ascii: "0") { first += 1 }
        if first == digitCount { return 0 } // all zeros, including "-0" and "0e999"
        var last = digitCount - 1
        while digit(last) == UInt8(ascii: "0") { last -= 1 }
        let scale = exponent - (fracEnd - fracStart) + (digitCount - 1 - last)
        guard scale >= 0 else { return nil } // has a non-zero fractional part
        let significant = last - first + 1
        guard significant + scale <= 19 else { return nil } // Int has at most 19 digits

        // Accumulate negatively so that Int.min is representable.
        var value = 0
        for k in first...last {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int(digit(k) &- 0x30))
            if o1 || o2 { return nil }
            value = s
        }
        for _ in 0..<scale {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return nil }
            value = m
        }
        if negative { return value }
        let (positive, o) = (0).subtractingReportingOverflow(value)
        return o ? nil : positive
    }
}

// MARK: - JSONObject

/// A JSON object that keeps its keys in first-insertion order.
///
/// Storage is an ordered key array and a parallel value array. Small objects (the common case)
/// find keys by a linear scan; once an object grows past `indexThreshold` keys, a
/// key -> position dictionary is built and maintained, so lookup and insertion stay O(1) on
/// average even for hostile inputs with 100,000 keys. (Hashing every key of every small
/// object would dominate parse time.)
///
/// Assigning to an existing key replaces the value in place (its position is kept); this is
/// also how the parser treats duplicate keys: the last value wins, at the first position.
/// Removal is O(n).
///
/// Equality and hashing ignore key order (RFC 8259 objects are unordered): two objects are
/// equal when they have the same keys mapped to equal values.
package struct JSONObject: Sendable {
    /// Above this many keys, lookups go through `positions` instead of a linear scan.
    static let indexThreshold = 16

    private var orderedKeys: [String]
    private var orderedValues: [JSONValue]
    /// nil while the object is small; once built it always covers every key.
    private var positions: [String: Int]?

    package init() {
        orderedKeys = []
        orderedValues = []
        positions = nil
    }

    /// Duplicate keys: the last value wins, at the position of the first occurrence.
    package init(_ pairs: [(String, JSONValue)]) {
        self.init()
        reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    package mutating func reserveCapacity(_ n: Int) {
        orderedKeys.reserveCapacity(n)
        orderedValues.reserveCapacity(n)
        positions?.reserveCapacity(n)
    }

    /// Keys in order.
    package var keys: [String] { orderedKeys }

    /// Values in key order.
    package var values: [JSONValue] { orderedValues }

    package var count: Int { orderedKeys.count }

    package var isEmpty: Bool { orderedKeys.isEmpty }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return orderedKeys.firstIndex(of: key)
    }

    /// Get: the value for `key`, or nil. Set: a value replaces in place or appends at the end;
    /// nil removes the key.
    package subscript(key: String) -> JSONValue? {
        get {
            guard let p = position(of: key) else { return nil }
            return orderedValues[p]
        }
        set {
            guard let newValue else {
                removeValue(forKey: key)
                return
            }
            if let p = position(of: key) {
                orderedValues[p] = newValue
                return
            }
            orderedKeys.append(key)
            orderedValues.append(newValue)
            if positions != nil {
                positions?[key] = orderedKeys.count - 1
            } else if orderedKeys.count > JSONObject.indexThreshold {
                var index: [String: Int] = [:]
                index.reserveCapacity(orderedKeys.count * 2)
                for (k, key) in orderedKeys.enumerated() { index[key] = k }
                positions = index
            }
        }
    }

    /// Removes `key`; returns the removed value, if any. O(n).
    @discardableResult
    package mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let p = position(of: key) else { return nil }
        orderedKeys.remove(at: p)
        let removed = orderedValues.remove(at: p)
        if positions != nil {
            positions?.removeValue(forKey: key)
            for k in p..<orderedKeys.count { positions?[orderedKeys[k]] = k }
        }
        return removed
    }
}

extension JSONObject: Sequence {
    package typealias Element = (key: String, value: JSONValue)

    package struct Iterator: IteratorProtocol {
        private let keys: [String]
        private let values: [JSONValue]
        private var index = 0

        fileprivate init(keys: [String], values: [JSONValue]) {
            self.keys = keys
            self.values = values
        }

        package mutating func next() -> (key: String, value: JSONValue)? {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (key: keys[index], value: values[index])
        }
    }

    package func makeIterator() -> Iterator {
        Iterator(keys: orderedKeys, values: orderedValues)
    }

    package var underestimatedCount: Int { orderedKeys.count }
}

extension JSONObject: Hashable {
    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }

    /// Order-independent, like `Dictionary`: per-entry hashes are combined with XOR.
    package func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in self {
            var entry = Hasher()
            entry.combine(key)
            entry.combine(value)
            combined ^= entry.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Duplicate keys: the last value wins, at the position of the first occurrence.
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text (see `JSONWriter`).
    package var description: String { JSONWriter.string(self) }
}

extension JSONObject: CustomStringConvertible {
    /// Compact JSON text (see `JSONWriter`).
    package var description: String { JSONWriter.string(.object(self)) }
}
