extension ToolSpec {
    static let privateKeys = ToolSpec(
        "private_keys", title: "SSH private keys", toolset: .integrations,
        summary: "SSH keys. Key material never returned.",
        params: [.uuid(required: false), .string("name", ""), Param.string("description", "").unlisted, .string("private_key", "PEM.")],
        actions: [
            .read("list", .get("/security/keys"), projection: .list(["uuid", "name", "description", "fingerprint", "is_git_related"])),
            .read("get", .get("/security/keys/{uuid}"), requires: ["uuid"]),
            .write("create", .post("/security/keys", body: ["name", "description", "private_key"]), requires: ["private_key"]),
            .write(
                "update", .patch("/security/keys/{uuid}", body: ["name", "description", "private_key"]), requires: ["uuid", "private_key"],
                idempotent: true),
            .destroy("delete", .delete("/security/keys/{uuid}"), requires: ["uuid"]),
        ])

    static let githubApps = ToolSpec(
        "github_apps", title: "GitHub Apps", toolset: .integrations,
        summary: "GitHub App sources, their repositories and branches. Secrets never returned.",
        params: [
            .integer("id", "GitHub App id in Coolify (integer)."), .string("owner", ""), .string("repo", ""), .string("name", ""),
            .string("organization", "").unlisted, .string("api_url", "").unlisted, .string("html_url", ""), .string("custom_user", "").unlisted,
            .integer("custom_port", "").unlisted,
            .integer("app_id", ""), .integer("installation_id", ""), .string("client_id", ""), .string("client_secret", ""),
            .string("webhook_secret", ""), .uuid("private_key_uuid", required: false, ""), .boolean("is_system_wide", "").unlisted,
        ],
        actions: [
            .read("list", .get("/github-apps"), projection: .list(["id", "uuid", "name", "organization", "app_id", "is_public", "is_system_wide"])),
            .read("get", .get("/github-apps"), requires: ["id"], projection: .find("id")),
            .write(
                "create", .post("/github-apps", body: GitApps.github),
                requires: [
                    "name", "html_url", "app_id", "installation_id", "client_id",
                    "client_secret", "webhook_secret", "private_key_uuid",
                ]),
            .write("update", .patch("/github-apps/{id}", body: GitApps.github), requires: ["id"], idempotent: true),
            .destroy("delete", .delete("/github-apps/{id}"), requires: ["id"]),
            .read("list_repos", .get("/github-apps/{id}/repositories"), requires: ["id"]),
            .read("list_branches", .get("/github-apps/{id}/repositories/{owner}/{repo}/branches"), requires: ["id", "owner", "repo"]),
        ])

    static let gitlabApps = ToolSpec(
        "gitlab_apps", title: "GitLab Apps", toolset: .integrations,
        summary: "GitLab App sources. Secrets never returned.",
        params: [
            .integer("id", "GitLab App id in Coolify (integer)."), .string("name", ""), .string("html_url", ""), .string("api_url", "").unlisted,
            .string("group_name", "").unlisted, .string("client_id", ""), .string("client_secret", ""), .string("webhook_token", ""),
            .boolean("is_system_wide", "").unlisted, .fields,
        ],
        actions: [
            .read("list", .get("/gitlab-apps"), projection: .list(["id", "uuid", "name", "group_name", "html_url", "is_system_wide"])),
            .write("create", .post("/gitlab-apps", body: GitApps.gitlab).withFields, requires: ["name", "html_url"]),
            .write("update", .patch("/gitlab-apps/{id}", body: GitApps.gitlab).withFields, requires: ["id"], idempotent: true),
            .destroy("delete", .delete("/gitlab-apps/{id}"), requires: ["id"]),
        ])

    static let teams = ToolSpec(
        "teams", title: "Teams", toolset: .integrations,
        summary: "Teams, members, and the token's own team.",
        params: [.integer("id", "Team id.")],
        actions: [
            .read("list", .get("/teams")),
            .read("get", .get("/teams/{id}"), requires: ["id"]),
            .read("get_members", .get("/teams/{id}/members"), requires: ["id"]),
            .read("get_current", .get("/team")),
            .read("get_current_members", .get("/team/members")),
        ])

    static let cloudTokens = ToolSpec(
        "cloud_tokens", title: "Cloud provider tokens", toolset: .integrations,
        summary: "Cloud provider API tokens stored in Coolify. Values never returned.",
        params: [.uuid(required: false), .oneOf("provider", ["hetzner", "digitalocean", "vultr"], ""), .string("token", ""), .string("name", "")],
        actions: [
            .read("list", .get("/cloud-tokens")),
            .read("get", .get("/cloud-tokens/{uuid}"), requires: ["uuid"]),
            .write("create", .post("/cloud-tokens", body: ["provider", "token", "name"]), requires: ["provider", "token", "name"]),
            .write("update", .patch("/cloud-tokens/{uuid}", body: ["name"]), requires: ["uuid", "name"], idempotent: true),
            .destroy("delete", .delete("/cloud-tokens/{uuid}"), requires: ["uuid"]),
            .read("validate", .post("/cloud-tokens/{uuid}/validate"), requires: ["uuid"]),
        ])

    static let hetzner = CloudProvider.tool(
        "hetzner", title: "Hetzner",
        catalogues: [
            "/hetzner/locations", "/hetzner/server-types", "/hetzner/images", "/hetzner/ssh-keys",
            "/hetzner/firewalls", "/hetzner/networks",
        ], creating: "/servers/hetzner",
        create: [
            "location", "server_type", "image", "name", "private_key_uuid", "enable_ipv4", "enable_ipv6", "hetzner_ssh_key_ids",
            "cloud_init_script", "instant_validate",
        ],
        createRequires: ["location", "server_type", "image", "private_key_uuid"],
        params: [.string("location", ""), .string("server_type", ""), .integer("image", "Image id."), .integerArray("hetzner_ssh_key_ids", "")])

