extension ToolSpec {
    static let listApplications = ToolSpec(
        "list_applications", title: "List applications", toolset: .applications,
        summary: "Applications, summarised (uuid, name, status, fqdn, git repository and branch).",
        params: [.string("tag", "Only applications with this tag."), .page, .perPage],
        actions: [
            .read(
                .get("/applications", query: ["tag"]),
                projection: .list(["uuid", "name", "status", "fqdn", "git_repository", "git_branch"]))
        ])

    static let getApplication = ToolSpec(
        "get_application", title: "Get application", toolset: .applications,
        summary: "One application. Webhook secrets, basic-auth password, compose, labels and env values masked unless reveal.",
        params: [.uuid(), .reveal],
        actions: [ActionSpec.read(.get("/applications/{uuid}")).revealing(.resource(uuidArgument: "uuid"))])

    static let application = ToolSpec(
        "application", title: "Manage application", toolset: .applications,
        summary: "Applications: create from a repository, image or Dockerfile; change, move, clone, roll back, delete.",
        params: ApplicationFields.params,
        actions: [
            .write(
                "create_public", ApplicationFields.creating("/applications/public", ApplicationFields.build),
                requires: ["project_uuid", "server_uuid", "git_repository", "git_branch", "build_pack", "ports_exposes"]),
            .write(
                "create_github", ApplicationFields.creating("/applications/private-github-app", ApplicationFields.build + ["github_app_uuid"]),
                requires: ["project_uuid", "server_uuid", "github_app_uuid", "git_repository", "git_branch", "build_pack"]),
            .write(
                "create_key", ApplicationFields.creating("/applications/private-deploy-key", ApplicationFields.build + ["private_key_uuid"]),
                requires: ["project_uuid", "server_uuid", "private_key_uuid", "git_repository", "git_branch", "build_pack"]),
            .write(
                "create_dockerimage", ApplicationFields.creating("/applications/dockerimage", ["docker_registry_image_name", "docker_registry_image_tag"]),
                requires: ["project_uuid", "server_uuid", "docker_registry_image_name", "ports_exposes"]),
            .write(
                "create_dockerfile", ApplicationFields.creating("/applications/dockerfile", ["dockerfile", "base_directory"]),
                requires: ["project_uuid", "server_uuid", "dockerfile"]),
            .write(
                "update", .patch("/applications/{uuid}", body: ApplicationFields.update).withFields.renaming(ApplicationFields.renamed),
                requires: ["uuid"], idempotent: true),
            .write("move", .post("/applications/{uuid}/move", body: ["environment_uuid"]), requires: ["uuid", "environment_uuid"], idempotent: true),
            .write("migrate", .post("/applications/{uuid}/migrate", body: ["destination_uuid", "migrate_volumes"]), requires: ["uuid", "destination_uuid"]),
            .write("clone", .post("/applications/{uuid}/clone", body: ["destination_uuid", "name", "clone_volumes"]), requires: ["uuid", "destination_uuid"]),
            .read("list_rollback_images", .get("/applications/{uuid}/rollback-images"), requires: ["uuid"]),
            .write("rollback", .post("/applications/{uuid}/rollback", body: ["commit"]), requires: ["uuid", "commit"]),
            .read("list_destinations", .get("/applications/{uuid}/destinations"), requires: ["uuid"]),
            .write(
                "add_destination", .post("/applications/{uuid}/destinations", body: ["destination_uuid"]), requires: ["uuid", "destination_uuid"],
                idempotent: true),
            .destroy("remove_destination", .delete("/applications/{uuid}/destinations/{destination_uuid}"), requires: ["uuid", "destination_uuid"]),
            .destroy("delete", .delete("/applications/{uuid}", query: Deletion.options), requires: ["uuid"]),
            .destroy("delete_preview", .delete("/applications/{uuid}/previews/{pull_request_id}"), requires: ["uuid", "pull_request_id"]),
        ])
}

/// What a delete of an application, database or service may also remove.
enum Deletion {
    static let options = ["delete_volumes", "delete_configurations", "docker_cleanup", "delete_connected_networks"]
}

