/// An outbound header given with `--header "Name: value"` (Cloudflare Access and other proxies).
package struct ExtraHeader: Sendable, Equatable {
    package let name: String
    package let value: String

    /// Headers the server owns: a user-supplied one could redirect the credential or break JSON.
    package static let reserved: Set<String> = ["authorization", "content-type"]

    /// Parses "Name: value". Returns nil for a reserved name (the caller warns). A name that is
    /// not an RFC 9110 token, or a name or value with CR, LF or NUL, is an error.
    package static func parse(_ text: String) throws(CoolifyConfigError) -> ExtraHeader? {
        guard let colon = text.firstIndex(of: ":") else {
            throw CoolifyConfigError("--header must look like \"Name: value\"")
        }
        let name = text[..<colon].trimmingASCIIWhitespace()
        let value = text[text.index(after: colon)...].trimmingASCIIWhitespace()
        if text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
            throw CoolifyConfigError("--header \(name.isEmpty ? "value" : "'\(Self.printable(name))'") contains CR, LF or NUL")
        }
        guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
            throw CoolifyConfigError("--header name '\(Self.printable(name))' is not a valid header name")
        }
        if value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            throw CoolifyConfigError("--header '\(name)' value contains a control character")
        }
        if reserved.contains(name.lowercased()) { return nil }
        return ExtraHeader(name: name, value: value)
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// A header name for an error message: visible ASCII only, at most 40 characters.
    static func printable(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.prefix(40).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? $0 : "?" }))
    }
}
