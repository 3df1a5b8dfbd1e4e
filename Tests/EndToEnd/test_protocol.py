"""End-to-end tests of the MCP wire protocol: both protocol eras, JSON-RPC error handling,
concurrency, cancellation, shutdown and flooding, against the real binary over stdio."""

import os
import json
import queue
import signal
import time

import pytest

from conftest import wait_until

MODERN = "2026-07-28"
LEGACY_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
ANNOTATION_KEYS = ("title", "readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")
SLOW_PATH = "/api/v1/applications"


def modern_meta(**changes):
    meta = {
        "io.modelcontextprotocol/protocolVersion": MODERN,
        "io.modelcontextprotocol/clientInfo": {"name": "pytest", "version": "1"},
        "io.modelcontextprotocol/clientCapabilities": {},
    }
    meta.update(changes)
    return meta


def modern_call(session, method, params=None, meta=None, timeout=10):
    params = dict(params or {})
    params["_meta"] = modern_meta() if meta is None else meta
    return session.call(method, params, timeout=timeout)


def assert_error(reply, code, id=...):
    assert "error" in reply, reply
    assert "result" not in reply, reply
    assert reply["jsonrpc"] == "2.0", reply
    assert reply["error"]["code"] == code, reply
    assert isinstance(reply["error"]["message"], str) and reply["error"]["message"], reply
    if id is not ...:
        assert "id" in reply and reply["id"] == id, reply


def assert_alive(session):
    assert session.proc.poll() is None, "the server exited"
    reply = session.call("ping", timeout=10)
    assert reply.get("result") == {}, reply


def finish(session, timeout=10):
    """Closes stdin, waits for the exit and returns (exit code, every message still unread)."""
    code = session.close(timeout=timeout)
    messages = list(session.pending.values())
    session.pending.clear()
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = session.lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            pytest.fail("stdout was not closed after the process exited")
        if line is None:
            break
        messages.append(json.loads(line))
    return code, messages


def assert_stdout_is_json_lines(session):
    raw = bytes(session.stdout_raw)
    assert raw == b"" or raw.endswith(b"\n"), raw[-200:]
    for line in raw.split(b"\n")[:-1]:
        value = json.loads(line)  # raises on any non-JSON byte
        assert isinstance(value, dict), line[:200]
        assert value.get("jsonrpc") == "2.0", line[:200]




# 1. Legacy era ---------------------------------------------------------------------------------

@pytest.mark.parametrize("version", LEGACY_VERSIONS)
def test_legacy_initialize_echoes_supported_version(spawn, version):
    session = spawn()
    reply = session.call("initialize", {"protocolVersion": version, "capabilities": {},
                                        "clientInfo": {"name": "pytest", "version": "1"}})
    result = reply["result"]
    assert result["protocolVersion"] == version
    assert "tools" in result["capabilities"]
    assert result["serverInfo"]["name"] == "coolify-mcp"
    instructions = result["instructions"]
    assert isinstance(instructions, str) and instructions.strip()
    assert "get_version" in instructions and "list_applications" in instructions


def test_legacy_initialize_unknown_version_answers_newest(spawn):
    session = spawn()
    reply = session.call("initialize", {"protocolVersion": "1999-01-01", "capabilities": {},
                                        "clientInfo": {"name": "pytest", "version": "1"}})
    assert reply["result"]["protocolVersion"] == "2025-11-25"
    assert reply["result"]["serverInfo"]["name"] == "coolify-mcp"


def test_legacy_initialized_notification_gets_no_reply(spawn):
    session = spawn()
    session.initialize()  # sends notifications/initialized after the reply
    session.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    ping = session.request("ping")
    # The very next line on stdout must be the ping answer: nothing answered the notifications.
    reply = session.read()
    assert reply["id"] == ping and reply["result"] == {}, reply
    code, rest = finish(session)
    assert code == 0
    assert rest == [], rest


def test_legacy_ping_returns_empty_result(mcp):
    reply = mcp.call("ping")
    assert reply == {"jsonrpc": "2.0", "id": reply["id"], "result": {}}


