@testable import Fortress
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Writes `content` to a fresh file with `mode`; returns its path.
func temporaryFile(_ content: String, mode: mode_t) -> String {
    var template = Array("/tmp/coolify-mcp-test-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    precondition(fd >= 0)
    _ = content.withCString { write(fd, $0, strlen($0)) }
    fchmod(fd, mode)
    close(fd)
    return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

func tokenText(_ buffer: borrowing SecretBuffer) -> String {
    buffer.exposeBytes { String(decoding: $0, as: UTF8.self) }
}

@Suite struct TokenValidationTests {
    func check(_ token: String) throws {
        let bytes = Array(token.utf8)
        try bytes.withUnsafeBytes { raw in try TokenSource.validate(raw, source: "T") }
    }

    @Test(arguments: ["1|abcdefABCDEF0123456789", "x", "a-b_c.d~e|f"])
    func acceptsVisibleASCII(_ token: String) throws {
        try check(token)
    }

    @Test(arguments: [
        ("ab cd", "whitespace"), ("ab\tcd", "whitespace"), ("ab\ncd", "line break"), ("ab\rcd", "line break"),
        ("${COOLIFY_TOKEN}", "unexpanded"), ("pre${X}post", "unexpanded"), ("tökén", "non-ASCII"), ("a\u{7f}b", "control"),
    ])
    func refusesMalformed(_ token: String, _ reason: String) {
        #expect {
            try check(token)
        } throws: { error in
            guard let error = error as? FortressError, case .tokenMalformed(let source, let text) = error.code else { return false }
            return source == "T" && text.contains(reason) && !error.description.contains(token)
        }
    }
}

@Suite struct TokenFileTests {
    @Test func readsOwnerOnlyFileAndStripsOneNewline() throws {
        let path = temporaryFile("3|secret-from-file\n", mode: 0o600)
        defer { unlink(path) }
        let buffer = try TokenSource.readFile(path)
        #expect(tokenText(buffer) == "3|secret-from-file")
        #expect(buffer.count == 18)
    }

    @Test func keepsTheTokenWithoutNewline() throws {
        let path = temporaryFile("plain-token", mode: 0o400)
        defer { unlink(path) }
        #expect(tokenText(try TokenSource.readFile(path)) == "plain-token")
    }

    @Test func twoNewlinesAreAnError() {
        let path = temporaryFile("tok\n\n", mode: 0o600)
        defer { unlink(path) }
        #expect(throws: FortressError.self) { _ = try TokenSource.readFile(path) }
    }

    @Test(arguments: [0o644 as mode_t, 0o640, 0o604, 0o660, 0o666])
    func refusesFilesReadableByOthers(_ mode: mode_t) {
        let path = temporaryFile("3|very-secret-token", mode: mode)
        defer { unlink(path) }
        do {
            _ = try TokenSource.readFile(path)
            Issue.record("a file with mode \(String(mode, radix: 8)) was accepted")
        } catch {
            #expect(error.code == .tokenFilePermissions(path: path, mode: UInt32(mode) | UInt32(S_IFREG)))
            #expect(error.description.contains(path))
            #expect(error.description.contains("0" + String(mode, radix: 8)))
            #expect(!error.description.contains("very-secret-token"))
        }
    }

    @Test func refusesMissingFileAndDirectory() {
        #expect(throws: FortressError.self) { _ = try TokenSource.readFile("/nonexistent/token") }
        do {
            _ = try TokenSource.readFile("/tmp")
            Issue.record("a directory was accepted")
        } catch {
            #expect(error.code == .tokenFileNotRegular(path: "/tmp") || error.code == .tokenFilePermissions(path: "/tmp", mode: 0o41777))
        }
    }

    @Test func refusesEmptyFile() {
        let path = temporaryFile("\n", mode: 0o600)
        defer { unlink(path) }
        #expect(throws: FortressError.self) { _ = try TokenSource.readFile(path) }
    }

    @Test func refusesOversizedFile() {
        let path = temporaryFile(String(repeating: "a", count: SecretBuffer.capacity + 10), mode: 0o600)
        defer { unlink(path) }
        do {
            _ = try TokenSource.readFile(path)
            Issue.record("an oversized file was accepted")
        } catch {
            guard case .tokenTooLong = error.code else { Issue.record("wrong error \(error)"); return }
        }
    }
}

@Suite(.serialized) struct EnvironmentTokenTests {
    @Test func readsTheVariableAndScrubbingRemovesIt() throws {
        setenv(TokenSource.variableName, "7|from-the-environment", 1)
        unsetenv(TokenSource.fileVariableName)
        let buffer = try TokenSource.read()
        #expect(tokenText(buffer) == "7|from-the-environment")
        #expect(Environment.scrubSecrets() == 1)
        #expect(getenv(TokenSource.variableName) == nil)
        #expect(Environment.scrubSecrets() == 0)
    }

    @Test func theFileWinsOverTheVariable() throws {
        let path = temporaryFile("from-file", mode: 0o600)
        defer { unlink(path) }
        setenv(TokenSource.variableName, "from-variable", 1)
        setenv(TokenSource.fileVariableName, path, 1)
        defer { unsetenv(TokenSource.fileVariableName); unsetenv(TokenSource.variableName) }
        #expect(tokenText(try TokenSource.read()) == "from-file")
    }

    @Test func missingTokenNamesTheVariable() {
        unsetenv(TokenSource.variableName)
        unsetenv(TokenSource.fileVariableName)
        do {
            _ = try TokenSource.read()
            Issue.record("no error without a token")
        } catch {
            #expect(error.code == .tokenMissing)
            #expect(error.description.contains("COOLIFY_ACCESS_TOKEN"))
        }
    }

    @Test func scrubRemovesEveryDuplicate() {
        // putenv adds entries without replacing, the way a hostile parent could pass a name twice.
        let first = strdup("COOLIFY_TEST_DUPLICATE=one")!
        let second = strdup("COOLIFY_TEST_DUPLICATE_=two")!
        putenv(first)
        putenv(second)
        #expect(Environment.scrubSecrets(["COOLIFY_TEST_DUPLICATE"]) == 1)
        #expect(getenv("COOLIFY_TEST_DUPLICATE") == nil)
        #expect(getenv("COOLIFY_TEST_DUPLICATE_") != nil)
        // The entry's bytes were zeroed in place.
        #expect(first.pointee == 0)
        _ = Environment.scrubSecrets(["COOLIFY_TEST_DUPLICATE_"])
    }
}

@Suite struct SecretBufferTests {
    @Test func usesMemfdSecretWhereTheKernelHasIt() throws {
        let buffer = try SecretBuffer { region in
            region.copyBytes(from: Array("abc".utf8))
            return 3
        }
        #expect(tokenText(buffer) == "abc")
        // This machine's kernel offers memfd_secret; elsewhere the locked fallback is fine.
        #expect(buffer.backing == .memfdSecret || buffer.backing == .lockedAnonymous)
        let maps = readFileText("/proc/self/maps")
        if buffer.backing == .memfdSecret {
            #expect(maps.contains("secretmem"))
        }
    }

    @Test func aFailingFillReleasesTheRegion() {
        #expect(throws: FortressError.self) {
            _ = try SecretBuffer { (_) throws(FortressError) -> Int in throw FortressError(.tokenMissing) }
        }
    }
}

func readFileText(_ path: String) -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return "" }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}
