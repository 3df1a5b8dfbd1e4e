"""The forbidden-actions proof: runs every probe of `sandbox-probe` in its own process (each
installs the production sandbox first), then shows the allowed path still works: the real
server answers over stdio and makes an HTTPS call to a fake Coolify.

Used by scripts/sandbox-proof (a table for people) and by test_sandbox.py (assertions)."""

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
    """Returns what happened: an errno name, 'allowed', or 'SIGSYS' when the filter killed it."""
    done = subprocess.run([str(probe_binary), name, str(port), str(other_port)], capture_output=True, text=True,
                          timeout=30, stdin=subprocess.DEVNULL)
    if done.returncode == -signal.SIGSYS:
        return "SIGSYS"
    if done.returncode != 0:
        return f"exit {done.returncode}: {done.stdout.strip()} {done.stderr.strip()[:200]}"
    return done.stdout.strip()


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
    rows = [(name, expected, run_probe(probe_binary, name, port, other)) for name, expected in list_probes(probe_binary)]
    rows.append(("stdio and HTTPS to the fake Coolify (real server)", "allowed", allowed_path(server_binary)))
    width = max(len(name) for name, _, _ in rows)
    print(f"{'action'.ljust(width)}  {'expected':<8}  observed")
    for name, expected, observed in rows:
        mark = "" if observed == expected else "   <-- MISMATCH"
        print(f"{name.ljust(width)}  {expected:<8}  {observed}{mark}")
    failed = sum(1 for _, expected, observed in rows if observed != expected)
    print(f"{len(rows) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
