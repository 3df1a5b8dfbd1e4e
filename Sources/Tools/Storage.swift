internal import JSON
internal import MCPWire
internal import Coolify

extension ToolSpec {
    static let storages = ToolSpec(
        "storages", title: "Storages", toolset: .storage,
        summary: "Volumes and file mounts of a resource, and their backups.",
        params: [
            .oneOf("resource", ["application", "database", "service"], required: true, ""), .uuid(),
            .uuid("storage_uuid", required: false, ""), .oneOf("type", ["persistent", "file"], ""), .string("mount_path", ""),
            .string("name", ""), .string("host_path", ""), .string("content", "File content (file storages)."),
            .boolean("is_directory", "").unlisted, .string("fs_path", "").unlisted, .boolean("is_host_file", "").unlisted,
            .boolean("is_preview_suffix_enabled", "").unlisted,
            .uuid("resource_uuid", required: false, "Service: the container the storage belongs to."),
            .string("frequency", "Backup schedule (cron)."), .fields,
        ],
        actions: [
            .read("list", .get("/{resource}/{uuid}/storages")),
            .write(
                "create",
                .post(
                    "/{resource}/{uuid}/storages",
                    body: [
                        "type", "name", "mount_path", "host_path", "content", "is_directory", "fs_path",
                        "resource_uuid", "is_host_file",
                    ]), requires: ["type", "mount_path"]),
            .write(
                "update",
                .patch(
                    "/{resource}/{uuid}/storages",
                    body: [
                        "storage_uuid", "type", "name", "mount_path", "host_path", "content",
                        "is_preview_suffix_enabled",
                    ]
                ).renaming(["storage_uuid": "uuid"]),
                requires: ["storage_uuid", "type"], idempotent: true),
            .destroy("delete", .delete("/{resource}/{uuid}/storages/{storage_uuid}"), requires: ["storage_uuid"]),
            .write(
                "set_backup", .put("/{resource}/{uuid}/storages/{storage_uuid}/backups", body: ["frequency"]).withFields,
                requires: ["storage_uuid", "frequency"], idempotent: true),
            .destroy("delete_backup", .delete("/{resource}/{uuid}/storages/{storage_uuid}/backups"), requires: ["storage_uuid"]),
            .write("run_backup", .post("/{resource}/{uuid}/storages/{storage_uuid}/backups/run"), requires: ["storage_uuid"]),
        ])

    static let scheduledTasks = ToolSpec(
        "scheduled_tasks", title: "Scheduled tasks", toolset: .storage,
        summary: "Cron tasks of an application or service; run_once runs a command and returns its output.",
        params: [
            .oneOf("resource", ["application", "service"], required: true, ""), .uuid(), .uuid("task_uuid", required: false, ""),
            .string("name", ""), .string("command", "Shell command (max 255 characters)."), .string("frequency", "Cron or hourly/daily/..."),
            .string("container", "Service: container name."), .integer("timeout", "Seconds."), .boolean("enabled", ""),
            .integer("wait_seconds", "run_once: wait up to (default 90, max 600)."),
        ],
        actions: [
            .read("list", .get("/{resource}/{uuid}/scheduled-tasks")),
            .write("create", .post("/{resource}/{uuid}/scheduled-tasks", body: Tasks.fields), requires: ["name", "command", "frequency"]),
            .write("update", .patch("/{resource}/{uuid}/scheduled-tasks/{task_uuid}", body: Tasks.fields), requires: ["task_uuid"], idempotent: true),
            .destroy("delete", .delete("/{resource}/{uuid}/scheduled-tasks/{task_uuid}"), requires: ["task_uuid"]),
            .read(
                "list_executions", .get("/{resource}/{uuid}/scheduled-tasks/{task_uuid}/executions"), requires: ["task_uuid"],
                projection: .frame(["message"])),
            .write("run", .post("/{resource}/{uuid}/scheduled-tasks/{task_uuid}/execute"), requires: ["task_uuid"]),
            .write("run_once", Tasks.create, requires: ["command"], handler: Tasks.runOnce)
                .calling(Tasks.execute, Tasks.executions, Tasks.delete).reading("container", "timeout", "wait_seconds"),
        ])
}

enum Tasks {
    static let fields = ["name", "command", "frequency", "container", "timeout", "enabled"]

    /// The calls of run_once, declared (`{resource}` and `{uuid}` come from the arguments).
    static let create = Endpoint.post("/{resource}/{uuid}/scheduled-tasks")
    static let execute = Endpoint.post("/{resource}/{uuid}/scheduled-tasks/{task_uuid}/execute")
    static let executions = Endpoint.get("/{resource}/{uuid}/scheduled-tasks/{task_uuid}/executions")
    static let delete = Endpoint.delete("/{resource}/{uuid}/scheduled-tasks/{task_uuid}")

    /// A one-off command as a disabled task run once: created, executed, watched, then removed
    /// whatever happens, so no stray cron entry is left behind.
    static let runOnce: Handler = { invocation in
        let args = invocation.arguments
        let command = try args.requireString("command")
        guard command.utf8.count <= 255 else { throw ToolError("\"command\" is limited to 255 characters by Coolify.") }
        let wait = args.int("wait_seconds") ?? 90
        guard (1...600).contains(wait) else { throw ToolError("\"wait_seconds\" must be between 1 and 600.") }
        var random = SystemRandomNumberGenerator()
        var body: JSONObject = [
            "name": .string("oneoff-" + String(random.next() & 0xFFFF_FFFF, radix: 16)), "command": .string(command),
            "frequency": "0 0 1 1 *", "enabled": false,
        ]
        if let container = args.string("container") { body["container"] = .string(container) }
        if let timeout = args.int("timeout") { body["timeout"] = .number(JSONNumber(timeout)) }
        let created = try await invocation.send(create, body: .object(body))
        guard let task = created["uuid"]?.stringValue.flatMap(PathSegment.init(validating:)) else {
            throw ToolError("Coolify did not return the new task's UUID.")
        }
        let taskPath = ["task_uuid": task]
        var outcome: JSONObject = ["task_uuid": .string(task.description)]
        do {
            _ = try await invocation.send(execute, taskPath, body: .object([:]))
            var waited = 0
            while true {
                let executions = try await invocation.send(executions, taskPath)
                let latest = executions.arrayValue?.first ?? executions["data"]?.arrayValue?.first
                let status = latest?["status"]?.stringValue
                invocation.context.progress(Double(waited + 1), message: "Task \(task): \(UntrustedText.defuse(status ?? "queued")) after \(waited) s")
                if let latest, let status, status != "running" {
                    outcome["status"] = .string(status)
                    outcome["output"] = .string(UntrustedText.frame(latest["message"]?.stringValue ?? "", label: "command output"))
                    break
                }
                guard waited < wait else { outcome["status"] = "timed_out"; break }
                let step = min(2, wait - waited)
                try await invocation.coolify.pause(milliseconds: Int64(step) * 1000)
                waited += step
            }
        } catch {
            // Also on cancellation: an unstructured task is not cancelled with this call.
            Task { _ = try? await invocation.send(delete, taskPath) }
            throw error
        }
        do {
            _ = try await invocation.send(delete, taskPath)
            outcome["cleanup"] = "deleted"
        } catch {
            outcome["cleanup"] = .string("The temporary task \(task) could not be deleted: \((error as? CoolifyError)?.description ?? "the request failed").")
        }
        return .object(outcome)
    }
}
