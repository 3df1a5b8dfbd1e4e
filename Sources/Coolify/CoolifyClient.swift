internal import AsyncHTTPClient
package import Fortress
package import JSON
internal import MCPWire
package import NIOCore
package import NIOHTTP1
internal import NIOPosix
internal import Runtime
internal import NIOSSL

/// Settings for the Coolify connection, all read before the sandbox is installed.
package struct CoolifySettings: Sendable {
    package var origin: CoolifyOrigin
    /// PEM bytes of extra trusted CAs (COOLIFY_CA_FILE), read before the sandbox.
    package var extraCAPEM: [UInt8]?
    package var connectTimeout: TimeAmount = .seconds(10)
    package var requestTimeout: TimeAmount = .seconds(30)
    package var maxResponseBytes = 16 * 1024 * 1024
    package var maxConcurrentRequests = 8

    package init(origin: CoolifyOrigin) { self.origin = origin }

    /// Parses the extra CA bundle now, so a bad file stops startup with a clear message.
    package func extraTrustRoots() throws(CoolifyConfigError) -> TrustRoots {
        guard let pem = extraCAPEM else { return TrustRoots(certificates: []) }
        do {
            let certificates = try NIOSSLCertificate.fromPEMBytes(pem)
            guard !certificates.isEmpty else { throw CoolifyConfigError("COOLIFY_CA_FILE holds no PEM certificate") }
            return TrustRoots(certificates: certificates)
        } catch let error as CoolifyConfigError {
            throw error
        } catch {
            throw CoolifyConfigError("COOLIFY_CA_FILE is not a valid PEM certificate bundle")
        }
    }
}

/// Extra CA certificates, parsed before the sandbox.
package struct TrustRoots: Sendable {
    let certificates: [NIOSSLCertificate]
}

/// One HTTP method and API path, with optional query and JSON body. The path is an ``APIPath``:
/// a template from the source with validated segments, never a string assembled at run time.
package struct CoolifyRequest: Sendable {
    package var method: HTTPMethod
    package var path: APIPath
    package var query: [(String, String)] = []
    package var body: JSONValue?

    package init(_ method: HTTPMethod, _ path: APIPath, query: [(String, String)] = [], body: JSONValue? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
    }
}

