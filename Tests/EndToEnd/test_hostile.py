"""Hostile peers, end to end: a Coolify (or something in its place) that stalls, truncates,
lies about lengths, presents bad certificates, floods, nests and echoes the token; and a
client that floods, cancels in races, sends monsters and closes stdout under the server.

Every case checks the same four things: the server is still up afterwards (a ping is
answered), the failure is a tool error with a readable sentence, nothing leaks (the token and
the planted secrets are absent from stdout and stderr), and, where memory matters, the
resident set stays bounded."""

import os
import collections
import json
import queue
import random
import threading
import time

import pytest

import hostile_peers as hp
from conftest import BINARY
from fake_coolify import PLANTED

MiB = hp.MiB
# Under AddressSanitizer, shadow memory and the free quarantine multiply RSS; the bound scales.
RSS_LIMIT_KIB = (1024 if os.environ.get("COOLIFY_MCP_SANITIZER") else 200) * 1024
LEAK_NEEDLES = [value for value in PLANTED.values() if "\n" not in value] + ["planted-private-key-material-9a9a"]
FIGURES = {}  # RSS figures, printed at the end of the session (run with -s to see them)


# ---------------------------------------------------------------------------------------------
# Helpers


def failed(result):
    """A failed tool result: isError true and a readable sentence in the text content."""
    is_error = result.get("isError")
    assert is_error is True, f"not a tool error: {str(result)[:600]}"
    content = result["content"]
    assert isinstance(content, list) and content and content[0]["type"] == "text", str(result)[:2000]
    text = content[0]["text"]
    assert isinstance(text, str) and len(text.split()) >= 4, str(result)[:2000]
    return text


def ok(result):
    is_error = result.get("isError")
    assert is_error in (None, False), f"a tool error: {str(result)[:600]}"
    return result["structuredContent"]


_ping_ids = iter(range(9_000_000, 10_000_000))


def assert_alive(session):
    assert session.proc.poll() is None, f"the server exited with {session.proc.returncode}: {bytes(session.stderr_raw)[-2000:]!r}"
    id = next(_ping_ids)
    reply = session.response(session.request("ping", id=id), timeout=10)
    assert reply == {"jsonrpc": "2.0", "id": id, "result": {}}, reply


def assert_no_leak(session, token, *extra):
    secrets = [token, token.split("|", 1)[1], *LEAK_NEEDLES, *extra]
    for stream, raw in (("stdout", bytes(session.stdout_raw)), ("stderr", bytes(session.stderr_raw))):
        for secret in secrets:
            assert secret.encode() not in raw, f"{secret[:12]}... leaked on {stream}"


def assert_memory_bounded(session, label):
    memory = hp.memory_kib(session.proc.pid)
    FIGURES[label] = memory
    print(f"\n[{label}] VmRSS {memory['VmRSS'] / 1024:.1f} MiB, VmHWM {memory['VmHWM'] / 1024:.1f} MiB")
    assert memory["VmRSS"] < RSS_LIMIT_KIB, (label, memory)


def collect(session, expected, timeout):
    """Reads until `expected` responses (messages with an id) have arrived, or `timeout`."""
    seen = []
    deadline = time.monotonic() + timeout
    while len(seen) < expected:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            seen.append(session.read(timeout=remaining))
        except Exception:  # queue.Empty on timeout, EOFError if the server died
            break
    return seen


