public import MCPWire

extension ToolSpec {
    static let projects = ToolSpec(
        "projects", title: "Projects", toolset: .projects,
        summary: "List, get, create, rename or delete projects.",
        params: [.uuid(required: false), .string("name", ""), .string("description", ""), .page, .perPage],
        actions: [
            .read("list", .get("/projects"), projection: .list(["uuid", "name", "description"])),
            .read("get", .get("/projects/{uuid}"), requires: ["uuid"]),
            .write("create", .post("/projects", body: ["name", "description"]), requires: ["name"]),
            .write("update", .patch("/projects/{uuid}", body: ["name", "description"]), requires: ["uuid"], idempotent: true),
            .destroy("delete", .delete("/projects/{uuid}"), requires: ["uuid"]),
        ])

    static let environments = ToolSpec(
        "environments", title: "Environments", toolset: .projects,
        summary: "Environments of a project; verify_app checks that an application belongs to one.",
        params: [
            .uuid("project_uuid", required: true, ""), .string("name", "Environment name or UUID."), .string("new_name", "Rename to (update)."),
            .string("description", ""), .uuid("application_uuid", required: false, "Application to check (verify_app)."),
        ],
        actions: [
            .read("list", .get("/projects/{project_uuid}/environments")),
            .read("get", .get("/projects/{project_uuid}/{name}"), requires: ["name"]),
            .write("create", .post("/projects/{project_uuid}/environments", body: ["name", "description"]), requires: ["name"]),
            .write("update", .patch("/projects/{project_uuid}/environments/{name}", body: ["new_name", "description"]).renaming(["new_name": "name"]),
                   requires: ["name"], idempotent: true),
            .destroy("delete", .delete("/projects/{project_uuid}/environments/{name}"), requires: ["name"]),
            .read("verify_app", .get("/projects/{project_uuid}/{name}"), requires: ["name", "application_uuid"], handler: Environments.verifyApp),
        ])

    static let sharedEnvVars = ToolSpec(
        "shared_env_vars", title: "Shared variables", toolset: .environment,
        summary: "Shared variables (team, project, environment, server). Values masked; reveal only with an exact key.",
        params: [
            .oneOf("scope", ["team", "project", "environment", "server"], required: true, ""),
            .uuid(required: false, "Project or server UUID (not for team)."), .string("environment", "Environment name or UUID (scope environment)."),
            .uuid("env_id", required: false, "Variable id (update, delete)."),
            .string("key", "Variable name (list: filter to this exact key)."), .string("value", ""), .string("comment", ""),
            .boolean("is_literal", ""), .boolean("is_multiline", ""), .boolean("is_shown_once", ""), .reveal,
        ],
        actions: [
            .read("list", .get("/team/envs"), handler: SharedVariables.run).revealing(.variable(keyArgument: "key"))
                .reaching("GET /projects/{uuid}/envs", "GET /projects/{uuid}/environments/{environment}/envs", "GET /servers/{uuid}/envs"),
            .write("create", .post("/team/envs"), requires: ["key", "value"], handler: SharedVariables.run)
                .reaching("POST /projects/{uuid}/envs", "POST /projects/{uuid}/environments/{environment}/envs", "POST /servers/{uuid}/envs"),
            .write("update", .patch("/team/envs/{env_id}"), requires: ["env_id"], idempotent: true, handler: SharedVariables.run)
                .reaching("PATCH /projects/{uuid}/envs/{env_id}", "PATCH /projects/{uuid}/environments/{environment}/envs/{env_id}",
                          "PATCH /servers/{uuid}/envs/{env_id}"),
            .destroy("delete", .delete("/team/envs/{env_id}"), requires: ["env_id"], handler: SharedVariables.run)
                .reaching("DELETE /projects/{uuid}/envs/{env_id}", "DELETE /projects/{uuid}/environments/{environment}/envs/{env_id}",
                          "DELETE /servers/{uuid}/envs/{env_id}"),
        ])
}

enum Environments {
    /// One application, one environment: compares ids without listing the estate.
    static let verifyApp: Handler = { invocation in
        let args = invocation.arguments
        let appUUID = try args.pathSegment("application_uuid")
        async let application = invocation.coolify.send(.init(.GET, "/applications/\(appUUID)"))
        async let environment = CatalogueHost.send(.get("/projects/{project_uuid}/{name}"), args, via: invocation.coolify)
        let app = try await application, env = try await environment
        let appEnvironment = app["environment_id"]
        let belongs = appEnvironment != nil && (appEnvironment == env["id"] || appEnvironment == env["uuid"])
        return .object([
            "belongs": .bool(belongs),
            "application": .object(["uuid": app["uuid"] ?? .null, "name": app["name"] ?? .null, "environment_id": appEnvironment ?? .null]),
            "environment": .object(["id": env["id"] ?? .null, "uuid": env["uuid"] ?? .null, "name": env["name"] ?? .null]),
        ])
    }
}

/// Shared variables live at four scopes with one shape; the scope picks the path.
enum SharedVariables {
    static let bodyFields = ["key", "value", "comment", "is_literal", "is_multiline", "is_shown_once"]

    static func base(_ args: Arguments) throws(ToolError) -> String {
        switch args.string("scope") {
        case "team": return "/team/envs"
        case "project": return "/projects/\(try args.pathSegment("uuid"))/envs"
        case "environment":
            return "/projects/\(try args.pathSegment("uuid"))/environments/\(try args.pathSegment("environment"))/envs"
        case "server": return "/servers/\(try args.pathSegment("uuid"))/envs"
        default: throw ToolError("\"scope\" must be team, project, environment or server.")
        }
    }

    static let run: Handler = { invocation in
        let args = invocation.arguments
        let path = try base(args)
        if invocation.action.name != "list" { try EnvironmentVariables.refuseReveal(args) }
        switch invocation.action.name {
        case "list":
            return try await EnvironmentVariables.listing(args, fields: nil) {
                try await invocation.coolify.send(.init(.GET, path))
            }
        case "create":
            return try await CatalogueHost.send(.post(path, body: bodyFields), args, via: invocation.coolify)
        case "update":
            return try await CatalogueHost.send(.patch(path + "/{env_id}", body: bodyFields), args, via: invocation.coolify)
        default:
            return try await CatalogueHost.send(.delete(path + "/{env_id}"), args, via: invocation.coolify)
        }
    }
}
