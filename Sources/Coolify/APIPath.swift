/// One value placed in a URL path, validated: the only way a value from an argument or from a
/// Coolify answer reaches a path. Letters, digits, '-', '_' and '.', at most 128 bytes, never
/// "." or "..": no separator, no traversal, no query, nothing to percent-encode.
package struct PathSegment: Sendable, Hashable, CustomStringConvertible {
    package let description: String

    private init(checked text: String) { description = text }

    /// nil when `text` is not a valid segment.
    package init?(validating text: String) {
        guard Self.isValid(text) else { return nil }
        self.init(checked: text)
    }

    /// A numeric id (GitHub apps, teams, pull requests); nil when negative.
    package init?(id: Int) {
        guard id >= 0 else { return nil }
        self.init(checked: String(id))
    }

    package static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 128 && text != "." && text != ".." && text.utf8.allSatisfy(isSegmentByte)
    }

    static func isSegmentByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}

/// An API path: a template written in the source ("/applications/{uuid}/envs", a StaticString,
/// so it cannot be assembled at run time from an unchecked string) with every placeholder
/// filled by a ``PathSegment``.
package struct APIPath: Sendable, Equatable, CustomStringConvertible {
    /// The path as sent, below the origin's /api/v1.
    package let description: String

    package enum Failure: Error, Equatable {
        /// The template names a placeholder no segment was given for.
        case unfilled(String)
    }

    package init(_ template: StaticString, _ segments: [String: PathSegment] = [:]) throws(Failure) {
        let text = template.description
        var rendered = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            guard let segment = segments[name] else { throw .unfilled(name) }
            rendered += rest[..<open]
            rendered += segment.description
            rest = rest[rest.index(after: close)...]
        }
        self.description = rendered + rest
    }

    /// The `{name}` placeholders of a template, in order.
    package static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
