extension ToolSpec {
    static let listServers = ToolSpec(
        "list_servers", title: "List servers", toolset: .servers,
        summary: "Servers, summarised (uuid, name, ip, reachability).",
        params: [.page, .perPage],
        actions: [
            .read(
                .get("/servers"),
                projection: .list(["uuid", "name", "ip", "status", "is_reachable", "settings.is_reachable", "settings.is_usable"]))
        ])

    static let getServer = ToolSpec(
        "get_server", title: "Get server", toolset: .servers,
        summary: "One server in full. Sentinel and log-drain credentials are always masked.",
        params: [.uuid()],
        actions: [.read(.get("/servers/{uuid}"))])

    static let serverResources = ToolSpec(
        "server_resources", title: "Server resources", toolset: .servers,
        summary: "Applications, databases and services running on a server.",
        params: [.uuid()], actions: [.read(.get("/servers/{uuid}/resources"))])

    static let serverDomains = ToolSpec(
        "server_domains", title: "Server domains", toolset: .servers,
        summary: "Domains served by a server, by IP.",
        params: [.uuid()], actions: [.read(.get("/servers/{uuid}/domains"))])

    static let validateServer = ToolSpec(
        "validate_server", title: "Validate server", toolset: .servers,
        summary: "Check SSH and Docker on a server (runs in the background).",
        params: [.uuid(), .boolean("install", "Install missing prerequisites.")],
        actions: [.write(nil, Endpoint.action("/servers/{uuid}/validate").adding(body: ["install"]), idempotent: true)])

    static let listDestinations = ToolSpec(
        "list_destinations", title: "List destinations", toolset: .servers,
        summary: "Docker networks (destinations); all, or one server's.",
        params: [.uuid("server_uuid", required: false, "Only this server's.")],
        actions: [
            .read(
                nil, .get("/destinations"),
                handler: { invocation in
                    invocation.arguments.has("server_uuid") ? try await invocation.send(serverDestinations) : try await invocation.sendDeclared()
                }
            ).calling(serverDestinations)
        ])

    static let destination = ToolSpec(
        "destination", title: "Manage destination", toolset: .servers,
        summary: "One destination (Docker network): get, create, rename, delete.",
        params: [
            .uuid(required: false), .uuid("server_uuid", required: false, ""), .string("name", ""),
            .string("network", "Docker network name."), .string("type", "standalone or swarm."),
        ],
        actions: [
            .read("get", .get("/destinations/{uuid}"), requires: ["uuid"]),
            .write("create", .post("/servers/{server_uuid}/destinations", body: ["name", "network", "type"]), requires: ["server_uuid", "network"]),
            .write("update", .patch("/destinations/{uuid}", body: ["name"]), requires: ["uuid", "name"], idempotent: true),
            .destroy("delete", .delete("/destinations/{uuid}"), requires: ["uuid"]),
        ])

    static let server = ToolSpec(
        "server", title: "Manage server", toolset: .servers,
        summary: "Servers and their proxy, Sentinel, log drains, Docker cleanup and Cloudflare tunnel. Credentials stay masked.",
        params: [
            .uuid(required: false), .string("name", ""), .string("description", "").unlisted, .string("ip", ""), .integer("port", "SSH port."),
            .string("user", "SSH user."), .uuid("private_key_uuid", required: false, ""), .boolean("is_build_server", "").unlisted,
            .boolean("instant_validate", "").unlisted, .oneOf("proxy_type", ["traefik", "caddy", "none"], ""),
            .string("configuration", "Proxy configuration (save_proxy_config)."),
            .boolean("delete_unused_volumes", "").unlisted, .boolean("delete_unused_networks", "").unlisted,
            .boolean("is_cloudflare_tunnel", "update_cloudflare_tunnel: the server is reached through the tunnel.").unlisted,
            .boolean("force", "delete: even if in use."),
            .fields,
        ],
        actions: [
            .write("create", .post("/servers", body: ServerFields.basics).withFields, requires: ["name", "ip", "private_key_uuid"]),
            .write("update", .patch("/servers/{uuid}", body: ServerFields.basics).withFields, requires: ["uuid"], idempotent: true),
            .destroy("delete", .delete("/servers/{uuid}", query: ["force"]), requires: ["uuid"]),
            .read("get_proxy", .get("/servers/{uuid}/proxy"), requires: ["uuid"]),
            .write("update_proxy", .patch("/servers/{uuid}/proxy", body: ["proxy_type"]).withFields, requires: ["uuid"], idempotent: true),
            .write(
                "save_proxy_config", .put("/servers/{uuid}/proxy/configuration", body: ["configuration"]), requires: ["uuid", "configuration"],
                idempotent: true),
            .write("restart_proxy", .post("/servers/{uuid}/proxy/restart"), requires: ["uuid"]),
            .read("get_sentinel", .get("/servers/{uuid}/sentinel"), requires: ["uuid"]),
            .write("update_sentinel", .patch("/servers/{uuid}/sentinel").withFields, requires: ["uuid", "fields"], idempotent: true),
            .read("get_log_drains", .get("/servers/{uuid}/log-drains"), requires: ["uuid"]),
            .write("update_log_drains", .patch("/servers/{uuid}/log-drains").withFields, requires: ["uuid", "fields"], idempotent: true),
            .read("get_docker_cleanup", .get("/servers/{uuid}/docker-cleanup"), requires: ["uuid"]),
            .write(
                "update_docker_cleanup", .patch("/servers/{uuid}/docker-cleanup", body: ["delete_unused_volumes", "delete_unused_networks"]).withFields,
                requires: ["uuid"], idempotent: true),
            .write(
                "run_docker_cleanup", .post("/servers/{uuid}/docker-cleanup/run", body: ["delete_unused_volumes", "delete_unused_networks"]),
                requires: ["uuid"]),
            .read("list_docker_cleanups", .get("/servers/{uuid}/docker-cleanup/executions"), requires: ["uuid"], projection: .frame(["message"])),
            .read("get_cloudflare_tunnel", .get("/servers/{uuid}/cloudflare-tunnel"), requires: ["uuid"]),
            .write(
                "update_cloudflare_tunnel", .patch("/servers/{uuid}/cloudflare-tunnel", body: ["is_cloudflare_tunnel"]),
                requires: ["uuid", "is_cloudflare_tunnel"], idempotent: true),
            .write("enable_cloudflare_tunnel", .post("/servers/{uuid}/cloudflare-tunnel/enable"), requires: ["uuid"]),
            .write("disable_cloudflare_tunnel", .post("/servers/{uuid}/cloudflare-tunnel/disable"), requires: ["uuid"]),
        ])
}

enum ServerFields {
    static let basics = ["name", "description", "ip", "port", "user", "private_key_uuid", "is_build_server", "instant_validate", "proxy_type"]
}

extension Endpoint {
    func adding(body fields: [String]) -> Endpoint {
        var copy = self
        copy.body += fields
        copy.alwaysBody = true
        return copy
    }
}

/// One server's destinations (list_destinations with server_uuid).
private let serverDestinations = Endpoint.get("/servers/{server_uuid}/destinations")