def test_legacy_tools_list_without_params(mcp):
    id = mcp.request("tools/list")  # no "params" member at all
    reply = mcp.response(id)
    tools = reply["result"]["tools"]
    assert tools, reply
    names = [tool["name"] for tool in tools]
    assert "get_version" in names and "list_applications" in names and "get_application" in names
    assert len(names) == len(set(names))
    for tool in tools:
        assert isinstance(tool["name"], str) and tool["name"], tool
        assert isinstance(tool["title"], str) and tool["title"], tool
        assert isinstance(tool["description"], str) and tool["description"], tool
        assert tool["inputSchema"]["type"] == "object", tool
        # Only hints that differ from MCP's defaults are sent (token economy).
        annotations = tool.get("annotations", {})
        assert set(annotations) <= set(ANNOTATION_KEYS[1:]), tool["name"]
        assert annotations.get("readOnlyHint", True) is not False, tool["name"]
        assert annotations.get("destructiveHint", False) is not True, tool["name"]
        assert annotations.get("idempotentHint", True) is not False, tool["name"]
        assert annotations.get("openWorldHint", False) is not True, tool["name"]


def test_legacy_logging_set_level(mcp):
    reply = mcp.call("logging/setLevel", {"level": "debug"})
    assert reply["result"] == {}, reply
    bad = mcp.call("logging/setLevel", {"level": "loud"})
    assert_error(bad, -32602, bad["id"])
    assert_alive(mcp)


# 2. Modern era (stateless) ---------------------------------------------------------------------

def test_modern_server_discover(spawn):
    session = spawn()
    reply = modern_call(session, "server/discover")
    result = reply["result"]
    assert MODERN in result["supportedVersions"]
    assert result["resultType"] == "complete"
    assert isinstance(result["ttlMs"], int) and not isinstance(result["ttlMs"], bool) and result["ttlMs"] >= 0
    assert result["cacheScope"] in ("public", "private")
    assert "tools" in result["capabilities"]
    assert isinstance(result["instructions"], str) and result["instructions"].strip()
    assert result["_meta"]["io.modelcontextprotocol/serverInfo"]["name"] == "coolify-mcp"


def test_modern_tools_list(spawn):
    session = spawn()
    result = modern_call(session, "tools/list")["result"]
    assert result["resultType"] == "complete"
    assert isinstance(result["ttlMs"], int) and result["ttlMs"] >= 0
    assert result["cacheScope"] in ("public", "private")
    names = [tool["name"] for tool in result["tools"]]
    assert "get_version" in names


def test_modern_tools_call_get_version(spawn, coolify):
    session = spawn()
    result = modern_call(session, "tools/call", {"name": "get_version", "arguments": {}})["result"]
    assert result["resultType"] == "complete"
    assert result.get("isError") is not True, result
    assert result["content"] and result["content"][0]["type"] == "text"
    assert result["structuredContent"]["version"] == coolify.version


def test_modern_unsupported_version_is_rejected(spawn):
    session = spawn()
    reply = modern_call(session, "tools/list",
                        meta=modern_meta(**{"io.modelcontextprotocol/protocolVersion": "2099-01-01"}))
    assert_error(reply, -32022, reply["id"])
    assert reply["error"]["data"]["supported"] == [MODERN]
    assert reply["error"]["data"]["requested"] == "2099-01-01"
    assert_alive(session)


def test_modern_meta_without_client_capabilities_is_invalid_params(spawn):
    session = spawn()
    meta = modern_meta()
    del meta["io.modelcontextprotocol/clientCapabilities"]
    reply = modern_call(session, "tools/list", meta=meta)
    assert_error(reply, -32602, reply["id"])
    assert_alive(session)


def test_modern_ping(spawn):
    session = spawn()
    reply = modern_call(session, "ping")
    assert "error" not in reply, reply
    assert "result" in reply and isinstance(reply["result"], dict), reply


