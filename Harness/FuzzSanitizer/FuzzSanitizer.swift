// FuzzSanitizer: the response-boundary Sanitizer and the free-text TextRedactor.
//
// Per input:
//  - the input as text (invalid UTF-8 replaced) through TextRedactor: the token never survives
//    `redact` or `redactSecrets` (String and byte forms); the body of every well-formed
//    "-----BEGIN ... PRIVATE KEY-----" block is gone; and `redact` is idempotent: a second
//    pass finding something to redact would mean the first pass left a secret pattern behind;
//  - the input as JSON (invalid UTF-8 replaced, depth up to 300, past the sanitizer's own
//    256-level guard) through `Sanitizer().sanitize` and through a sanitizer that knows the
//    token, with reveal false and true. The output mirrors the input: every field whose name
//    classifies as secret (always, or revealable without reveal) holds "***" unless its value is
//    null, a boolean or "" (never a non-empty value); fields everyone would call secret
//    ("password", "token", "private_key", ...) are checked against a fixed list as well; strings
//    pass `redact` (or only `redactSecrets` under reveal) after every copy of a masked field's
//    value (6+ bytes) is masked, checked against a quadratic reference; base64 text with a
//    secret inside becomes "***"; the token appears nowhere; a second sanitize pass changes
//    nothing;
//  - a log frame's end line survives whatever precedes it (a cut private key included).

internal import FuzzSupport
internal import Fortress
internal import JSON
internal import MCPWire
internal import Coolify

#if canImport(Glibc)
    import Glibc
    import Redaction
#endif

private let target = "FuzzSanitizer"
private let token = "zq7Xk2Lm9Pw4Vb8N"

private let fingerprint: SecretFingerprint = {
    var bytes = Array(token.utf8)
    return bytes.withUnsafeMutableBytes { SecretFingerprint(bytes: UnsafeRawBufferPointer($0)) }
}()

private let plainRedactor = TextRedactor()
private let tokenRedactor = TextRedactor(fingerprints: [fingerprint])
private let sanitizers: [(name: String, sanitizer: Sanitizer, redactor: TextRedactor)] = [
    ("Sanitizer()", Sanitizer(fields: CoolifyFieldRules()), plainRedactor),
    ("Sanitizer(token)", Sanitizer(redactor: tokenRedactor, fields: CoolifyFieldRules()), tokenRedactor),
]

/// Names any reviewer would call secret, independent of SecretKeys' rules: masked even under reveal.
private let alwaysSecretNames: Set<String> = [
    "private_key", "token", "api_token", "access_token", "refresh_token", "secret", "client_secret",
    "app_secret", "webhook_secret", "secret_key", "smtp_password", "sentinel_token", "api_key", "apikey",
]
/// ... and masked unless reveal is true.
private let revealableSecretNames: Set<String> = [
    "password", "db_password", "postgres_password", "http_basic_auth_password", "value", "real_value",
    "internal_db_url", "external_db_url", "database_url", "passwd",
]

// MARK: - Text

/// FUZZ_KNOWN=pem-footer: step over private-key findings (see pemBodies), so the rest can be
/// fuzzed until the footer search is fixed.
private let tolerantPEM = fuzzKnown("pem-footer")
private let notes = FuzzNotes()

