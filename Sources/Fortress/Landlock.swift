internal import CFortress

#if canImport(Glibc)
import Glibc
#endif

/// The Landlock layer: no write anywhere, reads only where name resolution and TLS need them,
/// TCP connect only to the Coolify port (and 53 for DNS over TCP), no TCP bind, no abstract
/// Unix sockets or signals outside the sandbox.
///
/// Name resolution stays in the sandbox (rather than resolving once and pinning addresses)
/// because the HTTP client connects by host name and must keep doing so across DNS changes and
/// reconnects; the price is read access to five public configuration files.
package struct LandlockRules: Sendable, Equatable {
    package var readablePaths: [String]
    package var connectPorts: [UInt16]

    package init(readablePaths: [String], connectPorts: [UInt16]) {
        self.readablePaths = readablePaths
        self.connectPorts = connectPorts
    }

    /// What the server needs to reach `port` on a named host over TLS.
    package static func production(coolifyPort: UInt16) -> LandlockRules {
        LandlockRules(readablePaths: [
            // DNS (glibc resolver).
            "/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf",
            // The system trust store (Debian, Fedora, Alpine layouts), read when a connection is made.
            "/etc/ssl", "/usr/lib/ssl", "/usr/share/ca-certificates", "/etc/pki", "/etc/ca-certificates",
            // CPU-count probes of the event loops.
            "/sys/fs/cgroup", "/sys/devices/system/cpu",
        ], connectPorts: Array(Set([coolifyPort, 53])).sorted())
    }

    /// Needed only when Swift concurrency runs on Dispatch's worker pool: libdispatch reads
    /// /proc/<tid>/stat of workers created after the sandbox (no per-thread rule is possible)
    /// and crashes on purpose when refused. It also opens other processes' /proc files to a
    /// compromised server, so it is the fallback, announced on stderr.
    package func allowingProc() -> LandlockRules {
        LandlockRules(readablePaths: readablePaths + ["/proc"], connectPorts: connectPorts)
    }
}

/// Applies Landlock with what the running kernel supports, degrading in the open.
enum Landlock {
    // ABI 1 filesystem rights (bits 0-12) and later additions; see landlock_uapi.h.
    static let fsABI1: UInt64 = (1 << 13) - 1
    static let fsRefer: UInt64 = 1 << 13     // ABI 2
    static let fsTruncate: UInt64 = 1 << 14  // ABI 3
    static let fsIoctlDev: UInt64 = 1 << 15  // ABI 5
    static let readFile: UInt64 = 1 << 2
    static let readDir: UInt64 = 1 << 3
    static let netBindTCP: UInt64 = 1 << 0    // ABI 4
    static let netConnectTCP: UInt64 = 1 << 1 // ABI 4
    static let scopeAbstractUnix: UInt64 = 1 << 0  // ABI 6
    static let scopeSignal: UInt64 = 1 << 1        // ABI 6

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
        for path in rules.readablePaths {
            let fd = open(path, Self.openPath | O_CLOEXEC)
            guard fd >= 0 else { continue }  // absent on this system: nothing to allow
            defer { close(fd) }
            var info = stat()
            let isDirectory = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            let access = isDirectory ? readFile | readDir : readFile
            let rc = CFortress_landlock_allow_path(Int32(ruleset), fd, access)
            guard rc == 0 else { throw FortressError(.sandbox(step: "landlock rule for \(path)", errno: -rc)) }
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

    /// Readable description for --print-policy.
    static func describe(_ rules: LandlockRules) -> String {
        let abi = Int(CFortress_landlock_abi())
        var lines = ["# Landlock (kernel ABI \(abi >= 1 ? String(abi) : "unavailable"))",
                     "# handled: every filesystem right, TCP bind and connect, abstract-socket and signal scope",
                     "# everything below is allowed; everything else handled is denied"]
        lines += rules.readablePaths.map { "read beneath \($0)" }
        lines += rules.connectPorts.map { "tcp connect port \($0)" }
        lines.append("tcp bind: none; write, create, remove, execute: nowhere")
        return lines.joined(separator: "\n") + "\n"
    }
}
