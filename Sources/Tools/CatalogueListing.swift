package import JSON
internal import MCPWire

/// The catalogue as documents: `--list-tools` (JSON) and `--list-tools --markdown` (the README's
/// table, which a test keeps equal to this output).
package enum CatalogueListing {
    package static func json(_ tools: [ToolSpec]) -> JSONValue {
        .array(tools.map { ToolSchema.definition($0, readOnly: false) })
    }

    package static func markdown(_ tools: [ToolSpec]) -> String {
        var lines = ["| Tool | What it does | Actions | Hints |", "| --- | --- | --- | --- |"]
        for tool in tools {
            let actions =
                tool.isActionTool
                ? tool.actions.map { "\($0.name ?? "")\($0.effect == .read ? "" : $0.effect == .write ? " (write)" : " (destructive)")" }
                    .joined(separator: ", ")
                : ""
            var hints: [String] = []
            if tool.readOnly { hints.append("read-only") }
            if tool.destructive { hints.append("destructive") } else if !tool.readOnly { hints.append("write") }
            if tool.idempotent && !tool.readOnly { hints.append("idempotent") }
            if !tool.openWorld { hints.append("closed world") }
            let summary = tool.summary.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(tool.name)` | \(summary) | \(actions) | \(hints.joined(separator: ", ")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
