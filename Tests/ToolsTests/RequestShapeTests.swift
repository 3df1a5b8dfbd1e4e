import Coolify
import JSON
import MCPWire
@testable import Tools
import Testing

@Suite struct RequestShapeTests {
    @Test func everyOperationHasAShape() {
        let start = ContinuousClock.now
        let count = RequestShapes.count
        print("parsed \(count) shapes in \(ContinuousClock.now - start)")
        #expect(count == CoolifyOperation.all.count)
        for operation in CoolifyOperation.all {
            #expect(RequestShapes.shape(operation.method, operation.path) != nil, "\(operation.method) \(operation.path)")
        }
    }
}

/// Calls as a client makes them, through the catalogue host, to a transport that records what
/// would reach Coolify.
@Suite struct ConformingCallTests {
    struct Outcome {
        let requests: [CoolifyRequest]
        let error: String?
    }

    static func call(_ tool: String, _ arguments: JSONObject) async -> Outcome {
        let transport = HostileTransport(always: .object(["uuid": "new0uuid"]))
        let host = CatalogueHost(tools: Catalogue.all, coolify: transport, readOnly: false)
        let outcome = await host.callTool(name: tool, arguments: arguments, context: ToolCallContext(progressToken: nil) { _, _, _, _ in })
        let error = outcome?.isError == true ? outcome?.content["error"]?.stringValue ?? "" : nil
        return Outcome(requests: transport.requests, error: error)
    }

    static func query(_ request: CoolifyRequest?) -> [String] { request?.query.map { "\($0.0)=\($0.1)" } ?? [] }

