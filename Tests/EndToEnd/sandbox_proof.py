"""The forbidden-actions proof: runs every probe of `sandbox-probe` in its own process (each
installs the production sandbox first), then shows the allowed path still works: the real
server answers over stdio and makes an HTTPS call to a fake Coolify.

Used by scripts/sandbox-proof (a table for people) and by test_sandbox.py (assertions)."""

import contextlib
import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def bin_dir():
    return pathlib.Path(os.environ.get("COOLIFY_MCP_BIN", ROOT / ".build" / "debug" / "coolify-mcp")).parent


def list_probes(probe_binary):
    output = subprocess.run([str(probe_binary), "--list"], capture_output=True, text=True, check=True, timeout=30).stdout
    return [tuple(line.split("\t")) for line in output.splitlines() if line]


def run_probe(probe_binary, name, port, other_port):
    """Returns what happened: an errno name, 'allowed', or 'SIGSYS' when the filter killed it.

    Every probe gets the pid of a process of the same user started for it (its own session and
    process group), for the probes that try to reach another process; it is killed afterwards."""
    other = subprocess.Popen(["sleep", "60"], start_new_session=True, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        done = subprocess.run([str(probe_binary), name, str(port), str(other_port), str(other.pid)], capture_output=True,
                              text=True, timeout=30, stdin=subprocess.DEVNULL)
    finally:
        other.kill()
        other.wait()
    if done.returncode == -signal.SIGSYS:
        return "SIGSYS"
    if done.returncode != 0:
        return f"exit {done.returncode}: {done.stdout.strip()} {done.stderr.strip()[:200]}"
    return done.stdout.strip()


PRIVATE_KEY = pathlib.Path("/etc/ssl/private/coolify-mcp-probe.key")
TRUST_STORE_CANDIDATES = [pathlib.Path("/etc/ssl/certs/ca-certificates.crt"), pathlib.Path("/etc/pki/tls/certs/ca-bundle.crt")]
# Probes that need a path to exist on this system to prove anything.
NEEDS_PATH = {
    "read /etc/ssl/openssl.cnf": pathlib.Path("/etc/ssl/openssl.cnf"),
    "list /etc/ssl/certs": pathlib.Path("/etc/ssl/certs"),
}


@contextlib.contextmanager
def arranged(name):
    """Prepares what probe `name` needs; yields None, or the reason it cannot prove anything here.

    The /etc/ssl/private probes need root: for anyone else the directory's mode already refuses,
    which would say nothing about the sandbox. A key file is created for the probe (the directory
    may be empty) and removed afterwards."""
    if name in ("read a key in /etc/ssl/private", "list /etc/ssl/private"):
        if not PRIVATE_KEY.parent.is_dir():
            yield "no /etc/ssl/private on this system"
            return
        if os.geteuid() != 0:
            yield "not root: the directory's own mode refuses, so the sandbox is not what is tested"
            return
        created = not PRIVATE_KEY.exists()
        if created:
            PRIVATE_KEY.write_text("not a key: written by coolify-mcp's sandbox proof, removed at once\n")
            PRIVATE_KEY.chmod(0o600)
        try:
            yield None
        finally:
            if created:
                PRIVATE_KEY.unlink()
    elif name == "read the trust store":
        yield None if any(path.is_file() for path in TRUST_STORE_CANDIDATES) else "no trust-store bundle NIOSSL knows here"
    elif name in NEEDS_PATH:
        yield None if NEEDS_PATH[name].exists() else f"no {NEEDS_PATH[name]} on this system"
    else:
        yield None


def allowed_path(server_binary):
    """stdio plus an HTTPS call to a fake Coolify, through the sandboxed real server."""
    sys.path.insert(0, str(HERE))
    from fake_coolify import FakeCoolify, make_ca

    with tempfile.TemporaryDirectory() as directory:
        fake = FakeCoolify(make_ca(pathlib.Path(directory))).start()
        try:
            env = {"PATH": "/usr/bin:/bin", "COOLIFY_BASE_URL": fake.base_url, "COOLIFY_ACCESS_TOKEN": "1|proofproofproof",
                   "COOLIFY_CA_FILE": str(pathlib.Path(directory) / "ca.pem")}
            lines = [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25"}},
                     {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "get_version"}}]
            done = subprocess.run([str(server_binary)], input="".join(json.dumps(m) + "\n" for m in lines),
                                  capture_output=True, text=True, env=env, timeout=30)
            replies = [json.loads(line) for line in done.stdout.splitlines()]
            version = replies[-1]["result"]["structuredContent"]["version"] if len(replies) == 2 else None
            ok = done.returncode == 0 and version == fake.version and fake.calls("GET", "/api/v1/version")
            return ("allowed" if ok else f"failed: exit {done.returncode}, {done.stderr.strip()[:200]}")
        finally:
            fake.stop()


def main():
    directory = bin_dir()
    probe_binary, server_binary = directory / "sandbox-probe", directory / "coolify-mcp"
    port, other = 8443, 8444
    rows, skipped = [], []
    for name, expected in list_probes(probe_binary):
        with arranged(name) as skip:
            if skip:
                skipped.append((name, skip))
                continue
            rows.append((name, expected, run_probe(probe_binary, name, port, other)))
    rows.append(("stdio and HTTPS to the fake Coolify (real server)", "allowed", allowed_path(server_binary)))
    width = max(len(name) for name, _, _ in rows)
    print(f"{'action'.ljust(width)}  {'expected':<8}  observed")
    for name, expected, observed in rows:
        mark = "" if observed == expected else "   <-- MISMATCH"
        print(f"{name.ljust(width)}  {expected:<8}  {observed}{mark}")
    for name, reason in skipped:
        print(f"skipped: {name}: {reason}")
    failed = sum(1 for _, expected, observed in rows if observed != expected)
    print(f"{len(rows) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
