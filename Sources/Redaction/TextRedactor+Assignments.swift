/// Values of secret-looking names, in every assignment syntax the shape table lists: env and
/// shell (`K=v`, `export K = v`), INI/TOML/HCL (`k = v`, `k = "v"`), YAML and headers (`k: v`),
/// JSON (`"k": "v"`, and escaped inside a string `\"k\":\"v\"`), Python (`'k': 'v'`), PHP/Ruby
/// (`'k' => 'v'`), XML (`<k>v</k>`), directives (`requirepass v`, `IDENTIFIED BY 'v'`,
/// `proxy_set_header X-Api-Key v;`, `secret_key v;`) and command-line flags (`--password v`,
/// `mysql -pv`, `curl -u user:v`, `redis-cli -a v`).
extension TextRedactor {
    /// How the value after a separator is delimited.
    enum ValueExtent {
        /// Up to a space, quote or separator (`K=v`, `?token=v&`).
        case word
        /// To the end of the line (YAML, INI, headers: values with spaces).
        case line(enclosingQuote: UInt8?)
        /// An env line's value (`DB_PASSWORD=a;b c`): to the end of the line, or to a blank
        /// followed by the next `NAME=`, so `;`, `&` and spaces inside do not cut it short.
        case envLine(enclosingQuote: UInt8?)
    }

    struct Span {
        let start: Int
        let end: Int
    }

    /// Words after which a line's first assignment still starts a statement.
    static let statementKeywords: Set<String> = ["export", "set", "declare", "local", "readonly", "typeset", "env"]
    static let commandWords: Set<String> = Set(SecretShapes.commandFlags.flatMap(\.commands))
    static let directiveFirstWords: Set<String> = Set(SecretShapes.directives.compactMap(\.words.first))
    /// Words that start the line-shaped directives: redis `AUTH`, ACL `user`/`SETUSER`, `htpasswd`.
    static let lineDirectiveWords: Set<String> = ["auth", "user", "setuser", "htpasswd", "echo", "printf"]

    /// A cheap filter before a word is turned into a String and looked up: the lowercase first
    /// letters and the lengths of every keyword the pass looks for (commands, directives,
    /// header directives), so ordinary words cost two array reads.
    static let keywordFilter: (firstBytes: [Bool], lengths: [Bool]) = {
        var firstBytes = [Bool](repeating: false, count: 256)
        var lengths = [Bool](repeating: false, count: 64)
        for word in commandWords.union(directiveFirstWords).union(SecretShapes.headerDirectives).union(lineDirectiveWords) {
            guard let first = word.utf8.first, word.utf8.count < 64 else { continue }
            firstBytes[Int(first)] = true
            lengths[word.utf8.count] = true
        }
        return (firstBytes, lengths)
    }()

