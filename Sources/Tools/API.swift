internal import Coolify

/// Endpoints that several tools' handlers send beside their actions' own. An action names the
/// ones its handler uses with `calling(...)`; ``Invocation/send(_:_:arguments:query:body:)``
/// refuses any other, so coverage and search, computed from the declarations, are the truth.
enum API {
    static let servers = Endpoint.get("/servers")
    static let server = Endpoint.get("/servers/{uuid}")
    static let serverResources = Endpoint.get("/servers/{uuid}/resources")
    static let serverDomains = Endpoint.get("/servers/{uuid}/domains")
    static let projects = Endpoint.get("/projects")
    static let project = Endpoint.get("/projects/{uuid}")
    static let applications = Endpoint.get("/applications")
    static let application = Endpoint.get("/applications/{uuid}")
    static let applicationLogs = Endpoint.get("/applications/{uuid}/logs")
    static let applicationEnvs = Endpoint.get("/applications/{uuid}/envs")
    static let applicationDeployments = Endpoint.get("/deployments/applications/{uuid}")
    static let restartApplication = Endpoint.action("/applications/{uuid}/restart")
    static let stopApplication = Endpoint.action("/applications/{uuid}/stop")
    static let databases = Endpoint.get("/databases")
    static let services = Endpoint.get("/services")
    static let deployment = Endpoint.get("/deployments/{uuid}")
    static let deploy = Endpoint.action("/deploy", query: ["uuid", "tag", "force", "pull_request_id", "pr", "docker_tag"])
    static let deployByUUID = Endpoint.action("/deploy", query: ["uuid", "force"])
}
