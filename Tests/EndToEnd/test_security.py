"""Security properties of the running binary: no redirect is followed, the token never leaves in
any stream, the process is hardened (seccomp, no_new_privs, not dumpable) and the token is not
readable from its environment or its memory."""

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time

import pytest

import memscan
from conftest import BINARY
from fake_coolify import PLANTED, FakeCoolify

NOBODY = 65534
KEY_MATERIAL = "planted-private-key-material-9a9a"


# ---------------------------------------------------------------------------------------------
# Helpers


def finish(session, timeout=10):
    """Ends the session and waits until both reader threads have drained the pipes, so
    stdout_raw and stderr_raw are complete."""
    session.close(timeout=timeout)
    targets = (session._read_stdout, session._read_stderr)
    for thread in threading.enumerate():
        if getattr(thread, "_target", None) in targets:
            thread.join(timeout)
            assert not thread.is_alive(), "a reader thread did not finish"


def secret_needles(token):
    needles = {f"PLANTED[{name}]": value for name, value in PLANTED.items()}
    needles["private key material"] = KEY_MATERIAL
    needles["token"] = token
    needles["token secret part"] = token.split("|", 1)[1]
    return needles


def assert_no_secret(blob, token, where):
    for label, needle in secret_needles(token).items():
        assert needle.encode() not in blob, f"{label} found in {where}"


def tool_error_text(result):
    assert result.get("isError") is True, result
    return result["content"][0]["text"]


# ---------------------------------------------------------------------------------------------
# Redirects are never followed


@pytest.mark.parametrize("status", [301, 302, 307, 308])
@pytest.mark.parametrize("call", [
    ("GET", "/api/v1/applications", "list_applications", {}),
    ("POST", "/api/v1/applications/app0000uuid/envs", "env_vars",
     {"resource": "application", "action": "create", "uuid": "app0000uuid", "key": "K", "value": "v"}),
], ids=["GET", "POST"])
def test_redirect_is_not_followed(mcp, coolify, ca_paths, token, status, call):
    method, path, tool, arguments = call
    elsewhere = FakeCoolify(ca_paths).start()
    try:
        coolify.overrides[(method, path)] = (status, {"Location": f"https://127.0.0.1:{elsewhere.port}{path}"}, b"")
        text = tool_error_text(mcp.tool(tool, arguments))
        assert "redirect" in text.lower(), text
        assert str(status) in text, text
        # A later call proves the server is idle again: nothing was queued for the other origin.
        assert "isError" not in mcp.tool("get_mcp_version")
        time.sleep(0.3)
        assert elsewhere.requests == [], elsewhere.requests
        first = coolify.calls(method, path)
        assert len(first) == 1
        assert first[0]["headers"]["authorization"] == f"Bearer {token}"
    finally:
        elsewhere.stop()


# ---------------------------------------------------------------------------------------------
# The token never leaves, even when Coolify echoes it


def test_echoed_token_never_leaves(mcp, coolify, token):
    def echo_json(record):
        auth = record["headers"]["authorization"]
        return 500, {}, json.dumps({"message": f"Internal error for {auth}", "token": auth,
                                    "trace": f"Authorization: {auth}\nCOOLIFY_TOKEN={auth.split(' ', 1)[1]}"}).encode()

    def echo_text(record):
        auth = record["headers"]["authorization"]
        return 500, {"Content-Type": "text/plain"}, f"Fatal: {auth}\n{auth.split(' ', 1)[1]}".encode()

    coolify.overrides[("GET", "/api/v1/applications")] = echo_json
    first = mcp.tool("list_applications")
    coolify.overrides[("GET", "/api/v1/applications/app0000uuid")] = echo_text
    second = mcp.tool("get_application", {"uuid": "app0000uuid"})
    for result in (first, second):
        text = tool_error_text(result)
        assert "500" in text
        assert token not in json.dumps(result)
        assert token.split("|", 1)[1] not in json.dumps(result)
    assert len(coolify.requests) == 2
    for record in coolify.requests:
        assert record["headers"]["authorization"] == f"Bearer {token}"
    finish(mcp)
    assert mcp.stdout_raw, "the server wrote nothing on stdout"
    for stream, blob in (("stdout", bytes(mcp.stdout_raw)), ("stderr", bytes(mcp.stderr_raw))):
        assert token.encode() not in blob, stream
        assert token.split("|", 1)[1].encode() not in blob, stream


