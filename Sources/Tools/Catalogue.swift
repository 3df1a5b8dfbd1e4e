/// The single list of tools.
package enum Catalogue {
    /// The Node server's 45 tools in its order, then the ones it lacks.
    package static let all: [ToolSpec] = [
        .getVersion, .getMCPVersion, .infrastructureOverview, .diagnoseApp, .diagnoseServer, .findIssues,
        .listServers, .getServer, .serverResources, .serverDomains, .listDestinations, .validateServer,
        .projects, .environments,
        .listApplications, .getApplication, .application, .logs, .applicationLogs,
        .listDatabases, .getDatabase, .database, .databaseBackups,
        .listServices, .getService, .service,
        .control, .envVars, .listDeployments, .deploy, .deployment,
        .privateKeys, .githubApps, .teams, .cloudTokens, .hetzner, .storages, .scheduledTasks, .system, .tags, .searchDocs,
        .restartProjectApps, .bulkEnvUpdate, .stopAllApps, .redeployProject,
        // Beyond the Node server: the rest of Coolify's API.
        .server, .destination, .sharedEnvVars, .gitlabApps, .digitalocean, .vultr, .s3Storages, .cloudInitScripts, .notifications,
    ]
}

extension Catalogue {
    /// The tools this process offers. `--tools` and `--toolsets` narrow the catalogue (a tool
    /// passes if either names it); `--read-only` then wins over both: tools without a read
    /// action disappear, and the others offer only their read actions.
    package static func enabled(tools names: [String]?, toolsets: [String]?, readOnly: Bool) throws(ToolError) -> [ToolSpec] {
        let known = Set(all.map(\.name))
        if let unknown = names?.first(where: { !known.contains($0) }) {
            throw ToolError("--tools: no tool named \"\(unknown)\"; run --list-tools for the names.")
        }
        let sets = try toolsets.map { (names) throws(ToolError) -> Set<Toolset> in
            var result = Set<Toolset>()
            for name in names {
                guard let set = Toolset(rawValue: name) else {
                    throw ToolError("--toolsets: no toolset \"\(name)\"; the toolsets are \(Toolset.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                result.insert(set)
            }
            return result
        }
        var selected = all
        if names != nil || sets != nil {
            selected = all.filter { (names?.contains($0.name) ?? false) || (sets?.contains($0.toolset) ?? false) }
        }
        if readOnly {
            selected = selected.filter { $0.actions.contains { $0.effect == .read } }
        }
        return selected
    }
}
