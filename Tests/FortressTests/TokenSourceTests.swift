@testable import Fortress
import MCPWire
import Testing

#if canImport(Glibc)
    import Glibc
    import Redaction
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
        // JSON escaping changes these bytes, and the output filter matches the raw ones.
        ("1|abc\"def", "quote"), ("1|abc\\def", "backslash"),
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

/// The constructor's capture, run on arrays each test builds. One suite, serialized: the
/// capture's outcome is process-wide.
@Suite(.serialized) struct StartupCaptureTests {
    /// Captures `environment` (and `arguments` after the program name), then reads the token.
    static func token(_ environment: [String], arguments: [String] = []) throws(FortressError) -> SecretBuffer {
        StartupCapture.run(arguments: ["coolify-mcp"] + arguments, environment: environment)
        return try TokenSource.read()
    }

    static func credential(_ environment: [String], arguments: [String] = []) throws(FortressError) -> Credential {
        StartupCapture.run(arguments: ["coolify-mcp"] + arguments, environment: ["COOLIFY_ACCESS_TOKEN=5|tok"] + environment)
        return try Credential(token: TokenSource.read(), headerLines: TokenSource.readHeaders())
    }

    // ---- The token file ----

    @Test func readsOwnerOnlyFileAndStripsOneNewline() throws {
        let path = temporaryFile("3|secret-from-file\n", mode: 0o600)
        defer { unlink(path) }
        let buffer = try Self.token(["COOLIFY_ACCESS_TOKEN_FILE=\(path)"])
        #expect(tokenText(buffer) == "3|secret-from-file")
        #expect(buffer.count == 18)
    }

    @Test func keepsTheTokenWithoutNewline() throws {
        let path = temporaryFile("plain-token", mode: 0o400)
        defer { unlink(path) }
        #expect(tokenText(try Self.token(["COOLIFY_ACCESS_TOKEN_FILE=\(path)"])) == "plain-token")
    }

    @Test func twoNewlinesAreAnError() {
        let path = temporaryFile("tok\n\n", mode: 0o600)
        defer { unlink(path) }
        #expect(throws: FortressError.self) { _ = try Self.token(["COOLIFY_ACCESS_TOKEN_FILE=\(path)"]) }
    }

    @Test(arguments: [0o644 as mode_t, 0o640, 0o604, 0o660, 0o666])
    func refusesFilesReadableByOthers(_ mode: mode_t) {
        let path = temporaryFile("3|very-secret-token", mode: mode)
        defer { unlink(path) }
        do {
            _ = try Self.token(["COOLIFY_ACCESS_TOKEN_FILE=\(path)"])
            Issue.record("a file with mode \(String(mode, radix: 8)) was accepted")
        } catch {
            #expect(error.code == .filePermissions(variable: TokenSource.fileVariableName, path: path, mode: UInt32(mode) | UInt32(S_IFREG)))
            #expect(error.description.contains(path))
            #expect(error.description.contains("0" + String(mode, radix: 8)))
            #expect(!error.description.contains("very-secret-token"))
        }
    }

    @Test func aValueThatNamesNoFileIsNotShown() {
        // A token pasted into the file variable: it names nothing, so it must not be echoed.
        let pasted = "7|pastedTokenNotAPath0123456789"
        do {
            _ = try Self.token(["COOLIFY_ACCESS_TOKEN_FILE=\(pasted)"])
            Issue.record("a missing file was accepted")
        } catch {
            #expect(error.code == .fileUnreadable(variable: TokenSource.fileVariableName, path: nil, errno: ENOENT))
            #expect(!error.description.contains("pastedToken"))
            #expect(error.description.contains(TokenSource.fileVariableName))
        }
    }

    @Test func aDirectoryIsNamed() {
        do {
            _ = try Self.token(["COOLIFY_ACCESS_TOKEN_FILE=/tmp"])
            Issue.record("a directory was accepted")
        } catch {
            #expect(error.code == .fileNotRegular(variable: TokenSource.fileVariableName, path: "/tmp"))
        }
    }

    @Test func refusesEmptyFile() {
        let path = temporaryFile("\n", mode: 0o600)
        defer { unlink(path) }
        #expect(throws: FortressError.self) { _ = try Self.token(["COOLIFY_ACCESS_TOKEN_FILE=\(path)"]) }
    }

    @Test func refusesOversizedFile() {
        let path = temporaryFile(String(repeating: "a", count: SecretBuffer.capacity + 10), mode: 0o600)
        defer { unlink(path) }
        do {
            _ = try Self.token(["COOLIFY_ACCESS_TOKEN_FILE=\(path)"])
            Issue.record("an oversized file was accepted")
        } catch {
            guard case .tokenTooLong = error.code else { Issue.record("wrong error \(error)"); return }
        }
    }

