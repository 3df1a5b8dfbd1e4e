internal import Coolify

/// One argument reaching one Coolify field: which call, where in the request, and what Coolify
/// says that field is (nil: Coolify's description has no such field there).
package struct FieldBinding: Sendable {
    package enum Location: String, Sendable {
        case path, query, body
    }

    package let action: String?
    package let method: String
    /// The path with choice placeholders filled ("/{resource}/{uuid}" -> "/applications/{uuid}").
    package let path: String
    package let location: Location
    package let argument: String
    package let field: String
    package let shape: FieldShape?
}

/// A declared call with its choice placeholders filled: one per value the tool accepts.
package struct ConcreteCall: Sendable {
    package let action: ActionSpec
    package let endpoint: Endpoint
    package let method: String
    package let path: String
    /// The argument values that picked this path ("resource": "application").
    package let choices: [(argument: String, value: String)]
    package var shape: RequestShape? { RequestShapes.shape(method, path) }
}

/// The catalogue against Coolify's request shapes: which argument reaches which field, and
/// where a declaration and Coolify disagree.
package enum Conformance {
    /// Every call an action declares, for every value of its choice placeholders.
    package static func calls(of tool: ToolSpec, _ action: ActionSpec) -> [ConcreteCall] {
        calls(of: action, params: ToolSchema.allParams(tool))
    }

    static func calls(of action: ActionSpec, params: [Param]) -> [ConcreteCall] {
        var result: [ConcreteCall] = []
        for endpoint in action.endpoints {
            var paths: [(String, [(argument: String, value: String)])] = [(endpoint.path, [])]
            for name in endpoint.pathParameters {
                guard let param = params.first(where: { $0.name == name }), case .oneOf(let values) = param.kind else { continue }
                paths = paths.flatMap { path, chosen in
                    values.map { value in
                        let literal = name == "resource" ? value + "s" : value
                        return (path.replacingOccurrences(of: "{\(name)}", with: literal), chosen + [(name, value)])
                    }
                }
            }
            for (path, chosen) in paths {
                result.append(ConcreteCall(action: action, endpoint: endpoint, method: endpoint.method.rawValue, path: path, choices: chosen))
            }
        }
        return result
    }

    /// What each argument of each declared call reaches.
    package static func bindings(of tool: ToolSpec) -> [FieldBinding] {
        var result: [FieldBinding] = []
        let params = ToolSchema.allParams(tool)
        for action in tool.actions {
            for call in calls(of: action, params: params) {
                let shape = call.shape
                let ours = APIPath.placeholders(in: call.path)
                let theirs = shape?.pathParameters ?? []
                for (index, name) in ours.enumerated() {
                    let field = index < theirs.count ? theirs[index] : nil
                    result.append(
                        .init(
                            action: action.name, method: call.method, path: call.path, location: .path, argument: name, field: field?.name ?? name,
                            shape: field?.shape))
                }
                let endpoint = call.endpoint
                for name in endpoint.query {
                    let field = endpoint.renamed[name] ?? name
                    result.append(
                        .init(
                            action: action.name, method: call.method, path: call.path, location: .query, argument: name, field: field,
                            shape: shape?.queryField(field)))
                }
                for name in endpoint.body {
                    let field = endpoint.renamed[name] ?? name
                    result.append(
                        .init(
                            action: action.name, method: call.method, path: call.path, location: .body, argument: name, field: field,
                            shape: shape?.bodyField(field)))
                }
            }
        }
        return result
    }

    /// Every argument an action uses: what its calls send, what it requires, what its handler
    /// or projection reads, and `action` and `reveal` (answered with a note where it does not
    /// apply). Keyed by action name.
    package static func usedArguments(_ tool: ToolSpec) -> [String: Set<String>] {
        let sent = sentArguments(tool).byAction
        let requiredByTool = ToolSchema.allParams(tool).filter(\.required).map(\.name)
        var used: [String: Set<String>] = [:]
        for action in tool.actions {
            var names = (sent[action.name ?? ""] ?? []).union(requiredByTool)
            names.formUnion(action.requires + action.requiresOneOf.flatMap { $0 } + action.reads + ["action", "reveal"])
            switch action.projection {
            case .find(let argument, _): names.insert(argument)
            case .list: names.formUnion(["page", "per_page"])
            default: break
            }
            used[action.name ?? ""] = names
        }
        return used
    }

    /// The arguments each action sends to Coolify (path, query, body, and `fields` where its
    /// call takes them), keyed by action name ("" for a tool's single action), and their union.
    package static func sentArguments(_ tool: ToolSpec) -> (byAction: [String: Set<String>], any: Set<String>) {
        var byAction: [String: Set<String>] = [:]
        for action in tool.actions {
            var names = Set<String>()
            for endpoint in action.endpoints {
                names.formUnion(endpoint.pathParameters + endpoint.query + endpoint.body)
                if endpoint.takesFields { names.insert("fields") }
                if let fallback = endpoint.fallback { names.insert(fallback.unless) }
            }
            byAction[action.name ?? ""] = names
        }
        return (byAction, byAction.values.reduce(into: Set<String>()) { $0.formUnion($1) })
    }

    /// Every disagreement between the catalogue's declarations and Coolify's request shapes, as
    /// sentences naming the tool, the action, the call and the field.
    package static func problems(_ tools: [ToolSpec] = Catalogue.all) -> [String] {
        var problems: [String] = []
        for tool in tools {
            let params = ToolSchema.allParams(tool)
            let requiredByTool = params.filter(\.required).map(\.name)
            for action in tool.actions {
                let label = "\(tool.name)\(action.name.map { " " + $0 } ?? "")"
                for call in calls(of: tool, action) {
                    let endpoint = call.endpoint
                    let where_ = "\(label): \(call.method) \(call.path)"
                    guard let shape = call.shape else {
                        problems.append("\(where_) is not an operation Coolify describes")
                        continue
                    }
                    if APIPath.placeholders(in: call.path).count != shape.pathParameters.count {
                        problems.append(
                            "\(where_) has \(APIPath.placeholders(in: call.path).count) path parameters, Coolify's \(shape.path) has \(shape.pathParameters.count)"
                        )
                    }
                    // Where a choice picks the path (database types, resource kinds), a field
                    // may belong to some of them: the server refuses it for the others before
                    // sending (``CatalogueHost/request``); here it must belong to at least one.
                    let siblings = calls(of: tool, action).filter { $0.endpoint.sameCall(as: endpoint) }.compactMap(\.shape)
                    for name in endpoint.query where !siblings.contains(where: { $0.queryField(endpoint.renamed[name] ?? name) != nil }) {
                        problems.append("\(where_) sends query \"\(endpoint.renamed[name] ?? name)\", which Coolify does not take there")
                    }
                    for name in endpoint.body where !siblings.contains(where: { $0.bodyField(endpoint.renamed[name] ?? name) != nil }) {
                        problems.append("\(where_) sends body field \"\(endpoint.renamed[name] ?? name)\", which Coolify does not take there")
                    }
                    if endpoint.takesFields && shape.body == nil {
                        problems.append("\(where_) sends `fields` in a body Coolify does not read")
                    }
                    if let fallback = endpoint.fallback, shape.bodyField(fallback.field) == nil {
                        problems.append("\(where_) sends default \"\(fallback.field)\", which Coolify does not take there")
                    }
                    // What Coolify requires must be an argument the action requires, unless the
                    // handler builds this request itself (then the end-to-end suite checks it).
                    // Where a choice picks the path, what one of them requires is checked before
                    // sending (``CatalogueHost/conform``), as it cannot be a required argument.
                    let builtByHandler = action.handler != nil && endpoint.body.isEmpty && endpoint.query.isEmpty
                    guard !builtByHandler, call.choices.isEmpty else { continue }
                    var guaranteed = Set((requiredByTool + action.requires).map { endpoint.renamed[$0] ?? $0 })
                    if let fallback = endpoint.fallback { guaranteed.insert(fallback.field) }
                    for name in shape.required where !guaranteed.contains(name) {
                        problems.append("\(where_) does not require \"\(name)\", which Coolify requires")
                    }
                    let renamedGroups = action.requiresOneOf.map { Set($0.map { endpoint.renamed[$0] ?? $0 }) }
                    for group in shape.oneOfRequired where !group.contains(where: guaranteed.contains) && !renamedGroups.contains(Set(group)) {
                        problems.append("\(where_) requires none of \(group.joined(separator: ", ")), one of which Coolify requires")
                    }
                    for (name, field) in shape.query where field.requiredParameter && !guaranteed.contains(name) {
                        problems.append("\(where_) does not require query \"\(name)\", which Coolify requires")
                    }
                }
            }
        }
        return problems
    }
}
