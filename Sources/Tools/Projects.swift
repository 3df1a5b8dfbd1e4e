internal import MCPWire

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
            .string("description", "update only."), .uuid("application_uuid", required: false, "Application to check (verify_app)."),
        ],
        actions: [
            .read("list", .get("/projects/{project_uuid}/environments")),
            .read("get", .get("/projects/{project_uuid}/{name}"), requires: ["name"]),
            .write("create", .post("/projects/{project_uuid}/environments", body: ["name"]), requires: ["name"]),
            .write(
                "update", .patch("/projects/{project_uuid}/environments/{name}", body: ["new_name", "description"]).renaming(["new_name": "name"]),
                requires: ["name"], idempotent: true),
            .destroy("delete", .delete("/projects/{project_uuid}/environments/{name}"), requires: ["name"]),
            .read("verify_app", .get("/projects/{project_uuid}/{name}"), requires: ["name", "application_uuid"], handler: Environments.verifyApp)
                .calling(API.application),
        ])

    static let sharedEnvVars = ToolSpec(
        "shared_env_vars", title: "Shared variables", toolset: .environment,
        summary: "Shared variables (team, project, environment, server). Values masked; reveal only with an exact key.",
        params: [
            .oneOf("scope", ["team", "project", "environment", "server"], required: true, ""),
            .uuid(required: false, "Project or server UUID (not for team)."), .string("environment", "Environment name or UUID (scope environment)."),
            .integer("env_id", "Variable id, an integer (update, delete)."),
            .string("key", "Variable name (list: filter to this exact key)."), .string("value", ""), .string("comment", ""),
            .boolean("is_literal", ""), .boolean("is_multiline", ""), .boolean("is_shown_once", ""), .reveal,
        ],
        actions: [
            .read("list", SharedVariables.list.team, handler: SharedVariables.run).revealing(.variable(keyArgument: "key")).reading("key")
                .calling(SharedVariables.list.others),
            .write("create", SharedVariables.create.team, requires: ["key", "value"], handler: SharedVariables.run)
                .calling(SharedVariables.create.others),
            .write("update", SharedVariables.update.team, requires: ["env_id"], idempotent: true, handler: SharedVariables.run)
                .calling(SharedVariables.update.others),
            .destroy("delete", SharedVariables.delete.team, requires: ["env_id"], handler: SharedVariables.run)
                .calling(SharedVariables.delete.others),
        ])
}

enum Environments {
    /// One application, one environment: compares ids without listing the estate.
    static let verifyApp: Handler = { invocation in
        let args = invocation.arguments
        let appUUID = try args.pathSegment("application_uuid")
        async let application = invocation.send(API.application, ["uuid": appUUID])
        async let environment = invocation.sendDeclared()
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

    /// One action's endpoint per scope: the scope picks a declaration, never a built path.
    struct Scoped: Sendable {
        let team: Endpoint, project: Endpoint, environment: Endpoint, server: Endpoint

        /// The scopes other than team (whose endpoint is the action's own).
        var others: [Endpoint] { [project, environment, server] }

        func pick(_ args: Arguments) throws(ToolError) -> Endpoint {
            let endpoint: Endpoint
            switch args.string("scope") {
            case "team": endpoint = team
            case "project": endpoint = project
            case "environment": endpoint = environment
            case "server": endpoint = server
            default: throw ToolError("\"scope\" must be team, project, environment or server.")
            }
            // The scope's path says which of uuid and environment it takes; the other is refused
            // rather than dropped (a team variable given a project's uuid).
            for name in ["uuid", "environment"] where args.has(name) && !endpoint.pathParameters.contains(name) {
                throw ToolError("\"\(name)\" does not apply to scope \(args.string("scope") ?? ""); leave it out.")
            }
            return endpoint
        }
    }

    static let list = Scoped(
        team: .get("/team/envs"), project: .get("/projects/{uuid}/envs"),
        environment: .get("/projects/{uuid}/environments/{environment}/envs"), server: .get("/servers/{uuid}/envs"))
    static let create = Scoped(
        team: .post("/team/envs", body: bodyFields), project: .post("/projects/{uuid}/envs", body: bodyFields),
        environment: .post("/projects/{uuid}/environments/{environment}/envs", body: bodyFields),
        server: .post("/servers/{uuid}/envs", body: bodyFields))
    static let update = Scoped(
        team: .patch("/team/envs/{env_id}", body: bodyFields), project: .patch("/projects/{uuid}/envs/{env_id}", body: bodyFields),
        environment: .patch("/projects/{uuid}/environments/{environment}/envs/{env_id}", body: bodyFields),
        server: .patch("/servers/{uuid}/envs/{env_id}", body: bodyFields))
    static let delete = Scoped(
        team: .delete("/team/envs/{env_id}"), project: .delete("/projects/{uuid}/envs/{env_id}"),
        environment: .delete("/projects/{uuid}/environments/{environment}/envs/{env_id}"),
        server: .delete("/servers/{uuid}/envs/{env_id}"))

    static let run: Handler = { invocation in
        let args = invocation.arguments
        if invocation.action.name != "list" { try EnvironmentVariables.refuseReveal(args) }
        switch invocation.action.name {
        case "list":
            let endpoint = try list.pick(args)
            return try await EnvironmentVariables.listing(args, fields: nil) {
                try await invocation.send(endpoint)
            }
        case "create":
            return try await invocation.send(try create.pick(args))
        case "update":
            return try await invocation.send(try update.pick(args))
        default:
            return try await invocation.send(try delete.pick(args))
        }
    }
}
