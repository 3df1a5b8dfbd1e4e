internal import CFortress

#if canImport(Glibc)
    import Glibc
#endif

/// The Landlock layer: no write anywhere, reads only of the files name resolution and TLS
/// open, TCP connect only to the Coolify port (and 53 for DNS over TCP), no TCP bind, no
/// abstract Unix sockets or signals outside the sandbox.
///
/// Name resolution stays in the sandbox (rather than resolving once and pinning addresses)
/// because the HTTP client connects by host name and must keep doing so across DNS changes and
/// reconnects; the price is read access to five public configuration files.
///
/// Rules name single files where the reader opens single files: a rule on a file grants that
/// file (the inode its path resolves to when the rule is made) and nothing beside it, so the
/// trust-store bundle is readable while the rest of /etc/ssl, `private/` included, is not.
package struct LandlockRules: Sendable, Equatable {
    /// Regular files that may be read (file rights only).
    package var readableFiles: [String]
    /// Directories beneath which files may be read and listed.
    package var readableTrees: [String]
    package var connectPorts: [UInt16]

    package init(readableFiles: [String], readableTrees: [String] = [], connectPorts: [UInt16]) {
        self.readableFiles = readableFiles
        self.readableTrees = readableTrees
        self.connectPorts = connectPorts
    }

    /// The files glibc's resolver reads (stub resolver, `files` source, address sorting).
    package static let resolverFiles = ["/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf"]

    /// NIOSSL's search list for the system trust store on Linux (LinuxCABundle.swift), in its
    /// order: it loads the first that is a regular file. The hashed directory it also names
    /// (/etc/ssl/certs) is consulted only for an issuer the bundle lacks, which the bundle's own
    /// directory would not have either; it stays closed unless no bundle exists at all.
    package static let trustStoreBundles = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"]
    package static let trustStoreDirectories = ["/etc/ssl/certs"]

    /// The files NIO reads to size its thread pools (cgroup v1 quota and cpuset, cgroup v2
    /// cpu.max) and the one glibc's sysconf(_SC_NPROCESSORS_ONLN) reads.
    package static let cpuCountFiles = [
        "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us", "/sys/fs/cgroup/cpuset/cpuset.cpus",
        "/sys/fs/cgroup/cpu.max", "/sys/devices/system/cpu/online",
    ]

    /// What the server needs to reach `port` on a named host over TLS, on this system.
    package static func production(coolifyPort: UInt16) -> LandlockRules {
        var files = resolverFiles
        var trees: [String] = []
        if let bundle = trustStoreBundles.first(where: { FileKind.of($0) == .regularFile }) {
            files.append(bundle)
        } else if let directory = trustStoreDirectories.first(where: { FileKind.of($0) == .directory }) {
            trees.append(directory)
        }
        files += cpuCountFiles
        return LandlockRules(readableFiles: files, readableTrees: trees, connectPorts: Array(Set([coolifyPort, 53])).sorted())
    }

    /// Needed only when Swift concurrency runs on Dispatch's worker pool: libdispatch reads
    /// /proc/<tid>/stat of workers created after the sandbox (no per-thread rule is possible)
    /// and crashes on purpose when refused. It also opens other processes' /proc files to a
    /// compromised server, so it is the fallback, announced on stderr.
    package func allowingProc() -> LandlockRules {
        LandlockRules(readableFiles: readableFiles, readableTrees: readableTrees + ["/proc"], connectPorts: connectPorts)
    }
}

/// What a path names, following symbolic links (as the readers' open() does).
enum FileKind: Equatable {
    case regularFile, directory, other, absent

    static func of(_ path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .absent }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}

/// Applies Landlock with what the running kernel supports, degrading in the open.
enum Landlock {
    // ABI 1 filesystem rights (bits 0-12) and later additions; see landlock_uapi.h.
    static let fsABI1: UInt64 = (1 << 13) - 1
    static let fsRefer: UInt64 = 1 << 13 // ABI 2
    static let fsTruncate: UInt64 = 1 << 14 // ABI 3
    static let fsIoctlDev: UInt64 = 1 << 15 // ABI 5
    static let readFile: UInt64 = 1 << 2
    static let readDir: UInt64 = 1 << 3
    static let netBindTCP: UInt64 = 1 << 0 // ABI 4
    static let netConnectTCP: UInt64 = 1 << 1 // ABI 4
    static let scopeAbstractUnix: UInt64 = 1 << 0 // ABI 6
    static let scopeSignal: UInt64 = 1 << 1 // ABI 6

