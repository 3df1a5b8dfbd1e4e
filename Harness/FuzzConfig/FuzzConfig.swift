// FuzzConfig: COOLIFY_BASE_URL parsing (CoolifyOrigin) and --header parsing (ExtraHeader).
//
// Per input, the input as text (invalid UTF-8 replaced), whole and line by line:
//  - CoolifyOrigin(parsing:) either refuses, or yields an origin with no '@', no whitespace or
//    control byte and nothing after the authority; scheme https, or http for a loopback host
//    only; port in 1...65535; a base path ending in /api/v1; `url(p)` = origin + basePath + p;
//    and parsing `origin + basePath` again gives the same value. Refusal messages never echo
//    the input (a credential may be in it): they must not contain an '@'-holding part of it.
//  - ExtraHeader.parse either refuses, returns nil for a reserved name (authorization,
//    content-type), or yields a name of RFC 9110 token bytes and a value without CR, LF, NUL or
//    other controls (tab allowed); input holding CR, LF or NUL is always refused.

internal import Coolify
internal import FuzzSupport

#if canImport(Glibc)
    import Glibc
#endif

private let target = "FuzzConfig"

private func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return true
    default:
        return "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
}

private func checkOrigin(_ text: String) {
    let parsed: CoolifyOrigin
    do {
        parsed = try CoolifyOrigin(parsing: text)
    } catch {
        // A refusal names the variable, never its value.
        for word in text.split(whereSeparator: { $0 == " " || $0 == "/" }) where word.contains("@") && word.count >= 3 {
            if error.description.contains(word) { fuzzFailure(target, "CoolifyOrigin error echoes the input: \(String(reflecting: error.description))") }
        }
        return
    }
    let origin = parsed.origin
    let bytes = Array(origin.utf8)
    if bytes.contains(UInt8(ascii: "@")) { fuzzFailure(target, "origin \(String(reflecting: origin)) contains '@'") }
    if bytes.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { fuzzFailure(target, "origin contains whitespace or a control byte") }
    guard parsed.scheme == "https" || (parsed.scheme == "http" && parsed.isLoopback) else {
        fuzzFailure(target, "origin \(String(reflecting: origin)) uses \(parsed.scheme) for a non-loopback host")
    }
    let prefix = parsed.scheme + "://"
    guard origin.hasPrefix(prefix) else { fuzzFailure(target, "origin does not start with its scheme") }
    if origin.dropFirst(prefix.count).contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
        fuzzFailure(target, "origin \(String(reflecting: origin)) has something after the authority")
    }
    if !(1...65535).contains(parsed.port) { fuzzFailure(target, "port \(parsed.port) out of range") }
    if parsed.host.isEmpty || parsed.host != parsed.host.lowercased() { fuzzFailure(target, "host is empty or not lower-case") }
    if !parsed.basePath.hasPrefix("/") || !parsed.basePath.hasSuffix("/api/v1") { fuzzFailure(target, "basePath \(String(reflecting: parsed.basePath))") }
    if parsed.url("/applications") != origin + parsed.basePath + "/applications" { fuzzFailure(target, "url() is not origin + basePath + path") }
    do {
        let again = try CoolifyOrigin(parsing: origin + parsed.basePath)
        if again != parsed { fuzzFailure(target, "re-parsing \(String(reflecting: origin + parsed.basePath)) gives a different origin") }
    } catch {
        fuzzFailure(target, "re-parsing \(String(reflecting: origin + parsed.basePath)) fails: \(error)")
    }
}

private func checkHeader(_ text: String) {
    let header: ExtraHeader?
    do {
        header = try ExtraHeader.parse(text)
    } catch {
        return
    }
    if text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
        fuzzFailure(target, "ExtraHeader.parse accepted input holding CR, LF or NUL")
    }
    guard let header else {
        let name = text.prefix(while: { $0 != ":" }).trimmingCharacters(in: " \t")
        if !ExtraHeader.reserved.contains(name.lowercased()) { fuzzFailure(target, "ExtraHeader.parse returned nil for a name that is not reserved") }
        return
    }
    if header.name.isEmpty || !header.name.utf8.allSatisfy(isTokenByte) { fuzzFailure(target, "header name \(String(reflecting: header.name)) is not a token") }
    if ExtraHeader.reserved.contains(header.name.lowercased()) { fuzzFailure(target, "reserved header \(header.name) accepted") }
    for part in [header.name, header.value] where part.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
        fuzzFailure(target, "parsed header holds CR, LF or NUL")
    }
    if header.value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) { fuzzFailure(target, "header value holds a control byte") }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
    checkOrigin(text)
    checkHeader(text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    if lines.count > 1 {
        for line in lines.prefix(16) {
            checkOrigin(String(line))
            checkHeader(String(line))
        }
    }
    return 0
}

#if FUZZING
    @_cdecl("FuzzConfig_main")
    func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        runLibFuzzer(argc, argv, fuzzOneInput)
    }
#else
    @main enum Replay {
        static func main() { FuzzReplay.main(target, fuzzOneInput) }
    }
#endif
