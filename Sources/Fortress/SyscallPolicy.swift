/// The seccomp policy, as data: one rule per line, each with its reason, in sections a reader
/// can audit top to bottom. The mechanism that turns it into a filter is in Sandbox.swift and
/// CFortress/seccomp.c; this file has no logic.
///
/// Anything not listed fails with EPERM (deny by default, but a rare path shows an error, not a
/// dead process). Calls that only an attacker would make kill the process at once.
package struct SyscallPolicy: Sendable {
    package struct Section: Sendable {
        package let title: String
        package let rules: [SyscallRule]
    }

    package let sections: [Section]
    package var rules: [SyscallRule] { sections.flatMap(\.rules) }

    package static let production = SyscallPolicy(sections: [
        Section(title: "stdio and sockets", rules: [
            .allow("read", "stdin, TLS sockets, the eventfd NIO wakes on"),
            .allow("write", "stdout (protocol), stderr (diagnostics), sockets"),
            .allow("readv", "scattered socket reads"),
            .allow("writev", "NIO's gathering socket writes"),
            .allow("close", "sockets and descriptors we opened"),
            .allow("openat", when: [.maskedEquals(2, mask: Flags.writeIntent, 0)],
                   "read-only opens: DNS configuration, TLS trust store, CPU-count probes"),
            .allow("newfstatat", "stat of files libc reads for DNS and TLS"),
            .allow("fstat", "size of a file being read"),
            .allow("lseek", "libc's buffered reads of configuration files"),
            .allow("statfs", "cgroup probe for the CPU count"),
            .allow("socket", when: [.equals(0, Flags.afInet), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockStream)],
                   "outbound TCP to Coolify over IPv4"),
            .allow("socket", when: [.equals(0, Flags.afInet6), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockStream)],
                   "outbound TCP to Coolify over IPv6"),
            .allow("socket", when: [.equals(0, Flags.afInet), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockDgram)],
                   "UDP to the DNS resolver over IPv4"),
            .allow("socket", when: [.equals(0, Flags.afInet6), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockDgram)],
                   "UDP to the DNS resolver over IPv6"),
            .allow("connect", "to Coolify (Landlock restricts the port) and the DNS resolver"),
            .allow("getsockopt", "connection errors (SO_ERROR)"),
            .allow("setsockopt", "TCP_NODELAY, keep-alive"),
            .allow("getsockname", "NIO records local addresses"),
            .allow("getpeername", "NIO records remote addresses"),
            .allow("shutdown", "closing a connection"),
            .allow("sendto", "DNS queries"),
            .allow("sendmmsg", "glibc sends the A and AAAA queries together"),
            .allow("recvfrom", "DNS answers"),
            .allow("poll", "glibc waits for DNS answers"),
            .allow("ppoll", "poll on newer libc"),
            .allow("ioctl", when: [.equals(1, Flags.fionread)], "glibc sizes a DNS answer (FIONREAD)"),
            .allow("fcntl", when: [.equals(1, Flags.fGetFD)], "descriptor flags"),
            .allow("fcntl", when: [.equals(1, Flags.fSetFD)], "close-on-exec"),
            .allow("fcntl", when: [.equals(1, Flags.fGetFL)], "status flags"),
            .allow("fcntl", when: [.equals(1, Flags.fSetFL)], "non-blocking sockets"),
            .allow("epoll_create", "NIO event loop"),
            .allow("epoll_create1", "NIO event loop"),
            .allow("epoll_ctl", "NIO event loop"),
            .allow("epoll_wait", "NIO event loop"),
            .allow("epoll_pwait", "NIO event loop"),
            .allow("eventfd2", "NIO and Dispatch wake-ups"),
            .allow("timerfd_create", "NIO timers"),
            .allow("timerfd_settime", "NIO timers"),
        ]),
        Section(title: "memory and threads", rules: [
            .allow("mmap", when: [.maskedEquals(2, mask: Flags.protExec, 0)], "memory that is not executable"),
            .allow("mmap", when: [.maskedEquals(2, mask: Flags.protWrite, 0)], "executable memory that is not writable (loader)"),
            .allow("mprotect", when: [.maskedEquals(2, mask: Flags.protExec, 0)], "thread stacks and guard pages"),
            .allow("mprotect", when: [.maskedEquals(2, mask: Flags.protWrite, 0)], "relocation read-only (RELRO)"),
            .allow("munmap", "freeing memory"),
            .allow("mremap", "growing large allocations"),
            .allow("brk", "growing the heap"),
            .allow("madvise", "allocator hints; BoringSSL's MADV_WIPEONFORK"),
            .allow("futex", "locks and condition variables"),
            .allow("clone", when: [.maskedEquals(0, mask: Flags.cloneThread, Flags.cloneThread)],
                   "new threads only: no fork, no new process"),
            .allow("set_robust_list", "thread start"),
            .allow("rseq", "thread start"),
            .allow("gettid", "thread identity"),
            .allow("getpid", "process identity"),
            .allow("getuid", "identity checks"),
            .allow("geteuid", "identity checks"),
            .allow("sched_yield", "spin locks"),
            .allow("sched_getaffinity", "CPU count for thread pools"),
            .allow("setpriority", "Dispatch lowers its worker priority"),
            .allow("prctl", when: [.equals(0, Flags.prSetName)], "thread names"),
            .allow("prctl", when: [.equals(0, Flags.prGetName)], "thread names"),
            .allow("prlimit64", when: [.equals(2, 0)], "reading a limit (stack size); never setting one"),
            .allow("getrandom", "TLS keys, hash seeds, JSON-RPC markers"),
            .allow("membarrier", "Swift runtime memory barriers"),
            .allow("rt_sigprocmask", "signal masks of new threads"),
            .allow("rt_sigaction", "installing handlers"),
            .allow("rt_sigreturn", "returning from a handler; without it the first signal kills"),
            .allow("rt_sigtimedwait", "the signal-watcher thread (sigwait)"),
            .allow("rt_sigsuspend", "an idle main thread parks here; refused, it spins a core"),
            .allow("sigaltstack", "per-thread signal stacks"),
            .allow("nanosleep", "short waits"),
            .allow("clock_nanosleep", "short waits"),
            .allow("clock_gettime", "timeouts (vDSO fallback)"),
            .allow("gettimeofday", "timestamps (vDSO fallback)"),
            .allow("exit", "thread exit"),
            .allow("exit_group", "process exit"),
        ]),
        Section(title: "quiet refusals (libc has a fallback)", rules: [
            .refuse("clone3", errno: Flags.enosys, "its flags sit behind a pointer seccomp cannot read; glibc falls back to clone"),
            .refuse("socket", when: [.equals(0, Flags.afUnix)], errno: Flags.eacces, "glibc tries nscd first, then DNS itself"),
        ]),
        Section(title: "never: the process is killed", rules: [
            .kill("execve", "the server never runs programs"),
            .kill("execveat", "the server never runs programs"),
            .kill("fork", "no new processes"),
            .kill("vfork", "no new processes"),
            .kill("ptrace", "no debugging of other processes"),
            .kill("process_vm_readv", "no reading another process's memory"),
            .kill("process_vm_writev", "no writing another process's memory"),
            .kill("bpf", "no kernel programs"),
            .kill("mount", "no filesystem changes"),
            .kill("umount2", "no filesystem changes"),
            .kill("pivot_root", "no filesystem changes"),
            .kill("chroot", "no filesystem changes"),
            .kill("unshare", "no new namespaces"),
            .kill("setns", "no joining namespaces"),
            .kill("init_module", "no kernel modules"),
            .kill("finit_module", "no kernel modules"),
            .kill("delete_module", "no kernel modules"),
            .kill("kexec_load", "no kernel replacement"),
            .kill("kexec_file_load", "no kernel replacement"),
            .kill("keyctl", "no kernel keyrings"),
            .kill("add_key", "no kernel keyrings"),
            .kill("request_key", "no kernel keyrings"),
            .kill("personality", "no execution-domain tricks (READ_IMPLIES_EXEC)"),
            .kill("io_uring_setup", "io_uring bypasses seccomp for the calls it carries"),
            .kill("io_uring_enter", "io_uring bypasses seccomp for the calls it carries"),
            .kill("io_uring_register", "io_uring bypasses seccomp for the calls it carries"),
            .kill("userfaultfd", "a staple of kernel exploits"),
            .kill("perf_event_open", "a staple of kernel exploits"),
            .kill("memfd_create", "anonymous executable files (fileless execution)"),
            .kill("setuid", "no identity changes"),
            .kill("setgid", "no identity changes"),
            .kill("setreuid", "no identity changes"),
            .kill("setresuid", "no identity changes"),
            .kill("kill", "no signals to other processes"),
            .kill("tkill", "no signals to other processes"),
            .kill("tgkill", "no signals to other processes"),
        ]),
    ])
}

