"""The catalogue as the binary prints it, and the README kept equal to it."""

import json
import subprocess

from conftest import BINARY, ROOT


def run(*args):
    done = subprocess.run([str(BINARY), *args], capture_output=True, text=True, timeout=30, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_list_tools_prints_the_catalogue_as_json_without_configuration():
    tools = json.loads(run("--list-tools"))
    names = [tool["name"] for tool in tools]
    assert "env_vars" in names and len(names) == len(set(names))
    for tool in tools:
        assert tool["inputSchema"]["type"] == "object"
        assert set(tool.get("annotations", {})) <= {"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"}
        assert tool["title"] and tool["description"]


def test_readme_tool_table_equals_the_catalogue():
    readme = (ROOT / "README.md").read_text()
    begin = readme.index("<!-- tools:begin")
    start = readme.index("\n", begin) + 1
    end = readme.index("<!-- tools:end -->")
    assert readme[start:end] == run("--list-tools", "--markdown")


def tool_names(session):
    return [tool["name"] for tool in session.call("tools/list")["result"]["tools"]]


def test_read_only_keeps_reads_and_refuses_writes(spawn, coolify):
    session = spawn(["--read-only"])
    session.initialize()
    tools = {tool["name"]: tool for tool in session.call("tools/list")["result"]["tools"]}
    assert "bulk_env_update" not in tools
    assert tools["env_vars"]["inputSchema"]["properties"]["action"]["enum"] == ["list"]
    assert tools["env_vars"]["annotations"]["readOnlyHint"] is True
    listed = session.tool("env_vars", {"resource": "application", "action": "list", "uuid": "app0000uuid"})
    assert "isError" not in listed
    refused = session.tool("env_vars", {"resource": "application", "action": "create", "uuid": "app0000uuid", "key": "K", "value": "V"})
    assert refused["isError"] is True and "--read-only" in refused["content"][0]["text"]
    assert not coolify.calls("POST")
    instructions = session.call("initialize", {"protocolVersion": "2025-11-25"})["result"]["instructions"]
    assert "Read-only mode" in instructions
    # The mixed tools left in read-only mode are described as reads, writes are not offered.
    read_line = next(line for line in instructions.splitlines() if line.startswith("Read: "))
    assert "env_vars" in read_line and "deployment" in read_line and "bulk_env_update" not in instructions


def test_tools_and_toolsets_narrow_the_list(spawn):
    session = spawn(["--tools", "get_version,env_vars"])
    session.initialize()
    assert tool_names(session) == ["get_version", "env_vars"]
    assert session.call("tools/call", {"name": "list_servers"})["error"]["code"] == -32602
    other = spawn(["--toolsets", "servers"])
    other.initialize()
    servers = tool_names(other)
    assert servers[:2] == ["list_servers", "get_server"] and "server" in servers and "get_version" not in servers


def test_unknown_tool_names_stop_startup(spawn):
    session = spawn(["--tools", "get_version,nope"])
    assert session.proc.wait(timeout=10) == 78
    session.close()
    assert "--tools" in session.stderr_raw.decode() and "nope" in session.stderr_raw.decode()
