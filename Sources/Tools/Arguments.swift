package import JSON
internal import MCPWire
package import Coolify

/// A failure the caller can act on (bad arguments, or Coolify's answer): a tool result with
/// `isError`, never a protocol error.
package struct ToolError: Error, Sendable, Equatable {
    package let message: String
    package init(_ message: String) { self.message = message }
}

/// Arguments that passed validation against the tool's `Param` list. Getters return typed
/// values; a missing optional is nil.
package struct Arguments: Sendable {
    package let values: JSONObject

    package func string(_ name: String) -> String? { values[name]?.stringValue }
    package func int(_ name: String) -> Int? { values[name]?.intValue }
    package func bool(_ name: String) -> Bool? { values[name]?.boolValue }
    package func strings(_ name: String) -> [String]? { values[name]?.arrayValue?.compactMap(\.stringValue) }
    package func has(_ name: String) -> Bool { values[name].map { !$0.isNull } ?? false }

    package func requireString(_ name: String) throws(ToolError) -> String {
        guard let value = string(name), !value.isEmpty else { throw ToolError("\"\(name)\" is required here.") }
        return value
    }

    /// A value placed in a URL path: only the characters of Coolify's UUIDs and names, so an
    /// argument such as "../servers" cannot reach another endpoint.
    package func pathSegment(_ name: String) throws(ToolError) -> PathSegment {
        // Some Coolify ids are integers (GitHub apps, teams, pull requests).
        if case .number(let number)? = values[name], let id = number.int {
            guard let segment = PathSegment(id: id) else { throw ToolError("\"\(name)\" must not be negative.") }
            return segment
        }
        let value = try requireString(name)
        guard let segment = PathSegment(validating: value) else {
            throw ToolError("\"\(name)\" must be a Coolify UUID (letters, digits, '-', '_' or '.').")
        }
        return segment
    }
}

/// Checks raw arguments against declared parameters; the messages name parameters and types,
/// never the values given.
package enum ArgumentValidator {
    static let maxStringBytes = 1024 * 1024
    static let maxArrayItems = 500

    package static func validate(_ raw: JSONObject, against params: [Param]) throws(ToolError) -> Arguments {
        let known = Dictionary(uniqueKeysWithValues: params.map { ($0.name, $0) })
        for key in raw.keys where known[key] == nil {
            let accepted = params.map(\.name).joined(separator: ", ")
            throw ToolError("Unknown argument \"\(RPCError.clippedName(key))\"; this tool takes: \(accepted.isEmpty ? "no arguments" : accepted).")
        }
        for param in params {
            guard let value = raw[param.name], !value.isNull else {
                if param.required { throw ToolError("Missing required argument \"\(param.name)\" (\(typeName(param.kind))).") }
                continue
            }
            try check(value, param, path: param.name)
        }
        return Arguments(values: raw)
    }

    private static func check(_ value: JSONValue, _ param: Param, path: String) throws(ToolError) {
        switch param.kind {
        case .string:
            guard let text = value.stringValue else { throw mismatch(path, param.kind) }
            guard text.utf8.count <= maxStringBytes else { throw ToolError("\"\(path)\" is longer than 1 MiB.") }
        case .integer:
            guard case .number(let number) = value, number.int != nil else { throw mismatch(path, param.kind) }
        case .number:
            guard case .number = value else { throw mismatch(path, param.kind) }
        case .boolean:
            guard value.boolValue != nil else { throw mismatch(path, param.kind) }
        case .oneOf(let choices):
            guard let text = value.stringValue, choices.contains(text) else {
                throw ToolError("\"\(path)\" must be one of: \(choices.joined(separator: ", ")).")
            }
        case .stringArray:
            guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else { throw mismatch(path, param.kind) }
            guard items.count <= maxArrayItems else { throw ToolError("\"\(path)\" has more than \(maxArrayItems) items.") }
        case .fields:
            guard let object = value.objectValue else { throw mismatch(path, param.kind) }
            guard object.count <= 100 else { throw ToolError("\"\(path)\" has more than 100 fields.") }
            for (name, field) in object {
                guard !name.isEmpty, name.utf8.count <= 64, name.utf8.allSatisfy(isFieldNameByte) else {
                    throw ToolError("\"\(path)\" field names are Coolify's: lower-case letters, digits and '_'.")
                }
                // Scalars, lists of scalars, and lists of flat objects (Coolify's
                // docker_compose_domains and urls: [{"name": ..., "domain": ...}]).
                let scalar = { (item: JSONValue) in item.objectValue == nil && item.arrayValue == nil }
                let flatObject = { (item: JSONValue) in item.objectValue.map { $0.count <= 100 && $0.values.allSatisfy(scalar) } ?? false }
                let list = field.arrayValue
                guard scalar(field) || (list.map { $0.count <= maxArrayItems && $0.allSatisfy { scalar($0) || flatObject($0) } } ?? false) else {
                    throw ToolError("\"\(path).\(name)\" must be a string, number, boolean, null, or a list of them or of flat objects.")
                }
                // Every string, also inside lists and their objects, within the same bound.
                let strings = [field] + (list ?? []).flatMap { item in [item] + (item.objectValue?.values ?? []) }
                if strings.contains(where: { ($0.stringValue?.utf8.count ?? 0) > maxStringBytes }) {
                    throw ToolError("\"\(path).\(name)\" holds a string longer than 1 MiB.")
                }
            }
        case .integerArray:
            guard let items = value.arrayValue, items.allSatisfy({ $0.intValue != nil }) else { throw mismatch(path, param.kind) }
            guard items.count <= maxArrayItems else { throw ToolError("\"\(path)\" has more than \(maxArrayItems) items.") }
        case .objectArray(let fields):
            guard let items = value.arrayValue else { throw mismatch(path, param.kind) }
            guard items.count <= maxArrayItems else { throw ToolError("\"\(path)\" has more than \(maxArrayItems) items.") }
            for (index, item) in items.enumerated() {
                guard let object = item.objectValue else { throw mismatch("\(path)[\(index)]", param.kind) }
                do {
                    _ = try validate(object, against: fields)
                } catch {
                    throw ToolError("In \"\(path)[\(index)]\": \(error.message)")
                }
            }
        }
    }

    static func isFieldNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private static func mismatch(_ path: String, _ kind: Param.Kind) -> ToolError {
        ToolError("\"\(path)\" must be \(typeName(kind)).")
    }

    static func typeName(_ kind: Param.Kind) -> String {
        switch kind {
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .oneOf(let choices): return "one of " + choices.joined(separator: ", ")
        case .stringArray: return "an array of strings"
        case .integerArray: return "an array of integers"
        case .fields: return "an object of Coolify fields"
        case .objectArray: return "an array of objects"
        }
    }
}

extension RPCError {
    /// An argument name from a request, cut and stripped for an error message.
    static func clippedName(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(40).filter { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }))
    }
}
