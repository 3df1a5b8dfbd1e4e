internal import CTaskHook
internal import NIOCore
package import NIOPosix

/// Where Swift concurrency runs its tasks.
package enum TaskThreads {
    /// Makes NIO's singleton event loops (created lazily, so after the sandbox) Swift
    /// concurrency's global executor, before any task exists. Dispatch's worker pool then stays
    /// idle, and with it libdispatch's monitor, which reads /proc/<tid>/stat of each worker and
    /// crashes on purpose when the sandbox refuses; tasks also skip a thread hop to reach the
    /// HTTP client. Returns false if the runtime's hook could not be found.
    package static func runOnEventLoops() -> Bool {
        CTaskHook_install { job in
            // The runtime hands over a Job pointer; UnownedJob is that pointer, typed.
            let unowned = unsafeBitCast(job, to: UnownedJob.self)
            TaskThreads.group.any().executor.enqueue(ExecutorJob(unowned))
        } == 1
    }

    /// NIO's singleton group with two loops, whatever the core count. Every use in the program
    /// goes through here, so the suggestion is set before the group exists; it is set on first
    /// use (setting it instantiates NIO's atomics, a tenth of a millisecond that the reader
    /// thread no longer spends before its first answer).
    package static var group: MultiThreadedEventLoopGroup { twoLoops }

    private static let twoLoops: MultiThreadedEventLoopGroup = {
        NIOSingletons.groupLoopCountSuggestion = 2
        return MultiThreadedEventLoopGroup.singleton
    }()
}
