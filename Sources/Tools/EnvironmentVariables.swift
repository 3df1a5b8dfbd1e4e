public import MCPWire
import Coolify

/// Environment variables of applications, services and databases.
enum EnvironmentVariables {
    static let flags = ["is_preview", "is_literal", "is_multiline", "is_shown_once", "is_buildtime", "is_runtime"]
    static let bodyFields = ["key", "value"] + flags
    static let listFields = ["uuid", "key", "value", "real_value"] + flags

    static let flagParams: [Param] = [
        .boolean("is_preview", "Preview-deployment scope (omit for production)."),
        .boolean("is_literal", "Do not interpolate $VARS in the value."),
        .boolean("is_multiline", "Multi-line value (PEM keys)."),
        .boolean("is_shown_once", "Coolify shows the value once only."),
        .boolean("is_buildtime", "Available at build time (false for PEM or multi-line)."),
        .boolean("is_runtime", "Available at run time."),
    ]

    /// list: values are masked by the sanitizer; reveal is honoured only for one exact key, so a
    /// single call can never dump every secret of a resource.
    static let list: Handler = { invocation in
        let args = invocation.arguments
        let key = args.string("key")
        if args.bool("reveal") == true && (key ?? "").isEmpty {
            throw ToolError("reveal needs \"key\": name the one variable to show, e.g. {\"action\":\"list\",\"key\":\"DATABASE_URL\",\"reveal\":true}.")
        }
        let path = "/\(try CatalogueHost.collection(args))/\(try args.pathSegment("uuid"))/envs"
        let answer = try await invocation.coolify.send(.init(.GET, path))
        guard let rows = answer.arrayValue else { return answer }
        let selected = rows.filter { key == nil || $0["key"]?.stringValue == key }
        return .object([
            "data": .array(selected.map { CatalogueHost.summarize($0, listFields) }),
            "total": .number(JSONNumber(selected.count)),
        ])
    }

    static func write(_ method: Endpoint, suffix: String = "") -> Handler {
        { invocation in
            let args = invocation.arguments
            if args.bool("reveal") == true { throw ToolError("reveal applies to the list action only.") }
            let path = "/\(try CatalogueHost.collection(args))/\(try args.pathSegment("uuid"))/envs" + suffix
            var request = try CatalogueHost.request(Endpoint(method: method.method, path: path, body: method.body), args)
            if suffix == "/{env_uuid}" {
                request.path = path.replacingOccurrences(of: "{env_uuid}", with: try args.pathSegment("env_uuid"))
            }
            return try await invocation.coolify.send(request)
        }
    }
}

extension ToolSpec {
    static let envVars = ToolSpec(
        "env_vars", title: "Environment variables", toolset: .environment,
        summary: "Environment variables of an application, service or database. Values are masked; reveal works only together with an exact key.",
        params: [
            .oneOf("resource", ["application", "service", "database"], required: true, "Kind of resource."),
            .uuid("uuid", required: true, "UUID of the application, service or database."),
            .string("key", "Variable name (list: filter to this exact key)."),
            .string("value", "Variable value (create, update)."),
            .uuid("env_uuid", required: false, "Variable UUID (delete)."),
        ] + EnvironmentVariables.flagParams + [
            .reveal,
            Param(name: "data", kind: .objectArray([.string("key", required: true, "Name."), .string("value", required: true, "Value.")]
                                                   + EnvironmentVariables.flagParams),
                  required: false, summary: "Variables for bulk_update."),
        ],
        actions: [
            .read("list", .get("/{resource}/{uuid}/envs"), handler: EnvironmentVariables.list),
            .write("create", .post("/{resource}/{uuid}/envs"), requires: ["key", "value"],
                   handler: EnvironmentVariables.write(.post("", body: EnvironmentVariables.bodyFields))),
            .write("update", .patch("/{resource}/{uuid}/envs"), requires: ["key", "value"], idempotent: true,
                   handler: EnvironmentVariables.write(.patch("", body: EnvironmentVariables.bodyFields))),
            .destroy("delete", .delete("/{resource}/{uuid}/envs/{env_uuid}"), requires: ["env_uuid"],
                     handler: EnvironmentVariables.write(.delete(""), suffix: "/{env_uuid}")),
            .write("bulk_update", .patch("/{resource}/{uuid}/envs/bulk"), requires: ["data"], idempotent: true,
                   handler: EnvironmentVariables.write(.patch("", body: ["data"]), suffix: "/bulk")),
        ])

    static let bulkEnvUpdate = ToolSpec(
        "bulk_env_update", title: "Set a variable on many applications", toolset: .environment,
        summary: "Create or update one variable on several applications at once; reports success or failure per application, never the value.",
        params: [
            .stringArray("app_uuids", required: true, "Application UUIDs."),
            .string("key", required: true, "Variable name."),
            .string("value", required: true, "Variable value."),
            .boolean("is_buildtime", "Available at build time."),
            .boolean("is_runtime", "Available at run time."),
            .boolean("is_preview", "Preview-deployment scope."),
        ],
        actions: [.write(nil, .patch("/applications/{app_uuids}/envs"), idempotent: true, handler: { invocation in
            let args = invocation.arguments
            let uuids = args.strings("app_uuids") ?? []
            for uuid in uuids where !Arguments.isPathSegment(uuid) {
                throw ToolError("\"app_uuids\" must hold Coolify UUIDs.")
            }
            var body = JSONObject()
            for field in ["key", "value", "is_buildtime", "is_runtime", "is_preview"] {
                if let value = args.values[field], !value.isNull { body[field] = value }
            }
            let payload = JSONValue.object(body)
            let outcomes = await withTaskGroup(of: (Int, String?).self) { group in
                for (index, uuid) in uuids.enumerated() {
                    group.addTask {
                        do {
                            _ = try await invocation.coolify.send(.init(.PATCH, "/applications/\(uuid)/envs", body: payload))
                            return (index, nil)
                        } catch let error as CoolifyError {
                            return (index, error.description)
                        } catch {
                            return (index, "The request failed.")
                        }
                    }
                }
                var collected = [(Int, String?)]()
                for await outcome in group { collected.append(outcome) }
                return collected.sorted { $0.0 < $1.0 }
            }
            let succeeded = outcomes.filter { $0.1 == nil }.map { JSONValue.string(uuids[$0.0]) }
            let failed = outcomes.compactMap { index, error in
                error.map { JSONValue.object(["uuid": .string(uuids[index]), "error": .string($0)]) }
            }
            return .object([
                "summary": .object(["total": .number(JSONNumber(uuids.count)), "succeeded": .number(JSONNumber(succeeded.count)),
                                    "failed": .number(JSONNumber(failed.count))]),
                "succeeded": .array(succeeded),
                "failed": .array(failed),
            ])
        })])
}

extension Param {
    package static func stringArray(_ name: String, required: Bool = false, _ summary: String) -> Param {
        Param(name: name, kind: .stringArray, required: required, summary: summary)
    }
}
