package import JSON

/// What Coolify accepts in one field: a JSON type, whether null is allowed, the values of an
/// enum, and for arrays the shape of their items.
package struct FieldShape: Sendable, Equatable {
    package enum JSONType: String, Sendable {
        case string, integer, number, boolean, array, object, any
    }

    package let type: JSONType
    package let nullable: Bool
    /// The allowed values of an enum (empty: any value of the type).
    package let choices: [String]
    /// For an array, its items' shape (held in an array: a struct cannot contain itself).
    private let itemStorage: [FieldShape]
    /// For objects (array items), their properties and the required ones.
    package let properties: [(name: String, shape: FieldShape)]
    package let required: [String]
    /// A query parameter Coolify requires.
    package let requiredParameter: Bool
    /// Accepted by Coolify's controllers though its description omits it: why we know.
    package let undocumented: String?

    package var items: FieldShape? { itemStorage.first }

    package static func == (lhs: FieldShape, rhs: FieldShape) -> Bool {
        lhs.type == rhs.type && lhs.nullable == rhs.nullable && lhs.choices == rhs.choices && lhs.itemStorage == rhs.itemStorage
            && lhs.properties.map(\.name) == rhs.properties.map(\.name) && lhs.properties.map(\.shape) == rhs.properties.map(\.shape)
            && lhs.required == rhs.required
    }

    init(_ value: JSONValue) throws(RequestShapes.Malformed) {
        guard let name = value["type"]?.stringValue, let type = JSONType(rawValue: name) else { throw .init() }
        self.type = type
        nullable = value["null"]?.boolValue ?? false
        choices = value["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        itemStorage = try value["items"].map { item throws(RequestShapes.Malformed) in [try FieldShape(item)] } ?? []
        properties = try RequestShapes.fields(value["properties"])
        required = value["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        requiredParameter = value["required"]?.boolValue ?? false
        undocumented = value["why"]?.stringValue
    }

    /// Whether `value` has this shape (types, enums and items; objects by their properties).
    package func admits(_ value: JSONValue) -> Bool {
        if value.isNull { return nullable || type == .any }
        if !choices.isEmpty { return value.stringValue.map(choices.contains) ?? false }
        switch (type, value) {
        case (.any, _): return true
        case (.string, .string): return true
        case (.integer, .number(let number)): return number.int != nil
        case (.number, .number): return true
        case (.boolean, .bool): return true
        case (.array, .array(let values)): return items.map { shape in values.allSatisfy(shape.admits) } ?? true
        case (.object, .object(let object)):
            guard !properties.isEmpty else { return true }
            return object.keys.allSatisfy { key in
                guard let shape = properties.first(where: { $0.name == key })?.shape, let child = object[key] else { return false }
                return shape.admits(child)
            } && required.allSatisfy { object[$0] != nil }
        default: return false
        }
    }

    /// The type in the words of an error message: "an integer", "one of www, non-www, both".
    package var described: String {
        if !choices.isEmpty { return "one of " + choices.joined(separator: ", ") }
        switch type {
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .array: return items.map { "an array of " + $0.pluralNoun } ?? "an array"
        case .object: return "an object"
        case .any: return "any value"
        }
    }

    private var pluralNoun: String {
        switch type {
        case .string: return "strings"
        case .integer: return "integers"
        case .number: return "numbers"
        case .boolean: return "booleans"
        case .object: return "objects"
        case .array: return "arrays"
        case .any: return "values"
        }
    }
}

/// Coolify's description of one operation's request, as generated from its OpenAPI description
/// (Generated/CoolifyRequestShapes.swift), with what its controllers accept beyond it.
package struct RequestShape: Sendable {
    package let method: String
    package let path: String
    package let pathParameters: [(name: String, shape: FieldShape)]
    package let query: [(name: String, shape: FieldShape)]
    /// nil: the operation reads no body.
    package let body: [(name: String, shape: FieldShape)]?
    /// Body fields Coolify requires.
    package let required: [String]
    /// Groups of body fields of which Coolify requires one (environment_name or environment_uuid).
    package let oneOfRequired: [[String]]
    /// Where the description names another path for this operation: the documented one and why.
    package let moved: (from: String, why: String)?

    package func queryField(_ name: String) -> FieldShape? { query.first { $0.name == name }?.shape }
    package func bodyField(_ name: String) -> FieldShape? { body?.first { $0.name == name }?.shape }
}

/// Every operation's request shape, read once from the generated text.
package enum RequestShapes {
    struct Malformed: Error {}

    /// Keyed by "METHOD /path/{}/with/{}/placeholders" (``CoolifyOperation/shape(of:)``).
    private static let byOperation: [String: RequestShape] = {
        // The text is generated and checked by tests; a malformed line is a build mistake that
        // would leave every shape unknown, which the catalogue tests report.
        // Split and parsed as bytes: a walk by Characters over the 80 KB would segment graphemes.
        var shapes: [String: RequestShape] = [:]
        shapes.reserveCapacity(300)
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let row = try? JSONParser.parse(line), let shape = try? shape(row) else { continue }
            shapes[shape.method + " " + CoolifyOperation.shape(of: shape.path)] = shape
        }
        return shapes
    }()

    /// The shape of `method path` (placeholders may be named anything), if Coolify describes it.
    package static func shape(_ method: String, _ path: String) -> RequestShape? {
        byOperation[method + " " + CoolifyOperation.shape(of: path)]
    }

    package static var count: Int { byOperation.count }

    /// The shape of the operation a filled path reaches, chosen as Coolify's router chooses:
    /// among the templates that match, the one with literals earliest ("/databases/postgresql"
    /// over "/databases/{uuid}").
    package static func route(_ method: String, _ path: String) -> RequestShape? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var best: (shape: RequestShape, rank: [Bool])?
        for shape in byOperation.values where shape.method == method {
            let template = shape.path.split(separator: "/", omittingEmptySubsequences: false)
            guard template.count == segments.count else { continue }
            var rank: [Bool] = []
            var matches = true
            for (part, segment) in zip(template, segments) {
                let placeholder = part.first == "{" && part.last == "}"
                guard placeholder || part == segment else { matches = false; break }
                rank.append(!placeholder)
            }
            guard matches else { continue }
            // Literals win over placeholders, segment by segment from the left.
            if let current = best, let differs = zip(rank, current.rank).first(where: { $0 != $1 }), !differs.0 { continue }
            if let current = best, rank == current.rank { continue }
            best = (shape, rank)
        }
        return best?.shape
    }

    static func shape(_ row: JSONValue) throws(Malformed) -> RequestShape {
        guard let method = row[0]?.stringValue, let path = row[1]?.stringValue, let shape = row[2] else { throw .init() }
        let body = shape["body"]
        return RequestShape(
            method: method, path: path,
            pathParameters: try fields(shape["path"]), query: try fields(shape["query"]),
            body: try body.map { value throws(Malformed) in try fields(value["properties"]) },
            required: body?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            oneOfRequired: body?["one_of_required"]?.arrayValue?.map { group in group["fields"]?.arrayValue?.compactMap(\.stringValue) ?? [] } ?? [],
            moved: shape["moved"].flatMap { moved in
                guard let from = moved["from"]?.stringValue, let why = moved["why"]?.stringValue else { return nil }
                return (from, why)
            })
    }

    static func fields(_ value: JSONValue?) throws(Malformed) -> [(name: String, shape: FieldShape)] {
        guard let object = value?.objectValue else { return [] }
        var result: [(name: String, shape: FieldShape)] = []
        for key in object.keys {
            guard let field = object[key] else { continue }
            result.append((key, try FieldShape(field)))
        }
        return result
    }
}
