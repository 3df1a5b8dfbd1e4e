package import JSON
package import MCPWire
/// How a field's name classifies its value.
package enum SecretClass: Sendable, Equatable {
    /// Never leaves the process: private keys, monitoring and log-drain credentials, app
    /// secrets, cloud-provider tokens, S3 keys, notification credentials.
    case always
    /// Leaves only when the caller passed `reveal: true` to a tool that offers it.
    case revealable
    case plain
}

/// Which field names hold secrets: the rules of the service whose answers are sanitized. The
/// sanitizer is given them (the Coolify module has Coolify's), so the names a service uses live
/// with the knowledge of that service.
package protocol FieldRules: Sendable {
    /// How the field `key` of `object` classifies its value.
    func classify(_ key: String, in object: JSONObject) -> SecretClass
}

/// The one sanitizer at the response boundary: masks secrets at every depth of a tool result.
/// Tools never mask by hand; `reveal` is an input here, not a branch inside a tool.
package struct Sanitizer: Sendable {
    package let redactor: TextRedactor
    package let fields: any FieldRules

    package init(redactor: TextRedactor = TextRedactor(), fields: any FieldRules) {
        self.redactor = redactor
        self.fields = fields
    }

    package func sanitize(_ value: JSONValue, reveal: Bool) -> JSONValue {
        let secrets = collectMaskedValues(value, reveal: reveal)
        return walk(value, reveal: reveal, depth: 0, secrets: secrets)
    }

    /// Results are built from parsed responses (depth-limited), so recursion stays shallow; the
    /// guard below is for values assembled in-process.
    private static let maxDepth = 256

    private func walk(_ value: JSONValue, reveal: Bool, depth: Int, secrets: ResponseSecrets) -> JSONValue {
        guard depth < Self.maxDepth else { return .string(TextRedactor.mask) }
        switch value {
        case .string(let text):
            return .string(sanitizeString(text, reveal: reveal, secrets: secrets))
        case .array(let items):
            return .array(items.map { walk($0, reveal: reveal, depth: depth + 1, secrets: secrets) })
        case .object(let object):
            var result = JSONObject()
            for (key, child) in object {
                let safeKey = redactor.redactSecrets(key)
                if masksField(key, in: object, reveal: reveal) {
                    result[safeKey] = Self.masked(child)
                } else {
                    result[safeKey] = walk(child, reveal: reveal, depth: depth + 1, secrets: secrets)
                }
            }
            return .object(result)
        default:
            return value
        }
    }

    /// Whether a field is masked by its name alone.
    func masksField(_ key: String, in object: JSONObject, reveal: Bool) -> Bool {
        switch fields.classify(key, in: object) {
        case .always: return true
        case .revealable: return !reveal
        case .plain: return false
        }
    }

    // MARK: - Values of masked fields, found again elsewhere

    /// First pass: the values of every field this response masks by name (at any depth, with
    /// the same depth guard as the walk), so that a copy of one inside another field's text
    /// (`requirepass <keydb_password>` in `keydb_conf`) is masked as well.
    package func collectMaskedValues(_ value: JSONValue, reveal: Bool) -> ResponseSecrets {
        var secrets = ResponseSecrets()
        collect(value, reveal: reveal, depth: 0, masked: false, into: &secrets)
        secrets.build()
        return secrets
    }

    private func collect(_ value: JSONValue, reveal: Bool, depth: Int, masked: Bool, into secrets: inout ResponseSecrets) {
        guard depth < Self.maxDepth else { return }
        switch value {
        case .string(let text):
            if masked { secrets.insert(text) }
        case .number(let number):
            if masked { secrets.insert(number.text) }
        case .array(let items):
            for item in items { collect(item, reveal: reveal, depth: depth + 1, masked: masked, into: &secrets) }
        case .object(let object):
            for (key, child) in object {
                let maskedHere = masked || masksField(key, in: object, reveal: reveal)
                collect(child, reveal: reveal, depth: depth + 1, masked: maskedHere, into: &secrets)
            }
        default:
            break
        }
    }

    /// One string of the response: collected values masked, then the redactor; under reveal
    /// only the token's bytes (and the values of fields masked even under reveal). A string that
    /// is base64 of configuration text with a secret inside becomes the mask.
    package func sanitizeString(_ text: String, reveal: Bool, secrets: ResponseSecrets) -> String {
        let text = secrets.redact(text)
        if reveal { return redactor.redactSecrets(text) }
        if Self.base64HidesSecret(text, secrets: secrets) { return TextRedactor.mask }
        return redactor.redact(text)
    }

    /// Coolify returns some configuration base64-encoded (`SecretShapes.base64ConfigurationFields`);
    /// any string that is wholly base64 (line breaks allowed) of UTF-8 text is decoded and
    /// redacted, and a secret found inside hides the whole string.
    package static func base64HidesSecret(_ text: String, secrets: ResponseSecrets) -> Bool {
        guard let decoded = decodedConfiguration(text) else { return false }
        return TextRedactor().redact(decoded) != decoded || secrets.redact(decoded) != decoded
    }

    /// The text a base64 string encodes, if it is 16+ bytes of base64 of printable UTF-8.
    package static func decodedConfiguration(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.count >= 16,
            utf8.allSatisfy({ TextRedactor.isBase64Byte($0) || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else {
            return nil
        }
        let compact = utf8.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard let bytes = TextRedactor.decodeBase64(compact), !bytes.isEmpty,
            bytes.allSatisfy({ $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }), bytes.contains(where: { $0 != 0x7F })
        else {
            return nil
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { return nil }
        return decoded
    }

    /// null, empty strings and booleans say "not set" or "on/off" and carry no secret, so they
    /// stay; everything else becomes "***".
    static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null, .bool: return value
        case .string(let text) where text.isEmpty: return value
        default: return .string(TextRedactor.mask)
        }
    }
}

// MARK: - Reveal as policy

extension Sanitizer {
    /// The policy-aware entry of the response boundary: masks at every depth, unmasking only
    /// what `grant` names, and only when the answer has exactly the shape the grant describes.
    package func sanitize(_ value: JSONValue, grant: RevealGrant) -> JSONValue {
        switch grant {
        case .none:
            return sanitize(value, reveal: false)
        case .refused(let reason):
            return Self.closed(sanitize(value, reveal: false), reason)
        case .resource(let idField, let id):
            guard let object = value.objectValue, Self.identifies(object[idField], id) else {
                return Self.closed(
                    sanitize(value, reveal: false),
                    "Not revealed: Coolify's answer is not the single resource that was named, so every secret stays masked.")
            }
            return sanitize(.object(object), reveal: true)
        case .rows(let listField, let keyField, let key):
            // No such variable: nothing to reveal, and nothing to explain.
            if value[listField]?.arrayValue?.isEmpty == true { return sanitize(value, reveal: false) }
            guard let object = value.objectValue, let rows = object[listField]?.arrayValue,
                rows.allSatisfy({ $0.objectValue != nil && $0[keyField]?.stringValue == key })
            else {
                return Self.closed(
                    sanitize(value, reveal: false),
                    "Not revealed: Coolify's answer is not a list holding only the named variable, so every value stays masked.")
            }
            var result = JSONObject()
            for (name, member) in object {
                result[redactor.redactSecrets(name)] =
                    name == listField
                    ? .array(rows.map { sanitize($0, reveal: true) })
                    : sanitize(member, reveal: false)
            }
            return .object(result)
        }
    }

    /// An id given as a string names the object whose id is that string or that integer.
    private static func identifies(_ field: JSONValue?, _ id: String) -> Bool {
        guard let field, !id.isEmpty else { return false }
        if let text = field.stringValue { return text == id }
        if let number = field.intValue { return String(number) == id }
        return false
    }

    /// The masked answer, with the reason nothing was revealed.
    private static func closed(_ masked: JSONValue, _ reason: String) -> JSONValue {
        guard var object = masked.objectValue else { return .object(["result": masked, "not_revealed": .string(reason)]) }
        object["not_revealed"] = .string(reason)
        return .object(object)
    }
}
