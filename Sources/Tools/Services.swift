extension ToolSpec {
    static let listServices = ToolSpec(
        "list_services", title: "List services", toolset: .services,
        summary: "Services (one-click and compose stacks), summarised (uuid, name, type, status).",
        params: [.page, .perPage],
        actions: [.read(.get("/services"), projection: .list(["uuid", "name", "service_type", "status"]))])

    static let getService = ToolSpec(
        "get_service", title: "Get service", toolset: .services,
        summary: "One service. Compose and credentials masked unless reveal.",
        params: [.uuid(), .reveal],
        actions: [ActionSpec.read(.get("/services/{uuid}")).revealing(.resource(uuidArgument: "uuid"))])

    static let service = ToolSpec(
        "service", title: "Manage service", toolset: .services,
        summary: "Services and their containers (applications, databases).",
        params: [
            .uuid(required: false), .uuid("app_uuid", required: false, "Container (application) UUID."),
            .uuid("database_uuid", required: false, "Container (database) UUID."),
            .string("type", "One-click type, e.g. plausible."),
            .uuid("server_uuid", required: false, ""), .uuid("project_uuid", required: false, ""),
            .string("environment_name", "Default production."), .uuid("environment_uuid", required: false, ""),
            .uuid("destination_uuid", required: false, ""), .string("name", ""), .string("description", "").unlisted,
            .boolean("instant_deploy", ""), .string("docker_compose_raw", "Compose file (plain YAML; encoded for Coolify)."),
            .string("url", "Container URL(s), comma-separated."), .string("human_name", "").unlisted, .string("image", "").unlisted,
            .boolean("exclude_from_status", "").unlisted, .boolean("is_public", "").unlisted, .integer("public_port", "").unlisted,
            .boolean("force_domain_override", "").unlisted, .boolean("force", ""), .boolean("latest", "Pull the latest image."),
            .integer("lines", "Log lines (default 100)."),
            .boolean("migrate_volumes", "").unlisted, .boolean("clone_volumes", "").unlisted,
            .boolean("delete_volumes", "Default true."), .boolean("delete_configurations", "").unlisted,
            .boolean("docker_cleanup", "").unlisted, .boolean("delete_connected_networks", "").unlisted,
            Param(
                name: "urls", kind: .objectArray([.string("name", required: true, ""), .string("url", required: true, "")]),
                required: false, summary: "URLs per compose service."),
            .fields,
        ],
        actions: [
            .write(
                "create",
                .post(
                    "/services",
                    body: [
                        "type", "name", "description", "project_uuid", "environment_name", "environment_uuid",
                        "server_uuid", "destination_uuid", "instant_deploy", "docker_compose_raw", "urls",
                    ]
                ).withFields.inProductionByDefault,
                requires: ["server_uuid", "project_uuid"], handler: ServiceCompose.encodingCompose
            ).requiringOneOf("type", "docker_compose_raw"),
            .write(
                "update", .patch("/services/{uuid}", body: ["name", "description", "instant_deploy", "docker_compose_raw", "urls"]).withFields,
                requires: ["uuid"], idempotent: true, handler: ServiceCompose.encodingCompose),
            .write("move", .post("/services/{uuid}/move", body: ["environment_uuid"]), requires: ["uuid", "environment_uuid"], idempotent: true),
            .write("migrate", .post("/services/{uuid}/migrate", body: ["destination_uuid", "migrate_volumes"]), requires: ["uuid", "destination_uuid"]),
            .write("clone", .post("/services/{uuid}/clone", body: ["destination_uuid", "name", "clone_volumes"]), requires: ["uuid", "destination_uuid"]),
            .destroy("delete", .delete("/services/{uuid}", query: Deletion.options), requires: ["uuid"]),
            .read("list_containers", .get("/services/{uuid}/applications"), requires: ["uuid"], handler: ServiceCompose.containers)
                .calling(serviceDatabases),
            .read("get_application", .get("/services/{uuid}/applications/{app_uuid}"), requires: ["uuid", "app_uuid"]),
            .write(
                "update_application",
                .patch(
                    "/services/{uuid}/applications/{app_uuid}",
                    body: ["url", "human_name", "description", "image", "exclude_from_status"],
                    query: ["force_domain_override"]
                ).withFields,
                requires: ["uuid", "app_uuid"], idempotent: true),
            .write("start_application", .post("/services/{uuid}/applications/{app_uuid}/start", query: ["force", "latest"]), requires: ["uuid", "app_uuid"]),
            .write("stop_application", .post("/services/{uuid}/applications/{app_uuid}/stop"), requires: ["uuid", "app_uuid"], idempotent: true),
            .write("restart_application", .post("/services/{uuid}/applications/{app_uuid}/restart"), requires: ["uuid", "app_uuid"]),
            .read(
                "application_logs", .get("/services/{uuid}/applications/{app_uuid}/logs", query: ["lines"]), requires: ["uuid", "app_uuid"],
                projection: .text("logs")),
            .read("get_database", .get("/services/{uuid}/databases/{database_uuid}"), requires: ["uuid", "database_uuid"]),
            .write(
                "update_database",
                .patch(
                    "/services/{uuid}/databases/{database_uuid}",
                    body: ["human_name", "description", "image", "exclude_from_status", "is_public", "public_port"]
                ).withFields,
                requires: ["uuid", "database_uuid"], idempotent: true),
            .write(
                "start_database", .post("/services/{uuid}/databases/{database_uuid}/start", query: ["force", "latest"]), requires: ["uuid", "database_uuid"]),
            .write("stop_database", .post("/services/{uuid}/databases/{database_uuid}/stop"), requires: ["uuid", "database_uuid"], idempotent: true),
            .write("restart_database", .post("/services/{uuid}/databases/{database_uuid}/restart"), requires: ["uuid", "database_uuid"]),
            .read(
                "database_logs", .get("/services/{uuid}/databases/{database_uuid}/logs", query: ["lines"]), requires: ["uuid", "database_uuid"],
                projection: .text("logs")),
        ])
}
