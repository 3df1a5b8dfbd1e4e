internal import JSON
internal import MCPWire
internal import Coolify

extension ToolSpec {
    static let control = ToolSpec(
        "control", title: "Start, stop or restart", toolset: .deployments,
        summary: "Start, stop or restart an application, database or service.",
        params: [
            .oneOf("resource", ["application", "database", "service"], required: true, ""), .uuid(),
            .boolean("pull_latest", "Service restart: pull the latest images."), .boolean("force", "Application start: rebuild without cache."),
            .boolean("docker_cleanup", "Stop: prune afterwards.").unlisted,
            .boolean("instant_deploy", "Application start: deploy now, skipping the queue.").unlisted,
        ],
        actions: [
            .write("start", Endpoint.action("/{resource}/{uuid}/start", query: ["force", "instant_deploy"])),
            .write("stop", Endpoint.action("/{resource}/{uuid}/stop", query: ["docker_cleanup"]), idempotent: true),
            .write("restart", Endpoint.action("/{resource}/{uuid}/restart", query: ["pull_latest"]).renaming(["pull_latest": "latest"])),
        ])

    static let listDeployments = ToolSpec(
        "list_deployments", title: "Running deployments", toolset: .deployments,
        summary: "Deployments queued or in progress, summarised.",
        params: [.page, .perPage],
        actions: [
            .read(
                .get("/deployments"),
                projection: .list(["deployment_uuid", "application_id", "application_name", "server_name", "status", "commit", "created_at"]))
        ])

    static let deploy = ToolSpec(
        "deploy", title: "Deploy", toolset: .deployments,
        summary: "Deploy by UUID or tag. wait: follow the first deployment to its end (progress, cancellable); returns status and last log lines.",
        params: [
            .string("tag_or_uuid", required: true, "Resource UUID(s) or tag name(s), comma-separated."),
            .boolean("force", "Rebuild without cache."), .integer("pull_request_id", "Deploy this pull request's preview."),
            .integer("pr", "Alias of pull_request_id.").unlisted,
            .string("docker_tag", "Image tag (with pull_request_id)."),
            .boolean("wait", "Wait for the end of the deployment."), .integer("timeout_seconds", "With wait: give up after (default 300, max 1800)."),
        ],
        actions: [.write(nil, API.deploy, handler: Deployments.deploy).calling(API.deployment)])

    static let deployment = ToolSpec(
        "deployment", title: "Deployment", toolset: .deployments,
        summary: "A deployment (log pages on request, framed as untrusted), cancel, or an application's deployments.",
        params: [
            .uuid("uuid", required: true, "Deployment UUID (application UUID for list_for_app)."),
            .integer("lines", "get: include this many log lines (max 500)."), .integer("page", "get: log page (1 = newest); list_for_app: page."),
            .perPage,
        ],
        actions: [
            .read("get", API.deployment, handler: Deployments.get).reading("lines", "page"),
            .write("cancel", .post("/deployments/{uuid}/cancel"), idempotent: true),
            .read("list_for_app", API.applicationDeployments, handler: Deployments.listForApp).reading("page", "per_page"),
        ])

    static let logs = ToolSpec(
        "logs", title: "Container logs", toolset: .deployments,
        summary: "Container logs of an application, database or service, framed as untrusted; secrets redacted.",
        params: [
            .oneOf("resource", ["application", "database", "service"], required: true, ""), .uuid(),
            .string("container", "Service: the sub-service (container) name."), .integer("lines", "Default 100."),
            .boolean("show_timestamps", ""),
        ],
        actions: [
            .read(
                nil, .get("/{resource}/{uuid}/logs", query: ["container", "lines", "show_timestamps"]).renaming(["container": "sub_service_name"]),
                projection: .text("logs"))
        ])

    static let applicationLogs = ToolSpec(
        "application_logs", title: "Application logs", toolset: .deployments,
        summary: "Recent logs of an application (same as logs with resource application).",
        params: [.uuid(), .integer("lines", "Default 100.")],
        actions: [.read(.get("/applications/{uuid}/logs", query: ["lines"]), projection: .text("logs"))])
}

