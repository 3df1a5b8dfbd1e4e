/// Recognises one secret's bytes inside text without keeping a copy of them.
///
/// Holds the secret's length and a polynomial hash of it under a random base; the redactor
/// slides a rolling hash of the same base over text and redacts every window whose hash matches.
/// A collision can only redact harmless text, never let the secret through: equal bytes always
/// hash equal.
package struct SecretFingerprint: Sendable, Equatable {
    package let length: Int
    let base: UInt64
    let hash: UInt64
    /// base^(length-1), to remove the byte leaving the window.
    let leadingPower: UInt64

    package init(bytes: UnsafeRawBufferPointer) {
        var generator = SystemRandomNumberGenerator()
        let base = generator.next() | 1
        var hash: UInt64 = 0
        for byte in bytes { hash = hash &* base &+ UInt64(byte) }
        var power: UInt64 = 1
        for _ in 0..<max(bytes.count - 1, 0) { power = power &* base }
        self.length = bytes.count
        self.base = base
        self.hash = hash
        self.leadingPower = power
    }

    /// Start offsets of non-overlapping windows of `text` that match.
    package func matches(in text: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard length > 0, text.count >= length else { return [] }
        var found: [Int] = []
        var rolling: UInt64 = 0
        for index in 0..<length { rolling = rolling &* base &+ UInt64(text[index]) }
        var start = 0
        while true {
            if rolling == hash && (found.last.map { start >= $0 + length } ?? true) {
                found.append(start)
            }
            let next = start + length
            guard next < text.count else { break }
            rolling = (rolling &- UInt64(text[start]) &* leadingPower) &* base &+ UInt64(text[next])
            start += 1
        }
        return found
    }
}
