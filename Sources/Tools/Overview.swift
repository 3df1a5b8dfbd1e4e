public import MCPWire
import Coolify

extension ToolSpec {
    static let infrastructureOverview = ToolSpec(
        "get_infrastructure_overview", title: "Infrastructure overview", toolset: .meta,
        summary: "Every server, project, application, database and service, summarised, with counts.",
        actions: [.read(nil, .get("/servers"), handler: Overview.overview).reaching("GET /projects", "GET /applications", "GET /databases", "GET /services")])

    static let diagnoseApp = ToolSpec(
        "diagnose_app", title: "Diagnose application", toolset: .meta,
        summary: "Health of an application (UUID, name or domain): status, deployments, variable names, recent logs.",
        params: [.string("query", required: true, "Application UUID, name or domain.")],
        actions: [.read(nil, .get("/applications"), handler: Overview.diagnoseApp)
            .reaching("GET /applications/{uuid}", "GET /applications/{uuid}/logs", "GET /applications/{uuid}/envs", "GET /deployments/applications/{uuid}")])

    static let diagnoseServer = ToolSpec(
        "diagnose_server", title: "Diagnose server", toolset: .meta,
        summary: "Health of one server found by UUID, name or IP: reachability, resources, domains.",
        params: [.string("query", required: true, "Server UUID, name or IP.")],
        actions: [.read(nil, .get("/servers"), handler: Overview.diagnoseServer)
            .reaching("GET /servers/{uuid}", "GET /servers/{uuid}/resources", "GET /servers/{uuid}/domains")])

    static let findIssues = ToolSpec(
        "find_issues", title: "Find issues", toolset: .meta,
        summary: "Unreachable servers; stopped or unhealthy applications, databases and services.",
        actions: [.read(nil, .get("/servers"), handler: Overview.findIssues).reaching("GET /applications", "GET /databases", "GET /services")])
}

/// Cross-cutting reads: several lists fetched together, cut to summaries. A list that fails is
/// reported under "errors" instead of failing the whole answer.
enum Overview {
    static let serverFields = ["uuid", "name", "ip", "settings.is_reachable", "settings.is_usable"]
    static let projectFields = ["uuid", "name", "description"]
    static let applicationFields = ["uuid", "name", "status", "fqdn"]
    static let databaseFields = ["uuid", "name", "type", "database_type", "status"]
    static let serviceFields = ["uuid", "name", "service_type", "status"]

    struct Lists: Sendable {
        var items: [String: [JSONValue]] = [:]
        var errors: [JSONValue] = []
    }

    static func fetch(_ paths: [String], _ coolify: any CoolifyTransport) async -> Lists {
        await withTaskGroup(of: (String, Result<[JSONValue], CoolifyError>).self) { group in
            for path in paths {
                group.addTask {
                    do throws(CoolifyError) {
                        let answer = try await coolify.send(.init(.GET, path))
                        return (path, .success(answer.arrayValue ?? []))
                    } catch {
                        return (path, .failure(error))
                    }
                }
            }
            var lists = Lists()
            for await (path, result) in group {
                switch result {
                case .success(let items): lists.items[path] = items
                case .failure(let error): lists.errors.append(.string("\(path): \(error.description)"))
                }
            }
            return lists
        }
    }

    static let overview: Handler = { invocation in
        let lists = await fetch(["/servers", "/projects", "/applications", "/databases", "/services"], invocation.coolify)
        var result = JSONObject()
        var counts = JSONObject()
        for (path, fields) in [("/servers", serverFields), ("/projects", projectFields), ("/applications", applicationFields),
                               ("/databases", databaseFields), ("/services", serviceFields)] {
            let name = String(path.dropFirst())
            let items = lists.items[path] ?? []
            counts[name] = .number(JSONNumber(items.count))
            result[name] = .array(items.prefix(200).map { CatalogueHost.summarize($0, fields) })
        }
        result["counts"] = .object(counts)
        if !lists.errors.isEmpty { result["errors"] = .array(lists.errors) }
        return .object(result)
    }

