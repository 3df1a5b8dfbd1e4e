package import JSON
internal import MCPWire

/// The wire form of a tool for tools/list, derived from its spec.
package enum ToolSchema {
    /// Declared parameters plus `action` for action tools.
    package static func allParams(_ tool: ToolSpec) -> [Param] {
        guard tool.isActionTool else { return tool.params }
        let names = tool.actions.compactMap(\.name)
        return [.oneOf("action", names, required: true, actionSummary(tool))] + tool.params
    }

    /// Which actions only read and which destroy; the rest write. Hints are per tool in MCP,
    /// so this is where a client (or a model) learns the class of each action.
    static func actionSummary(_ tool: ToolSpec) -> String {
        func names(_ effect: Effect) -> [String] {
            tool.actions.filter { $0.effect == effect }.compactMap(\.name)
        }
        var parts: [String] = []
        let reads = names(.read), writes = names(.write), destroys = names(.destructive)
        // Name the shorter of the read and write groups; the other is implied.
        if !reads.isEmpty && !writes.isEmpty {
            let readList = reads.joined(separator: ","), writeList = writes.joined(separator: ",")
            parts.append(readList.count <= writeList.count ? "Read: \(readList)." : "Write: \(writeList).")
        } else if !reads.isEmpty && !destroys.isEmpty {
            parts.append("Read: \(reads.joined(separator: ",")).")
        }
        if !destroys.isEmpty { parts.append("Destructive: \(destroys.joined(separator: ",")).") }
        return parts.joined(separator: " ")
    }

    /// In read-only mode a tool is described by its read actions alone.
    package static func offered(_ tool: ToolSpec, readOnly: Bool) -> ToolSpec {
        guard readOnly else { return tool }
        let reads = tool.actions.filter { $0.effect == .read }
        return ToolSpec(
            tool.name, title: tool.title, toolset: tool.toolset, summary: tool.summary, params: tool.params,
            openWorld: tool.openWorld, actions: reads.isEmpty ? tool.actions : reads)
    }

    /// `params`: the tool's parameters as ``DerivedParams`` types them, when the caller has them.
    package static func definition(_ original: ToolSpec, readOnly: Bool, params: [Param]? = nil) -> JSONValue {
        let tool = offered(original, readOnly: readOnly)
        var properties = JSONObject()
        var required: [JSONValue] = []
        let typed = params ?? DerivedParams.params(tool)
        for param in typed where param.advertised {
            properties[param.name] = schema(param)
            if param.required { required.append(.string(param.name)) }
        }
        var input: JSONObject = ["type": "object", "properties": .object(properties)]
        // Unknown arguments are refused by the server with a message naming the accepted ones;
        // "additionalProperties": false would repeat that in every tool at 28 bytes each.
        if !required.isEmpty { input["required"] = .array(required) }
        var definition: JSONObject = [
            "name": .string(tool.name),
            "title": .string(tool.title),
            "description": .string(tool.summary),
            "inputSchema": .object(input),
        ]
        let annotations = self.annotations(tool)
        if !annotations.isEmpty { definition["annotations"] = .object(annotations) }
        if let output = outputSchema(tool) { definition["outputSchema"] = output }
        return .object(definition)
    }

    /// Only hints that differ from MCP's defaults (readOnly false, destructive true, idempotent
    /// false, openWorld true): a client reads the same meaning from fewer bytes.
    static func annotations(_ tool: ToolSpec) -> JSONObject {
        var hints = JSONObject()
        if tool.readOnly {
            hints["readOnlyHint"] = true
        } else {
            if !tool.destructive { hints["destructiveHint"] = false }
            if tool.idempotent { hints["idempotentHint"] = true }
        }
        if !tool.openWorld { hints["openWorldHint"] = false }
        return hints
    }

    /// Paginated list tools promise their envelope; other results vary with Coolify's version.
    static func outputSchema(_ tool: ToolSpec) -> JSONValue? {
        guard !tool.isActionTool, case .list = tool.actions.first?.projection else { return nil }
        return listEnvelope
    }

    static let listEnvelope: JSONValue = [
        "type": "object",
        "properties": ["data": ["type": "array"], "total": ["type": "integer"], "next": ["type": "object"]],
        "required": ["data", "total"],
    ]

    static func schema(_ param: Param) -> JSONValue {
        var object: JSONObject
        switch param.kind {
        case .string: object = ["type": "string"]
        case .integer: object = ["type": "integer"]
        case .number: object = ["type": "number"]
        case .boolean: object = ["type": "boolean"]
        case .oneOf(let values): object = ["type": "string", "enum": .array(values.map { .string($0) })]
        case .stringArray: object = ["type": "array", "items": ["type": "string"]]
        case .integerArray: object = ["type": "array", "items": ["type": "integer"]]
        case .fields: object = ["type": "object"]
        case .objectArray(let fields):
            var properties = JSONObject()
            var required: [JSONValue] = []
            for field in fields {
                properties[field.name] = schema(field)
                if field.required { required.append(.string(field.name)) }
            }
            var item: JSONObject = ["type": "object", "properties": .object(properties)]
            if !required.isEmpty { item["required"] = .array(required) }
            object = ["type": "array", "items": .object(item)]
        }
        if !param.summary.isEmpty { object["description"] = .string(param.summary) }
        return .object(object)
    }
}
