@testable import Fortress
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct NameServiceModulesTests {
    @Test func readsTheServicesOfTheHostsLine() {
        let text = """
            # comment hosts: nothing
            passwd:         files systemd
            hosts:          files mdns4_minimal [NOTFOUND=return] dns myhostname # trailing
            networks:       files
            """
        #expect(NameServiceModules.hostsServices(in: text) == ["files", "mdns4_minimal", "dns", "myhostname"])
    }

    @Test func actionItemsMaySpanWords() {
        #expect(NameServiceModules.hostsServices(in: "hosts: resolve [ !UNAVAIL = return ] files\n") == ["resolve", "files"])
    }

    @Test func theLastHostsLineCounts() {
        #expect(NameServiceModules.hostsServices(in: "hosts: a\nhosts: b c\n") == ["b", "c"])
    }

    @Test func namesThatCouldBuildAPathAreIgnored() {
        #expect(NameServiceModules.hostsServices(in: "hosts: ../../tmp/x files a/b\n") == ["files"])
        #expect(NameServiceModules.hostsServices(in: "  hosts:\tdns\n") == ["dns"])
        #expect(NameServiceModules.hostsServices(in: "#hosts: dns\n").isEmpty)
    }

    @Test func anAbsentConfigurationLoadsNothing() {
        #expect(NameServiceModules.preload(configuration: "/nonexistent/nsswitch.conf").isEmpty)
    }

    @Test func loadsPresentModulesAndSkipsAbsentOnes() throws {
        var template = Array("/tmp/coolify-mcp-nsswitch-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        try #require(fd >= 0)
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { close(fd); unlink(path) }
        let text = Array("hosts: files coolifymcpabsent systemd dns\n".utf8)
        _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        // libnss_systemd.so.2 ships with Debian's libc-bin-adjacent systemd package; where it is
        // absent the preload loads nothing, as glibc would skip it.
        let systemdPresent =
            dlopen("libnss_systemd.so.2", RTLD_NOW | RTLD_NOLOAD) != nil
            || FileKind.of("/lib/x86_64-linux-gnu/libnss_systemd.so.2") == .regularFile
        let loaded = NameServiceModules.preload(configuration: path)
        #expect(loaded == (systemdPresent ? ["systemd"] : []))
        #expect(!loaded.contains("coolifymcpabsent"))
        if NameServiceModules.glibcHasBuiltInFilesAndDNS {
            #expect(!loaded.contains("files") && !loaded.contains("dns"))
        }
    }
}
