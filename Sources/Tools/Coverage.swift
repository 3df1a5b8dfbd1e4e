package import JSON
internal import MCPWire
internal import Coolify

/// Which of Coolify's operations the catalogue reaches, computed from the tools as declared.
package enum Coverage {
    /// One action's concrete calls: `{resource}` and other choice placeholders are expanded into
    /// the values the tool accepts ("application" -> "applications").
    package static func operations(of tool: ToolSpec, _ action: ActionSpec) -> [(method: String, path: String)] {
        let params = ToolSchema.allParams(tool)
        return action.operations.flatMap { operation in
            expand(operation.path, params: params).map { (operation.method, $0) }
        }
    }

    static func expand(_ path: String, params: [Param]) -> [String] {
        var paths = [path]
        for name in APIPath.placeholders(in: path) {
            guard let param = params.first(where: { $0.name == name }), case .oneOf(let values) = param.kind else { continue }
            let literals = name == "resource" ? values.map { $0 + "s" } : values
            paths = paths.flatMap { current in literals.map { current.replacingOccurrences(of: "{\(name)}", with: $0) } }
        }
        return paths
    }

    package struct Report: Sendable {
        package let covered: [CoolifyOperation]
        package let uncovered: [CoolifyOperation]
        /// Declared calls that match no operation in the list (legacy GETs excluded).
        package let unknown: [String]
        package var total: Int { covered.count + uncovered.count }
        package var percent: Double { total == 0 ? 0 : Double(covered.count) * 100 / Double(total) }
    }

    /// Coverage of the operations a team token can call (root-only ones are not counted).
    package static func report(_ tools: [ToolSpec] = Catalogue.all) -> Report {
        var reached = Set<String>()
        var unknown: [String] = []
        let known = Set(CoolifyOperation.all.map { "\($0.method) \($0.shape)" })
        for tool in tools {
            let params = ToolSchema.allParams(tool)
            for action in tool.actions {
                // The GET an endpoint answered before Coolify 4.2 is not in today's API list.
                let legacyGets = action.endpoint.map { $0.getBefore42 ? Set(expand($0.path, params: params)) : [] } ?? []
                for operation in operations(of: tool, action) {
                    let key = "\(operation.method) \(CoolifyOperation.shape(of: operation.path))"
                    if known.contains(key) {
                        reached.insert(key)
                    } else if !(operation.method == "GET" && legacyGets.contains(operation.path)) {
                        unknown.append("\(tool.name) \(action.name ?? ""): \(operation.method) \(operation.path)")
                    }
                }
            }
        }
        let team = CoolifyOperation.teamCallable
        return Report(
            covered: team.filter { reached.contains("\($0.method) \($0.shape)") },
            uncovered: team.filter { !reached.contains("\($0.method) \($0.shape)") }, unknown: unknown)
    }

    /// `--list-operations`: every action's calls, and the coverage figure.
    package static func listing(_ tools: [ToolSpec]) -> JSONValue {
        var actions: [JSONValue] = []
        for tool in tools {
            for action in tool.actions {
                var entry: JSONObject = [
                    "tool": .string(tool.name),
                    "effect": .string(action.effect == .read ? "read" : action.effect == .write ? "write" : "destructive"),
                    "requires": .array(
                        (ToolSchema.allParams(tool).filter(\.required).map(\.name).filter { $0 != "action" } + action.requires)
                            .map { .string($0) }),
                    "calls": .array(operations(of: tool, action).map { .string("\($0.method) \($0.path)") }),
                ]
                if let name = action.name { entry["action"] = .string(name) }
                if let endpoint = action.endpoint {
                    if !endpoint.body.isEmpty { entry["body"] = .array(endpoint.body.map { .string(endpoint.renamed[$0] ?? $0) }) }
                    if !endpoint.query.isEmpty { entry["query"] = .array(endpoint.query.map { .string(endpoint.renamed[$0] ?? $0) }) }
                    if endpoint.getBefore42 { entry["get_before_4_2"] = true }
                    let renamed = endpoint.renamed.all.filter { (endpoint.body + endpoint.query).contains($0.from) }
                    if !renamed.isEmpty { entry["renamed"] = .object(JSONObject(renamed.map { ($0.from, .string($0.to)) })) }
                }
                if action.handler != nil { entry["custom"] = true }
                actions.append(.object(entry))
            }
        }
        let report = report(tools)
        let reach = bodyReach(tools)
        return .object([
            "actions": .array(actions),
            "operations": .array(reach.operations),
            "body_properties": .object([
                "named": .number(JSONNumber(reach.named)), "fields_only": .number(JSONNumber(reach.fieldsOnly)),
                "unreached": .number(JSONNumber(reach.unreached)),
            ]),
            "coverage": .object([
                "covered": .number(JSONNumber(report.covered.count)),
                "team_callable": .number(JSONNumber(report.total)),
                "all_operations": .number(JSONNumber(CoolifyOperation.all.count)),
                "uncovered": .array(report.uncovered.map { .string("\($0.method) \($0.path)") }),
                "unmatched": .array(report.unknown.map { .string($0) }),
            ]),
        ])
    }

    /// For every operation with a body: which of its properties a named argument reaches, which
    /// only the free-form `fields` argument reaches, and which nothing reaches; with the totals.
    static func bodyReach(_ tools: [ToolSpec]) -> (operations: [JSONValue], named: Int, fieldsOnly: Int, unreached: Int) {
        var named: [String: Set<String>] = [:]
        var viaFields = Set<String>()
        for tool in tools {
            for action in tool.actions {
                for call in Conformance.calls(of: tool, action) {
                    let key = "\(call.method) \(CoolifyOperation.shape(of: call.path))"
                    let endpoint = call.endpoint
                    named[key, default: []].formUnion(endpoint.body.map { endpoint.renamed[$0] ?? $0 })
                    if let fallback = endpoint.fallback { named[key, default: []].formUnion([fallback.field, fallback.unless]) }
                    if endpoint.takesFields { viaFields.insert(key) }
                }
            }
        }
        var rows: [JSONValue] = []
        var totals = (named: 0, fieldsOnly: 0, unreached: 0)
        for operation in CoolifyOperation.all {
            guard let properties = RequestShapes.shape(operation.method, operation.path)?.body?.map(\.name), !properties.isEmpty else { continue }
            let key = "\(operation.method) \(operation.shape)"
            let byName = properties.filter { named[key]?.contains($0) ?? false }
            let rest = properties.filter { !byName.contains($0) }
            let onlyFields = viaFields.contains(key) ? rest : []
            let unreached = viaFields.contains(key) ? [] : rest
            totals.named += byName.count
            totals.fieldsOnly += onlyFields.count
            totals.unreached += unreached.count
            rows.append([
                "operation": .string("\(operation.method) \(operation.path)"),
                "named": .array(byName.map { .string($0) }), "fields_only": .array(onlyFields.map { .string($0) }),
                "unreached": .array(unreached.map { .string($0) }),
            ])
        }
        return (rows, totals.named, totals.fieldsOnly, totals.unreached)
    }
}
