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

/// The field names Coolify uses for secrets. Coolify 4.1 and older return them decrypted to any
/// token, so the server never relies on Coolify to hide them.
package enum SecretKeys {
    /// Exact names whose values may be revealed on request.
    static let revealable: Set<String> = [
        "manual_webhook_secret_github", "manual_webhook_secret_gitlab", "manual_webhook_secret_gitea",
        "manual_webhook_secret_bitbucket", "http_basic_auth_password",
        "internal_db_url", "external_db_url", "database_url",
        "docker_compose", "docker_compose_raw", "docker_compose_pr", "docker_compose_pr_raw",
        "dockerfile", "custom_labels", "value", "real_value",
    ]

    /// Exact names that never leave.
    static let always: Set<String> = [
        "private_key", "sentinel_token", "sentinel_custom_url",
        "logdrain_axiom_api_key", "logdrain_axiom_dataset_name", "logdrain_newrelic_license_key", "logdrain_custom_config",
        "logdrain_custom_config_parser", "logdrain_highlight_project_id",
        "client_secret", "webhook_secret", "app_secret", "token", "api_token", "access_token", "refresh_token",
        "secret", "secret_key", "access_key", "key_secret",
        "smtp_password", "resend_api_key", "telegram_token", "discord_webhook_url", "slack_webhook_url",
        "pushover_user_key", "pushover_api_token", "webhook_url",
    ]

    /// Names that look secret by their words, for fields Coolify may add later.
    static let secretWords = [
        "password", "passwd", "passphrase", "secret", "private_key", "api_key", "apikey", "token",
        "credential", "license_key", "access_key", "_dsn", "auth_key",
    ]

    /// A name ending in `_key` holds key material (encryption_key, signing_key, master_key,
    /// app_key), except these, whose values are public or are identifiers. A bare `key` is an
    /// environment variable's NAME (the S3 storage's `key` is told apart by its siblings).
    static let plainKeyNames: Set<String> = [
        "public_key", "primary_key", "foreign_key", "cache_key", "sort_key", "partition_key", "routing_key", "lock_key",
        "idempotency_key", "object_key", "ssh_public_key", "host_key",
    ]

    /// Suffixes that mark a reference to a secret rather than the secret itself.
    static let referenceSuffixes = ["_id", "_uuid", "_at", "_count", "_length", "_type", "_name"]

    /// snake_case of a field name: `privateKey` and `clientSecret` are private_key and client_secret.
    static func snakeCased(_ rawKey: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(rawKey.utf8.count + 4)
        var previous: UInt8 = 0
        for byte in rawKey.utf8 {
            let upper = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            if upper, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(previous) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(previous) {
                result.unicodeScalars.append("_")
            }
            previous = byte
            result.unicodeScalars.append(Unicode.Scalar(upper ? byte | 0x20 : byte))
        }
        return result
    }

    package static func classify(_ rawKey: String) -> SecretClass {
        // Most names are already snake_case: no copy for them (classify runs for every field).
        let key: String
        if !rawKey.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }) {
            key = rawKey
        } else {
            key = rawKey.utf8.allSatisfy({ $0 < 0x80 }) ? snakeCased(rawKey) : rawKey.lowercased()
        }
        if revealable.contains(key) { return .revealable }
        if always.contains(key) { return .always }
        if key.hasPrefixBytes("is_") || key.hasPrefixBytes("has_") || referenceSuffixes.contains(where: key.hasSuffixBytes) { return .plain }
        if key.hasPrefixBytes("logdrain_") || key.hasPrefixBytes("sentinel_") && key.containsBytes("token") { return .always }
        if key.containsBytes("private_key") || key.containsBytes("license_key") || key.containsBytes("api_key") { return .always }
        if key.containsBytes("password") || key.containsBytes("passwd") || key.hasSuffixBytes("_db_url") || key.containsBytes("webhook_secret") {
            return .revealable
        }
        if secretWords.contains(where: key.containsBytes) { return .always }
        if key.hasSuffixBytes("_key"), !plainKeyNames.contains(key) { return .always }
        return .plain
    }
}

/// The one sanitizer at the response boundary: masks secrets at every depth of a tool result.
/// Tools never mask by hand; `reveal` is an input here, not a branch inside a tool.
package struct Sanitizer: Sendable {
    package let redactor: TextRedactor

    package init(redactor: TextRedactor = TextRedactor()) {
        self.redactor = redactor
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
        var secretClass = SecretKeys.classify(key)
        // S3 storages call their access key "key", as env vars call their name: only the
        // former is secret, told apart by its siblings "bucket" and "endpoint".
        if key == "key" && object["bucket"] != nil && object["endpoint"] != nil { secretClass = .always }
        switch secretClass {
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
