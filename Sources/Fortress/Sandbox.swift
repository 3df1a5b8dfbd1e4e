internal import CFortress

#if canImport(Glibc)
    import Glibc
#endif

/// Installs the seccomp policy (and, where the kernel has it, Landlock) on the calling thread.
/// Must run while the process has exactly one thread: Landlock has no TSYNC, and every thread
/// created later inherits both layers.
package enum Sandbox {
    package enum Mode: Sendable, Equatable {
        /// Refused calls fail with EPERM; dangerous ones kill the process.
        case enforce
        /// As `enforce`, but each refusal also prints the syscall's name on stderr.
        case report
        /// No sandbox at all (`--unsafe-no-sandbox`).
        case off
    }

    /// What was installed, for the startup line on stderr and for tests.
    package struct Status: Sendable, Equatable {
        package var seccomp: Bool
        /// The Landlock ABI enforced, 0 if none.
        package var landlockABI: Int
        package var notes: [String]
    }

    /// Landlock first (its own syscalls then need no place in the allowlist), then seccomp.
    package static func lockDown(_ policy: SyscallPolicy, landlock: LandlockRules?, mode: Mode) throws(FortressError) -> Status {
        guard mode != .off else {
            return Status(
                seccomp: false, landlockABI: 0,
                notes: ["WARNING: sandbox disabled by --unsafe-no-sandbox: no seccomp, no Landlock"])
        }
        let threads = Hardening.threadCount
        guard threads == 1 else { throw FortressError(.threadsAlreadyRunning(count: threads)) }
        var status = Status(seccomp: false, landlockABI: 0, notes: [])
        if let landlock {
            let applied = try Landlock.apply(landlock)
            status.landlockABI = applied.abi
            status.notes += applied.notes
        }
        if mode == .report {
            installReporter()
        }
        try build(policy, mode: mode, pfcDescriptor: -1, load: true)
        status.seccomp = true
        return status
    }

    /// libseccomp's readable pseudo-code of the filter `lockDown` would install, then the
    /// Landlock rules.
    package static func printPolicy(_ policy: SyscallPolicy, landlock: LandlockRules?, mode: Mode, to descriptor: Int32) throws(FortressError) {
        let note = Array(
            "# rules that let the process name itself compare with the pid of the process that builds the filter: \(getpid()) in this printout, the server's own pid when it runs\n"
                .utf8)
        _ = note.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        try build(policy, mode: mode, pfcDescriptor: descriptor, load: false)
        if let landlock {
            let text = Array(Landlock.describe(landlock).utf8)
            _ = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        }
    }

    /// The syscall number of `name` on this architecture, if it has one.
    package static func syscallNumber(_ name: String) -> Int? {
        let number = CFortress_syscall_number(name)
        return number < 0 ? nil : Int(number)
    }

    private static func build(_ policy: SyscallPolicy, mode: Mode, pfcDescriptor: Int32, load: Bool) throws(FortressError) {
        // Test builds only: a sanitizer's runtime reads each new thread's attributes, and glibc
        // asks the thread's affinity by its id (which no rule can name). Never in a release.
        let rules = policy.rules + (CFortress_built_with_sanitizer() != 0 ? SyscallPolicy.sanitizerRuntime : [])
        // The C strings must outlive the call: keep them in one array freed afterwards.
        let names = rules.map { strdup($0.name) }
        defer { names.forEach { free($0) } }
        let defaultAction = mode == .report ? CFortressActTrap : errnoAction(1)
        // Rules that let the process name itself compare with this value. lockDown runs on the
        // only thread, the main one, so it is also that thread's id.
        let ownProcessID = UInt64(getpid())
        var cRules = [CFortressRule]()
        cRules.reserveCapacity(rules.count)
        for (index, rule) in rules.enumerated() {
            var cRule = CFortressRule()
            cRule.name = UnsafePointer(names[index])
            cRule.action = action(rule.action)
            guard rule.conditions.count <= SyscallRule.maximumConditions else {
                throw FortressError(.sandbox(step: "seccomp rule for \(rule.name): more than \(SyscallRule.maximumConditions) conditions", errno: EINVAL))
            }
            cRule.count = UInt32(rule.conditions.count)
            withUnsafeMutableBytes(of: &cRule.checks) { raw in
                let checks = raw.bindMemory(to: CFortressArgCheck.self)
                for (slot, condition) in rule.conditions.enumerated() {
                    switch condition {
                    case .equals(let argument, let value):
                        checks[slot] = CFortressArgCheck(index: argument, op: UInt32(CFortressCmpEq.rawValue), a: value, b: 0)
                    case .maskedEquals(let argument, let mask, let value):
                        checks[slot] = CFortressArgCheck(index: argument, op: UInt32(CFortressCmpMaskedEq.rawValue), a: mask, b: value)
                    case .equalsOwnProcessID(let argument):
                        checks[slot] = CFortressArgCheck(index: argument, op: UInt32(CFortressCmpEq.rawValue), a: ownProcessID, b: 0)
                    }
                }
            }
            cRules.append(cRule)
        }
        var failed: Int32 = -1
        let rc = CFortress_seccomp_build(
            cRules, cRules.count, defaultAction, CFortressActKillProcess,
            pfcDescriptor, load ? 1 : 0, &failed)
        if rc != 0 {
            let step = failed >= 0 ? "seccomp rule for \(rules[Int(failed)].name)" : "seccomp load"
            throw FortressError(.sandbox(step: step, errno: -rc))
        }
    }

    private static func action(_ action: SyscallRule.Action) -> UInt32 {
        switch action {
        case .allow: return CFortressActAllow
        case .refuse(let code): return errnoAction(code)
        case .kill: return CFortressActKillProcess
        }
    }

    private static func errnoAction(_ code: Int32) -> UInt32 {
        CFortressActErrnoBase | UInt32(code & 0xFFFF)
    }

    /// The SIGSYS handler may only call write(2), so the number-to-name table is built here,
    /// before the filter exists, and kept for the life of the process.
    private static func installReporter() {
        let count = 512
        let table = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: count)
        for number in 0..<count {
            table[number] = CFortress_syscall_name(Int32(number))
        }
        _ = CFortress_install_sigsys_reporter(table, count)
    }
}
