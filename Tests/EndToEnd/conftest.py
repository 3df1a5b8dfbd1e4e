import json
import os
import pathlib
import queue
import secrets
import string
import subprocess
import threading
import time

import pytest

from fake_coolify import FakeCoolify, make_ca

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("COOLIFY_MCP_BIN", ROOT / ".build" / "debug" / "coolify-mcp"))


def new_token():
    return f"{secrets.randbelow(90) + 10}|" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(40))


@pytest.fixture(scope="session")
def ca_paths(tmp_path_factory):
    return make_ca(tmp_path_factory.mktemp("ca"))


@pytest.fixture
def coolify(ca_paths, request):
    fake = FakeCoolify(ca_paths).start()
    yield fake
    fake.stop()
    # Every refusal of the fake's check against Coolify's request shapes, by test, one JSON line
    # each, in the file $COOLIFY_MCP_REFUSALS names (if set): the worklist of a whole run.
    if fake.refused and os.environ.get("COOLIFY_MCP_REFUSALS"):
        with open(os.environ["COOLIFY_MCP_REFUSALS"], "a") as out:
            for method, path, status, errors in fake.refused:
                out.write(json.dumps({"test": request.node.nodeid, "method": method, "path": path,
                                      "status": status, "errors": errors}) + "\n")


def pytest_terminal_summary(terminalreporter):
    if FakeCoolify.validated_everywhere:
        terminalreporter.write_line(
            f"fake Coolify: {FakeCoolify.validated_everywhere} requests checked against Coolify's request shapes, "
            f"{len(FakeCoolify.refused_everywhere)} refused")


@pytest.fixture
def token():
    return new_token()


def wait_until(predicate, timeout=10, interval=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class Session:
    """The real binary, spawned as an MCP client spawns it, spoken to line by line."""

    def __init__(self, args, env):
        self.proc = subprocess.Popen([str(BINARY), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env)
        self.lines = queue.Queue()
        self.stdout_raw = bytearray()
        self.stderr_raw = bytearray()
        self.pending = {}
        self.readers = [threading.Thread(target=self._read_stdout, daemon=True),
                        threading.Thread(target=self._read_stderr, daemon=True)]
        for reader in self.readers:
            reader.start()
        self.next_id = 1

    def _read_stdout(self):
        for line in self.proc.stdout:
            self.stdout_raw.extend(line)
            self.lines.put(line)
        self.lines.put(None)

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.stderr_raw.extend(line)

    def send_raw(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        self.send_raw(json.dumps(message).encode() + b"\n")

    def request(self, method, params=None, id=None):
        if id is None:
            id = self.next_id
            self.next_id += 1
        message = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return id

    def read(self, timeout=10):
        line = self.lines.get(timeout=timeout)
        if line is None:
            raise EOFError("server closed stdout")
        return json.loads(line)

    def response(self, id, timeout=10):
        """The response for `id`; other messages seen meanwhile are kept for later."""
        if id in self.pending:
            return self.pending.pop(id)
        deadline = time.monotonic() + timeout
        while True:
            message = self.read(timeout=max(0.01, deadline - time.monotonic()))
            if message.get("id") == id and "method" not in message:
                return message
            self.pending[message.get("id")] = message

    def call(self, method, params=None, timeout=10):
        return self.response(self.request(method, params), timeout=timeout)

    def initialize(self):
        reply = self.call("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                         "clientInfo": {"name": "pytest", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return reply

    def tool(self, name, arguments=None, timeout=15):
        reply = self.call("tools/call", {"name": name, "arguments": arguments or {}}, timeout=timeout)
        assert "result" in reply, reply
        return reply["result"]

    def close(self, timeout=5):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            # A process that exits at once can beat the readers: let them take what it wrote.
            for reader in self.readers:
                reader.join(timeout=timeout)


@pytest.fixture
def base_env(coolify, ca_paths, token):
    return {"PATH": "/usr/bin:/bin", "COOLIFY_BASE_URL": coolify.base_url, "COOLIFY_ACCESS_TOKEN": token,
            "COOLIFY_CA_FILE": str(ca_paths["ca"]), "SWIFT_BACKTRACE": "enable=no"}


@pytest.fixture
def spawn(base_env):
    sessions = []

    def start(args=(), env=None, **overrides):
        environment = dict(base_env if env is None else env)
        environment.update(overrides)
        session = Session(list(args), environment)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        if session.proc.poll() is None:
            session.proc.kill()
            session.proc.wait()


@pytest.fixture
def mcp(spawn):
    session = spawn()
    session.initialize()
    return session
