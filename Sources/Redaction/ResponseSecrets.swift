/// The values of the fields one response masked by name, found again anywhere else in the same
/// response: `keydb_password` masked, then `requirepass <that value>` inside `keydb_conf`
/// masked too. The token has `SecretFingerprint`; these values are already in this process
/// (they are in the response being sanitized), so they are matched exactly, all at once, with
/// an Aho-Corasick automaton: one left-to-right pass per string, whatever the number of values.
package struct ResponseSecrets: Sendable {
    /// Shorter values are not collected: 4- and 5-byte values (`root`, `admin`, `12345`) would
    /// mask ordinary words all over the response, and such values are found by their shape
    /// (`password=`, `requirepass`) anyway.
    package static let minimumLength = 6
    /// Longer values (compose files, whole configurations) are masked where they stand; a copy
    /// of one elsewhere is not looked for, which bounds the automaton.
    package static let maximumLength = 4096
    /// At most this many bytes of values per response (the automaton has one node per byte).
    package static let maximumTotal = 1 << 20

    /// Edges of the trie except the root's, keyed by node << 8 | byte.
    private var edges: [UInt32: UInt32] = [:]
    private var rootEdges = [UInt32](repeating: 0, count: 256)
    private var failure: [UInt32] = [0]
    /// The longest value that ends at this node or at a node on its failure chain (0: none).
    private var longestMatch: [Int32] = [0]
    private var totalBytes = 0

    package init() {}

    package var isEmpty: Bool { failure.count == 1 }

    /// Adds one value; ignores values outside the length bounds and placeholders.
    package mutating func insert(_ value: String) {
        let bytes = Array(value.utf8)
        guard bytes.count >= Self.minimumLength, bytes.count <= Self.maximumLength,
            totalBytes + bytes.count <= Self.maximumTotal, !TextRedactor.isPlaceholder(bytes[...])
        else { return }
        totalBytes += bytes.count
        var node: UInt32 = 0
        for byte in bytes {
            let existing = node == 0 ? rootEdges[Int(byte)] : edges[node << 8 | UInt32(byte)] ?? 0
            if existing != 0 {
                node = existing
                continue
            }
            let created = UInt32(failure.count)
            failure.append(0)
            longestMatch.append(0)
            if node == 0 { rootEdges[Int(byte)] = created } else { edges[node << 8 | UInt32(byte)] = created }
            node = created
        }
        longestMatch[Int(node)] = max(longestMatch[Int(node)], Int32(bytes.count))
        built = false
    }

    private var built = true

    /// Computes failure links breadth-first (each node's links come from shallower nodes).
    package mutating func build() {
        guard !built else { return }
        var children: [[(UInt8, UInt32)]] = Array(repeating: [], count: failure.count)
        for (key, child) in edges { children[Int(key >> 8)].append((UInt8(truncatingIfNeeded: key), child)) }
        for byte in 0..<256 where rootEdges[byte] != 0 { children[0].append((UInt8(byte), rootEdges[byte])) }
        var queue: [UInt32] = []
        for (_, child) in children[0] { queue.append(child) }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for (byte, child) in children[Int(node)] {
                var fallback = failure[Int(node)]
                while fallback != 0, step(fallback, byte) == nil { fallback = failure[Int(fallback)] }
                let target = step(fallback, byte) ?? 0
                failure[Int(child)] = target
                longestMatch[Int(child)] = max(longestMatch[Int(child)], longestMatch[Int(target)])
                queue.append(child)
            }
        }
        built = true
    }

    private func step(_ node: UInt32, _ byte: UInt8) -> UInt32? {
        let next = node == 0 ? rootEdges[Int(byte)] : edges[node << 8 | UInt32(byte)] ?? 0
        return next == 0 ? nil : next
    }

    /// The text with every occurrence of a collected value replaced by the mask (overlapping
    /// occurrences merge into one). Requires `build()`.
    package func redact(_ text: String) -> String {
        guard !isEmpty, text.utf8.count >= Self.minimumLength else { return text }
        var spans: [(start: Int, end: Int)] = []
        var node: UInt32 = 0
        var index = 0
        for byte in text.utf8 {
            while true {
                if let next = step(node, byte) { node = next; break }
                if node == 0 { break }
                node = failure[Int(node)]
            }
            let length = Int(longestMatch[Int(node)])
            if length > 0 { spans.append((index + 1 - length, index + 1)) }
            index += 1
        }
        guard !spans.isEmpty else { return text }
        spans.sort { $0.start < $1.start }
        var merged: [(start: Int, end: Int)] = []
        for span in spans {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        for span in merged {
            output.append(contentsOf: bytes[cursor..<span.start])
            output.append(contentsOf: TextRedactor.mask.utf8)
            cursor = span.end
        }
        output.append(contentsOf: bytes[cursor...])
        return String(decoding: output, as: UTF8.self)
    }
}
