// swift-tools-version: 6.0
import PackageDescription

#if canImport(Glibc)
    import Glibc
#endif

/// Start-up time of the release server (every spawn pays it; scripts/bench measures it):
/// - the static Swift standard library's link arguments export every symbol (--export-dynamic),
///   which leaves 25,000 entries in the dynamic symbol table that the runtime's dladdr walks
///   at start; nothing looks our symbols up at run time, so they stay private;
/// - libstdc++ is linked statically (Sources/CoolifyMCP/Link/libstdc++.so is a linker script
///   that picks the archive), as the Swift runtime already is; lld, because it takes the archive's members
///   wherever the toolchain's -lstdc++ falls on the command line, where gold does not; and
///   GCC's runtime (the unwinder) with it, so libgcc_s is not loaded either;
/// - the 73,000 relative relocations of the Swift metadata are packed (DT_RELR) where the
///   glibc that will load the binary (this machine's) reads them: 2.36 and later.
/// The binary stays a position-independent executable with RELRO, linked against the
/// system's glibc, libseccomp and zlib.
let serverReleaseLinkFlags =
    [
        "-use-ld=lld",
        "-Xlinker", "--no-export-dynamic",
        "-L", Context.packageDirectory + "/Sources/CoolifyMCP/Link",
        "-Xclang-linker", "-static-libgcc",
    ] + (glibcReadsPackedRelocations ? ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : [])

var glibcReadsPackedRelocations: Bool {
    #if canImport(Glibc)
        var buffer = [CChar](repeating: 0, count: 64)
        guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return false }
        // "glibc 2.36"
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let version = (text.split(separator: " ").last ?? "").split(separator: ".").compactMap { Int($0) }
        return version.count >= 2 && (version[0], version[1]) >= (2, 36)
    #else
        return false
    #endif
}

let package = Package(
    name: "coolify-mcp",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "coolify-mcp", targets: ["CoolifyMCP"]),
        .executable(name: "sandbox-probe", targets: ["SandboxProbe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Thin C shim: memfd_secret, Landlock, seccomp (libseccomp), environment block, prctl.
        .target(
            name: "CFortress",
            cSettings: [.define("_GNU_SOURCE")],
            linkerSettings: [.linkedLibrary("seccomp")]
        ),
        // The security core: secret buffer, environment scrub, hardening, sandbox, the exit funnel.
        .target(name: "Fortress", dependencies: ["CFortress"]),
        // Runs Swift concurrency's jobs on the NIO event loops (see TaskThreads).
        .target(name: "CTaskHook"),
        // Process machinery: threads, the executor hook, event-loop timers, signals, the exit path.
        .target(
            name: "Runtime",
            dependencies: [
                "Fortress", "CTaskHook",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // JSON values, a strict parser with limits, and the writer: no Foundation, no dependency.
        .target(name: "JSON"),
        // JSON-RPC framing and MCP dispatch (both protocol eras); every line it writes passes the
        // OutputFilter it is given, and it knows nothing of what a secret looks like.
        .target(name: "MCPWire", dependencies: ["JSON", "Runtime"]),
        // The response sanitizer and the redactor: the secret-shape table, field classes, the
        // reveal policy's enforcement, the secrets' fingerprints (from the security core).
        .target(name: "Redaction", dependencies: ["JSON", "MCPWire", "Fortress"]),
        // HTTPS client for one Coolify origin.
        .target(
            name: "Coolify",
            dependencies: [
                "Fortress", "JSON", "MCPWire", "Redaction", "Runtime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The tool catalogue, declared as data.
        .target(name: "Tools", dependencies: ["Coolify", "JSON", "MCPWire"], exclude: ["Generated/COOLIFY-DOCS-LICENSE"]),
        .executableTarget(
            name: "CoolifyMCP",
            dependencies: [
                "Fortress", "JSON", "MCPWire", "Redaction", "Runtime", "Coolify", "Tools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Link"],
            linkerSettings: [.unsafeFlags(serverReleaseLinkFlags, .when(platforms: [.linux], configuration: .release))]
        ),
        // Test-only: installs the production sandbox, then tries one forbidden action.
        .target(name: "CSandboxProbe", path: "Harness/CSandboxProbe", cSettings: [.define("_GNU_SOURCE")]),
        .executableTarget(name: "SandboxProbe", dependencies: ["Fortress", "CSandboxProbe"], path: "Harness/SandboxProbe"),
        .testTarget(name: "FortressTests", dependencies: ["Fortress", "Redaction"]),
        .testTarget(name: "MCPWireTests", dependencies: ["JSON", "MCPWire", "Redaction", "Runtime", "Fortress", "Coolify"]),
        .testTarget(name: "CoolifyTests", dependencies: ["Coolify", "JSON"]),
        .testTarget(name: "ToolsTests", dependencies: ["Tools", "JSON", "MCPWire", "Redaction"]),
        .testTarget(
            name: "CoolifyMCPTests",
            dependencies: [
                "CoolifyMCP", "Coolify", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ]
)

// libFuzzer targets, built and run by scripts/fuzz. Built normally, each replays inputs instead:
// .build/debug/FuzzJSONRPC Tests/FuzzCorpus/FuzzJSONRPC
package.targets += [
    .target(name: "FuzzSupport", dependencies: ["JSON", "MCPWire", "Redaction"], path: "Harness/FuzzSupport"),
    .executableTarget(
        name: "FuzzJSONRPC", dependencies: ["FuzzSupport", "Fortress", "JSON", "MCPWire", "Redaction", "Runtime", "Coolify"], path: "Harness/FuzzJSONRPC"),
    .executableTarget(
        name: "FuzzSanitizer", dependencies: ["FuzzSupport", "Fortress", "JSON", "MCPWire", "Redaction", "Coolify"], path: "Harness/FuzzSanitizer"),
    .executableTarget(name: "FuzzArguments", dependencies: ["FuzzSupport", "JSON", "MCPWire", "Redaction", "Coolify", "Tools"], path: "Harness/FuzzArguments"),
    .executableTarget(name: "FuzzConfig", dependencies: ["FuzzSupport", "Coolify"], path: "Harness/FuzzConfig"),
    // scripts/bench: today's redaction against bfd50e5's (a copy kept in the target), same run.
    .executableTarget(name: "BenchRedaction", dependencies: ["JSON", "MCPWire", "Redaction", "Coolify"], path: "Harness/BenchRedaction"),
]

for target in package.targets where target.type != .system && !target.name.hasPrefix("C") {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // The build stays warning-free: a deprecation or an over-wide import fails it at once.
    settings.append(.unsafeFlags(["-warnings-as-errors"]))
    target.swiftSettings = settings
}
