/// One page of the Coolify documentation, as listed in `Generated/DocsPages.swift`: its address,
/// its title and its `##` headings joined with " | ".
package struct DocsPage: Sendable {
    package let url: String
    package let title: String
    package let headings: String

    package init(_ url: String, _ title: String, _ headings: String) {
        self.url = url
        self.title = title
        self.headings = headings
    }

    /// The headings one by one.
    package var headingList: [String] {
        headings.split(separator: " | ").map(String.init).filter { !$0.isEmpty }
    }
}

/// One search result: a documentation page, a Coolify API operation or one of this server's tools.
package struct DocsHit: Sendable, Equatable {
    package enum Kind: String, Sendable {
        case page, operation, tool
    }

    package let kind: Kind
    package let title: String
    /// Pages: the page's address.
    package let url: String?
    /// Operations: the HTTP method and the path template.
    package let method: String?
    package let path: String?
    /// Tools: the tool's name.
    package let tool: String?
    /// Pages: only the headings that matched the query.
    package let headings: [String]
    package let score: Double
}

/// Offline search over the Coolify documentation pages, Coolify's API operations and this
/// server's tools. Nothing leaves the process: the pages and operations are compiled in.
///
/// Ranking: the text is cut into lower-cased words of letters and digits, and each word is
/// normalised lightly (plurals and a few suffixes, so "deployments" finds "deploy"). A query
/// word scores by the best field it occurs in (title > headings > address > body), a little more
/// for each further field, times how rare the word is. Results that match only some query words
/// are scaled down, results that match all of them get a bonus, a title the query covers well
/// ranks higher, and API operations yield a little to pages and tools. A query word of four letters or more also finds longer words it begins
/// (at a discount), so "postgres" finds "PostgreSQL". Equal scores: the shorter title first.
package enum DocsSearch {
    /// Bounds that keep a hostile query cheap: only its first scalars and words are read.
    static let maxQueryScalars = 512
    static let maxQueryWords = 16
    static let maxWordScalars = 64
    static let maxPrefixExpansions = 32
    static let prefixDiscount = 0.6

    package static func search(_ query: String, limit: Int, tools: [ToolSpec]) -> [DocsHit] {
        guard limit > 0 else { return [] }
        let terms = queryTerms(query)
        guard !terms.isEmpty else { return [] }
        let shipped = index
        let own = Index(tools: tools)
        let indexes = [shipped, own]
        let entryCount = Double(shipped.entries.count + own.entries.count)
        func rarity(_ term: String) -> Double {
            let frequency = (shipped.postings[term]?.count ?? 0) + (own.postings[term]?.count ?? 0)
            return naturalLog(1 + entryCount / Double(max(frequency, 1)))
        }

        var ranked: [(hit: Candidate, score: Double)] = []
        for (which, current) in indexes.enumerated() {
            var best = [Double](repeating: 0, count: current.entries.count * terms.count)
            var matched: [Int: Set<String>] = [:]
            for (position, term) in terms.enumerated() {
                var forms = [(term, 1.0)]
                forms += current.extensions(of: term).map { ($0, prefixDiscount) }
                for (form, factor) in forms {
                    guard let postings = current.postings[form] else { continue }
                    let weight = rarity(form) * factor
                    for posting in postings {
                        let slot = posting.entry * terms.count + position
                        best[slot] = max(best[slot], weight * Field.score(posting.fields))
                        matched[posting.entry, default: []].insert(form)
                    }
                }
            }
            for (entry, forms) in matched {
                var score = 0.0
                var hits = 0
                for position in 0..<terms.count {
                    let value = best[entry * terms.count + position]
                    if value > 0 { score += value; hits += 1 }
                }
                guard hits > 0 else { continue }
                score *= Double(hits) / Double(terms.count)
                if hits == terms.count && terms.count > 1 { score *= 1.5 }
                let item = current.entries[entry]
                if !item.coverageTerms.isEmpty {
                    let covered = item.coverageTerms.filter { forms.contains($0) }.count
                    score *= 1 + 0.25 * Double(covered) / Double(item.coverageTerms.count)
                }
                // No tool here calls an operation directly: on near-equal terms, a page or a tool is
                // the better answer.
                if item.kind == .operation { score *= 0.9 }
                ranked.append((Candidate(index: which, entry: entry, forms: forms), score))
            }
        }

        ranked.sort { left, right in
            if left.score != right.score { return left.score > right.score }
            let a = indexes[left.hit.index].entries[left.hit.entry], b = indexes[right.hit.index].entries[right.hit.entry]
            if a.title.count != b.title.count { return a.title.count < b.title.count }
            if a.title != b.title { return a.title < b.title }
            return (a.url ?? a.path ?? a.tool ?? "") < (b.url ?? b.path ?? b.tool ?? "")
        }
        return ranked.prefix(limit).map { candidate, score in
            let item = indexes[candidate.index].entries[candidate.entry]
            var headings: [String] = []
            for (heading, words) in zip(item.headings, item.headingTerms) where !words.isDisjoint(with: candidate.forms) {
                headings.append(heading)
            }
            return DocsHit(
                kind: item.kind, title: item.title, url: item.url, method: item.method, path: item.path,
                tool: item.tool, headings: headings, score: score)
        }
    }

    private struct Candidate {
        let index: Int
        let entry: Int
        /// The indexed words that matched.
        let forms: Set<String>
    }

    // MARK: - Index

    enum Field: UInt8, CaseIterable {
        case title = 1, headings = 2, url = 4, body = 8

        var weight: Double {
            switch self {
            case .title: return 5
            case .headings: return 3
            case .url: return 2
            case .body: return 1
            }
        }

        /// The best field's weight, and half a point for each further field holding the word.
        static func score(_ mask: UInt8) -> Double {
            var top = 0.0
            var count = 0
            for field in allCases where mask & field.rawValue != 0 {
                top = max(top, field.weight)
                count += 1
            }
            return count == 0 ? 0 : top + 0.5 * Double(count - 1)
        }
    }

    struct Entry: Sendable {
        let kind: DocsHit.Kind
        let title: String
        let url: String?
        let method: String?
        let path: String?
        let tool: String?
        let headings: [String]
        let headingTerms: [Set<String>]
        /// The words whose coverage by the query raises the rank: the page title, the
        /// operation's path, the tool's name.
        let coverageTerms: Set<String>
    }

    struct Posting: Sendable {
        let entry: Int
        let fields: UInt8
    }

    struct Index: Sendable {
        private(set) var entries: [Entry] = []
        private(set) var postings: [String: [Posting]] = [:]
        /// Every indexed word, sorted, for prefix look-ups.
        private(set) var vocabulary: [String] = []

        init(pages: [DocsPage], operations: [CoolifyOperation]) {
            for page in pages { add(page) }
            for operation in operations { add(operation) }
            vocabulary = postings.keys.sorted()
        }

        init(tools: [ToolSpec]) {
            for tool in tools { add(tool) }
            vocabulary = postings.keys.sorted()
        }

        private mutating func add(_ page: DocsPage) {
            let headings = page.headingList
            let headingTerms = headings.map { Set(DocsSearch.terms($0)) }
            let title = DocsSearch.terms(page.title)
            var address = Substring(page.url)
            if let docs = address.firstRange(of: "/docs/") { address = address[docs.upperBound...] }
            let entry = Entry(
                kind: .page, title: page.title, url: page.url, method: nil, path: nil, tool: nil,
                headings: headings, headingTerms: headingTerms, coverageTerms: Set(title))
            add(entry, [(.title, title), (.headings, headingTerms.flatMap { $0 }), (.url, DocsSearch.terms(address))])
        }

        private mutating func add(_ operation: CoolifyOperation) {
            var literal: [String] = []
            var placeholders: [String] = []
            for segment in operation.path.split(separator: "/") {
                if segment.hasPrefix("{") { placeholders += DocsSearch.terms(segment) } else { literal += DocsSearch.terms(segment) }
            }
            let verbs = DocsSearch.verbs[operation.method] ?? []
            let entry = Entry(
                kind: .operation, title: "\(operation.method) \(operation.path)", url: nil,
                method: operation.method, path: operation.path, tool: nil,
                headings: [], headingTerms: [], coverageTerms: Set(literal))
            add(entry, [(.title, literal), (.body, placeholders + verbs.flatMap { DocsSearch.terms($0) })])
        }

        private mutating func add(_ tool: ToolSpec) {
            let name = DocsSearch.terms(tool.name)
            var body = DocsSearch.terms(tool.summary)
            for action in tool.actions { if let label = action.name { body += DocsSearch.terms(label) } }
            for param in tool.params { body += DocsSearch.terms(param.name) }
            let entry = Entry(
                kind: .tool, title: tool.title, url: nil, method: nil, path: nil, tool: tool.name,
                headings: [], headingTerms: [], coverageTerms: Set(name))
            add(entry, [(.title, name + DocsSearch.terms(tool.title)), (.body, body)])
        }

        private mutating func add(_ entry: Entry, _ fields: [(Field, [String])]) {
            let number = entries.count
            entries.append(entry)
            var masks: [String: UInt8] = [:]
            var order: [String] = []
            for (field, words) in fields {
                for word in words {
                    if masks[word] == nil { order.append(word) }
                    masks[word, default: 0] |= field.rawValue
                }
            }
            for word in order { postings[word, default: []].append(Posting(entry: number, fields: masks[word] ?? 0)) }
        }

        /// Longer indexed words that begin with `term` (terms of four scalars or more only).
        func extensions(of term: String) -> [String] {
            guard term.unicodeScalars.count >= 4 else { return [] }
            var low = 0, high = vocabulary.count
            while low < high {
                let middle = (low + high) / 2
                if vocabulary[middle] < term { low = middle + 1 } else { high = middle }
            }
            var found: [String] = []
            var position = low
            while position < vocabulary.count, found.count < DocsSearch.maxPrefixExpansions, vocabulary[position].hasPrefix(term) {
                if vocabulary[position] != term { found.append(vocabulary[position]) }
                position += 1
            }
            return found
        }
    }

    /// The pages and operations, indexed once on first use.
    static let index = Index(pages: DocsPage.all, operations: CoolifyOperation.all)

    /// What a method means, in the words people use.
    static let verbs: [String: [String]] = [
        "GET": ["get", "list", "show"],
        "POST": ["create", "add"],
        "PUT": ["update", "replace"],
        "PATCH": ["update", "edit", "change"],
        "DELETE": ["delete", "remove"],
    ]

    // MARK: - Words

    /// Query words that carry no meaning here ("coolify" is on nearly every page); dropped
    /// unless the query has nothing else.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "at", "be", "by", "can", "coolify", "do", "does", "for", "from", "how", "i", "if",
        "in", "into", "is", "it", "me", "my", "of", "on", "or", "our", "should", "so", "that", "the", "this", "to",
        "up", "we", "what", "when", "where", "which", "why", "will", "with", "you", "your",
    ]

    /// Short forms people type, mapped to the word the docs use.
    static let aliases: [String: String] = [
        "env": "environment", "envs": "environment", "var": "variable", "vars": "variable",
        "db": "database", "dbs": "database", "repo": "repository", "repos": "repository",
        "app": "application", "apps": "application", "config": "configuration", "configs": "configuration",
        "auth": "authentication",
    ]

    /// The distinct normalised words of a query, within the bounds above.
    static func queryTerms(_ query: String) -> [String] {
        let raw = words(Substring(query), maxWords: maxQueryWords, maxScalars: maxQueryScalars)
        let meaningful = raw.filter { !stopWords.contains($0) }
        var seen = Set<String>()
        var result: [String] = []
        for word in (meaningful.isEmpty ? raw : meaningful) {
            let term = normalise(word)
            if seen.insert(term).inserted { result.append(term) }
        }
        return result
    }

    /// The normalised words of indexed text.
    static func terms(_ text: some StringProtocol) -> [String] {
        words(Substring(text), maxWords: .max, maxScalars: .max).map(normalise)
    }

    /// Lower-cased runs of letters, digits and combining marks. Reads at most `maxScalars`
    /// scalars and returns at most `maxWords` words, each cut to `maxWordScalars` scalars.
    static func words(_ text: Substring, maxWords: Int, maxScalars: Int) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var length = 0
        func finish() {
            if !current.isEmpty { result.append(String(current)) }
            current = String.UnicodeScalarView()
            length = 0
        }
        for scalar in text.unicodeScalars.prefix(maxScalars) {
            if isWordScalar(scalar) {
                guard length < maxWordScalars else { continue }
                length += 1
                if scalar.isASCII {
                    let value = scalar.value
                    current.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(truncatingIfNeeded: value + 0x20)) : scalar)
                } else {
                    current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            } else {
                finish()
                if result.count >= maxWords { return result }
            }
        }
        finish()
        return Array(result.prefix(maxWords))
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// A light stemmer: aliases, plurals, then one of a few suffixes, so that "deployments",
    /// "deployed" and "deploying" all become "deploy", and "migrate" and "migration" meet. The
    /// forms need not be words; index and query are normalised alike.
    static func normalise(_ word: String) -> String {
        if let target = aliases[word] { return stem(target) }
        return stem(word)
    }

    private static func stem(_ word: String) -> String {
        var scalars = Array(word.unicodeScalars)
        guard scalars.count > 3 else { return word }
        func ends(_ suffix: String) -> Bool {
            let tail = Array(suffix.unicodeScalars)
            return scalars.count > tail.count && Array(scalars.suffix(tail.count)) == tail
        }
        // Plurals.
        if ends("ies") && scalars.count > 4 {
            scalars.removeLast(3)
            scalars.append("y")
        } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
            scalars.removeLast()
        }
        // One derivational or inflectional suffix, keeping a stem of three scalars or more.
        for suffix in ["ation", "ment", "ing", "ed"] where ends(suffix) && scalars.count - suffix.unicodeScalars.count >= 3 {
            scalars.removeLast(suffix.unicodeScalars.count)
            if suffix == "ing" || suffix == "ed", scalars.count >= 4, let last = scalars.last,
                last == scalars[scalars.count - 2], !"lsz".unicodeScalars.contains(last), !"aeiou".unicodeScalars.contains(last)
            {
                scalars.removeLast() // "setting" -> "set", "running" -> "run"
            }
            break
        }
        if scalars.count >= 4 && scalars.last == "e" { scalars.removeLast() }
        if scalars.count >= 6 && ends("at") { scalars.removeLast(2) }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The natural logarithm of a positive finite number, without Foundation: x = m * 2^e with
    /// m in [1, 2), and ln m from the series for 2 * artanh((m - 1) / (m + 1)).
    static func naturalLog(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 0 }
        let m = x.significand
        let y = (m - 1) / (m + 1)
        let y2 = y * y
        var term = y
        var sum = 0.0
        for k in stride(from: 1.0, through: 15.0, by: 2.0) {
            sum += term / k
            term *= y2
        }
        return 2 * sum + Double(x.exponent) * 0.693_147_180_559_945_3
    }
}
