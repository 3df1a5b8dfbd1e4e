#if canImport(Glibc)
import Glibc
package import JSON
#endif

/// Line framing on file descriptors: a blocking reader on a dedicated thread (no polling, no
/// O_NONBLOCK on descriptors shared with the parent) and a writer that puts each message on
/// stdout as one whole line.
package final class LineReader: Sendable {
    package enum Event: Sendable {
        case line([UInt8])
        /// A line longer than the limit was discarded up to its newline.
        case oversized(limit: Int)
        case endOfInput
    }

    private let descriptor: Int32
    private let maxLineBytes: Int

    package init(descriptor: Int32 = 0, maxLineBytes: Int = 4 * 1024 * 1024) {
        self.descriptor = descriptor
        self.maxLineBytes = maxLineBytes
    }

    /// Reads until end of input on the calling thread, handing each event to `handler` in order.
    /// `whenIdle` runs once, the first time there is nothing left to read (or at end of input),
    /// so background work starts only after what was already sent has been handled.
    package func run(whenIdle: (() -> Void)? = nil, _ handler: (Event) -> Void) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: [UInt8] = []
        var discarding = false
        var whenIdle = whenIdle
        while true {
            if let idle = whenIdle {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                if poll(&poller, 1, 0) <= 0 {
                    whenIdle = nil
                    idle()
                }
            }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                break
            }
            if count == 0 { break }
            var start = 0
            while start < count {
                let newline = chunk[start..<count].firstIndex(of: UInt8(ascii: "\n"))
                let end = newline ?? count
                if !discarding {
                    if pending.count + (end - start) > maxLineBytes {
                        discarding = true
                        pending = []
                    } else {
                        pending.append(contentsOf: chunk[start..<end])
                    }
                }
                guard let newline else { break }
                if discarding {
                    discarding = false
                    handler(.oversized(limit: maxLineBytes))
                } else {
                    handler(.line(pending))
                }
                pending = []
                start = newline + 1
            }
        }
        if let idle = whenIdle {
            whenIdle = nil
            idle()
        }
        if discarding {
            handler(.oversized(limit: maxLineBytes))
        } else if !pending.isEmpty {
            // A last line without its newline is still a message (a client that closed early).
            handler(.line(pending))
        }
        handler(.endOfInput)
    }
}

/// Writes one message per line to a descriptor, whole, with a lock held across the write so
/// concurrent responses never interleave. Every line passes through `filter` last (the token
/// redactor), so nothing reaches stdout unfiltered.
package final class LineWriter: Sendable {
    private let descriptor: Int32
    private let lock = PThreadLock()
    private let filter: @Sendable (inout [UInt8]) -> Void
    private let onBrokenPipe: @Sendable () -> Void

    package init(descriptor: Int32 = 1, filter: @escaping @Sendable (inout [UInt8]) -> Void = { _ in },
                 onBrokenPipe: @escaping @Sendable () -> Void) {
        self.descriptor = descriptor
        self.filter = filter
        self.onBrokenPipe = onBrokenPipe
    }

    package func send(_ message: JSONValue) {
        var bytes = JSONWriter.bytes(message)
        filter(&bytes)
        bytes.append(UInt8(ascii: "\n"))
        let ok = lock.run { writeAll(bytes) }
        if !ok { onBrokenPipe() }
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
