import Coolify
@testable import CoolifyMCP
import Testing

/// `http://localhost` is allowed only when the system resolves `localhost` to loopback alone.
/// Numeric hosts only here: resolving a name could send a DNS query off this machine.
@Suite struct LoopbackResolutionTests {
    @Test(arguments: ["127.0.0.1", "127.8.9.10", "::1"])
    func loopbackAddressesPass(_ host: String) {
        #expect(Configuration.loopbackAddress(of: host) != nil)
    }

    @Test(arguments: ["10.0.0.1", "192.168.1.1", "::2", "::ffff:10.0.0.1", "0.0.0.0"])
    func otherAddressesFail(_ host: String) {
        #expect(Configuration.loopbackAddress(of: host) == nil)
    }

    @Test func localhostResolvesToLoopbackOnHostsThatSayIt() {
        // /etc/hosts maps localhost to 127.0.0.1 (and ::1) on this machine and on CI images.
        #expect(Configuration.loopbackAddress(of: "localhost") != nil)
    }

    @Test func plainHTTPToLocalhostConnectsToTheAddressResolvedAtStartup() throws {
        // No later lookup: an /etc/hosts replaced after Landlock kept the old file would send
        // glibc to DNS, and the token in clear to whatever address DNS gave.
        let address = try #require(Configuration.loopbackAddress(of: "localhost"))
        #expect(address == "127.0.0.1" || address == "::1")
        let origin = try CoolifyOrigin(parsing: "http://localhost:8000")
        let pinned = try #require(origin.pinned(to: address))
        #expect(pinned.host == address && pinned.port == 8000 && pinned.scheme == "http")
        #expect(!pinned.url("/version").contains("localhost"))
    }

    @Test func onlyALoopbackLiteralPinsOnlyPlainHTTPToLocalhost() throws {
        let origin = try CoolifyOrigin(parsing: "http://localhost:8000")
        #expect(origin.pinned(to: "10.0.0.1") == nil)
        #expect(origin.pinned(to: "localhost") == nil)
        let secure = try CoolifyOrigin(parsing: "https://localhost:8000")
        #expect(secure.pinned(to: "127.0.0.1") == nil)
    }
}
