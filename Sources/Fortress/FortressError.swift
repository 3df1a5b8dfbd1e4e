/// Failures of the security core. Descriptions name variables, paths and modes, never a secret's
/// content: they are printed to stderr as they are.
package struct FortressError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        case tokenMissing
        case tokenEmpty(source: String)
        case tokenMalformed(source: String, reason: String)
        case tokenFileUnreadable(path: String, errno: Int32)
        case tokenFilePermissions(path: String, mode: UInt32)
        case tokenFileOwner(path: String)
        case tokenFileNotRegular(path: String)
        case tokenTooLong(source: String, limit: Int)
        case secretMemory(errno: Int32)
        case hardening(step: String, errno: Int32)
        case sandbox(step: String, errno: Int32)
        case threadsAlreadyRunning(count: Int)
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
        case .tokenFileUnreadable(let path, let errno):
            return "\(TokenSource.fileVariableName): cannot read \(path): \(describeErrno(errno))"
        case .tokenFilePermissions(let path, let mode):
            return "\(TokenSource.fileVariableName): \(path) has mode \(octal(mode)), readable by group or others; "
                + "run: chmod 600 \(path)"
        case .tokenFileOwner(let path):
            return "\(TokenSource.fileVariableName): \(path) belongs to another user"
        case .tokenFileNotRegular(let path):
            return "\(TokenSource.fileVariableName): \(path) is not a regular file"
        case .tokenTooLong(let source, let limit):
            return "\(source) is longer than \(limit) bytes"
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

func octal(_ mode: UInt32) -> String {
    let digits = String(mode & 0o7777, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

func describeErrno(_ code: Int32) -> String {
    switch code {
    case 1: return "operation not permitted (EPERM)"
    case 2: return "no such file or directory (ENOENT)"
    case 12: return "out of memory (ENOMEM)"
    case 13: return "permission denied (EACCES)"
    case 22: return "invalid argument (EINVAL)"
    case 38: return "not implemented by this kernel (ENOSYS)"
    case 95: return "not supported (EOPNOTSUPP)"
    default: return "errno \(code)"
    }
}
