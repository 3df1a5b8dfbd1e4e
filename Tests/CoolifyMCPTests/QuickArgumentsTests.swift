import ArgumentParser
@testable import CoolifyMCP
import Testing

/// The quick parser must read every line it accepts exactly as swift-argument-parser does, and
/// leave to swift-argument-parser every line it cannot be sure of.
@Suite struct QuickArgumentsTests {
    static let accepted: [[String]] = [
        [],
        ["--read-only"],
        ["--header", "X-Proxy: a=b"],
        ["--header=X-Proxy: a=b"],
        ["--header", "A: 1", "--header=B: 2", "--header", "C: 3"],
        ["--tools", "get_version,list_servers"],
        ["--tools=get_version"],
        ["--toolsets", "meta, servers"],
        ["--toolsets=meta"],
        ["--timeout", "5"],
        ["--timeout=600"],
        ["--timeout", "0"],
        ["--timeout", "+7"],
        ["--sandbox-report"],
        ["--unsafe-no-sandbox"],
        ["--print-policy"],
        ["--list-tools"],
        ["--list-tools", "--markdown"],
        ["--list-operations"],
        ["--read-only", "--tools", "get_version", "--timeout", "12", "--header", "A: b", "--sandbox-report"],
        ["--header", "Name: value with spaces", "--read-only", "--toolsets=meta,servers"],
    ]

    static let declined: [[String]] = [
        ["--help"], ["-h"], ["help"],
        ["--version", "--read-only"], ["--read-only", "--version"],
        ["--read-only", "--read-only"],
        ["--read-only=true"],
        ["--timeout", "5", "--timeout", "6"],
        ["--timeout", "five"], ["--timeout", "-5"], ["--timeout"], ["--timeout="],
        ["--tools", ""], ["--tools", "--read-only"], ["--header"], ["--header", "-x: y"],
        ["--", "--read-only"], ["--"], ["-"], ["--unknown"], ["--tool", "x"], ["positional"],
        ["--generate-completion-script", "bash"], ["--experimental-dump-help"],
    ]

    @Test(arguments: accepted)
    func agreesWithArgumentParser(_ arguments: [String]) throws {
        let reference = try CoolifyMCPCommand.parse(arguments).options
        #expect(QuickArguments.parse(arguments) == .run(reference))
    }

    @Test(arguments: declined)
    func leavesTheRestToArgumentParser(_ arguments: [String]) {
        #expect(QuickArguments.parse(arguments) == nil)
    }

    @Test func versionAlone() {
        #expect(QuickArguments.parse(["--version"]) == .version)
    }

    @Test func defaultsMatch() throws {
        #expect(try CoolifyMCPCommand.parse([]).options == Options())
    }
}
