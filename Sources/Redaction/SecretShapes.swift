/// The shapes of secrets in free text, as data. `TextRedactor` reads these tables; the corpus in
/// Tests/Corpus/secret-shapes.json has at least one case per entry `id` (a test checks it).
///
/// Every entry carries the reason it is here, so a reviewer can judge each one on its own.
package enum SecretShapes {
    // MARK: - Names

    /// How a normalised name (lowercase, camelCase words split by `_`, leading `-`/`$` dropped,
    /// `-` and `.` read as `_`, and for dotted names only the last component) is matched.
    package enum NameMatch: Sendable {
        case exact
        case contains
        case suffix
    }

    package struct SecretName: Sendable {
        package let id: String
        package let word: String
        package let match: NameMatch
        package let reason: String
    }

    /// Names whose value is a secret, in any assignment syntax (below).
    package static let secretNames: [SecretName] = [
        .init(id: "name.password", word: "password", match: .contains, reason: "the word itself: DB_PASSWORD, password, --password"),
        .init(id: "name.passwd", word: "passwd", match: .contains, reason: "Unix spelling: PASSWD, mysql_passwd"),
        .init(id: "name.pwd", word: "pwd", match: .exact, reason: "ODBC and MSSQL connection strings: Pwd=x (a value starting with / is the shell's PWD)"),
        .init(id: "name.pwd-suffix", word: "_pwd", match: .suffix, reason: "DB_PWD, ADMIN_PWD"),
        .init(id: "name.pass", word: "pass", match: .exact, reason: "short form: pass=x, redis-cli --pass"),
        .init(id: "name.pass-suffix", word: "_pass", match: .suffix, reason: "SMTP_PASS, db_pass"),
        .init(id: "name.secret", word: "secret", match: .contains, reason: "APP_SECRET, client_secret, cf-access-client-secret, aws_secret_access_key"),
        .init(id: "name.token", word: "token", match: .contains, reason: "API_TOKEN, _authToken (.npmrc), x-auth-token, GITHUB_TOKEN"),
        .init(id: "name.api-key", word: "api_key", match: .contains, reason: "API_KEY, x-api-key, stripe_api_key"),
        .init(id: "name.apikey", word: "apikey", match: .contains, reason: "apiKey, APIKEY"),
        .init(id: "name.access-key", word: "access_key", match: .contains, reason: "S3/AWS access_key, MINIO_ACCESS_KEY"),
        .init(id: "name.private-key", word: "private_key", match: .contains, reason: "private_key, SSH_PRIVATE_KEY"),
        .init(id: "name.key-suffix", word: "_key", match: .suffix, reason: "APP_KEY, SECRET_KEY_BASE's kin: STRIPE_KEY, ENCRYPTION_KEY"),
        .init(id: "name.key", word: "key", match: .exact, reason: "key=x (not `key:`, YAML's everyday word; see colonExcluded)"),
        .init(id: "name.credential", word: "credential", match: .contains, reason: "credentials, GOOGLE_APPLICATION_CREDENTIALS_JSON"),
        .init(id: "name.auth", word: "auth", match: .exact, reason: "docker config.json \"auth\": base64(user:pass)"),
        .init(id: "name.auth-suffix", word: "_auth", match: .suffix, reason: "basic_auth, HTTP_AUTH, .npmrc _auth"),
        .init(id: "name.authorization", word: "authorization", match: .contains, reason: "Authorization and Proxy-Authorization headers"),
        .init(id: "name.cookie", word: "cookie", match: .suffix, reason: "Cookie and Set-Cookie headers carry session credentials"),
        .init(id: "name.requirepass", word: "requirepass", match: .exact, reason: "redis/keydb password directive"),
        .init(id: "name.masterauth", word: "masterauth", match: .exact, reason: "redis/keydb replica password directive"),
        .init(id: "name.dsn", word: "_dsn", match: .suffix, reason: "SENTRY_DSN carries a key in its URL"),
        .init(id: "name.database-url", word: "database_url", match: .contains, reason: "DATABASE_URL carries a password"),
        .init(id: "name.db-url", word: "db_url", match: .contains, reason: "internal_db_url, REDIS_DB_URL carry a password"),
        .init(id: "name.signing-key", word: "signing_key", match: .contains, reason: "JWT/cookie signing keys"),
        .init(id: "name.passphrase", word: "passphrase", match: .contains, reason: "GPG_PASSPHRASE, key passphrases"),
        .init(id: "name.pin", word: "pin", match: .exact, reason: "PIN=x (a SIM, HSM or card PIN)"),
        .init(id: "name.mnemonic", word: "mnemonic", match: .contains, reason: "wallet seed phrases: MNEMONIC=\"...\""),
        .init(id: "name.amz-signature", word: "amz_signature", match: .contains, reason: "S3 presigned URLs: X-Amz-Signature grants access until it expires"),
        .init(id: "name.goog-signature", word: "goog_signature", match: .contains, reason: "GCS signed URLs: X-Goog-Signature"),
        .init(id: "name.sig", word: "sig", match: .exact, reason: "Azure SAS URLs: the `sig=` signature is the credential"),
    ]

    /// Name endings that make a secret-looking name a reference to a secret, a count or a
    /// message about it: their value stays.
    package static let referenceSuffixes: [String] = [
        "_id", "_ids", "_uuid", "_at", "_count", "_length", "_len", "_type", "_name", "_file", "_path", "_dir",
        "_expires", "_expiry", "_expires_in", "_ttl", "_timeout", "_enabled", "_required", "_policy", "_mode",
        "error", "exception", "tokens", "_url_path", "_header", "_hint", "_min", "_max", "_size", "_secure",
        "_domain", "_samesite", "_rotation", "_stdin", "_endpoint", "_endpoints",
        // Keys that are not secrets: public halves, database and cache keys.
        "public_key", "primary_key", "foreign_key", "cache_key", "sort_key", "partition_key", "routing_key", "lock_key",
    ]
    package static let referencePrefixes: [String] = ["is_", "has_", "no_", "use_", "enable_", "disable_"]

    /// Names that are secret in `name=value` but not in `name: value` (YAML and prose use them).
    package static let colonExcluded: Set<String> = ["key"]

    /// Names strong enough to take a value glued to a colon (`password:x`, Go's `%+v` output
    /// `{User:app Password:x}`), spaced before it at a line start (`Password : x`), or after a
    /// tab (`password<TAB>x`); weaker names (`token:abc`, `auth:x`) are prose or host:port there.
    package static let strongNameWords: [String] = ["password", "passwd", "passphrase", "secret", "pwd"]

    /// A name/value pair whose name is a secret's name: Kubernetes and compose env lists
    /// (`- name: DB_PASSWORD` then `value: x` on the next line), `{"name":"API_TOKEN","value":"x"}`,
    /// .NET and Java XML (`<add key="ApiKey" value="x"/>`, `<entry key="password">x</entry>`).
    package static let pairNameKeys: Set<String> = ["name", "key"]
    package static let pairValueKey = "value"
    package static let namedPairID = "syntax.name-value-pair"

    /// `echo 'x' | docker login --password-stdin`: a line with one of these flags gives away
    /// the argument of its leading `echo`/`printf`.
    package static let stdinSecretFlags: [String] = ["--password-stdin", "--passphrase-stdin", "--with-token"]
    package static let stdinEchoID = "flag.echo-to-password-stdin"

    /// An env line's value ends before a blank followed by one of these (then a blank): the
    /// shell goes on with another command (`PGPASSWORD=x psql ... && next`).
    package static let shellOperators: [String] = ["&&", "||", "|", ";"]

    /// `<strong name> is <credential>`: the verbs of a sentence that gives a password away.
    package static let proseVerbs: [String] = ["is", "was"]
    package static let proseID = "syntax.prose"

    /// Short names that are secret only with a value this long at least: `sig=SIGTERM` and
    /// `pin=13` are a signal and a GPIO pin, an SAS signature and a PIN are longer.
    package static let minimumValueLength: [String: Int] = ["sig": 12, "pin": 4]

    /// A `.pgpass` line `host:port:database:user:password` (five fields, no blanks, a port of
    /// digits or `*`, a lower-case host name or `*`): the fifth field is masked.
    package static let pgpassID = "syntax.pgpass"

    /// Names whose unquoted value runs to the end of the line: header values contain spaces
    /// (`Basic dXNl...`, `a=1; session=2`). Matched with `contains` on the normalised name.
    package static let lineValueWords: [String] = ["authorization", "cookie"]

    /// Values that say "no secret here": left alone so logs like MySQL's `(using password: YES)`
    /// and already-masked text stay unchanged (and redaction stays idempotent).
    package static let placeholderValues: Set<String> = [
        "***", "[redacted]", "[redacted private key]", "null", "nil", "none", "true", "false", "yes", "no", "(null)",
        "undefined", "<redacted>", "[hidden]", "[filtered]", "<hidden>", "-", "''", "\"\"", "required", "optional",
        // Format verbs and bind parameters: `password=%s`, `SET password=? WHERE ...`.
        "%s", "%v", "%+v", "%q", "%d", "?", "{}", "{0}", ":password", "$1",
    ]

    /// Words after `Bearer` or redis `AUTH` that make it prose (`Bearer token expired at ...`,
    /// `AUTH failed: WRONGPASS ...`), not a credential. Compared without a trailing `:` or `,`.
    package static let credentialProseWords: Set<String> = [
        "token", "tokens", "auth", "authentication", "authorization", "realm", "scheme", "header", "credentials",
        "credential", "is", "required", "missing", "invalid", "expired", "error", "failed", "failure", "ok", "denied",
        "succeeded", "successful",
    ]

    /// Authorization schemes kept visible in front of a masked credential.
    package static let authSchemes: Set<String> = [
        "basic", "bearer", "token", "digest", "negotiate", "ntlm", "bot", "apikey", "aws4-hmac-sha256", "hoba",
        "mutual", "dpop", "gitlab-ci-token",
    ]

    // MARK: - Directives: keyword, space, value

    package struct Directive: Sendable {
        package let id: String
        /// Words that must all be seen, in order, separated by spaces (case-insensitive; `*`
        /// is any one word, `$secret` any secret name).
        package let words: [String]
        /// Only when the value is quoted ('x' or "x").
        package let quotedOnly: Bool
        package let reason: String
    }

    /// Redis `AUTH [user] password`, as typed (`AUTH default x`) and as MONITOR prints it
    /// (`"AUTH" "x"`): upper case only (`auth failed` is prose), and everything after the word
    /// on the line goes, so the user name is masked with the password.
    package static let redisAuthWord = "AUTH"
    package static let redisAuthID = "directive.redis-auth"

    /// Redis ACL rules (`user default on >x ~* +@all`, ACL SETUSER): in a line whose first word
    /// (or the one after `ACL SETUSER`) is `user`, a word starting with `>` is a password.
    package static let redisACLID = "directive.redis-acl"

    /// `htpasswd -b[c...] file user password`: with `b` among the flags, the last word of the
    /// line is the password.
    package static let htpasswdBatchID = "flag.htpasswd-b"
    package static let directives: [Directive] = [
        .init(
            id: "directive.requirepass", words: ["requirepass"], quotedOnly: false,
            reason: "redis.conf/keydb.conf `requirepass x`, `--requirepass x`, `CONFIG SET requirepass x`"),
        .init(
            id: "directive.masterauth", words: ["masterauth"], quotedOnly: false,
            reason: "redis.conf/keydb.conf `masterauth x`"),
        .init(
            id: "directive.identified-by", words: ["identified", "by"], quotedOnly: true,
            reason: "SQL `CREATE USER ... IDENTIFIED BY 'x'`"),
        .init(
            id: "directive.identified-with-by", words: ["identified", "with", "*", "by"], quotedOnly: true,
            reason: "MySQL `IDENTIFIED WITH mysql_native_password BY 'x'` (`*` is any plugin name)"),
        .init(
            id: "directive.configure-set", words: ["configure", "set", "$secret"], quotedOnly: false,
            reason: "`aws configure set aws_secret_access_key x` (only for a secret name: `set region x` stays)"),
        .init(
            id: "directive.insecure-password", words: ["insecure_password"], quotedOnly: false,
            reason: "HAProxy userlist `user admin insecure-password x`"),
        .init(
            id: "directive.with-password", words: ["password"], quotedOnly: true,
            reason: "SQL `ALTER USER x WITH PASSWORD 'y'`, `password \"x\"` in conf files"),
    ]

    /// nginx-style directives that set a header: `proxy_set_header Authorization "Basic x";` masks
    /// the value when the header name looks secret.
    package static let headerDirectives: Set<String> = [
        "proxy_set_header", "add_header", "more_set_headers", "grpc_set_header", "uwsgi_param", "fastcgi_param",
        "header_up",
    ]

    // MARK: - Command-line flags

    package struct CommandFlag: Sendable {
        package let id: String
        /// A word that must appear earlier on the same line (the program).
        package let commands: Set<String>
        /// The flag, e.g. "-p".
        package let flag: String
        package let glued: Bool
        package let spaced: Bool
        /// The value is `user:password`: only the part after the first colon is masked.
        package let userColonPassword: Bool
        package let reason: String
        /// The value is `--flag=key=value`: everything after the second `=` is masked.
        package var keyEqualsValue = false
    }

    package static let commandFlags: [CommandFlag] = [
        .init(
            id: "flag.mysql-p",
            commands: [
                "mysql", "mariadb", "mysqldump", "mysqladmin", "mariadb-dump", "mysqlimport",
                "mysqlcheck", "mysqlsh", "mariadb-admin",
            ],
            flag: "-p", glued: true, spaced: false, userColonPassword: false,
            reason: "mysql -pX (a spaced -p prompts, and the next word is the database)"),
        .init(
            id: "flag.redis-cli-a", commands: ["redis-cli", "keydb-cli", "valkey-cli"], flag: "-a", glued: true, spaced: true,
            userColonPassword: false, reason: "redis-cli -a X"),
        .init(
            id: "flag.sshpass-p", commands: ["sshpass"], flag: "-p", glued: true, spaced: true, userColonPassword: false,
            reason: "sshpass -p X"),
        .init(
            id: "flag.login-p", commands: ["login"], flag: "-p", glued: false, spaced: true, userColonPassword: false,
            reason: "docker/podman/helm registry login -p X"),
        .init(
            id: "flag.mongo-p", commands: ["mongo", "mongosh", "mongodump", "mongorestore", "mongoexport", "mongoimport"],
            flag: "-p", glued: true, spaced: true, userColonPassword: false, reason: "mongosh -u u -p X"),
        .init(
            id: "flag.curl-u", commands: ["curl"], flag: "-u", glued: true, spaced: true, userColonPassword: true,
            reason: "curl -u user:X"),
        .init(
            id: "flag.curl-U", commands: ["curl"], flag: "-U", glued: true, spaced: true, userColonPassword: true,
            reason: "curl -U user:X (proxy user)"),
        .init(
            id: "flag.user", commands: [], flag: "--user", glued: false, spaced: true, userColonPassword: true,
            reason: "curl/wget --user user:X, --proxy-user"),
        .init(
            id: "flag.proxy-user", commands: [], flag: "--proxy-user", glued: false, spaced: true, userColonPassword: true,
            reason: "curl --proxy-user user:X"),
        .init(
            id: "flag.netrc-password", commands: ["machine"], flag: "password", glued: false, spaced: true,
            userColonPassword: false, reason: ".netrc `machine h login u password X`"),
        .init(
            id: "flag.openssl-passout", commands: ["openssl"], flag: "-passout", glued: false, spaced: true,
            userColonPassword: true, reason: "openssl -passout pass:X (env:/file: sources are masked too, harmlessly)"),
        .init(
            id: "flag.openssl-passin", commands: ["openssl"], flag: "-passin", glued: false, spaced: true,
            userColonPassword: true, reason: "openssl -passin pass:X"),
        .init(
            id: "flag.ssh-keygen-N", commands: ["ssh-keygen"], flag: "-N", glued: false, spaced: true,
            userColonPassword: false, reason: "ssh-keygen -N 'new passphrase'"),
        .init(
            id: "flag.ssh-keygen-P", commands: ["ssh-keygen"], flag: "-P", glued: false, spaced: true,
            userColonPassword: false, reason: "ssh-keygen -P 'old passphrase'"),
        .init(
            id: "flag.kubectl-from-literal", commands: ["secret"], flag: "--from-literal", glued: false, spaced: false,
            userColonPassword: false, reason: "kubectl create secret generic x --from-literal=key=value: every value is the secret",
            keyEqualsValue: true),
        .init(
            id: "flag.gh-secret-body", commands: ["secret"], flag: "--body", glued: false, spaced: true,
            userColonPassword: false, reason: "gh secret set NAME --body x"),
        .init(
            id: "flag.openssl-k", commands: ["openssl"], flag: "-k", glued: false, spaced: true,
            userColonPassword: false, reason: "openssl enc -k X (the password itself)"),
    ]

    /// `--name value` (spaced) where the flag's name looks secret: `--password X`, `--token X`,
    /// `--requirepass X`. `--name=value` is an ordinary assignment.
    package static let spacedSecretFlagID = "flag.long-spaced"

    // MARK: - Token formats

    package struct TokenFormat: Sendable {
        package let id: String
        package let prefix: String
        /// The characters of the body after the prefix.
        package let body: TokenAlphabet
        package let minBody: Int
        package let maxBody: Int
        /// Keep the prefix visible (`ghp_***`) so the reader knows what was there.
        package let keepPrefix: Bool
        package let reason: String
    }

    package enum TokenAlphabet: Sendable {
        case alnum
        case alnumUnderscore
        case alnumDash // A-Z a-z 0-9 _ -
        case upperAlnum
        case lowerHex
        case base64 // A-Z a-z 0-9 + / =
        case crypt // A-Z a-z 0-9 . / $ (crypt(3) and bcrypt)
        case sendgrid // A-Z a-z 0-9 _ - .
        case urlPath // A-Z a-z 0-9 _ - . /
        case phc // A-Z a-z 0-9 . / $ = , + - (PHC strings: $argon2id$v=19$m=...,t=3$salt$hash)
        case nonBlank // anything but blanks and line ends
    }

    package static let tokenFormats: [TokenFormat] = [
        .init(
            id: "token.github-ghp", prefix: "ghp_", body: .alnum, minBody: 30, maxBody: 255, keepPrefix: true, reason: "GitHub personal access token (classic)"),
        .init(id: "token.github-gho", prefix: "gho_", body: .alnum, minBody: 30, maxBody: 255, keepPrefix: true, reason: "GitHub OAuth token"),
        .init(id: "token.github-ghu", prefix: "ghu_", body: .alnum, minBody: 30, maxBody: 255, keepPrefix: true, reason: "GitHub user-to-server token"),
        .init(
            id: "token.github-ghs", prefix: "ghs_", body: .alnum, minBody: 30, maxBody: 255, keepPrefix: true,
            reason: "GitHub server-to-server (app installation) token"),
        .init(id: "token.github-ghr", prefix: "ghr_", body: .alnum, minBody: 30, maxBody: 255, keepPrefix: true, reason: "GitHub refresh token"),
        .init(
            id: "token.github-pat", prefix: "github_pat_", body: .alnumUnderscore, minBody: 40, maxBody: 255, keepPrefix: true,
            reason: "GitHub fine-grained personal access token"),
        .init(id: "token.gitlab-pat", prefix: "glpat-", body: .sendgrid, minBody: 20, maxBody: 255, keepPrefix: true, reason: "GitLab personal access token"),
        .init(id: "token.gitlab-deploy", prefix: "gldt-", body: .alnumDash, minBody: 20, maxBody: 255, keepPrefix: true, reason: "GitLab deploy token"),
        .init(id: "token.gitlab-runner", prefix: "glrt-", body: .alnumDash, minBody: 20, maxBody: 255, keepPrefix: true, reason: "GitLab runner token"),
        .init(id: "token.stripe-sk-live", prefix: "sk_live_", body: .alnum, minBody: 16, maxBody: 255, keepPrefix: true, reason: "Stripe live secret key"),
        .init(id: "token.stripe-rk-live", prefix: "rk_live_", body: .alnum, minBody: 16, maxBody: 255, keepPrefix: true, reason: "Stripe live restricted key"),
        .init(
            id: "token.stripe-sk-test", prefix: "sk_test_", body: .alnum, minBody: 16, maxBody: 255, keepPrefix: true,
            reason: "Stripe test secret key (still grants test-mode API access)"),
        .init(id: "token.stripe-rk-test", prefix: "rk_test_", body: .alnum, minBody: 16, maxBody: 255, keepPrefix: true, reason: "Stripe test restricted key"),
        .init(id: "token.stripe-whsec", prefix: "whsec_", body: .alnum, minBody: 24, maxBody: 255, keepPrefix: true, reason: "Stripe webhook signing secret"),
        .init(id: "token.slack-xoxb", prefix: "xoxb-", body: .alnumDash, minBody: 10, maxBody: 255, keepPrefix: true, reason: "Slack bot token"),
        .init(id: "token.slack-xoxp", prefix: "xoxp-", body: .alnumDash, minBody: 10, maxBody: 255, keepPrefix: true, reason: "Slack user token"),
        .init(id: "token.slack-xoxa", prefix: "xoxa-", body: .alnumDash, minBody: 10, maxBody: 255, keepPrefix: true, reason: "Slack app token (legacy)"),
        .init(id: "token.slack-xoxr", prefix: "xoxr-", body: .alnumDash, minBody: 10, maxBody: 255, keepPrefix: true, reason: "Slack refresh token"),
        .init(id: "token.slack-xoxs", prefix: "xoxs-", body: .alnumDash, minBody: 10, maxBody: 255, keepPrefix: true, reason: "Slack session token"),
        .init(
            id: "token.slack-xoxe", prefix: "xoxe-", body: .alnumDash, minBody: 10, maxBody: 255, keepPrefix: true,
            reason: "Slack token-rotation refresh token xoxe-1-..."),
        .init(id: "token.slack-xapp", prefix: "xapp-", body: .alnumDash, minBody: 10, maxBody: 255, keepPrefix: true, reason: "Slack app-level token"),
        .init(id: "token.aws-akia", prefix: "AKIA", body: .upperAlnum, minBody: 16, maxBody: 16, keepPrefix: true, reason: "AWS access key id (long-term)"),
        .init(id: "token.aws-asia", prefix: "ASIA", body: .upperAlnum, minBody: 16, maxBody: 16, keepPrefix: true, reason: "AWS access key id (temporary)"),
        .init(id: "token.google-aiza", prefix: "AIza", body: .alnumDash, minBody: 35, maxBody: 35, keepPrefix: true, reason: "Google API key"),
        .init(
            id: "token.google-oauth-secret", prefix: "GOCSPX-", body: .alnumDash, minBody: 20, maxBody: 64, keepPrefix: true,
            reason: "Google OAuth client secret"),
        .init(id: "token.npm", prefix: "npm_", body: .alnum, minBody: 30, maxBody: 64, keepPrefix: true, reason: "npm access token"),
        .init(id: "token.anthropic", prefix: "sk-ant-", body: .alnumDash, minBody: 20, maxBody: 255, keepPrefix: true, reason: "Anthropic API key"),
        .init(id: "token.openai", prefix: "sk-", body: .alnumDash, minBody: 20, maxBody: 255, keepPrefix: true, reason: "OpenAI API key (sk-..., sk-proj-...)"),
        .init(id: "token.sendgrid", prefix: "SG.", body: .sendgrid, minBody: 40, maxBody: 128, keepPrefix: true, reason: "SendGrid API key SG.<22>.<43>"),
        .init(
            id: "token.twilio", prefix: "SK", body: .lowerHex, minBody: 32, maxBody: 32, keepPrefix: true, reason: "Twilio API key SID (paired with its secret)"
        ),
        .init(
            id: "token.digitalocean-pat", prefix: "dop_v1_", body: .lowerHex, minBody: 64, maxBody: 64, keepPrefix: true,
            reason: "DigitalOcean personal access token"),
        .init(
            id: "token.digitalocean-oauth", prefix: "doo_v1_", body: .lowerHex, minBody: 64, maxBody: 64, keepPrefix: true, reason: "DigitalOcean OAuth token"),
        .init(
            id: "token.hashicorp-vault", prefix: "hvs.", body: .alnumDash, minBody: 24, maxBody: 255, keepPrefix: true, reason: "HashiCorp Vault service token"),
        .init(id: "token.huggingface", prefix: "hf_", body: .alnum, minBody: 30, maxBody: 64, keepPrefix: true, reason: "Hugging Face access token"),
        .init(id: "token.pypi", prefix: "pypi-", body: .alnumDash, minBody: 50, maxBody: 255, keepPrefix: true, reason: "PyPI upload token"),
        .init(id: "token.shopify", prefix: "shpat_", body: .alnum, minBody: 32, maxBody: 32, keepPrefix: true, reason: "Shopify admin access token"),
        .init(id: "token.doppler", prefix: "dp.pt.", body: .alnum, minBody: 40, maxBody: 64, keepPrefix: true, reason: "Doppler personal token"),
        .init(id: "token.age", prefix: "AGE-SECRET-KEY-1", body: .upperAlnum, minBody: 50, maxBody: 64, keepPrefix: true, reason: "age encryption secret key"),
        .init(
            id: "token.jwt", prefix: "eyJ", body: .alnumDash, minBody: 0, maxBody: 0, keepPrefix: false,
            reason: "JWT header.payload.signature (checked by its own rule)"),
        .init(
            id: "token.htpasswd-apr1", prefix: "$apr1$", body: .crypt, minBody: 20, maxBody: 128, keepPrefix: true,
            reason: "htpasswd (auth_basic_user_file) MD5 hash, crackable"),
        .init(
            id: "token.htpasswd-bcrypt", prefix: "$2y$", body: .crypt, minBody: 50, maxBody: 128, keepPrefix: true,
            reason: "bcrypt hash in htpasswd or a database dump, crackable"),
        .init(id: "token.bcrypt-2b", prefix: "$2b$", body: .crypt, minBody: 50, maxBody: 128, keepPrefix: true, reason: "bcrypt hash (2b)"),
        .init(id: "token.bcrypt-2a", prefix: "$2a$", body: .crypt, minBody: 50, maxBody: 128, keepPrefix: true, reason: "bcrypt hash (2a)"),
        .init(
            id: "token.argon2id", prefix: "$argon2id$", body: .phc, minBody: 20, maxBody: 512, keepPrefix: true,
            reason: "argon2id password hash, crackable offline"),
        .init(id: "token.argon2i", prefix: "$argon2i$", body: .phc, minBody: 20, maxBody: 512, keepPrefix: true, reason: "argon2i password hash"),
        .init(id: "token.argon2d", prefix: "$argon2d$", body: .phc, minBody: 20, maxBody: 512, keepPrefix: true, reason: "argon2d password hash"),
        .init(id: "token.scrypt", prefix: "$scrypt$", body: .phc, minBody: 20, maxBody: 512, keepPrefix: true, reason: "scrypt PHC password hash"),
        .init(
            id: "token.sha512-crypt", prefix: "$6$", body: .crypt, minBody: 40, maxBody: 160, keepPrefix: true,
            reason: "sha512-crypt hash (/etc/shadow, htpasswd -5)"),
        .init(id: "token.htpasswd-sha", prefix: "{SHA}", body: .base64, minBody: 27, maxBody: 28, keepPrefix: true, reason: "htpasswd SHA-1 hash, unsalted"),
        .init(
            id: "token.sanctum", prefix: "", body: .alnum, minBody: 40, maxBody: 80, keepPrefix: false,
            reason: "Laravel Sanctum/Coolify API token <id>|<40 chars> (checked by its own rule)"),
        .init(
            id: "token.basic-credential", prefix: "Basic ", body: .base64, minBody: 8, maxBody: 1024, keepPrefix: true,
            reason: "`Basic <base64 of user:password>` anywhere, when it decodes to text with a colon"),
        .init(
            id: "token.bearer", prefix: "Bearer ", body: .base64, minBody: 1, maxBody: 0, keepPrefix: true,
            reason: "`Bearer <credential>` anywhere (checked by its own rule)"),
        .init(
            id: "token.slack-webhook", prefix: "hooks.slack.com/services/", body: .urlPath, minBody: 20, maxBody: 255, keepPrefix: true,
            reason: "Slack incoming-webhook URL path is the credential"),
        .init(
            id: "token.discord-webhook", prefix: "discord.com/api/webhooks/", body: .urlPath, minBody: 20, maxBody: 255, keepPrefix: true,
            reason: "Discord webhook URL path is the credential"),
        .init(
            id: "token.discordapp-webhook", prefix: "discordapp.com/api/webhooks/", body: .urlPath, minBody: 20, maxBody: 255, keepPrefix: true,
            reason: "Discord webhook on the old domain"),
        .init(
            id: "token.gitlab-trigger", prefix: "glptt-", body: .alnumDash, minBody: 20, maxBody: 255, keepPrefix: true, reason: "GitLab pipeline trigger token"
        ),
        .init(id: "token.gitlab-feed", prefix: "glft-", body: .alnumDash, minBody: 20, maxBody: 255, keepPrefix: true, reason: "GitLab feed token"),
        .init(
            id: "token.gitlab-oauth-secret", prefix: "gloas-", body: .alnumDash, minBody: 20, maxBody: 255, keepPrefix: true,
            reason: "GitLab OAuth application secret"),
        .init(id: "token.gitlab-cicd-job", prefix: "glcbt-", body: .alnumDash, minBody: 20, maxBody: 255, keepPrefix: true, reason: "GitLab CI/CD job token"),
        .init(
            id: "token.gitlab-runner-registration", prefix: "GR1348941", body: .alnumDash, minBody: 20, maxBody: 255, keepPrefix: true,
            reason: "GitLab runner registration token"),
        .init(id: "token.atlassian", prefix: "ATATT3", body: .alnumDash, minBody: 40, maxBody: 400, keepPrefix: true, reason: "Atlassian API token"),
        .init(id: "token.bitbucket-app", prefix: "ATBB", body: .alnum, minBody: 28, maxBody: 64, keepPrefix: true, reason: "Bitbucket app password"),
        .init(
            id: "token.grafana-service-account", prefix: "glsa_", body: .alnumUnderscore, minBody: 32, maxBody: 64, keepPrefix: true,
            reason: "Grafana service-account token"),
        .init(id: "token.grafana-cloud", prefix: "glc_eyJ", body: .base64, minBody: 32, maxBody: 400, keepPrefix: true, reason: "Grafana Cloud API token"),
        .init(id: "token.newrelic-user", prefix: "NRAK-", body: .upperAlnum, minBody: 27, maxBody: 27, keepPrefix: true, reason: "New Relic user API key"),
        .init(id: "token.sentry-org", prefix: "sntrys_", body: .base64, minBody: 40, maxBody: 400, keepPrefix: true, reason: "Sentry organisation auth token"),
        .init(id: "token.sentry-user", prefix: "sntryu_", body: .lowerHex, minBody: 64, maxBody: 64, keepPrefix: true, reason: "Sentry user auth token"),
        .init(id: "token.postman", prefix: "PMAK-", body: .alnumDash, minBody: 40, maxBody: 80, keepPrefix: true, reason: "Postman API key"),
        .init(id: "token.linear", prefix: "lin_api_", body: .alnum, minBody: 32, maxBody: 64, keepPrefix: true, reason: "Linear API key"),
        .init(id: "token.notion", prefix: "ntn_", body: .alnum, minBody: 40, maxBody: 64, keepPrefix: true, reason: "Notion integration token"),
        .init(id: "token.supabase", prefix: "sbp_", body: .lowerHex, minBody: 40, maxBody: 40, keepPrefix: true, reason: "Supabase personal access token"),
        .init(id: "token.databricks", prefix: "dapi", body: .lowerHex, minBody: 32, maxBody: 32, keepPrefix: true, reason: "Databricks personal access token"),
        .init(id: "token.netlify", prefix: "nfp_", body: .alnum, minBody: 36, maxBody: 64, keepPrefix: true, reason: "Netlify personal access token"),
        .init(id: "token.fly", prefix: "fo1_", body: .alnumDash, minBody: 40, maxBody: 64, keepPrefix: true, reason: "Fly.io token"),
        .init(
            id: "token.doppler-service", prefix: "dp.st.", body: .alnumUnderscore, minBody: 40, maxBody: 80, keepPrefix: true, reason: "Doppler service token"),
        .init(id: "token.pulumi", prefix: "pul-", body: .lowerHex, minBody: 40, maxBody: 40, keepPrefix: true, reason: "Pulumi access token"),
        .init(id: "token.tailscale", prefix: "tskey-", body: .alnumDash, minBody: 30, maxBody: 128, keepPrefix: true, reason: "Tailscale auth/API key"),
        .init(
            id: "token.onepassword-service", prefix: "ops_eyJ", body: .alnumDash, minBody: 100, maxBody: 2048, keepPrefix: true,
            reason: "1Password service-account token"),
        .init(id: "token.buildkite", prefix: "bkua_", body: .lowerHex, minBody: 40, maxBody: 40, keepPrefix: true, reason: "Buildkite agent/user token"),
        .init(
            id: "token.circleci", prefix: "CCIPAT_", body: .alnumUnderscore, minBody: 30, maxBody: 128, keepPrefix: true, reason: "CircleCI personal API token"),
        .init(id: "token.figma", prefix: "figd_", body: .alnumDash, minBody: 30, maxBody: 128, keepPrefix: true, reason: "Figma personal access token"),
        .init(id: "token.replicate", prefix: "r8_", body: .alnum, minBody: 37, maxBody: 37, keepPrefix: true, reason: "Replicate API token"),
        .init(id: "token.groq", prefix: "gsk_", body: .alnum, minBody: 48, maxBody: 64, keepPrefix: true, reason: "Groq API key"),
        .init(id: "token.xai", prefix: "xai-", body: .alnum, minBody: 60, maxBody: 100, keepPrefix: true, reason: "xAI API key"),
        .init(id: "token.perplexity", prefix: "pplx-", body: .alnum, minBody: 40, maxBody: 64, keepPrefix: true, reason: "Perplexity API key"),
        .init(id: "token.square-access", prefix: "sq0atp-", body: .alnumDash, minBody: 22, maxBody: 64, keepPrefix: true, reason: "Square access token"),
        .init(id: "token.square-secret", prefix: "sq0csp-", body: .alnumDash, minBody: 40, maxBody: 64, keepPrefix: true, reason: "Square OAuth secret"),
        .init(id: "token.shopify-shared-secret", prefix: "shpss_", body: .alnum, minBody: 32, maxBody: 32, keepPrefix: true, reason: "Shopify shared secret"),
        .init(id: "token.shopify-custom-app", prefix: "shpca_", body: .alnum, minBody: 32, maxBody: 32, keepPrefix: true, reason: "Shopify custom-app token"),
        .init(id: "token.mailgun", prefix: "key-", body: .lowerHex, minBody: 32, maxBody: 32, keepPrefix: true, reason: "Mailgun API key"),
        .init(
            id: "token.mapbox-secret", prefix: "sk.eyJ", body: .sendgrid, minBody: 60, maxBody: 400, keepPrefix: true, reason: "Mapbox secret token (sk.eyJ...)"
        ),
        .init(
            id: "token.digitalocean-refresh", prefix: "dor_v1_", body: .lowerHex, minBody: 64, maxBody: 64, keepPrefix: true,
            reason: "DigitalOcean refresh token"),
        .init(id: "token.vault-batch", prefix: "hvb.", body: .alnumDash, minBody: 24, maxBody: 400, keepPrefix: true, reason: "HashiCorp Vault batch token"),
        .init(
            id: "token.vault-recovery", prefix: "hvr.", body: .alnumDash, minBody: 24, maxBody: 400, keepPrefix: true, reason: "HashiCorp Vault recovery token"),
        .init(
            id: "token.gh-add-mask", prefix: "::add-mask::", body: .nonBlank, minBody: 1, maxBody: 4096, keepPrefix: true,
            reason: "GitHub Actions `::add-mask::x` names the secret it hides"),
        .init(
            id: "token.okta-ssws", prefix: "SSWS ", body: .alnumDash, minBody: 10, maxBody: 255, keepPrefix: true,
            reason: "Okta API token in `Authorization: SSWS x` (any header name)"),
        .init(
            id: "token.base64-private-key", prefix: "LS0tLS1CRUdJTi", body: .base64, minBody: 20, maxBody: 1_000_000, keepPrefix: false,
            reason: "base64 of a PEM private key (Kubernetes Secret `tls.key:`), when it decodes to a private-key header"),
        .init(
            id: "token.telegram-bot", prefix: "", body: .alnumDash, minBody: 0, maxBody: 0, keepPrefix: false,
            reason: "Telegram bot token <digits>:AA<33> (checked by its own rule)"),
    ]

    // MARK: - Key blocks

    /// `-----BEGIN <label>-----` where the label ends with one of these starts a key block.
    package static let keyBlockLabelEndings: [String] = ["PRIVATE KEY", "PRIVATE KEY BLOCK", "SECRET KEY BLOCK"]

    /// PuTTY .ppk files: the base64 lines after `Private-Lines: N` are the private key.
    package static let puttyPrivateLinesHeader = "Private-Lines:"
    package static let puttyPrivateLinesID = "keyblock.putty"

    // MARK: - Assignment syntaxes (grammar cases the corpus must cover)

    package struct Syntax: Sendable {
        package let id: String
        package let example: String
    }

    package static let syntaxes: [Syntax] = [
        .init(id: "syntax.env", example: "DB_PASSWORD=x"),
        .init(id: "syntax.shell-export", example: "export API_TOKEN=\"x\" / export K = v"),
        .init(id: "syntax.ini", example: "password = x (my.cnf, .pypirc, aws credentials)"),
        .init(id: "syntax.toml", example: "password = \"x\""),
        .init(id: "syntax.yaml", example: "password: x"),
        .init(id: "syntax.json", example: "\"password\": \"x\""),
        .init(id: "syntax.json-escaped", example: "\\\"password\\\":\\\"x\\\" (JSON inside a JSON string)"),
        .init(id: "syntax.python-repr", example: "{'password': 'x'}"),
        .init(id: "syntax.hcl", example: "password = \"x\""),
        .init(id: "syntax.php-arrow", example: "'password' => 'x'"),
        .init(id: "syntax.xml", example: "<password>x</password>"),
        .init(id: "syntax.header", example: "Authorization: Basic x / x-api-key: x"),
        .init(id: "syntax.query", example: "?token=x&"),
        .init(id: "syntax.url-credentials", example: "scheme://user:x@host"),
        .init(id: "syntax.nginx-header", example: "proxy_set_header X-Api-Key x;"),
        .init(id: "syntax.semicolon-directive", example: "secret_key x; (nginx-style line)"),
        .init(id: "syntax.key-block", example: "-----BEGIN ... PRIVATE KEY----- body"),
    ]

    // MARK: - Base64 configuration fields

    /// Fields Coolify returns base64-encoded (its OpenAPI description says so, or its models store
    /// them so). The sanitizer decodes every string that is wholly base64 of text, whatever its
    /// field, so this list is where a test checks it, not a switch in the code.
    package static let base64ConfigurationFields: Set<String> = [
        "custom_nginx_configuration", "docker_compose_raw", "docker_compose", "configuration", "custom_labels",
        "dockerfile", "docker_compose_pr_raw",
    ]
}