/// One line of the policy.
package struct SyscallRule: Sendable, Equatable {
    package enum Action: Sendable, Equatable {
        case allow
        case refuse(errno: Int32)
        case kill
    }

    /// A condition on one argument; all conditions of a rule must hold.
    package enum Condition: Sendable, Equatable {
        case equals(_ argument: UInt32, _ value: UInt64)
        case maskedEquals(_ argument: UInt32, mask: UInt64, _ value: UInt64)
    }

    package let name: String
    package let action: Action
    package let conditions: [Condition]
    package let reason: String

    static func allow(_ name: String, when conditions: [Condition] = [], _ reason: String) -> SyscallRule {
        SyscallRule(name: name, action: .allow, conditions: conditions, reason: reason)
    }

    static func refuse(_ name: String, when conditions: [Condition] = [], errno: Int32, _ reason: String) -> SyscallRule {
        SyscallRule(name: name, action: .refuse(errno: errno), conditions: conditions, reason: reason)
    }

    static func kill(_ name: String, _ reason: String) -> SyscallRule {
        SyscallRule(name: name, action: .kill, conditions: [], reason: reason)
    }
}

/// The x86-64 Linux constants the policy filters on. Glibc's module hides several of them
/// (CLONE_THREAD sits behind _GNU_SOURCE), so they are spelled out here once.
package enum Flags {
    static let afUnix: UInt64 = 1
    static let afInet: UInt64 = 2
    static let afInet6: UInt64 = 10
    static let sockStream: UInt64 = 1
    static let sockDgram: UInt64 = 2
    /// The type bits of socket()'s second argument, without SOCK_NONBLOCK and SOCK_CLOEXEC: so
    /// SOCK_RAW, SOCK_PACKET and the rest are refused.
    static let socketTypeMask: UInt64 = 0xF
    static let cloneThread: UInt64 = 0x0001_0000
    static let prSetName: UInt64 = 15
    static let prGetName: UInt64 = 16
    static let fionread: UInt64 = 0x541B
    static let fGetFD: UInt64 = 1
    static let fSetFD: UInt64 = 2
    static let fGetFL: UInt64 = 3
    static let fSetFL: UInt64 = 4
    static let protWrite: UInt64 = 0x2
    static let protExec: UInt64 = 0x4
    /// O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_PATH | __O_TMPFILE: any of them
    /// means the open is not a plain read.
    static let writeIntent: UInt64 = 0x1 | 0x2 | 0x40 | 0x200 | 0x400 | 0x20_0000 | 0x40_0000
    static let eacces: Int32 = 13
    static let enosys: Int32 = 38
}
