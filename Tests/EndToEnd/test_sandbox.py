"""Each forbidden action fails inside the production sandbox, each allowed one works."""

import pytest

from sandbox_proof import allowed_path, bin_dir, list_probes, run_probe

PROBE = bin_dir() / "sandbox-probe"
PROBES = list_probes(PROBE) if PROBE.exists() else []


def test_the_proof_covers_at_least_thirty_forbidden_actions():
    forbidden = [name for name, expected in PROBES if expected != "allowed"]
    assert len(forbidden) >= 30, forbidden


@pytest.mark.parametrize("name,expected", PROBES, ids=[name for name, _ in PROBES])
def test_probe(name, expected):
    assert run_probe(PROBE, name, 8443, 8444) == expected


def test_the_sandboxed_server_still_serves():
    assert allowed_path(bin_dir() / "coolify-mcp") == "allowed"


def test_sandbox_report_names_the_refused_syscall():
    import os
    import subprocess

    done = subprocess.run([str(PROBE), "open for write", "8443", "8444"], capture_output=True, text=True, timeout=30,
                          env={**os.environ, "SANDBOX_PROBE_MODE": "report"})
    # The refusal is reported on stderr by name, and the caller still sees EPERM.
    assert "coolify-mcp: sandbox refused syscall openat" in done.stderr
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
    assert "read beneath /etc/resolv.conf" in text
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
