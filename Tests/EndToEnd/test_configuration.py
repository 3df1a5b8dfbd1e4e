"""End-to-end tests of startup configuration: environment variables, the token file, --header,
--help/--version and the CA bundle. A configuration error is one line on stderr naming the
variable or option (never the token), exit code 78, and nothing on stdout."""

import os
import re
import subprocess
import time

import pytest

from conftest import BINARY, wait_until

CONFIG_ERROR = 78
TOKEN_VAR = "COOLIFY_ACCESS_TOKEN"
TOKEN_FILE_VAR = "COOLIFY_ACCESS_TOKEN_FILE"
URL_VAR = "COOLIFY_BASE_URL"
CA_VAR = "COOLIFY_CA_FILE"


def run(env, args=(), timeout=15):
    """Runs the binary to its exit with stdin at EOF; returns the CompletedProcess."""
    return subprocess.run([str(BINARY), *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)


def env_with(base_env, remove=(), **changes):
    env = {k: v for k, v in base_env.items() if k not in remove}
    env.update(changes)
    return env


def assert_config_error(result, mentions, secrets=()):
    """Exit 78, no stdout, exactly one stderr line mentioning each of `mentions` and none of `secrets`."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == CONFIG_ERROR, (result.returncode, stderr)
    assert result.stdout == b"", result.stdout[:500]
    lines = stderr.splitlines()
    assert len(lines) == 1, lines
    assert stderr.endswith("\n"), stderr
    line = lines[0]
    assert "error" in line.lower(), line
    for word in mentions:
        assert word in line, (word, line)
    for secret in secrets:
        assert secret and secret.encode() not in result.stderr, (secret, line)
    return line




def initialized(session):
    reply = session.initialize()
    assert reply["result"]["serverInfo"]["name"] == "coolify-mcp", reply
    return session


def distinctive(tag):
    return f"41|e2e{tag}Zq8Xv7Rk3Lm9Np2Wt6Yb4Hc1Jd5"


# The token -----------------------------------------------------------------------------------

def test_token_missing(base_env, token):
    result = run(env_with(base_env, remove=(TOKEN_VAR, TOKEN_FILE_VAR)))
    assert_config_error(result, [TOKEN_VAR])


def test_token_empty(base_env):
    result = run(env_with(base_env, **{TOKEN_VAR: ""}))
    assert_config_error(result, [TOKEN_VAR])


@pytest.mark.parametrize("bad_token", [
    "41|e2eHalfOneQw7Rt Zx9HalfTwoMn3", "41|e2eHalfOneQw7Rt\nZx9HalfTwoMn3", "41|e2eHalfOneQw7Rt\tZx9HalfTwoMn3",
], ids=["space", "newline", "tab"])
def test_token_malformed_whitespace(base_env, bad_token):
    result = run(env_with(base_env, **{TOKEN_VAR: bad_token}))
    assert_config_error(result, [TOKEN_VAR], secrets=[bad_token, "e2eHalfOneQw7Rt", "Zx9HalfTwoMn3"])


@pytest.mark.parametrize("bad_token", ['41|e2eQuoteHalf"Zx9SecondHalf', "41|e2eSlashHalf\\Zx9SecondHalf"], ids=["quote", "backslash"])
def test_token_json_escaped_refused(base_env, bad_token):
    # JSON escaping would change these bytes on stdout, where the filter matches the raw ones.
    result = run(env_with(base_env, **{TOKEN_VAR: bad_token}))
    assert_config_error(result, [TOKEN_VAR], secrets=[bad_token, "Zx9SecondHalf"])


def test_token_unexpanded_placeholder(base_env):
    result = run(env_with(base_env, **{TOKEN_VAR: "${COOLIFY_TOKEN}"}))
    line = assert_config_error(result, [TOKEN_VAR], secrets=["${COOLIFY_TOKEN}", "{COOLIFY_TOKEN}"])
    assert "placeholder" in line or "${...}" in line, line


# COOLIFY_BASE_URL ----------------------------------------------------------------------------

def test_base_url_missing(base_env, token):
    result = run(env_with(base_env, remove=(URL_VAR,)))
    assert_config_error(result, [URL_VAR], secrets=[token])


@pytest.mark.parametrize("url", ["ftp://x", "http://example.com"], ids=["ftp", "http-not-loopback"])
def test_base_url_refused(base_env, token, url):
    result = run(env_with(base_env, **{URL_VAR: url}))
    assert_config_error(result, [URL_VAR], secrets=[token])


def test_base_url_with_credentials_refused_without_echo(base_env, token):
    # A distinctive user and password: the message may say "user:password@" in general terms,
    # but must not repeat what was given.
    result = run(env_with(base_env, **{URL_VAR: "https://alice9q:pw-Hunter2e2e@coolify.example.com"}))
    assert_config_error(result, [URL_VAR], secrets=[token, "pw-Hunter2e2e", "alice9q"])


@pytest.mark.parametrize("suffix", ["/api/v1", "/api/v1/"])
def test_base_url_with_api_suffix_accepted(spawn, coolify, suffix):
    session = initialized(spawn(**{URL_VAR: coolify.base_url + suffix}))
    result = session.tool("get_version")
    assert result.get("isError") is not True, result
    assert result["structuredContent"]["version"] == coolify.version
    assert [r["path"] for r in coolify.requests] == ["/api/v1/version"]


def test_base_url_http_loopback_accepted(spawn, coolify):
    session = initialized(spawn(**{URL_VAR: f"http://127.0.0.1:{coolify.port}"}))
    assert session.call("ping")["result"] == {}
    assert session.close() == 0


def test_base_url_http_localhost_accepted(spawn, coolify):
    # Exactly `localhost`, which resolves to loopback only here (checked before the sandbox).
    session = initialized(spawn(**{URL_VAR: f"http://localhost:{coolify.port}"}))
    assert session.call("ping")["result"] == {}
    assert session.close() == 0


@pytest.mark.parametrize("host", ["app.localhost", "coolify.dev.localhost"])
def test_base_url_http_localhost_subdomain_refused(base_env, token, host):
    # glibc resolves names under .localhost through DNS: the token could go in clear elsewhere.
    result = run(env_with(base_env, **{URL_VAR: f"http://{host}:8000"}))
    line = assert_config_error(result, [URL_VAR, ".localhost"], secrets=[token])
    assert "DNS" in line, line


# COOLIFY_ACCESS_TOKEN_FILE --------------------------------------------------------------------

def token_file(tmp_path, content, mode=0o600, name="token"):
    path = tmp_path / name
    path.write_bytes(content)
    os.chmod(path, mode)
    return path


def test_token_file_mode_600_works_and_newline_is_stripped(spawn, base_env, coolify, tmp_path, token):
    path = token_file(tmp_path, token.encode() + b"\n")
    env = env_with(base_env, remove=(TOKEN_VAR,), **{TOKEN_FILE_VAR: str(path)})
    session = initialized(spawn(env=env))
    result = session.tool("get_version")
    assert result.get("isError") is not True, result
    calls = coolify.calls("GET", "/api/v1/version")
    assert len(calls) == 1
    assert calls[0]["headers"]["authorization"] == f"Bearer {token}"


def test_token_file_mode_644_refused(base_env, tmp_path, token):
    path = token_file(tmp_path, token.encode() + b"\n", mode=0o644)
    result = run(env_with(base_env, remove=(TOKEN_VAR,), **{TOKEN_FILE_VAR: str(path)}))
    assert_config_error(result, [TOKEN_FILE_VAR, str(path), "0644"], secrets=[token, token.split("|")[1]])


def test_token_file_wins_over_variable(spawn, base_env, coolify, tmp_path, token):
    other = distinctive("Variable")
    path = token_file(tmp_path, token.encode() + b"\n")
    env = env_with(base_env, **{TOKEN_VAR: other, TOKEN_FILE_VAR: str(path)})
    session = initialized(spawn(env=env))
    assert session.tool("get_version").get("isError") is not True
    received = [r["headers"]["authorization"] for r in coolify.calls("GET", "/api/v1/version")]
    assert received == [f"Bearer {token}"]


def test_token_file_missing(base_env, tmp_path, token):
    # A path that names nothing is not shown: it may be a token pasted into the wrong variable.
    path = tmp_path / "does-not-exist"
    result = run(env_with(base_env, remove=(TOKEN_VAR,), **{TOKEN_FILE_VAR: str(path)}))
    assert_config_error(result, [TOKEN_FILE_VAR], secrets=[token, str(path)])


def test_token_file_holding_a_token_is_not_echoed(base_env, token):
    pasted = distinctive("PastedIntoFileVar")
    result = run(env_with(base_env, remove=(TOKEN_VAR,), **{TOKEN_FILE_VAR: pasted}))
    assert_config_error(result, [TOKEN_FILE_VAR], secrets=[pasted, pasted.split("|")[1]])


def test_ca_file_holding_a_token_is_not_echoed(base_env, token):
    pasted = distinctive("PastedIntoCaVar")
    result = run(env_with(base_env, **{CA_VAR: pasted}))
    assert_config_error(result, [CA_VAR], secrets=[pasted, pasted.split("|")[1], token])


def test_token_file_is_a_directory(base_env, tmp_path, token):
    directory = tmp_path / "tokendir"
    directory.mkdir(mode=0o700)
    result = run(env_with(base_env, remove=(TOKEN_VAR,), **{TOKEN_FILE_VAR: str(directory)}))
    assert_config_error(result, [TOKEN_FILE_VAR, str(directory)], secrets=[token])


# --header -------------------------------------------------------------------------------------

def test_extra_header_is_sent(spawn, coolify):
    session = initialized(spawn(args=["--header", "X-Extra: one"]))
    assert session.tool("get_version").get("isError") is not True
    (call,) = coolify.calls("GET", "/api/v1/version")
    assert call["headers"]["x-extra"] == "one"


def test_reserved_headers_are_dropped_with_a_warning(spawn, coolify, token):
    session = initialized(spawn(args=["--header", "Authorization: Bearer evil", "--header", "content-type: text/plain"]))
    result = session.tool("env_vars", {"action": "create", "resource": "application", "uuid": "app0000uuid",
                                       "key": "E2E_KEY", "value": "e2e-value"})
    assert result.get("isError") is not True, result
    (post,) = coolify.calls("POST", "/api/v1/applications/app0000uuid/envs")
    assert post["headers"]["authorization"] == f"Bearer {token}"
    assert post["headers"]["content-type"] == "application/json"
    assert "evil" not in str(post["headers"]) and "text/plain" not in str(post["headers"])
    assert session.close() == 0
    wait_until(lambda: bytes(session.stderr_raw).count(b"warning") >= 2, timeout=5)
    stderr = bytes(session.stderr_raw).decode()
    warnings = [line for line in stderr.splitlines() if "warning" in line.lower()]
    assert any("Authorization" in line for line in warnings), stderr
    assert any("content-type" in line for line in warnings), stderr
    assert "evil" not in stderr and "text/plain" not in stderr and token not in stderr


@pytest.mark.parametrize("header", ["X-Bad: a\rb", "Bad Name: x", "NoColon"], ids=["cr", "space-in-name", "no-colon"])
def test_malformed_header_refused(base_env, token, header):
    result = run(base_env, args=["--header", header])
    assert_config_error(result, ["--header"], secrets=[token])


# --help and --version -------------------------------------------------------------------------

def test_help(base_env):
    result = run(base_env, args=["--help"])
    assert result.returncode == 0, result
    stdout = result.stdout.decode()
    assert URL_VAR in stdout and TOKEN_VAR in stdout and "--header" in stdout


def test_version(base_env):
    result = run(base_env, args=["--version"])
    assert result.returncode == 0, result
    assert re.fullmatch(r"\s*\d+\.\d+\.\d+\S*\s*", result.stdout.decode()), result.stdout


# COOLIFY_CA_FILE ------------------------------------------------------------------------------

def test_ca_file_not_pem(base_env, tmp_path, token):
    path = tmp_path / "ca.pem"
    path.write_text("this is not a certificate\n")
    result = run(env_with(base_env, **{CA_VAR: str(path)}))
    assert_config_error(result, [CA_VAR], secrets=[token])


def test_ca_file_missing(base_env, tmp_path, token):
    path = tmp_path / "no-such-ca.pem"
    result = run(env_with(base_env, **{CA_VAR: str(path)}))
    assert_config_error(result, [CA_VAR], secrets=[token, str(path)])



def test_untrusted_certificate_is_a_tool_error_naming_ca_file(spawn, base_env, coolify, token):
    session = initialized(spawn(env=env_with(base_env, remove=(CA_VAR,))))
    # Generous: the HTTP client retries the handshake until its connect timeout (10 s).
    result = session.tool("get_version", timeout=30)
    assert result.get("isError") is True, result
    text = result["content"][0]["text"]
    assert "TLS" in text and CA_VAR in text, text
    assert token not in text


# Process arguments ----------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--header", "X-Secret-Header: hunter2-cmdline"],
                                  ["--header=X-Secret-Header: hunter2-cmdline"]], ids=["separate", "equals"])
def test_header_value_not_in_proc_cmdline(spawn, coolify, args):
    session = initialized(spawn(args=args))
    cmdline = open(f"/proc/{session.proc.pid}/cmdline", "rb").read()
    assert b"hunter2-cmdline" not in cmdline, cmdline
    # The header is still sent with the value given.
    assert session.tool("get_version").get("isError") is not True
    (call,) = coolify.calls("GET", "/api/v1/version")
    assert call["headers"]["x-secret-header"] == "hunter2-cmdline"


@pytest.mark.parametrize("args", [
    ["X-Api-Key: stray-secret-value-1"],                 # a header given without --header
    ["--timeout", "stray-secret-value-1"],               # a value where a number belongs
    ["--stray-secret-value-1"],                          # a token pasted as an option
    ["--read-only", "stray-secret-value-1"],
])
def test_a_mistyped_command_line_never_echoes_what_was_typed(base_env, args):
    result = run(base_env, args)
    assert result.returncode == 64, result
    out = result.stdout + result.stderr
    assert b"stray-secret-value-1" not in out, out
    assert b"<argument " in result.stderr, result.stderr