    static func looksLikeUUID(_ text: String) -> Bool {
        Deployments.looksLikeUUIDs(text) && !text.contains(",")
    }

    /// "https://app.example.com/" and "app.example.com" name the same domain.
    static func bareDomain(_ text: String) -> String {
        var value = Substring(text.lowercased())
        for scheme in ["https://", "http://"] where value.hasPrefix(scheme) { value = value.dropFirst(scheme.count) }
        while value.hasSuffix("/") { value = value.dropLast() }
        return String(value)
    }

    /// Exact matches first (UUID, name, then a domain or IP), then a unique partial match.
    static func resolve(_ query: String, in items: [JSONValue], keys: [String]) throws(ToolError) -> JSONValue {
        let wanted = query.lowercased()
        if let exact = items.first(where: { $0["uuid"]?.stringValue == query }) { return exact }
        let exact = items.filter { item in
            keys.contains { key in
                guard let value = item[key]?.stringValue else { return false }
                if key == "fqdn" { return value.split(separator: ",").contains { bareDomain(String($0)) == bareDomain(wanted) } }
                return value.lowercased() == wanted
            }
        }
        if exact.count == 1 { return exact[0] }
        let partial = items.filter { item in keys.contains { item[$0]?.stringValue?.lowercased().contains(wanted) ?? false } }
        if exact.isEmpty && partial.count == 1 { return partial[0] }
        let candidates = (exact.isEmpty ? partial : exact).prefix(10).compactMap { $0["name"]?.stringValue }
        if candidates.isEmpty { throw ToolError("Nothing matches \"\(RPCError.clippedName(query))\".") }
        throw ToolError("Several match \"\(RPCError.clippedName(query))\": \(candidates.joined(separator: ", ")); use the UUID.")
    }

    static func attempt(_ coolify: any CoolifyTransport, _ request: CoolifyRequest) async -> Result<JSONValue, CoolifyError> {
        do throws(CoolifyError) {
            return .success(try await coolify.send(request))
        } catch {
            return .failure(error)
        }
    }

    static let diagnoseApp: Handler = { invocation in
        let query = try invocation.arguments.requireString("query")
        let coolify = invocation.coolify
        var uuid = query
        if !(looksLikeUUID(query) && Arguments.isPathSegment(query)) {
            let all = try await coolify.send(.init(.GET, "/applications")).arrayValue ?? []
            guard let found = try resolve(query, in: all, keys: ["name", "fqdn"])["uuid"]?.stringValue, Arguments.isPathSegment(found) else {
                throw ToolError("The matching application has no usable UUID.")
            }
            uuid = found
        }
        async let application = attempt(coolify, .init(.GET, "/applications/\(uuid)"))
        async let logs = attempt(coolify, .init(.GET, "/applications/\(uuid)/logs", query: [("lines", "50")]))
        async let variables = attempt(coolify, .init(.GET, "/applications/\(uuid)/envs"))
        async let deployments = attempt(coolify, .init(.GET, "/deployments/applications/\(uuid)", query: [("skip", "0"), ("take", "5")]))
        var result = JSONObject()
        var errors: [JSONValue] = []
        var issues: [JSONValue] = []
        switch await application {
        case .success(let app):
            result["application"] = CatalogueHost.summarize(app, ["uuid", "name", "status", "fqdn", "git_repository", "git_branch", "build_pack"])
            let status = app["status"]?.stringValue ?? "unknown"
            if !Batch.isRunning(status) { issues.append(.string("Status is \(status).")) }
        case .failure(let error): errors.append(.string("application: \(error.description)"))
        }
        switch await deployments {
        case .success(let answer):
            let rows = (answer["deployments"]?.arrayValue ?? answer.arrayValue ?? []).prefix(5)
            result["recent_deployments"] = .array(rows.map { CatalogueHost.summarize($0, ["deployment_uuid", "status", "commit", "created_at"]) })
            let failed = rows.filter { $0["status"]?.stringValue == "failed" }.count
            if failed > 0 { issues.append(.string("\(failed) of the last \(rows.count) deployments failed.")) }
        case .failure(let error): errors.append(.string("deployments: \(error.description)"))
        }
        switch await variables {
        case .success(let answer):
            let rows = answer.arrayValue ?? []
            result["environment_variables"] = .object([
                "count": .number(JSONNumber(rows.count)),
                "keys": .array(Array(Set(rows.compactMap { $0["key"]?.stringValue })).sorted().map { .string($0) }),
            ])
        case .failure(let error): errors.append(.string("variables: \(error.description)"))
        }
        switch await logs {
        case .success(let answer):
            result["logs"] = .string(UntrustedText.frame(answer.stringValue ?? answer["logs"]?.stringValue ?? "", label: "application logs"))
        case .failure(let error): errors.append(.string("logs: \(error.description)"))
        }
        result["health"] = .object(["status": .string(errors.isEmpty ? (issues.isEmpty ? "healthy" : "unhealthy") : "unknown"),
                                    "issues": .array(issues)])
        if !errors.isEmpty { result["errors"] = .array(errors) }
        return .object(result)
    }

