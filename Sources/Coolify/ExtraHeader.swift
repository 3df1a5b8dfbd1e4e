internal import Fortress

/// An outbound header as text, "Name: value": the `--header` syntax checked over a String, by the
/// same parser the server runs over secret memory (``HeaderLine``). The server itself never
/// builds one (its header values stay in ``Credential``); the configuration fuzz target and the
/// tests use this form.
package struct ExtraHeader: Sendable, Equatable {
    package let name: String
    package let value: String

    package static var reserved: Set<String> { HeaderLine.reserved }

    /// Parses "Name: value". Returns nil for a reserved name (the server warns and drops it).
    /// Throws for anything the server would refuse.
    package static func parse(_ text: String) throws(CoolifyConfigError) -> ExtraHeader? {
        let bytes = Array(text.utf8)
        let parsed: Result<HeaderLine.Parsed, FortressError> = bytes.withUnsafeBytes { raw in
            Result { () throws(FortressError) in try HeaderLine.parse(raw, 0..<raw.count, source: "--header") }
        }
        switch parsed {
        case .failure(let error):
            throw CoolifyConfigError(error.description)
        case .success(.reserved):
            return nil
        case .success(.header(let name, let value)):
            return ExtraHeader(name: name, value: String(decoding: bytes[value], as: UTF8.self))
        }
    }
}