/// HTTPS to one Coolify origin. Redirects are never followed (a 3xx is an error), so the bearer
/// header can reach no other host; certificate verification cannot be switched off.
package final class CoolifyClient: Sendable {
    private let settings: CoolifySettings
    private let credential: Credential
    private let http: HTTPClient
    private let gate: ConcurrencyGate

    /// Creates the client and its event loop thread: call after the sandbox is installed.
    package init(settings: CoolifySettings, credential: Credential, trustRoots: TrustRoots) {
        self.settings = settings
        self.credential = credential
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        if !trustRoots.certificates.isEmpty {
            tls.additionalTrustRoots = [.certificates(trustRoots.certificates)]
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: settings.connectTimeout, read: settings.requestTimeout),
            decompression: .disabled
        )
        // HTTP/1.1 only, never h2, even when the proxy offers it by ALPN (Traefik and Caddy do).
        // HPACK would keep the Authorization header in its dynamic table, in ordinary heap, for
        // the life of the connection, beyond the reach of the secret memory and the zeroing
        // free; sending it as a never-indexed literal would depend on NIO's HPACK encoder
        // honouring that per header in every version. HTTP/1.1 writes the header once per
        // request from a buffer that is freed (and zeroed) with it: simple to audit, and one
        // origin with a few requests at a time gains nothing from multiplexing.
        configuration.httpVersion = .http1Only
        // One instance, one origin: a refused connection or a bad certificate is reported at
        // once rather than retried until the connect timeout (10 s of silence for the model).
        configuration.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroup: TaskThreads.group, configuration: configuration)
        self.gate = ConcurrencyGate(limit: settings.maxConcurrentRequests)
    }

    package var origin: CoolifyOrigin { settings.origin }

    /// Sends a request and returns Coolify's JSON answer (a JSON string for a text body, null
    /// for an empty one). Every failure is a ``CoolifyError`` with a readable sentence.
    package func send(_ request: CoolifyRequest) async throws(CoolifyError) -> JSONValue {
        do {
            try await gate.acquire()
        } catch {
            throw CoolifyError(.cancelled, "The request was cancelled.")
        }
        defer { Task { await gate.release() } }
        do {
            return try await withDeadline(settings.requestTimeout) { try await self.perform(request) }
        } catch let error as CoolifyError {
            throw error
        } catch {
            throw Self.map(error)
        }
    }

    /// Bounds the whole exchange: the client's own timeouts cover connecting and each idle
    /// read, this one a peer dripping a body byte by byte, which could otherwise hold a request
    /// slot forever.
    private func withDeadline<T: Sendable>(_ timeout: TimeAmount, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await Timers.withDeadline(timeout, body)
        } catch is Timers.DeadlineExpired {
            throw CoolifyError(
                .timeout,
                "Coolify did not finish answering within \(timeout.nanoseconds / 1_000_000_000) s (request timeout); the instance may be overloaded, or the operation slow."
            )
        }
    }

    /// Waits without holding a request slot. Throws CancellationError when the calling task is
    /// cancelled, at once rather than at the end of the wait.
    package func pause(milliseconds: Int64) async throws {
        try await Timers.pause(milliseconds: milliseconds)
    }

    private func perform(_ request: CoolifyRequest) async throws -> JSONValue {
        var outbound = HTTPClientRequest(url: settings.origin.url(request.path.description) + Self.queryString(request.query))
        outbound.method = request.method
        for header in credential.headerFields() {
            outbound.headers.add(name: header.name, value: header.value)
        }
        outbound.headers.add(name: "Accept", value: "application/json")
        outbound.headers.add(name: "Authorization", value: credential.bearerHeaderValue())
        if let body = request.body {
            outbound.headers.add(name: "Content-Type", value: "application/json")
            outbound.body = .bytes(JSONWriter.bytes(body))
        }
        let response = try await http.execute(outbound, timeout: settings.requestTimeout)
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > settings.maxResponseBytes {
            throw CoolifyError(.tooLarge, status: Int(response.status.code), tooLargeMessage)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: settings.maxResponseBytes)
        } catch is NIOTooManyBytesError {
            throw CoolifyError(.tooLarge, status: Int(response.status.code), tooLargeMessage)
        }
        let status = Int(response.status.code)
        let bytes = buffer.readableBytesView
        let parsed = Self.decode(bytes, contentType: response.headers.first(name: "content-type"))
        guard (200..<300).contains(status) else {
            throw CoolifyError.fromStatus(status, body: try? parsed.get(), retryAfter: response.headers.first(name: "retry-after"))
        }
        return try parsed.get()
    }

    private var tooLargeMessage: String {
        "Coolify's answer is larger than \(settings.maxResponseBytes / (1024 * 1024)) MiB and was refused; narrow the request (use page and per_page)."
    }

    /// JSON when the body is JSON; text when it is plainly not (Coolify's /version answers
    /// text/html); an error when it claims or looks to be JSON and does not parse (cut short,
    /// nested past the limit), rather than handing half a document on as text.
    static func decode(_ bytes: ByteBufferView, contentType: String?) -> Result<JSONValue, CoolifyError> {
        if bytes.isEmpty { return .success(.null) }
        var options = JSONParser.Options.default
        options.invalidUTF8 = .replace
        options.maxDepth = 64
        do {
            return .success(try JSONParser.parse(bytes, options: options))
        } catch {
            let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
            let claimsJSON = contentType?.lowercased().contains("json") == true
            if claimsJSON || first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                return .failure(
                    CoolifyError(
                        .malformedResponse,
                        "Coolify's answer is not valid JSON (\(error.kind == .tooDeep ? "nested too deeply" : "malformed or cut short")); a proxy or an incompatible Coolify version may be in the way."
                    ))
            }
            let text = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
            return .success(.string(text.trimmingASCIIWhitespace()))
        }
    }

    static func queryString(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Transport failures become sentences; none carries the request or its headers.
    static func map(_ error: any Error) -> CoolifyError {
        if error is CancellationError { return CoolifyError(.cancelled, "The request was cancelled.") }
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled:
                return CoolifyError(.cancelled, "The request was cancelled.")
            case .connectTimeout:
                return CoolifyError(.timeout, "Could not connect to Coolify in time (connect timeout); check COOLIFY_BASE_URL and that the instance is up.")
            case .readTimeout, .deadlineExceeded, .writeTimeout:
                return CoolifyError(.timeout, "Coolify did not answer in time (request timeout); the instance may be overloaded, or the operation slow.")
            case .remoteConnectionClosed:
                return CoolifyError(.connectFailed, "Coolify closed the connection before answering completely.")
            default:
                break
            }
        }
        if error is HTTPParserError {
            return CoolifyError(.connectFailed, "Coolify's answer was not valid HTTP or ended before it was complete (the connection closed mid-answer).")
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return CoolifyError(
                .tls,
                "The TLS connection to Coolify failed: its certificate is not trusted, expired, or issued for another name. For a self-signed instance set COOLIFY_CA_FILE to its CA certificate; verification cannot be switched off."
            )
        }
        if let error = error as? NIOConnectionError {
            _ = error
            return CoolifyError(.connectFailed, "Could not connect to Coolify; check COOLIFY_BASE_URL (host and port) and that the instance is reachable.")
        }
        if error is IOError || error is ChannelError || error is SocketAddressError {
            return CoolifyError(.connectFailed, "The connection to Coolify failed; check COOLIFY_BASE_URL and that the instance is reachable.")
        }
        return CoolifyError(.connectFailed, "The request to Coolify failed (\(String(describing: type(of: error)))).")
    }

    package func shutdown() async {
        try? await http.shutdown()
    }
}

/// At most `limit` requests to Coolify at once, so a runaway model cannot hammer the instance.
actor ConcurrencyGate {
    private let limit: Int
    private var active = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID = 0

    init(limit: Int) { self.limit = max(1, limit) }

    func acquire() async throws {
        if active < limit {
            active += 1
            return
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func cancel(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    func release() {
        if waiters.isEmpty {
            active -= 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }
}