# ---------------------------------------------------------------------------------------------
# Hardening of the running process (inspected as root)


def test_process_hardening_and_environ(mcp, coolify, token):
    pid = mcp.proc.pid
    assert "isError" not in mcp.tool("list_applications")
    with open(f"/proc/{pid}/environ", "rb") as file:
        environ = file.read()
    assert f"COOLIFY_BASE_URL={coolify.base_url}".encode() in environ, "environ unreadable or empty: the check would prove nothing"
    assert token.encode() not in environ
    assert token.split("|", 1)[1].encode() not in environ
    assert b"COOLIFY_ACCESS_TOKEN=" not in environ

    with open(f"/proc/{pid}/status") as file:
        status = file.read()
    assert "Seccomp:\t2" in status, status
    assert "NoNewPrivs:\t1" in status, status
    # Every thread, not only the main one, runs under the filter.
    tasks = os.listdir(f"/proc/{pid}/task")
    assert len(tasks) >= 2
    for tid in tasks:
        with open(f"/proc/{pid}/task/{tid}/status") as file:
            thread_status = file.read()
        assert "Seccomp:\t2" in thread_status, (tid, thread_status)
        assert "NoNewPrivs:\t1" in thread_status, (tid, thread_status)
    # Not dumpable: the kernel hands /proc/PID/mem to root.
    assert os.stat(f"/proc/{pid}/mem").st_uid == 0


@pytest.mark.skipif(bool(os.environ.get("COOLIFY_MCP_SANITIZER")),
                    reason="under a sanitizer the sanitizer owns the allocator and the zeroing free is not built in")
@pytest.mark.parametrize("alpn", [None, ("h2", "http/1.1")], ids=["plain", "h2-offered"])
def test_token_not_in_memory(mcp, coolify, token, alpn):
    # Over HTTP/2, HPACK would keep the Authorization header in its dynamic table (ordinary heap)
    # for the life of the connection. The client speaks HTTP/1.1 only: a proxy offering h2 (as
    # Traefik and Caddy do) gets http/1.1, and the scan finds the token nowhere either way.
    if alpn:
        coolify.offer_alpn(alpn)
    pid = mcp.proc.pid
    for _ in range(3):
        assert "isError" not in mcp.tool("list_applications")
        assert "isError" not in mcp.tool("get_application", {"uuid": "app0001uuid"})
        assert "isError" not in mcp.tool("env_vars", {"resource": "application", "action": "list", "uuid": "app0000uuid"})
        assert "isError" not in mcp.tool("env_vars", {"resource": "application", "action": "update", "uuid": "app0000uuid",
                                                      "key": "K", "value": "v"})
    assert len(coolify.requests) == 12
    assert all(r["headers"]["authorization"] == f"Bearer {token}" for r in coolify.requests)

    control = memscan.scan(pid, coolify.base_url.encode())
    print(f"memscan control (base URL) hits: {len(control)}")
    assert control, "the scan found not even the base URL: it cannot see the process's memory"

    whole = memscan.scan(pid, token.encode())
    piece = token.encode()[5:21]
    assert len(piece) == 16
    part = memscan.scan(pid, piece)
    print(f"memscan token hits: {len(whole)}; 16-byte slice hits: {len(part)}")
    assert whole == [], whole
    assert part == [], part
    assert mcp.proc.poll() is None
    assert coolify.negotiated, "no connection was recorded"
    assert set(coolify.negotiated) == ({"http/1.1"} if alpn else {None}), coolify.negotiated


def test_http2_offered_by_alpn_is_declined(mcp, coolify):
    # A proxy that prefers h2: the client offers http/1.1 alone, so the connection is HTTP/1.1
    # and the call succeeds (bfd50e5 offered h2 too, the fake picked it, and the call failed).
    coolify.offer_alpn(["h2", "http/1.1"])
    result = mcp.tool("list_applications")
    assert "isError" not in result, result
    assert coolify.negotiated == ["http/1.1"], coolify.negotiated


