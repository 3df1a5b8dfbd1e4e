internal import JSON
internal import MCPWire
internal import Coolify

extension ToolSpec {
    static let infrastructureOverview = ToolSpec(
        "get_infrastructure_overview", title: "Infrastructure overview", toolset: .meta,
        summary: "Every server, project, application, database and service, summarised, with counts.",
        actions: [.read(nil, API.servers, handler: Overview.overview).calling(API.projects, API.applications, API.databases, API.services)])

    static let diagnoseApp = ToolSpec(
        "diagnose_app", title: "Diagnose application", toolset: .meta,
        summary: "Health of an application (UUID, name or domain): status, deployments, variable names, recent logs.",
        params: [.string("query", required: true, "Application UUID, name or domain.")],
        actions: [
            .read(nil, API.applications, handler: Overview.diagnoseApp)
                .calling(API.application, API.applicationLogs, API.applicationEnvs, API.applicationDeployments)
        ])

    static let diagnoseServer = ToolSpec(
        "diagnose_server", title: "Diagnose server", toolset: .meta,
        summary: "Health of one server found by UUID, name or IP: reachability, resources, domains.",
        params: [.string("query", required: true, "Server UUID, name or IP.")],
        actions: [
            .read(nil, API.servers, handler: Overview.diagnoseServer)
                .calling(API.server, API.serverResources, API.serverDomains)
        ])

    static let findIssues = ToolSpec(
        "find_issues", title: "Find issues", toolset: .meta,
        summary: "Unreachable servers; stopped or unhealthy applications, databases and services.",
        actions: [.read(nil, API.servers, handler: Overview.findIssues).calling(API.applications, API.databases, API.services)])
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

    /// Fetches declared list endpoints together; each list is kept under its path template.
    static func fetch(_ endpoints: [Endpoint], _ segments: [String: PathSegment] = [:], via invocation: Invocation) async -> Lists {
        await withTaskGroup(of: (String, Result<JSONValue, any Error>).self) { group in
            for endpoint in endpoints {
                group.addTask { (endpoint.path, await invocation.attempt(endpoint, segments)) }
            }
            var lists = Lists()
            for await (path, result) in group {
                switch result {
                case .success(let answer): lists.items[path] = answer.arrayValue ?? []
                case .failure(let error): lists.errors.append(.string("\(path): \(describe(error))"))
                }
            }
            return lists
        }
    }

