@testable import Fortress
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// minijail-style lint of the production seccomp policy, as a test.
@Suite struct PolicyLintTests {
    let policy = SyscallPolicy.production

    /// Calls that can do harm with the wrong arguments: each must carry an argument filter or be
    /// refused or killed outright.
    static let dangerous: Set<String> = [
        "clone", "socket", "ioctl", "prctl", "mmap", "mprotect", "openat", "fcntl", "kill", "tgkill", "tkill",
        "prlimit64", "open", "ptrace", "execve", "execveat", "setuid", "personality", "futex", "madvise",
        "setpriority", "sched_getaffinity", "setsockopt", "getsockopt", "mremap", "membarrier", "rt_sigaction",
    ]

    @Test func everyRuleHasAReason() {
        for rule in policy.rules {
            #expect(rule.reason.count >= 8, "rule for \(rule.name) lacks a reason")
        }
    }

    @Test func noDuplicateRules() {
        var seen = Set<String>()
        for rule in policy.rules {
            let key = "\(rule.name) \(rule.conditions)"
            #expect(!seen.contains(key), "duplicate rule \(key)")
            seen.insert(key)
        }
    }

    @Test func oneNameHasOneKindOfAction() {
        // allow for some arguments and refuse for others is fine; kill and allow for one name is not.
        var actions: [String: Set<String>] = [:]
        for rule in policy.rules {
            let kind: String
            switch rule.action {
            case .allow: kind = "allow"
            case .refuse: kind = "refuse"
            case .kill: kind = "kill"
            }
            actions[rule.name, default: []].insert(kind)
        }
        for (name, kinds) in actions {
            #expect(!(kinds.contains("kill") && kinds.count > 1), "\(name) is both killed and \(kinds)")
        }
    }

    @Test func everyNameResolvesOnThisArchitecture() {
        for rule in policy.rules {
            #expect(Sandbox.syscallNumber(rule.name) != nil, "\(rule.name) is not a syscall here")
        }
    }

    @Test func dangerousCallsAreFilteredOrRefused() {
        for rule in policy.rules where Self.dangerous.contains(rule.name) {
            if rule.action == .allow {
                #expect(!rule.conditions.isEmpty, "\(rule.name) is allowed without an argument filter")
            }
        }
    }

    @Test(arguments: [
        "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev", "bpf", "mount", "umount2",
        "unshare", "setns", "init_module", "finit_module", "kexec_load", "keyctl", "add_key", "request_key",
        "personality", "io_uring_setup", "userfaultfd", "perf_event_open",
    ])
    func theIssueListIsKilled(_ name: String) {
        let rules = policy.rules.filter { $0.name == name }
        #expect(rules.count == 1 && rules.first?.action == .kill, "\(name) must kill the process")
    }

    @Test func everyAllowedCallIsNarrowedOrSaysWhyNot() {
        for rule in policy.rules where rule.action == .allow && rule.conditions.isEmpty {
            let explanation = rule.reason.components(separatedBy: SyscallRule.notNarrowedMarker).dropFirst().first ?? ""
            #expect(explanation.count >= 12, "\(rule.name) is allowed for every argument without saying why it cannot be narrowed")
        }
    }

    @Test func noRuleCarriesMoreConditionsThanTheFilterTakes() {
        for rule in policy.rules {
            #expect(rule.conditions.count <= SyscallRule.maximumConditions, "\(rule.name) has \(rule.conditions.count) conditions")
        }
    }

    /// No executable mapping after lockdown: every allowed mmap and mprotect requires the
    /// PROT_EXEC bit clear, and nothing else that can make memory executable is allowed.
    @Test func neverAllowsExecutableMemory() {
        for rule in policy.rules where ["mmap", "mprotect"].contains(rule.name) && rule.action == .allow {
            let execCleared = rule.conditions.contains {
                if case .maskedEquals(2, let mask, let value) = $0 { return mask & Flags.protExec != 0 && value & Flags.protExec == 0 }
                return false
            }
            #expect(execCleared, "\(rule.name) rule allows PROT_EXEC: \(rule.conditions)")
        }
        for name in ["pkey_mprotect", "remap_file_pages", "shmat", "mmap2", "execve", "execveat", "memfd_create", "personality"] {
            #expect(!policy.rules.contains { $0.name == name && $0.action == .allow }, "\(name) is allowed")
        }
    }

