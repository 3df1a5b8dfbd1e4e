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
                if entry.pointee.d_type == UInt8(DT_DIR) { walk(path) } else if name.hasSuffix(".swift") || name.hasSuffix(".c") {
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
        for file in Self.swiftFiles() where !file.path.contains("/CFortress/") && !file.path.contains("/Fortress/")
            && !file.path.contains("/CSandboxProbe/") {
            for pattern in [" exit(", "_exit(", "abort()", "Glibc.exit("] {
                #expect(!file.text.contains(pattern), "\(file.path) calls \(pattern)")
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