    /// A failed part's sentence (Coolify's errors and ours carry no secret and no request).
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as CoolifyError: return error.description
        case let error as ToolError: return error.message
        default: return "the request failed"
        }
    }

    static let overview: Handler = { invocation in
        let lists = await fetch([API.servers, API.projects, API.applications, API.databases, API.services], via: invocation)
        var result = JSONObject()
        var counts = JSONObject()
        for (path, fields) in [
            ("/servers", serverFields), ("/projects", projectFields), ("/applications", applicationFields),
            ("/databases", databaseFields), ("/services", serviceFields),
        ] {
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

    static let diagnoseApp: Handler = { invocation in
        let query = try invocation.arguments.requireString("query")
        let uuid: PathSegment
        if looksLikeUUID(query), let given = PathSegment(validating: query) {
            uuid = given
        } else {
            let all = try await invocation.send(API.applications).arrayValue ?? []
            guard let found = try resolve(query, in: all, keys: ["name", "fqdn"])["uuid"]?.stringValue.flatMap(PathSegment.init(validating:)) else {
                throw ToolError("The matching application has no usable UUID.")
            }
            uuid = found
        }
        async let application = invocation.attempt(API.application, ["uuid": uuid])
        async let logs = invocation.attempt(API.applicationLogs, ["uuid": uuid], query: [("lines", "50")])
        async let variables = invocation.attempt(API.applicationEnvs, ["uuid": uuid])
        async let deployments = invocation.attempt(API.applicationDeployments, ["uuid": uuid], query: [("skip", "0"), ("take", "5")])
        var result = JSONObject()
        var errors: [JSONValue] = []
        var issues: [JSONValue] = []
        switch await application {
        case .success(let app):
            result["application"] = CatalogueHost.summarize(app, ["uuid", "name", "status", "fqdn", "git_repository", "git_branch", "build_pack"])
            let status = app["status"]?.stringValue ?? "unknown"
            if !Batch.isRunning(status) { issues.append(.string("Status is \(status).")) }
        case .failure(let error): errors.append(.string("application: \(describe(error))"))
        }
        switch await deployments {
        case .success(let answer):
            let rows = (answer["deployments"]?.arrayValue ?? answer.arrayValue ?? []).prefix(5)
            result["recent_deployments"] = .array(rows.map { CatalogueHost.summarize($0, ["deployment_uuid", "status", "commit", "created_at"]) })
            let failed = rows.filter { $0["status"]?.stringValue == "failed" }.count
            if failed > 0 { issues.append(.string("\(failed) of the last \(rows.count) deployments failed.")) }
        case .failure(let error): errors.append(.string("deployments: \(describe(error))"))
        }
        switch await variables {
        case .success(let answer):
            let rows = answer.arrayValue ?? []
            result["environment_variables"] = .object([
                "count": .number(JSONNumber(rows.count)),
                "keys": .array(Array(Set(rows.compactMap { $0["key"]?.stringValue })).sorted().map { .string($0) }),
            ])
        case .failure(let error): errors.append(.string("variables: \(describe(error))"))
        }
        switch await logs {
        case .success(let answer):
            result["logs"] = .string(UntrustedText.frame(answer.stringValue ?? answer["logs"]?.stringValue ?? "", label: "application logs"))
        case .failure(let error): errors.append(.string("logs: \(describe(error))"))
        }
        result["health"] = .object([
            "status": .string(errors.isEmpty ? (issues.isEmpty ? "healthy" : "unhealthy") : "unknown"),
            "issues": .array(issues),
        ])
        if !errors.isEmpty { result["errors"] = .array(errors) }
        return .object(result)
    }

    static let diagnoseServer: Handler = { invocation in
        let query = try invocation.arguments.requireString("query")
        let all = try await invocation.send(API.servers).arrayValue ?? []
        guard let uuid = try resolve(query, in: all, keys: ["name", "ip"])["uuid"]?.stringValue.flatMap(PathSegment.init(validating:)) else {
            throw ToolError("The matching server has no usable UUID.")
        }
        let lists = await fetch([API.serverResources, API.serverDomains], ["uuid": uuid], via: invocation)
        let server = try await invocation.send(API.server, ["uuid": uuid])
        var issues: [JSONValue] = []
        if server["settings"]?["is_reachable"]?.boolValue == false { issues.append("Coolify cannot reach the server over SSH.") }
        if server["settings"]?["is_usable"]?.boolValue == false { issues.append("The server is not usable (validation incomplete).") }
        let resources = lists.items[API.serverResources.path] ?? []
        for resource in resources where !Batch.isRunning(resource["status"]?.stringValue) {
            issues.append(.string("\(resource["name"]?.stringValue ?? "?"): \(resource["status"]?.stringValue ?? "unknown")"))
        }
        var result: JSONObject = [
            "server": CatalogueHost.summarize(server, serverFields + ["proxy_type"]),
            "health": .object(["status": .string(issues.isEmpty ? "healthy" : "unhealthy"), "issues": .array(issues)]),
            "resources": .array(resources.map { CatalogueHost.summarize($0, ["uuid", "name", "type", "status"]) }),
            "domains": .array(lists.items[API.serverDomains.path] ?? []),
        ]
        if !lists.errors.isEmpty { result["errors"] = .array(lists.errors) }
        return .object(result)
    }

    static func isTroubled(_ status: String?) -> Bool {
        guard let status = status?.lowercased() else { return false }
        return status.contains("exited") || status.contains("unhealthy") || status.contains("error") || status == "stopped"
    }

    static let findIssues: Handler = { invocation in
        let lists = await fetch([API.servers, API.applications, API.databases, API.services], via: invocation)
        var issues: [JSONValue] = []
        for server in lists.items["/servers"] ?? [] where server["settings"]?["is_reachable"]?.boolValue == false {
            issues.append(
                .object([
                    "kind": "server", "uuid": server["uuid"] ?? .null, "name": server["name"] ?? .null,
                    "issue": "unreachable", "severity": "critical",
                ]))
        }
        for (path, kind) in [("/applications", "application"), ("/databases", "database"), ("/services", "service")] {
            for item in lists.items[path] ?? [] where isTroubled(item["status"]?.stringValue) {
                issues.append(
                    .object([
                        "kind": .string(kind), "uuid": item["uuid"] ?? .null, "name": item["name"] ?? .null,
                        "status": item["status"] ?? .null, "severity": "critical",
                    ]))
            }
        }
        var result: JSONObject = ["issues": .array(issues), "total": .number(JSONNumber(issues.count))]
        if !lists.errors.isEmpty { result["errors"] = .array(lists.errors) }
        return .object(result)
    }
}
