/// Substring tests on the UTF-8 bytes of short names. The standard library's `contains` builds
/// a search table per call, which dominated the sanitizer's profile (every field name of every
/// response is classified); names are a few dozen bytes, so a plain scan is the fast way.
extension String {
    package func containsBytes(_ needle: String) -> Bool {
        let haystack = utf8, pattern = needle.utf8
        guard pattern.count <= haystack.count else { return false }
        guard let first = pattern.first else { return true }
        var start = haystack.startIndex
        let lastStart = haystack.index(haystack.endIndex, offsetBy: -pattern.count)
        while start <= lastStart {
            if haystack[start] == first, haystack[start...].starts(with: pattern) { return true }
            start = haystack.index(after: start)
        }
        return false
    }

    package func hasPrefixBytes(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    package func hasSuffixBytes(_ suffix: String) -> Bool {
        let bytes = utf8, tail = suffix.utf8
        guard tail.count <= bytes.count else { return false }
        return bytes[bytes.index(bytes.endIndex, offsetBy: -tail.count)...].elementsEqual(tail)
    }
}
