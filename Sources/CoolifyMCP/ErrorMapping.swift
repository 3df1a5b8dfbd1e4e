internal import Coolify
internal import Fortress
internal import Runtime

#if canImport(Glibc)
import Glibc
#endif

/// Diagnostics on stderr: one line each, never a secret (stdout belongs to the protocol).
enum Diagnostics {
    static func line(_ text: String) {
        let bytes = Array(("coolify-mcp: " + text + "\n").utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(2, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { if errno == EINTR { continue }; return }
                offset += written
            }
        }
    }

    /// Configuration mistakes end startup with EX_CONFIG.
    static let configurationExitCode: Int32 = 78
    /// The security core could not do its job; refusing to run is the safe answer.
    static let fortressExitCode: Int32 = 71

    static func fail(_ error: any Error) -> Never {
        switch error {
        case let error as CoolifyConfigError:
            line("error: \(error.description)")
            ProcessExit.now(configurationExitCode)
        case let error as FortressError:
            line("error: \(error.description)")
            ProcessExit.now(error.code.isConfigurationMistake ? configurationExitCode : fortressExitCode)
        default:
            line("error: startup failed (\(String(describing: type(of: error))))")
            ProcessExit.now(fortressExitCode)
        }
    }
}
