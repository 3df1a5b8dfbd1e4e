import Foundation
import JSON
@testable import MCPWire
import Fortress
import Testing
@testable import Redaction
import Coolify

@Suite struct SanitizerTests {
    let sanitizer = Sanitizer(fields: CoolifyFieldRules())

    @Test func masksSecretsAtEveryDepth() {
        let input: JSONValue = [
            "name": "app", "http_basic_auth_password": "pw", "manual_webhook_secret_github": "wh",
            "environment_variables": [["key": "DB", "value": "v1", "real_value": "r1"]],
            "destination": ["server": ["private_key": "-----BEGIN", "settings": ["sentinel_token": "st"]]],
            "docker_compose_raw": "services: {}", "custom_labels": "traefik.x=1",
            "internal_db_url": "postgres://u:p@db:5432/x", "postgres_password": "pg",
        ]
        let output = sanitizer.sanitize(input, reveal: false)
        #expect(output["name"] == "app")
        for key in [
            "http_basic_auth_password", "manual_webhook_secret_github", "docker_compose_raw", "custom_labels",
            "internal_db_url", "postgres_password",
        ] {
            #expect(output[key] == "***", "\(key)")
        }
        #expect(output["environment_variables"]?[0] == ["key": "DB", "value": "***", "real_value": "***"])
        #expect(output["destination"]?["server"]?["private_key"] == "***")
        #expect(output["destination"]?["server"]?["settings"]?["sentinel_token"] == "***")
    }

    @Test func revealShowsRevealableButNeverTheAlwaysMasked() {
        let input: JSONValue = [
            "value": "v", "http_basic_auth_password": "pw", "private_key": "k", "sentinel_token": "s",
            "logdrain_axiom_api_key": "l", "client_secret": "c", "internal_db_url": "postgres://u:p@h/x",
        ]
        let output = sanitizer.sanitize(input, reveal: true)
        #expect(output["value"] == "v")
        #expect(output["http_basic_auth_password"] == "pw")
        #expect(output["internal_db_url"] == "postgres://u:p@h/x")
        for key in ["private_key", "sentinel_token", "logdrain_axiom_api_key", "client_secret"] {
            #expect(output[key] == "***", "\(key)")
        }
    }

    @Test func keepsNotSetValuesVisible() {
        let output = sanitizer.sanitize(["password": .null, "secret": "", "api_key": false], reveal: false)
        #expect(output == ["password": .null, "secret": "", "api_key": false])
    }

    @Test func masksWholeSubtreesUnderSecretKeys() {
        #expect(sanitizer.sanitize(["custom_labels": ["a": "b"], "token": [1, 2]], reveal: false) == ["custom_labels": "***", "token": "***"])
    }

    @Test func storageKeysAreToldApartFromEnvNames() {
        let storage: JSONValue = ["name": "s3", "endpoint": "https://s3", "bucket": "b", "key": "AKIA", "secret": "sk"]
        #expect(sanitizer.sanitize(storage, reveal: true) == ["name": "s3", "endpoint": "https://s3", "bucket": "b", "key": "***", "secret": "***"])
        #expect(sanitizer.sanitize(["key": "DATABASE_URL", "value": "x"], reveal: false) == ["key": "DATABASE_URL", "value": "***"])
    }

    @Test(arguments: ["private_key_id", "is_shown_once", "token_count", "sentinel_updated_at", "password_length"])
    func referencesToSecretsStay(_ key: String) {
        #expect(SecretKeys.classify(key) == .plain)
    }

    @Test(arguments: ["mysql_root_password", "redis_password", "keydb_password", "clickhouse_admin_password", "external_db_url"])
    func databaseSecretsAreRevealable(_ key: String) {
        #expect(SecretKeys.classify(key) == .revealable)
    }

    @Test(arguments: ["stripe_api_key", "resend_api_key", "telegram_token", "smtp_password", "webhook_secret", "github_app_private_key"])
    func credentialsOfIntegrations(_ key: String) {
        #expect(SecretKeys.classify(key) != .plain)
    }

    /// camelCase field names are read as their snake_case words, and a `_key` ending holds key
    /// material (encryption, signing, master, app keys).
    @Test(arguments: [
        "privateKey", "encryptionKey", "apiKey", "clientSecret", "accessToken", "encryption_key", "signing_key",
        "master_key", "app_key", "signingKey", "passphrase", "gpgPassphrase",
    ])
    func camelCaseAndKeySuffixedNamesAreSecret(_ key: String) {
        #expect(SecretKeys.classify(key) != .plain)
        #expect(sanitizer.sanitize(.object(JSONObject([(key, "PwFieldValue42")])), reveal: false) == .object(JSONObject([(key, "***")])))
    }

    @Test(arguments: [
        "key", "privateKeyId", "private_key_uuid", "encryption_key_name", "public_key", "publicKey", "primary_key",
        "tokenCount", "secretCreatedAt", "signing_key_type",
    ])
    func referencesAndPublicKeysStayPlain(_ key: String) {
        #expect(SecretKeys.classify(key) == .plain)
    }

