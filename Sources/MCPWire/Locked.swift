#if canImport(Glibc)
    import Glibc
#endif

/// A value behind a pthread mutex.
///
/// Not `Synchronization.Mutex`: on Linux that locks with raw futex calls, which ThreadSanitizer
/// cannot see, so it reports every guarded access as a race and the TSan suites would prove
/// nothing. A pthread mutex it understands; the cost is the same uncontended.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = PThreadLock()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with the value while holding the lock.
    package func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        try lock.run { () throws(Failure) -> Result in try body(&value) }
    }
}

/// A bare pthread mutex, for work that must not interleave (whole lines on stdout).
package final class PThreadLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func run<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
