internal import Coolify
internal import Fortress
internal import Runtime

#if canImport(Glibc)
    import Glibc
#endif

/// Diagnostics on stderr: one line each, never a secret (stdout belongs to the protocol).
enum Diagnostics {
    static func line(_ text: String) {
        write("coolify-mcp: " + text + "\n", to: 2)
    }

    /// Writes all of `text` to a descriptor (stdout only for --help-style answers).
    static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, base + offset, raw.count - offset)
                if written <= 0 { if errno == EINTR { continue }; return }
                offset += written
            }
        }
    }

    /// Configuration mistakes end startup with EX_CONFIG.
    static let configurationExitCode: Int32 = 78
    /// The security core could not do its job; refusing to run is the safe answer.
    static let fortressExitCode: Int32 = 71

    /// Ends startup: the error's sentence on stderr, and its exit code.
    static func fail(_ error: StartupError) -> Never {
        switch error {
        case .configuration(let error):
            line("error: \(error.description)")
            ProcessExit.now(configurationExitCode)
        case .fortress(let error):
            line("error: \(error.description)")
            ProcessExit.now(error.code.isConfigurationMistake ? configurationExitCode : fortressExitCode)
        }
    }
}

/// Why startup stopped: a configuration mistake, or the security core refusing to run.
enum StartupError: Error {
    case configuration(CoolifyConfigError)
    case fortress(FortressError)

    /// Runs a step that may fail with a configuration mistake.
    static func configuration<T>(_ step: () throws(CoolifyConfigError) -> T) throws(StartupError) -> T {
        do { return try step() } catch { throw .configuration(error) }
    }

    /// Runs a step of the security core.
    static func fortress<T>(_ step: () throws(FortressError) -> T) throws(StartupError) -> T {
        do { return try step() } catch { throw .fortress(error) }
    }
}
