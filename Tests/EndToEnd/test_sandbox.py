"""Each forbidden action fails inside the production sandbox, each allowed one works."""

import json
import os

import pytest

from sandbox_proof import allowed_path, arranged, bin_dir, list_probes, run_probe

PROBE = bin_dir() / "sandbox-probe"
PROBES = list_probes(PROBE) if PROBE.exists() else []


def test_the_proof_covers_at_least_thirty_forbidden_actions():
    forbidden = [name for name, expected in PROBES if expected != "allowed"]
    assert len(forbidden) >= 30, forbidden


@pytest.mark.parametrize("name,expected", PROBES, ids=[name for name, _ in PROBES])
def test_probe(name, expected):
    if name == "sched_getaffinity of another process" and os.environ.get("COOLIFY_MCP_SANITIZER"):
        pytest.skip("a sanitizer build allows it: its runtime asks each new thread's affinity by thread id")
    with arranged(name) as skip:
        if skip:
            pytest.skip(skip)
        assert run_probe(PROBE, name, 8443, 8444) == expected


def test_the_sandboxed_server_still_serves():
    assert allowed_path(bin_dir() / "coolify-mcp") == "allowed"


def test_sandbox_report_names_the_refused_syscall():
    import os
    import subprocess

    done = subprocess.run([str(PROBE), "open for write", "8443", "8444"], capture_output=True, text=True, timeout=30,
                          env={**os.environ, "SANDBOX_PROBE_MODE": "report"})
    # The refusal is reported on stderr by name and arguments, and the caller still sees EPERM.
    assert "coolify-mcp: sandbox refused syscall openat (" in done.stderr
    assert done.stdout.strip() == "EPERM"
    # Killing rules stay killing rules in report mode.
    killed = subprocess.run([str(PROBE), "execve /bin/true", "8443", "8444"], capture_output=True, text=True, timeout=30,
                            env={**os.environ, "SANDBOX_PROBE_MODE": "report"})
    assert killed.returncode == -31


def test_print_policy_shows_the_filter_and_the_landlock_rules(spawn, coolify):
    session = spawn(["--print-policy"])
    assert session.proc.wait(timeout=30) == 0
    import time
    time.sleep(0.2)
    text = session.stdout_raw.decode()
    assert "# filter for arch x86_64" in text
    assert "action KILL_PROCESS" in text and "action ERRNO(1)" in text
    assert f"tcp connect port {coolify.port}" in text
    assert "read file /etc/resolv.conf" in text
    # The trust store is one file: nothing else of /etc/ssl, private/ included.
    assert "read beneath /etc/ssl" not in text and "read beneath /etc" not in text
    assert "read file /etc/ssl/certs/ca-certificates.crt" in text or "read file /etc/pki/tls/certs/ca-bundle.crt" in text
    assert "write, create, remove, execute: nowhere" in text


def test_unsafe_no_sandbox_warns_and_runs_unfiltered(spawn):
    session = spawn(["--unsafe-no-sandbox"])
    session.initialize()
    assert session.tool("get_version")["structuredContent"]["version"]
    status = open(f"/proc/{session.proc.pid}/status").read()
    assert "Seccomp:\t0" in status
    session.close()
    assert "WARNING: sandbox disabled by --unsafe-no-sandbox" in session.stderr_raw.decode()


def test_the_server_runs_under_landlock_and_seccomp(mcp):
    status = open(f"/proc/{mcp.proc.pid}/status").read()
    assert "Seccomp:\t2" in status and "NoNewPrivs:\t1" in status
    # Every thread, including those created after the sandbox, carries the filter.
    import os
    for tid in os.listdir(f"/proc/{mcp.proc.pid}/task"):
        assert "Seccomp:\t2" in open(f"/proc/{mcp.proc.pid}/task/{tid}/status").read()


def refusals(stderr):
    return [line for line in stderr.splitlines() if "sandbox refused syscall" in line]


