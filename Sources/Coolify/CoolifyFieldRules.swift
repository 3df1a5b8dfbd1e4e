package import JSON
package import Redaction

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

/// Coolify's field rules, as the sanitizer takes them.
package struct CoolifyFieldRules: FieldRules {
    package init() {}

    package func classify(_ key: String, in object: JSONObject) -> SecretClass {
        // S3 storages call their access key "key", as env vars call their name: only the
        // former is secret, told apart by its siblings "bucket" and "endpoint".
        if key == "key" && object["bucket"] != nil && object["endpoint"] != nil { return .always }
        return SecretKeys.classify(key)
    }
}
