"""scripts/bench [--json | --markdown]: speed, memory and bytes of coolify-mcp, each figure the median of repeated
runs, against a fake Coolify over TLS on 127.0.0.1, and as ratios to floors measured in the
same run (node echoing a line, curl over a kept-alive connection, bfd50e5's redactor kept in
BenchRedaction). No assertions: numbers."""

import io
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "EndToEnd"))
from fake_coolify import FakeCoolify, make_ca  # noqa: E402

BINARY = os.environ["COOLIFY_MCP_BIN"]
TOKEN = "7|benchbenchbenchbenchbenchbenchbenchbench"

# Fields a real Coolify application carries (names from Coolify's API description), so the raw
# list bytes are realistic and the summary ratio means something.
APPLICATION_FIELDS = [
    "repository_project_id", "config_hash", "git_commit_sha", "git_full_url", "docker_registry_image_name",
    "docker_registry_image_tag", "build_pack", "static_image", "install_command", "build_command", "start_command",
    "ports_exposes", "ports_mappings", "base_directory", "publish_directory", "health_check_enabled",
    "health_check_path", "health_check_port", "health_check_host", "health_check_method", "health_check_return_code",
    "health_check_scheme", "health_check_response_text", "health_check_interval", "health_check_timeout",
    "health_check_retries", "health_check_start_period", "limits_memory", "limits_memory_swap",
    "limits_memory_swappiness", "limits_memory_reservation", "limits_cpus", "limits_cpuset", "limits_cpu_shares",
    "preview_url_template", "destination_type", "destination_id", "source_id", "private_key_id", "environment_id",
    "dockerfile_location", "dockerfile_target_build", "docker_compose_location", "docker_compose_domains",
    "swarm_replicas", "swarm_placement_constraints", "custom_docker_run_options", "post_deployment_command",
    "pre_deployment_command", "watch_paths", "redirect", "updated_at", "compose_parsing_version",
    "custom_nginx_configuration", "http_basic_auth_username",
]

# Columns a Coolify database row carries (names from the database update operation's body in
# Coolify's API description; passwords left out, the fake plants its own).
DATABASE_FIELDS = [
    "name", "description", "image", "is_public", "public_port", "public_port_timeout", "limits_memory",
    "limits_memory_swap", "limits_memory_swappiness", "limits_memory_reservation", "limits_cpus",
    "limits_cpuset", "limits_cpu_shares", "postgres_user", "postgres_db", "postgres_initdb_args",
    "postgres_host_auth_method", "postgres_conf", "clickhouse_admin_user", "redis_conf", "keydb_conf",
    "mariadb_conf", "mariadb_user", "mariadb_database", "mongo_conf", "mongo_initdb_root_username",
    "mongo_initdb_database", "mysql_user", "mysql_database", "mysql_conf", "health_check_enabled",
    "health_check_interval", "health_check_timeout", "health_check_retries", "health_check_start_period",
]

# The settings object every Coolify server carries (names from Coolify's API description).
SERVER_SETTING_FIELDS = [
    "id", "concurrent_builds", "deployment_queue_limit", "dynamic_timeout", "force_disabled",
    "force_server_cleanup", "is_build_server", "is_cloudflare_tunnel", "is_jump_server",
    "is_logdrain_axiom_enabled", "is_logdrain_custom_enabled", "is_logdrain_highlight_enabled",
    "is_logdrain_newrelic_enabled", "is_metrics_enabled", "is_reachable", "is_sentinel_enabled",
    "is_swarm_manager", "is_swarm_worker", "is_terminal_enabled", "is_usable", "logdrain_axiom_api_key",
    "logdrain_axiom_dataset_name", "logdrain_custom_config", "logdrain_custom_config_parser",
    "logdrain_highlight_project_id", "logdrain_newrelic_base_uri", "logdrain_newrelic_license_key",
    "sentinel_metrics_history_days", "sentinel_metrics_refresh_rate_seconds", "sentinel_token",
    "docker_cleanup_frequency", "docker_cleanup_threshold", "server_id", "wildcard_domain", "created_at",
    "updated_at", "delete_unused_volumes", "delete_unused_networks", "connection_timeout",
]