    @Test func privateKeysUpdateGoesToTheKeysPath() async throws {
        let outcome = await Self.call("private_keys", ["action": "update", "uuid": "key0uuid", "name": "n", "private_key": "k"])
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.method == .PATCH && request.path.description == "/security/keys/key0uuid")
        #expect(request.body == ["name": "n", "private_key": "k"])
    }

    @Test func environmentsCreateSendsNoDescriptionAndSaysSo() async {
        let plain = await Self.call("environments", ["action": "create", "project_uuid": "p0uuid", "name": "staging"])
        #expect(plain.error == nil && plain.requests.first?.body == ["name": "staging"])
        let described = await Self.call("environments", ["action": "create", "project_uuid": "p0uuid", "name": "staging", "description": "d"])
        #expect(described.requests.isEmpty)
        #expect(described.error?.contains("\"description\" does not apply to environments create") == true)
    }

    @Test func sharedVariablesTakeTheNumericId() async throws {
        let tool = try #require(Catalogue.all.first { $0.name == "shared_env_vars" })
        #expect(DerivedParams.params(tool).first { $0.name == "env_id" }?.kind.sameType(as: .integer) == true)
        let outcome = await Self.call("shared_env_vars", ["action": "delete", "scope": "team", "env_id": 42])
        #expect(outcome.error == nil && outcome.requests.first?.path.description == "/team/envs/42")
        let text = await Self.call("shared_env_vars", ["action": "delete", "scope": "team", "env_id": "shv0001uuid"])
        #expect(text.requests.isEmpty && text.error?.contains("\"env_id\" must be an integer") == true)
    }

    @Test func composeDomainsAndServiceURLsAreArguments() async {
        let domains: JSONValue = [["name": "web", "domain": "https://a.test"]]
        let app = await Self.call("application", ["action": "update", "uuid": "app0uuid", "docker_compose_domains": domains])
        #expect(app.error == nil && app.requests.first?.body?["docker_compose_domains"] == domains)
        let urls: JSONValue = [["name": "web", "url": "https://b.test"]]
        let service = await Self.call("service", ["action": "update", "uuid": "svc0uuid", "urls": urls])
        #expect(service.error == nil && service.requests.first?.body?["urls"] == urls)
        // And through `fields`, which now admits lists of flat objects.
        let viaFields = await Self.call("application", ["action": "update", "uuid": "app0uuid", "fields": ["docker_compose_domains": domains]])
        #expect(viaFields.error == nil && viaFields.requests.first?.body?["docker_compose_domains"] == domains)
    }

    @Test func deployTakesAnImageTagAndAPullRequest() async {
        let outcome = await Self.call("deploy", ["tag_or_uuid": "abcdefghijklmnopqrstuvwx", "pull_request_id": 7, "docker_tag": "pr-7"])
        #expect(outcome.error == nil)
        #expect(Self.query(outcome.requests.first) == ["uuid=abcdefghijklmnopqrstuvwx", "force=false", "pull_request_id=7", "docker_tag=pr-7"])
    }

    @Test(arguments: ["application", "database", "service"])
    func deletesCanKeepOrRemoveConnectedNetworks(_ tool: String) async {
        let outcome = await Self.call(tool, ["action": "delete", "uuid": "res0uuid", "delete_connected_networks": false])
        #expect(outcome.error == nil && Self.query(outcome.requests.first) == ["delete_connected_networks=false"])
    }

    @Test func startFlagsGoOnlyWhereCoolifyTakesThem() async {
        let app = await Self.call("control", ["action": "start", "resource": "application", "uuid": "app0uuid", "force": true, "instant_deploy": true])
        #expect(app.error == nil && Self.query(app.requests.first) == ["force=true", "instant_deploy=true"])
        for resource in ["database", "service"] {
            let other = await Self.call("control", ["action": "start", "resource": .string(resource), "uuid": "res0uuid", "force": true])
            #expect(other.requests.isEmpty, "\(resource)")
            #expect(other.error?.contains("\"force\" does not apply here") == true, "\(resource)")
        }
        let latest = await Self.call("control", ["action": "restart", "resource": "application", "uuid": "app0uuid", "pull_latest": true])
        #expect(latest.requests.isEmpty && latest.error?.contains("\"pull_latest\" does not apply here") == true)
    }

    @Test func serviceLogsNeedTheContainerAndOthersRefuseIt() async {
        let missing = await Self.call("logs", ["resource": "service", "uuid": "svc0uuid"])
        #expect(missing.requests.isEmpty && missing.error?.contains("\"container\" is required here") == true)
        let given = await Self.call("logs", ["resource": "service", "uuid": "svc0uuid", "container": "web"])
        #expect(given.error == nil && Self.query(given.requests.first) == ["sub_service_name=web"])
        let app = await Self.call("logs", ["resource": "application", "uuid": "app0uuid", "container": "web"])
        #expect(app.requests.isEmpty && app.error?.contains("\"container\" does not apply here") == true)
    }

    @Test func requiredFieldsAreRequiredBeforeCoolifySaysSo() async {
        let github = await Self.call(
            "application",
            [
                "action": "create_github", "project_uuid": "p0uuid", "server_uuid": "s0uuid", "github_app_uuid": "g0uuid", "git_repository": "a/b",
                "git_branch": "main",
            ])
        #expect(github.requests.isEmpty && github.error?.contains("build_pack") == true)
        let backup = await Self.call("storages", ["action": "set_backup", "resource": "application", "uuid": "app0uuid", "storage_uuid": "stg0uuid"])
        #expect(backup.requests.isEmpty && backup.error?.contains("frequency") == true)
        let storage = await Self.call("storages", ["action": "create", "resource": "service", "uuid": "svc0uuid", "type": "persistent", "mount_path": "/d"])
        #expect(storage.requests.isEmpty && storage.error?.contains("\"resource_uuid\" is required here") == true)
    }

    @Test func enumsComeFromCoolify() async throws {
        let destination = try #require(Catalogue.all.first { $0.name == "destination" })
        guard case .oneOf(let types)? = DerivedParams.params(destination).first(where: { $0.name == "type" })?.kind else {
            Issue.record("destination type is not an enum")
            return
        }
        #expect(types == ["standalone", "swarm"])
        let wrong = await Self.call("destination", ["action": "create", "server_uuid": "s0uuid", "network": "n", "type": "kubernetes"])
        #expect(wrong.requests.isEmpty && wrong.error?.contains("\"type\" must be one of") == true)
        let nginx = await Self.call("server", ["action": "update_proxy", "uuid": "s0uuid", "proxy_type": "nginx"])
        #expect(nginx.error == nil && nginx.requests.first?.body?["proxy_type"] == "nginx")
        let create = await Self.call("server", ["action": "create", "name": "n", "ip": "203.0.113.1", "private_key_uuid": "k0uuid", "proxy_type": "nginx"])
        // The description lists traefik, caddy and none here; the controller takes any proxy type
        // (a recorded exception), so nginx goes through.
        #expect(create.error == nil && create.requests.first?.body?["proxy_type"] == "nginx")
        let storage = await Self.call("storages", ["action": "create", "resource": "application", "uuid": "app0uuid", "type": "volume", "mount_path": "/d"])
        #expect(storage.requests.isEmpty && storage.error?.contains("\"type\" must be one of") == true)
    }

    @Test func anArgumentAndItsAliasTogetherAreRefused() async {
        let both = await Self.call("application", ["action": "update", "uuid": "app0uuid", "domains": "https://a.test", "fqdn": "https://b.test"])
        #expect(both.requests.isEmpty && both.error?.contains("give one") == true)
    }

    @Test func readOnlyRefusesAWriteBeforeLookingAtItsArguments() async throws {
        let transport = HostileTransport(always: .object([:]))
        let host = CatalogueHost(tools: Catalogue.all, coolify: transport, readOnly: true)
        let outcome = await host.callTool(
            name: "shared_env_vars", arguments: ["action": "delete", "scope": "team", "env_id": "not-a-number"],
            context: ToolCallContext(progressToken: nil) { _, _, _, _ in })
        #expect(outcome?.content["error"]?.stringValue?.contains("--read-only") == true)
        #expect(transport.requests.isEmpty)
    }

    @Test func variableFlagsGoOnlyToKindsThatTakeThem() async {
        // Application variables take them (recorded exceptions: the controller reads both).
        let app = await Self.call(
            "env_vars",
            ["action": "create", "resource": "application", "uuid": "app0uuid", "key": "K", "value": "v", "is_buildtime": false, "is_runtime": true])
        #expect(app.error == nil && app.requests.first?.body?["is_buildtime"] == false)
        for resource in ["service", "database"] {
            let outcome = await Self.call(
                "env_vars", ["action": "create", "resource": .string(resource), "uuid": "res0uuid", "key": "K", "value": "v", "is_buildtime": true])
            #expect(outcome.requests.isEmpty && outcome.error?.contains("\"is_buildtime\" does not apply here") == true, "\(resource)")
        }
    }
}