def cpu_ticks(pid):
    """User plus system time of every thread of `pid`, in clock ticks."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_a_whole_session_refuses_nothing_and_idles_without_spinning(spawn):
    """Every call the narrowed filter refuses is printed under --sandbox-report: a session of
    several tools (TLS handshake, keep-alive, pagination, errors) must print none. A refused call
    can also turn into a busy loop (rt_sigsuspend did): the idle server must not burn a core."""
    import time

    session = spawn(["--sandbox-report"])
    session.initialize()
    assert session.tool("get_version")["structuredContent"]["version"]
    first = session.tool("list_applications", {"per_page": 2})["structuredContent"]
    session.tool(first["next"]["tool"], first["next"]["arguments"])
    session.tool("get_application", {"uuid": "nosuchapp"})
    session.tool("list_servers")
    before = cpu_ticks(session.proc.pid)
    time.sleep(1.0)
    idle = cpu_ticks(session.proc.pid) - before
    # A spinning thread takes about one tick per 10 ms; an idle server none.
    assert idle < 30, f"{idle} ticks of CPU in a second of idleness"
    assert session.close() == 0
    assert refusals(session.stderr_raw.decode()) == []


def test_no_executable_memory_but_the_loaded_code(mcp):
    """Thread stacks and heaps are never executable; the only executable mappings are the
    binary, its libraries and the kernel's vDSO, all mapped before the sandbox."""
    mcp.tool("get_version")
    try:
        maps = open(f"/proc/{mcp.proc.pid}/maps").read().splitlines()
    except PermissionError:
        pytest.skip("the server is not dumpable and this user cannot read its maps (run as root)")
    for line in maps:
        fields = line.split()
        permissions, path = fields[1], (fields[5] if len(fields) > 5 else "")
        assert not ("w" in permissions and "x" in permissions), line
        if "x" in permissions:
            assert path.startswith("/") or path in ("[vdso]", "[vsyscall]"), f"anonymous executable memory: {line}"


def test_name_resolution_through_nss_and_dns_refuses_nothing(ca_paths, coolify, token):
    """`localhost` resolved by the real resolver inside the sandbox: an NSS module that is not
    built into glibc, the files source, then DNS over UDP to a stub on 127.0.0.1 (hosts file
    without localhost, resolv.conf naming the stub, in a private mount namespace).

    After lockdown glibc could not load the module (Landlock refuses to open it, seccomp to map
    its code), so it must have been loaded before: it is mapped in the server. The call must
    succeed and the whole session refuse nothing: no mmap or mprotect of code, no socket option,
    flag or ioctl the filter does not know."""
    import pathlib
    import subprocess

    from dns_stub import DNSStub, can_use_private_resolver, private_resolver

    reason = can_use_private_resolver()
    if reason:
        pytest.skip(reason)
    # libnss_systemd has no hosts functions, but glibc still loads it for the hosts line.
    module = next((name for name in ("systemd", "myhostname", "mymachines", "resolve", "mdns4_minimal", "hesiod")
                   if any(pathlib.Path(d, f"libnss_{name}.so.2").exists()
                          for d in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64"))), None)
    if module is None:
        pytest.skip("no NSS module outside glibc is installed here")
    stub = DNSStub().start()
    try:
        with private_resolver(f"{module} files dns") as prefix:
            env = {"PATH": "/usr/bin:/bin", "COOLIFY_BASE_URL": f"https://localhost:{coolify.port}", "COOLIFY_ACCESS_TOKEN": token,
                   "COOLIFY_CA_FILE": str(ca_paths["ca"]), "SWIFT_BACKTRACE": "enable=no"}
            server = subprocess.Popen([*prefix, str(bin_dir() / "coolify-mcp"), "--sandbox-report"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
            try:
                for message in ({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25"}},
                                {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "get_version"}}):
                    server.stdin.write(json.dumps(message) + "\n")
                    server.stdin.flush()
                    reply = json.loads(server.stdout.readline())
                # unshare and sh exec the server: the pid is its own.
                maps = open(f"/proc/{server.pid}/maps").read()
                server.stdin.close()
                stderr = server.stderr.read()
                assert server.wait(timeout=30) == 0, stderr
            finally:
                if server.poll() is None:
                    server.kill()
                    server.wait()
    finally:
        stub.stop()
    assert reply["result"]["structuredContent"]["version"] == coolify.version, reply
    assert ("localhost", 1) in stub.queries  # the A query went through DNS
    assert f"libnss_{module}.so.2" in maps
    assert refusals(stderr) == []


@pytest.mark.skipif(bool(os.environ.get("COOLIFY_MCP_SANITIZER")), reason="a sanitizer build keeps inherited descriptors: its runtime may own some")
def test_descriptors_a_parent_leaks_are_closed_before_the_sandbox(base_env, tmp_path):
    # A writable file, a pipe: the sandbox filters how files are opened, not what is held.
    import os
    import subprocess
    from conftest import BINARY, wait_until
    leaked_file = os.open(tmp_path / "leaked", os.O_WRONLY | os.O_CREAT, 0o600)
    read_end, write_end = os.pipe()
    try:
        proc = subprocess.Popen([str(BINARY)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=base_env, pass_fds=(leaked_file, write_end))
        try:
            proc.stdin.write(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "ping"}).encode() + b"\n")
            proc.stdin.flush()
            assert json.loads(proc.stdout.readline())["id"] == 1
            targets = {os.readlink(f"/proc/{proc.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{proc.pid}/fd")}
            assert not any(target.endswith("/leaked") for target in targets), targets
            assert f"pipe:[{os.fstat(write_end).st_ino}]" not in targets, targets
        finally:
            proc.stdin.close()
            proc.wait(timeout=10)
    finally:
        os.close(leaked_file)
        os.close(read_end)
        os.close(write_end)
