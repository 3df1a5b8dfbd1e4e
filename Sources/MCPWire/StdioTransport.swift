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

/// A message that has passed the sanitizer: the only thing ``LineWriter`` writes. Both
/// initialisers run it, so no call site can put an unsanitized byte on stdout by forgetting.
package struct SanitizedMessage: Sendable {
    package private(set) var value: JSONValue

    /// A protocol message (a response to the handshake, ping or tools/list, an error, a
    /// notification): every string in it, keys included, passes the text redactor, which
    /// masks secret shapes in free text (a progress message carrying a status from Coolify).
    /// Field-name masking is for Coolify's data, not the protocol's own keys (tools/list names
    /// parameters such as "postgres_password"), so it applies to tool results (below).
    package init(_ message: JSONValue, sanitizer: any OutputFilter) {
        // A response's id is the client's own value, echoed unchanged so that the client can
        // match the answer (the fingerprint filter still covers it).
        guard var object = message.objectValue else {
            value = Self.redactingText(message, sanitizer, depth: 0)
            return
        }
        let id = object.removeValue(forKey: "id")
        var clean = Self.redactingText(.object(object), sanitizer, depth: 0).objectValue ?? [:]
        if let id { clean["id"] = id }
        value = .object(clean)
    }

    /// A tool call's response: the outcome's content passes the sanitizer with the reveal its
    /// action's policy grants (``OutputFilter/sanitize(_:grant:)``), and `respond` wraps the clean
    /// content into the whole response (which the writer's fingerprint filter still covers).
    package init(toolOutcome outcome: ToolOutcome, sanitizer: any OutputFilter, respond: (JSONValue) -> JSONValue) {
        value = respond(sanitizer.sanitize(outcome.content, grant: outcome.reveal))
    }

    /// A protocol message whose `result` carries one member sanitized earlier (the tool
    /// catalogue, fixed for the process: one text pass at the first tools/list, not one per
    /// call); the rest of the message passes the text pass here.
    package init(_ message: JSONValue, sanitizer: any OutputFilter, result member: String, _ part: SanitizedPart) {
        self.init(message, sanitizer: sanitizer)
        guard case .object(var object) = value, case .object(var result)? = object["result"] else { return }
        result[member] = part.value
        object["result"] = .object(result)
        value = .object(object)
    }

    /// Messages are built in-process from depth-limited parts; past this, a value is masked.
    private static let maxDepth = 256

    fileprivate static func redactingText(_ value: JSONValue, _ redactor: any OutputFilter, depth: Int) -> JSONValue {
        guard depth < maxDepth else { return .string("***") }
        switch value {
        case .string(let text):
            return .string(redactor.redactText(text))
        case .array(let items):
            return .array(items.map { redactingText($0, redactor, depth: depth + 1) })
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object { result[redactor.redactText(key)] = redactingText(member, redactor, depth: depth + 1) }
            return .object(result)
        default:
            return value
        }
    }
}

/// A value that has passed the protocol sanitizer's text pass, to be placed into messages
/// later (see ``SanitizedMessage/init(_:sanitizer:result:_:)``).
package struct SanitizedPart: Sendable {
    let value: JSONValue

    package init(_ value: JSONValue, sanitizer: any OutputFilter) {
        self.value = SanitizedMessage.redactingText(value, sanitizer, depth: 0)
    }
}

/// Writes one message per line to a descriptor, whole, with a lock held across the write so
/// concurrent responses never interleave. It takes only a ``SanitizedMessage``, and every line
/// passes through `filter` last (the secret fingerprints: the token and header values), so
/// nothing reaches stdout unsanitized or unfiltered.
package final class LineWriter: Sendable {
    private let descriptor: Int32
    private let lock = PThreadLock()
    private let filter: @Sendable (inout [UInt8]) -> Void
    private let onBrokenPipe: @Sendable () -> Void

    package init(
        descriptor: Int32 = 1, filter: @escaping @Sendable (inout [UInt8]) -> Void = { _ in },
        onBrokenPipe: @escaping @Sendable () -> Void
    ) {
        self.descriptor = descriptor
        self.filter = filter
        self.onBrokenPipe = onBrokenPipe
    }

    package func send(_ message: SanitizedMessage) {
        var bytes = JSONWriter.bytes(message.value)
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
