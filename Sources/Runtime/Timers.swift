package import NIOCore
internal import Synchronization

/// Waiting, on event-loop timers only. Task.sleep would wake Dispatch's worker pool, which the
/// sandbox keeps idle (a source rule refuses it in shipped code).
package enum Timers {
    /// Waits `milliseconds` (negative counts as zero). Throws CancellationError when the calling
    /// task is cancelled, at once rather than at the end of the wait.
    package static func pause(milliseconds: Int64) async throws {
        let loop = TaskThreads.group.any()
        let promise = loop.makePromise(of: Void.self)
        let timer = loop.scheduleTask(in: .milliseconds(max(0, milliseconds))) { promise.succeed(()) }
        try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            timer.cancel()
            promise.fail(CancellationError())
        }
    }

    /// Thrown by ``withDeadline(_:_:)`` when the time ran out before `body` finished.
    package struct DeadlineExpired: Error, Sendable {}

    /// Runs `body` until it finishes or `timeout` passes, whichever is first; on expiry `body`'s
    /// task is cancelled and ``DeadlineExpired`` is thrown.
    package static func withDeadline<T: Sendable>(
        _ timeout: TimeAmount, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let work = Task { try await body() }
        let expired = Flag()
        let timer = TaskThreads.group.any().scheduleTask(in: timeout) {
            expired.set()
            work.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await work.value
            } onCancel: {
                work.cancel()
            }
        } catch {
            if expired.isSet { throw DeadlineExpired() }
            throw error
        }
    }

    /// Set by the deadline timer, read by the waiting call.
    private final class Flag: Sendable {
        private let value = Atomic(false)
        func set() { value.store(true, ordering: .releasing) }
        var isSet: Bool { value.load(ordering: .acquiring) }
    }
}