    /// O_PATH, hidden by Glibc's module behind _GNU_SOURCE.
    static let openPath: Int32 = 0o10000000

    struct Applied: Equatable {
        var abi: Int
        var notes: [String]
    }

    /// Returns what was enforced; a kernel without Landlock is a note, not an error.
    static func apply(_ rules: LandlockRules) throws(FortressError) -> Applied {
        let abi = Int(CFortress_landlock_abi())
        guard abi >= 1 else {
            let reason = abi == -Int(ENOSYS) ? "this kernel has no Landlock" : "Landlock is disabled (add landlock to the lsm= boot list)"
            return Applied(abi: 0, notes: ["\(reason): filesystem and port restrictions are not enforced; seccomp still is"])
        }
        var notes: [String] = []
        var fs = fsABI1
        if abi >= 2 { fs |= fsRefer }
        if abi >= 3 { fs |= fsTruncate }
        if abi >= 5 { fs |= fsIoctlDev }
        let net: UInt64 = abi >= 4 ? netBindTCP | netConnectTCP : 0
        let scoped: UInt64 = abi >= 6 ? scopeAbstractUnix | scopeSignal : 0
        if abi < 4 { notes.append("Landlock ABI \(abi) has no network rules (Linux 6.7+): TCP ports are not restricted") }
        if abi < 6 { notes.append("Landlock ABI \(abi) has no scoping (Linux 6.12+): abstract sockets and signals are not scoped") }

        let ruleset = CFortress_landlock_create(fs, net, scoped)
        guard ruleset >= 0 else { throw FortressError(.sandbox(step: "landlock_create_ruleset", errno: -ruleset)) }
        defer { close(ruleset) }
        for path in rules.readableFiles {
            try allow(path, access: readFile, expecting: .regularFile, in: ruleset)
        }
        for path in rules.readableTrees {
            try allow(path, access: readFile | readDir, expecting: .directory, in: ruleset)
        }
        if net != 0 {
            for port in rules.connectPorts {
                let rc = CFortress_landlock_allow_port(ruleset, UInt64(port), netConnectTCP)
                guard rc == 0 else { throw FortressError(.sandbox(step: "landlock rule for port \(port)", errno: -rc)) }
            }
        }
        let rc = CFortress_landlock_enforce(ruleset)
        guard rc == 0 else { throw FortressError(.sandbox(step: "landlock_restrict_self", errno: -rc)) }
        return Applied(abi: abi, notes: notes)
    }

    /// Adds a rule for `path` if it names what the rule expects. An absent path needs no rule;
    /// one of another kind (a directory where a file was expected) gets none either, so a rule
    /// meant for one file never opens a whole tree.
    private static func allow(_ path: String, access: UInt64, expecting kind: FileKind, in ruleset: Int32) throws(FortressError) {
        let fd = open(path, Self.openPath | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return }
        let actual: FileKind =
            switch info.st_mode & S_IFMT {
            case S_IFREG: .regularFile
            case S_IFDIR: .directory
            default: .other
            }
        guard actual == kind else { return }
        let rc = CFortress_landlock_allow_path(ruleset, fd, access)
        guard rc == 0 else { throw FortressError(.sandbox(step: "landlock rule for \(path)", errno: -rc)) }
    }

    /// Readable description for --print-policy: what `apply` would allow on this system.
    static func describe(_ rules: LandlockRules) -> String {
        let abi = Int(CFortress_landlock_abi())
        var lines = [
            "# Landlock (kernel ABI \(abi >= 1 ? String(abi) : "unavailable"))",
            "# handled: every filesystem right, TCP bind and connect, abstract-socket and signal scope",
            "# everything below is allowed; everything else handled is denied",
        ]
        for path in rules.readableFiles {
            switch FileKind.of(path) {
            case .regularFile: lines.append("read file \(path)")
            case .absent: lines.append("# absent here, no rule: \(path)")
            case .directory, .other: lines.append("# not a regular file, no rule: \(path)")
            }
        }
        for path in rules.readableTrees {
            lines.append(FileKind.of(path) == .directory ? "read beneath \(path)" : "# not a directory here, no rule: \(path)")
        }
        lines += rules.connectPorts.map { "tcp connect port \($0)" }
        lines.append("tcp bind: none; write, create, remove, execute: nowhere")
        return lines.joined(separator: "\n") + "\n"
    }
}
