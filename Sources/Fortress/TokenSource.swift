internal import CFortress

#if canImport(Glibc)
import Glibc
#endif

/// Where the Coolify token comes from, and the only code that reads it.
///
/// The variable names appear in this file alone: every other module receives a ``SecretBuffer``.
package enum TokenSource {
    package static let variableName = "COOLIFY_ACCESS_TOKEN"
    package static let fileVariableName = "COOLIFY_ACCESS_TOKEN_FILE"

    /// Environment variables that must not survive startup (see ``Environment/scrubSecrets()``).
    package static let secretVariableNames = [variableName]

    /// Reads the token: the file named by COOLIFY_ACCESS_TOKEN_FILE wins over COOLIFY_ACCESS_TOKEN.
    /// The bytes go from the environment block or the file straight into secret memory.
    package static func read() throws(FortressError) -> SecretBuffer {
        if let path = getenv(fileVariableName), path.pointee != 0 {
            return try readFile(String(cString: path))
        }
        guard let value = getenv(variableName) else {
            throw FortressError(.tokenMissing)
        }
        let length = strlen(value)
        guard length > 0 else { throw FortressError(.tokenEmpty(source: variableName)) }
        guard length < SecretBuffer.capacity else {
            throw FortressError(.tokenTooLong(source: variableName, limit: SecretBuffer.capacity - 1))
        }
        return try SecretBuffer { (region) throws(FortressError) -> Int in
            region.baseAddress!.copyMemory(from: value, byteCount: length)
            try validate(UnsafeRawBufferPointer(rebasing: region[0..<length]), source: variableName)
            return length
        }
    }

    /// Reads a token file. Permissions are checked on the open descriptor (no race with a
    /// rename), and a file readable by group or others is refused, as OpenSSH does for keys.
    package static func readFile(_ path: String) throws(FortressError) -> SecretBuffer {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw FortressError(.tokenFileUnreadable(path: path, errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FortressError(.tokenFileUnreadable(path: path, errno: errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FortressError(.tokenFileNotRegular(path: path)) }
        guard info.st_mode & 0o077 == 0 else {
            throw FortressError(.tokenFilePermissions(path: path, mode: info.st_mode))
        }
        guard info.st_uid == getuid() || info.st_uid == 0 else { throw FortressError(.tokenFileOwner(path: path)) }
        let source = "\(fileVariableName) (\(path))"
        return try SecretBuffer { (region) throws(FortressError) -> Int in
            var length = 0
            while length < region.count {
                let n = Glibc.read(fd, region.baseAddress! + length, region.count - length)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FortressError(.tokenFileUnreadable(path: path, errno: errno))
                }
                if n == 0 { break }
                length += n
            }
            guard length < region.count else {
                throw FortressError(.tokenTooLong(source: source, limit: region.count - 1))
            }
            if length > 0 && region[length - 1] == UInt8(ascii: "\n") {
                length -= 1
                region[length] = 0
            }
            guard length > 0 else { throw FortressError(.tokenEmpty(source: source)) }
            try validate(UnsafeRawBufferPointer(rebasing: region[0..<length]), source: source)
            return length
        }
    }

    /// A token is one run of visible ASCII: anything else would corrupt the header or betray a
    /// configuration mistake (a pasted line break, an unexpanded `${VAR}` from a client config).
    static func validate(_ bytes: UnsafeRawBufferPointer, source: String) throws(FortressError) {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "{") && previous == UInt8(ascii: "$") {
                throw FortressError(.tokenMalformed(
                    source: source, reason: "contains an unexpanded ${...} placeholder: the MCP client did not substitute it"))
            }
            if byte == 0x0A || byte == 0x0D {
                throw FortressError(.tokenMalformed(source: source, reason: "contains a line break"))
            }
            if byte <= 0x20 || byte == 0x7F {
                throw FortressError(.tokenMalformed(source: source, reason: "contains whitespace or a control character"))
            }
            if byte >= 0x80 {
                throw FortressError(.tokenMalformed(source: source, reason: "contains a non-ASCII character"))
            }
            previous = byte
        }
    }
}
