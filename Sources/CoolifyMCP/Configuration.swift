internal import Coolify
internal import Fortress
internal import NIOCore
internal import Tools

#if canImport(Glibc)
    import Glibc
#endif

/// Everything the server needs except the token and the header values (see Credential), read from
/// options and environment before the sandbox exists. Holds no secret.
struct Configuration {
    var coolify: CoolifySettings
    var readOnly: Bool
    /// The tools offered, after --tools, --toolsets and --read-only.
    var tools: [ToolSpec]
    var sandboxMode: Sandbox.Mode
    var landlock: LandlockRules { .production(coolifyPort: UInt16(coolify.origin.port)) }

    static let caFileVariable = "COOLIFY_CA_FILE"

    init(_ options: Options) throws(CoolifyConfigError) {
        guard let rawURL = getenv(CoolifyOrigin.variableName) else {
            throw CoolifyConfigError("\(CoolifyOrigin.variableName) is not set: give the address of your Coolify instance, e.g. https://coolify.example.com")
        }
        var settings = CoolifySettings(origin: try CoolifyOrigin(parsing: String(cString: rawURL)))
        if settings.origin.requiresLoopbackResolution {
            // Resolved once, here, and the address kept: plain HTTP never depends on a later lookup.
            guard let address = Self.loopbackAddress(of: settings.origin.host), let pinned = settings.origin.pinned(to: address) else {
                throw CoolifyConfigError(
                    "\(CoolifyOrigin.variableName) uses http://localhost, but localhost does not resolve to loopback addresses only on this system; use http://127.0.0.1 or https://"
                )
            }
            settings.origin = pinned
        }
        if let path = getenv(Self.caFileVariable), path.pointee != 0 {
            settings.extraCAPEM = try Self.readSmallFile(String(cString: path), variable: Self.caFileVariable)
        }
        guard (1...600).contains(options.timeout) else { throw CoolifyConfigError("--timeout must be between 1 and 600 seconds") }
        settings.requestTimeout = .seconds(Int64(options.timeout))
        settings.connectTimeout = .seconds(Int64(min(10, options.timeout)))
        self.coolify = settings
        self.readOnly = options.readOnly
        let split = { (text: String?) in text.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: " ") } } }
        do {
            self.tools = try Catalogue.enabled(tools: split(options.toolNames), toolsets: split(options.toolsetNames), readOnly: options.readOnly)
        } catch {
            throw CoolifyConfigError(error.message)
        }
        self.sandboxMode = options.unsafeNoSandbox ? .off : (options.sandboxReport ? .report : .enforce)
    }

    /// The first address `host` resolves to, as a literal, when every address it resolves to is
    /// loopback (127.0.0.0/8, ::1); nil otherwise, or when there is no answer.
    static func loopbackAddress(of host: String) -> String? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(first) }
        var literals: [String] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            guard let address = current.pointee.ai_addr else { return nil }
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                let ipv4 = UInt32(bigEndian: address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr })
                guard ipv4 >> 24 == 127 else { return nil }
                literals.append([ipv4 >> 24, (ipv4 >> 16) & 0xFF, (ipv4 >> 8) & 0xFF, ipv4 & 0xFF].map(String.init).joined(separator: "."))
            case AF_INET6:
                let ipv6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                let bytes = withUnsafeBytes(of: ipv6) { Array($0) }
                guard bytes == [UInt8](repeating: 0, count: 15) + [1] else { return nil }
                literals.append("::1")
            default:
                return nil
            }
            entry = current.pointee.ai_next
        }
        return literals.first
    }

    /// Reads a configuration file of at most 1 MiB, before the sandbox forbids it. The path is
    /// named in a message only when it names an existing file: a value that names nothing may
    /// be a secret pasted into the wrong variable.
    static func readSmallFile(_ path: String, variable: String) throws(CoolifyConfigError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            guard let shown = displayablePath(path) else {
                throw CoolifyConfigError(
                    "\(variable) does not name an existing file (errno \(code)); its value is not shown, since it may be a secret pasted into the wrong variable: give the path of a file"
                )
            }
            throw CoolifyConfigError("\(variable): cannot open \(shown) (errno \(code))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CoolifyConfigError("\(variable): cannot read \(path) (errno \(errno))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= 1024 * 1024 else { throw CoolifyConfigError("\(variable): \(path) is larger than 1 MiB") }
        }
        return bytes
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
