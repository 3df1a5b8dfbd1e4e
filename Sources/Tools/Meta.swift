internal import MCPWire

/// This server's own version, reported by get_mcp_version and --version.
package enum ServerVersion {
    package static let name = "coolify-mcp"
    package static let current = "0.1.0"
}

extension ToolSpec {
    static let getVersion = ToolSpec(
        "get_version", title: "Coolify version", toolset: .meta,
        summary: "Version of the Coolify instance.",
        actions: [.read(.get("/version"), projection: .wrap("version"))])

    static let getMCPVersion = ToolSpec(
        "get_mcp_version", title: "MCP server version", toolset: .meta,
        summary: "Version of this MCP server.", openWorld: false,
        actions: [
            .local { _ in
                .object(["version": .string(ServerVersion.current), "name": .string(ServerVersion.name)])
            }
        ])
}