    /// Whether the word could be a keyword; leading dashes (`--requirepass`) are skipped.
    static func mayBeKeyword(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var first = start
        while first < end, bytes[first] == UInt8(ascii: "-") { first += 1 }
        let length = end - first
        guard first < end, length < 64 else { return false }
        let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[first]) ? bytes[first] | 0x20 : bytes[first]
        return keywordFilter.firstBytes[Int(lowered)] && keywordFilter.lengths[length]
    }

    static func redactSecretAssignments(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        var changed = false
        var index = 0
        var lineCommands: Set<String> = []
        var lineHasContent = false
        // Words seen on this line, and the last of them: `k = v` unquoted counts only as the
        // line's first word (INI, TOML, HCL) or after `export`, not in code (`let token = f()`).
        var lineWords = 0
        var previousWord = ""
        func emit(_ range: Range<Int>) {
            if changed { output.append(contentsOf: bytes[range]) }
        }
        func replace(from: Int, span: Span) {
            if !changed { output.reserveCapacity(bytes.count); output.append(contentsOf: bytes[..<from]); changed = true }
            output.append(contentsOf: bytes[from..<span.start])
            output.append(contentsOf: mask.utf8)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                lineCommands.removeAll()
                lineHasContent = false
                lineWords = 0
                previousWord = ""
                emit(index..<(index + 1))
                index += 1
                continue
            }
            if byte == UInt8(ascii: "<"), let span = xmlValue(bytes, index) {
                replace(from: index, span: span)
                index = span.end
                lineHasContent = true
                continue
            }
            if byte == UInt8(ascii: "*"), !lineHasContent, let span = pgpassValue(bytes, lineStart: index) {
                // `*:*:*:user:password`: a .pgpass line whose host is the wildcard.
                replace(from: index, span: span)
                index = span.end
                lineHasContent = true
                continue
            }
            guard isNameByte(byte), index == 0 || !isNameByte(bytes[index - 1]) else {
                if !isBlank(byte) { lineHasContent = true }
                emit(index..<(index + 1))
                index += 1
                continue
            }
            var nameEnd = index
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let atLineStart = !lineHasContent
            lineHasContent = true
            let startsStatement = lineWords == 0 || (lineWords == 1 && statementKeywords.contains(previousWord))
            let keyword = mayBeKeyword(bytes, index, nameEnd)
            if let span = assignmentValue(bytes, nameStart: index, nameEnd: nameEnd, startsStatement: startsStatement)
                ?? (keyword ? directiveValue(bytes, nameStart: index, nameEnd: nameEnd) : nil)
                ?? (keyword && (lineWords < 4 || (nameEnd - index == 4 && bytes[index] == UInt8(ascii: "A")))
                    ? lineDirectiveValue(bytes, nameStart: index, nameEnd: nameEnd, lineWords: lineWords) : nil)
                ?? flagValue(bytes, nameStart: index, nameEnd: nameEnd, lineCommands: lineCommands)
                ?? (keyword ? headerDirectiveValue(bytes, nameStart: index, nameEnd: nameEnd) : nil)
                ?? (atLineStart ? semicolonDirectiveValue(bytes, nameStart: index, nameEnd: nameEnd) : nil)
                ?? (atLineStart ? pgpassValue(bytes, lineStart: index) : nil)
                ?? proseValue(bytes, nameStart: index, nameEnd: nameEnd)
            {
                replace(from: index, span: span)
                index = span.end
                continue
            }
            lineWords += 1
            previousWord = ""
            if lineWords == 1, nameEnd - index <= 8 {
                previousWord = String(decoding: bytes[index..<nameEnd], as: UTF8.self).lowercased()
            }
            if keyword {
                let word = String(decoding: bytes[index..<nameEnd], as: UTF8.self).lowercased()
                if commandWords.contains(word) { lineCommands.insert(word) }
            }
            emit(index..<nameEnd)
            index = nameEnd
        }
        return changed ? output : nil
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    // MARK: - Names

    /// Lowercase; leading `-`/`$` dropped (flags, shell variables); for dotted names the last
    /// component (`spring.datasource.password`, but not `io.jsonwebtoken.ExpiredJwtException`);
    /// `-` read as `_` (header names).
    static func normalizedName(_ name: ArraySlice<UInt8>) -> String {
        var slice = name
        while let first = slice.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "$") { slice = slice.dropFirst() }
        if let dot = slice.lastIndex(of: UInt8(ascii: ".")) { slice = slice[(dot + 1)...] }
        var result = ""
        result.unicodeScalars.reserveCapacity(slice.count + 4)
        var previous: UInt8 = 0
        for byte in slice {
            let upper = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            // camelCase: `privateKey`, `encryptionKey`, `AccountKey` read as private_key, encryption_key, account_key.
            if upper, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(previous) || isDigit(previous) {
                result.unicodeScalars.append("_")
            }
            previous = byte
            let lowered = upper ? byte | 0x20 : byte
            result.unicodeScalars.append(Unicode.Scalar(lowered == UInt8(ascii: "-") ? UInt8(ascii: "_") : lowered))
        }
        return result
    }

    /// Whether a normalised name's value is a secret (`SecretShapes.secretNames`, minus references).
    package static func isSecretName(_ name: String, colon: Bool = false) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 128 else { return false }
        if colon && SecretShapes.colonExcluded.contains(name) { return false }
        let secret = SecretShapes.secretNames.contains { entry in
            switch entry.match {
            case .exact: name == entry.word
            case .contains: name.containsBytes(entry.word)
            case .suffix: name.hasSuffixBytes(entry.word)
            }
        }
        guard secret else { return false }
        return !SecretShapes.referencePrefixes.contains(where: name.hasPrefixBytes)
            && !SecretShapes.referenceSuffixes.contains(where: name.hasSuffixBytes)
    }

    static func isLineValueName(_ name: String) -> Bool {
        SecretShapes.lineValueWords.contains(where: name.containsBytes)
    }

    static func isStrongName(_ name: String) -> Bool {
        SecretShapes.strongNameWords.contains(where: name.containsBytes)
    }

    /// Blanks around a separator: space, tab, and U+00A0 (no-break space, C2 A0 in UTF-8).
    static func skipSeparatorBlanks(_ bytes: [UInt8], _ start: Int) -> (end: Int, sawTab: Bool) {
        var cursor = start
        var sawTab = false
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: " ") { cursor += 1; continue }
            if bytes[cursor] == UInt8(ascii: "\t") { sawTab = true; cursor += 1; continue }
            if bytes[cursor] == 0xC2, cursor + 1 < bytes.count, bytes[cursor + 1] == 0xA0 { cursor += 2; continue }
            break
        }
        return (cursor, sawTab)
    }

    // MARK: - name <separator> value

    static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }

    /// `name=v`, `name = v`, `name: v`, `"name": v`, `'name': v`, `\"name\":v`, `'name' => v`;
    /// short names whose values must be long (`SecretShapes.minimumValueLength`) checked last.
    static func assignmentValue(_ bytes: [UInt8], nameStart: Int, nameEnd: Int, startsStatement: Bool) -> Span? {
        guard let span = anyAssignmentValue(bytes, nameStart: nameStart, nameEnd: nameEnd, startsStatement: startsStatement) else { return nil }
        if nameEnd - nameStart <= 5, let minimum = SecretShapes.minimumValueLength[normalizedName(bytes[nameStart..<nameEnd])] {
            // The first word counts: `sig=SIGHUP received` is a signal and a sentence.
            var wordEnd = span.start
            while wordEnd < span.end, !isBlank(bytes[wordEnd]) { wordEnd += 1 }
            if wordEnd - span.start < minimum { return nil }
        }
        return span
    }

    static func anyAssignmentValue(_ bytes: [UInt8], nameStart: Int, nameEnd: Int, startsStatement: Bool) -> Span? {
        var cursor = nameEnd
        // A quote before the name: it closes after the name (a quoted key) or it encloses the
        // whole assignment (`-H 'Authorization: x'`, `"msg":"password: x"`).
        var openingQuote: UInt8?
        var escaped = false
        if nameStart > 0, isQuote(bytes[nameStart - 1]) {
            openingQuote = bytes[nameStart - 1]
            escaped = nameStart > 1 && bytes[nameStart - 2] == UInt8(ascii: "\\")
        }
        var quotedName = false
        if let quote = openingQuote {
            if escaped, cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "\\"), bytes[cursor + 1] == quote {
                cursor += 2
                quotedName = true
            } else if !escaped, cursor < bytes.count, bytes[cursor] == quote {
                cursor += 1
                quotedName = true
            }
        }
        let beforeSeparator = cursor
        let (separatorStart, tabBefore) = skipSeparatorBlanks(bytes, cursor)
        cursor = separatorStart
        let spacedBefore = cursor > beforeSeparator
        guard cursor < bytes.count else { return nil }
        enum Separator { case equals, colon, arrow }
        let separator: Separator
        var encoded = false
        var fullwidthColon = false
        if bytes[cursor] == UInt8(ascii: ":"), cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "=") {
            // Makefile and Go: `DB_PASSWORD := x`.
            separator = .equals
            cursor += 2
        } else if bytes[cursor] == 0xEF, cursor + 2 < bytes.count, bytes[cursor + 1] == 0xBC, bytes[cursor + 2] == 0x9D {
            // U+FF1D FULLWIDTH EQUALS SIGN.
            separator = .equals
            cursor += 3
        } else if bytes[cursor] == UInt8(ascii: "%"), cursor + 2 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "3"),
            bytes[cursor + 2] | 0x20 == UInt8(ascii: "d")
        {
            // A URL-encoded form inside text: `password%3Dx%26next%3D1`.
            separator = .equals
            encoded = true
            cursor += 3
        } else if bytes[cursor] == UInt8(ascii: "=") {
            if cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: ">") {
                separator = .arrow
                cursor += 2
            } else {
                guard cursor + 1 >= bytes.count || bytes[cursor + 1] != UInt8(ascii: "=") else { return nil }
                separator = .equals
                cursor += 1
            }
        } else if bytes[cursor] == 0xEF, cursor + 2 < bytes.count, bytes[cursor + 1] == 0xBC, bytes[cursor + 2] == 0x9A {
            // U+FF1A FULLWIDTH COLON, read as `: ` (a value after it may be glued).
            separator = .colon
            cursor += 3
            fullwidthColon = true
        } else if bytes[cursor] == UInt8(ascii: ":") {
            // `Password : x` only as a line's first word, and for a strong name.
            guard
                quotedName || !spacedBefore
                    || (startsStatement && isStrongName(normalizedName(bytes[nameStart..<nameEnd])))
            else { return nil }
            separator = .colon
            cursor += 1
        } else if tabBefore, startsStatement, !quotedName, cursor < bytes.count, !isBlank(bytes[cursor]),
            bytes[cursor] != UInt8(ascii: "\n")
        {
            // `password<TAB>x`: a tab-separated pair at a line start, for a strong name only.
            let name = normalizedName(bytes[nameStart..<nameEnd])
            guard isStrongName(name), isSecretName(name), let span = valueSpan(bytes, from: cursor, extent: .word) else { return nil }
            // Only a two-field line: `password<TAB>changed successfully` is a sentence.
            var after = span.end
            while after < bytes.count, isBlank(bytes[after]) { after += 1 }
            return after == bytes.count || bytes[after] == UInt8(ascii: "\n") ? span : nil
        } else {
            return nil
        }
        let afterSeparator = cursor
        cursor = skipSeparatorBlanks(bytes, cursor).end
        let spacedAfter = cursor > afterSeparator || fullwidthColon
        guard cursor < bytes.count else { return nil }
        let name = normalizedName(bytes[nameStart..<nameEnd])
        var gluedColon = false
        if separator == .colon && !quotedName && !spacedAfter {
            // `token:abc` is prose or a host:port; only header names (dashed, or the
            // Authorization/Cookie family) and strong names (`password:x`, Go's
            // `{User:app Password:x}`) take a value right after the colon.
            let dashed = bytes[nameStart..<nameEnd].contains(UInt8(ascii: "-"))
            let headerLike = dashed || isLineValueName(name)
            guard headerLike || isStrongName(name), bytes[cursor] != UInt8(ascii: "/") else { return nil }
            gluedColon = !headerLike
        }
        if separator != .arrow, SecretShapes.pairNameKeys.contains(name) {
            switch namedPairValue(bytes, nameValueStart: cursor) {
            case .secret(let span): return span
            case .plain: return nil // `key="CacheSize" value=...`: the key's value is a name
            case .notAPair: break
            }
        }
        guard isSecretName(name, colon: separator == .colon) else { return nil }
        if separator == .colon, let span = yamlBlockScalar(bytes, nameStart: nameStart, valueStart: cursor) {
            return span.start < span.end ? span : nil
        }
        if encoded {
            // The value ends at the encoded `&` (`%26`) or the first character a form would not carry.
            guard let span = valueSpan(bytes, from: cursor, extent: .word) else { return nil }
            var end = span.start
            while end < span.end {
                if bytes[end] == UInt8(ascii: "%"), end + 2 < span.end, bytes[end + 1] == UInt8(ascii: "2"), bytes[end + 2] == UInt8(ascii: "6") { break }
                end += 1
            }
            return end > span.start && !isPlaceholder(bytes[span.start..<end]) ? Span(start: span.start, end: end) : nil
        }
        if gluedColon { return valueSpan(bytes, from: cursor, extent: .word) }
        if separator == .colon, !quotedName, !isLineValueName(name), !bytes[nameStart..<nameEnd].contains(UInt8(ascii: "-")),
            followsProseWord(bytes, nameStart)
        {
            // Prose (`failed to fetch anonymous token: unexpected status`) unless the word after
            // the colon looks like a credential (`generated security password: 8e55...`).
            guard let span = valueSpan(bytes, from: cursor, extent: .word) else { return nil }
            let word = bytes[span.start..<span.end]
            guard looksLikeCredential(word) else { return nil }
            return span
        }
        if name == "pwd", bytes[cursor] == UInt8(ascii: "/") { return nil }
        if separator == .equals, spacedBefore || spacedAfter, !startsStatement, !quotedName,
            !isQuote(bytes[cursor]), bytes[cursor] != UInt8(ascii: "\\")
        {
            return nil
        }
        let extent: ValueExtent
        if separator == .equals && !spacedBefore && !spacedAfter && !isLineValueName(name) {
            extent = startsStatement && !quotedName ? .envLine(enclosingQuote: openingQuote) : .word
        } else {
            extent = .line(enclosingQuote: quotedName ? nil : openingQuote)
        }
        return valueSpan(bytes, from: cursor, extent: extent)
    }

    static let proseVerbFirstBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for verb in SecretShapes.proseVerbs { if let first = verb.utf8.first { table[Int(first)] = true } }
        return table
    }()

    /// A word in prose that reads as a credential rather than as English: long, or letters
    /// mixed with digits (`generated security password: 8e55...`, `the password is Zq81x...`).
    static func looksLikeCredential(_ word: ArraySlice<UInt8>) -> Bool {
        word.count >= 20 || (word.count >= 6 && word.contains(where: isDigit) && word.contains(where: isAlpha))
    }

    /// `<strong name> is <credential>` in a sentence (`The admin password is Zq81x...`): the
    /// word after `is` or `was`, only when it looks like a credential (`password is required`
    /// and `password is at least 12 characters` stay).
    static func proseValue(_ bytes: [UInt8], nameStart: Int, nameEnd: Int) -> Span? {
        var cursor = nameEnd
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        // Cheap first: one space, then a verb's first letter (this runs after every word).
        guard cursor == nameEnd + 1, cursor < bytes.count, proseVerbFirstBytes[Int(bytes[cursor] | 0x20)] else { return nil }
        let verbStart = cursor
        while cursor < bytes.count, isAlpha(bytes[cursor]) { cursor += 1 }
        let verb = bytes[verbStart..<cursor]
        guard SecretShapes.proseVerbs.contains(where: { verb.count == $0.utf8.count && zip(verb, $0.utf8).allSatisfy { ($0 | 0x20) == $1 } }),
            cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ")
        else { return nil }
        cursor += 1
        guard let span = valueSpan(bytes, from: cursor, extent: .word) else { return nil }
        var end = span.end
        // A sentence's full stop is not part of the word.
        while end > span.start, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard looksLikeCredential(bytes[span.start..<end]) else { return nil }
        let name = normalizedName(bytes[nameStart..<nameEnd])
        return isStrongName(name) && isSecretName(name) ? Span(start: span.start, end: end) : nil
    }

    /// Whether the word before `nameStart` (across blanks) is made of letters only: the name is
    /// then part of a sentence, not a key at the start of a line or after a separator.
    static func followsProseWord(_ bytes: [UInt8], _ nameStart: Int) -> Bool {
        var cursor = nameStart
        while cursor > 0, isBlank(bytes[cursor - 1]) { cursor -= 1 }
        guard cursor < nameStart else { return false }
        let end = cursor
        while cursor > 0, isAlpha(bytes[cursor - 1]) { cursor -= 1 }
        guard cursor < end else { return false }
        return cursor == 0 || isBlank(bytes[cursor - 1]) || bytes[cursor - 1] == UInt8(ascii: "\n")
    }

    /// The masked span of a value that starts at `start`, or nil when there is nothing secret
    /// to mask (empty, a placeholder, `${REFERENCE}`, or already masked).
    static func valueSpan(_ bytes: [UInt8], from start: Int, extent: ValueExtent) -> Span? {
        guard start < bytes.count else { return nil }
        var valueStart = start
        var valueEnd: Int
        let first = bytes[start]
        if isQuote(first) || (first == UInt8(ascii: "\\") && start + 1 < bytes.count && isQuote(bytes[start + 1])) {
            let escapedQuote = first == UInt8(ascii: "\\")
            let quote = escapedQuote ? bytes[start + 1] : first
            valueStart = start + (escapedQuote ? 2 : 1)
            valueEnd = valueStart
            while valueEnd < bytes.count, bytes[valueEnd] != quote, bytes[valueEnd] != UInt8(ascii: "\n") {
                if escapedQuote, bytes[valueEnd] == UInt8(ascii: "\\"), valueEnd + 1 < bytes.count {
                    // Inside an escaped string `\\` is a backslash, and `\\\"` a quote of the
                    // string one level further in (JSON in JSON in JSON): both are value bytes.
                    if bytes[valueEnd + 1] == UInt8(ascii: "\\") {
                        valueEnd += valueEnd + 3 < bytes.count && bytes[valueEnd + 2] == UInt8(ascii: "\\") && bytes[valueEnd + 3] == quote ? 4 : 2
                        continue
                    }
                    if bytes[valueEnd + 1] == quote { break }
                }
                valueEnd += 1
            }
            valueEnd = min(valueEnd, bytes.count)
        } else {
            valueEnd = start
            switch extent {
            case .word:
                while valueEnd < bytes.count, !endsWordValue(bytes[valueEnd]) { valueEnd += 1 }
                // `Authorization=Basic x`: a scheme word takes the credential after it.
                if valueEnd < bytes.count, bytes[valueEnd] == UInt8(ascii: " "), isAuthScheme(bytes[start..<valueEnd]) {
                    var credentialEnd = valueEnd + 1
                    while credentialEnd < bytes.count, !endsWordValue(bytes[credentialEnd]) { credentialEnd += 1 }
                    if credentialEnd > valueEnd + 1 { valueStart = valueEnd + 1; valueEnd = credentialEnd }
                }
            case .line(let enclosingQuote), .envLine(let enclosingQuote):
                let stopsAtNextName: Bool
                if case .envLine = extent { stopsAtNextName = true } else { stopsAtNextName = false }
                while valueEnd < bytes.count {
                    let byte = bytes[valueEnd]
                    if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == enclosingQuote { break }
                    if stopsAtNextName, isBlank(byte), endsEnvValue(bytes, valueEnd + 1) { break }
                    if byte == UInt8(ascii: "\\"), valueEnd + 1 < bytes.count,
                        bytes[valueEnd + 1] == UInt8(ascii: "n") || bytes[valueEnd + 1] == UInt8(ascii: "r")
                            || bytes[valueEnd + 1] == UInt8(ascii: "\"")
                    {
                        break
                    }
                    valueEnd += 1
                }
                while valueEnd > start, isBlank(bytes[valueEnd - 1]) { valueEnd -= 1 }
                // `(using password: NO)`: a placeholder word says there is no secret on the line.
                var firstWordEnd = start
                while firstWordEnd < valueEnd, !isBlank(bytes[firstWordEnd]), bytes[firstWordEnd] != UInt8(ascii: ")"),
                    bytes[firstWordEnd] != UInt8(ascii: ","), bytes[firstWordEnd] != UInt8(ascii: ";")
                { firstWordEnd += 1 }
                if firstWordEnd < valueEnd, isPlaceholder(bytes[start..<firstWordEnd]) { return nil }
                // Keep the scheme of a header value visible: `Authorization: Basic ***`.
                var schemeEnd = start
                while schemeEnd < valueEnd, bytes[schemeEnd] != UInt8(ascii: " ") { schemeEnd += 1 }
                if schemeEnd < valueEnd, isAuthScheme(bytes[start..<schemeEnd]) {
                    valueStart = schemeEnd
                    while valueStart < valueEnd, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
                }
            }
        }
        guard valueStart < valueEnd, !isPlaceholder(bytes[valueStart..<valueEnd]) else { return nil }
        return Span(start: valueStart, end: valueEnd)
    }

    /// `name: DB_PASSWORD` followed (on the same line after a comma, or on the next line) by
    /// `value: x`: the value, when the name is a secret's.
    enum PairValue {
        case notAPair
        /// A pair whose name is not a secret's.
        case plain
        case secret(Span)
    }

    static func namedPairValue(_ bytes: [UInt8], nameValueStart: Int) -> PairValue {
        var cursor = nameValueStart
        var quote: UInt8?
        if cursor < bytes.count, isQuote(bytes[cursor]) { quote = bytes[cursor]; cursor += 1 }
        let wordStart = cursor
        while cursor < bytes.count, cursor - wordStart <= 128, isNameByte(bytes[cursor]) { cursor += 1 }
        guard cursor > wordStart else { return .notAPair }
        let secret = isSecretName(normalizedName(bytes[wordStart..<cursor]))
        if let quote {
            guard cursor < bytes.count, bytes[cursor] == quote else { return .notAPair }
            cursor += 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">") {
                // `<entry key="password">x</entry>`: the element's text.
                guard secret else { return .plain }
                var end = cursor + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: "\n") { end += 1 }
                guard end > cursor + 1, !isPlaceholder(bytes[(cursor + 1)..<end]) else { return .plain }
                return .secret(Span(start: cursor + 1, end: end))
            }
        }
        // To the next key: blanks, one comma, blanks, at most one line break and its indentation.
        var lineBreaks = 0
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if isBlank(byte) || byte == UInt8(ascii: ",") { cursor += 1; continue }
            if byte == UInt8(ascii: "\n"), lineBreaks == 0 { lineBreaks += 1; cursor += 1; continue }
            break
        }
        var keyQuote: UInt8?
        if cursor < bytes.count, isQuote(bytes[cursor]) { keyQuote = bytes[cursor]; cursor += 1 }
        let keyStart = cursor
        while cursor < bytes.count, cursor - keyStart <= 8, isNameByte(bytes[cursor]) { cursor += 1 }
        guard bytes[keyStart..<cursor].elementsEqual(SecretShapes.pairValueKey.utf8) else { return .notAPair }
        if let keyQuote {
            guard cursor < bytes.count, bytes[cursor] == keyQuote else { return .notAPair }
            cursor += 1
        }
        cursor = skipSeparatorBlanks(bytes, cursor).end
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") || bytes[cursor] == UInt8(ascii: "=") else { return .notAPair }
        guard secret else { return .plain }
        cursor = skipSeparatorBlanks(bytes, cursor + 1).end
        guard cursor < bytes.count,
            let span = valueSpan(bytes, from: cursor, extent: isQuote(bytes[cursor]) ? .word : .line(enclosingQuote: nil))
        else { return .plain }
        return .secret(span)
    }

    /// Whether an env line's value ends before the blank at `start - 1`: the next `NAME=`, a
    /// shell operator (`&&`, `|`, `;`), or a command with a flag (`psql -h db`) follows.
    static func endsEnvValue(_ bytes: [UInt8], _ start: Int) -> Bool {
        if startsNameAssignment(bytes, start) { return true }
        for op in SecretShapes.shellOperators where bytes[start...].starts(with: op.utf8) {
            let after = start + op.utf8.count
            if after == bytes.count || isBlank(bytes[after]) { return true }
        }
        // `word -flag`: a program and its first option.
        var cursor = start
        while cursor < bytes.count, cursor - start <= 64, isNameByte(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") { cursor += 1 }
        guard cursor > start, cursor + 2 < bytes.count, bytes[cursor] == UInt8(ascii: " "), bytes[cursor + 1] == UInt8(ascii: "-") else { return false }
        return isAlnum(bytes[cursor + 2]) || bytes[cursor + 2] == UInt8(ascii: "-")
    }

    /// Whether `NAME=` starts at `start` (an env line's next assignment).
    static func startsNameAssignment(_ bytes: [UInt8], _ start: Int) -> Bool {
        var cursor = start
        while cursor < bytes.count, cursor - start <= 64, isNameByte(bytes[cursor]) { cursor += 1 }
        return cursor > start && cursor < bytes.count && bytes[cursor] == UInt8(ascii: "=")
    }

    /// `password: |` or `password: >-` followed by lines indented deeper than the key's line:
    /// the span of those lines' text (an empty span when the block holds only a mask already).
    /// Nil when the value is not a block indicator.
    static func yamlBlockScalar(_ bytes: [UInt8], nameStart: Int, valueStart: Int) -> Span? {
        guard bytes[valueStart] == UInt8(ascii: "|") || bytes[valueStart] == UInt8(ascii: ">") else { return nil }
        var cursor = valueStart + 1
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") || isDigit(bytes[cursor]) {
            cursor += 1
        }
        while cursor < bytes.count, isBlank(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\n") else { return nil }
        // The key line's indentation.
        var lineStart = nameStart
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var keyIndent = 0
        while lineStart + keyIndent < nameStart, bytes[lineStart + keyIndent] == UInt8(ascii: " ") { keyIndent += 1 }
        var blockStart: Int?
        var blockEnd = cursor
        var next = cursor + 1
        while next < bytes.count {
            var indent = 0
            while next + indent < bytes.count, bytes[next + indent] == UInt8(ascii: " ") { indent += 1 }
            var lineEnd = next + indent
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var contentEnd = lineEnd
            while contentEnd > next + indent, isBlank(bytes[contentEnd - 1]) { contentEnd -= 1 }
            if contentEnd > next + indent {
                guard indent > keyIndent else { break }
                if blockStart == nil { blockStart = next + indent }
                blockEnd = contentEnd
            }
            next = lineEnd + 1
        }
        guard let start = blockStart else { return nil }
        if isPlaceholder(bytes[start..<blockEnd]) { return Span(start: start, end: start) }
        return Span(start: start, end: blockEnd)
    }

    static func endsWordValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\""), UInt8(ascii: "'"),
            UInt8(ascii: "`"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "&"):
            return true
        default:
            return false
        }
    }

    static func isAuthScheme(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count <= 24 else { return false }
        return SecretShapes.authSchemes.contains(String(decoding: word, as: UTF8.self).lowercased())
    }

    package static func isPlaceholder(_ value: ArraySlice<UInt8>) -> Bool {
        if value.allSatisfy({ $0 == UInt8(ascii: "*") }) && value.count >= 3 { return true }
        if value.count <= 24, SecretShapes.placeholderValues.contains(String(decoding: value, as: UTF8.self).lowercased()) {
            return true
        }
        // `${NAME}`: a reference to a variable, not its value.
        if value.count >= 4, value.first == UInt8(ascii: "$"), value[value.startIndex + 1] == UInt8(ascii: "{"),
            value.last == UInt8(ascii: "}"),
            value.dropFirst(2).dropLast().allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "_") })
        {
            return true
        }
        return false
    }

    // MARK: - Directives and flags

    /// `requirepass v`, `--masterauth v`, `IDENTIFIED BY 'v'`, `PASSWORD 'v'`.
    static func directiveValue(_ bytes: [UInt8], nameStart: Int, nameEnd: Int) -> Span? {
        guard nameEnd - nameStart <= 24 else { return nil }
        let name = normalizedName(bytes[nameStart..<nameEnd])
        guard directiveFirstWords.contains(name) else { return nil }
        for directive in SecretShapes.directives where directive.words.first == name {
            var cursor = nameEnd
            var matched = true
            for word in directive.words.dropFirst() {
                let spaces = cursor
                while cursor < bytes.count, isBlank(bytes[cursor]) { cursor += 1 }
                guard cursor > spaces else { matched = false; break }
                let wordStart = cursor
                while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
                guard cursor > wordStart else { matched = false; break }
                switch word {
                case "*": continue
                case "$secret": if !isSecretName(normalizedName(bytes[wordStart..<cursor])) { matched = false }
                default: if normalizedName(bytes[wordStart..<cursor]) != word { matched = false }
                }
                if !matched { break }
            }
            guard matched else { continue }
            let spaces = cursor
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
            guard cursor > spaces, cursor < bytes.count else { continue }
            if directive.quotedOnly && !isQuote(bytes[cursor]) { continue }
            if let span = valueSpan(bytes, from: cursor, extent: .word) { return span }
        }
        return nil
    }

    /// Redis `AUTH [user] password` (upper case; `"AUTH" "x"` as MONITOR prints it): the rest
    /// of the line. ACL `user name on >password`: the word after `>`. `htpasswd -b... file user
    /// password`: the line's last word. Tried only among a line's first four words, each of
    /// which reads the line once at most, so the pass stays linear; `AUTH` anywhere (its scan
    /// fails only when the rest of the line is a placeholder, which holds no other `AUTH`).
    static func lineDirectiveValue(_ bytes: [UInt8], nameStart: Int, nameEnd: Int, lineWords: Int) -> Span? {
        let raw = bytes[nameStart..<nameEnd]
        if raw.elementsEqual(SecretShapes.redisAuthWord.utf8) {
            var cursor = nameEnd
            let quoted = nameStart > 0 && isQuote(bytes[nameStart - 1]) && cursor < bytes.count && bytes[cursor] == bytes[nameStart - 1]
            if quoted { cursor += 1 }
            // A command, not a word in a message (`ERR AUTH <password> called without ...`):
            // quoted as MONITOR prints it, first on its line, or after a prompt's `>`.
            var before = nameStart
            while before > 0, bytes[before - 1] == UInt8(ascii: " ") { before -= 1 }
            guard quoted || lineWords == 0 || (before > 0 && bytes[before - 1] == UInt8(ascii: ">")) else { return nil }
            let spaces = cursor
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            guard cursor > spaces else { return nil }
            var end = cursor
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
            while end > cursor, isBlank(bytes[end - 1]) { end -= 1 }
            guard end > cursor, !isPlaceholder(bytes[cursor..<end]) else { return nil }
            var firstEnd = cursor
            while firstEnd < end, isAlpha(bytes[firstEnd]) { firstEnd += 1 }
            if firstEnd - cursor <= 16,
                SecretShapes.credentialProseWords.contains(String(decoding: bytes[cursor..<firstEnd], as: UTF8.self).lowercased()),
                firstEnd == end || bytes[firstEnd] == UInt8(ascii: ":") || bytes[firstEnd] == UInt8(ascii: ",")
            {
                return nil
            }
            return Span(start: cursor, end: end)
        }
        let word = normalizedName(raw)
        if (word == "user" && lineWords == 0) || word == "setuser" {
            var cursor = nameEnd
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\n") {
                if bytes[cursor] == UInt8(ascii: ">"), isBlank(bytes[cursor - 1]) {
                    var end = cursor + 1
                    while end < bytes.count, !isBlank(bytes[end]), bytes[end] != UInt8(ascii: "\n") { end += 1 }
                    if end > cursor + 1, !isPlaceholder(bytes[(cursor + 1)..<end]) { return Span(start: cursor + 1, end: end) }
                    cursor = end
                    continue
                }
                cursor += 1
            }
            return nil
        }
        if word == "echo" || word == "printf" {
            // The argument, when the line pipes it into a `--password-stdin`-like flag.
            var cursor = nameEnd
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            while cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "-"), isAlpha(bytes[cursor + 1]) {
                // echo -n
                while cursor < bytes.count, !isBlank(bytes[cursor]), bytes[cursor] != UInt8(ascii: "\n") { cursor += 1 }
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            }
            guard cursor > nameEnd, cursor < bytes.count, let span = valueSpan(bytes, from: cursor, extent: .word) else { return nil }
            var lineEnd = span.end
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let rest = bytes[span.end..<lineEnd]
            guard rest.contains(UInt8(ascii: "|")) else { return nil }
            let piped = SecretShapes.stdinSecretFlags.contains { flag in
                rest.indices.contains { rest[$0...].starts(with: flag.utf8) }
            }
            return piped ? span : nil
        }
        if word == "htpasswd" {
            var cursor = nameEnd
            var batch = false
            var arguments = 0
            var lastWord: Span?
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\n") {
                if isBlank(bytes[cursor]) { cursor += 1; continue }
                let start = cursor
                while cursor < bytes.count, !isBlank(bytes[cursor]), bytes[cursor] != UInt8(ascii: "\n") { cursor += 1 }
                if bytes[start] == UInt8(ascii: "-") {
                    if bytes[start..<cursor].contains(UInt8(ascii: "b")) { batch = true }
                } else {
                    arguments += 1
                    lastWord = Span(start: start, end: cursor)
                }
            }
            guard batch, arguments >= 2, let span = lastWord, !isPlaceholder(bytes[span.start..<span.end]) else { return nil }
            return span
        }
        return nil
    }

    /// Flags from `SecretShapes.commandFlags` (with their program earlier on the line), and
    /// `--secret-name value`.
    static func flagValue(_ bytes: [UInt8], nameStart: Int, nameEnd: Int, lineCommands: Set<String>) -> Span? {
        guard bytes[nameStart] == UInt8(ascii: "-") || !lineCommands.isEmpty else { return nil }
        let raw = bytes[nameStart..<nameEnd]
        for flag in SecretShapes.commandFlags {
            guard flag.commands.isEmpty || !flag.commands.isDisjoint(with: lineCommands) else { continue }
            let flagBytes = flag.flag.utf8
            guard raw.starts(with: flagBytes) else { continue }
            if flag.keyEqualsValue {
                // `--from-literal=key=value`: past the key and its `=`, to the end of the word.
                guard raw.count == flagBytes.count, nameEnd < bytes.count, bytes[nameEnd] == UInt8(ascii: "=") else { continue }
                var cursor = nameEnd + 1
                while cursor < bytes.count, cursor - nameEnd <= 128, isNameByte(bytes[cursor]) { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { continue }
                if let span = valueSpan(bytes, from: cursor + 1, extent: .word) { return span }
                continue
            }
            if raw.count == flagBytes.count, flag.glued, nameEnd < bytes.count, isQuote(bytes[nameEnd]) {
                // -p'secret'
                if let span = flagSpan(bytes, from: nameEnd, userColonPassword: flag.userColonPassword) { return span }
            } else if raw.count == flagBytes.count {
                guard flag.spaced else { continue }
                var cursor = nameEnd
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                guard cursor > nameEnd, cursor < bytes.count, bytes[cursor] != UInt8(ascii: "-") else { continue }
                if let span = flagSpan(bytes, from: cursor, userColonPassword: flag.userColonPassword) { return span }
            } else if flag.glued, raw[raw.startIndex + 1] != UInt8(ascii: "-") {
                if let span = flagSpan(bytes, from: nameStart + flagBytes.count, userColonPassword: flag.userColonPassword) { return span }
            }
        }
        // --password value, --token value, --requirepass value.
        guard raw.count > 2, raw.starts(with: "--".utf8), isSecretName(normalizedName(raw)) else { return nil }
        var cursor = nameEnd
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        guard cursor > nameEnd, cursor < bytes.count, bytes[cursor] != UInt8(ascii: "-") else { return nil }
        return valueSpan(bytes, from: cursor, extent: .word)
    }

    static func flagSpan(_ bytes: [UInt8], from start: Int, userColonPassword: Bool) -> Span? {
        guard let span = valueSpan(bytes, from: start, extent: .word) else { return nil }
        guard userColonPassword else { return span }
        guard let colon = bytes[span.start..<span.end].firstIndex(of: UInt8(ascii: ":")), colon + 1 < span.end,
            !isPlaceholder(bytes[(colon + 1)..<span.end])
        else { return nil }
        return Span(start: colon + 1, end: span.end)
    }

    /// `proxy_set_header Authorization "Basic x";`, `add_header X-Api-Key x;`.
    static func headerDirectiveValue(_ bytes: [UInt8], nameStart: Int, nameEnd: Int) -> Span? {
        guard nameEnd - nameStart <= 24,
            SecretShapes.headerDirectives.contains(normalizedName(bytes[nameStart..<nameEnd]))
        else { return nil }
        var cursor = nameEnd
        while cursor < bytes.count, isBlank(bytes[cursor]) { cursor += 1 }
        let headerStart = cursor
        while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
        guard cursor > headerStart, isSecretName(normalizedName(bytes[headerStart..<cursor])) else { return nil }
        let spaces = cursor
        while cursor < bytes.count, isBlank(bytes[cursor]) { cursor += 1 }
        guard cursor > spaces, cursor < bytes.count else { return nil }
        if isQuote(bytes[cursor]) { return valueSpan(bytes, from: cursor, extent: .word) }
        var end = cursor
        while end < bytes.count, bytes[end] != UInt8(ascii: ";"), bytes[end] != UInt8(ascii: "\n") { end += 1 }
        while end > cursor, isBlank(bytes[end - 1]) { end -= 1 }
        guard end > cursor, !isPlaceholder(bytes[cursor..<end]) else { return nil }
        return Span(start: cursor, end: end)
    }

    /// A whole line `secret_name value;` (nginx-style configuration).
    static func semicolonDirectiveValue(_ bytes: [UInt8], nameStart: Int, nameEnd: Int) -> Span? {
        var cursor = nameEnd
        while cursor < bytes.count, isBlank(bytes[cursor]) { cursor += 1 }
        guard cursor > nameEnd, cursor < bytes.count, let span = valueSpan(bytes, from: cursor, extent: .word) else { return nil }
        var after = span.end
        if after < bytes.count, isQuote(bytes[after]) { after += 1 }
        guard after < bytes.count, bytes[after] == UInt8(ascii: ";") else { return nil }
        after += 1
        while after < bytes.count, isBlank(bytes[after]) { after += 1 }
        guard after == bytes.count || bytes[after] == UInt8(ascii: "\n") else { return nil }
        return isSecretName(normalizedName(bytes[nameStart..<nameEnd])) ? span : nil
    }

    /// `host:port:database:user:password` (`SecretShapes.pgpassID`) from `lineStart` to the line's end.
    static func pgpassValue(_ bytes: [UInt8], lineStart: Int) -> Span? {
        var colons: [Int] = []
        var cursor = lineStart
        while cursor < bytes.count, cursor - lineStart <= 1024 {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            guard !isBlank(byte) else { return nil }
            if byte == UInt8(ascii: ":") {
                guard colons.count < 4 else { return nil }
                colons.append(cursor)
            }
            cursor += 1
        }
        guard colons.count == 4, cursor == bytes.count || bytes[cursor] == UInt8(ascii: "\n") || bytes[cursor] == UInt8(ascii: "\r") else { return nil }
        let host = bytes[lineStart..<colons[0]]
        let port = bytes[(colons[0] + 1)..<colons[1]]
        let isHostByte: (UInt8) -> Bool = { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || isDigit(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard (host.contains(where: isAlpha) && host.allSatisfy(isHostByte)) || host.elementsEqual("*".utf8),
            port.elementsEqual("*".utf8) || (!port.isEmpty && port.count <= 5 && port.allSatisfy(isDigit)),
            colons[2] > colons[1] + 1, colons[3] > colons[2] + 1, cursor > colons[3] + 1,
            !isPlaceholder(bytes[(colons[3] + 1)..<cursor])
        else { return nil }
        return Span(start: colons[3] + 1, end: cursor)
    }

    /// `<password>v</password>`: an XML element whose name looks secret, up to the next `<`.
    static func xmlValue(_ bytes: [UInt8], _ index: Int) -> Span? {
        var cursor = index + 1
        while cursor < bytes.count, cursor - index <= 64, isNameByte(bytes[cursor]) { cursor += 1 }
        guard cursor > index + 1, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">"),
            isSecretName(normalizedName(bytes[(index + 1)..<cursor]))
        else { return nil }
        let start = cursor + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: "\n") { end += 1 }
        guard end > start, !isPlaceholder(bytes[start..<end]) else { return nil }
        // Unclosed on its line, a value with blanks is a sentence about `<password>`, not an element.
        let closed = end + 1 < bytes.count && bytes[end] == UInt8(ascii: "<") && bytes[end + 1] == UInt8(ascii: "/")
        guard closed || !bytes[start..<end].contains(where: isBlank) else { return nil }
        return Span(start: start, end: end)
    }
}
