internal import CFortress

#if canImport(Glibc)
    import Glibc
#endif

/// Process-wide hardening that needs no policy: after it, a same-user process (an IDE
/// extension, say) can neither read our memory or environment through /proc nor ptrace us,
/// no core file is written, and nothing we start can gain privileges.
package enum Hardening {
    /// The byte glibc writes over freed heap chunks (M_PERTURB), so request buffers that held
    /// the Authorization header do not keep it after they are freed.
    static let perturbByte: Int32 = 0x5A

    package static func apply() throws(FortressError) {
        // Descriptors a parent left open (a writable file, a socket, docker.sock) would be
        // usable from inside the sandbox, which filters how files are opened, not what is held.
        let closed = CFortress_close_inherited_descriptors()
        if closed != 0 { throw FortressError(.hardening(step: "closing inherited descriptors", errno: -closed)) }
        // Crash paths zero the secret too, before the default action ends the process.
        if CFortress_install_crash_wipe() != 0 { throw FortressError(.hardening(step: "crash handlers", errno: errno)) }
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        if setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore) != 0 {
            throw FortressError(.hardening(step: "RLIMIT_CORE", errno: errno))
        }
        // Non-dumpable: /proc/PID/{mem,environ,maps} become root-owned and ptrace attach by the
        // same uid is refused. This kernel has no Yama, so this is the only barrier.
        if CFortress_set_dumpable(0) != 0 { throw FortressError(.hardening(step: "PR_SET_DUMPABLE", errno: errno)) }
        if CFortress_set_no_new_privs() != 0 { throw FortressError(.hardening(step: "PR_SET_NO_NEW_PRIVS", errno: errno)) }
        if CFortress_set_malloc_perturb(perturbByte) != 0 { throw FortressError(.hardening(step: "M_PERTURB", errno: EINVAL)) }
    }

    package static var isDumpable: Bool { CFortress_get_dumpable() != 0 }
    package static var hasNoNewPrivs: Bool { CFortress_get_no_new_privs() == 1 }
    package static var threadCount: Int { Int(CFortress_thread_count()) }
}

/// The one way out of the process: zero every registered secret, then _exit. No atexit
/// handler or destructor runs after the wipe.
package enum Fortress {
    package static func exit(_ status: Int32) -> Never {
        CFortress_exit(status)
    }
}
