import Coolify
import JSON
import MCPWire
import Testing
@testable import Tools

/// Handlers reach Coolify only through endpoints their action declares.
@Suite struct DeclaredEndpointTests {
    static func invocation(_ action: ActionSpec, _ transport: HostileTransport, arguments: [String: JSONValue] = [:]) -> Invocation {
        let tool = ToolSpec("probe", title: "Probe", toolset: .meta, summary: "", actions: [action])
        var values = JSONObject()
        for (name, value) in arguments { values[name] = value }
        return Invocation(
            tool: tool, action: action, arguments: Arguments(values: values), coolify: transport,
            context: ToolCallContext(progressToken: nil) { _, _, _, _ in }, offered: [tool], readOnly: false)
    }

    @Test func anUndeclaredEndpointIsRefusedBeforeAnyRequest() async {
        let transport = HostileTransport(always: .array([]))
        let action = ActionSpec.read(nil, API.servers, handler: { invocation in try await invocation.send(API.applications) })
        await #expect(throws: ToolError.self) { _ = try await action.handler?(Self.invocation(action, transport)) }
        #expect(transport.requests.isEmpty)
    }

    @Test func aDeclaredEndpointIsSentWithItsSegments() async throws {
        let transport = HostileTransport(always: .object([:]))
        let action = ActionSpec.read(
            nil, API.servers,
            handler: { invocation in
                try await invocation.send(API.server, ["uuid": try #require(PathSegment(validating: "srv-1"))])
            }
        ).calling(API.server)
        _ = try await action.handler?(Self.invocation(action, transport))
        #expect(transport.requests.map(\.path.description) == ["/servers/srv-1"])
    }

    @Test func aUUIDFromCoolifyThatIsNotASegmentNeverReachesAPath() async throws {
        // stop_all_apps lists applications, then stops each running one by its uuid.
        let transport = HostileTransport { request, _ in
            request.path.description == "/applications"
                ? .success(.array([.object(["uuid": "../servers", "status": "running"]), .object(["uuid": "ok-1", "status": "running"])]))
                : .success(.object([:]))
        }
        guard let action = ToolSpec.stopAllApps.actions.first else { Issue.record("stop_all_apps has no action"); return }
        _ = try await action.handler?(Self.invocation(action, transport, arguments: ["confirm": true]))
        let paths = transport.requests.map(\.path.description)
        #expect(paths.allSatisfy { !$0.contains("..") }, "\(paths)")
        #expect(paths.contains("/applications/ok-1/stop"))
    }
}