    /// Exactly TCP for stream sockets and UDP for datagram sockets, over IPv4 or IPv6: MPTCP
    /// (which Landlock's port rules do not cover), SCTP, ICMP echo, UDP-Lite and raw protocol
    /// numbers never pass.
    @Test func socketsAreTCPAndUDPOverInternetOnly() {
        let allowed = policy.rules.filter { $0.name == "socket" && $0.action == .allow }
        #expect(allowed.count == 8)
        for rule in allowed {
            #expect(rule.conditions.count == 3)
            #expect(rule.conditions.contains(.equals(0, Flags.afInet)) || rule.conditions.contains(.equals(0, Flags.afInet6)))
            let stream = rule.conditions.contains(.maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockStream))
            let datagram = rule.conditions.contains(.maskedEquals(1, mask: Flags.socketTypeMask, Flags.sockDgram))
            #expect(stream != datagram)
            let protocols: Set<UInt64> = stream ? [0, 6] : [0, 17]
            let protocolChecks = rule.conditions.compactMap { condition -> UInt64? in
                if case .equals(2, let value) = condition { return value }
                return nil
            }
            #expect(protocolChecks.count == 1 && protocols.contains(protocolChecks[0]), "\(rule.conditions)")
        }
        // Only SOCK_NONBLOCK and SOCK_CLOEXEC may accompany the type.
        #expect(Flags.socketTypeMask & 0xF == 0xF)
        #expect(~Flags.socketTypeMask == 0x800 | 0x8_0000)
        #expect(!policy.rules.contains { ["bind", "listen", "accept", "accept4", "socketpair"].contains($0.name) && $0.action == .allow })
    }

    /// Futex commands the server uses (the private and realtime-clock bits aside); the requeue
    /// family, the source of more than one kernel exploit, is not among them.
    @Test func futexIsFilteredByCommand() {
        let rules = policy.rules.filter { $0.name == "futex" && $0.action == .allow }
        #expect(!rules.isEmpty)
        for rule in rules {
            guard rule.conditions.count == 1, case .maskedEquals(1, let mask, let command) = rule.conditions[0] else {
                Issue.record("futex rule without a command check: \(rule.conditions)")
                continue
            }
            #expect(mask == ~UInt64(0x80 | 0x100))
            #expect(![3, 4, 5, 11, 12].contains(command), "futex command \(command) (requeue or wake-op) is allowed")
        }
    }

    @Test func madviseIsFilteredByAdvice() {
        let advice = policy.rules.filter { $0.name == "madvise" && $0.action == .allow }.map(\.conditions)
        #expect(Set(advice.map { "\($0)" }) == Set([[SyscallRule.Condition.equals(2, 4)], [.equals(2, 18)]].map { "\($0)" }))
    }

    /// Threads only: every allowed clone must set CLONE_THREAD and the rest of a thread's flags,
    /// and no namespace, ptrace, vfork or parent bit can pass.
    @Test func cloneMakesThreadsOnly() {
        let rules = policy.rules.filter { $0.name == "clone" && $0.action == .allow }
        #expect(rules.count == 1)
        for rule in rules {
            guard case .maskedEquals(0, let mask, let value) = rule.conditions.first else {
                Issue.record("clone rule without a flags check")
                continue
            }
            #expect(value & Flags.cloneThread != 0 && mask & Flags.cloneThread != 0)
            let forbidden: UInt64 =
                Flags.cloneNamespaces | 0x2000 /* PTRACE */ | 0x4000 /* VFORK */ | 0x8000 /* PARENT */
                | 0x80_0000 /* UNTRACED */ | 0x8000_0000 /* IO */ | 0x1000 /* PIDFD */ | 0xFF /* exit signal */
            #expect(mask & forbidden == forbidden && value & forbidden == 0)
            // glibc's pthread_create flags pass.
            #expect(0x3D_0F00 & mask == value)
        }
    }

    /// Calls that name a process reach only this one: pid 0 or our own pid.
    @Test(arguments: [("setpriority", UInt32(1)), ("prlimit64", UInt32(0)), ("sched_getaffinity", UInt32(0))])
    func callsThatNameAProcessNameOnlyThisOne(_ name: String, _ argument: UInt32) {
        let rules = policy.rules.filter { $0.name == name && $0.action == .allow }
        #expect(!rules.isEmpty)
        for rule in rules {
            #expect(
                rule.conditions.contains(.equals(argument, 0)) || rule.conditions.contains(.equalsOwnProcessID(argument)),
                "\(name) may name another process: \(rule.conditions)")
            if name == "setpriority" {
                #expect(rule.conditions.contains(.equals(0, Flags.prioProcess)), "setpriority may name a group or a user")
            }
        }
    }

    @Test func clone3AnswersENOSYSSoGlibcFallsBack() {
        #expect(policy.rules.first { $0.name == "clone3" }?.action == .refuse(errno: 38))
    }

    @Test func printsReadablePseudoCode() throws {
        var template = Array("/tmp/coolify-mcp-pfc-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        defer { close(fd); template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
        try Sandbox.printPolicy(policy, landlock: .production(coolifyPort: 8443), mode: .enforce, to: fd)
        let text = template.withUnsafeBufferPointer { readFileText(String(cString: $0.baseAddress!)) }
        #expect(text.contains("# filter for arch x86_64"))
        #expect(text.contains("if ($syscall == 59)")) // execve, listed so a reader finds it
        #expect(text.contains("action KILL_PROCESS"))
        #expect(text.contains("action ERRNO(1)"))
        #expect(text.contains("tcp connect port 8443"))
        #expect(text.contains("read file /etc/resolv.conf") || text.contains("absent here, no rule: /etc/resolv.conf"))
        #expect(!text.contains("read beneath /etc/ssl"))
    }
}
