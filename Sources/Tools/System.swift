extension ToolSpec {
    static let system = ToolSpec(
        "system", title: "System", toolset: .system,
        summary: "Health, all resources, API and MCP endpoint on/off (root token).",
        params: [.boolean("include_full", "list_resources: whole rows instead of summaries."), .reveal, Param.page.unlisted, Param.perPage.unlisted],
        actions: [
            .read("health", .get("/health")),
            .read(
                "list_resources", .get("/resources"),
                handler: { invocation in
                    let answer = try await invocation.sendDeclared()
                    if invocation.arguments.bool("include_full") == true { return answer }
                    return try CatalogueHost.project(answer, .list(["uuid", "name", "type", "status"]), tool: "system", arguments: invocation.arguments)
                }
            ).reading("include_full", "page", "per_page"),
            .write("enable_api", Endpoint.action("/enable"), idempotent: true),
            .destroy("disable_api", Endpoint.action("/disable")),
            .write("enable_mcp", .post("/mcp/enable"), idempotent: true),
            .write("disable_mcp", .post("/mcp/disable"), idempotent: true),
        ])

    static let tags = ToolSpec(
        "tags", title: "Tags", toolset: .system,
        summary: "Team tags, and the tags of an application, database or service.",
        params: [
            .oneOf("resource", ["application", "database", "service"], "With uuid: the tagged resource."), .uuid(required: false),
            .stringArray("tag_names", "attach: tag names (created if new)."), .uuid("tag_uuid", required: false, ""), .string("name", ""),
        ],
        actions: [
            .read(
                "list", .get("/tags"),
                handler: { invocation in
                    let args = invocation.arguments
                    if args.has("resource") && !args.has("uuid") { throw ToolError("\"resource\" lists one resource's tags: give its \"uuid\" too.") }
                    return args.has("uuid") ? try await invocation.send(resourceTags) : try await invocation.sendDeclared()
                }
            ).calling(resourceTags),
            .write("create", .post("/tags", body: ["name"]), requires: ["name"]),
            .write("update", .patch("/tags/{tag_uuid}", body: ["name"]), requires: ["tag_uuid", "name"], idempotent: true),
            .destroy("delete", .delete("/tags/{tag_uuid}"), requires: ["tag_uuid"]),
            .write("attach", .post("/{resource}/{uuid}/tags", body: ["tag_names"]), requires: ["resource", "uuid", "tag_names"], idempotent: true),
            .write("detach", .delete("/{resource}/{uuid}/tags/{tag_uuid}"), requires: ["resource", "uuid", "tag_uuid"], idempotent: true),
        ])
}

/// One resource's tags (tags list with a uuid).
private let resourceTags = Endpoint.get("/{resource}/{uuid}/tags")
