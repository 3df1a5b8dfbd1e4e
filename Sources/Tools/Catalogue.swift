/// The single list of tools.
package enum Catalogue {
    package static let all: [ToolSpec] = [
        .getVersion, .getMCPVersion,
        .listApplications, .getApplication,
        .listServers, .getServer,
        .envVars, .bulkEnvUpdate,
    ]
}