def collect_until_quiet(session, quiet, timeout):
    """Reads every message until none arrives for `quiet` seconds (at most `timeout` in all)."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            seen.append(session.read(timeout=min(quiet, max(0.01, deadline - time.monotonic()))))
        except Exception:
            break
    return seen


def send_in_background(session, payload, timeout=60):
    """Writes a large payload from a thread, so a server that stops reading cannot hang the test."""
    errors = []

    def write():
        try:
            session.send_raw(payload)
        except Exception as error:  # BrokenPipeError if the server died
            errors.append(error)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread, errors


def tool_call(id, name="get_version", arguments=None):
    message = {"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": {"name": name, "arguments": arguments or {}}}
    return json.dumps(message).encode() + b"\n"


def busy(message):
    return "error" in message and message["error"]["code"] == -32000 and "busy" in message["error"]["message"].lower()


@pytest.fixture
def raw_server():
    servers = []

    def start(cert_path, key_path, behaviour):
        server = hp.RawTLSServer(cert_path, key_path, behaviour).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def against(spawn):
    """A session whose COOLIFY_BASE_URL is a raw hostile server."""

    def start(server, args=(), **env):
        session = spawn(args=args, COOLIFY_BASE_URL=server.base_url, **env)
        session.initialize()
        return session

    return start


@pytest.fixture(scope="module", autouse=True)
def report_figures():
    yield
    if FIGURES:
        print("\nRSS figures (KiB):")
        for label, memory in FIGURES.items():
            print(f"  {label}: {memory}")


# ---------------------------------------------------------------------------------------------
# 1. Slow Coolify


def test_slow_answer_past_the_timeout(spawn, coolify, token):
    coolify.delays["/api/v1/version"] = 5
    # The fake wakes after the client left and its write fails: expected, not worth a traceback.
    coolify.httpd.handle_error = lambda request, address: None
    session = spawn(args=["--timeout", "2"])
    session.initialize()
    started = time.monotonic()
    text = failed(session.tool("get_version", timeout=15))
    assert "time" in text.lower(), text
    assert time.monotonic() - started < 15
    coolify.delays.clear()
    assert_alive(session)
    assert_no_leak(session, token)


def test_drip_fed_body_is_cut_by_the_request_timeout(raw_server, against, ca_paths, token):
    # The head at once, then one body byte every 0.5 s: never idle long enough for a read
    # timeout, so only a deadline on the whole request ends it.
    server = raw_server(ca_paths["cert"], ca_paths["key"], hp.drip(declared=1000, interval=0.5))
    session = against(server, args=["--timeout", "2"])
    started = time.monotonic()
    try:
        reply = session.response(session.request("tools/call", {"name": "list_applications", "arguments": {}}), timeout=15)
    except queue.Empty:
        pytest.fail("no answer within 15 s with --timeout 2: a drip-fed body escapes the request timeout")
    elapsed = time.monotonic() - started
    assert "result" in reply, reply
    text = failed(reply["result"])
    assert "time" in text.lower(), text
    assert elapsed < 15, elapsed
    assert_alive(session)
    assert_no_leak(session, token)


# ---------------------------------------------------------------------------------------------
# 2. Reset mid-body


@pytest.mark.parametrize("ending", ["close_notify", "eof", "rst"])
def test_connection_ends_mid_body(raw_server, against, ca_paths, token, ending):
    server = raw_server(ca_paths["cert"], ca_paths["key"], hp.truncated(declared=1000, sent=10, ending=ending))
    session = against(server)
    text = failed(session.tool("list_applications", timeout=15))
    # A truncated answer is a connection problem; blaming the certificate would send the user
    # hunting in the wrong place.
    assert "connection" in text.lower(), text
    assert "certificate" not in text.lower(), text
    assert len(server.heads) >= 1
    assert_alive(session)
    assert_no_leak(session, token)


# ---------------------------------------------------------------------------------------------
# 3. Bad certificates


@pytest.fixture(scope="module")
def pkis(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-pki")
    trusted = hp.PKI(base / "trusted", "hostile trusted CA")
    stranger = hp.PKI(base / "stranger", "hostile unknown CA")
    return {
        "trusted": trusted,
        "good": trusted.issue("good"),
        "expired": trusted.issue("expired", valid_from_days=-10, valid_until_days=-1),
        "wrong_name": trusted.issue("wrong-name", names=("other.example",)),
        "unknown_ca": stranger.issue("unknown-ca"),
    }


@pytest.mark.parametrize("case", ["good", "unknown_ca", "expired", "wrong_name"])
def test_certificate(raw_server, against, pkis, ca_paths, token, case):
    server = raw_server(*pkis[case], hp.answer(200, b"4.0.0-hostile", "text/html; charset=UTF-8"))
    # The unknown CA's certificate meets the fake's CA (which does not know it); the others
    # meet the CA that signed them, so only their own defect can fail them.
    ca = ca_paths["ca"] if case == "unknown_ca" else pkis["trusted"].ca_path
    session = against(server, COOLIFY_CA_FILE=str(ca))
    result = session.tool("get_version", timeout=30)
    if case == "good":
        assert ok(result) == {"version": "4.0.0-hostile"}
    else:
        text = failed(result)
        assert "TLS" in text and "COOLIFY_CA_FILE" in text, text
        # The impostor was reached, but the handshake failed before any request: the token
        # never reached it.
        assert server.connections >= 1
        assert server.heads == [], server.heads
    assert_alive(session)
    assert_no_leak(session, token)


# ---------------------------------------------------------------------------------------------
# 4. Bodies over 16 MiB


@pytest.mark.parametrize("framing", ["content-length", "until-close", "endless-chunked"])
def test_body_over_sixteen_mib(raw_server, against, ca_paths, token, framing):
    echo = b'"Authorization: Bearer ' + token.encode() + b'",'
    if framing == "endless-chunked":
        behaviour = hp.endless_chunked(limit=20 * MiB, hold=10)
    else:
        behaviour = hp.oversized(total=20 * MiB, framing=framing, echo=echo)
    server = raw_server(ca_paths["cert"], ca_paths["key"], behaviour)
    session = against(server)
    text = failed(session.tool("list_applications", timeout=30))
    assert "MiB" in text or "too large" in text.lower(), text
    assert_memory_bounded(session, f"20 MiB body, {framing}")
    assert_alive(session)
    assert_no_leak(session, token)
    print(f"[{framing}] raw server sent {server.bytes_sent / MiB:.1f} MiB before the client left")


# ---------------------------------------------------------------------------------------------
# 5. Invalid UTF-8 inside JSON strings


def test_invalid_utf8_in_json_strings(mcp, coolify, token):
    body = b'[{"uuid":"a\xff\xfe","name":"x\xc3","status":"running","manual_webhook_secret_github":"' \
           + PLANTED["webhook_github"].encode() + b'"}]'
    coolify.overrides[("GET", "/api/v1/applications")] = (200, {}, body)
    result = mcp.tool("list_applications")
    if result.get("isError"):
        text = failed(result)
        assert "UTF-8" in text or "JSON" in text or "malformed" in text.lower(), text
    else:
        data = ok(result)
        assert data["total"] == 1, data
        item = data["data"][0]
        assert item["uuid"].startswith("a") and "\ufffd" in item["uuid"], item
        assert item["name"].startswith("x"), item
    bytes(mcp.stdout_raw).decode("utf-8")  # stdout stays valid UTF-8
    assert_alive(mcp)
    assert_no_leak(mcp, token)


# ---------------------------------------------------------------------------------------------
# 6. Deep nesting, extreme numbers, duplicate keys, huge lists


@pytest.mark.parametrize("shape", ["arrays", "objects"])
def test_answer_nested_a_hundred_thousand_deep(mcp, coolify, token, shape):
    depth = 100_000
    body = b"[" * depth + b"]" * depth if shape == "arrays" else b'{"a":' * depth + b"1" + b"}" * depth
    coolify.overrides[("GET", "/api/v1/applications")] = (200, {}, body)
    result = mcp.tool("list_applications", timeout=20)
    text = failed(result)
    assert any(word in text.lower() for word in ("malformed", "deep", "nest", "json", "invalid")), text[:500]
    assert len(json.dumps(result)) < 10_000, "the raw body was passed on"
    assert_alive(mcp)
    assert_no_leak(mcp, token)


def test_extreme_numbers_pass_through(mcp, coolify, token):
    body = (b'{"uuid":"num1","name":"numbers","big":1e400,"tiny":-1e-400,'
            b'"huge":123456789012345678901234567890,"negative":-98765432109876543210987654321,'
            b'"http_basic_auth_password":"' + PLANTED["basic_auth"].encode() + b'"}')
    coolify.overrides[("GET", "/api/v1/applications/num1")] = (200, {}, body)
    data = ok(mcp.tool("get_application", {"uuid": "num1"}))
    assert data["huge"] in (123456789012345678901234567890, "123456789012345678901234567890"), data
    assert data["negative"] in (-98765432109876543210987654321, "-98765432109876543210987654321"), data
    assert data["big"] in (float("inf"), "1e400"), data
    assert data["tiny"] in (0.0, "-1e-400"), data
    assert data["name"] == "numbers"
    assert_alive(mcp)
    assert_no_leak(mcp, token)  # the planted basic-auth password is masked


INT_MAX = 2**63 - 1


@pytest.mark.parametrize("page,per_page", [(INT_MAX, 1), (INT_MAX, 100), (INT_MAX // 2, 2), (2**62, 1)])
def test_deployments_page_near_int_max_with_more_rows_than_asked(mcp, coolify, token, page, per_page):
    # Coolify returns more rows than asked and a count that is a lie: bfd50e5 added the rows to
    # the skipped ones (Int.max - 1 + 5) or asked for page Int.max + 1, and the trap ended the
    # process. Now: a page (cut to per_page) or a clear tool error, and the server stays up.
    rows = [{"deployment_uuid": f"dep{n}", "status": "finished", "logs": "DB_PASSWORD=" + PLANTED["deploy_log_secret"]}
            for n in range(5)]
    for count in (INT_MAX, -1, 3):
        coolify.overrides[("GET", "/api/v1/deployments/applications/app0000uuid")] = (
            200, {}, json.dumps({"count": count, "deployments": rows}).encode())
        result = mcp.tool("deployment", {"action": "list_for_app", "uuid": "app0000uuid", "page": page, "per_page": per_page})
        if result.get("isError"):
            assert "page" in failed(result)
        else:
            data = ok(result)
            assert len(data["data"]) <= per_page
            assert data["total"] >= 0
            if "next" in data:
                assert data["next"]["arguments"]["page"] == page + 1 <= INT_MAX
        assert_alive(mcp)
    assert_no_leak(mcp, token)


def test_deployment_log_page_near_int_max(mcp, coolify, token):
    logs = json.dumps([{"output": f"line {n}", "timestamp": "t"} for n in range(40)])
    coolify.overrides[("GET", "/api/v1/deployments/dep1")] = (
        200, {}, json.dumps({"deployment_uuid": "dep1", "status": "finished", "logs": logs}).encode())
    for page in (INT_MAX, INT_MAX // 500 + 1, 1):
        result = mcp.tool("deployment", {"action": "get", "uuid": "dep1", "lines": 500, "page": page})
        data = ok(result)
        assert data["log_lines"] == 40
        assert ("next" in data) is False
    assert_alive(mcp)


def test_duplicate_keys_give_one_value(mcp, coolify, token):
    body = b'{"uuid":"dup1","name":"first","name":"second","status":"a","status":"b"}'
    coolify.overrides[("GET", "/api/v1/applications/dup1")] = (200, {}, body)
    data = ok(mcp.tool("get_application", {"uuid": "dup1"}))
    assert data["name"] in ("first", "second") and data["status"] in ("a", "b"), data

    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    lines = [line for line in bytes(mcp.stdout_raw).split(b"\n") if b"dup1" in line]
    assert lines
    for line in lines:
        message = json.loads(line, object_pairs_hook=no_duplicates)
        json.loads(message["result"]["content"][0]["text"], object_pairs_hook=no_duplicates)
    assert_alive(mcp)
    assert_no_leak(mcp, token)


def test_a_hundred_thousand_applications(mcp, coolify, token):
    count = 100_000
    apps = [{"uuid": f"u{n:06d}", "name": f"a{n}", "status": "running", "fqdn": None} for n in range(count)]
    body = json.dumps(apps, separators=(",", ":")).encode()
    assert len(body) < 16 * MiB
    coolify.overrides[("GET", "/api/v1/applications")] = (200, {}, body)
    first = ok(mcp.tool("list_applications", timeout=30))
    assert first["total"] == count and first["page"] == 1 and len(first["data"]) == first["per_page"], \
        {k: v for k, v in first.items() if k != "data"}
    assert first["data"][0]["uuid"] == "u000000"
    following = first["next"]
    assert following["tool"] == "list_applications" and following["arguments"]["page"] == 2, following
    second = ok(mcp.tool(following["tool"], following["arguments"], timeout=30))
    assert second["page"] == 2 and second["data"][0]["uuid"] == f"u{first['per_page']:06d}", second["data"][:1]
    assert_memory_bounded(mcp, "100,000 applications")
    assert_alive(mcp)
    assert_no_leak(mcp, token)


# ---------------------------------------------------------------------------------------------
# 7. Error statuses that echo the Authorization header


STATUSES = [401, 403, 404, 422, 429, 500, 502, 503]


def test_error_statuses_echoing_the_token(mcp, coolify, token):
    for status in STATUSES:
        for form in ("json", "html"):
            def echo(record, status=status, form=form):
                authorization = record["headers"].get("authorization", "")
                headers = {"Retry-After": "7"} if status == 429 else {}
                if form == "json":
                    body = json.dumps({"message": f"Denied for {authorization}", "token": authorization,
                                       "errors": {"authorization": [authorization]}, "headers": record["headers"]})
                    return status, headers, body.encode()
                headers["Content-Type"] = "text/html"
                return status, headers, f"<html><body>Denied: {authorization}</body></html>".encode()

            coolify.overrides[("GET", "/api/v1/applications")] = echo
            result = mcp.tool("list_applications")
            text = failed(result)
            assert str(status) in text, (status, form, text)
            dumped = json.dumps(result)
            assert token not in dumped and token.split("|", 1)[1] not in dumped, (status, form)
    assert len(coolify.calls("GET", "/api/v1/applications")) == 2 * len(STATUSES)
    assert all(r["headers"]["authorization"] == f"Bearer {token}" for r in coolify.calls())
    assert_alive(mcp)
    assert_no_leak(mcp, token)


# ---------------------------------------------------------------------------------------------
# 8. An HTML page from a proxy, with status 200


def test_html_page_from_a_proxy(mcp, coolify, token):
    def page(record):
        html = ("<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Gateway</h1>"
                f"<pre>Authorization: {record['headers'].get('authorization', '')}</pre>" + "<p>garbage</p>" * 2000
                + "</body></html>")
        return 200, {"Content-Type": "text/html"}, html.encode()

    coolify.overrides[("GET", "/api/v1/applications")] = page
    result = mcp.tool("list_applications")
    if result.get("isError"):
        failed(result)
    else:
        assert "structuredContent" in result, result
    dumped = json.dumps(result)
    assert token not in dumped and token.split("|", 1)[1] not in dumped
    assert_alive(mcp)
    assert_no_leak(mcp, token)


# ---------------------------------------------------------------------------------------------
# 9. A flood of 10,000 requests


def test_flood_of_ten_thousand_requests(mcp, coolify, token):
    count = 10_000
    base = 100_000
    lines = []
    for n in range(count):
        id = base + n
        lines.append(b'{"jsonrpc":"2.0","id":%d,"method":"ping"}\n' % id if n % 2 == 0 else tool_call(id))
    writer, errors = send_in_background(mcp, b"".join(lines))
    seen = collect(mcp, count, timeout=120)
    writer.join(timeout=10)
    assert not errors, errors
    counts = collections.Counter(message.get("id") for message in seen)
    assert set(counts) == set(range(base, base + count)), f"{len(set(range(base, base + count)) - set(counts))} ids unanswered"
    assert max(counts.values()) == 1, [id for id, n in counts.items() if n > 1][:10]
    refused = answered = 0
    for message in seen:
        if (message["id"] - base) % 2 == 0:
            assert message.get("result") == {}, message
        elif busy(message):
            refused += 1
        else:
            assert message["result"]["structuredContent"] == {"version": "4.0.0-beta.420"}, message
            answered += 1
    print(f"\nflood: {count // 2} pings answered, {answered} calls answered, {refused} refused as busy, "
          f"{len(coolify.calls())} reached Coolify")
    assert answered >= 64
    assert_memory_bounded(mcp, "flood of 10,000 requests")
    assert_alive(mcp)
    assert_no_leak(mcp, token)


# ---------------------------------------------------------------------------------------------
# 10. Monster lines on stdin


def test_monster_lines_on_stdin(mcp, token):
    # Over 4 MiB: discarded, an error with id null, and the session goes on.
    mcp.send_raw(b'{"jsonrpc":"2.0","id":1001,"method":"ping","params":{"pad":"' + b"a" * (4 * MiB + 16) + b'"}}\n')
    reply = mcp.read(timeout=15)
    assert reply.get("id") is None and reply["error"]["code"] in (-32600, -32700), reply
    assert_alive(mcp)

    depth = 100_000
    for line in (b"[" * depth + b"]" * depth,
                 b'{"jsonrpc":"2.0","id":1002,"method":"ping","params":{"x":' + b"[" * depth + b"]" * depth + b"}}",
                 b'{"jsonrpc":"2.0","id":1003,"method":"ping","params":' + b'{"a":' * depth + b"1" + b"}" * depth + b"}"):
        mcp.send_raw(line + b"\n")
        reply = mcp.read(timeout=15)
        assert "error" in reply and reply["error"]["code"] in (-32700, -32600), str(reply)[:500]
        assert len(json.dumps(reply)) < 2000, "the monster was echoed"
        assert_alive(mcp)

    mcp.send_raw(b'{"jsonrpc":"2.0","id":1004,"method":"ping","params":{"x":"\xff\xfe"}}\n')
    reply = mcp.read(timeout=10)
    assert reply["error"]["code"] == -32700, reply
    assert_alive(mcp)
    assert_no_leak(mcp, token)


def test_partial_line_then_eof_exits_zero(spawn, token):
    session = spawn()
    session.initialize()
    session.send_raw(b'{"jsonrpc":"2.0","id":77,"method":"pi')
    assert session.close(timeout=5) == 0
    assert_no_leak(session, token)


# ---------------------------------------------------------------------------------------------
# 11. Cancellations racing their responses


def cancel_line(id):
    return b'{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":%d,"reason":"race"}}\n' % id


def check_race(seen, ids_sent):
    """At most one response per id, only for ids sent, each a result or a busy refusal."""
    answered = collections.Counter(message.get("id") for message in seen if "method" not in message)
    assert set(answered) <= ids_sent, set(answered) - ids_sent
    assert not [id for id, n in answered.items() if n > 1], "an id was answered twice"
    for message in seen:
        assert "method" in message or "result" in message or busy(message), message
    return sum(1 for m in seen if "result" in m), sum(1 for m in seen if busy(m))


def test_cancellations_racing_their_responses(mcp, coolify, token):
    count = 200
    # Burst: each call immediately followed by its cancellation, all in one write.
    base = 300_000
    payload = b"".join(tool_call(base + n) + cancel_line(base + n) for n in range(count))
    writer, errors = send_in_background(mcp, payload)
    seen = collect_until_quiet(mcp, quiet=3, timeout=40)
    writer.join(timeout=10)
    assert not errors, errors
    results, refused = check_race(seen, set(range(base, base + count)))
    print(f"\ncancellation burst: {results} results and {refused} busy refusals for {count} cancelled calls")
    assert_alive(mcp)

    # Staggered: the cancellation lands 0-6 ms after its call, while the answer is on its way.
    rng = random.Random(20260728)
    base = 310_000
    for n in range(count):
        mcp.send_raw(tool_call(base + n))
        time.sleep(rng.uniform(0, 0.006))
        mcp.send_raw(cancel_line(base + n))
    seen = collect_until_quiet(mcp, quiet=3, timeout=40)
    results, refused = check_race(seen, set(range(base, base + count)))
    print(f"cancellation race: {results} results and {refused} busy refusals for {count} cancelled calls")
    assert_alive(mcp)
    # Every cancelled call released its slot: a fresh call is admitted and answered.
    assert ok(mcp.tool("get_version")) == {"version": "4.0.0-beta.420"}
    assert_no_leak(mcp, token)


# ---------------------------------------------------------------------------------------------
# 12. The client closes stdout


def test_closed_stdout_ends_the_process(base_env, token):
    proc, stderr = hp.spawn_without_stdout_reader(BINARY, [], base_env)
    try:
        proc.stdout.close()
        try:
            proc.stdin.write(b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",'
                             b'"capabilities":{},"clientInfo":{"name":"pytest","version":"1"}}}\n'
                             b'{"jsonrpc":"2.0","id":2,"method":"ping"}\n')
            proc.stdin.flush()
        except BrokenPipeError:
            pass
        # stdin stays open: only the broken stdout can end the process.
        assert proc.wait(timeout=5) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
    time.sleep(0.1)
    assert token.encode() not in bytes(stderr) and token.split("|", 1)[1].encode() not in bytes(stderr)


# ---------------------------------------------------------------------------------------------
# 13. Bounds: 8 at Coolify, 64 in flight


def test_at_most_eight_requests_reach_coolify_at_once(mcp, coolify, token):
    lock = threading.Lock()
    gauge = {"active": 0, "max": 0}

    def slow_version(record):
        with lock:
            gauge["active"] += 1
            gauge["max"] = max(gauge["max"], gauge["active"])
        try:
            time.sleep(1)
        finally:
            with lock:
                gauge["active"] -= 1
        return 200, {"Content-Type": "text/html"}, b"4.0.0-gauged"

    coolify.overrides[("GET", "/api/v1/version")] = slow_version
    count = 30
    base = 400_000
    mcp.send_raw(b"".join(tool_call(base + n) for n in range(count)))
    seen = collect(mcp, count, timeout=40)
    assert sorted(m["id"] for m in seen) == list(range(base, base + count))
    assert all(m["result"]["structuredContent"] == {"version": "4.0.0-gauged"} for m in seen), seen[:3]
    print(f"\nat most {gauge['max']} requests were open at Coolify at once")
    assert 2 <= gauge["max"] <= 8, gauge
    assert_alive(mcp)
    assert_no_leak(mcp, token)


def test_at_most_sixty_four_requests_in_flight(mcp, coolify, token):
    coolify.delays["/api/v1/version"] = 2
    count = 100
    base = 500_000
    mcp.send_raw(b"".join(tool_call(base + n) for n in range(count)))
    # The 64 admitted calls need at least 2 s; the refusals come at once, before any of them.
    refused = []
    early = []
    deadline = time.monotonic() + 15
    while len(refused) < count - 64 and time.monotonic() < deadline:
        try:
            message = mcp.read(timeout=max(0.01, deadline - time.monotonic()))
        except Exception:
            break
        (refused if busy(message) else early).append(message)
    assert len(refused) >= count - 64, (len(refused), early[:3])
    assert early == [], early[:3]
    assert all(m["id"] >= base + 64 for m in refused), sorted(m["id"] for m in refused)[:5]
    assert_alive(mcp)
    # Cancel the admitted ones; their slots come back and a fresh call is answered.
    mcp.send_raw(b"".join(b'{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":%d}}\n' % (base + n)
                          for n in range(64)))
    coolify.delays.clear()
    deadline = time.monotonic() + 15
    while True:
        reply = mcp.call("tools/call", {"name": "get_version", "arguments": {}}, timeout=15)
        if "result" in reply or time.monotonic() > deadline:
            break
        assert busy(reply), reply
        time.sleep(0.2)
    assert reply.get("result", {}).get("structuredContent") == {"version": "4.0.0-beta.420"}, reply
    assert_alive(mcp)
    assert_no_leak(mcp, token)
