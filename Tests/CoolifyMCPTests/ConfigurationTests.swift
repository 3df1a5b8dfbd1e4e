@testable import CoolifyMCP
import Testing

/// `http://localhost` is allowed only when the system resolves `localhost` to loopback alone.
/// Numeric hosts only here: resolving a name could send a DNS query off this machine.
@Suite struct LoopbackResolutionTests {
    @Test(arguments: ["127.0.0.1", "127.8.9.10", "::1"])
    func loopbackAddressesPass(_ host: String) {
        #expect(Configuration.resolvesToLoopbackOnly(host))
    }

    @Test(arguments: ["10.0.0.1", "192.168.1.1", "::2", "::ffff:10.0.0.1", "0.0.0.0"])
    func otherAddressesFail(_ host: String) {
        #expect(!Configuration.resolvesToLoopbackOnly(host))
    }

    @Test func localhostResolvesToLoopbackOnHostsThatSayIt() {
        // /etc/hosts maps localhost to 127.0.0.1 (and ::1) on this machine and on CI images.
        #expect(Configuration.resolvesToLoopbackOnly("localhost"))
    }
}