    static let diagnoseServer: Handler = { invocation in
        let query = try invocation.arguments.requireString("query")
        let coolify = invocation.coolify
        let all = try await coolify.send(.init(.GET, "/servers")).arrayValue ?? []
        guard let uuid = try resolve(query, in: all, keys: ["name", "ip"])["uuid"]?.stringValue, Arguments.isPathSegment(uuid) else {
            throw ToolError("The matching server has no usable UUID.")
        }
        let lists = await fetch(["/servers/\(uuid)/resources", "/servers/\(uuid)/domains"], coolify)
        let server = try await coolify.send(.init(.GET, "/servers/\(uuid)"))
        var issues: [JSONValue] = []
        if server["settings"]?["is_reachable"]?.boolValue == false { issues.append("Coolify cannot reach the server over SSH.") }
        if server["settings"]?["is_usable"]?.boolValue == false { issues.append("The server is not usable (validation incomplete).") }
        let resources = lists.items["/servers/\(uuid)/resources"] ?? []
        for resource in resources where !Batch.isRunning(resource["status"]?.stringValue) {
            issues.append(.string("\(resource["name"]?.stringValue ?? "?"): \(resource["status"]?.stringValue ?? "unknown")"))
        }
        var result: JSONObject = [
            "server": CatalogueHost.summarize(server, serverFields + ["proxy_type"]),
            "health": .object(["status": .string(issues.isEmpty ? "healthy" : "unhealthy"), "issues": .array(issues)]),
            "resources": .array(resources.map { CatalogueHost.summarize($0, ["uuid", "name", "type", "status"]) }),
            "domains": .array(lists.items["/servers/\(uuid)/domains"] ?? []),
        ]
        if !lists.errors.isEmpty { result["errors"] = .array(lists.errors) }
        return .object(result)
    }

    static func isTroubled(_ status: String?) -> Bool {
        guard let status = status?.lowercased() else { return false }
        return status.contains("exited") || status.contains("unhealthy") || status.contains("error") || status == "stopped"
    }

    static let findIssues: Handler = { invocation in
        let lists = await fetch(["/servers", "/applications", "/databases", "/services"], invocation.coolify)
        var issues: [JSONValue] = []
        for server in lists.items["/servers"] ?? [] where server["settings"]?["is_reachable"]?.boolValue == false {
            issues.append(.object(["kind": "server", "uuid": server["uuid"] ?? .null, "name": server["name"] ?? .null,
                                   "issue": "unreachable", "severity": "critical"]))
        }
        for (path, kind) in [("/applications", "application"), ("/databases", "database"), ("/services", "service")] {
            for item in lists.items[path] ?? [] where isTroubled(item["status"]?.stringValue) {
                issues.append(.object(["kind": .string(kind), "uuid": item["uuid"] ?? .null, "name": item["name"] ?? .null,
                                       "status": item["status"] ?? .null, "severity": "critical"]))
            }
        }
        var result: JSONObject = ["issues": .array(issues), "total": .number(JSONNumber(issues.count))]
        if !lists.errors.isEmpty { result["errors"] = .array(lists.errors) }
        return .object(result)
    }
}
