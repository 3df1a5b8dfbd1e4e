extension ToolSpec {
    static let listDatabases = ToolSpec(
        "list_databases", title: "List databases", toolset: .databases,
        summary: "Databases, summarised (uuid, name, type, status, public access).",
        params: [.page, .perPage],
        actions: [
            .read(
                .get("/databases"),
                projection: .list(["uuid", "name", "type", "database_type", "status", "is_public"]))
        ])

    static let getDatabase = ToolSpec(
        "get_database", title: "Get database", toolset: .databases,
        summary: "One database. Passwords and connection URLs masked unless reveal.",
        params: [.uuid(), .reveal],
        actions: [ActionSpec.read(.get("/databases/{uuid}")).revealing(.resource(uuidArgument: "uuid"))])

    static let database = ToolSpec(
        "database", title: "Manage database", toolset: .databases,
        summary: "Databases. Credentials go by Coolify name (postgres_password...), top level or in fields.",
        params: DatabaseFields.params,
        actions: [
            .write(
                "create", .post("/databases/{type}", body: DatabaseFields.create).withFields.inProductionByDefault,
                requires: ["type", "server_uuid", "project_uuid"]),
            .write("update", .patch("/databases/{uuid}", body: DatabaseFields.update).withFields, requires: ["uuid"], idempotent: true),
            .write("move", .post("/databases/{uuid}/move", body: ["environment_uuid"]), requires: ["uuid", "environment_uuid"], idempotent: true),
            .write("migrate", .post("/databases/{uuid}/migrate", body: ["destination_uuid", "migrate_volumes"]), requires: ["uuid", "destination_uuid"]),
            .write("clone", .post("/databases/{uuid}/clone", body: ["destination_uuid", "name", "clone_volumes"]), requires: ["uuid", "destination_uuid"]),
            .destroy("delete", .delete("/databases/{uuid}", query: Deletion.options), requires: ["uuid"]),
        ])

    static let databaseBackups = ToolSpec(
        "database_backups", title: "Database backups", toolset: .databases,
        summary: "Backup schedules of a database and their executions.",
        params: [
            .uuid("database_uuid", required: true, ""), .uuid("backup_uuid", required: false, "Schedule UUID."),
            .uuid("execution_uuid", required: false, ""),
            .string("frequency", "Cron expression or hourly/daily/weekly/monthly/yearly."), .boolean("enabled", ""),
            .boolean("save_s3", ""), .uuid("s3_storage_uuid", required: false, ""), .string("databases_to_backup", "Comma-separated."),
            .boolean("dump_all", "").unlisted, .boolean("backup_now", "").unlisted,
            .integer("database_backup_retention_days_locally", "").unlisted, .integer("database_backup_retention_amount_locally", "").unlisted,
            .integer("database_backup_retention_days_s3", "").unlisted, .integer("database_backup_retention_amount_s3", "").unlisted,
            .boolean("delete_s3", "Also delete the copy on S3."),
            .fields,
        ],
        actions: [
            .read("list_schedules", .get("/databases/{database_uuid}/backups")),
            .read("get_schedule", .get("/databases/{database_uuid}/backups"), requires: ["backup_uuid"], projection: .find("backup_uuid")),
            .read(
                "list_executions", .get("/databases/{database_uuid}/backups/{backup_uuid}/executions"), requires: ["backup_uuid"],
                projection: .frame(["message"])),
            .read(
                "get_execution", .get("/databases/{database_uuid}/backups/{backup_uuid}/executions"), requires: ["backup_uuid", "execution_uuid"],
                projection: .find("execution_uuid", frame: ["message"])),
            .write("create", .post("/databases/{database_uuid}/backups", body: DatabaseFields.backup).withFields, requires: ["frequency"]),
            .write(
                "update", .patch("/databases/{database_uuid}/backups/{backup_uuid}", body: DatabaseFields.backup).withFields,
                requires: ["backup_uuid"], idempotent: true),
            .destroy("delete", .delete("/databases/{database_uuid}/backups/{backup_uuid}", query: ["delete_s3"]), requires: ["backup_uuid"]),
            .destroy(
                "delete_execution", .delete("/databases/{database_uuid}/backups/{backup_uuid}/executions/{execution_uuid}", query: ["delete_s3"]),
                requires: ["backup_uuid", "execution_uuid"]),
        ])
}

enum DatabaseFields {
    static let types = ["postgresql", "mysql", "mariadb", "mongodb", "redis", "keydb", "clickhouse", "dragonfly"]
    static let common = ["name", "description", "image", "is_public", "public_port", "limits_memory", "limits_cpus"]
    static let credentials = [
        "postgres_user", "postgres_password", "postgres_db", "mysql_root_password", "mysql_user", "mysql_password",
        "mysql_database", "mariadb_root_password", "mariadb_user", "mariadb_password", "mariadb_database",
        "mongo_initdb_root_username", "mongo_initdb_root_password", "mongo_initdb_database", "redis_password",
        "keydb_password", "clickhouse_admin_user", "clickhouse_admin_password", "dragonfly_password",
    ]
    static let create =
        ["server_uuid", "project_uuid", "environment_name", "environment_uuid", "destination_uuid", "instant_deploy"]
        + common + credentials
    static let update = common + credentials
    static let backup = [
        "frequency", "enabled", "save_s3", "s3_storage_uuid", "databases_to_backup", "dump_all", "backup_now",
        "database_backup_retention_days_locally", "database_backup_retention_amount_locally",
        "database_backup_retention_days_s3", "database_backup_retention_amount_s3",
    ]

    static let params: [Param] =
        [
            .oneOf("type", types, "Engine (create)."), .uuid(required: false),
            .uuid("server_uuid", required: false, ""), .uuid("project_uuid", required: false, ""),
            .string("environment_name", "Default production."), .uuid("environment_uuid", required: false, ""),
            .uuid("destination_uuid", required: false, ""), .boolean("instant_deploy", "Start right after creating."),
            .string("name", ""), .string("description", "").unlisted, .string("image", "Docker image, e.g. postgres:16-alpine."),
            .boolean("is_public", "Expose on a public port."), .integer("public_port", "").unlisted,
            .string("limits_memory", "e.g. 512m.").unlisted, .string("limits_cpus", "").unlisted,
        ] + credentials.map { Param.string($0, "").unlisted } + [
            .boolean("migrate_volumes", "").unlisted, .boolean("clone_volumes", "").unlisted,
            .boolean("delete_volumes", "Default true."), .boolean("delete_configurations", "").unlisted,
            .boolean("docker_cleanup", "").unlisted, .boolean("delete_connected_networks", "").unlisted,
            .fields,
        ]
}
