"""The real Python MCP SDK (mcp 2.3.0) drives the binary, in both protocol eras: the legacy
initialize handshake and the stateless 2026-07-28 era reached through server/discover."""

import json
import subprocess

import anyio
import pytest
from mcp import Client, StdioServerParameters

from conftest import BINARY

EXPECTED_VERSION = {"legacy": "2025-11-25", "auto": "2026-07-28"}


def catalogue_names():
    listing = subprocess.run([str(BINARY), "--list-tools"], capture_output=True, text=True, timeout=30, check=True)
    return {tool["name"] for tool in json.loads(listing.stdout)}


def structured(result):
    assert not result.is_error, result
    content = result.structured_content
    assert isinstance(content, dict), result
    assert len(result.content) == 1 and result.content[0].type == "text", result
    assert json.loads(result.content[0].text) == content
    return content


@pytest.mark.parametrize("mode", ["legacy", "auto"])
def test_python_sdk_drives_the_binary(base_env, coolify, token, mode):
    seen = {}

    async def session():
        params = StdioServerParameters(command=str(BINARY), args=[], env=base_env)
        with anyio.fail_after(60):
            async with Client(params, mode=mode, read_timeout_seconds=20) as client:
                seen["protocol_version"] = client.protocol_version
                tools = await client.list_tools()
                seen["tools"] = {tool.name for tool in tools.tools}
                seen["version"] = structured(await client.call_tool("get_version", {}))
                seen["applications"] = structured(await client.call_tool("list_applications", {}))
                seen["create"] = await client.call_tool("env_vars", {"resource": "application", "action": "create",
                                                                     "uuid": "app0000uuid", "key": "NEW", "value": "v"})
                seen["error"] = await client.call_tool("get_server", {"uuid": "srv0001uuid", "reveal": True})

    anyio.run(session)

    assert seen["protocol_version"] == EXPECTED_VERSION[mode]
    assert {"get_version", "env_vars"} <= seen["tools"]
    # The SDK sees the whole catalogue through tools/list, in either era.
    assert seen["tools"] == catalogue_names() and len(seen["tools"]) >= 45
    assert seen["version"] == {"version": "4.0.0-beta.420"}
    apps = seen["applications"]["data"]
    assert isinstance(apps, list) and [app["uuid"] for app in apps] == ["app0000uuid", "app0001uuid", "app0002uuid"]
    assert seen["applications"]["total"] == 3

    create = seen["create"]
    assert not create.is_error, create
    assert structured(create) == {"uuid": "new3"}
    posts = coolify.calls("POST", "/api/v1/applications/app0000uuid/envs")
    assert len(posts) == 1
    assert json.loads(posts[0]["body"]) == {"key": "NEW", "value": "v"}
    assert posts[0]["headers"]["authorization"] == f"Bearer {token}"

    assert seen["error"].is_error is True
    assert "reveal" in seen["error"].content[0].text