private func checkText(_ text: String) {
    for redactor in [plainRedactor, tokenRedactor] {
        let once = redactor.redact(text)
        let twice = redactor.redact(once)
        if twice != once {
            if tolerantPEM && (once.contains("PRIVATE KEY") || twice.contains("PRIVATE KEY")) {
                notes.once("pem-idempotence", "known issue pem-footer skipped (FUZZ_KNOWN): redact not idempotent around a private-key block")
                continue
            }
            fuzzFailure(target, "redact is not idempotent: redact(x) = \(debug(once)), redact(redact(x)) = \(debug(twice))")
        }
    }
    let redacted = tokenRedactor.redact(text)
    if redacted.contains(token) { fuzzFailure(target, "the token survived redact") }
    if tokenRedactor.redactSecrets(text).contains(token) { fuzzFailure(target, "the token survived redactSecrets(String)") }

    checkFrameEnds(text, plainRedactor.redact(text))

    // Every well-formed private-key block loses its body.
    let input = Array(text.utf8)
    let output = Array(plainRedactor.redact(text).utf8)
    for body in pemBodies(input) where containsBytes(output, body) {
        if tolerantPEM {
            notes.once("pem-body", "known issue pem-footer skipped (FUZZ_KNOWN): a private-key body survived redact")
            continue
        }
        fuzzFailure(
            target,
            "the body of a well-formed private-key block survived redact: \(debug(String(decoding: body, as: UTF8.self))) in \(debug(String(decoding: output, as: UTF8.self)))"
        )
    }
}

private let begin = Array("-----BEGIN ".utf8)
private let end = Array("-----END ".utf8)
private let dashes = Array("-----".utf8)
private let markers = ["[REDACTED PRIVATE KEY]", "[REDACTED]", TextRedactor.mask]

private func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard start <= haystack.count - needle.count else { return nil }
    var i = start
    while i <= haystack.count - needle.count {
        if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        i += 1
    }
    return nil
}

/// Bodies of well-formed blocks "-----BEGIN <L>-----<body>-----END <L>-----" with L of
/// [A-Z0-9 ] ending in "PRIVATE KEY" (or "PRIVATE KEY BLOCK"), body of base64 and line breaks
/// (what a key holds; the redactor ends a block at the first other line), that are 8+ bytes,
/// occur nowhere else in the text and are not part of a redaction marker: none may reach the
/// output.
private func pemBodies(_ bytes: [UInt8]) -> [[UInt8]] {
    var bodies: [[UInt8]] = []
    var i = 0
    while let start = find(begin, in: bytes, from: i) {
        i = start + 1
        guard let labelEnd = find(dashes, in: bytes, from: start + begin.count) else { break }
        let label = Array(bytes[(start + begin.count)..<labelEnd])
        guard label.count >= 11, label.suffix(11).elementsEqual("PRIVATE KEY".utf8) || label.hasSuffixBytes("PRIVATE KEY BLOCK"),
            label.allSatisfy({ (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x20 })
        else { continue }
        let bodyStart = labelEnd + dashes.count
        guard let footer = find(end, in: bytes, from: bodyStart), find(dashes, in: bytes, from: bodyStart) == footer else { continue }
        let closing = label + dashes
        let after = footer + end.count
        guard bytes.count - after >= closing.count, bytes[after..<(after + closing.count)].elementsEqual(closing) else { continue }
        let body = Array(bytes[bodyStart..<footer])
        guard body.count >= 8, body.allSatisfy(isBodyByte) else { continue }
        let rest = Array(bytes[..<start]) + Array(bytes[(after + closing.count)...])
        guard !containsBytes(rest, body), !containsBytes(Array(label), body),
            !markers.contains(where: { containsBytes(Array($0.utf8), body) })
        else { continue }
        bodies.append(body)
    }
    return bodies
}

private func isBodyByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="), 0x0A: true
    default: false
    }
}

extension Array where Element == UInt8 {
    fileprivate func hasSuffixBytes(_ suffix: String) -> Bool {
        count >= suffix.utf8.count && self.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }
}

/// A log frame's end line ("END UNTRUSTED DATA <hex id>" alone on its line) survives redaction
/// whatever comes before it: a cut key hides its own body only.
private func checkFrameEnds(_ text: String, _ output: String) {
    let outputLines = Set(output.split(separator: "\n", omittingEmptySubsequences: false))
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix("END UNTRUSTED DATA ") {
        let id = line.dropFirst("END UNTRUSTED DATA ".count)
        guard !id.isEmpty, id.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { continue }
        if !outputLines.contains(line) { fuzzFailure(target, "a frame end line was redacted: \(debug(String(line)))") }
    }
}

