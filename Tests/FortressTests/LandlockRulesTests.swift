@testable import Fortress
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The Landlock rules name files, not trees: the trust store is one bundle, so /etc/ssl/private
/// and the rest of /etc/ssl stay out of reach even of a root process.
@Suite struct LandlockRulesTests {
    let rules = LandlockRules.production(coolifyPort: 8443)

    @Test func readsOnlyNamedFilesWhenABundleExists() throws {
        let bundle = try #require(
            LandlockRules.trustStoreBundles.first { FileKind.of($0) == .regularFile },
            "no trust-store bundle on this machine")
        #expect(rules.readableTrees.isEmpty)
        #expect(rules.readableFiles.filter { $0.hasPrefix("/etc/ssl") || $0.hasPrefix("/etc/pki") } == [bundle])
        #expect(Set(rules.readableFiles) == Set(LandlockRules.resolverFiles + [bundle] + LandlockRules.cpuCountFiles))
    }

    @Test func nothingBesideTheTrustStoreUnderTheTLSDirectories() {
        for path in rules.readableFiles + rules.readableTrees {
            #expect(!path.hasPrefix("/etc/ssl/private"), "\(path)")
            #expect(path != "/etc/ssl" && path != "/etc/pki" && path != "/usr/lib/ssl", "\(path) is a whole tree")
        }
    }

    @Test func theFirstExistingBundleWinsAsInNIOSSL() {
        // NIOSSL (LinuxCABundle.swift) tries Debian's bundle, then Fedora's.
        #expect(LandlockRules.trustStoreBundles == ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"])
    }

    @Test func portsAreCoolifysAndDNS() {
        #expect(rules.connectPorts == [53, 8443])
        #expect(LandlockRules.production(coolifyPort: 53).connectPorts == [53])
    }

    @Test func printedPolicyNamesFilesAsFiles() {
        let text = Landlock.describe(rules)
        #expect(text.contains("read file /etc/ssl/certs/ca-certificates.crt") || text.contains("read file /etc/pki/tls/certs/ca-bundle.crt"))
        #expect(!text.contains("read beneath /etc"))
        #expect(text.contains("tcp connect port 8443"))
    }

    @Test func fileKindFollowsLinksAndTellsKinds() {
        #expect(FileKind.of("/") == .directory)
        #expect(FileKind.of("/dev/null") == .other)
        #expect(FileKind.of("/nonexistent/coolify-mcp") == .absent)
        #expect(FileKind.of("/proc/self/exe") == .regularFile)
    }
}
