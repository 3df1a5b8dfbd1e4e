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
        assert set(tool["annotations"]) >= {"title", "readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"}


def test_readme_tool_table_equals_the_catalogue():
    readme = (ROOT / "README.md").read_text()
    begin = readme.index("<!-- tools:begin")
    start = readme.index("\n", begin) + 1
    end = readme.index("<!-- tools:end -->")
    assert readme[start:end] == run("--list-tools", "--markdown")
