// sandbox-probe: proof that the production sandbox refuses what it must.
//
//   sandbox-probe --list                     one line per probe: name TAB expected
//   sandbox-probe NAME PORT OTHER_PORT [OTHER_PID]
//                                            install the sandbox exactly as coolify-mcp does
//                                            (Hardening.apply, the NSS preload, then
//                                            Sandbox.lockDown with the production policy and
//                                            Landlock rules for PORT), try probe NAME, print
//                                            the errno it got; OTHER_PID is a process of the
//                                            same user the caller started, for the probes that
//                                            reach another process
//
// A probe whose rule kills the process never prints: the caller sees SIGSYS. Run each probe in
// its own process (scripts/sandbox-proof does).
import CSandboxProbe
internal import Fortress

#if canImport(Glibc)
    import Glibc
#endif

func say(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

func probes() -> [(name: String, expected: String, run: probe_fn)] {
    var list: [(String, String, probe_fn)] = []
    var entry = probe_table()!
    while let name = entry.pointee.name {
        list.append((String(cString: name), String(cString: entry.pointee.expected), entry.pointee.run))
        entry += 1
    }
    return list
}

let errnoNames: [Int32: String] = [
    0: "allowed", EPERM: "EPERM", ENOENT: "ENOENT", EBADF: "EBADF", EACCES: "EACCES", EFAULT: "EFAULT",
    EINVAL: "EINVAL", ENOSYS: "ENOSYS", ENOTSOCK: "ENOTSOCK", ENOTTY: "ENOTTY", EAFNOSUPPORT: "EAFNOSUPPORT",
    ECONNREFUSED: "ECONNREFUSED", ESRCH: "ESRCH", EEXIST: "EEXIST", EOPNOTSUPP: "EOPNOTSUPP", EXDEV: "EXDEV",
    EPROTONOSUPPORT: "EPROTONOSUPPORT", ESOCKTNOSUPPORT: "ESOCKTNOSUPPORT", EPROTOTYPE: "EPROTOTYPE", ENOTDIR: "ENOTDIR",
]

let arguments = CommandLine.arguments
if arguments.count == 2 && arguments[1] == "--list" {
    for probe in probes() { say("\(probe.name)\t\(probe.expected)") }
    Fortress.exit(0)
}
guard arguments.count == 4 || arguments.count == 5, let port = UInt16(arguments[2]), let otherPort = Int32(arguments[3]),
    let probe = probes().first(where: { $0.name == arguments[1] })
else {
    say("usage: sandbox-probe --list | sandbox-probe NAME PORT OTHER_PORT [OTHER_PID]")
    Fortress.exit(64)
}
if arguments.count == 5 {
    guard let otherPID = Int32(arguments[4]), otherPID > 0 else {
        say("usage: OTHER_PID must be a process id")
        Fortress.exit(64)
    }
    probe_set_other_process(otherPID)
}
let parent = getppid()
do {
    try Hardening.apply()
    NameServiceModules.preload()
    // SANDBOX_PROBE_MODE=report exercises --sandbox-report's SIGSYS reporter instead.
    let mode: Sandbox.Mode = getenv("SANDBOX_PROBE_MODE").map { String(cString: $0) } == "report" ? .report : .enforce
    _ = try Sandbox.lockDown(.production, landlock: .production(coolifyPort: port), mode: mode)
} catch {
    say("sandbox failed: \(error)")
    Fortress.exit(70)
}
let result = probe.run(parent, Int32(port), otherPort)
say(errnoNames[result] ?? "errno \(result)")
Fortress.exit(0)
