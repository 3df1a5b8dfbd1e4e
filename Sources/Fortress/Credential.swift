internal import CFortress

/// The token and the extra header values, held in secret memory, and the only code that reads
/// their bytes.
///
/// `exposeBytes` of SecretBuffer is internal to this module, so no other module can reach the bytes:
/// the compiler enforces it. Inside the module it is called from `withBytes` below and nowhere
/// else (a source rule checks it). Each secret has one way out of here, the request header
/// that carries it: ``bearerHeaderValue()`` for the token, ``headerFields()`` for the header
/// values, built per request and released with it (freed heap is zeroed, see zeroing_free.c).
/// Everything else sees fingerprints, which let the output filter recognise the bytes without a copy.
package final class Credential: Sendable {
    private struct Field: Sendable {
        let name: String
        let value: Range<Int>
    }

    private let token: SecretBuffer
    private let headerLines: SecretBuffer?
    private let fields: [Field]

    /// The token's fingerprint and that of every header value long enough to be a secret.
    package let fingerprints: [SecretFingerprint]
    /// The names of headers sent with every request (names are not secret).
    package var headerNames: [String] { fields.map(\.name) }
    /// Headers given but dropped because the server sets them itself (each deserves a warning).
    package let droppedHeaderNames: [String]

    /// Below this, the part of a token after its '|' is not fingerprinted alone (too short to be
    /// a secret by itself, and it would mask ordinary text).
    static let minimumSecretPartLength = 16

    /// Takes the token and the captured header records (see ``TokenSource/readHeaders()``).
    /// Throws for a header that is not "Name: value" or whose value could not be filtered.
    package init(token: consuming SecretBuffer, headerLines: consuming SecretBuffer?) throws(FortressError) {
        var fingerprints = Self.withBytes(of: token) { bytes in
            // Coolify's tokens are Sanctum's "id|secret", and the secret alone authenticates:
            // an echo of it without the id, or with the '|' encoded (%7C, &#124;, \u007c), is
            // the token too, so it gets a fingerprint of its own.
            var prints = [SecretFingerprint(bytes: bytes)]
            if let bar = bytes.firstIndex(of: UInt8(ascii: "|")), bytes.count - bar - 1 >= Self.minimumSecretPartLength {
                prints.append(SecretFingerprint(bytes: UnsafeRawBufferPointer(rebasing: bytes[(bar + 1)...])))
            }
            return prints
        }
        var fields: [Field] = []
        var dropped: [String] = []
        switch consume headerLines {
        case .some(let lines):
            try Self.withBytes(of: lines) { (bytes) throws(FortressError) in
                for record in try Self.records(bytes) {
                    let parsed = try HeaderLine.parse(bytes, record.range, source: record.source)
                    switch parsed {
                    case .reserved(let name):
                        dropped.append(name)
                    case .header(let name, let value):
                        fields.append(Field(name: name, value: value))
                        if value.count >= HeaderLine.fingerprintedLength {
                            fingerprints.append(SecretFingerprint(bytes: UnsafeRawBufferPointer(rebasing: bytes[value])))
                        }
                    }
                }
            }
            self.headerLines = consume lines
        case .none:
            self.headerLines = nil
        }
        self.token = token
        self.fields = fields
        self.fingerprints = fingerprints
        self.droppedHeaderNames = dropped
    }

    /// "Bearer <token>", built straight into the string's storage: the token's exposure point.
    package func bearerHeaderValue() -> String {
        Self.withBytes(of: token) { token in
            let prefix: StaticString = "Bearer "
            return String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + token.count) { out in
                let base = out.baseAddress!
                base.update(from: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
                UnsafeMutableRawPointer(base + prefix.utf8CodeUnitCount).copyMemory(from: token.baseAddress!, byteCount: token.count)
                return prefix.utf8CodeUnitCount + token.count
            }
        }
    }

    /// The extra headers as (name, value), built per request: the header values' exposure point.
    package func headerFields() -> [(name: String, value: String)] {
        switch headerLines {
        case .some(let lines):
            return Self.withBytes(of: lines) { bytes in
                fields.map { ($0.name, String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0.value]), as: UTF8.self)) }
            }
        case .none:
            return []
        }
    }

    /// The program's only call of exposeBytes.
    private static func withBytes<R, E: Error>(
        of secret: borrowing SecretBuffer, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try secret.exposeBytes(body)
    }

    /// Splits the constructor's records (tag, 16-bit little-endian length, bytes) into header
    /// lines with the source each names in messages.
    private static func records(_ bytes: UnsafeRawBufferPointer) throws(FortressError) -> [(source: String, range: Range<Int>)] {
        var lines: [(String, Range<Int>)] = []
        var offset = 0
        while offset + 3 <= bytes.count {
            let tag = bytes[offset]
            let length = Int(bytes[offset + 1]) | Int(bytes[offset + 2]) << 8
            let range = (offset + 3)..<(offset + 3 + length)
            guard range.upperBound <= bytes.count else { throw FortressError(.secretMemory(errno: 22)) }
            if tag == UInt8(CFortressHeaderFromFile) {
                for line in HeaderLine.fileLines(bytes, range) {
                    lines.append(("\(TokenSource.headersFileVariableName) line \(line.number)", line.range))
                }
            } else {
                lines.append(("--header", range))
            }
            offset = range.upperBound
        }
        return lines
    }
}