    @Test func freeTextIsRedactedUnlessRevealed() {
        let text: JSONValue = ["log": "connect postgres://admin:hunter2@db:5432/app failed"]
        #expect(sanitizer.sanitize(text, reveal: false)["log"] == "connect postgres://***@db:5432/app failed")
        #expect(sanitizer.sanitize(text, reveal: true)["log"] == "connect postgres://admin:hunter2@db:5432/app failed")
    }
}

@Suite struct TextRedactorTests {
    let redactor = TextRedactor()

    @Test(arguments: [
        ("https://user:pass@example.com/x", "https://***@example.com/x"),
        ("redis://:pw@cache:6379", "redis://***@cache:6379"),
        ("see https://example.com/a@b", "see https://example.com/a@b"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
        ("Authorization: Bearer 3|abcdef", "Authorization: Bearer ***"),
        ("authorization: bearer xyz, next", "authorization: bearer ***"),
        ("(Bearer 3|abc; fqdn: bad)", "(Bearer ***; fqdn: bad)"),
        ("DB_PASSWORD=hunter2\nPORT=80", "DB_PASSWORD=***\nPORT=80"),
        ("export API_TOKEN=\"abc\"", "export API_TOKEN=\"***\""),
        // Found by the every-action suite: assignments that do not start a line.
        ("    - CF_DNS_API_TOKEN=cf-123\n", "    - CF_DNS_API_TOKEN=***\n"),
        ("echo 'API_TOKEN=t0k' >> /etc/agent.env", "echo 'API_TOKEN=***' >> /etc/agent.env"),
        ("GET /hook?token=abc&page=2", "GET /hook?token=***&page=2"),
        ("SMTP_PASSWORD: hunter2 # mail", "SMTP_PASSWORD: ***"),
        ("{\"db_password\": \"pw\", \"port\": 5432}", "{\"db_password\": \"***\", \"port\": 5432}"),
        ("key: DATABASE_URL", "key: DATABASE_URL"),
        ("{\"api_token\":\"t\",\"n\":1}", "{\"api_token\":\"***\",\"n\":1}"),
        ("time: 12:30 token:abc", "time: 12:30 token:abc"),
        ("PASSWORD=\"unterminated", "PASSWORD=\"***"),
        ("AWS_SECRET_ACCESS_KEY=x", "AWS_SECRET_ACCESS_KEY=***"),
        ("a=b", "a=b"),
    ])
    func redactsPatterns(_ input: String, _ expected: String) {
        #expect(redactor.redact(input) == expected)
        #expect(redactor.redact(expected) == expected, "masking is idempotent")
    }

    @Test func redactsPrivateKeyBlocks() {
        let text = "before\n-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\nBBBB\n-----END OPENSSH PRIVATE KEY-----\nafter"
        #expect(redactor.redact(text) == "before\n[REDACTED PRIVATE KEY]\nafter")
        #expect(redactor.redact("x -----BEGIN RSA PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAA cut") == "x [REDACTED PRIVATE KEY] cut")
        #expect(redactor.redact("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").contains("AAAA"))
    }

    @Test func aMalformedFooterDoesNotEndTheBlock() {
        // Found by FuzzSanitizer: "-----END RSA" (no closing dashes) ended the first block at the
        // next block's dashes, and the second key's body survived.
        let text = "-----BEGIN RSA PRIVATE KEY-----\nfirstkeybody\n-----END RSA\n-----BEGIN EC PRIVATE KEY-----\nsecondkeybody\n-----END EC PRIVATE KEY-----\n"
        let redacted = redactor.redact(text)
        #expect(!redacted.contains("firstkeybody") && !redacted.contains("secondkeybody"))
        #expect(redactor.redact(redacted) == redacted)
    }

    @Test func findsTheTokenBytesAnywhere() {
        let token = Array("42|Zx9secretTOKENvalue".utf8)
        let fingerprint = token.withUnsafeBytes { SecretFingerprint(bytes: $0) }
        let redactor = TextRedactor(fingerprints: [fingerprint])
        var bytes = Array("a42|Zx9secretTOKENvalue42|Zx9secretTOKENvalueb 42|Zx9secretTOKENvalu".utf8)
        redactor.redactSecrets(&bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "a[REDACTED][REDACTED]b 42|Zx9secretTOKENvalu")
        #expect(redactor.redactSecrets("42|Zx9secretTOKENvalue") == "[REDACTED]")
        #expect(redactor.redactSecrets("short") == "short")
    }

    @Test func aKeyWithoutItsEndLineHidesOnlyItsBody() {
        // bfd50e5 hid everything after a cut key, the log frame's end marker included.
        let body = "MIIEowIBAAKCAQEAx7Jd0Tq2Yk9VbN3cLpR8sWfG4hZ1mXoE6uIaKjH5tPqD2vCyB\nbN3cLpR8sWfG4hZ1mXoE6uIaKjH5tPqD2vCyBMIIEowIBAAKCAQEAx7Jd0Tq2Yk9V"
        let text = "BEGIN UNTRUSTED DATA 9f2c\n-----BEGIN OPENSSH PRIVATE KEY-----\n\(body)\nEND UNTRUSTED DATA 9f2c\nafter"
        let redacted = redactor.redact(text)
        #expect(redacted == "BEGIN UNTRUSTED DATA 9f2c\n[REDACTED PRIVATE KEY]\nEND UNTRUSTED DATA 9f2c\nafter")
        #expect(redactor.redact(redacted) == redacted)
    }

    @Test func aKeyWithOtherTextInsideEndsAtItsEndLine() {
        let text =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE\nnot-base64-material-6b07\nQyNTUxOQAAACBm\n-----END OPENSSH PRIVATE KEY-----\nafter"
        #expect(redactor.redact(text) == "[REDACTED PRIVATE KEY]\nafter")
        // ... but not across a frame marker or another key's BEGIN.
        let cut = "-----BEGIN RSA PRIVATE KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\nEND UNTRUSTED DATA 0a1b\n-----END RSA PRIVATE KEY-----"
        #expect(redactor.redact(cut) == "[REDACTED PRIVATE KEY]\nEND UNTRUSTED DATA 0a1b\n-----END RSA PRIVATE KEY-----")
    }

    @Test func keyBlocksOfEveryKind() {
        for label in ["RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"] {
            let text = "a\n-----BEGIN \(label)-----\nVersion: x\n\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n-----END \(label)-----\nb"
            #expect(redactor.redact(text) == "a\n[REDACTED PRIVATE KEY]\nb", "\(label)")
        }
    }
}

@Suite struct ResponseSecretTests {
    let sanitizer = Sanitizer(fields: CoolifyFieldRules())

