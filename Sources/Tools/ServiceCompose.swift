internal import MCPWire

/// The few service actions that need more than one endpoint and a projection.
enum ServiceCompose {
    /// Coolify takes compose files base64-encoded; callers give plain YAML.
    static let encodingCompose: Handler = { invocation in
        var values = invocation.arguments.values
        if let yaml = values["docker_compose_raw"]?.stringValue {
            values["docker_compose_raw"] = .string(Base64.encode(Array(yaml.utf8)))
        }
        return try await invocation.sendDeclared(Arguments(values: values))
    }

    /// A service's containers: its applications and its databases, fetched together.
    static let containers: Handler = { invocation in
        async let applications = invocation.sendDeclared()
        async let databases = invocation.send(serviceDatabases)
        return .object(["applications": try await applications, "databases": try await databases])
    }
}

/// A service's database containers (list_containers, beside its applications).
let serviceDatabases = Endpoint.get("/services/{uuid}/databases")

/// Standard base64 (RFC 4648, with padding); a dozen lines rather than Foundation in this module.
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                out.append(position <= chunk.count ? alphabet[Int(value >> (18 - 6 * UInt32(position)) & 0x3F)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
