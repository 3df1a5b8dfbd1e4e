#if canImport(Glibc)
    import Glibc
#endif

/// Loads, before the sandbox, the NSS modules that name resolution would otherwise load on its
/// first use: the seccomp policy refuses every executable mapping once it is on, so a module
/// dlopen()ed later could not be mapped and its source would be skipped.
///
/// Only the `hosts:` database matters: the server resolves host names and looks up nothing
/// else (no users, groups or services). glibc 2.34 and later have `files` and `dns` built in;
/// older ones load them as modules like the rest.
package enum NameServiceModules {
    package static let configurationPath = "/etc/nsswitch.conf"

    /// dlopen()s `libnss_NAME.so.2` (RTLD_NOW) for each service on the `hosts:` line that this
    /// glibc does not have built in. Modules absent from the system are skipped, as glibc skips
    /// them. Returns the services loaded. The handles are kept for the life of the process, so
    /// glibc's own dlopen() later finds them mapped.
    @discardableResult
    package static func preload(configuration path: String = configurationPath) -> [String] {
        guard let bytes = readSmallFile(path) else { return [] } // absent: glibc's defaults are built in
        let builtIn: Set<String> = glibcHasBuiltInFilesAndDNS ? ["files", "dns"] : []
        var loaded: [String] = []
        for service in hostsServices(in: bytes) where !builtIn.contains(service) && !loaded.contains(service) {
            if dlopen("libnss_\(service).so.2", RTLD_NOW) != nil {
                loaded.append(service)
            }
        }
        return loaded
    }

    package static func hostsServices(in configuration: String) -> [String] {
        hostsServices(in: Array(configuration.utf8))
    }

    /// The service names of the `hosts:` line, in order, without action items such as
    /// `[NOTFOUND=return]`. The last `hosts:` line counts, as in glibc. Parsed as ASCII bytes:
    /// this runs in every start, and Character-level String operations would cost the Unicode
    /// tables' page faults.
    package static func hostsServices(in configuration: [UInt8]) -> [String] {
        let (newline, hash, space, tab, open, close): (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0x0A, 0x23, 0x20, 0x09, 0x5B, 0x5D)
        let key = Array("hosts:".utf8)
        var services: [String] = []
        for rawLine in configuration.split(separator: newline) {
            let line = rawLine.prefix { $0 != hash }.drop { $0 == space || $0 == tab }
            guard line.starts(with: key) else { continue }
            var found: [String] = []
            var inAction = false
            for word in line.dropFirst(key.count).split(whereSeparator: { $0 == space || $0 == tab }) {
                // An action item may span words ("[ NOTFOUND = return ]").
                if word.first == open { inAction = true }
                if inAction {
                    if word.last == close { inAction = false }
                    continue
                }
                if isServiceName(word) { found.append(String(decoding: word, as: UTF8.self)) }
            }
            services = found
        }
        return services
    }

    /// A service name becomes part of a library file name: letters, digits, `_` and `-` only,
    /// so no path can be built from the configuration.
    static func isServiceName(_ word: ArraySlice<UInt8>) -> Bool {
        !word.isEmpty && word.count <= 64
            && word.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x5F || byte == 0x2D
            }
    }

    /// glibc 2.34 merged nss_files and nss_dns into libc.
    static var glibcHasBuiltInFilesAndDNS: Bool {
        var buffer = [CChar](repeating: 0, count: 64)
        guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return false }
        // "glibc 2.36"
        let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        guard let space = text.lastIndex(of: 0x20) else { return false }
        let numbers = text[(space + 1)...].split(separator: 0x2E).map { digits in
            digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && !digits.isEmpty && digits.count < 6
                ? digits.reduce(0) { $0 * 10 + Int($1 - 0x30) } : -1
        }
        return numbers.count >= 2 && (numbers[0], numbers[1]) >= (2, 34)
    }

    /// At most 16 KiB; nsswitch.conf is a few hundred bytes.
    private static func readSmallFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 16 * 1024)
        let filled = bytes.withUnsafeMutableBytes { buffer -> Int in
            var filled = 0
            while filled < buffer.count {
                let count = read(fd, UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]).baseAddress, buffer.count - filled)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                filled += count
            }
            return filled
        }
        return Array(bytes.prefix(filled))
    }
}
