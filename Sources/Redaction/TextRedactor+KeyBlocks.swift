/// Key blocks: PEM (PKCS#1/#8, EC, encrypted), OpenSSH and PGP private keys.
extension TextRedactor {
    static let keyBlockMarker = Array("[REDACTED PRIVATE KEY]".utf8)

    /// "-----BEGIN <label>-----", its armor headers (`Proc-Type:`, `DEK-Info:`, `Version:`),
    /// its base64 body and its "-----END <label>-----" become one marker. A key cut before its
    /// END line (none before the next BEGIN or frame marker) ends at the first line that is
    /// neither header nor body: it hides only its own body, never the text after it (a log
    /// frame's end marker included).
    ///
    /// Lines end at a line feed or at a literal `\n` / `\r` (a key inside an escaped JSON
    /// string). A body line is base64 only; a line that starts with 16 or more base64
    /// characters and then goes on with other text (a cut log line) loses those characters and
    /// ends the block. Each line is read twice at most, so the pass is linear.
    static func redactKeyBlocks(_ bytes: [UInt8]) -> [UInt8]? {
        let begin = Array("-----BEGIN ".utf8)
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "P"), let (bodyStart, bodyEnd) = puttyPrivateLines(bytes, index) {
                if !changed { output.reserveCapacity(bytes.count); output.append(contentsOf: bytes[..<index]) }
                output.append(contentsOf: bytes[index..<bodyStart])
                output.append(contentsOf: keyBlockMarker)
                index = bodyEnd
                changed = true
                continue
            }
            if bytes[index] == UInt8(ascii: "-"), startsIgnoringCase(bytes, index, begin),
                let headerEnd = keyLabelEnd(bytes, labelStart: index + begin.count)
            {
                let blockEnd = keyBlockBodyEnd(bytes, from: headerEnd)
                if !changed { output.reserveCapacity(bytes.count); output.append(contentsOf: bytes[..<index]) }
                output.append(contentsOf: keyBlockMarker)
                index = blockEnd
                changed = true
                continue
            }
            if changed { output.append(bytes[index]) }
            index += 1
        }
        return changed ? output : nil
    }

    /// Whether `pattern` (upper-case ASCII) starts at `index`, in any case: a key pasted
    /// through a lower-casing tool (`-----begin private key-----`) is still a key.
    static func startsIgnoringCase(_ bytes: [UInt8], _ index: Int, _ pattern: [UInt8]) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count {
            let byte = bytes[index + offset]
            let upper = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte & ~0x20 : byte
            if upper != pattern[offset] { return false }
        }
        return true
    }

    /// After "-----BEGIN " or "-----END ": the label ([A-Za-z0-9 ]) and its closing dashes.
    /// Returns the index after the dashes when the label names a private or secret key.
    static func keyLabelEnd(_ bytes: [UInt8], labelStart: Int) -> Int? {
        var cursor = labelStart
        while cursor < bytes.count, isKeyLabelByte(bytes[cursor]) { cursor += 1 }
        guard cursor + 5 <= bytes.count, bytes[cursor..<(cursor + 5)].allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
        let label = bytes[labelStart..<cursor].map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) ? $0 & ~0x20 : $0 }
        guard SecretShapes.keyBlockLabelEndings.contains(where: { label.reversed().starts(with: $0.utf8.reversed()) }) else { return nil }
        return cursor + 5
    }

    static func isKeyLabelByte(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == UInt8(ascii: " ")
    }

    /// PuTTY `.ppk`: a line `Private-Lines: N` at a line start, then base64 lines: returns
    /// where the body starts (after the header line) and ends (after its last base64 line).
    static func puttyPrivateLines(_ bytes: [UInt8], _ index: Int) -> (Int, Int)? {
        let header = SecretShapes.puttyPrivateLinesHeader.utf8
        guard index == 0 || bytes[index - 1] == UInt8(ascii: "\n"), bytes[index...].starts(with: header) else { return nil }
        var cursor = index + header.count
        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\n") { cursor += 1 }
        guard cursor < bytes.count else { return nil }
        let bodyStart = cursor + 1
        var bodyEnd = bodyStart
        var line = bodyStart
        while line < bytes.count {
            var lineEnd = line
            while lineEnd < bytes.count, isBase64Byte(bytes[lineEnd]) { lineEnd += 1 }
            var stop = lineEnd
            while stop < bytes.count, isBlank(bytes[stop]) { stop += 1 }
            guard lineEnd > line, stop == bytes.count || bytes[stop] == UInt8(ascii: "\n") else { break }
            bodyEnd = lineEnd
            line = stop + 1
        }
        return bodyEnd > bodyStart ? (bodyStart, bodyEnd) : nil
    }

    static func isBase64Byte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    /// Where the block that starts with a header ending at `from` ends (exclusive).
    static func keyBlockBodyEnd(_ bytes: [UInt8], from headerEnd: Int) -> Int {
        let end = Array("-----END ".utf8)
        var lastBody = headerEnd
        var lineStart = headerEnd
        var firstLine = true
        var headersAllowed = true
        while lineStart < bytes.count {
            // The line's extent and the length of its terminator.
            var lineEnd = lineStart
            var terminator = 0
            while lineEnd < bytes.count {
                let byte = bytes[lineEnd]
                if byte == UInt8(ascii: "\n") { terminator = 1; break }
                if byte == UInt8(ascii: "\\"), lineEnd + 1 < bytes.count,
                    bytes[lineEnd + 1] == UInt8(ascii: "n") || bytes[lineEnd + 1] == UInt8(ascii: "r")
                {
                    terminator = 2
                    break
                }
                lineEnd += 1
            }
            var start = lineStart
            var stop = lineEnd
            while start < stop, isBlank(bytes[start]) { start += 1 }
            while stop > start, isBlank(bytes[stop - 1]) { stop -= 1 }
            let next = lineEnd + terminator
            if start == stop {
                // A blank line separates armor headers from the body; it neither ends nor extends.
                if terminator == 0 { break }
                lineStart = next
                firstLine = false
                continue
            }
            if headersAllowed, !firstLine, isArmorHeader(bytes, start: start, stop: stop) {
                lastBody = stop
                lineStart = next
                continue
            }
            // Base64 (with spaces on the BEGIN line itself, where a key flattened to one line
            // sits), up to an END marker or other text.
            var cursor = start
            while cursor < stop {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "-"), startsIgnoringCase(bytes, cursor, end) {
                    if let footerEnd = keyLabelEnd(bytes, labelStart: cursor + end.count) { return footerEnd }
                    break
                }
                if isBase64Byte(byte) || (firstLine && isBlank(byte)) {
                    cursor += 1
                    continue
                }
                break
            }
            if cursor == stop {
                lastBody = stop
                headersAllowed = false
                if terminator == 0 { break }
                lineStart = next
                firstLine = false
                continue
            }
            // Other text on this line: the base64 that starts it is a cut body line if it is long.
            var run = start
            while run < cursor, isBase64Byte(bytes[run]) { run += 1 }
            if firstLine || run - start >= 16 { lastBody = max(lastBody, firstLine ? cursor : run) }
            // A key with other text inside (a log line interleaved) still ends at its END line,
            // if one comes before the next BEGIN and before a frame marker.
            if let footerEnd = keyFooter(bytes, from: lineStart) { return footerEnd }
            break
        }
        return lastBody
    }

    /// The end of the first private-key END line at or after `from`, searching no further than
    /// the next "-----BEGIN " or "UNTRUSTED DATA" (a log frame's marker: the payload's own copies
    /// are defused, so this one is real). Each search stops at the next BEGIN, which the caller
    /// reaches next, so the searches never overlap: linear.
    static func keyFooter(_ bytes: [UInt8], from: Int) -> Int? {
        let begin = Array("-----BEGIN ".utf8)
        let end = Array("-----END ".utf8)
        let frame = Array("UNTRUSTED DATA".utf8)
        var cursor = from
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "-") {
                if startsIgnoringCase(bytes, cursor, begin) { return nil }
                if startsIgnoringCase(bytes, cursor, end) {
                    if let footerEnd = keyLabelEnd(bytes, labelStart: cursor + end.count) { return footerEnd }
                    cursor += end.count
                    continue
                }
            } else if byte == UInt8(ascii: "U"), bytes[cursor...].starts(with: frame) {
                return nil
            }
            cursor += 1
        }
        return nil
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// RFC 7468/4880 armor header: `Name: value` with a name of letters, digits and dashes.
    static func isArmorHeader(_ bytes: [UInt8], start: Int, stop: Int) -> Bool {
        var cursor = start
        guard cursor < stop, isAlpha(bytes[cursor]) else { return false }
        while cursor < stop, isAlnum(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
        return cursor < stop && bytes[cursor] == UInt8(ascii: ":")
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func isAlnum(_ byte: UInt8) -> Bool {
        isAlpha(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