enum Deployments {
    static let summaryFields = [
        "deployment_uuid", "application_id", "application_name", "server_name", "status", "commit",
        "force_rebuild", "is_webhook", "is_api", "created_at", "updated_at",
    ]
    static let finished: Set<String> = ["finished", "failed", "cancelled", "cancelled-by-user", "error"]

    /// A resource UUID (or list of them) rather than a tag: Coolify's UUIDs are long and
    /// lower-case alphanumeric.
    static func looksLikeUUIDs(_ text: String) -> Bool {
        text.split(separator: ",").allSatisfy { part in
            let trimmed = part.utf8.filter { $0 != UInt8(ascii: " ") }
            return trimmed.count >= 20 && trimmed.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == UInt8(ascii: "-") }
        }
    }

    static let deploy: Handler = { invocation in
        let args = invocation.arguments
        let target = try args.requireString("tag_or_uuid")
        guard target.utf8.count <= 4096 else { throw ToolError("\"tag_or_uuid\" is too long.") }
        if args.has("timeout_seconds") && args.bool("wait") != true {
            throw ToolError("\"timeout_seconds\" bounds the wait: give \"wait\": true with it.")
        }
        var values = args.values
        values[looksLikeUUIDs(target) ? "uuid" : "tag"] = .string(target.split(separator: ",").map { $0.trimmingSpaces }.joined(separator: ","))
        values["force"] = .bool(args.bool("force") ?? false)
        let started = try await invocation.send(API.deploy, arguments: Arguments(values: values))
        guard args.bool("wait") == true else { return started }
        let timeout = args.int("timeout_seconds") ?? 300
        guard (1...1800).contains(timeout) else { throw ToolError("\"timeout_seconds\" must be between 1 and 1800.") }
        let queued = started["deployments"]?.arrayValue ?? []
        guard let first = queued.first?["deployment_uuid"]?.stringValue.flatMap(PathSegment.init(validating:)) else {
            return .object(["started": started, "note": "Coolify returned no deployment to follow."])
        }
        return try await follow(first, others: queued.dropFirst().compactMap { $0["deployment_uuid"] }, timeout: timeout, invocation)
    }

    /// Polls one deployment until it ends, the timeout passes or the call is cancelled. Each poll
    /// sends a progress notification (when the client asked for them).
    static func follow(_ uuid: PathSegment, others: [JSONValue], timeout: Int, _ invocation: Invocation) async throws -> JSONValue {
        let budget = Int64(timeout) * 1000
        var waited: Int64 = 0
        var polls = 0
        var current: JSONValue = .null
        while true {
            current = try await invocation.send(API.deployment, ["uuid": uuid])
            polls += 1
            let status = current["status"]?.stringValue ?? "unknown"
            // Coolify's status is data: marker phrases in it are broken, and the notification is
            // one line through the sanitizer (ToolCallContext.progress).
            invocation.context.progress(Double(polls), message: "Deployment \(uuid): \(UntrustedText.defuse(status)) after \(waited / 1000) s")
            if finished.contains(status) { break }
            guard waited < budget else { break }
            // 1 s, 2 s, 3 s, then every 5 s: quick deployments end quickly, long ones cost few calls.
            let step = min(polls > 3 ? 5000 : Int64(polls) * 1000, budget - waited)
            try await invocation.coolify.pause(milliseconds: step)
            waited += step
        }
        let status = current["status"]?.stringValue ?? "unknown"
        var result = CatalogueHost.summarize(current, summaryFields).objectValue ?? [:]
        result["deployment_uuid"] = .string(uuid.description)
        result["timed_out"] = .bool(!finished.contains(status))
        let entries = logEntries(current)
        if !entries.isEmpty {
            result["logs_tail"] = .string(UntrustedText.frame(format(entries.suffix(30)), label: "deployment log"))
        }
        if !others.isEmpty { result["other_deployments"] = .array(others) }
        if !finished.contains(status) {
            result["next"] = .object(["tool": "deployment", "arguments": .object(["action": "get", "uuid": .string(uuid.description), "lines": 50])])
        }
        return .object(result)
    }

    /// Coolify stores a deployment's log as a JSON string of entries; hidden ones are its own
    /// internal commands.
    static func logEntries(_ deployment: JSONValue) -> [JSONValue] {
        guard let text = deployment["logs"]?.stringValue, !text.isEmpty,
            let parsed = try? JSONParser.parse(text), let entries = parsed.arrayValue
        else { return [] }
        return entries.filter { $0["hidden"]?.boolValue != true }
    }

    static func format(_ entries: some Sequence<JSONValue>) -> String {
        entries.map { entry in
            let time = entry["timestamp"]?.stringValue.map { "[\($0)] " } ?? ""
            return time + (entry["output"]?.stringValue ?? "")
        }.joined(separator: "\n")
    }

    static let get: Handler = { invocation in
        let args = invocation.arguments
        let uuid = try args.pathSegment("uuid")
        let deployment = try await invocation.send(API.deployment, ["uuid": uuid])
        var result = CatalogueHost.summarize(deployment, summaryFields + ["application_uuid"]).objectValue ?? [:]
        let entries = logEntries(deployment)
        result["log_lines"] = .number(JSONNumber(entries.count))
        guard let lines = args.int("lines") else {
            if args.has("page") { throw ToolError("\"page\" pages the log: give \"lines\" with it.") }
            return .object(result)
        }
        guard (1...500).contains(lines) else { throw ToolError("\"lines\" must be between 1 and 500.") }
        let page = args.int("page") ?? 1
        guard page >= 1 else { throw ToolError("\"page\" must be 1 or more.") }
        // Page 1 is the newest `lines` entries, page 2 the ones before, and so on.
        let (skip, overflow) = (page - 1).multipliedReportingOverflow(by: lines)
        let end = overflow ? 0 : max(0, entries.count - skip)
        let start = max(0, end - lines)
        result["logs"] = .string(UntrustedText.frame(format(entries[start..<end]), label: "deployment log"))
        result["showing"] = .string("\(start + 1)-\(end) of \(entries.count)")
        if start > 0, let nextPage = CheckedMath.successor(page) {
            result["next"] = .object([
                "tool": "deployment",
                "arguments": .object([
                    "action": "get", "uuid": .string(uuid.description),
                    "lines": .number(JSONNumber(lines)), "page": .number(JSONNumber(nextPage)),
                ]),
            ])
        }
        return .object(result)
    }

    static let listForApp: Handler = { invocation in
        let args = invocation.arguments
        let page = args.int("page") ?? 1, perPage = args.int("per_page") ?? 20
        guard page >= 1, (1...100).contains(perPage) else { throw ToolError("\"page\" must be 1 or more and \"per_page\" 1-100.") }
        let (skip, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        guard !overflow else { throw ToolError("\"page\" is too large.") }
        let answer = try await invocation.send(API.applicationDeployments, query: [("skip", String(skip)), ("take", String(perPage))])
        // Coolify's answer is counted, never trusted: more rows than asked are cut to the page,
        // and a count that is negative or smaller than what was shown is replaced by what is known.
        let rows = (answer["deployments"]?.arrayValue ?? answer.arrayValue ?? []).prefix(perPage)
        guard let shown = CheckedMath.sum(skip, rows.count) else { throw ToolError("\"page\" is too large.") }
        let total = max(answer["count"]?.intValue ?? shown, shown)
        var result: JSONObject = [
            "data": .array(rows.map { CatalogueHost.summarize($0, summaryFields) }),
            "page": .number(JSONNumber(page)), "per_page": .number(JSONNumber(perPage)), "total": .number(JSONNumber(total)),
        ]
        if shown < total, let nextPage = CheckedMath.successor(page) {
            result["next"] = .object([
                "tool": "deployment",
                "arguments": .object([
                    "action": "list_for_app", "uuid": .string(try args.pathSegment("uuid").description),
                    "page": .number(JSONNumber(nextPage)), "per_page": .number(JSONNumber(perPage)),
                ]),
            ])
        }
        return .object(result)
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
