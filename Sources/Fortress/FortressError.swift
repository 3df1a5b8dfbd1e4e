#if canImport(Glibc)
    import Glibc
#endif

/// Failures of the security core. Descriptions name variables, paths and modes, never a secret's
/// content: they are printed to stderr as they are.
package struct FortressError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        case tokenMissing
        case tokenEmpty(source: String)
        case tokenMalformed(source: String, reason: String)
        /// `path` is nil unless it names an existing file: the value may be a pasted secret.
        case fileUnreadable(variable: String, path: String?, errno: Int32)
        case filePermissions(variable: String, path: String, mode: UInt32)
        case fileOwner(variable: String, path: String)
        case fileNotRegular(variable: String, path: String)
        case tokenTooLong(source: String, limit: Int)
        case headersTooLong(limit: Int)
        case headerMalformed(source: String, reason: String)
        case secretMemory(errno: Int32)
        case hardening(step: String, errno: Int32)
        case sandbox(step: String, errno: Int32)
        case threadsAlreadyRunning(count: Int)

        /// A mistake in the configuration (exit 78) rather than a failure of the security core.
        package var isConfigurationMistake: Bool {
            switch self {
            case .tokenMissing, .tokenEmpty, .tokenMalformed, .fileUnreadable, .filePermissions, .fileOwner,
                .fileNotRegular, .tokenTooLong, .headersTooLong, .headerMalformed:
                return true
            case .secretMemory, .hardening, .sandbox, .threadsAlreadyRunning:
                return false
            }
        }
    }

    package let code: Code

    package init(_ code: Code) { self.code = code }

    package var description: String {
        switch code {
        case .tokenMissing:
            return "\(TokenSource.variableName) is not set (nor \(TokenSource.fileVariableName)): "
                + "create an API token in Coolify under Keys & Tokens and pass it in the environment"
        case .tokenEmpty(let source):
            return "\(source) is empty"
        case .tokenMalformed(let source, let reason):
            return "\(source) \(reason)"
        case .fileUnreadable(let variable, let path?, let errno):
            return "\(variable): cannot read \(path): \(describeErrno(errno))"
        case .fileUnreadable(let variable, nil, let errno):
            return "\(variable) does not name an existing file (\(describeErrno(errno))); its value is not shown, "
                + "since it may be a secret pasted into the wrong variable: give the path of a file"
        case .filePermissions(let variable, let path, let mode):
            return "\(variable): \(path) has mode \(octal(mode)), readable by group or others; "
                + "run: chmod 600 \(path)"
        case .fileOwner(let variable, let path):
            return "\(variable): \(path) belongs to another user"
        case .fileNotRegular(let variable, let path):
            return "\(variable): \(path) is not a regular file"
        case .tokenTooLong(let source, let limit):
            return "\(source) is longer than \(limit) bytes"
        case .headersTooLong(let limit):
            return "the extra headers (--header and \(TokenSource.headersFileVariableName)) are longer than \(limit) bytes together"
        case .headerMalformed(let source, let reason):
            return "\(source) \(reason)"
        case .secretMemory(let errno):
            return "cannot allocate locked memory for the token: \(describeErrno(errno))"
        case .hardening(let step, let errno):
            return "hardening failed at \(step): \(describeErrno(errno))"
        case .sandbox(let step, let errno):
            return "sandbox failed at \(step): \(describeErrno(errno))"
        case .threadsAlreadyRunning(let count):
            return "sandbox must be installed while the process has one thread, found \(count)"
        }
    }
}

/// A configuration path for a message: shown only when it names an existing file, since a value
/// that names nothing may be a token pasted into the wrong variable.
package func displayablePath(_ path: String) -> String? {
    var info = stat()
    return stat(path, &info) == 0 ? path : nil
}

func octal(_ mode: UInt32) -> String {
    let digits = String(mode & 0o7777, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

func describeErrno(_ code: Int32) -> String {
    switch code {
    case 1: return "operation not permitted (EPERM)"
    case 2: return "no such file or directory (ENOENT)"
    case 20: return "a component of the path is not a directory (ENOTDIR)"
    case 36: return "file name too long (ENAMETOOLONG)"
    case 12: return "out of memory (ENOMEM)"
    case 13: return "permission denied (EACCES)"
    case 22: return "invalid argument (EINVAL)"
    case 38: return "not implemented by this kernel (ENOSYS)"
    case 95: return "not supported (EOPNOTSUPP)"
    default: return "errno \(code)"
    }
}