    static let digitalocean = CloudProvider.tool(
        "digitalocean", title: "DigitalOcean",
        catalogues: ["/digitalocean/regions", "/digitalocean/sizes", "/digitalocean/images", "/digitalocean/ssh-keys"], creating: "/servers/digitalocean",
        create: ["region", "size", "image", "name", "private_key_uuid", "instant_validate"], createRequires: ["region", "size", "image", "private_key_uuid"],
        params: [.string("region", ""), .string("size", ""), .string("image", "")])

    static let vultr = CloudProvider.tool(
        "vultr", title: "Vultr", catalogues: ["/vultr/regions", "/vultr/plans", "/vultr/os", "/vultr/ssh-keys"], creating: "/servers/vultr",
        create: ["region", "plan", "os_id", "name", "private_key_uuid", "instant_validate"], createRequires: ["region", "plan", "os_id", "private_key_uuid"],
        params: [.string("region", ""), .string("plan", ""), .integer("os_id", "")])

    static let s3Storages = ToolSpec(
        "s3_storages", title: "S3 storages", toolset: .integrations,
        summary: "S3 backup destinations. Keys and secrets never returned.",
        params: [
            .uuid(required: false), .string("name", ""), Param.string("description", "").unlisted, .string("endpoint", ""), .string("bucket", ""),
            .string("region", ""), .string("key", "Access key id."), .string("secret", "Secret access key."),
            .boolean("is_usable", "").unlisted,
        ],
        actions: [
            .read("list", .get("/s3-storages")),
            .read("get", .get("/s3-storages/{uuid}"), requires: ["uuid"]),
            .write("create", .post("/s3-storages", body: S3.fields), requires: ["name", "endpoint", "bucket", "region", "key", "secret"]),
            .write("update", .patch("/s3-storages/{uuid}", body: S3.fields), requires: ["uuid"], idempotent: true),
            .destroy("delete", .delete("/s3-storages/{uuid}"), requires: ["uuid"]),
            .read("validate", .post("/s3-storages/{uuid}/validate"), requires: ["uuid"]),
        ])

    static let cloudInitScripts = ToolSpec(
        "cloud_init_scripts", title: "Cloud-init scripts", toolset: .integrations,
        summary: "Saved cloud-init scripts.",
        params: [.uuid(required: false), .string("name", ""), .string("script", "")],
        actions: [
            .read("list", .get("/cloud-init-scripts")),
            .read("get", .get("/cloud-init-scripts/{uuid}"), requires: ["uuid"]),
            .write("create", .post("/cloud-init-scripts", body: ["name", "script"]), requires: ["name", "script"]),
            .write("update", .patch("/cloud-init-scripts/{uuid}", body: ["name", "script"]), requires: ["uuid"], idempotent: true),
            .destroy("delete", .delete("/cloud-init-scripts/{uuid}"), requires: ["uuid"]),
        ])

    static let notifications = ToolSpec(
        "notifications", title: "Notification settings", toolset: .integrations,
        summary: "Notification settings per channel. Credentials never returned.",
        params: [.oneOf("channel", ["email", "discord", "slack", "telegram", "pushover", "webhook"], required: true, ""), .fields],
        actions: [
            .read("get", .get("/notifications/{channel}")),
            .write("update", .patch("/notifications/{channel}").withFields, requires: ["fields"], idempotent: true),
        ])
}

enum GitApps {
    static let github = [
        "name", "organization", "api_url", "html_url", "custom_user", "custom_port", "app_id", "installation_id",
        "client_id", "client_secret", "webhook_secret", "private_key_uuid", "is_system_wide",
    ]
    static let gitlab = ["name", "html_url", "api_url", "group_name", "client_id", "client_secret", "webhook_token", "is_system_wide"]
}

enum S3 {
    static let fields = ["name", "description", "endpoint", "bucket", "region", "key", "secret", "is_usable"]
}

/// Hetzner, DigitalOcean and Vultr share one shape: catalogues read with a stored token, and a
/// server created from them.
enum CloudProvider {
    /// `catalogues` are the list paths ("/hetzner/locations" gives the action list_locations),
    /// `creating` the path that creates a server.
    static func tool(
        _ name: String, title: String, catalogues: [StaticString], creating: StaticString, create: [String], createRequires: [String],
        params: [Param]
    ) -> ToolSpec {
        let reads = catalogues.map { path in
            let catalogue = path.description.split(separator: "/").last.map(String.init) ?? ""
            return ActionSpec.read(
                "list_" + String(catalogue.map { $0 == "-" ? "_" : $0 }),
                .get(path, query: ["cloud_provider_token_uuid"]), requires: ["cloud_provider_token_uuid"])
        }
        return ToolSpec(
            name, title: title, toolset: .integrations,
            summary: "\(title): list what a stored cloud token offers; create a server there.",
            params: [.uuid("cloud_provider_token_uuid", required: true, "Stored cloud token (see cloud_tokens).")] + params + [
                .string("name", ""), .uuid("private_key_uuid", required: false, ""), .boolean("instant_validate", "").unlisted, .fields,
            ]
                + (name == "hetzner"
                    ? [
                        .boolean("enable_ipv4", "").unlisted, .boolean("enable_ipv6", "").unlisted,
                        .string("cloud_init_script", "").unlisted,
                    ] : []),
            actions: reads + [
                .write(
                    "create_server", .post(creating, body: ["cloud_provider_token_uuid"] + create).withFields,
                    requires: createRequires)
            ])
    }
}
