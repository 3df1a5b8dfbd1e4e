package import Coolify
package import JSON
package import MCPWire
package import NIOHTTP1

/// Groups for `--toolsets`.
package enum Toolset: String, Sendable, CaseIterable {
    case meta, servers, projects, applications, databases, services, deployments, environment, integrations, storage, system, batch
}

/// What an action does to the Coolify estate. A tool's hints are its worst action.
package enum Effect: Sendable, Equatable, Comparable {
    case read, write, destructive
}

/// One declared argument: the single source of the JSON Schema and of validation.
package struct Param: Sendable {
    package enum Kind: Sendable {
        case string, integer, number, boolean
        case oneOf([String])
        case stringArray, integerArray
        case objectArray([Param])
        /// Free-form Coolify fields by their API names (scalars or arrays of scalars).
        case fields
    }

    package let name: String
    package let kind: Kind
    package let required: Bool
    package let summary: String
    /// False for arguments kept for compatibility with the Node server but left out of the
    /// schema to keep tools/list small; `fields` offers the same Coolify fields.
    package var advertised = true

    /// The same argument, accepted but not listed in the schema.
    package var unlisted: Param {
        var copy = self
        copy.advertised = false
        return copy
    }

    package static func string(_ name: String, required: Bool = false, _ summary: String) -> Param {
        Param(name: name, kind: .string, required: required, summary: summary)
    }
    package static func integer(_ name: String, required: Bool = false, _ summary: String) -> Param {
        Param(name: name, kind: .integer, required: required, summary: summary)
    }
    package static func boolean(_ name: String, required: Bool = false, _ summary: String) -> Param {
        Param(name: name, kind: .boolean, required: required, summary: summary)
    }
    package static func oneOf(_ name: String, _ values: [String], required: Bool = false, _ summary: String) -> Param {
        Param(name: name, kind: .oneOf(values), required: required, summary: summary)
    }
    /// A Coolify UUID used in a path: validated so it cannot step to another endpoint.
    package static func uuid(_ name: String = "uuid", required: Bool = true, _ summary: String = "") -> Param {
        Param(name: name, kind: .string, required: required, summary: summary)
    }
    package static func integerArray(_ name: String, _ summary: String) -> Param {
        Param(name: name, kind: .integerArray, required: false, summary: summary)
    }
    package static let page = Param.integer("page", "From 1.")
    package static let perPage = Param.integer("per_page", "1-200, default 50.")
    package static let reveal = Param.boolean("reveal", "Return secret values unmasked.")
    package static let fields = Param(
        name: "fields", kind: .fields, required: false,
        summary: "More API fields by name.")
}

/// Argument names that Coolify spells differently: a few pairs per endpoint, kept as a list. A
/// [String: String] here was the first String-keyed dictionary of the process, built by the
/// static tool definitions: its storage type is instantiated at run time (a conformance search
/// through the whole binary), a tenth of a millisecond before the first answer.
package struct Renames: Sendable, ExpressibleByDictionaryLiteral {
    private var pairs: [(from: String, to: String)] = []

    package init(dictionaryLiteral elements: (String, String)...) {
        for (from, to) in elements { self[from] = to }
    }

    /// Coolify's name for an argument, if it differs; setting replaces or adds (nil removes).
    package subscript(name: String) -> String? {
        get { pairs.first { $0.from == name }?.to }
        set {
            pairs.removeAll { $0.from == name }
            if let newValue { pairs.append((name, newValue)) }
        }
    }

    /// Every (argument, Coolify field) pair.
    package var all: [(from: String, to: String)] { pairs }

    /// The other's pairs win where both name the same argument.
    package mutating func merge(_ other: Renames) {
        for (from, to) in other.pairs { self[from] = to }
    }
}

