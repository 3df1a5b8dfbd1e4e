// BenchRedaction: the cost of today's redaction against bfd50e5's (Baseline.swift), in one
// process, on the same inputs: a 14 MB container log, and a list page (500 applications as
// Coolify lists them) through the whole sanitizer. Prints one JSON object; scripts/bench reads
// it. Medians of repeated runs; no assertions.

import Dispatch
import JSON
import MCPWire
import Redaction
import Coolify

func medianSeconds(runs: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    samples.sort()
    return samples[samples.count / 2]
}

/// Ordinary log lines with a secret every fifty lines, repeated to `bytes`.
func containerLog(bytes: Int) -> String {
    let ordinary = [
        "2026-01-01T00:00:07.512000000Z GET /healthz 200 1.2ms",
        "172.18.0.1 - - [10/Oct/2025:13:55:36 +0000] \"GET /api/v1/users?page=2&per_page=50 HTTP/1.1\" 200 6123 \"-\" \"Mozilla/5.0\"",
        "[2025-10-10 14:01:00] production.INFO: User logged in {\"user_id\":42,\"ip\":\"203.0.113.5\"}",
        "    at authenticate (/app/src/middleware/auth.js:18:22)",
        "#8 38.91 added 1284 packages in 38s",
        "2025-10-10 14:00:01.123  INFO 1 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port(s): 8080 (http)",
        "Attempt 2 of 10 | Healthcheck status: \"healthy\"",
    ]
    let secrets = [
        "DB_PASSWORD=hunter2hunter2", "Authorization: Basic YWRtaW46czNjcjN0", "connecting to postgres://app:pw1234567@db:5432/app",
        "requirepass Kd8vQ2mZx7Lp", "token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    ]
    var lines: [String] = []
    var size = 0
    var index = 0
    while size < bytes {
        let line = index % 50 == 49 ? secrets[(index / 50) % secrets.count] : ordinary[index % ordinary.count]
        lines.append(line)
        size += line.utf8.count + 1
        index += 1
    }
    return lines.joined(separator: "\n")
}

/// 500 applications with the fields Coolify returns, half of them filled.
func applicationList() -> JSONValue {
    let fields = [
        "repository_project_id", "config_hash", "git_commit_sha", "git_full_url", "docker_registry_image_name",
        "build_pack", "install_command", "build_command", "start_command", "ports_exposes", "base_directory",
        "health_check_path", "health_check_host", "limits_memory", "limits_cpus", "preview_url_template",
        "dockerfile_location", "docker_compose_location", "custom_docker_run_options", "post_deployment_command",
        "pre_deployment_command", "watch_paths", "redirect", "custom_nginx_configuration", "http_basic_auth_username",
        "description", "fqdn", "status", "git_repository", "git_branch",
    ]
    var items: [JSONValue] = []
    for index in 0..<500 {
        var app = JSONObject()
        app["id"] = .number(JSONNumber(text: String(index))!)
        app["uuid"] = .string("app\(index)uuidxxxxxx")
        app["name"] = .string("service-\(index)")
        for field in fields { app[field] = index % 2 == 1 ? .string("\(field)-value-\(index)") : .null }
        app["http_basic_auth_password"] = .string("basic-auth-password-\(index)")
        app["manual_webhook_secret_github"] = .string("webhook-secret-\(index)")
        app["environment_variables"] = .array([.object(["key": "DATABASE_URL", "value": .string("postgres://u:p\(index)@db/x")])])
        items.append(.object(app))
    }
    return .array(items)
}

// Optional argument: the log's size in megabytes (default 14), for profiling smaller runs.
let megabytes = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 14
let log = containerLog(bytes: megabytes * 1_000_000)
let list = applicationList()
let current = TextRedactor()
let baseline = BaselineTextRedactor()
let sanitizer = Sanitizer(fields: CoolifyFieldRules())
let baselineSanitizer = BaselineSanitizer()

// Warm up both (first-touch allocations), then measure.
_ = current.redact(String(log.prefix(100_000)))
_ = baseline.redact(String(log.prefix(100_000)))
let logCurrent = medianSeconds(runs: 3) { _ = current.redact(log) }
let logBaseline = medianSeconds(runs: 3) { _ = baseline.redact(log) }
let listCurrent = medianSeconds(runs: 15) { _ = sanitizer.sanitize(list, reveal: false) }
let listBaseline = medianSeconds(runs: 15) { _ = baselineSanitizer.sanitize(list, reveal: false) }

func rounded(_ value: Double, _ places: Double) -> String { "\((value * places).rounded() / places)" }
func milliseconds(_ seconds: Double) -> String { rounded(seconds * 1000, 10) }
func ratio(_ a: Double, _ b: Double) -> String { rounded(a / b, 100) }
print(
    """
    {"log_bytes": \(log.utf8.count), "log_redact_ms": \(milliseconds(logCurrent)), "log_redact_bfd50e5_ms": \(milliseconds(logBaseline)), \
    "log_ratio_vs_bfd50e5": \(ratio(logCurrent, logBaseline)), \
    "list_page_items": 500, "list_sanitize_ms": \(milliseconds(listCurrent)), "list_sanitize_bfd50e5_ms": \(milliseconds(listBaseline)), \
    "list_ratio_vs_bfd50e5": \(ratio(listCurrent, listBaseline))}
    """)
