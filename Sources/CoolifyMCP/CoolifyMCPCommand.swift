internal import ArgumentParser
internal import Coolify
internal import Fortress
internal import JSON
internal import MCPWire
internal import Runtime
internal import Tools

#if canImport(Glibc)
    import Glibc
    internal import Redaction
#endif

/// The entry point: the everyday command lines skip swift-argument-parser (see QuickArguments);
/// every other line, --help and mistakes included, goes through it as before.
@main
enum Main {
    static func main() {
        switch QuickArguments.parse(Array(CommandLine.arguments.dropFirst())) {
        case .version:
            let bytes = Array((ServerVersion.current + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            ProcessExit.now(0)
        case .run(let options):
            Server.run(options)
        case nil:
            CoolifyMCPCommand.parseAndRun(Array(CommandLine.arguments.dropFirst()))
        }
    }
}

/// The command line as swift-argument-parser reads it, for --help and for every line
/// QuickArguments leaves to it.
struct CoolifyMCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coolify-mcp",
        abstract: "MCP server for Coolify over stdio, sandboxed, with secrets masked.",
        discussion: """
            Environment:
              COOLIFY_BASE_URL           https://host[:port] of the Coolify instance (a trailing /api/v1 is fine)
              \(TokenSource.variableName)       API token (Coolify: Keys & Tokens)
              \(TokenSource.fileVariableName)  file holding the token (mode 600); wins over the
                                         variable, and keeps the token out of the environment
              \(TokenSource.headersFileVariableName)       file of extra headers, one "Name: value" a line
                                         (mode 600), e.g. Cloudflare Access; preferred over
                                         --header for secret values
              COOLIFY_CA_FILE            extra trusted CA bundle (PEM) for a self-signed instance

            Exit codes: 0 end of session, 78 configuration error, 71 the security core could not start.
            """,
        version: ServerVersion.current
    )

    @Option(
        name: .customLong("header"),
        help: ArgumentHelp(
            "Extra outbound header \"Name: value\" (repeatable), e.g. for Cloudflare Access. Prefer \(TokenSource.headersFileVariableName) for secret values.",
            valueName: "header"))
    var headers: [String] = []

    @Flag(name: .customLong("read-only"), help: "Refuse every action that changes Coolify.")
    var readOnly = false

    @Option(name: .customLong("tools"), help: ArgumentHelp("Offer only these tools (comma-separated names).", valueName: "names"))
    var toolNames: String?

    @Option(
        name: .customLong("toolsets"),
        help: ArgumentHelp("Offer only these toolsets (comma-separated): \(Toolset.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "names"))
    var toolsetNames: String?

    @Option(help: "Request timeout in seconds.")
    var timeout = Options.defaultTimeout

    @Flag(name: .customLong("sandbox-report"), help: "Print the name of each syscall the sandbox refuses on stderr.")
    var sandboxReport = false

    @Flag(name: .customLong("unsafe-no-sandbox"), help: "Run without seccomp (for diagnosis only).")
    var unsafeNoSandbox = false

    @Flag(name: .customLong("print-policy"), help: "Print the seccomp filter and Landlock rules in readable form and exit.")
    var printPolicy = false

    @Flag(name: .customLong("list-tools"), help: "Print the tool catalogue as JSON (with --markdown: as a table) and exit.")
    var listTools = false

    @Flag(help: "With --list-tools: a Markdown table.")
    var markdown = false

    @Flag(name: .customLong("list-operations"), help: "Print every Coolify call each tool action may make, and the API coverage, as JSON and exit.")
    var listOperations = false

    var options: Options {
        Options(
            headers: headers, readOnly: readOnly, toolNames: toolNames, toolsetNames: toolsetNames, timeout: timeout,
            sandboxReport: sandboxReport, unsafeNoSandbox: unsafeNoSandbox, printPolicy: printPolicy,
            listTools: listTools, markdown: markdown, listOperations: listOperations)
    }

    func run() throws {
        Server.run(options)
    }

    /// swift-argument-parser's own main, except that a mistake's message never echoes what was
    /// typed: an argument in the wrong place may be a token or a header value, and the client
    /// logs stderr. Option names stay; every other argument becomes "<argument N>".
    static func parseAndRun(_ arguments: [String]) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            ProcessExit.now(0)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                Diagnostics.write(message + "\n", to: 1) // --help and friends
            } else {
                Diagnostics.write(withoutArguments(message, arguments) + "\n", to: 2)
            }
            ProcessExit.now(code.rawValue)
        }
    }

    /// The option names this command has; anything else typed is not repeated in a message.
    static let optionNames: Set<String> = [
        "--header", "--read-only", "--tools", "--toolsets", "--timeout", "--sandbox-report", "--unsafe-no-sandbox",
        "--print-policy", "--list-tools", "--markdown", "--list-operations", "--help", "-h", "--version",
    ]

    static func withoutArguments(_ message: String, _ arguments: [String]) -> String {
        var text = message
        let typed = arguments.enumerated().filter { !optionNames.contains($0.element) && $0.element.utf8.count >= 3 }
        for (index, argument) in typed.sorted(by: { $0.element.utf8.count > $1.element.utf8.count }) {
            var replaced = ""
            var rest = Substring(text)
            while let range = rest.firstRange(of: argument) {
                replaced += rest[..<range.lowerBound] + "<argument \(index + 1)>"
                rest = rest[range.upperBound...]
            }
            text = replaced + rest
        }
        return text
    }
}