def test_both_eras_modern_then_legacy(spawn):
    session = spawn()
    assert modern_call(session, "tools/list")["result"]["tools"]
    init = session.initialize()
    assert init["result"]["protocolVersion"] == "2025-11-25"
    assert session.call("tools/list")["result"]["tools"]
    discover = modern_call(session, "server/discover")
    assert MODERN in discover["result"]["supportedVersions"]


def test_both_eras_legacy_then_modern(mcp):
    discover = modern_call(mcp, "server/discover")
    assert MODERN in discover["result"]["supportedVersions"]
    listed = modern_call(mcp, "tools/list")["result"]
    assert listed["resultType"] == "complete" and listed["tools"]
    # The handshake era keeps working in the same process.
    legacy = mcp.call("tools/list")["result"]
    assert legacy["tools"] and "resultType" not in legacy
    again = mcp.call("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                    "clientInfo": {"name": "pytest", "version": "1"}})
    assert again["result"]["protocolVersion"] == "2025-06-18"


# 3. Errors -------------------------------------------------------------------------------------

def test_error_invalid_json_is_parse_error(mcp):
    mcp.send_raw(b'{"jsonrpc": "2.0", "id": 5, "method": "ping"\n')
    assert_error(mcp.read(), -32700, None)
    assert_alive(mcp)


def test_error_batch_is_invalid_request(mcp):
    mcp.send_raw(b'[{"jsonrpc":"2.0","id":6,"method":"ping"},{"jsonrpc":"2.0","id":7,"method":"ping"}]\n')
    assert_error(mcp.read(), -32600, None)
    assert_alive(mcp)


def test_error_string_message_is_invalid_request(mcp):
    mcp.send_raw(b'"just a string"\n')
    assert_error(mcp.read(), -32600, None)
    assert_alive(mcp)


def test_error_object_without_method_echoes_id(mcp):
    mcp.send_raw(b'{"jsonrpc":"2.0","id":4242}\n')
    assert_error(mcp.read(), -32600, 4242)
    mcp.send_raw(b'{"jsonrpc":"2.0","id":"abc-1","params":{}}\n')
    assert_error(mcp.read(), -32600, "abc-1")
    assert_alive(mcp)


def test_error_wrong_jsonrpc_version(mcp):
    mcp.send_raw(b'{"jsonrpc":"1.0","id":77,"method":"ping"}\n')
    reply = mcp.read()
    assert_error(reply, -32600)
    assert reply["id"] in (77, None), reply
    assert_alive(mcp)


def test_error_unknown_method(mcp):
    id = mcp.request("no/such/method", {})
    assert_error(mcp.response(id), -32601, id)
    assert_alive(mcp)


def test_error_unknown_tool(mcp):
    reply = mcp.call("tools/call", {"name": "no_such_tool", "arguments": {}})
    assert_error(reply, -32602, reply["id"])
    assert_alive(mcp)


def test_error_arguments_not_an_object(mcp):
    reply = mcp.call("tools/call", {"name": "get_version", "arguments": "uuid=1"})
    assert_error(reply, -32602, reply["id"])
    assert_alive(mcp)


def test_error_params_as_array(mcp):
    id = mcp.next_id
    mcp.next_id += 1
    mcp.send({"jsonrpc": "2.0", "id": id, "method": "tools/list", "params": ["get_version"]})
    assert_error(mcp.response(id), -32602, id)
    assert_alive(mcp)


def assert_tool_error(result):
    assert result.get("isError") is True, result
    text = result["content"][0]["text"]
    assert isinstance(text, str) and len(text) > 10 and text.rstrip().endswith("."), text
    return text


def test_error_wrong_argument_type_is_tool_error(mcp, coolify):
    text = assert_tool_error(mcp.tool("get_application", {"uuid": 5}))
    assert "uuid" in text
    assert coolify.calls("GET", "/api/v1/applications/5") == []
    assert_alive(mcp)


def test_error_missing_required_argument_is_tool_error(mcp):
    text = assert_tool_error(mcp.tool("get_application", {}))
    assert "uuid" in text
    assert_alive(mcp)


def test_error_unknown_argument_is_tool_error(mcp):
    text = assert_tool_error(mcp.tool("get_application", {"uuid": "app0000uuid", "colour": "red"}))
    assert "colour" in text
    assert_alive(mcp)


def test_error_invalid_utf8_is_parse_error(mcp):
    mcp.send_raw(b'{"jsonrpc":"2.0","id":9,"method":"ping","params":{"x":"\xff\xfe\xc3"}}\n')
    assert_error(mcp.read(), -32700, None)
    assert_alive(mcp)


def test_error_oversized_line_is_refused_and_session_goes_on(mcp):
    line = b'{"jsonrpc":"2.0","id":99,"method":"ping","params":{"pad":"' + b" " * (5 * 1024 * 1024) + b'"}}\n'
    mcp.send_raw(line)
    reply = mcp.read(timeout=20)
    assert "error" in reply, reply
    assert reply["id"] is None, reply
    assert reply["error"]["code"] in (-32600, -32700), reply
    message = reply["error"]["message"]
    assert "4194304" in message or "4 MiB" in message, message
    ping = mcp.request("ping")
    after = mcp.read()
    assert after["id"] == ping and after["result"] == {}, after  # id 99 was never answered
    assert_alive(mcp)


def test_error_every_bad_input_leaves_stdout_pure_json(mcp):
    bad_lines = [
        b"not json at all\n",
        b"{\n",
        b"[]\n",
        b"42\n",
        b"null\n",
        b'{"jsonrpc":"2.0","id":{"nested":1},"method":"ping"}\n',
        b'{"jsonrpc":"2.0","id":1.5,"method":"ping"}\n',
        b'{"jsonrpc":"2.0","id":3,"method":7}\n',
        b'{"jsonrpc":"2.0","id":3,"method":"ping","params":"x"}\n',
        b"\x00\x01\x02\n",
        b"\xef\xbb\xbf\xff\n",
        b'{"jsonrpc":"2.0","method":"notifications/whatever"}\n',
        b'{"jsonrpc":"2.0","id":3,"result":{}}\n',
        b"   \n",
        b"\n",
        b'{"a":' * 200 + b"1" + b"}" * 200 + b"\n",
    ]
    for line in bad_lines:
        mcp.send_raw(line)
        assert_alive(mcp)
    code, _ = finish(mcp)
    assert code == 0
    assert_stdout_is_json_lines(mcp)


# 4. Concurrency --------------------------------------------------------------------------------

def test_ping_answered_while_slow_call_in_flight(mcp, coolify):
    coolify.delays[SLOW_PATH] = 2
    slow = mcp.request("tools/call", {"name": "list_applications", "arguments": {}})
    ping = mcp.request("ping")
    first = mcp.read(timeout=10)
    assert first["id"] == ping and first["result"] == {}, first
    second = mcp.read(timeout=15)
    assert second["id"] == slow, second
    assert second["result"].get("isError") is not True, second
    assert len(second["result"]["structuredContent"]["data"]) == 3


def test_two_slow_calls_in_flight_both_complete(mcp, coolify):
    coolify.delays[SLOW_PATH] = 2
    first = mcp.request("tools/call", {"name": "list_applications", "arguments": {}})
    second = mcp.request("tools/call", {"name": "list_applications", "arguments": {"per_page": 1}})
    replies = {}
    for _ in range(2):
        message = mcp.read(timeout=15)
        replies[message["id"]] = message
    assert set(replies) == {first, second}
    assert len(replies[first]["result"]["structuredContent"]["data"]) == 3
    assert len(replies[second]["result"]["structuredContent"]["data"]) == 1
    assert len(coolify.calls("GET", SLOW_PATH)) == 2


# 5. Cancellation -------------------------------------------------------------------------------

def test_cancelled_request_is_never_answered(mcp, coolify):
    coolify.delays[SLOW_PATH] = 2
    slow = mcp.request("tools/call", {"name": "list_applications", "arguments": {}})
    # Cancel only once the call has really reached Coolify.
    assert wait_until(lambda: coolify.calls("GET", SLOW_PATH), timeout=10)
    mcp.send({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": slow, "reason": "x"}})
    ping = mcp.request("ping")
    reply = mcp.response(ping)
    assert reply["result"] == {}
    # Outlive the slow call (2 s): after EOF the server drains what is in flight, then exits.
    code, rest = finish(mcp, timeout=10)
    assert code == 0
    assert [m for m in rest if m.get("id") == slow] == [], rest
    assert_stdout_is_json_lines(mcp)
    assert all(json.loads(line).get("id") != slow for line in bytes(mcp.stdout_raw).splitlines())


# 6. Shutdown -----------------------------------------------------------------------------------

def test_stdin_eof_when_idle_exits_zero_within_one_second(mcp):
    assert mcp.call("ping")["result"] == {}
    start = time.monotonic()
    mcp.proc.stdin.close()
    code = mcp.proc.wait(timeout=5)
    elapsed = time.monotonic() - start
    assert code == 0
    # A product build exits within a second; a sanitizer's instrumentation slows everything.
    assert elapsed < (3.0 if os.environ.get("COOLIFY_MCP_SANITIZER") else 1.0), elapsed


def test_piped_request_then_eof_is_drained(spawn, coolify):
    coolify.delays["/api/v1/version"] = 0.5
    session = spawn()
    session.send_raw(
        b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},'
        b'"clientInfo":{"name":"pytest","version":"1"}}}\n'
        b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n'
        b'{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_version","arguments":{}}}\n')
    code, messages = finish(session, timeout=10)
    assert code == 0
    by_id = {m.get("id"): m for m in messages}
    assert by_id[1]["result"]["protocolVersion"] == "2025-11-25"
    assert by_id[2]["result"]["structuredContent"]["version"] == coolify.version


def test_sigterm_exits_zero(mcp):
    assert mcp.call("ping")["result"] == {}
    mcp.proc.send_signal(signal.SIGTERM)
    assert mcp.proc.wait(timeout=3) == 0


def test_sigterm_with_call_in_flight_exits_zero(mcp, coolify):
    coolify.delays[SLOW_PATH] = 2
    mcp.request("tools/call", {"name": "list_applications", "arguments": {}})
    assert wait_until(lambda: coolify.calls("GET", SLOW_PATH), timeout=10)
    mcp.proc.send_signal(signal.SIGTERM)
    assert mcp.proc.wait(timeout=3) == 0


def test_partial_line_then_eof_complete_message(spawn):
    session = spawn()
    session.send_raw(b'{"jsonrpc":"2.0","id":1,"method":"ping"}')  # no newline
    code, messages = finish(session)
    assert code == 0
    assert all(m.get("id") == 1 and m.get("result") == {} for m in messages), messages
    assert len(messages) <= 1
    assert_stdout_is_json_lines(session)


def test_partial_line_then_eof_truncated_message(spawn):
    session = spawn()
    session.send_raw(b'{"jsonrpc":"2.0","id":1,"meth')  # no newline, cut mid-message
    code, messages = finish(session)
    assert code == 0
    for message in messages:
        assert message.get("id") is None and message["error"]["code"] == -32700, message
    assert_stdout_is_json_lines(session)


# 7. Duplicate ids ------------------------------------------------------------------------------

def test_duplicate_in_flight_id_is_rejected(mcp, coolify):
    coolify.delays[SLOW_PATH] = 2
    call = {"jsonrpc": "2.0", "id": 4242, "method": "tools/call",
            "params": {"name": "list_applications", "arguments": {}}}
    mcp.send(call)
    mcp.send(call)
    first = mcp.read(timeout=10)
    assert_error(first, -32600, 4242)
    second = mcp.read(timeout=15)
    assert second["id"] == 4242 and "result" in second, second
    assert len(second["result"]["structuredContent"]["data"]) == 3
    # Once answered, the id may be used again.
    mcp.send({"jsonrpc": "2.0", "id": 4242, "method": "ping"})
    again = mcp.read(timeout=10)
    assert again == {"jsonrpc": "2.0", "id": 4242, "result": {}}


def test_every_reuse_of_an_in_flight_id_gets_one_error_and_the_original_one_answer(mcp, coolify):
    # ping, initialize and server/discover are answered on the reader thread, tools/* in tasks:
    # whichever method reuses an id still in flight, it gets exactly one error, and the original
    # exactly one answer (bfd50e5 answered the ping too, so id 4343 came back as two results).
    coolify.delays[SLOW_PATH] = 2
    mcp.send({"jsonrpc": "2.0", "id": 4343, "method": "tools/call",
              "params": {"name": "list_applications", "arguments": {}}})
    assert wait_until(lambda: coolify.calls("GET", SLOW_PATH), timeout=10)
    duplicates = [
        {"method": "ping"},
        {"method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                                            "clientInfo": {"name": "pytest", "version": "1"}}},
        {"method": "server/discover", "params": {"_meta": modern_meta()}},
        {"method": "tools/list"},
        {"method": "tools/call", "params": {"name": "get_version", "arguments": {}}},
    ]
    for message in duplicates:
        mcp.send({"jsonrpc": "2.0", "id": 4343, **message})
    # The string "4343" is another id: answered at once.
    mcp.send({"jsonrpc": "2.0", "id": "4343", "method": "ping"})
    code, messages = finish(mcp, timeout=15)
    assert code == 0
    mine = [m for m in messages if m.get("id") == 4343]
    errors = [m for m in mine if "error" in m]
    results = [m for m in mine if "result" in m]
    assert len(errors) == len(duplicates), mine
    for error in errors:
        assert_error(error, -32600, 4343)
    assert len(results) == 1, mine
    assert len(results[0]["result"]["structuredContent"]["data"]) == 3
    assert [m for m in messages if m.get("id") == "4343"] == [{"jsonrpc": "2.0", "id": "4343", "result": {}}]
    assert len(coolify.calls("GET", "/api/v1/version")) == 0
    assert_stdout_is_json_lines(mcp)


# 8. Flood --------------------------------------------------------------------------------------

def test_flood_of_pings_is_answered_once_each(mcp):
    count = 2000
    payload = b"".join(b'{"jsonrpc":"2.0","id":%d,"method":"ping"}\n' % (10_000 + n) for n in range(count))
    mcp.send_raw(payload)
    seen = []
    for _ in range(count):
        seen.append(mcp.read(timeout=20))
    ids = [message["id"] for message in seen]
    assert sorted(ids) == list(range(10_000, 10_000 + count))
    # Pings are answered on the reader thread, outside the in-flight limit: every one is a pong,
    # in order.
    assert ids == list(range(10_000, 10_000 + count))
    assert all(message["result"] == {} for message in seen)


def test_flood_of_calls_meets_the_in_flight_limit(mcp, coolify):
    # 200 slow tool calls at once: at most 64 are admitted, the rest get the documented busy
    # error at once; every id is answered exactly once and the process stays up.
    coolify.delays["/api/v1/version"] = 0.5
    count = 200
    payload = b"".join(b'{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"get_version"}}\n' % (20_000 + n)
                       for n in range(count))
    mcp.send_raw(payload)
    seen = [mcp.read(timeout=60) for _ in range(count)]
    assert sorted(message["id"] for message in seen) == list(range(20_000, 20_000 + count))
    refused = [m["id"] for m in seen if "error" in m]
    for message in seen:
        if "error" in message:
            assert message["error"]["code"] == -32000 and "busy" in message["error"]["message"].lower(), message
        else:
            assert message["result"]["structuredContent"] == {"version": "4.0.0-beta.420"}
    assert not [id for id in refused if id < 20_000 + 64], refused[:5]
    assert count - len(refused) >= 64
    print(f"calls: {count - len(refused)} answered, {len(refused)} refused as busy")
    assert_alive(mcp)
    code, rest = finish(mcp)
    assert code == 0 and rest == []
    assert_stdout_is_json_lines(mcp)