# ---------------------------------------------------------------------------------------------
# A same-uid process cannot read the environment, the memory, or attach

PROBE = r"""
import ctypes, json, os, subprocess, sys
pid = int(sys.argv[1])
out = {"uid": os.getuid(), "euid": os.geteuid(), "groups": os.getgroups()}

def attempt(name, action):
    try:
        action()
        out[name] = "allowed"
    except PermissionError:
        out[name] = "denied"
    except OSError as error:
        out[name] = "errno %d" % error.errno

def read_environ(target):
    with open("/proc/%d/environ" % target, "rb") as file:
        file.read()

def open_mem(target):
    os.close(os.open("/proc/%d/mem" % target, os.O_RDONLY))

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
libc.ptrace.restype = ctypes.c_long

def attach(target):
    ctypes.set_errno(0)
    result = libc.ptrace(16, target, None, None)
    error = ctypes.get_errno()
    if result == 0:
        os.waitpid(target, 0)
        libc.ptrace(17, target, None, None)
    return [result, error]

attempt("environ", lambda: read_environ(pid))
attempt("mem", lambda: open_mem(pid))
out["ptrace"] = attach(pid)

# Control: a dumpable process of the same uid, so "denied" above means the target is protected.
child = subprocess.Popen(["/bin/sleep", "30"])
try:
    attempt("control_environ", lambda: read_environ(child.pid))
    attempt("control_mem", lambda: open_mem(child.pid))
    out["control_ptrace"] = attach(child.pid)
finally:
    child.kill()
    child.wait()
print(json.dumps(out))
"""


