/// The seccomp policy, as data: one rule per line, each with its reason, in sections a reader
/// can audit top to bottom. The mechanism that turns it into a filter is in Sandbox.swift and
/// CFortress/seccomp.c; this file has no logic.
///
/// Anything not listed fails with EPERM (deny by default, but a rare path shows an error, not a
/// dead process). Calls that only an attacker would make kill the process at once.
///
/// Every allowed call is narrowed to the argument values the server uses (measured with
/// strace and `--sandbox-report` over the end-to-end sessions, DNS included), or says after
/// "not narrowed:" why no argument check would help: seccomp sees registers, not the memory a
/// pointer names, and a descriptor number says nothing about what it is.
///
/// After lockdown no executable mapping can be made: `mmap` and `mprotect` never take
/// PROT_EXEC (nor does anything else that could: pkey_mprotect, remap_file_pages, shmat are
/// not allowed). What would need one later is loaded before the filter: the NSS modules of the
/// `hosts:` line (NameServiceModules). What cannot be preloaded: any other library a code path
/// would dlopen() on first use. None is known on the server's paths: the release binary links
/// the unwinder statically (no libgcc_s for pthread_exit/cancel), getaddrinfo is never asked
/// for IDN (no libidn2), and iconv is not used (no gconv modules); such a load would fail with
/// EPERM instead of mapping code.
package struct SyscallPolicy: Sendable {
    package struct Section: Sendable {
        package let title: String
        package let rules: [SyscallRule]
    }

    package let sections: [Section]
    package var rules: [SyscallRule] { sections.flatMap(\.rules) }

    /// Why a call on a descriptor is allowed for every descriptor.
    static let anyDescriptor = "seccomp cannot tell which object a descriptor number names"

    /// Added to the filter only in a build under AddressSanitizer or ThreadSanitizer (a test
    /// build): their runtime calls pthread_getattr_np on every thread it starts, which asks the
    /// new thread's affinity by its thread id; refused, the runtime stops the process.
    package static let sanitizerRuntime: [SyscallRule] = [
        .allowAny(
            "sched_getaffinity", "the affinity of a thread the sanitizer starts (test builds only)",
            notNarrowed: "the runtime names the new thread by its id, which no rule can know in advance"),
        .allow("madvise", when: [.equals(2, 15)], "the sanitizer runtime's shadow memory: MADV_NOHUGEPAGE (test builds only)"),
        .allow("madvise", when: [.equals(2, 16)], "the sanitizer runtime's shadow memory: MADV_DONTDUMP (test builds only)"),
    ]

    package static let production = SyscallPolicy(sections: [
        Section(
            title: "stdio, files and sockets",
            rules: [
                .allowAny("read", "stdin, TLS sockets, the eventfd NIO wakes on", notNarrowed: anyDescriptor),
                .allowAny("write", "stdout (protocol), stderr (diagnostics), sockets", notNarrowed: anyDescriptor),
                .allowAny("readv", "scattered socket reads", notNarrowed: anyDescriptor),
                .allowAny("writev", "NIO's gathering socket writes; glibc's DNS over TCP", notNarrowed: anyDescriptor),
                .allowAny("close", "sockets and descriptors we opened", notNarrowed: anyDescriptor),
                .allowAny("lseek", "libc's buffered reads of configuration files", notNarrowed: "every whence only moves a file offset of our own"),
                .allow(
                    "openat", when: [.maskedEquals(2, mask: Flags.writeIntent, 0)],
                    "read-only opens: DNS configuration, TLS trust store, CPU-count probes (Landlock decides which files)"),
                .allowAny(
                    "newfstatat", "stat of files libc reads for DNS and TLS, and of open descriptors",
                    notNarrowed: "the path is behind a pointer; metadata only, and Landlock governs reads"),
                .allowAny("fstat", "size of a file being read", notNarrowed: anyDescriptor),
                .allowAny(
                    "statfs", "NIO's cgroup version probe for the CPU count",
                    notNarrowed: "the path is behind a pointer; it returns filesystem metadata only"),
                .allow(
                    "socket",
                    when: [
                        .equals(0, Flags.afInet), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockStream),
                        .equals(2, Flags.ipprotoDefault),
                    ],
                    "outbound TCP to Coolify over IPv4 (protocol 0: TCP)"),
                .allow(
                    "socket",
                    when: [
                        .equals(0, Flags.afInet), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockStream),
                        .equals(2, Flags.ipprotoTCP),
                    ],
                    "outbound TCP to Coolify over IPv4 (IPPROTO_TCP); MPTCP and SCTP stay refused"),
                .allow(
                    "socket",
                    when: [
                        .equals(0, Flags.afInet6), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockStream),
                        .equals(2, Flags.ipprotoDefault),
                    ],
                    "outbound TCP to Coolify over IPv6 (protocol 0: TCP)"),
                .allow(
                    "socket",
                    when: [
                        .equals(0, Flags.afInet6), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockStream),
                        .equals(2, Flags.ipprotoTCP),
                    ],
                    "outbound TCP to Coolify over IPv6 (IPPROTO_TCP)"),
                .allow(
                    "socket",
                    when: [
                        .equals(0, Flags.afInet), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockDgram),
                        .equals(2, Flags.ipprotoDefault),
                    ],
                    "UDP to the DNS resolver over IPv4 (protocol 0: UDP)"),
                .allow(
                    "socket",
                    when: [
                        .equals(0, Flags.afInet), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockDgram),
                        .equals(2, Flags.ipprotoUDP),
                    ],
                    "UDP to the DNS resolver over IPv4 (IPPROTO_UDP); ICMP echo and UDP-Lite stay refused"),
                .allow(
                    "socket",
                    when: [
                        .equals(0, Flags.afInet6), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockDgram),
                        .equals(2, Flags.ipprotoDefault),
                    ],
                    "UDP to the DNS resolver over IPv6 (protocol 0: UDP)"),
                .allow(
                    "socket",
                    when: [
                        .equals(0, Flags.afInet6), .maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockDgram),
                        .equals(2, Flags.ipprotoUDP),
                    ],
                    "UDP to the DNS resolver over IPv6 (IPPROTO_UDP)"),
                .allowAny(
                    "connect", "to Coolify and the DNS resolver",
                    notNarrowed: "the address is behind a pointer; Landlock restricts TCP ports to Coolify's and 53"),
                .allow("getsockopt", when: [.equals(1, Flags.solSocket), .equals(2, Flags.soError)], "NIO reads a connection's outcome (SO_ERROR)"),
                .allow("setsockopt", when: [.equals(1, Flags.solTCP), .equals(2, Flags.tcpNoDelay)], "NIO's TCP_NODELAY"),
                .allow("setsockopt", when: [.equals(1, Flags.solIP), .equals(2, Flags.ipRecvErr)], "glibc's resolver: ICMP errors on its IPv4 UDP socket"),
                .allow("setsockopt", when: [.equals(1, Flags.solIPv6), .equals(2, Flags.ipv6RecvErr)], "glibc's resolver: ICMP errors on its IPv6 UDP socket"),
                .allowAny("getsockname", "NIO records local addresses", notNarrowed: anyDescriptor),
                .allowAny("getpeername", "NIO records remote addresses", notNarrowed: anyDescriptor),
                .allowAny("shutdown", "closing a connection", notNarrowed: anyDescriptor),
                .allow("sendto", when: [.equals(3, Flags.msgNoSignal)], "glibc's resolver sends one query at a time when sendmmsg fails"),
                .allow("sendmmsg", when: [.equals(3, Flags.msgNoSignal)], "glibc's resolver sends the A and AAAA queries together"),
                .allow("recvfrom", when: [.equals(3, 0)], "DNS answers"),
                .allowAny(
                    "poll", "glibc's resolver waits for answers; the reader checks stdin",
                    notNarrowed: "descriptors and events are behind a pointer"),
                .allowAny("ppoll", "poll on newer libc", notNarrowed: "descriptors and events are behind a pointer"),
                .allow("ioctl", when: [.equals(1, Flags.fionread)], "glibc sizes a DNS answer (FIONREAD)"),
                .allow("fcntl", when: [.equals(1, Flags.fGetFD)], "descriptor flags"),
                .allow("fcntl", when: [.equals(1, Flags.fSetFD), .equals(2, Flags.fdCloexec)], "close-on-exec, and nothing else"),
                .allow("fcntl", when: [.equals(1, Flags.fGetFL)], "status flags"),
                .allow(
                    "fcntl", when: [.equals(1, Flags.fSetFL), .maskedEquals(2, mask: Flags.statusFlagsBeyondNonblock, 0)],
                    "non-blocking descriptors (no O_APPEND, O_ASYNC, O_DIRECT, O_NOATIME)"),
                .allowAny("epoll_create", "NIO event loop", notNarrowed: "its one argument is a size hint the kernel ignores"),
                .allow("epoll_create1", when: [.equals(0, Flags.epollCloexec)], "Dispatch's event loop"),
                .allowAny("epoll_ctl", "NIO event loop", notNarrowed: anyDescriptor),
                .allowAny("epoll_wait", "NIO event loop", notNarrowed: anyDescriptor),
                .allowAny("epoll_pwait", "NIO event loop on newer libc", notNarrowed: anyDescriptor),
                .allow("eventfd2", when: [.equals(1, Flags.efdCloexecNonblock)], "NIO and Dispatch wake-ups"),
                .allow("timerfd_create", when: [.equals(0, Flags.clockMonotonic)], "NIO timers"),
                .allow("timerfd_create", when: [.equals(0, Flags.clockRealtime)], "Dispatch's wall-clock timers"),
                .allow("timerfd_create", when: [.equals(0, Flags.clockBoottime)], "Dispatch's uptime timers"),
                .allowAny("timerfd_settime", "NIO timers", notNarrowed: anyDescriptor),
            ]),
        Section(
            title: "memory: never executable after lockdown",
            rules: [
                .allow("mmap", when: [.maskedEquals(2, mask: Flags.protExec, 0)], "memory, thread stacks; never executable"),
                .allow("mprotect", when: [.maskedEquals(2, mask: Flags.protExec, 0)], "thread stacks and guard pages; never executable"),
                .allowAny("munmap", "freeing memory", notNarrowed: "it can only remove mappings of our own"),
                .allow(
                    "mremap", when: [.maskedEquals(3, mask: ~Flags.mremapMayMove, 0)],
                    "glibc's realloc of large blocks (MREMAP_MAYMOVE; no MREMAP_FIXED or MREMAP_DONTUNMAP)"),
                .allowAny("brk", "growing the heap", notNarrowed: "its one argument is the heap's end"),
                .allow("madvise", when: [.equals(2, Flags.madvDontNeed)], "glibc returns freed memory and idle thread stacks"),
                .allow("madvise", when: [.equals(2, Flags.madvWipeOnFork)], "BoringSSL's fork detection"),
            ]),
        Section(
            title: "threads and the process itself",
            rules: [
                .allow("futex", when: [.maskedEquals(1, mask: Flags.futexCommandMask, Flags.futexWait)], "locks and condition variables"),
                .allow("futex", when: [.maskedEquals(1, mask: Flags.futexCommandMask, Flags.futexWake)], "locks and condition variables"),
                .allow(
                    "futex", when: [.maskedEquals(1, mask: Flags.futexCommandMask, Flags.futexWaitBitset)],
                    "glibc's condition variables and timed waits, thread joins"),
                .allow("futex", when: [.maskedEquals(1, mask: Flags.futexCommandMask, Flags.futexLockPI)], "Swift's Mutex (priority inheritance)"),
                .allow("futex", when: [.maskedEquals(1, mask: Flags.futexCommandMask, Flags.futexUnlockPI)], "Swift's Mutex (priority inheritance)"),
                .allow("futex", when: [.maskedEquals(1, mask: Flags.futexCommandMask, Flags.futexTrylockPI)], "Swift's Mutex.withLockIfAvailable"),
                .allow(
                    "clone", when: [.maskedEquals(0, mask: Flags.cloneFlagsChecked, Flags.cloneThreadRequired)],
                    "new threads only (glibc's and musl's flag sets): no fork, no namespaces, no ptrace, no vfork"),
                .allowAny("set_robust_list", "thread start", notNarrowed: "it registers a list of the calling thread's own"),
                .allowAny("rseq", "thread start", notNarrowed: "it registers an area of the calling thread's own"),
                .allowAny("gettid", "thread identity", notNarrowed: "it takes no arguments"),
                .allowAny("getpid", "process identity", notNarrowed: "it takes no arguments"),
                .allowAny("getuid", "identity checks", notNarrowed: "it takes no arguments"),
                .allowAny("geteuid", "identity checks", notNarrowed: "it takes no arguments"),
                .allowAny(
                    "uname", "glibc's resolver takes its default domain from the host name",
                    notNarrowed: "its one argument is the buffer it fills"),
                .allowAny("sched_yield", "spin locks", notNarrowed: "it takes no arguments"),
                .allow("sched_getaffinity", when: [.equals(0, 0)], "CPU count of this process (glibc's fallback when /sys is unreadable)"),
                .allow("sched_getaffinity", when: [.equalsOwnProcessID(0)], "CPU count of this process, named by its pid"),
                .allow("setpriority", when: [.equals(0, Flags.prioProcess), .equals(1, 0)], "NIO and Dispatch set their own thread's priority"),
                .allow("setpriority", when: [.equals(0, Flags.prioProcess), .equalsOwnProcessID(1)], "the same, naming this process by its pid"),
                .allow("prctl", when: [.equals(0, Flags.prSetName)], "thread names"),
                .allow("prctl", when: [.equals(0, Flags.prGetName)], "thread names"),
                .allow("prlimit64", when: [.equals(0, 0), .equals(2, 0)], "reading a limit of this process (stack size); never setting one"),
                .allow("prlimit64", when: [.equalsOwnProcessID(0), .equals(2, 0)], "the same, naming this process by its pid"),
                .allow("getrandom", when: [.equals(2, 0)], "TLS keys, hash seeds, JSON-RPC markers"),
                .allow("getrandom", when: [.equals(2, Flags.grndNonblock)], "the Swift runtime's hash seed"),
                .allow("membarrier", when: [.equals(0, Flags.membarrierQuery)], "the Swift runtime asks which barriers exist"),
                .allow("membarrier", when: [.equals(0, Flags.membarrierPrivateExpedited)], "barriers across this process's threads only"),
                .allow("membarrier", when: [.equals(0, Flags.membarrierRegisterPrivateExpedited)], "registering for them"),
            ]),
        Section(
            title: "signals, time, exit",
            rules: [
                .allowAny("rt_sigprocmask", "signal masks of new threads", notNarrowed: "it changes the calling thread's own mask"),
                .allow("rt_sigaction", when: [.equals(0, Flags.sigpipe)], "NIO ignores SIGPIPE"),
                .allow("rt_sigaction", when: [.equals(0, Flags.sigSetXID)], "glibc's handler for its set*id broadcast, installed with the first thread"),
                .allowAny("rt_sigreturn", "returning from a handler; without it the first signal kills", notNarrowed: "it takes no arguments"),
                .allowAny("rt_sigtimedwait", "the signal-watcher thread (sigwait)", notNarrowed: "the signal set is behind a pointer"),
                .allowAny(
                    "rt_sigsuspend", "an idle main thread parks here; refused, it spins a core",
                    notNarrowed: "the signal mask is behind a pointer"),
                .allowAny("sigaltstack", "per-thread signal stacks", notNarrowed: "it sets the calling thread's own stack"),
                .allowAny("nanosleep", "short waits", notNarrowed: "it only sleeps"),
                .allowAny("clock_nanosleep", "short waits", notNarrowed: "it only sleeps, on any clock"),
                .allowAny("clock_gettime", "timeouts (vDSO fallback)", notNarrowed: "it only reads a clock"),
                .allowAny("gettimeofday", "timestamps (vDSO fallback)", notNarrowed: "it only reads the clock"),
                .allowAny("exit", "thread exit", notNarrowed: "its one argument is the status"),
                .allowAny("exit_group", "process exit", notNarrowed: "its one argument is the status"),
            ]),
        Section(
            title: "quiet refusals (the caller has a fallback)",
            rules: [
                .refuse("clone3", errno: Flags.enosys, "its flags sit behind a pointer seccomp cannot read; glibc falls back to clone"),
                .refuse("socket", when: [.equals(0, Flags.afUnix)], errno: Flags.eacces, "glibc tries nscd first, then DNS itself"),
                .refuse(
                    "madvise", when: [.maskedEquals(2, mask: 0xFFFF_FFFF, 0xFFFF_FFFF)], errno: Flags.einval,
                    "BoringSSL checks that unknown advice (-1) fails before it trusts MADV_WIPEONFORK; the kernel's own answer"),
            ]),
        Section(
            title: "never: the process is killed",
            rules: [
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
        /// The argument equals this process's id, read when the filter is built (on the main
        /// thread, whose thread id it is too).
        case equalsOwnProcessID(_ argument: UInt32)
    }

    /// The most conditions one rule may carry (CFortressRule.checks).
    package static let maximumConditions = 3

    /// Marks the reason of a rule allowed for every argument value, before the explanation.
    package static let notNarrowedMarker = "not narrowed: "

    package let name: String
    package let action: Action
    package let conditions: [Condition]
    package let reason: String

    /// Allowed when every condition holds (PolicyLintTests checks there is at least one).
    static func allow(_ name: String, when conditions: [Condition], _ reason: String) -> SyscallRule {
        SyscallRule(name: name, action: .allow, conditions: conditions, reason: reason)
    }

    /// Allowed whatever the arguments; `notNarrowed` says why no argument check would help.
    static func allowAny(_ name: String, _ reason: String, notNarrowed: String) -> SyscallRule {
        SyscallRule(name: name, action: .allow, conditions: [], reason: "\(reason); \(notNarrowedMarker)\(notNarrowed)")
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
    /// socket()'s second argument without SOCK_NONBLOCK (0x800) and SOCK_CLOEXEC (0x80000): the
    /// type must be exactly SOCK_STREAM or SOCK_DGRAM and no other bit may be set.
    static let socketTypeMask: UInt64 = ~(0x800 | 0x8_0000)
    /// Protocol 0 picks TCP for a stream socket and UDP for a datagram one.
    static let ipprotoDefault: UInt64 = 0
    static let ipprotoTCP: UInt64 = 6
    static let ipprotoUDP: UInt64 = 17
    static let solSocket: UInt64 = 1
    static let soError: UInt64 = 4
    static let solIP: UInt64 = 0
    static let ipRecvErr: UInt64 = 11
    static let solTCP: UInt64 = 6
    static let tcpNoDelay: UInt64 = 1
    static let solIPv6: UInt64 = 41
    static let ipv6RecvErr: UInt64 = 25
    static let msgNoSignal: UInt64 = 0x4000
    static let cloneThread: UInt64 = 0x1_0000
    /// CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS:
    /// what every thread-creating clone sets.
    static let cloneThreadRequired: UInt64 = 0x100 | 0x200 | 0x400 | 0x800 | 0x1_0000 | 0x4_0000 | 0x8_0000
    /// CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID: thread-id
    /// bookkeeping a libc may add. Every other bit (the exit signal, CLONE_NEW*, CLONE_PTRACE,
    /// CLONE_VFORK, CLONE_PARENT, CLONE_UNTRACED, CLONE_IO, CLONE_PIDFD) must be clear.
    static let cloneThreadOptional: UInt64 = 0x10_0000 | 0x20_0000 | 0x40_0000 | 0x100_0000
    /// The bits of clone()'s flags the filter compares: the kernel reads the low 32 bits only.
    static let cloneFlagsChecked: UInt64 = ~cloneThreadOptional & 0xFFFF_FFFF
    /// CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID,
    /// CLONE_NEWNET and CLONE_NEWTIME (0x80): the lint checks none can pass.
    static let cloneNamespaces: UInt64 = 0x2_0000 | 0x200_0000 | 0x400_0000 | 0x800_0000 | 0x1000_0000 | 0x2000_0000 | 0x4000_0000 | 0x80
    static let prSetName: UInt64 = 15
    static let prGetName: UInt64 = 16
    static let prioProcess: UInt64 = 0
    static let fionread: UInt64 = 0x541B
    static let fGetFD: UInt64 = 1
    static let fSetFD: UInt64 = 2
    static let fGetFL: UInt64 = 3
    static let fSetFL: UInt64 = 4
    static let fdCloexec: UInt64 = 1
    /// O_APPEND | O_ASYNC | O_DIRECT | O_NOATIME: the status flags F_SETFL could change besides O_NONBLOCK.
    static let statusFlagsBeyondNonblock: UInt64 = 0x400 | 0x2000 | 0x4000 | 0x4_0000
    static let epollCloexec: UInt64 = 0x8_0000
    static let efdCloexecNonblock: UInt64 = 0x8_0000 | 0x800
    static let clockRealtime: UInt64 = 0
    static let clockMonotonic: UInt64 = 1
    static let clockBoottime: UInt64 = 7
    static let protWrite: UInt64 = 0x2
    static let protExec: UInt64 = 0x4
    static let mremapMayMove: UInt64 = 1
    static let madvDontNeed: UInt64 = 4
    static let madvWipeOnFork: UInt64 = 18
    /// The futex command without FUTEX_PRIVATE_FLAG (128) and FUTEX_CLOCK_REALTIME (256).
    static let futexCommandMask: UInt64 = ~(0x80 | 0x100)
    static let futexWait: UInt64 = 0
    static let futexWake: UInt64 = 1
    static let futexLockPI: UInt64 = 6
    static let futexUnlockPI: UInt64 = 7
    static let futexTrylockPI: UInt64 = 8
    static let futexWaitBitset: UInt64 = 9
    static let grndNonblock: UInt64 = 1
    static let membarrierQuery: UInt64 = 0
    static let membarrierPrivateExpedited: UInt64 = 8
    static let membarrierRegisterPrivateExpedited: UInt64 = 16
    static let sigpipe: UInt64 = 13
    /// SIGRTMIN + 1, glibc's SIGSETXID.
    static let sigSetXID: UInt64 = 33
    /// O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_PATH | __O_TMPFILE: any of them
    /// means the open is not a plain read.
    static let writeIntent: UInt64 = 0x1 | 0x2 | 0x40 | 0x200 | 0x400 | 0x20_0000 | 0x40_0000
    static let eacces: Int32 = 13
    static let einval: Int32 = 22
    static let enosys: Int32 = 38
}