private func checkBytes(_ input: UnsafeBufferPointer<UInt8>) {
    var bytes = Array(input)
    tokenRedactor.redactSecrets(&bytes)
    if containsBytes(bytes, token.utf8) { fuzzFailure(target, "the token survived redactSecrets(bytes)") }
}

private func debug(_ text: String) -> String {
    String(reflecting: String(text.unicodeScalars.prefix(300)))
}

// MARK: - JSON

private func masked(_ value: JSONValue) -> JSONValue {
    switch value {
    case .null, .bool, .string(""): value
    default: .string(TextRedactor.mask)
    }
}

/// The values of the fields the sanitizer must mask, collected independently of it (same
/// depth counting, same bounds as ResponseSecrets).
private func maskedValues(_ value: JSONValue, reveal: Bool, depth: Int, masked: Bool, into values: inout [[UInt8]]) {
    guard depth < 256 else { return }
    func add(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= ResponseSecrets.minimumLength, bytes.count <= ResponseSecrets.maximumLength,
            !TextRedactor.isPlaceholder(bytes[...])
        else { return }
        values.append(bytes)
    }
    switch value {
    case .string(let text): if masked { add(text) }
    case .number(let number): if masked { add(number.text) }
    case .array(let items): for item in items { maskedValues(item, reveal: reveal, depth: depth + 1, masked: masked, into: &values) }
    case .object(let object):
        let isStorage = object["bucket"] != nil && object["endpoint"] != nil
        for (key, child) in object {
            var secretClass = SecretKeys.classify(key)
            if key == "key" && isStorage { secretClass = .always }
            let here = masked || secretClass == .always || (secretClass == .revealable && !reveal)
            maskedValues(child, reveal: reveal, depth: depth + 1, masked: here, into: &values)
        }
    default: break
    }
}

