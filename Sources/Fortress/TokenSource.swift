internal import CFortress

#if canImport(Glibc)
    import Glibc
#endif

/// Where the Coolify token and the extra headers come from.
///
/// The bytes are read by the constructor in CFortress/startup.c, the first code the binary runs
/// (before the Swift runtime and argument parsing): it makes the process non-dumpable, copies the
/// token (from COOLIFY_ACCESS_TOKEN_FILE, or COOLIFY_ACCESS_TOKEN) and the header lines (--header
/// values, COOLIFY_HEADERS_FILE) into secret memory, zeroes the token's environment entries and
/// the --header values in argv, and records the outcome. This type is the only reader of that
/// outcome: it turns it into a ``SecretBuffer`` or into the error a user should see.
///
/// The variable names appear in this file alone: every other module receives a ``Credential``.
package enum TokenSource {
    package static let variableName = "COOLIFY_ACCESS_TOKEN"
    package static let fileVariableName = "COOLIFY_ACCESS_TOKEN_FILE"
    package static let headersFileVariableName = "COOLIFY_HEADERS_FILE"

    /// The token the constructor captured. Call once: the region then belongs to the buffer.
    package static func read() throws(FortressError) -> SecretBuffer {
        let capture = CFortress_startup_result().pointee.token
        let path = capture.path.map { String(cString: $0) }
        let source: String
        switch capture.source {
        case Int32(CFortressTokenFromFile.rawValue):
            source = "\(fileVariableName) (\(path ?? ""))"
        case Int32(CFortressTokenFromVariable.rawValue):
            source = variableName
        default:
            throw FortressError(.tokenMissing)
        }
        if let failure = error(capture.failure, variable: fileVariableName, path: path, source: source) {
            CFortress_startup_take_token(0)
            throw failure
        }
        // The buffer owns the region from here, whether it validates (and is returned) or not
        // (and is released by it).
        defer { CFortress_startup_take_token(1) }
        return try SecretBuffer(adopting: capture.region) { (bytes) throws(FortressError) in
            try validate(bytes, source: source)
        }
    }

    /// The header lines the constructor captured (records of --header values and the headers
    /// file, see CFortress.h), or nil when none were given. Parsed by ``Credential``.
    package static func readHeaders() throws(FortressError) -> SecretBuffer? {
        let capture = CFortress_startup_result().pointee.headers
        let path = capture.path.map { String(cString: $0) }
        if let failure = error(capture.failure, variable: headersFileVariableName, path: path, source: headersFileVariableName) {
            CFortress_startup_take_headers(0)
            throw failure
        }
        guard capture.region.bytes != nil else { return nil }
        defer { CFortress_startup_take_headers(1) }
        return try SecretBuffer(adopting: capture.region) { (_) throws(FortressError) in }
    }

    /// The error for a failed source, or nil. A path is named only when it names an existing file.
    static func error(_ failure: CFortressSourceFailure, variable: String, path: String?, source: String) -> FortressError? {
        let limit = SecretBuffer.capacity - 1
        switch failure.status {
        case Int32(CFortressSourceOK.rawValue):
            return nil
        case Int32(CFortressSourceEmpty.rawValue):
            return FortressError(.tokenEmpty(source: source))
        case Int32(CFortressSourceTooLong.rawValue):
            return variable == headersFileVariableName
                ? FortressError(.headersTooLong(limit: limit))
                : FortressError(.tokenTooLong(source: source, limit: limit))
        case Int32(CFortressSourceUnreadable.rawValue):
            return FortressError(.fileUnreadable(variable: variable, path: path.flatMap(displayablePath), errno: failure.error))
        case Int32(CFortressSourceNotRegular.rawValue):
            return FortressError(.fileNotRegular(variable: variable, path: path ?? ""))
        case Int32(CFortressSourcePermissions.rawValue):
            return FortressError(.filePermissions(variable: variable, path: path ?? "", mode: failure.mode))
        case Int32(CFortressSourceOwner.rawValue):
            return FortressError(.fileOwner(variable: variable, path: path ?? ""))
        default:
            return FortressError(.secretMemory(errno: failure.error))
        }
    }

    /// A token is one run of visible ASCII without `"` or `\`: anything else would corrupt the
    /// header, betray a configuration mistake (a pasted line break, an unexpanded `${VAR}` from a
    /// client config), or change its bytes under JSON escaping, where the output filter, which
    /// matches the raw bytes, would no longer see it.
    static func validate(_ bytes: UnsafeRawBufferPointer, source: String) throws(FortressError) {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "{") && previous == UInt8(ascii: "$") {
                throw FortressError(
                    .tokenMalformed(
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
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                throw FortressError(
                    .tokenMalformed(
                        source: source, reason: "contains a quote or a backslash, which no Coolify token holds"))
            }
            previous = byte
        }
    }
}