class Session:
    def __init__(self, env, args=(), binary=None):
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([binary or BINARY, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env, bufsize=0)
        # Buffered: readline on the raw pipe reads one byte per syscall, which cost this side
        # about a millisecond for the 1.4 KB initialize answer (and more on larger answers).
        self.stdout = io.BufferedReader(self.proc.stdout)
        self.next_id = 1

    def send(self, message):
        self.proc.stdin.write((json.dumps(message) + "\n").encode())

    def call(self, method, params=None):
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.next_id += 1
        self.send(message)
        return json.loads(self.stdout.readline())

    def rss_kib(self, field="VmRSS"):
        for line in open(f"/proc/{self.proc.pid}/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1])
        return 0

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


INIT = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}
META = {"_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}}


def median_ms(samples):
    return round(statistics.median(samples) * 1000, 3)


def startup(env, args=(), method="initialize", runs=30, binary=None):
    samples = []
    for _ in range(runs):
        session = Session(env, args, binary)
        session.call(method, INIT if method == "initialize" else META)
        samples.append(time.perf_counter() - session.started)
        session.close()
    return median_ms(samples)


def node_echo(runs=30):
    node = shutil.which("node")
    if not node:
        return None
    script = "require('readline').createInterface({input:process.stdin}).on('line',l=>{process.stdout.write(l+'\\n');process.exit(0)})"
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen([node, "-e", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        proc.stdin.write(b'{"jsonrpc":"2.0","id":1,"method":"ping"}\n')
        proc.stdout.readline()
        samples.append(time.perf_counter() - started)
        proc.wait()
    return median_ms(samples)


def per_call(env, args=(), calls=300, rounds=3, binary=None):
    medians = []
    for _ in range(rounds):
        session = Session(env, args, binary)
        session.call("initialize", INIT)
        for _ in range(20):
            session.call("tools/call", {"name": "get_version"})
        samples = []
        for _ in range(calls):
            started = time.perf_counter()
            session.call("tools/call", {"name": "get_version"})
            samples.append(time.perf_counter() - started)
        session.close()
        medians.append(statistics.median(samples))
    return round(statistics.median(medians) * 1000, 3)


def curl_per_call(fake, ca, rounds=5, urls=301):
    curl = shutil.which("curl")
    if not curl:
        return None
    def run(count):
        started = time.perf_counter()
        subprocess.run([curl, "-s", "--cacert", ca, "-H", f"Authorization: Bearer {TOKEN}",
                        *([fake.base_url + "/api/v1/version"] * count)], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started
    samples = [(run(urls) - run(1)) / (urls - 1) for _ in range(rounds)]
    return median_ms(samples)


def memory(env, calls=1000):
    session = Session(env)
    session.call("initialize", INIT)
    after = {}
    for number in range(1, calls + 1):
        session.call("tools/call", {"name": "get_version"})
        if number in (1, 100, calls):
            after[number] = session.rss_kib()
    peak = session.rss_kib("VmHWM")
    session.close()
    return {"rss_after_1_mib": round(after[1] / 1024, 1), "rss_after_100_mib": round(after[100] / 1024, 1),
            f"rss_after_{calls}_mib": round(after[calls] / 1024, 1), "peak_rss_mib": round(peak / 1024, 1)}


def concurrency(env, fake, calls=1000, window=64):
    fake.delays["/api/v1/version"] = 0.05
    session = Session(env)
    session.call("initialize", INIT)
    sent = {}
    latencies, pings = [], []
    done = threading.Event()
    lock = threading.Condition()
    outstanding = [0]

    def reader():
        while True:
            line = session.stdout.readline()
            if not line:
                break
            message = json.loads(line)
            now = time.perf_counter()
            ident = message.get("id")
            with lock:
                started = sent.pop(ident, None)
                if isinstance(ident, str) and ident.startswith("ping"):
                    pings.append(now - started)
                elif started is not None:
                    latencies.append(now - started)
                    outstanding[0] -= 1
                    lock.notify_all()
                if len(latencies) == calls:
                    done.set()

    threading.Thread(target=reader, daemon=True).start()
    started = time.perf_counter()
    next_ping = started
    for number in range(calls):
        with lock:
            while outstanding[0] >= window:
                lock.wait(timeout=1)
            outstanding[0] += 1
            sent[number] = time.perf_counter()
        session.send({"jsonrpc": "2.0", "id": number, "method": "tools/call", "params": {"name": "get_version"}})
        if time.perf_counter() >= next_ping:
            ping_id = f"ping{number}"
            with lock:
                sent[ping_id] = time.perf_counter()
            session.send({"jsonrpc": "2.0", "id": ping_id, "method": "ping"})
            next_ping += 0.05
    done.wait(timeout=120)
    elapsed = time.perf_counter() - started
    session.close()
    fake.delays.clear()
    return {"calls_per_second": round(calls / elapsed, 1), "call_latency_median_ms": median_ms(latencies),
            "ping_during_load_median_ms": median_ms(pings), "ping_during_load_max_ms": round(max(pings) * 1000, 3),
            "pings": len(pings)}


def redaction_cost():
    """Today's redaction against bfd50e5's on a 14 MB log and a 500-application list, in one
    process (BenchRedaction keeps a copy of bfd50e5's redactor and sanitizer)."""
    done = subprocess.run([os.environ["BENCH_REDACTION_BIN"]], capture_output=True, text=True, timeout=600, check=True)
    return {f"redaction_{key}": value for key, value in json.loads(done.stdout).items()}


def big_log(megabytes=14):
    """A container log of ordinary lines with a secret every fifty, `megabytes` long."""
    ordinary = ["2026-01-01T00:00:07.512000000Z GET /healthz 200 1.2ms",
                "[2025-10-10 14:01:00] production.INFO: User logged in {\"user_id\":42}",
                "    at authenticate (/app/src/middleware/auth.js:18:22)",
                "Attempt 2 of 10 | Healthcheck status: \"healthy\""]
    secret = "DB_PASSWORD=planted-bench-password-0001"
    lines, size = [], 0
    while size < megabytes * 1_000_000:
        line = secret if len(lines) % 50 == 49 else ordinary[len(lines) % len(ordinary)]
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def ping_during_log_redaction(env, fake):
    """`ping` round trips while the server fetches, frames and redacts a 14 MB container log."""
    import fake_estate
    log = big_log()
    original = fake_estate.runtime_logs
    fake_estate.runtime_logs = lambda name, authorization: log
    session = Session(env)
    session.call("initialize", INIT)
    pings, result = [], {}

    def reader():
        while True:
            line = session.stdout.readline()
            if not line:
                break
            message = json.loads(line)
            if message.get("id") == "logs":
                result["at"] = time.perf_counter()
                result["bytes"] = len(line)
            elif isinstance(message.get("id"), str) and message["id"] in sent:
                pings.append(time.perf_counter() - sent[message["id"]])

    sent = {}
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    started = time.perf_counter()
    session.send({"jsonrpc": "2.0", "id": "logs", "method": "tools/call",
                  "params": {"name": "logs", "arguments": {"resource": "application", "uuid": "app0000uuid"}}})
    number = 0
    while "at" not in result and time.perf_counter() - started < 120:
        ident = f"p{number}"
        sent[ident] = time.perf_counter()
        session.send({"jsonrpc": "2.0", "id": ident, "method": "ping"})
        number += 1
        time.sleep(0.02)
    call_ms = round((result.get("at", time.perf_counter()) - started) * 1000, 1)
    session.close()
    fake_estate.runtime_logs = original
    return {"log_14mb_call_ms": call_ms, "log_14mb_answer_bytes": result.get("bytes"),
            "ping_during_log_redaction_median_ms": median_ms(pings) if pings else None,
            "ping_during_log_redaction_max_ms": round(max(pings) * 1000, 3) if pings else None,
            "pings_during_log_redaction": len(pings)}


# Each list tool: (tool, arguments, the API path whose raw answer it summarises, items to seed).
LIST_TOOLS = [
    ("list_applications", {}, "/applications", None),
    ("list_servers", {}, "/servers", 20),
    ("list_databases", {}, "/databases", 150),
    ("list_services", {}, "/services", 80),
    ("list_deployments", {}, "/deployments", 40),
    ("projects", {"action": "list"}, "/projects", 30),
    ("private_keys", {"action": "list"}, "/security/keys", 20),
    ("github_apps", {"action": "list"}, "/github-apps", 5),
    ("gitlab_apps", {"action": "list"}, "/gitlab-apps", 5),
    ("system", {"action": "list_resources"}, "/resources", None),
]


def scaled(items, count):
    """`count` copies of the seeded items, each with its own uuid and name."""
    out = []
    for index in range(count):
        item = json.loads(json.dumps(items[index % len(items)]))
        if "uuid" in item:
            item["uuid"] = f"{item['uuid'][:6]}{index:05d}scaled"
        if isinstance(item.get("id"), int):
            item["id"] = 1000 + index
        if "name" in item:
            item["name"] = f"{item['name']}-{index}"
        out.append(item)
    return out


def list_tools_report(session, fake):
    """Every list tool's default page against the raw bytes of the API answer it summarises, on
    an estate of 500 applications with databases, services and servers in proportion."""
    router = fake.estate_router
    router.collections["servers"][:] = scaled(router.collections["servers"], 20)
    for index, server in enumerate(router.collections["servers"]):
        for field in SERVER_SETTING_FIELDS:
            server["settings"].setdefault(field, f"{field}-{index}" if index % 2 else None)
    router.collections["databases"][:] = scaled(router.collections["databases"], 150)
    for index, database in enumerate(router.collections["databases"]):
        for field in DATABASE_FIELDS:
            database.setdefault(field, f"{field}-{index}" if index % 2 else None)
    router.collections["services"][:] = scaled(router.collections["services"], 80)
    router.projects[:] = scaled(router.projects, 30)
    router.private_keys[:] = scaled(router.private_keys, 20)
    router.github_apps[:] = scaled(router.github_apps, 5)
    router.gitlab_apps[:] = scaled(router.gitlab_apps, 5)
    router.deployments[:] = scaled(router.deployments, 40)
    report = {}
    for tool, arguments, path, _ in LIST_TOOLS:
        _, _, raw = fake.route("GET", "/api/v1" + path, b"", {"method": "GET", "path": "/api/v1" + path, "query": "", "headers": {}, "body": b""})
        reply = session.call("tools/call", {"name": tool, "arguments": arguments})
        answer = len(json.dumps(reply["result"]["structuredContent"], separators=(",", ":")).encode())
        report[tool] = {"raw_bytes": len(raw), "result_bytes": answer, "percent": round(100 * answer / max(1, len(raw)), 2),
                        "items": reply["result"]["structuredContent"].get("total")}
    return report


def bytes_report(env, fake):
    session = Session(env)
    session.call("initialize", INIT)
    tools = session.call("tools/list")
    list_bytes = len(json.dumps(tools["result"], separators=(",", ":")))
    fake.estate["applications"] = []
    for index in range(500):
        app = {"id": index, "uuid": f"app{index:05d}uuidxxxxxx", "name": f"service-{index}", "description": "production service",
               "fqdn": f"https://service-{index}.example.com", "status": "running:healthy",
               "git_repository": f"acme/service-{index}", "git_branch": "main", "created_at": "2026-01-01T00:00:00.000000Z"}
        for field in APPLICATION_FIELDS:
            app[field] = f"{field}-value-{index}" if index % 2 else None
        fake.estate["applications"].append(app)
    raw = len(json.dumps(fake.estate["applications"]).encode())
    page = session.call("tools/call", {"name": "list_applications"})
    page_bytes = len(json.dumps(page["result"]["structuredContent"], separators=(",", ":")).encode())
    full = session.call("tools/call", {"name": "list_applications", "arguments": {"per_page": 200}})
    full_bytes = len(json.dumps(full["result"]["structuredContent"], separators=(",", ":")).encode())
    lists = list_tools_report(session, fake)
    session.close()
    return {"tools_list_bytes": list_bytes, "applications_raw_api_bytes_500": raw, "list_tools": lists,
            "list_applications_page_bytes": page_bytes, "list_applications_page_percent_of_raw": round(100 * page_bytes / raw, 2),
            "list_applications_200_bytes": full_bytes, "list_applications_200_percent_of_raw": round(100 * full_bytes / raw, 2)}


def markdown(r):
    """The README's Performance table: what was measured, the figure, the floor beside it."""
    rows = [
        ("Spawn to `initialize` answered", f"{r['startup_initialize_ms']} ms",
         f"node echoing one line: {r['node_echo_one_line_ms']} ms (ratio {r['ratio_startup_vs_node_echo']})"),
        ("Spawn to `server/discover` answered", f"{r['startup_discover_ms']} ms", ""),
        ("`tools/call get_version` round trip", f"{r['per_call_ms']} ms",
         f"curl GET, kept-alive TLS: {r['curl_per_call_ms']} ms (ratio {r['ratio_per_call_vs_curl']})"),
        ("Sandbox cost, startup / per call", f"{r['ratio_startup_sandbox_vs_none']} / {r['ratio_per_call_sandbox_vs_none']}",
         f"without sandbox: {r['startup_initialize_no_sandbox_ms']} ms / {r['per_call_no_sandbox_ms']} ms"),
        ("RSS after call 1 / 100 / 1,000; peak", f"{r['rss_after_1_mib']} / {r['rss_after_100_mib']} / {r['rss_after_1000_mib']}; {r['peak_rss_mib']} MiB", ""),
        ("1,000 calls, 64 in flight, Coolify answering in 50 ms", f"{r['calls_per_second']} calls/s",
         "8 concurrent requests to Coolify by design"),
        ("`ping` latency during that load, median / max", f"{r['ping_during_load_median_ms']} / {r['ping_during_load_max_ms']} ms", ""),
        ("Redaction of a 14 MB log vs bfd50e5's", f"{r['redaction_log_redact_ms']} ms (ratio {r['redaction_log_ratio_vs_bfd50e5']})",
         f"bfd50e5: {r['redaction_log_redact_bfd50e5_ms']} ms"),
        ("Sanitizing a 500-application list vs bfd50e5's", f"{r['redaction_list_sanitize_ms']} ms (ratio {r['redaction_list_ratio_vs_bfd50e5']})",
         f"bfd50e5: {r['redaction_list_sanitize_bfd50e5_ms']} ms"),
        ("`ping` latency while a 14 MB log is redacted, median / max", f"{r['ping_during_log_redaction_median_ms']} / {r['ping_during_log_redaction_max_ms']} ms",
         f"the `logs` call: {r['log_14mb_call_ms']} ms, {r['pings_during_log_redaction']} pings"),
        ("`tools/list` answer", f"{r['tools_list_bytes']} bytes", ""),
        ("`list_applications` page vs raw API, 500 applications", f"{r['list_applications_page_bytes']} bytes ({r['list_applications_page_percent_of_raw']} %)",
         f"raw: {r['applications_raw_api_bytes_500']} bytes; per_page 200: {r['list_applications_200_percent_of_raw']} %"),
    ]
    for tool, figures in r.get("list_tools", {}).items():
        rows.append((f"`{tool}` default answer vs raw API", f"{figures['result_bytes']} bytes ({figures['percent']} %)",
                     f"raw: {figures['raw_bytes']} bytes, {figures['items']} items"))
    lines = ["| Measure | Figure | Floor or context |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def against_baseline(env, baseline, rounds=3):
    """This build against another (COOLIFY_MCP_BASELINE: an earlier release binary), measured
    alternately in the same run, so the ratio holds while the machine's speed drifts."""
    pairs = {"startup": [], "per_call": []}
    for _ in range(rounds):
        for name, measure in (("startup", lambda b: startup(env, runs=10, binary=b)),
                              ("per_call", lambda b: per_call(env, calls=200, rounds=1, binary=b))):
            pairs[name].append((measure(None), measure(baseline)))
    result = {}
    for name, samples in pairs.items():
        result[f"{name}_ms_this_build"] = round(statistics.median(a for a, _ in samples), 3)
        result[f"{name}_ms_baseline"] = round(statistics.median(b for _, b in samples), 3)
        result[f"ratio_{name}_vs_baseline"] = round(statistics.median(a / b for a, b in samples if b), 3)
    return result


def main():
    as_json = "--json" in sys.argv
    with tempfile.TemporaryDirectory() as directory:
        paths = make_ca(pathlib.Path(directory))
        fake = FakeCoolify(paths).start()
        env = {"PATH": "/usr/bin:/bin", "COOLIFY_BASE_URL": fake.base_url, "COOLIFY_ACCESS_TOKEN": TOKEN,
               "COOLIFY_CA_FILE": str(paths["ca"])}
        off = ["--unsafe-no-sandbox"]
        results = {}
        results["startup_initialize_ms"] = startup(env)
        results["startup_initialize_no_sandbox_ms"] = startup(env, off)
        results["startup_discover_ms"] = startup(env, method="server/discover")
        results["node_echo_one_line_ms"] = node_echo()
        results["per_call_ms"] = per_call(env)
        results["per_call_no_sandbox_ms"] = per_call(env, off)
        results["curl_per_call_ms"] = curl_per_call(fake, str(paths["ca"]))
        results.update(memory(env))
        results.update(concurrency(env, fake))
        results.update(ping_during_log_redaction(env, fake))
        results.update(bytes_report(env, fake))
        if os.environ.get("COOLIFY_MCP_BASELINE"):
            results.update(against_baseline(env, os.environ["COOLIFY_MCP_BASELINE"]))
        fake.stop()
    results.update(redaction_cost())
    ratio = lambda a, b: round(a / b, 3) if a and b else None
    results["ratio_startup_sandbox_vs_none"] = ratio(results["startup_initialize_ms"], results["startup_initialize_no_sandbox_ms"])
    results["ratio_per_call_sandbox_vs_none"] = ratio(results["per_call_ms"], results["per_call_no_sandbox_ms"])
    results["ratio_startup_vs_node_echo"] = ratio(results["startup_initialize_ms"], results["node_echo_one_line_ms"])
    results["ratio_per_call_vs_curl"] = ratio(results["per_call_ms"], results["curl_per_call_ms"])
    if as_json:
        print(json.dumps(results, indent=2))
        return
    if "--markdown" in sys.argv:
        print(markdown(results))
        return
    width = max(len(key) for key in results)
    print(f"{'measure'.ljust(width)}  value")
    for key, value in results.items():
        print(f"{key.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
