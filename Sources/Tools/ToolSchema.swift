public import MCPWire

/// The wire form of a tool for tools/list, derived from its spec.
package enum ToolSchema {
    /// Declared parameters plus `action` for action tools.
    package static func allParams(_ tool: ToolSpec) -> [Param] {
        guard tool.isActionTool else { return tool.params }
        let names = tool.actions.compactMap(\.name)
        return [.oneOf("action", names, required: true, "What to do.")] + tool.params
    }

    /// In read-only mode a tool is described by its read actions alone.
    static func offered(_ tool: ToolSpec, readOnly: Bool) -> ToolSpec {
        guard readOnly else { return tool }
        let reads = tool.actions.filter { $0.effect == .read }
        return ToolSpec(tool.name, title: tool.title, toolset: tool.toolset, summary: tool.summary, params: tool.params,
                        openWorld: tool.openWorld, actions: reads.isEmpty ? tool.actions : reads)
    }

    package static func definition(_ original: ToolSpec, readOnly: Bool) -> JSONValue {
        let tool = offered(original, readOnly: readOnly)
        var properties = JSONObject()
        var required: [JSONValue] = []
        for param in allParams(tool) {
            properties[param.name] = schema(param)
            if param.required { required.append(.string(param.name)) }
        }
        var input: JSONObject = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { input["required"] = .array(required) }
        input["additionalProperties"] = false
        let annotations: JSONObject = [
            "title": .string(tool.title),
            "readOnlyHint": .bool(tool.readOnly),
            "destructiveHint": .bool(tool.destructive),
            "idempotentHint": .bool(tool.idempotent),
            "openWorldHint": .bool(tool.openWorld),
        ]
        return .object([
            "name": .string(tool.name),
            "title": .string(tool.title),
            "description": .string(tool.summary),
            "inputSchema": .object(input),
            "annotations": .object(annotations),
        ])
    }

    static func schema(_ param: Param) -> JSONValue {
        var object: JSONObject
        switch param.kind {
        case .string: object = ["type": "string"]
        case .integer: object = ["type": "integer"]
        case .boolean: object = ["type": "boolean"]
        case .oneOf(let values): object = ["type": "string", "enum": .array(values.map { .string($0) })]
        case .stringArray: object = ["type": "array", "items": ["type": "string"]]
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
        object["description"] = .string(param.summary)
        return .object(object)
    }
}
