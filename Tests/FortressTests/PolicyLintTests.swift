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
        "prlimit64", "open", "ptrace", "execve", "execveat", "setuid", "personality",
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

    @Test(arguments: ["execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev", "bpf", "mount", "umount2",
                      "unshare", "setns", "init_module", "finit_module", "kexec_load", "keyctl", "add_key", "request_key",
                      "personality", "io_uring_setup", "userfaultfd", "perf_event_open"])
    func theIssueListIsKilled(_ name: String) {
        let rules = policy.rules.filter { $0.name == name }
        #expect(rules.count == 1 && rules.first?.action == .kill, "\(name) must kill the process")
    }

    @Test func neverAllowsWritableExecutableMemory() {
        for rule in policy.rules where ["mmap", "mprotect"].contains(rule.name) && rule.action == .allow {
            let masksOutOne = rule.conditions.contains {
                if case .maskedEquals(2, let mask, 0) = $0 { return mask == Flags.protExec || mask == Flags.protWrite }
                return false
            }
            #expect(masksOutOne, "\(rule.name) rule allows PROT_WRITE|PROT_EXEC")
        }
    }

    @Test func socketsAreInternetOnly() {
        let allowed = policy.rules.filter { $0.name == "socket" && $0.action == .allow }
        #expect(allowed.count == 4)
        for rule in allowed {
            #expect(rule.conditions.contains(.equals(0, Flags.afInet)) || rule.conditions.contains(.equals(0, Flags.afInet6)))
            #expect(rule.conditions.contains(.maskedEquals(1, mask: 0xF, Flags.sockStream))
                    || rule.conditions.contains(.maskedEquals(1, mask: 0xF, Flags.sockDgram)))
        }
        #expect(!policy.rules.contains { ["bind", "listen", "accept", "accept4"].contains($0.name) && $0.action == .allow })
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
        #expect(text.contains("if ($syscall == 59)"))  // execve, listed so a reader finds it
        #expect(text.contains("action KILL_PROCESS"))
        #expect(text.contains("action ERRNO(1)"))
        #expect(text.contains("tcp connect port 8443"))
        #expect(text.contains("read beneath /etc/resolv.conf"))
    }
}
