package import Fortress
package import MCPWire

/// The token, held in secret memory, and the only code that reads it.
///
/// `exposeBytes` is called from `withToken` below and nowhere else in the program (a test
/// greps for it). The header value is built per request and released with the request; glibc's
/// M_PERTURB scrubs the freed heap chunk (see Hardening).
package final class Credential: Sendable {
    private let secret: SecretBuffer
    /// Lets the text redactor find the token's bytes in hostile echoes without a copy of them.
    package let fingerprint: SecretFingerprint

    package init(_ secret: consuming SecretBuffer) {
        self.fingerprint = Self.withBytes(of: secret) { SecretFingerprint(bytes: $0) }
        self.secret = secret
    }

    private func withToken<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        Self.withBytes(of: secret, body)
    }

    /// The program's only call of exposeBytes.
    private static func withBytes<R>(of secret: borrowing SecretBuffer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        secret.exposeBytes(body)
    }

    /// "Bearer <token>", built straight into the string's storage.
    func bearerHeaderValue() -> String {
        withToken { token in
            let prefix: StaticString = "Bearer "
            return String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + token.count) { out in
                let base = out.baseAddress!
                base.update(from: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
                UnsafeMutableRawPointer(base + prefix.utf8CodeUnitCount).copyMemory(from: token.baseAddress!, byteCount: token.count)
                return prefix.utf8CodeUnitCount + token.count
            }
        }
    }
}
