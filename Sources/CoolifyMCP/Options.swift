/// The command line as plain values. The server runs from these, whichever parser read them:
/// `QuickArguments` for the everyday command lines, swift-argument-parser for everything else.
struct Options: Equatable {
    static let defaultTimeout = 30

    /// --header arguments as argv reads once the startup capture has run: the names only. The
    /// values were wiped there and are read from secret memory (see Credential).
    var headers: [String] = []
    var readOnly = false
    var toolNames: String?
    var toolsetNames: String?
    var timeout = Options.defaultTimeout
    var sandboxReport = false
    var unsafeNoSandbox = false
    var printPolicy = false
    var listTools = false
    var markdown = false
    var listOperations = false
}

/// Reads the command lines an MCP client actually starts the server with, without
/// swift-argument-parser. That parser discovers the options by reflection, which costs about
/// 2 ms on every start (half of the time to the first answer) in conformance look-ups.
///
/// Only exact, unambiguous spellings are taken: `--name value` and `--name=value` for options,
/// `--flag` for flags, each single-valued option at most once, no value that starts with `-`
/// or is empty, and `--version` alone. Anything else (--help, a typo, `--`, a repetition, a
/// value swift-argument-parser might read differently) returns nil, and swift-argument-parser
/// parses the line, or reports its error, exactly as before. Tests/CoolifyMCPTests checks that
/// both parsers agree on every line this one takes.
enum QuickArguments {
    enum Outcome: Equatable {
        case run(Options)
        case version
    }

    static func parse(_ arguments: [String]) -> Outcome? {
        if arguments == ["--version"] { return .version }
        var options = Options()
        var seen: [Substring] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else { return nil }
            let name: Substring
            var attached: Substring?
            if let equals = argument.firstIndex(of: "=") {
                name = argument[argument.index(argument.startIndex, offsetBy: 2)..<equals]
                attached = argument[argument.index(after: equals)...]
            } else {
                name = argument.dropFirst(2)
            }
            // Every name but --header at most once.
            if name != "header" {
                guard !seen.contains(name) else { return nil }
                seen.append(name)
            }
            // A flag never has a value.
            switch name {
            case "read-only": options.readOnly = true
            case "sandbox-report": options.sandboxReport = true
            case "unsafe-no-sandbox": options.unsafeNoSandbox = true
            case "print-policy": options.printPolicy = true
            case "list-tools": options.listTools = true
            case "markdown": options.markdown = true
            case "list-operations": options.listOperations = true
            case "header", "tools", "toolsets", "timeout":
                let value: String
                if let attached {
                    value = String(attached)
                } else {
                    guard index < arguments.count else { return nil }
                    value = arguments[index]
                    index += 1
                }
                guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
                switch name {
                case "header": options.headers.append(value)
                case "tools": options.toolNames = value
                case "toolsets": options.toolsetNames = value
                default:
                    guard let seconds = Int(value) else { return nil }
                    options.timeout = seconds
                }
                continue
            default:
                return nil
            }
            guard attached == nil else { return nil }
        }
        return .run(options)
    }
}
