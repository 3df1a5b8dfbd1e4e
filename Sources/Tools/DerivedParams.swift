/// Argument types taken from Coolify's request shapes: where an argument reaches a Coolify field
/// (a path parameter, a query parameter or a body field of a declared call), its type and enum
/// are the field's, so the schema tells a model `integer` where Coolify wants an integer. The
/// type written beside a parameter in the catalogue is only for arguments that reach no field
/// (`wait`, `page`, `resource`...) or fields Coolify leaves untyped.
package enum DerivedParams {
    /// The tool's parameters (with `action`), each typed by the fields it reaches.
    package static func params(_ tool: ToolSpec) -> [Param] {
        let kinds = kindsByArgument(tool)
        return ToolSchema.allParams(tool).map { param in
            guard let merged = merge(kinds[param.name] ?? []) else { return param }
            var typed = Param(name: param.name, kind: merged, required: param.required, summary: param.summary)
            typed.advertised = param.advertised
            return typed
        }
    }

    /// Arguments whose fields disagree on a type (a string in one call, an integer in
    /// another): the declared type stays, and the catalogue tests name them.
    package static func conflicts(_ tool: ToolSpec) -> [String] {
        let kinds = kindsByArgument(tool)
        return ToolSchema.allParams(tool).map(\.name).filter { name in
            guard let reached = kinds[name], !reached.isEmpty else { return false }
            return merge(reached) == nil
        }
    }

    /// The type of every field each argument reaches, grouped once per tool.
    static func kindsByArgument(_ tool: ToolSpec) -> [String: [Param.Kind]] {
        var kinds: [String: [Param.Kind]] = [:]
        for binding in Conformance.bindings(of: tool) {
            if let shape = binding.shape, let kind = kind(shape) { kinds[binding.argument, default: []].append(kind) }
        }
        return kinds
    }

    /// A field's shape as an argument type; nil where the shape says too little (any, object).
    static func kind(_ shape: FieldShape) -> Param.Kind? {
        switch shape.type {
        case .string: return shape.choices.isEmpty ? .string : .oneOf(shape.choices)
        case .integer: return .integer
        case .number: return .number
        case .boolean: return .boolean
        case .array:
            guard let items = shape.items else { return nil }
            switch items.type {
            case .string: return .stringArray
            case .integer: return .integerArray
            case .object where !items.properties.isEmpty:
                var fields: [Param] = []
                for (name, field) in items.properties {
                    guard let kind = kind(field) else { return nil }
                    fields.append(Param(name: name, kind: kind, required: items.required.contains(name), summary: ""))
                }
                return .objectArray(fields)
            default: return nil
            }
        case .object, .any: return nil
        }
    }

    /// One type for all the fields an argument reaches: the same type, enums joined (each call
    /// still refuses a value its own field does not take), a free string over an enum, objects
    /// with the union of their properties. nil when the types differ.
    static func merge(_ kinds: [Param.Kind]) -> Param.Kind? {
        guard var merged = kinds.first else { return nil }
        for kind in kinds.dropFirst() {
            switch (merged, kind) {
            case (.oneOf(let left), .oneOf(let right)): merged = .oneOf(left + right.filter { !left.contains($0) })
            case (.string, .oneOf), (.oneOf, .string): merged = .string
            case (.objectArray(let left), .objectArray(let right)):
                var fields = left
                for field in right {
                    if let index = fields.firstIndex(where: { $0.name == field.name }) {
                        guard let same = merge([fields[index].kind, field.kind]) else { return nil }
                        fields[index] = Param(name: field.name, kind: same, required: fields[index].required && field.required, summary: "")
                    } else {
                        fields.append(Param(name: field.name, kind: field.kind, required: false, summary: ""))
                    }
                }
                merged = .objectArray(fields)
            default:
                guard merged.sameType(as: kind) else { return nil }
            }
        }
        return merged
    }
}

extension Param.Kind {
    /// The same JSON type (enums and object properties aside).
    func sameType(as other: Param.Kind) -> Bool {
        switch (self, other) {
        case (.string, .string), (.integer, .integer), (.number, .number), (.boolean, .boolean), (.stringArray, .stringArray),
            (.integerArray, .integerArray), (.fields, .fields), (.oneOf, .oneOf), (.objectArray, .objectArray):
            return true
        default:
            return false
        }
    }
}