/// The startup capture, for tests: runs the constructor's own code on arrays the test builds.
package enum StartupCapture {
    /// The blocks as the capture left them.
    package struct Left {
        /// Each argument string as it now reads (a zeroed byte ends it early).
        package let arguments: [String]
        /// The environment array: the entries still in it.
        package let environment: [String]
        /// Every environment string given, as it now reads where it lies ("" once zeroed).
        package let environmentStorage: [String]
    }

    /// Runs the capture over `arguments` and `environment` ("NAME=value" entries), which are
    /// copied into C strings that stay alive (and are modified in place, as the process's own
    /// blocks would be) until the next call.
    @discardableResult
    package static func run(arguments: [String], environment: [String]) -> Left {
        lastArguments.forEach { free($0) }
        lastEnvironment.forEach { free($0) }
        lastArguments = arguments.map { strdup($0)! }
        lastEnvironment = environment.map { strdup($0)! }
        var argv: [UnsafeMutablePointer<CChar>?] = lastArguments + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = lastEnvironment + [nil]
        argv.withUnsafeMutableBufferPointer { argvBuffer in
            envp.withUnsafeMutableBufferPointer { envpBuffer in
                CFortress_startup_capture(Int32(arguments.count), argvBuffer.baseAddress, envpBuffer.baseAddress)
            }
        }
        return Left(
            arguments: lastArguments.map { String(cString: $0) },
            environment: envp.prefix { $0 != nil }.map { String(cString: $0!) },
            environmentStorage: lastEnvironment.map { String(cString: $0) })
    }

    /// Whether the capture would act on these arrays (the constructor's first test).
    package static func wouldAct(arguments: [String], environment: [String]) -> Bool {
        let argumentCopies = arguments.map { strdup($0)! }
        let environmentCopies = environment.map { strdup($0)! }
        defer { (argumentCopies + environmentCopies).forEach { free($0) } }
        var argv: [UnsafeMutablePointer<CChar>?] = argumentCopies + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environmentCopies + [nil]
        return argv.withUnsafeMutableBufferPointer { argvBuffer in
            envp.withUnsafeMutableBufferPointer { envpBuffer in
                CFortress_startup_secrets_present(Int32(arguments.count), argvBuffer.baseAddress, envpBuffer.baseAddress) != 0
            }
        }
    }

    package enum ConstructorState: Equatable { case notRun, leftAlone, acted }

    /// What the constructor did in this process.
    package static var constructorState: ConstructorState {
        switch CFortress_startup_constructor_state() {
        case Int32(CFortressConstructorLeftAlone.rawValue): return .leftAlone
        case Int32(CFortressConstructorActed.rawValue): return .acted
        default: return .notRun
        }
    }

    /// Frees whatever the last capture left and forgets its outcome.
    package static func reset() {
        CFortress_startup_reset()
    }

    nonisolated(unsafe) private static var lastArguments: [UnsafeMutablePointer<CChar>] = []
    nonisolated(unsafe) private static var lastEnvironment: [UnsafeMutablePointer<CChar>] = []
}
