internal import JSON
internal import MCPWire
internal import Coolify

/// One operation over many applications: run concurrently (the client's gate bounds how many
/// reach Coolify at once), each outcome reported, none hiding another's failure.
enum Batch {
    struct Target: Sendable {
        /// Read from Coolify's answer, so validated before it can reach a path.
        let uuid: PathSegment
        let name: String?
    }

    static func run(_ targets: [Target], _ operation: @escaping @Sendable (PathSegment) async throws -> Void) async -> JSONValue {
        let outcomes = await withTaskGroup(of: (Int, String?).self) { group in
            for (index, target) in targets.enumerated() {
                group.addTask {
                    do {
                        try await operation(target.uuid)
                        return (index, nil)
                    } catch {
                        return (index, Overview.describe(error))
                    }
                }
            }
            var collected = [(Int, String?)]()
            for await outcome in group { collected.append(outcome) }
            return collected.sorted { $0.0 < $1.0 }
        }
        func describe(_ target: Target) -> JSONObject {
            var object: JSONObject = ["uuid": .string(target.uuid.description)]
            if let name = target.name { object["name"] = .string(name) }
            return object
        }
        let succeeded = outcomes.filter { $0.1 == nil }.map { JSONValue.object(describe(targets[$0.0])) }
        let failed = outcomes.compactMap { index, error in
            error.map { message -> JSONValue in
                var object = describe(targets[index])
                object["error"] = .string(message)
                return .object(object)
            }
        }
        return .object([
            "summary": .object([
                "total": .number(JSONNumber(targets.count)), "succeeded": .number(JSONNumber(succeeded.count)),
                "failed": .number(JSONNumber(failed.count)),
            ]),
            "succeeded": .array(succeeded),
            "failed": .array(failed),
        ])
    }

    /// The applications in any environment of a project.
    static func projectApplications(_ invocation: Invocation) async throws -> [Target] {
        let project = try invocation.arguments.pathSegment("project_uuid")
        async let projectAnswer = invocation.send(API.project, ["uuid": project])
        async let applications = invocation.send(API.applications)
        guard let environments = try await projectAnswer["environments"]?.arrayValue else {
            throw ToolError("Coolify's answer for the project lists no environments.")
        }
        let ids = Set(environments.compactMap { $0["id"] })
        return (try await applications.arrayValue ?? []).compactMap { app in
            guard let environment = app["environment_id"], ids.contains(environment),
                let uuid = app["uuid"]?.stringValue.flatMap(PathSegment.init(validating:))
            else { return nil }
            return Target(uuid: uuid, name: app["name"]?.stringValue)
        }
    }

    static func isRunning(_ status: String?) -> Bool {
        guard let status = status?.lowercased() else { return false }
        return status.contains("running") || (status.contains("healthy") && !status.contains("unhealthy"))
    }
}

extension ToolSpec {
    static let restartProjectApps = ToolSpec(
        "restart_project_apps", title: "Restart a project's applications", toolset: .batch,
        summary: "Restart every application of a project; reports each one.",
        params: [.uuid("project_uuid", required: true, "")],
        actions: [
            .write(
                nil, API.restartApplication,
                handler: { invocation in
                    let targets = try await Batch.projectApplications(invocation)
                    return await Batch.run(targets) { uuid in
                        _ = try await invocation.send(API.restartApplication, ["uuid": uuid], arguments: Arguments(values: [:]))
                    }
                }
            ).calling(API.project, API.applications)
        ])

    static let redeployProject = ToolSpec(
        "redeploy_project", title: "Redeploy a project", toolset: .batch,
        summary: "Redeploy every application of a project (force rebuild by default); reports each one.",
        params: [.uuid("project_uuid", required: true, ""), .boolean("force", "Rebuild without cache (default true).")],
        actions: [
            .write(
                nil, API.deployByUUID,
                handler: { invocation in
                    let targets = try await Batch.projectApplications(invocation)
                    let force = invocation.arguments.bool("force") ?? true
                    return await Batch.run(targets) { uuid in
                        _ = try await invocation.send(
                            API.deployByUUID, arguments: Arguments(values: ["uuid": .string(uuid.description), "force": .bool(force)]))
                    }
                }
            ).calling(API.project, API.applications)
        ])

    static let stopAllApps = ToolSpec(
        "stop_all_apps", title: "Stop all applications", toolset: .batch,
        summary: "Emergency stop of every running application. Needs confirm: true.",
        params: [.boolean("confirm", required: true, "Must be true.")],
        actions: [
            .destroy(
                nil, API.stopApplication,
                handler: { invocation in
                    guard invocation.arguments.bool("confirm") == true else {
                        throw ToolError("stop_all_apps stops every running application: call it again with confirm: true if that is intended.")
                    }
                    let applications = try await invocation.send(API.applications).arrayValue ?? []
                    let targets = applications.compactMap { app -> Batch.Target? in
                        guard Batch.isRunning(app["status"]?.stringValue),
                            let uuid = app["uuid"]?.stringValue.flatMap(PathSegment.init(validating:))
                        else { return nil }
                        return Batch.Target(uuid: uuid, name: app["name"]?.stringValue)
                    }
                    return await Batch.run(targets) { uuid in
                        _ = try await invocation.send(API.stopApplication, ["uuid": uuid], arguments: Arguments(values: [:]))
                    }
                }
            ).calling(API.applications)
        ])
}