class Unprivileged:
    """The binary spawned as uid/gid 65534, spoken to line by line."""

    def __init__(self, binary, env, cwd):
        self.proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env, cwd=cwd, user=NOBODY, group=NOBODY, extra_groups=[])
        self.lines = queue.Queue()
        self.stderr = bytearray()
        threading.Thread(target=self._pump, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr.read()), daemon=True).start()

    def _pump(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def call(self, id, method, params, timeout=15):
        self.proc.stdin.write(json.dumps({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).encode() + b"\n")
        self.proc.stdin.flush()
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            assert line is not None, f"server ended early; stderr: {bytes(self.stderr)!r}"
            message = json.loads(line)
            if message.get("id") == id:
                return message

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)


def test_same_uid_cannot_read_environ_memory_or_attach(base_env, ca_paths, coolify, token):
    if os.geteuid() != 0:
        pytest.skip("needs root to start the server and the probe as uid 65534")
    workdir = tempfile.mkdtemp(prefix="coolify-mcp-e2e-")
    server = None
    try:
        os.chmod(workdir, 0o755)
        ca = os.path.join(workdir, "ca.pem")
        shutil.copyfile(ca_paths["ca"], ca)
        os.chmod(ca, 0o644)
        binary = str(BINARY)
        # A checkout under a 0700 directory (mktemp -d) is out of uid 65534's reach: exec then
        # fails in the child and Python raises instead of returning a status.
        try:
            reachable = subprocess.run([binary, "--version"], user=NOBODY, group=NOBODY, extra_groups=[], cwd=workdir,
                                       capture_output=True, timeout=30, env={"PATH": "/usr/bin:/bin"}).returncode == 0
        except PermissionError:
            reachable = False
        if not reachable:
            binary = os.path.join(workdir, "coolify-mcp")
            shutil.copyfile(BINARY, binary)
            os.chmod(binary, 0o755)
        env = dict(base_env, COOLIFY_CA_FILE=ca)
        server = Unprivileged(binary, env, workdir)
        reply = server.call(1, "initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                               "clientInfo": {"name": "pytest", "version": "1"}})
        assert "result" in reply, reply
        result = server.call(2, "tools/call", {"name": "list_applications", "arguments": {}})["result"]
        assert "isError" not in result, result
        assert result["structuredContent"]["total"] == 3
        assert coolify.calls("GET", "/api/v1/applications")[0]["headers"]["authorization"] == f"Bearer {token}"

        pid = server.proc.pid
        with open(f"/proc/{pid}/status") as file:
            status = file.read()
        assert f"Uid:\t{NOBODY}\t{NOBODY}\t{NOBODY}\t{NOBODY}" in status, status
        assert os.stat(f"/proc/{pid}/mem").st_uid == 0
        assert os.stat(f"/proc/{pid}/environ").st_uid == 0

        probe = subprocess.run(["/usr/bin/python3", "-c", PROBE, str(pid)], user=NOBODY, group=NOBODY, extra_groups=[],
                               cwd=workdir, capture_output=True, timeout=30, env={"PATH": "/usr/bin:/bin"})
        assert probe.returncode == 0, probe
        seen = json.loads(probe.stdout)
        print(f"same-uid probe: {seen}")
        assert seen["uid"] == NOBODY and seen["euid"] == NOBODY and seen["groups"] in ([], [NOBODY]), seen
        assert seen["control_environ"] == "allowed", seen
        assert seen["control_mem"] == "allowed", seen
        assert seen["control_ptrace"] == [0, 0], seen
        assert seen["environ"] == "denied", seen
        assert seen["mem"] == "denied", seen
        assert seen["ptrace"][0] == -1, seen
        assert seen["ptrace"][1] == 1, seen  # EPERM
        assert server.proc.poll() is None, "the server died during the probe"
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# A whole session: no planted secret and no token on any stream


def test_whole_session_leaks_nothing(mcp, coolify, token):
    calls = [
        ("get_version", {}),
        ("get_mcp_version", {}),
        ("list_applications", {}),
        ("list_applications", {"per_page": 1, "page": 2}),
        *[("get_application", {"uuid": app["uuid"]}) for app in coolify.estate["applications"]],
        ("list_servers", {}),
        ("get_server", {"uuid": "srv0001uuid"}),
        ("env_vars", {"resource": "application", "action": "list", "uuid": "app0000uuid"}),
        ("env_vars", {"resource": "application", "action": "list", "uuid": "app0000uuid", "key": "DATABASE_URL"}),
        ("env_vars", {"resource": "service", "action": "list", "uuid": "svc0001uuid"}),
        ("env_vars", {"resource": "database", "action": "list", "uuid": "db00001uuid"}),
        ("env_vars", {"resource": "application", "action": "create", "uuid": "app0000uuid", "key": "NEW", "value": "n"}),
        ("env_vars", {"resource": "application", "action": "update", "uuid": "app0000uuid", "key": "DATABASE_URL",
                      "value": "postgres://u:p@db/x"}),
        ("env_vars", {"resource": "database", "action": "update", "uuid": "db00001uuid", "key": "POSTGRES_PASSWORD",
                      "value": "pw"}),
        ("env_vars", {"resource": "application", "action": "bulk_update", "uuid": "app0000uuid",
                      "data": [{"key": "X", "value": "1"}]}),
        ("env_vars", {"resource": "service", "action": "delete", "uuid": "svc0001uuid", "env_uuid": "envs1"}),
        ("bulk_env_update", {"app_uuids": ["app0000uuid", "app0001uuid"], "key": "SHARED", "value": "s"}),
    ]
    for name, arguments in calls:
        result = mcp.tool(name, arguments)
        assert "isError" not in result, (name, arguments, result)
    assert {name for name, _ in calls} == {"get_version", "get_mcp_version", "list_applications", "get_application",
                                            "list_servers", "get_server", "env_vars", "bulk_env_update"}
    finish(mcp)
    stdout, stderr = bytes(mcp.stdout_raw), bytes(mcp.stderr_raw)
    print(f"stdout {len(stdout)} bytes, stderr {len(stderr)} bytes")
    assert stdout.count(b"\n") == len(calls) + 1  # initialize + every call
    assert_no_secret(stdout, token, "stdout")
    assert_no_secret(stderr, token, "stderr")