/// An HTTP call whose path parameters come from arguments: "/applications/{uuid}/envs".
/// A `{resource}` placeholder takes the `resource` argument's collection ("application" ->
/// "applications").
package struct Endpoint: Sendable {
    package let method: HTTPMethod
    /// The path template, written in the source: a StaticString cannot be assembled at run time.
    package let template: StaticString
    package var path: String { template.description }
    /// Arguments copied into the JSON body when present.
    package var body: [String]
    /// Arguments copied into the query string when present.
    package var query: [String] = []
    /// Argument name -> Coolify's field name, where ours differs (kept from the Node server).
    package var renamed: Renames = [:]
    /// Coolify 4.2 made this call a POST; older versions take GET and answer 404 to POST.
    package var getBefore42 = false
    /// Always send a JSON body, even an empty one (Coolify reads some POSTs' bodies).
    package var alwaysBody = false
    /// Send the `fields` argument's entries in the body too (after the declared ones).
    package var takesFields = false
    /// A body value sent when the caller gave neither it nor its alternative.
    package var fallback: (field: String, value: String, unless: String)?

    package init(method: HTTPMethod, path: StaticString, body: [String] = [], query: [String] = []) {
        self.method = method
        self.template = path
        self.body = body
        self.query = query
    }

    package static func get(_ path: StaticString, query: [String] = []) -> Endpoint { Endpoint(method: .GET, path: path, query: query) }
    package static func post(_ path: StaticString, body: [String] = [], query: [String] = []) -> Endpoint {
        var endpoint = Endpoint(method: .POST, path: path, body: body, query: query)
        endpoint.alwaysBody = true
        return endpoint
    }
    package static func patch(_ path: StaticString, body: [String] = [], query: [String] = []) -> Endpoint {
        var endpoint = Endpoint(method: .PATCH, path: path, body: body, query: query)
        endpoint.alwaysBody = true
        return endpoint
    }
    package static func put(_ path: StaticString, body: [String] = []) -> Endpoint {
        var endpoint = Endpoint(method: .PUT, path: path, body: body)
        endpoint.alwaysBody = true
        return endpoint
    }
    package static func delete(_ path: StaticString, query: [String] = []) -> Endpoint { Endpoint(method: .DELETE, path: path, query: query) }
    /// A state-changing call that was a GET before Coolify 4.2 (start, stop, deploy...).
    package static func action(_ path: StaticString, query: [String] = []) -> Endpoint {
        var endpoint = Endpoint(method: .POST, path: path, query: query)
        endpoint.getBefore42 = true
        return endpoint
    }

    /// New resources go to the project's "production" environment (every Coolify project has
    /// one) unless the caller names an environment.
    package var inProductionByDefault: Endpoint {
        var copy = self
        copy.fallback = ("environment_name", "production", "environment_uuid")
        return copy
    }

    /// The same call, also sending the free-form `fields` argument in its body.
    package var withFields: Endpoint {
        var copy = self
        copy.takesFields = true
        return copy
    }

    package func renaming(_ names: Renames) -> Endpoint {
        var copy = self
        copy.renamed.merge(names)
        return copy
    }

    /// The `{name}` placeholders in the path.
    package var pathParameters: [String] { APIPath.placeholders(in: path) }

    /// Whether two declarations name the same call.
    func sameCall(as other: Endpoint) -> Bool { method == other.method && path == other.path }
}

/// Which part of Coolify's answer may leave the process. Summaries keep list results small.
package enum Projection: Sendable {
    /// The whole answer (the response boundary still sanitizes it).
    case whole
    /// A list cut to these fields per item ("settings.is_reachable" reads a nested field and
    /// names it by its last segment), paginated locally.
    case list([String])
    /// The answer wrapped as {key: answer}.
    case wrap(String)
    /// Log text: the answer's `key` (or the answer itself, if a string), framed as untrusted
    /// data and returned as {key: text}.
    case text(String)
    /// The whole answer, with string fields of these names framed as untrusted data at any depth.
    case frame([String])
    /// From a list, the item whose uuid (or id) equals the named argument, with the string
    /// fields named in `frame` framed as untrusted data.
    case find(String, frame: [String] = [])
}

extension Projection {
    /// The argument a projection reads (the item a `find` picks).
    var argument: String? {
        if case .find(let argument, _) = self { return argument }
        return nil
    }
}

/// Everything a handler may use.
package struct Invocation: Sendable {
    package let tool: ToolSpec
    package let action: ActionSpec
    package let arguments: Arguments
    package let coolify: any CoolifyTransport
    package let context: ToolCallContext
    /// The tools this session offers (after --tools, --toolsets and --read-only).
    package let offered: [ToolSpec]
    package let readOnly: Bool
}

package typealias Handler = @Sendable (Invocation) async throws -> JSONValue

/// What a reveal may unmask, declared per action: always one resource the call names, or one
/// variable of it by its key. The sanitizer enforces it on the answer's shape (``RevealGrant``).
package enum RevealScope: Sendable, Equatable {
    /// reveal unmasks nothing (a note in the result says so).
    case nothing
    /// The revealable fields of the one resource whose uuid is this argument.
    case resource(uuidArgument: String)
    /// The value of the one variable whose key is this argument (the rows under "data").
    case variable(keyArgument: String)

    /// The grant for one call: what the caller asked for, within what the action allows.
    package func grant(_ args: Arguments, asked: Bool, action: String) -> RevealGrant {
        guard asked else { return .none }
        switch self {
        case .nothing:
            return .refused("Not revealed: reveal does not apply to \(action), so every secret stays masked.")
        case .resource(let argument):
            guard let id = args.string(argument), !id.isEmpty else {
                return .refused("Not revealed: reveal needs the resource's \"\(argument)\", so every secret stays masked.")
            }
            return .resource(idField: "uuid", id: id)
        case .variable(let argument):
            guard let key = args.string(argument), !key.isEmpty else {
                return .refused("Not revealed: reveal needs \"\(argument)\", the one variable to show, so every value stays masked.")
            }
            return .rows(listField: "data", keyField: "key", key: key)
        }
    }
}