    // ---- The token variable and the environment block ----

    @Test func readsTheVariableAndZeroesItsEntryInPlace() throws {
        let left = StartupCapture.run(arguments: ["coolify-mcp"], environment: ["A=1", "COOLIFY_ACCESS_TOKEN=7|from-the-environment", "B=2"])
        #expect(left.environment == ["A=1", "B=2"])
        // The entry's bytes were zeroed where they lay (what /proc/PID/environ shows).
        #expect(left.environmentStorage == ["A=1", "", "B=2"])
        #expect(tokenText(try TokenSource.read()) == "7|from-the-environment")
    }

    @Test func theFileWinsAndTheVariableIsWipedAnyway() throws {
        let path = temporaryFile("from-file", mode: 0o600)
        defer { unlink(path) }
        let left = StartupCapture.run(
            arguments: ["coolify-mcp"],
            environment: ["COOLIFY_ACCESS_TOKEN=from-variable", "COOLIFY_ACCESS_TOKEN_FILE=\(path)"])
        #expect(left.environment == ["COOLIFY_ACCESS_TOKEN_FILE=\(path)"])
        #expect(tokenText(try TokenSource.read()) == "from-file")
    }

    @Test func everyDuplicateIsWipedAndTheFirstIsRead() throws {
        // A hostile parent can pass the same name twice; getenv would see only the first.
        let left = StartupCapture.run(
            arguments: ["coolify-mcp"],
            environment: [
                "COOLIFY_ACCESS_TOKEN=one", "COOLIFY_ACCESS_TOKEN_=kept", "COOLIFY_ACCESS_TOKEN=two",
            ])
        #expect(left.environment == ["COOLIFY_ACCESS_TOKEN_=kept"])
        #expect(left.environmentStorage == ["", "COOLIFY_ACCESS_TOKEN_=kept", ""])
        #expect(tokenText(try TokenSource.read()) == "one")
    }

    @Test func missingTokenNamesTheVariable() {
        do {
            _ = try Self.token(["PATH=/bin"])
            Issue.record("no error without a token")
        } catch {
            #expect(error.code == .tokenMissing)
            #expect(error.description.contains("COOLIFY_ACCESS_TOKEN"))
        }
    }

    @Test func aTokenWithAQuoteIsRefusedWithoutEcho() {
        do {
            _ = try Self.token(["COOLIFY_ACCESS_TOKEN=9|abc\"defSecretPart"])
            Issue.record("a token with a quote was accepted")
        } catch {
            guard case .tokenMalformed = error.code else { Issue.record("wrong error \(error)"); return }
            #expect(!error.description.contains("defSecretPart"))
        }
    }

    // ---- --header in argv ----

