#if canImport(Glibc)
    internal import Glibc
#endif

/// Starts a detached POSIX thread. Used for the stdin reader, the signal watcher and the tool
/// host's start, which block in the kernel or must not occupy a Swift concurrency thread.
/// Returns false if the thread could not be created (the caller decides what to do instead).
@discardableResult
package func startThread(_ body: @escaping @Sendable () -> Void) -> Bool {
    final class Box: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(
        &thread, nil,
        { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            box.body()
            return nil
        }, box)
    guard rc == 0 else {
        Unmanaged<Box>.fromOpaque(box).release()
        return false
    }
    pthread_detach(thread)
    return true
}
