extension ToolSpec {
    static let listServers = ToolSpec(
        "list_servers", title: "List servers", toolset: .servers,
        summary: "Servers, summarised (uuid, name, ip, reachability).",
        params: [.page, .perPage],
        actions: [.read(.get("/servers"),
                        projection: .list(["uuid", "name", "description", "ip", "status", "is_reachable",
                                           "settings.is_reachable", "settings.is_usable"]))])

    static let getServer = ToolSpec(
        "get_server", title: "Get server", toolset: .servers,
        summary: "One server in full. Sentinel and log-drain credentials are always masked.",
        params: [.uuid()],
        actions: [.read(.get("/servers/{uuid}"))])
}