    @Test func headerValuesAreTakenAndZeroedInArgvOnly() throws {
        let arguments = [
            "coolify-mcp", "--header", "X-A: secret-value-1", "--header=X-B: secret-value-2", "--tools",
            "X-C: not-a-header", "--headers", "X-D: nor-this", "--timeout=5",
        ]
        let left = StartupCapture.run(arguments: arguments, environment: ["COOLIFY_ACCESS_TOKEN=5|tok"])
        #expect(
            left.arguments == [
                "coolify-mcp", "--header", "X-A:", "--header=X-B:", "--tools", "X-C: not-a-header",
                "--headers", "X-D: nor-this", "--timeout=5",
            ])
        let credential = try Credential(token: TokenSource.read(), headerLines: TokenSource.readHeaders())
        #expect(credential.headerFields().map { "\($0.name)=\($0.value)" } == ["X-A=secret-value-1", "X-B=secret-value-2"])
    }

    @Test func anArgumentWithoutAColonIsZeroedWhole() {
        let left = StartupCapture.run(arguments: ["coolify-mcp", "--header", "7|pasted-secret"], environment: [])
        #expect(left.arguments == ["coolify-mcp", "--header", ""])
        #expect(throws: FortressError.self) { _ = try Credential(token: TokenSource.read(), headerLines: TokenSource.readHeaders()) }
    }

    // ---- COOLIFY_HEADERS_FILE ----

    @Test func headersFileAndArgumentsTogether() throws {
        let path = temporaryFile(
            "# proxy\n\nCF-Access-Client-Id: id.access\r\nCF-Access-Client-Secret: s3cret-from-file\nAuthorization: Bearer no\n", mode: 0o600)
        defer { unlink(path) }
        let credential = try Self.credential(["COOLIFY_HEADERS_FILE=\(path)"], arguments: ["--header", "X-Short: abc"])
        #expect(
            credential.headerFields().map { "\($0.name)=\($0.value)" }
                == ["X-Short=abc", "CF-Access-Client-Id=id.access", "CF-Access-Client-Secret=s3cret-from-file"])
        #expect(credential.droppedHeaderNames == ["Authorization"])
        // The token, and each value of 8 bytes or more; "abc" would mask ordinary words.
        #expect(credential.fingerprints.count == 3)
        let redactor = TextRedactor(fingerprints: credential.fingerprints)
        var line = Array(#"{"error":"denied for s3cret-from-file and id.access, token 5|tok"}"#.utf8)
        redactor.redactSecrets(&line)
        let text = String(decoding: line, as: UTF8.self)
        #expect(!text.contains("s3cret-from-file") && !text.contains("id.access") && !text.contains("5|tok"), "\(text)")
    }

    @Test func theSecretPartOfASanctumTokenIsFilteredAloneAndWithAnEncodedBar() throws {
        // Sanctum authenticates the part after '|' by itself: an echo of it is the token too.
        let secret = "Zq4kD9sLmN2pQ7rT1vW8xY3zA6bC0eF5gH"
        StartupCapture.run(arguments: ["coolify-mcp"], environment: ["COOLIFY_ACCESS_TOKEN=42|\(secret)"])
        let credential = try Credential(token: TokenSource.read(), headerLines: TokenSource.readHeaders())
        #expect(credential.fingerprints.count == 2)
        let redactor = TextRedactor(fingerprints: credential.fingerprints)
        for echo in [secret, "42%7C\(secret)", "42&#124;\(secret)", #"42\u007c"# + secret] {
            var line = Array("{\"echo\":\"\(echo)\"}".utf8)
            redactor.redactSecrets(&line)
            #expect(!String(decoding: line, as: UTF8.self).contains(secret), "\(echo)")
        }
    }

    @Test func aShortPartAfterTheBarIsNotFingerprintedAlone() throws {
        StartupCapture.run(arguments: ["coolify-mcp"], environment: ["COOLIFY_ACCESS_TOKEN=5|tok"])
        let credential = try Credential(token: TokenSource.read(), headerLines: TokenSource.readHeaders())
        #expect(credential.fingerprints.count == 1)
    }

    @Test func aHeadersFileReadableByOthersIsRefused() {
        let path = temporaryFile("X-Key: value-long-enough\n", mode: 0o640)
        defer { unlink(path) }
        do {
            _ = try Self.credential(["COOLIFY_HEADERS_FILE=\(path)"])
            Issue.record("a group-readable headers file was accepted")
        } catch {
            #expect(error.code == .filePermissions(variable: TokenSource.headersFileVariableName, path: path, mode: 0o100640))
        }
    }

    @Test func aBadLineIsNamedByNumberWithoutItsValue() {
        let path = temporaryFile("X-Good: fine\nnot-a-header-but-a-secret\n", mode: 0o600)
        defer { unlink(path) }
        do {
            _ = try Self.credential(["COOLIFY_HEADERS_FILE=\(path)"])
            Issue.record("a line without a colon was accepted")
        } catch {
            #expect(error.description.contains("COOLIFY_HEADERS_FILE line 2"), "\(error.description)")
            #expect(!error.description.contains("not-a-header-but-a-secret"))
        }
    }

    @Test(arguments: ["X-K: long\"enough-value", "X-K: long\\enough-value", "X-K: long\tenough-value", "X-K: long-enough-välue"])
    func aFingerprintedValueTheFilterCouldMissIsRefused(_ header: String) {
        #expect(throws: FortressError.self) { _ = try Self.credential([], arguments: ["--header", header]) }
    }

    // ---- Harmless where there is nothing to take ----

    @Test func actsOnlyWhenASecretSourceIsPresent() {
        #expect(
            !StartupCapture.wouldAct(
                arguments: ["runner", "--filter", "X", "--headers", "v", "--header-x=1"],
                environment: ["PATH=/bin", "HOME=/root", "COOLIFY_BASE_URL=https://x", "COOLIFY_ACCESS_TOKENS=x"]))
        #expect(StartupCapture.wouldAct(arguments: ["x"], environment: ["COOLIFY_ACCESS_TOKEN="]))
        #expect(StartupCapture.wouldAct(arguments: ["x"], environment: ["COOLIFY_HEADERS_FILE=/f"]))
        #expect(StartupCapture.wouldAct(arguments: ["x", "--header=a: b"], environment: []))
        #expect(StartupCapture.wouldAct(arguments: ["x", "--header", "a: b"], environment: []))
    }

    @Test func theConstructorRanAndLeftThisProcessAlone() {
        // This test process was started without a token, a headers file or --header (unless a
        // developer exported COOLIFY_ACCESS_TOKEN): the constructor ran and changed nothing.
        let state = StartupCapture.constructorState
        #expect(state != .notRun, "the constructor did not run")
        if state == .leftAlone {
            #expect(Hardening.isDumpable)
        }
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
