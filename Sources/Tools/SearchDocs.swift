internal import JSON
internal import MCPWire

extension ToolSpec {
    static let searchDocs = ToolSpec(
        "search_docs", title: "Search Coolify docs", toolset: .meta,
        summary: "Offline search of Coolify docs pages, API operations and these tools.",
        params: [
            .string("query", required: true, "What to look for, in a few words, e.g. \"traefik basic auth\" or \"cancel deployment\"."),
            .integer("limit", "Most results to return, 1-20, default 5."),
        ],
        openWorld: false,
        actions: [
            .local { invocation in
                // Only what this session offers: a narrowed or read-only session is not pointed
                // at tools or actions it would refuse.
                try DocsSearch.answer(invocation.arguments, tools: invocation.offered, readOnly: invocation.readOnly)
            }
        ])
}

extension DocsSearch {
    static let defaultLimit = 5
    static let maxLimit = 20

    /// The tool's answer: {"results": [...], "total": matches} or {"results": [], "hint": ...}.
    static func answer(_ args: Arguments, tools: [ToolSpec], readOnly: Bool = false) throws(ToolError) -> JSONValue {
        let query = args.string("query") ?? ""
        let limit = args.int("limit") ?? defaultLimit
        guard (1...maxLimit).contains(limit) else { throw ToolError("\"limit\" must be between 1 and \(maxLimit).") }
        // Every match is ranked (a few hundred at most), so "total" can say how many there were.
        let matches = search(query, limit: .max, tools: tools)
        guard !matches.isEmpty else {
            let hint =
                queryTerms(query).isEmpty
                ? "The query has no words to search for; name a feature, e.g. \"environment variables\"."
                : "Nothing matched; try fewer or other words, such as a feature (\"backup\"), a proxy (\"traefik\") or a resource (\"database\")."
            return .object(["results": .array([]), "hint": .string(hint)])
        }
        let results = matches.prefix(limit).map { hit -> JSONValue in
            guard var object = hit.json.objectValue, let method = hit.method, let path = hit.path else { return hit.json }
            // An operation is only useful to the model through the tool action that calls it.
            let key = "\(method) \(CoolifyOperation.shape(of: path))"
            if let call = reachingActions[key]?.first(where: { call in
                tools.contains { $0.name == call.tool } && (!readOnly || call.effect == .read)
            }) {
                object["call"] = .string(call.tool + (call.action.map { " " + $0 } ?? ""))
            }
            return .object(object)
        }
        return .object(["results": .array(results), "total": .number(JSONNumber(matches.count))])
    }

    /// "METHOD /shape" -> the tool actions that call it, for every operation the catalogue reaches.
    static let reachingActions: [String: [(tool: String, action: String?, effect: Effect)]] = {
        var map: [String: [(tool: String, action: String?, effect: Effect)]] = [:]
        for tool in Catalogue.all {
            for action in tool.actions {
                for operation in Coverage.operations(of: tool, action) {
                    map["\(operation.method) \(CoolifyOperation.shape(of: operation.path))", default: []]
                        .append((tool.name, action.name, action.effect))
                }
            }
        }
        return map
    }()
}

extension DocsHit {
    /// The result as the tool returns it; empty fields are left out.
    var json: JSONValue {
        var object: JSONObject = ["kind": .string(kind.rawValue), "title": .string(title)]
        if let url { object["url"] = .string(url) }
        if let method { object["method"] = .string(method) }
        if let path { object["path"] = .string(path) }
        if let tool { object["tool"] = .string(tool) }
        if !headings.isEmpty { object["headings"] = .array(headings.map { .string($0) }) }
        if let rounded = JSONNumber((score * 100).rounded() / 100) { object["score"] = .number(rounded) }
        return .object(object)
    }
}