/// Startup in its security order, then the server.
enum Server {
    /// Runs the startup, then serves; the one place a startup failure becomes a line on stderr
    /// and an exit code.
    static func run(_ options: Options) -> Never {
        do throws(StartupError) {
            switch try startUp(options) {
            case .finished: ProcessExit.now(0)
            case .ready(let ready): serve(ready)
            }
        } catch {
            Diagnostics.fail(error)
        }
    }

    /// What startup hands to the server: everything it needs, read before the sandbox.
    struct Ready {
        let configuration: Configuration
        let credential: Credential
        let trustRoots: TrustRoots
        let timeout: Int
    }

    enum Outcome {
        /// A documentation or policy command printed its answer.
        case finished
        case ready(Ready)
    }

    /// The steps, in their security order, on the only thread.
    static func startUp(_ options: Options) throws(StartupError) -> Outcome {
        if options.listTools || options.listOperations {
            // Needs no configuration and no token: documentation of the catalogue.
            let text =
                options.listOperations
                ? JSONWriter.string(Coverage.listing(Catalogue.all)) + "\n"
                : options.markdown ? CatalogueListing.markdown(Catalogue.all) : JSONWriter.string(CatalogueListing.json(Catalogue.all)) + "\n"
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            return .finished
        }
        // No other thread exists yet: the mask set here is inherited by every thread to come.
        TerminationSignals.block()
        let configuration = try StartupError.configuration { () throws(CoolifyConfigError) in try Configuration(options) }
        if options.printPolicy {
            try StartupError.fortress { () throws(FortressError) in
                try Sandbox.printPolicy(.production, landlock: configuration.landlock, mode: configuration.sandboxMode, to: 1)
            }
            return .finished
        }
        // 1. The token and the header values: the constructor in CFortress/startup.c already
        //    made the process non-dumpable, copied them into secret memory and wiped them from
        //    the environment and argv, before the Swift runtime started; here they are taken over.
        let credential = try StartupError.fortress { () throws(FortressError) in
            try Credential(token: TokenSource.read(), headerLines: TokenSource.readHeaders())
        }
        // 2. Not dumpable (again), no new privileges, no core, freed heap scrubbed.
        try StartupError.fortress { () throws(FortressError) in try Hardening.apply() }
        // 3. What the sandbox will forbid: the CA bundle is parsed now; tasks will run on the
        //    event loops, not on Dispatch's pool (whose monitor needs /proc); the name-resolution
        //    modules are mapped while mapping code is still allowed.
        let trustRoots = try StartupError.configuration { () throws(CoolifyConfigError) in try configuration.coolify.extraTrustRoots() }
        var landlock = configuration.landlock
        if !TaskThreads.runOnEventLoops() {
            landlock = landlock.allowingProc()
            Diagnostics.line("warning: tasks run on Dispatch's pool; the sandbox allows reading /proc")
        }
        NameServiceModules.preload()
        // 4. The sandbox, while this is still the only thread.
        let status = try StartupError.fortress { () throws(FortressError) in
            try Sandbox.lockDown(.production, landlock: landlock, mode: configuration.sandboxMode)
        }
        for note in status.notes { Diagnostics.line("warning: \(note)") }
        for name in credential.droppedHeaderNames {
            Diagnostics.line("warning: header \(name) ignored: the server sets Authorization and Content-Type itself")
        }
        // 5. The server starts its threads, the HTTP client and the dispatcher (see serve).
        return .ready(Ready(configuration: configuration, credential: credential, trustRoots: trustRoots, timeout: options.timeout))
    }

    /// Serves until stdin ends or a termination signal arrives.
    private static func serve(_ ready: Ready) -> Never {
        let (configuration, credential, trustRoots, timeout) = (ready.configuration, ready.credential, ready.trustRoots, ready.timeout)
        ProcessExit.onTerminationSignal()
        // The event loops, the HTTP client and the tool schemas take a few milliseconds to set
        // up. They are built on a thread of their own (inside the sandbox, like every thread),
        // started once this thread has answered what the client already sent (the handshake
        // needs none of them), so the two do not share a core; tool requests wait for them.
        let (settings, tools, readOnly) = (configuration.coolify, configuration.tools, configuration.readOnly)
        let host = DeferredToolHost {
            CatalogueHost(
                tools: tools, coolify: CoolifyClient(settings: settings, credential: credential, trustRoots: trustRoots),
                readOnly: readOnly)
        }
        let sanitizer = Sanitizer(redactor: TextRedactor(fingerprints: credential.fingerprints), fields: CoolifyFieldRules())
        let output = LineWriter(filter: { sanitizer.redactor.redactSecrets(&$0) }, onBrokenPipe: { ProcessExit.now(0) })
        let identity = ServerIdentity(
            name: ServerVersion.name, title: "Coolify", version: ServerVersion.current,
            instructions: Instructions.text(tools: configuration.tools, readOnly: configuration.readOnly, host: configuration.coolify.origin.host))
        let server = MCPServer(identity: identity, tools: host, sanitizer: sanitizer, output: output)
        LineReader().run(whenIdle: host.start) { server.receive($0) }
        // Answer what is still in flight, bounded by the request timeout.
        _ = server.waitUntilDrained(timeout: Duration.seconds(timeout + 2))
        ProcessExit.now(0)
    }

}
