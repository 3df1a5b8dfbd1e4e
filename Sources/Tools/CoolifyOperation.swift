/// One operation of Coolify's API, as listed in `Generated/CoolifyOperations.swift`: the yardstick
/// for coverage (which operations some tool reaches) and the offline docs index.
package struct CoolifyOperation: Sendable, Hashable {
    /// The token ability Coolify checks before running the operation.
    package enum Ability: String, Sendable {
        case read, write, deploy, root
    }

    package let method: String
    /// The path template as Coolify documents it, e.g. "/applications/{uuid}/envs".
    package let path: String
    package let ability: Ability

    package init(_ method: String, _ path: String, _ ability: Ability) {
        self.method = method
        self.path = path
        self.ability = ability
    }

    /// The path with every placeholder written "{}", so templates that name their parameters
    /// differently still compare equal.
    package var shape: String { Self.shape(of: path) }

    package static func shape(of path: String) -> String {
        // Bytes, not Characters: paths are ASCII, and this runs for every declared call.
        var result: [UInt8] = []
        result.reserveCapacity(path.utf8.count)
        var inside = false
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "{"):
                inside = true
                result += [UInt8(ascii: "{"), UInt8(ascii: "}")]
            case UInt8(ascii: "}"): inside = false
            default: if !inside { result.append(byte) }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Operations a team token can be granted (everything but the instance-root ones).
    package static var teamCallable: [CoolifyOperation] { all.filter { $0.ability != .root } }
}
