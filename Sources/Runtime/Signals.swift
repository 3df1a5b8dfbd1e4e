#if canImport(Glibc)
    internal import Glibc
#endif

/// Signals that end the session. They are blocked on the main thread before any other thread
/// exists, so every thread inherits the mask and only the watcher's sigwait receives them.
package enum TerminationSignals {
    static let watched: [Int32] = [SIGTERM, SIGINT, SIGHUP]

    /// Blocks the termination signals and ignores SIGPIPE (a closed stdout becomes EPIPE, which
    /// the writer turns into a clean exit).
    package static func block() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in watched { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        Glibc.signal(SIGPIPE, SIG_IGN)
    }

    /// Waits on the calling thread until a termination signal arrives; returns its number.
    package static func wait() -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in watched { sigaddset(&set, signal) }
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }
}
