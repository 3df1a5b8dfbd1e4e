@testable import Coolify
import JSON
import MCPWire
import Testing

@Suite struct CoolifyOriginTests {
    @Test(arguments: [
        ("https://coolify.example.com", "https://coolify.example.com", "/api/v1"),
        ("https://coolify.example.com/", "https://coolify.example.com", "/api/v1"),
        ("https://coolify.example.com/api/v1", "https://coolify.example.com", "/api/v1"),
        ("https://coolify.example.com/api/v1/", "https://coolify.example.com", "/api/v1"),
        ("HTTPS://Coolify.Example.com:8443", "https://coolify.example.com:8443", "/api/v1"),
        ("https://example.com:443/prefix/api/v1", "https://example.com", "/prefix/api/v1"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000", "/api/v1"),
        ("http://localhost:8000/api/v1", "http://localhost:8000", "/api/v1"),
        ("http://[::1]:8000", "http://[::1]:8000", "/api/v1"),
        ("  https://spaced.example.com  ", "https://spaced.example.com", "/api/v1"),
    ])
    func accepts(_ raw: String, _ origin: String, _ basePath: String) throws {
        let parsed = try CoolifyOrigin(parsing: raw)
        #expect(parsed.origin == origin)
        #expect(parsed.basePath == basePath)
        #expect(parsed.url("/version") == origin + basePath + "/version")
    }

    @Test(arguments: [
        ("", "empty"), ("coolify.example.com", "https://"), ("ftp://x.example.com", "https://"),
        ("http://coolify.example.com", "not loopback"), ("http://127.0.0.1.evil.com", "not loopback"),
        ("https://user:hunter2@x.example.com", "credentials"), ("https://x.example.com/?a=b", "query"),
        ("https://x.example.com/#f", "fragment"), ("https://x.example.com:0", "port"), ("https://x.example.com:99999", "port"),
        ("https://x.example.com:abc", "port"), ("https://${COOLIFY_HOST}", "unexpanded"), ("https://bad host", "whitespace"),
        ("https://[::1", "IPv6"), ("https://ex\u{e4}mple.com", "host"),
    ])
    func refuses(_ raw: String, _ fragment: String) {
        do {
            _ = try CoolifyOrigin(parsing: raw)
            Issue.record("\(raw) was accepted")
        } catch {
            #expect(error.description.contains("COOLIFY_BASE_URL"))
            #expect(error.description.contains(fragment), "\(error.description)")
            #expect(!error.description.contains("hunter2"))
        }
    }
}

@Suite struct ExtraHeaderTests {
    @Test func parsesNameAndValue() throws {
        let header = try ExtraHeader.parse("CF-Access-Client-Id:  abc.def ")
        #expect(header == ExtraHeader(name: "CF-Access-Client-Id", value: "abc.def"))
    }

    @Test(arguments: ["Authorization: Bearer x", "authorization:x", "Content-Type: text/plain", "CONTENT-TYPE: a"])
    func dropsReservedNamesWhateverTheirCase(_ text: String) throws {
        #expect(try ExtraHeader.parse(text) == nil)
    }

    @Test(arguments: ["X-A: a\rb", "X-A: a\nb", "X-A: a\u{0}b", "X\nA: b", "Bad Name: x", "NoColon", ": value", "X(A): b", "X-A: a\u{7f}"])
    func refusesInvalid(_ text: String) {
        #expect(throws: CoolifyConfigError.self) { _ = try ExtraHeader.parse(text) }
    }
}

@Suite struct CoolifyErrorTests {
    @Test func unauthorizedMentionsTheToken() {
        let error = CoolifyError.fromStatus(401, body: nil, retryAfter: nil)
        #expect(error.code == .unauthorized)
        #expect(error.description.contains("COOLIFY_ACCESS_TOKEN"))
    }

    @Test func forbiddenNamesTheAbilities() {
        let error = CoolifyError.fromStatus(403, body: ["message": "This action is unauthorized."], retryAfter: nil)
        for ability in ["read", "write", "deploy", "read:sensitive", "root"] {
            #expect(error.description.contains(ability))
        }
        #expect(error.description.contains("This action is unauthorized."))
    }

    @Test func validationListsTheFields() {
        let body: JSONValue = ["message": "Validation failed.", "errors": ["name": ["The name field is required."], "fqdn": ["Invalid."]]]
        let error = CoolifyError.fromStatus(422, body: body, retryAfter: nil)
        #expect(error.description.contains("name: The name field is required."))
        #expect(error.description.contains("fqdn: Invalid."))
    }

    @Test func rateLimitSaysWhenToRetry() {
        #expect(CoolifyError.fromStatus(429, body: nil, retryAfter: " 17 ").description.contains("17 seconds"))
        #expect(CoolifyError.fromStatus(429, body: nil, retryAfter: nil).description.contains("later"))
    }

    @Test(arguments: [300, 301, 302, 303, 307, 308])
    func redirectsAreErrors(_ status: Int) {
        let error = CoolifyError.fromStatus(status, body: nil, retryAfter: nil)
        #expect(error.code == .redirect)
        #expect(error.description.contains("never followed"))
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorsDoNotEchoTheBody(_ status: Int) {
        let error = CoolifyError.fromStatus(status, body: ["message": "Authorization: Bearer 3|secret"], retryAfter: nil)
        #expect(error.code == .serverError)
        #expect(!error.description.contains("3|secret"))
    }

    @Test func longMessagesAreClipped() {
        let error = CoolifyError.fromStatus(404, body: ["message": .string(String(repeating: "x", count: 5000))], retryAfter: nil)
        #expect(error.description.count < 700)
    }
}

@Suite struct QueryEncodingTests {
    @Test func encodesReservedCharacters() {
        #expect(CoolifyClient.queryString([]) == "")
        #expect(CoolifyClient.queryString([("a b", "c&d=é")]) == "?a%20b=c%26d%3D%C3%A9")
    }
}

/// Plain HTTP goes to a literal loopback address or exactly `localhost` (whose resolution the
/// server checks before the sandbox); glibc sends `x.localhost` to DNS, so it is refused.
@Suite struct PlainHTTPTests {
    @Test(arguments: ["http://app.localhost:8000", "http://a.b.localhost", "http://LOCALHOST.localhost"])
    func refusesNamesUnderLocalhost(_ raw: String) {
        do {
            _ = try CoolifyOrigin(parsing: raw)
            Issue.record("\(raw) was accepted")
        } catch {
            #expect(error.description.contains("COOLIFY_BASE_URL"))
            #expect(error.description.contains(".localhost"), "\(error.description)")
            #expect(error.description.contains("DNS"), "\(error.description)")
        }
    }

    @Test(arguments: ["http://127.0.0.1", "http://127.255.3.4:81", "http://[::1]", "http://localhost"])
    func acceptsLiteralLoopbackAndLocalhost(_ raw: String) throws {
        let origin = try CoolifyOrigin(parsing: raw)
        #expect(origin.scheme == "http")
        #expect(origin.requiresLoopbackResolution == (origin.host == "localhost"))
    }

    @Test func httpsNamesNeedNoResolutionCheck() throws {
        #expect(try CoolifyOrigin(parsing: "https://localhost").requiresLoopbackResolution == false)
        #expect(try CoolifyOrigin(parsing: "https://app.localhost").requiresLoopbackResolution == false)
    }
}