/// The application fields offered as arguments; everything else Coolify accepts goes through
/// `fields`, so the schema stays small without hiding any of the API.
enum ApplicationFields {
    static let create =
        [
            "project_uuid", "server_uuid", "environment_name", "environment_uuid", "destination_uuid", "name", "description",
            "domains", "fqdn", "ports_exposes", "instant_deploy", "custom_docker_run_options", "custom_labels",
        ] + health
    static let build = [
        "git_repository", "git_branch", "git_commit_sha", "build_pack", "base_directory", "publish_directory",
        "install_command", "build_command", "start_command", "dockerfile_location", "watch_paths", "docker_compose_domains",
    ]
    static let health = [
        "health_check_enabled", "health_check_path", "health_check_port", "health_check_method", "health_check_return_code",
        "health_check_interval", "health_check_timeout", "health_check_retries", "health_check_start_period",
    ]
    static let update =
        // Where it lives and the inline Dockerfile are set at creation: Coolify refuses them here.
        create.filter { !["project_uuid", "server_uuid", "environment_name", "environment_uuid", "destination_uuid", "instant_deploy"].contains($0) }
        + build + ["docker_registry_image_name", "docker_registry_image_tag", "custom_network_aliases", "dockerfile_target_build"]
    /// One of the five ways to create an application: `POST /applications/<kind>`.
    static func creating(_ path: StaticString, _ fields: [String]) -> Endpoint {
        Endpoint.post(path, body: create + fields).withFields.inProductionByDefault.renaming(renamed)
    }

    /// The Node server calls Coolify's `domains` "fqdn"; both are accepted, `domains` wins.
    static let renamed: Renames = ["fqdn": "domains"]

    static let params: [Param] = [
        .uuid(required: false),
        .uuid("project_uuid", required: false, ""), .uuid("server_uuid", required: false, ""),
        .string("environment_name", "Default production."), .uuid("environment_uuid", required: false, ""),
        .uuid("destination_uuid", required: false, "Docker network (servers with several)."),
        .uuid("github_app_uuid", required: false, ""), .uuid("private_key_uuid", required: false, ""),
        .string("git_repository", "e.g. owner/repo or a URL."), .string("git_branch", ""), .string("git_commit_sha", "").unlisted,
        .oneOf("build_pack", ["nixpacks", "railpack", "static", "dockerfile", "dockercompose"], ""),
        .string("ports_exposes", "e.g. \"3000\"."),
        .string("docker_registry_image_name", ""), .string("docker_registry_image_tag", "").unlisted,
        .string("dockerfile", "Dockerfile content."), .string("dockerfile_location", "").unlisted, .string("dockerfile_target_build", "").unlisted,
        .string("name", ""), .string("description", "").unlisted,
        .string("domains", "Comma-separated URLs."), .string("fqdn", "Alias of domains.").unlisted,
        Param(
            name: "docker_compose_domains", kind: .objectArray([.string("name", required: true, ""), .string("domain", required: true, "")]),
            required: false, summary: "Compose: URLs per service."),
        .string("custom_docker_run_options", "").unlisted, .string("custom_labels", "").unlisted, .string("custom_network_aliases", "").unlisted,
        .boolean("instant_deploy", "Deploy right after creating."),
        .boolean("health_check_enabled", "").unlisted, .string("health_check_path", "").unlisted, .string("health_check_port", "").unlisted,
        .string("health_check_method", "").unlisted, .integer("health_check_return_code", "").unlisted, .integer("health_check_interval", "").unlisted,
        .integer("health_check_timeout", "").unlisted, .integer("health_check_retries", "").unlisted, .integer("health_check_start_period", "").unlisted,
        .string("base_directory", "").unlisted, .string("publish_directory", "").unlisted, .string("install_command", "").unlisted,
        .string("build_command", "").unlisted, .string("start_command", "").unlisted, .string("watch_paths", "").unlisted,
        .string("commit", "Commit or image tag to roll back to."),
        .boolean("migrate_volumes", "").unlisted, .boolean("clone_volumes", "").unlisted,
        .boolean("delete_volumes", "Default true."),
        .boolean("delete_configurations", "").unlisted, .boolean("docker_cleanup", "").unlisted,
        .boolean("delete_connected_networks", "").unlisted,
        .integer("pull_request_id", "Preview to delete."),
        Param(
            name: "fields", kind: .fields, required: false,
            summary: "More Coolify fields by API name: health_check_*, build commands, limits_*, custom_labels..."),
    ]
}
