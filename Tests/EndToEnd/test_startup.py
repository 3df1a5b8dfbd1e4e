"""The startup window and the extra headers: the constructor that runs before the Swift runtime
takes the token and the --header values out of /proc/PID/environ and /proc/PID/cmdline; header
values given by file or argument are sent, kept out of every output stream, and checked like the
token."""

import json
import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import BINARY, wait_until

NOBODY = 65534
CONFIG_ERROR = 78
HEADERS_FILE_VAR = "COOLIFY_HEADERS_FILE"


def secret_value(tag):
    return f"hdr-{tag}-Qm4Zt8Vx2Lp6Rk9Wn3Yc7"


# ---------------------------------------------------------------------------------------------
# The first observable moment
#
# COOLIFY_CA_FILE names a FIFO: the server's first blocking call is opening it, in Swift code,
# before the token read and the scrub of bfd50e5. While it waits there (we know it does once a
# non-blocking writer can open the FIFO), /proc shows what any same-user process could read from
# the start of the Swift program onwards. No timing is involved: the test waits for that state.


@pytest.mark.parametrize("form", ["separate", "equals"])
def test_token_and_header_gone_before_swift_runs(base_env, ca_paths, token, form):
    header = secret_value("fifo")
    workdir = tempfile.mkdtemp(prefix="coolify-mcp-e2e-")
    process = None
    try:
        os.chmod(workdir, 0o755)
        fifo = os.path.join(workdir, "ca.fifo")
        os.mkfifo(fifo, 0o666)
        os.chmod(fifo, 0o666)
        binary = str(BINARY)
        as_nobody = os.geteuid() == 0
        if as_nobody:
            binary = os.path.join(workdir, "coolify-mcp")
            shutil.copyfile(BINARY, binary)
            os.chmod(binary, 0o755)
        args = ["--header", f"X-Probe: {header}"] if form == "separate" else [f"--header=X-Probe: {header}"]
        env = dict(base_env, COOLIFY_CA_FILE=fifo)
        extra = {"user": NOBODY, "group": NOBODY, "extra_groups": []} if as_nobody else {}
        process = subprocess.Popen([binary, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=env, cwd=workdir, **extra)
        writer = None

        def reader_waiting():
            nonlocal writer
            try:
                writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                return True
            except OSError:
                return process.poll() is not None

        assert wait_until(reader_waiting, timeout=30), "the server never opened COOLIFY_CA_FILE"
        assert writer is not None, f"the server ended early: {process.communicate()}"
        environ = open(f"/proc/{process.pid}/environ", "rb").read()
        cmdline = open(f"/proc/{process.pid}/cmdline", "rb").read()
        assert token.encode() not in environ, "the token is still in /proc/PID/environ"
        assert token.split("|", 1)[1].encode() not in environ
        assert b"COOLIFY_ACCESS_TOKEN=" not in environ
        assert header.encode() not in cmdline, cmdline
        assert b"X-Probe:" in cmdline, cmdline  # the name stays; it is not secret
        if as_nobody:
            # Not dumpable: /proc/PID/environ belongs to root, not to the server's uid.
            assert os.stat(f"/proc/{process.pid}/environ").st_uid == 0
        # Let it go on: the CA bundle arrives, the server starts and answers.
        with open(ca_paths["ca"], "rb") as file:
            os.write(writer, file.read())
        os.close(writer)
        ping = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "ping"}).encode() + b"\n"
        stdout, stderr = process.communicate(input=ping, timeout=30)
        assert process.returncode == 0, stderr
        assert b'"id":1' in stdout, (stdout, stderr)
        assert header.encode() not in stdout + stderr and token.encode() not in stdout + stderr
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def test_commands_that_need_no_token_still_work_without_one():
    env = {"PATH": "/usr/bin:/bin"}
    for args in (["--version"], ["--help"], ["--list-tools"]):
        result = subprocess.run([str(BINARY), *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout, args


def test_version_with_secrets_present_wipes_them_and_exits_cleanly(base_env, token):
    result = subprocess.run([str(BINARY), "--version"], env=base_env, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    assert result.returncode == 0 and result.stderr == b"", result


# ---------------------------------------------------------------------------------------------
# COOLIFY_HEADERS_FILE


def headers_file(tmp_path, text, mode=0o600):
    path = tmp_path / "headers"
    path.write_text(text)
    os.chmod(path, mode)
    return path


def run(env, args=()):
    return subprocess.run([str(BINARY), *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)


def single_error_line(result):
    assert result.returncode == CONFIG_ERROR, result
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_headers_file_is_sent(spawn, coolify, tmp_path):
    secret = secret_value("file")
    path = headers_file(tmp_path, f"# Cloudflare Access\n\nCF-Access-Client-Id: client.access\r\nCF-Access-Client-Secret: {secret}\n")
    session = spawn(**{HEADERS_FILE_VAR: str(path)})
    session.initialize()
    assert session.tool("get_version").get("isError") is not True
    (call,) = coolify.calls("GET", "/api/v1/version")
    assert call["headers"]["cf-access-client-id"] == "client.access"
    assert call["headers"]["cf-access-client-secret"] == secret


def test_headers_file_readable_by_others_refused(base_env, tmp_path, token):
    secret = secret_value("mode")
    path = headers_file(tmp_path, f"X-Key: {secret}\n", mode=0o644)
    line = single_error_line(run(dict(base_env, **{HEADERS_FILE_VAR: str(path)})))
    assert HEADERS_FILE_VAR in line and str(path) in line and "0644" in line, line
    assert secret not in line and token not in line


def test_headers_file_missing_is_not_echoed(base_env):
    # A value pasted into the variable instead of a path: it names no file, so it is not shown.
    secret = secret_value("pasted")
    line = single_error_line(run(dict(base_env, **{HEADERS_FILE_VAR: secret})))
    assert HEADERS_FILE_VAR in line and secret not in line, line


def test_headers_file_bad_line_names_the_line_not_the_value(base_env, tmp_path):
    secret = secret_value("badline")
    path = headers_file(tmp_path, f"X-Good: fine\n{secret}\n")
    line = single_error_line(run(dict(base_env, **{HEADERS_FILE_VAR: str(path)})))
    assert HEADERS_FILE_VAR in line and "line 2" in line and secret not in line, line


@pytest.mark.parametrize("value", ['abc"defgh-quoted', "abc\\defgh-backslash", "abc\tdefgh-tab"],
                         ids=["quote", "backslash", "tab"])
def test_header_value_the_filter_could_not_see_is_refused(base_env, value):
    line = single_error_line(run(base_env, args=["--header", f"X-Key: {value}"]))
    assert "--header" in line and "X-Key" in line and value not in line, line


# ---------------------------------------------------------------------------------------------
# A proxy that echoes the request headers


@pytest.mark.parametrize("via", ["argument", "file"])
def test_echoed_header_values_never_reach_the_client(spawn, coolify, tmp_path, token, via):
    secret = secret_value("echo" + via)
    if via == "file":
        session = spawn(**{HEADERS_FILE_VAR: str(headers_file(tmp_path, f"CF-Access-Client-Secret: {secret}\n"))})
    else:
        session = spawn(args=["--header", f"CF-Access-Client-Secret: {secret}"])
    session.initialize()

    def echo_error(record):
        value = record["headers"]["cf-access-client-secret"]
        return 403, {}, json.dumps({"message": f"Forbidden: access denied for {value}", "error": value}).encode()

    def echo_success(record):
        return 200, {}, json.dumps([{"uuid": "app0000uuid", "name": "echo", "description": json.dumps(record["headers"]),
                                     "fqdn": record["headers"]["cf-access-client-secret"]}]).encode()

    coolify.overrides[("GET", "/api/v1/applications/app0000uuid")] = echo_error
    first = session.tool("get_application", {"uuid": "app0000uuid"})
    coolify.overrides[("GET", "/api/v1/applications")] = echo_success
    second = session.tool("list_applications")
    assert first.get("isError") is True, first
    assert "isError" not in second or second["isError"] is not True, second
    assert all(call["headers"]["cf-access-client-secret"] == secret for call in coolify.requests)
    assert session.close() == 0
    for stream, blob in (("stdout", bytes(session.stdout_raw)), ("stderr", bytes(session.stderr_raw))):
        assert secret.encode() not in blob, stream
        assert token.encode() not in blob, stream
    assert b"echo" in bytes(session.stdout_raw)  # the 2xx answer did reach the client, redacted
