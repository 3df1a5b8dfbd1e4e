internal import Fortress

/// The way every part of the program ends the process: through the security core's funnel,
/// which zeroes every registered secret and then calls _exit (no atexit handler or destructor
/// runs after the wipe).
package enum ProcessExit {
    package static func now(_ status: Int32) -> Never {
        Fortress.exit(status)
    }

    /// Ends the process cleanly when a termination signal arrives (after `TerminationSignals.block()`).
    package static func onTerminationSignal() {
        startThread {
            _ = TerminationSignals.wait()
            ProcessExit.now(0)
        }
    }
}