/// Every occurrence of every value replaced by the mask, overlapping or touching ones merged:
/// the quadratic way, as a reference for the automaton.
private func maskOccurrences(_ text: String, _ values: [[UInt8]]) -> String {
    let bytes = Array(text.utf8)
    var covered = [Bool](repeating: false, count: bytes.count)
    for value in values where value.count <= bytes.count {
        for start in 0...(bytes.count - value.count) where bytes[start..<(start + value.count)].elementsEqual(value) {
            for i in start..<(start + value.count) { covered[i] = true }
        }
    }
    guard covered.contains(true) else { return text }
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
        if covered[i] {
            out.append(contentsOf: TextRedactor.mask.utf8)
            while i < bytes.count, covered[i] { i += 1 }
            continue
        }
        out.append(bytes[i])
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

/// Walks input and output in parallel (depth as Sanitizer counts it).
private func check(
    _ input: JSONValue, _ output: JSONValue, reveal: Bool, redactor: TextRedactor, depth: Int, name: String,
    values: [[UInt8]], secrets: ResponseSecrets
) {
    if depth >= 256 {
        if output != .string(TextRedactor.mask) { fuzzFailure(target, "\(name): a value below the depth guard was not masked") }
        return
    }
    switch input {
    case .string(let text):
        let masked = maskOccurrences(text, values)
        let expected =
            reveal
            ? redactor.redactSecrets(masked)
            : Sanitizer.base64HidesSecret(masked, secrets: secrets) ? TextRedactor.mask : redactor.redact(masked)
        if output != .string(expected) {
            fuzzFailure(
                target,
                "\(name) reveal=\(reveal): string not redacted as specified: \(debug(text)) -> \(debug(output.description)), expected \(debug(expected))")
        }
        if let decoded = Sanitizer.decodedConfiguration(masked), !reveal, expected != TextRedactor.mask,
            TextRedactor().redact(decoded) != decoded
        {
            fuzzFailure(target, "\(name): base64 text with a secret inside was returned")
        }
    case .array(let items):
        guard let out = output.arrayValue, out.count == items.count else { fuzzFailure(target, "\(name): array shape changed") }
        for (item, result) in zip(items, out) {
            check(item, result, reveal: reveal, redactor: redactor, depth: depth + 1, name: name, values: values, secrets: secrets)
        }
    case .object(let object):
        guard let out = output.objectValue else { fuzzFailure(target, "\(name): object became \(output)") }
        let isStorage = object["bucket"] != nil && object["endpoint"] != nil
        var safeKeyCount: [String: Int] = [:]
        for (key, _) in object { safeKeyCount[redactor.redactSecrets(key), default: 0] += 1 }
        if out.count != safeKeyCount.count { fuzzFailure(target, "\(name): object has \(out.count) fields, expected \(safeKeyCount.count)") }
        for (key, child) in object {
            let safeKey = redactor.redactSecrets(key)
            // Two names redacted to the same text share one field; the last wins. Only unshared
            // fields can be checked one by one (the token check below still covers the rest).
            guard safeKeyCount[safeKey] == 1 else { continue }
            guard let result = out[safeKey] else { fuzzFailure(target, "\(name): field \(debug(key)) disappeared") }
            var secretClass = SecretKeys.classify(key)
            if key == "key" && isStorage { secretClass = .always }
            let lower = key.lowercased()
            let mustMask =
                secretClass == .always || (secretClass == .revealable && !reveal)
                || alwaysSecretNames.contains(lower) || (!reveal && revealableSecretNames.contains(lower))
            if mustMask {
                if result != masked(child) {
                    fuzzFailure(target, "\(name) reveal=\(reveal): field \(debug(key)) (\(secretClass)) holds \(debug(result.description)) instead of a mask")
                }
            } else {
                check(child, result, reveal: reveal, redactor: redactor, depth: depth + 1, name: name, values: values, secrets: secrets)
            }
        }
    default:
        if output != input { fuzzFailure(target, "\(name): scalar changed") }
    }
}

/// No key or string anywhere contains the token.
private func checkNoToken(_ value: JSONValue) {
    switch value {
    case .string(let text):
        if text.contains(token) { fuzzFailure(target, "the token survived in a string value") }
    case .array(let items):
        for item in items { checkNoToken(item) }
    case .object(let object):
        for (key, member) in object {
            if key.contains(token) { fuzzFailure(target, "the token survived in a field name") }
            checkNoToken(member)
        }
    default:
        break
    }
}

private func checkJSON(_ value: JSONValue) {
    for (name, sanitizer, redactor) in sanitizers {
        for reveal in [false, true] {
            let output = sanitizer.sanitize(value, reveal: reveal)
            var values: [[UInt8]] = []
            maskedValues(value, reveal: reveal, depth: 0, masked: false, into: &values)
            let secrets = sanitizer.collectMaskedValues(value, reveal: reveal)
            check(value, output, reveal: reveal, redactor: redactor, depth: 0, name: name, values: values, secrets: secrets)
            if redactor.redactSecrets(token) != token { checkNoToken(output) }
            if sanitizer.sanitize(output, reveal: reveal) != output {
                fuzzFailure(target, "\(name) reveal=\(reveal): sanitize is not idempotent")
            }
        }
    }
}

// MARK: - Entry points

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    checkBytes(input)
    checkText(String(decoding: input, as: UTF8.self))
    if let value = try? JSONParser.parse(buffer: input, options: JSONParser.Options(maxDepth: 300, invalidUTF8: .replace)) {
        checkJSON(value)
    }
    return 0
}

#if FUZZING
    @_cdecl("FuzzSanitizer_main")
    func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        runLibFuzzer(argc, argv, fuzzOneInput)
    }
#else
    @main enum Replay {
        static func main() { FuzzReplay.main(target, fuzzOneInput) }
    }
#endif