    @Test func aValueMaskedByNameIsMaskedWhereverTheResponseRepeatsIt() {
        // bfd50e5 masked keydb_password and returned keydb_conf with the same password in it.
        let database: JSONValue = [
            "name": "cache", "keydb_password": "Kd8vQ2mZx7Lp", "keydb_conf": "bind 0.0.0.0\nrequire_pass_note Kd8vQ2mZx7Lp\n",
            "description": "uses Kd8vQ2mZx7Lp", "nested": ["deep": ["text": "x Kd8vQ2mZx7Lp y"]],
        ]
        let output = sanitizer.sanitize(database, reveal: false)
        #expect(output["keydb_password"] == "***")
        #expect(output["keydb_conf"] == "bind 0.0.0.0\nrequire_pass_note ***\n")
        #expect(output["description"] == "uses ***")
        #expect(output["nested"]?["deep"]?["text"] == "x *** y")
        #expect(sanitizer.sanitize(output, reveal: false) == output)
    }

    @Test func underRevealOnlyTheFieldsStillMaskedAreLookedFor() {
        let value: JSONValue = ["private_key": "k3yMaterial99", "redis_password": "r3disPass77", "notes": "k3yMaterial99 r3disPass77"]
        let output = sanitizer.sanitize(value, reveal: true)
        #expect(output["redis_password"] == "r3disPass77")
        #expect(output["notes"] == "*** r3disPass77")
    }

    @Test func shortValuesAreNotLookedFor() {
        let output = sanitizer.sanitize(["password": "root1", "path": "/root1/app"], reveal: false)
        #expect(output["path"] == "/root1/app")
    }

    @Test func overlappingValuesMergeIntoOneMask() {
        var secrets = ResponseSecrets()
        for value in ["abcdef", "cdefgh", "xyzxyz12", "defg"] { secrets.insert(value) }
        secrets.build()
        #expect(secrets.redact("--abcdefgh--xyzxyz12--defg") == "--***--***--defg")
        #expect(secrets.redact("aabcdeff") == "a***f")
    }

    @Test(arguments: SecretShapes.base64ConfigurationFields.sorted())
    func everyBase64ConfigurationFieldIsLookedInto(_ field: String) {
        let encoded = Data("[client]\npassword = hunter2hunter2\n".utf8).base64EncodedString()
        let output = sanitizer.sanitize(.object([field: .string(encoded), "nested": .object([field: .string(encoded)])]), reveal: false)
        #expect(output[field] == "***")
        #expect(output["nested"]?[field] == "***")
    }

    @Test func base64ConfigurationWithASecretInsideIsMasked() {
        // bfd50e5 returned base64-encoded configuration without looking into it.
        let nginx = "location / {\n  proxy_set_header Authorization \"Basic YWRtaW46czNjcjN0\";\n}\n"
        let clean = "location / {\n  root /usr/share/nginx/html;\n}\n"
        let value: JSONValue = [
            "custom_nginx_configuration": .string(Data(nginx.utf8).base64EncodedString()),
            "configuration": .string(Data(clean.utf8).base64EncodedString()),
        ]
        let output = sanitizer.sanitize(value, reveal: false)
        #expect(output["custom_nginx_configuration"] == "***")
        #expect(output["configuration"] == .string(Data(clean.utf8).base64EncodedString()))
        #expect(sanitizer.sanitize(output, reveal: false) == output)
    }
}