/// One action of a tool (single-purpose tools have one, unnamed).
package struct ActionSpec: Sendable {
    package let name: String?
    package let effect: Effect
    package let idempotent: Bool
    /// Arguments this action needs beyond the tool's required ones.
    package let requires: [String]
    package let endpoint: Endpoint?
    package let projection: Projection
    /// Custom work where one endpoint and a projection do not suffice.
    package let handler: Handler?
    /// Further endpoints its handler calls. A handler can send only what its action declares
    /// (``Invocation/send(_:_:query:body:)`` refuses anything else), so coverage and search,
    /// computed from these declarations, are what the program does.
    package var calls: [Endpoint] = []
    /// What `reveal: true` may unmask here; nothing unless declared.
    package var reveal: RevealScope = .nothing
    /// Groups of arguments of which this action needs at least one (a service from a one-click
    /// `type` or from `docker_compose_raw`).
    package var requiresOneOf: [[String]] = []

    /// Arguments its handler reads beyond those its declared calls send.
    package var reads: [String] = []

    /// The same action, declaring arguments its handler reads itself.
    package func reading(_ names: String...) -> ActionSpec {
        var copy = self
        copy.reads += names
        return copy
    }

    /// The same action, needing at least one of `names`.
    package func requiringOneOf(_ names: String...) -> ActionSpec {
        var copy = self
        copy.requiresOneOf.append(names)
        return copy
    }

    /// The same action, with what a reveal may unmask.
    package func revealing(_ scope: RevealScope) -> ActionSpec {
        var copy = self
        copy.reveal = scope
        return copy
    }

    /// The same action, declaring further endpoints its handler calls.
    package func calling(_ endpoints: Endpoint...) -> ActionSpec { calling(endpoints) }

    package func calling(_ endpoints: [Endpoint]) -> ActionSpec {
        var copy = self
        copy.calls += endpoints
        return copy
    }

    /// Every endpoint this action may send: the declared one, then its handler's.
    package var endpoints: [Endpoint] { (endpoint.map { [$0] } ?? []) + calls }

    /// Every operation this action may call, as (method, path template).
    package var operations: [(method: String, path: String)] {
        var result: [(method: String, path: String)] = []
        for endpoint in endpoints {
            result.append((endpoint.method.rawValue, endpoint.path))
            if endpoint.getBefore42 { result.append(("GET", endpoint.path)) }
        }
        return result
    }

    /// Whether a handler may send `endpoint`.
    func declares(_ endpoint: Endpoint) -> Bool { endpoints.contains { $0.sameCall(as: endpoint) } }

    package static func read(
        _ name: String? = nil, _ endpoint: Endpoint, requires: [String] = [],
        projection: Projection = .whole, handler: Handler? = nil
    ) -> ActionSpec {
        ActionSpec(name: name, effect: .read, idempotent: true, requires: requires, endpoint: endpoint, projection: projection, handler: handler)
    }
    package static func write(
        _ name: String? = nil, _ endpoint: Endpoint?, requires: [String] = [], idempotent: Bool = false,
        projection: Projection = .whole, handler: Handler? = nil
    ) -> ActionSpec {
        ActionSpec(name: name, effect: .write, idempotent: idempotent, requires: requires, endpoint: endpoint, projection: projection, handler: handler)
    }
    package static func destroy(
        _ name: String? = nil, _ endpoint: Endpoint?, requires: [String] = [],
        projection: Projection = .whole, handler: Handler? = nil
    ) -> ActionSpec {
        ActionSpec(name: name, effect: .destructive, idempotent: true, requires: requires, endpoint: endpoint, projection: projection, handler: handler)
    }
    package static func read(_ endpoint: Endpoint, projection: Projection = .whole) -> ActionSpec {
        read(nil, endpoint, projection: projection)
    }
    package static func write(_ endpoint: Endpoint?, idempotent: Bool = false, handler: Handler? = nil) -> ActionSpec {
        write(nil, endpoint, idempotent: idempotent, handler: handler)
    }
    package static func local(_ name: String? = nil, handler: @escaping Handler) -> ActionSpec {
        ActionSpec(name: name, effect: .read, idempotent: true, requires: [], endpoint: nil, projection: .whole, handler: handler)
    }
}

/// A tool, declared as data.
package struct ToolSpec: Sendable {
    package let name: String
    package let title: String
    package let summary: String
    package let toolset: Toolset
    package let params: [Param]
    package let actions: [ActionSpec]
    /// False only for tools that never leave the process.
    package let openWorld: Bool

    package init(
        _ name: String, title: String, toolset: Toolset, summary: String, params: [Param] = [],
        openWorld: Bool = true, actions: [ActionSpec]
    ) {
        self.name = name
        self.title = title
        self.summary = summary
        self.toolset = toolset
        self.params = params
        self.actions = actions
        self.openWorld = openWorld
    }

    /// Whether the tool takes `reveal` (the sanitizer honours it only then).
    package var offersReveal: Bool { params.contains { $0.name == "reveal" } }
    package var isActionTool: Bool { actions.count > 1 || actions.first?.name != nil }
    package var worstEffect: Effect { actions.map(\.effect).max() ?? .read }
    package var readOnly: Bool { worstEffect == .read }
    package var destructive: Bool { worstEffect == .destructive }
    package var idempotent: Bool { actions.allSatisfy(\.idempotent) }

    package func action(named name: String?) -> ActionSpec? {
        actions.first { $0.name == name }
    }
}
