internal import JSON
internal import MCPWire
internal import Coolify

/// Environment variables of applications, services and databases.
enum EnvironmentVariables {
    static let flags = ["is_preview", "is_literal", "is_multiline", "is_shown_once", "is_buildtime", "is_runtime"]
    static let bodyFields = ["key", "value", "comment"] + flags
    static let listFields = ["uuid", "key", "value", "real_value"] + flags

    static let flagParams: [Param] = [
        .boolean("is_preview", "Preview scope (omit for production)."),
        .boolean("is_literal", "No $VAR interpolation."),
        .boolean("is_multiline", "e.g. PEM keys."),
        .boolean("is_shown_once", ""),
        .boolean("is_buildtime", "Build-time (false for multi-line)."),
        .boolean("is_runtime", ""),
    ]

    /// list: values are masked by the sanitizer; reveal is honoured only for one exact key, so a
    /// single call can never dump every secret of a resource.
    static let list: Handler = { invocation in
        try await listing(invocation.arguments, fields: listFields) {
            try await invocation.sendDeclared()
        }
    }

    /// Every variable list (these and the shared ones): reveal needs an exact key, checked
    /// before anything is fetched, and the rows are cut to that key.
    static func listing(_ args: Arguments, fields: [String]?, fetch: () async throws -> JSONValue) async throws -> JSONValue {
        let key = args.string("key")
        if args.bool("reveal") == true && (key ?? "").isEmpty {
            throw ToolError("reveal needs \"key\": name the one variable to show, e.g. {\"action\":\"list\",\"key\":\"DATABASE_URL\",\"reveal\":true}.")
        }
        let answer = try await fetch()
        // A bare list, or one wrapped as {"data": [...]} (a paginated Coolify or a proxy): cut to
        // the key either way. Any other shape goes on as it came, and the sanitizer's reveal
        // policy (one variable, every row with this key) masks it all.
        guard let rows = answer.arrayValue ?? answer["data"]?.arrayValue else { return answer }
        let selected = rows.filter { key == nil || $0["key"]?.stringValue == key }
        return .object([
            "data": .array(fields.map { fields in selected.map { CatalogueHost.summarize($0, fields) } } ?? selected),
            "total": .number(JSONNumber(selected.count)),
        ])
    }

    /// Writes send the action's declared endpoint; reveal there would unmask the value Coolify
    /// echoes back, so it is refused.
    static let write: Handler = { invocation in
        try refuseReveal(invocation.arguments)
        return try await invocation.sendDeclared()
    }

    static func refuseReveal(_ args: Arguments) throws(ToolError) {
        if args.bool("reveal") == true { throw ToolError("reveal applies to the list action only.") }
    }
}

extension ToolSpec {
    static let envVars = ToolSpec(
        "env_vars", title: "Environment variables", toolset: .environment,
        summary: "Variables of an application, service or database. Values masked; reveal only with an exact key.",
        params: [
            .oneOf("resource", ["application", "service", "database"], required: true, ""),
            .uuid(),
            .string("key", "Name (list: exact-key filter)."),
            .string("value", ""),
            .uuid("env_uuid", required: false, "delete: variable UUID."), Param.string("comment", "").unlisted,
        ] + EnvironmentVariables.flagParams + [
            .reveal,
            Param(
                name: "data",
                kind: .objectArray(
                    [.string("key", required: true, ""), .string("value", required: true, "")]
                        + EnvironmentVariables.flagParams.map { Param(name: $0.name, kind: $0.kind, required: false, summary: "") }),
                required: false, summary: "Variables for bulk_update."),
        ],
        actions: [
            .read("list", .get("/{resource}/{uuid}/envs"), handler: EnvironmentVariables.list).revealing(.variable(keyArgument: "key"))
                .reading("key"),
            .write(
                "create", .post("/{resource}/{uuid}/envs", body: EnvironmentVariables.bodyFields), requires: ["key", "value"],
                handler: EnvironmentVariables.write),
            .write(
                "update", .patch("/{resource}/{uuid}/envs", body: EnvironmentVariables.bodyFields), requires: ["key", "value"],
                idempotent: true, handler: EnvironmentVariables.write),
            .destroy("delete", .delete("/{resource}/{uuid}/envs/{env_uuid}"), requires: ["env_uuid"], handler: EnvironmentVariables.write),
            .write(
                "bulk_update", .patch("/{resource}/{uuid}/envs/bulk", body: ["data"]), requires: ["data"], idempotent: true,
                handler: EnvironmentVariables.write),
        ])

    static let bulkEnvUpdate = ToolSpec(
        "bulk_env_update", title: "Set a variable on many applications", toolset: .environment,
        summary: "Set one variable on several applications; outcome per application, value never echoed.",
        params: [
            .stringArray("app_uuids", required: true, "Application UUIDs."),
            .string("key", required: true, "Variable name."),
            .string("value", required: true, "Variable value."),
            .boolean("is_buildtime", "Available at build time."),
            .boolean("is_runtime", "Available at run time."),
            .boolean("is_preview", "Preview-deployment scope."),
        ],
        actions: [
            .write(
                nil, bulkUpdate, idempotent: true,
                handler: { invocation in
                    let args = invocation.arguments
                    var uuids: [PathSegment] = []
                    for text in args.strings("app_uuids") ?? [] {
                        guard let uuid = PathSegment(validating: text) else { throw ToolError("\"app_uuids\" must hold Coolify UUIDs.") }
                        uuids.append(uuid)
                    }
                    var body = JSONObject()
                    for field in ["key", "value", "is_buildtime", "is_runtime", "is_preview"] {
                        if let value = args.values[field], !value.isNull { body[field] = value }
                    }
                    let payload = JSONValue.object(body)
                    let targets = uuids.map { Batch.Target(uuid: $0, name: nil) }
                    return await Batch.run(targets) { uuid in
                        _ = try await invocation.send(bulkUpdate, ["uuid": uuid], body: payload)
                    }
                })
        ])
}

/// One application's variables, patched once per UUID of `app_uuids` (the handler fills `{uuid}`).
private let bulkUpdate = Endpoint.patch("/applications/{uuid}/envs")

extension Param {
    package static func stringArray(_ name: String, required: Bool = false, _ summary: String) -> Param {
        Param(name: name, kind: .stringArray, required: required, summary: summary)
    }
}
