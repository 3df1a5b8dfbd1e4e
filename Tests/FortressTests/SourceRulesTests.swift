import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Rules about the source tree that the compiler cannot check.
@Suite struct SourceRulesTests {
    static let sources: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) }
        return path + "/Sources"
    }()

    static func swiftFiles() -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        func walk(_ directory: String) {
            guard let dir = opendir(directory) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name.hasPrefix(".") { continue }
                let path = directory + "/" + name
                if entry.pointee.d_type == UInt8(DT_DIR) {
                    walk(path)
                } else if name.hasSuffix(".swift") || name.hasSuffix(".c") {
                    files.append((path, readFileText(path)))
                }
            }
        }
        walk(sources)
        return files
    }

    @Test func theTokenIsExposedInOnePlace() {
        let users = Self.swiftFiles().filter { $0.text.contains("exposeBytes") }.map { $0.path.split(separator: "/").last.map(String.init) ?? "" }
        #expect(Set(users) == ["SecretBuffer.swift", "Credential.swift"], "exposeBytes used in \(users)")
        let credential = Self.swiftFiles().first { $0.path.hasSuffix("Credential.swift") }?.text ?? ""
        #expect(credential.components(separatedBy: ".exposeBytes").count - 1 == 1)
    }

    @Test func theTokenVariableIsReadInOneFile() {
        // Read by the startup constructor (C); named for messages by TokenSource.
        let users = Self.swiftFiles().filter { $0.text.contains("\"COOLIFY_ACCESS_TOKEN") }
        #expect(users.map(\.path).allSatisfy { $0.hasSuffix("TokenSource.swift") || $0.hasSuffix("CFortress/startup.c") }, "\(users.map(\.path))")
    }

    @Test func onlyTheFortressEndsTheProcess() {
        // The security core owns the exit; the test-only probe's forked children _exit by design.
        for file in Self.swiftFiles()
        where !file.path.contains("/CFortress/") && !file.path.contains("/Fortress/")
            && !file.path.contains("/CSandboxProbe/")
        {
            for pattern in [" exit(", "_exit(", "abort()", "Glibc.exit("] {
                #expect(!file.text.contains(pattern), "\(file.path) calls \(pattern)")
            }
        }
    }

    /// The shipped modules' code lines, comments dropped (a comment may name what it avoids).
    static func shippedCode() -> [(path: String, lines: [Substring])] {
        swiftFiles().filter { file in
            file.path.hasSuffix(".swift") && !["/Fuzz", "/SandboxProbe/"].contains { file.path.contains($0) }
        }.map { file in
            (file.path, file.text.split(separator: "\n").filter { !$0.drop { $0 == " " }.hasPrefix("//") })
        }
    }

    /// Rules that held only by habit. Each pattern names why it is refused.
    static let forbiddenInShippedCode: [(pattern: String, why: String)] = [
        ("Task.sleep(", "wakes Dispatch's worker pool, which the sandbox keeps idle; pause on an event-loop timer"),
        ("Thread.sleep(", "blocks a thread; pause on an event-loop timer"),
        ("DispatchQueue", "Dispatch's worker threads read /proc, which the sandbox refuses"),
        ("import Foundation", "startup time and size; the program has no use for it"),
        ("try!", "a failure must become an error, not a trap"),
        ("fatalError(", "a failure must become an error, not a trap"),
    ]

    @Test func shippedCodeAvoidsWhatTheSandboxOrTheStartupForbids() {
        for file in Self.shippedCode() {
            for rule in Self.forbiddenInShippedCode {
                let hits = file.lines.filter { $0.contains(rule.pattern) }
                #expect(hits.isEmpty, "\(file.path) uses \(rule.pattern): \(rule.why)")
            }
        }
    }

    /// Task.sleep wakes Dispatch's worker pool, which the sandbox keeps idle (its monitor reads
    /// /proc/<tid>/stat and crashes on purpose when refused): waits run on event-loop timers.
    @Test func nothingSleepsThroughDispatch() {
        for file in Self.swiftFiles() where file.path.hasSuffix(".swift") {
            #expect(!Self.code(file.text).contains("Task.sleep"), "\(file.path) uses Task.sleep")
        }
    }

    /// Tools read arguments and Coolify's answers: a bad value is a tool error, never a trap
    /// (a trap ends the process and every session with it).
    @Test func toolsNeverTrapOnInput() {
        for file in Self.swiftFiles() where file.path.contains("/Sources/Tools/") {
            let code = Self.code(file.text)
            for pattern in ["try!", "as!", "fatalError(", "precondition(", "preconditionFailure(", "unsafelyUnwrapped"] {
                #expect(!code.contains(pattern), "\(file.path) uses \(pattern)")
            }
            // A force-unwrap after a call or a subscript; `!=` is a comparison.
            for pattern in [")!", "]!"] {
                let unwraps = code.components(separatedBy: pattern).count - code.components(separatedBy: pattern + "=").count
                #expect(unwraps == 0, "\(file.path) force-unwraps (\(pattern))")
            }
        }
    }

    @Test func environmentIsReadOnlyWhereConfigurationIsRead() {
        // Every variable is read before the sandbox, in these files; the token's only in TokenSource.
        let readers: Set<String> = ["TokenSource.swift", "Configuration.swift"]
        for file in Self.shippedCode() where file.lines.contains(where: { $0.contains("getenv(") }) {
            let name = file.path.split(separator: "/").last.map(String.init) ?? ""
            #expect(readers.contains(name), "\(file.path) reads the environment")
        }
    }

    @Test func oneHTTPClientForTheOneOrigin() {
        let makers = Self.shippedCode().filter { $0.lines.contains { $0.contains("HTTPClient(") } }.map(\.path)
        #expect(makers.count == 1 && makers.allSatisfy { $0.hasSuffix("/CoolifyClient.swift") }, "\(makers)")
    }

    @Test func processMachineryLivesInRuntime() {
        // Threads, timers, the executor hook and signal masks in one module, so the sandbox's
        // assumptions about them (one thread at lockdown, no Dispatch workers) are checked in one place.
        for pattern in ["pthread_create(", "scheduleTask(", "CTaskHook_install(", "sigwait(", "pthread_sigmask("] {
            let users = Self.shippedCode().filter { $0.lines.contains { $0.contains(pattern) } }.map(\.path)
            #expect(users.allSatisfy { $0.contains("/Sources/Runtime/") }, "\(pattern) outside Runtime: \(users)")
        }
    }

    @Test func toolsReachCoolifyOnlyThroughDeclaredEndpoints() {
        // One place turns a declaration into a request; handlers call Invocation.send, which
        // refuses an endpoint their action does not declare.
        for file in Self.shippedCode() where file.path.contains("/Sources/Tools/") && !file.path.hasSuffix("/CatalogueHost.swift") {
            for pattern in ["CoolifyRequest(", "coolify.send(", "APIPath("] {
                #expect(!file.lines.contains { $0.contains(pattern) }, "\(file.path) uses \(pattern)")
            }
        }
    }

    /// The text before `//` on each line (a `//` inside a string literal hides the rest of its
    /// line: the rules may miss there, never see a comment as code).
    static func code(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let range = line.firstRange(of: "//") else { return String(line) }
            return String(line[..<range.lowerBound])
        }.joined(separator: "\n")
    }

    @Test func theProtocolLayerKnowsNothingOfCoolifyOrSecrets() {
        // MCPWire takes the OutputFilter it is given; Package.swift gives it JSON and Runtime
        // only, and this keeps it from importing what Runtime reaches (the security core).
        for file in Self.shippedCode() where file.path.contains("/Sources/MCPWire/") {
            for module in ["Fortress", "Redaction", "Coolify", "Tools"] {
                #expect(!file.lines.contains { $0.hasSuffix("import \(module)") }, "\(file.path) imports \(module)")
            }
        }
    }

    @Test func nothingPrintsToStdout() {
        for file in Self.swiftFiles() {
            let lines = file.text.split(separator: "\n").filter {
                let line = $0.drop { $0 == " " }
                return line.hasPrefix("print(") || line.hasPrefix("debugPrint(") || line.hasPrefix("dump(")
            }
            #expect(lines.isEmpty, "\(file.path) prints to stdout")
        }
    }
}

extension String {
    func components(separatedBy separator: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}
