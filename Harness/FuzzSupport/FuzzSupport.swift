// Shared plumbing for the libFuzzer targets (FuzzJSONRPC, FuzzSanitizer, FuzzArguments, FuzzConfig).
//
// Each target defines `LLVMFuzzerTestOneInput` and two entry points:
//  - built with `-sanitize=fuzzer -DFUZZING` (scripts/fuzz): `<Target>_main` hands control to
//    libFuzzer's driver. SwiftPM links Linux executables with `--defsym main=<Target>_main`
//    (so tests can link executables), which makes libFuzzer's own `main` unreachable; the
//    driver is therefore started through `LLVMFuzzerRunDriver`, libFuzzer's documented API for
//    programs that own `main`.
//  - built normally (`swift build`): a `@main` that replays files or directories of inputs
//    through the same function, so the targets always compile and the corpus doubles as a
//    regression test: `.build/debug/FuzzJSONRPC Tests/FuzzCorpus/FuzzJSONRPC`.

#if canImport(Glibc)
    import Glibc
#endif

/// libFuzzer's callback type (`int LLVMFuzzerTestOneInput(const uint8_t *, size_t)`).
package typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// The fuzz input as a buffer (libFuzzer may pass a dangling pointer with size 0).
@inline(__always)
package func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    guard let data, size > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: data, count: size)
}

/// Reports a broken invariant and crashes, so libFuzzer records the input as a crash artifact.
/// `fatalError` keeps its message in optimized builds (unlike `precondition`).
package func fuzzFailure(_ target: String, _ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    let text = "\n==\(target)== invariant violated at \(file):\(line): \(message)\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    fatalError("\(target): \(message)", file: file, line: line)
}

/// `haystack` contains `needle` as a byte sequence.
package func containsBytes(_ haystack: some Collection<UInt8>, _ needle: some Collection<UInt8>) -> Bool {
    let h = Array(haystack)
    let n = Array(needle)
    guard !n.isEmpty else { return true }
    guard h.count >= n.count else { return false }
    var i = 0
    while i <= h.count - n.count {
        if h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) { return true }
        i += 1
    }
    return false
}

/// One line to stderr.
package func fuzzLog(_ message: String) {
    let text = message + "\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}

/// Whether an environment variable is set to a non-empty value other than "0".
package func fuzzFlag(_ name: String) -> Bool {
    guard let raw = getenv(name) else { return false }
    let value = String(cString: raw)
    return !value.isEmpty && value != "0"
}

/// Known, reported findings that a target should step over (so fuzzing can go on until they are
/// fixed): FUZZ_KNOWN is a comma-separated list of names, or "all". Without it every finding
/// is a crash.
package func fuzzKnown(_ name: String) -> Bool {
    guard let raw = getenv("FUZZ_KNOWN") else { return false }
    let names = String(cString: raw).split(separator: ",").map { $0.trimmingCharacters() }
    return names.contains(name) || names.contains("all")
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// Prints a note once per key (for findings that are reported rather than treated as crashes).
package final class FuzzNotes: @unchecked Sendable {
    private var seen: Set<String> = []
    package init() {}
    package func once(_ key: String, _ message: String) {
        guard !seen.contains(key) else { return }
        seen.insert(key)
        fuzzLog("NOTE: \(message)")
    }
}

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    private func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: FuzzCallback
    ) -> CInt

    /// Runs libFuzzer's driver with the process arguments; returns its exit status.
    package func runLibFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ callback: FuzzCallback) -> CInt {
        var count = argc
        var vector = argv
        return LLVMFuzzerRunDriver(&count, &vector, callback)
    }
#endif

/// Replays inputs without libFuzzer: every file named on the command line, and every regular
/// file directly inside a directory named there. `-runs=N` replays each input N times (for
/// races); other arguments starting with "-" are ignored (so a libFuzzer command line can be
/// reused). Returns normally when every input ran; a broken
/// invariant crashes as it would under the fuzzer, and so does an unreadable path.
/// (Diagnostics go to stderr: the source rules keep stdout and process exits to the Fortress.)
package enum FuzzReplay {
    package static func main(_ target: String, _ callback: FuzzCallback) {
        signal(SIGPIPE, SIG_IGN)
        let paths = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }
        let runs = CommandLine.arguments.compactMap { $0.hasPrefix("-runs=") ? Int($0.dropFirst("-runs=".count)) : nil }.last ?? 1
        if paths.isEmpty {
            fuzzLog("usage: \(target) FILE|DIR...  (replays inputs; scripts/fuzz builds and runs the fuzzer)")
            return
        }
        var files: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { fatalError("\(target): cannot read \(path)") }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                files += directoryFiles(path)
            } else {
                files.append(path)
            }
        }
        for file in files {
            guard let bytes = readFile(file) else { fatalError("\(target): cannot read \(file)") }
            for _ in 0..<max(runs, 1) {
                let status = bytes.withUnsafeBufferPointer { buffer in
                    callback(buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count)
                }
                if status != 0 { fuzzLog("\(target): \(file) returned \(status)") }
            }
        }
        fuzzLog("\(target): replayed \(files.count) input(s)\(runs > 1 ? " \(runs) times each" : ""), no invariant violated")
    }

    static func directoryFiles(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            var info = stat()
            if stat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { names.append(full) }
        }
        return names.sorted()
    }

    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            result += chunk[0..<n]
        }
        return result
    }
}