/// `fields` entries go into the body beside the declared arguments: they are held against the
/// same shape, and one that repeats an argument (or its Coolify name) is refused rather than
/// dropped.
@Suite struct FieldsConformTests {
    @Test func aFieldTheOperationDoesNotTakeIsRefusedBeforeSending() async {
        let unknown = await ConformingCallTests.call("application", ["action": "update", "uuid": "app0uuid", "fields": ["not_a_coolify_field": 1]])
        #expect(unknown.requests.isEmpty && unknown.error?.contains("\"fields.not_a_coolify_field\" does not apply here") == true)
        // project_uuid is a create field; Coolify refuses it on update.
        let elsewhere = await ConformingCallTests.call("application", ["action": "update", "uuid": "app0uuid", "fields": ["project_uuid": "p0uuid"]])
        #expect(elsewhere.requests.isEmpty && elsewhere.error?.contains("\"fields.project_uuid\"") == true)
    }

    @Test func aFieldOfTheWrongTypeIsRefusedWithoutItsValue() async {
        let outcome = await ConformingCallTests.call(
            "application", ["action": "update", "uuid": "app0uuid", "fields": ["is_spa": "secret-looking-value"]])
        #expect(outcome.requests.isEmpty && outcome.error?.contains("\"fields.is_spa\" must be true or false") == true)
        #expect(outcome.error?.contains("secret-looking-value") == false)
    }

    @Test func aFieldRepeatingAnArgumentIsRefusedNotDropped() async {
        let same = await ConformingCallTests.call("application", ["action": "update", "uuid": "app0uuid", "name": "a", "fields": ["name": "b"]])
        #expect(same.requests.isEmpty && same.error?.contains("\"fields.name\"") == true)
        let renamed = await ConformingCallTests.call(
            "application", ["action": "update", "uuid": "app0uuid", "fqdn": "https://a.test", "fields": ["domains": "https://b.test"]])
        #expect(renamed.requests.isEmpty && renamed.error?.contains("\"fields.domains\"") == true)
    }

    @Test func fieldsCoolifyTakesStillGo() async {
        let outcome = await ConformingCallTests.call(
            "application", ["action": "update", "uuid": "app0uuid", "fields": ["is_spa": true, "limits_memory": "512m"]])
        #expect(outcome.error == nil && outcome.requests.first?.body?["is_spa"] == true)
    }
}
