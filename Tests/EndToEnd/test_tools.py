"""Every tool of the catalogue, driven through the real binary against the fake Coolify.

Each test checks both sides: what the tool returned (structuredContent, its JSON text, masking)
and what the fake received (method, path, JSON body)."""

import json
import re
import subprocess

import pytest

from conftest import BINARY
from fake_coolify import PLANTED

MASK = "***"
SUMMARY_FIELDS = {"uuid", "name", "status", "fqdn", "git_repository", "git_branch"}
ABILITIES = ("read", "write", "deploy", "read:sensitive", "root")


# ---------------------------------------------------------------------------------------------
# Helpers


def ok(result):
    """A successful tool result: no isError, structuredContent present, text is its JSON."""
    assert result.get("isError") in (None, False), result
    assert "structuredContent" in result, result
    content = result["content"]
    assert isinstance(content, list) and len(content) == 1, result
    assert content[0]["type"] == "text", result
    assert json.loads(content[0]["text"]) == result["structuredContent"], result
    return result["structuredContent"]


def failed(result):
    """A failed tool result: isError true and a readable sentence in the text content."""
    assert result.get("isError") is True, result
    content = result["content"]
    assert isinstance(content, list) and content and content[0]["type"] == "text", result
    text = content[0]["text"]
    assert isinstance(text, str) and text.strip(), result
    return text


def dump(value):
    return json.dumps(value, ensure_ascii=False)


def body_json(record):
    assert record["body"], record
    assert record["headers"].get("content-type", "").startswith("application/json"), record["headers"]
    return json.loads(record["body"])


def only_call(coolify, method, path):
    calls = coolify.calls(method, path)
    assert len(calls) == 1, (method, path, [(r["method"], r["path"]) for r in coolify.requests])
    return calls[0]


# ---------------------------------------------------------------------------------------------
# Meta


def test_get_version(mcp, coolify, token):
    data = ok(mcp.tool("get_version"))
    assert data == {"version": "4.0.0-beta.420"}
    record = only_call(coolify, "GET", "/api/v1/version")
    assert record["headers"]["authorization"] == f"Bearer {token}"
    assert record["body"] == b""


def test_get_mcp_version_is_local(mcp, coolify):
    data = ok(mcp.tool("get_mcp_version"))
    expected = subprocess.run([str(BINARY), "--version"], capture_output=True, timeout=20, env={"PATH": "/usr/bin:/bin"})
    assert expected.returncode == 0, expected
    assert data == {"name": "coolify-mcp", "version": expected.stdout.decode().strip()}
    assert coolify.requests == []


# ---------------------------------------------------------------------------------------------
# Applications


def test_list_applications_summaries(mcp, coolify):
    data = ok(mcp.tool("list_applications"))
    assert data["total"] == 3
    assert data["page"] == 1
    assert "next" not in data
    assert len(data["data"]) == 3
    for item, app in zip(data["data"], coolify.estate["applications"]):
        assert set(item) == SUMMARY_FIELDS, item
        assert item == {field: app[field] for field in SUMMARY_FIELDS}
    text = dump(data)
    for value in PLANTED.values():
        assert value not in text
    record = only_call(coolify, "GET", "/api/v1/applications")
    assert record["body"] == b""


def test_list_applications_pagination(mcp, coolify):
    first = ok(mcp.tool("list_applications", {"per_page": 2}))
    assert [item["uuid"] for item in first["data"]] == ["app0000uuid", "app0001uuid"]
    assert first["total"] == 3
    assert first["per_page"] == 2
    assert first["next"] == {"tool": "list_applications", "arguments": {"page": 2, "per_page": 2}}

    second = ok(mcp.tool(first["next"]["tool"], first["next"]["arguments"]))
    assert [item["uuid"] for item in second["data"]] == ["app0002uuid"]
    assert set(second["data"][0]) == SUMMARY_FIELDS
    assert second["total"] == 3
    assert second["page"] == 2
    assert "next" not in second


@pytest.mark.parametrize("per_page", [0, 500])
def test_list_applications_rejects_bad_per_page(mcp, per_page):
    text = failed(mcp.tool("list_applications", {"per_page": per_page}))
    assert "per_page" in text


def test_get_application_masks_secrets(mcp, coolify):
    data = ok(mcp.tool("get_application", {"uuid": "app0000uuid"}))
    assert data["uuid"] == "app0000uuid"
    assert data["name"] == "app-0"
    assert data["fqdn"] == "https://app0.example.test"
    assert data["manual_webhook_secret_github"] == MASK
    assert data["manual_webhook_secret_gitlab"] == MASK
    assert data["manual_webhook_secret_bitbucket"] is None
    assert data["http_basic_auth_password"] == MASK
    assert data["is_http_basic_auth_enabled"] is True
    assert data["docker_compose_raw"] == MASK
    assert data["custom_labels"] == MASK
    env = data["environment_variables"]
    assert len(env) == 1 and env[0]["key"] == "DATABASE_URL"
    assert env[0]["value"] == MASK and env[0]["real_value"] == MASK
    server = data["destination"]["server"]
    assert server["uuid"] == "srv0001uuid"
    assert server["private_key"] == MASK
    text = dump(data)
    for value in PLANTED.values():
        assert value not in text
    assert "planted-private-key-material-9a9a" not in text
    only_call(coolify, "GET", "/api/v1/applications/app0000uuid")


def test_get_application_reveal(mcp, coolify):
    data = ok(mcp.tool("get_application", {"uuid": "app0000uuid", "reveal": True}))
    assert data["manual_webhook_secret_github"] == PLANTED["webhook_github"]
    assert data["http_basic_auth_password"] == PLANTED["basic_auth"]
    assert data["docker_compose_raw"] == PLANTED["compose"]
    assert data["custom_labels"] == PLANTED["labels"]
    env = data["environment_variables"][0]
    assert env["value"] == PLANTED["env_value"]
    assert env["real_value"] == PLANTED["env_real_value"]
    assert data["destination"]["server"]["private_key"] == MASK
    text = dump(data)
    assert "planted-private-key-material-9a9a" not in text
    for name in ("sentinel", "logdrain", "private_key"):
        assert PLANTED[name] not in text


def test_get_application_unknown_uuid(mcp, coolify):
    text = failed(mcp.tool("get_application", {"uuid": "nosuchapp"}))
    assert "404" in text
    only_call(coolify, "GET", "/api/v1/applications/nosuchapp")


# ---------------------------------------------------------------------------------------------
# Servers


def test_list_servers(mcp, coolify):
    data = ok(mcp.tool("list_servers"))
    assert data["total"] == 1
    assert data["data"] == [{"uuid": "srv0001uuid", "name": "main", "ip": "203.0.113.10",
                             "is_reachable": True, "is_usable": True}]
    only_call(coolify, "GET", "/api/v1/servers")


def test_get_server_masks_always(mcp, coolify):
    data = ok(mcp.tool("get_server", {"uuid": "srv0001uuid"}))
    assert data["uuid"] == "srv0001uuid"
    assert data["ip"] == "203.0.113.10"
    settings = data["settings"]
    assert settings["is_reachable"] is True
    assert settings["sentinel_token"] == MASK
    for name in ("logdrain_axiom_api_key", "logdrain_newrelic_license_key", "logdrain_custom_config"):
        assert settings[name] == MASK, name
    text = dump(data)
    assert PLANTED["sentinel"] not in text
    assert PLANTED["logdrain"] not in text
    only_call(coolify, "GET", "/api/v1/servers/srv0001uuid")


def test_get_server_has_no_reveal(mcp, coolify):
    text = failed(mcp.tool("get_server", {"uuid": "srv0001uuid", "reveal": True}))
    assert "unknown argument" in text.lower()
    assert "reveal" in text
    assert PLANTED["sentinel"] not in text and PLANTED["logdrain"] not in text
    assert coolify.requests == []


# ---------------------------------------------------------------------------------------------
# Environment variables: reads


def test_env_vars_list_masks_every_value(mcp, coolify):
    data = ok(mcp.tool("env_vars", {"resource": "application", "action": "list", "uuid": "app0000uuid"}))
    assert data["total"] == 3
    assert [row["uuid"] for row in data["data"]] == ["env0a", "env0b", "env0c"]
    for row in data["data"]:
        assert row["value"] == MASK and row["real_value"] == MASK, row
    text = dump(data)
    assert PLANTED["env_value"] not in text and PLANTED["env_real_value"] not in text
    only_call(coolify, "GET", "/api/v1/applications/app0000uuid/envs")


def test_env_vars_list_filters_by_key(mcp, coolify):
    data = ok(mcp.tool("env_vars", {"resource": "application", "action": "list", "uuid": "app0000uuid",
                                    "key": "DATABASE_URL"}))
    assert data["total"] == 2
    rows = data["data"]
    assert [row["uuid"] for row in rows] == ["env0a", "env0c"]
    assert {row["key"] for row in rows} == {"DATABASE_URL"}
    assert [row["is_preview"] for row in rows] == [False, True]
    for row in rows:
        assert row["value"] == MASK and row["real_value"] == MASK


def test_env_vars_list_reveal_one_key(mcp, coolify):
    data = ok(mcp.tool("env_vars", {"resource": "application", "action": "list", "uuid": "app0000uuid",
                                    "key": "DATABASE_URL", "reveal": True}))
    rows = {row["uuid"]: row for row in data["data"]}
    assert set(rows) == {"env0a", "env0c"}
    assert rows["env0a"]["value"] == PLANTED["env_value"]
    assert rows["env0a"]["real_value"] == PLANTED["env_real_value"]
    assert rows["env0c"]["value"] == PLANTED["env_value"] + "-preview"
    assert rows["env0c"]["real_value"] == PLANTED["env_value"] + "-preview"
    text = dump(data)
    assert "API_KEY" not in text
    assert PLANTED["env_value"] + "-2" not in text


@pytest.mark.parametrize("tool", ["env_vars", "shared_env_vars"])
def test_reveal_with_key_on_a_wrapped_list_reveals_only_that_key(mcp, coolify, tool):
    # bfd50e5: a list wrapped as {"data": [...]} went out whole, with every value revealed.
    rows = [{"uuid": "w1", "key": "DATABASE_URL", "value": "wanted-wrapped-value", "real_value": "wanted-wrapped-value"},
            {"uuid": "w2", "key": "API_KEY", "value": PLANTED["env_value"], "real_value": PLANTED["env_real_value"]},
            {"uuid": "w3", "key": "OTHER", "value": PLANTED["team_env_value"], "real_value": PLANTED["team_env_value"]}]
    if tool == "env_vars":
        path, arguments = "/api/v1/applications/app0000uuid/envs", {"resource": "application", "uuid": "app0000uuid"}
    else:
        path, arguments = "/api/v1/team/envs", {"scope": "team"}
    coolify.overrides[("GET", path)] = (200, {}, json.dumps({"data": rows}).encode())
    data = ok(mcp.tool(tool, {**arguments, "action": "list", "key": "DATABASE_URL", "reveal": True}))
    assert [row["value"] for row in data["data"]] == ["wanted-wrapped-value"]
    text = dump(data)
    for value in (PLANTED["env_value"], PLANTED["env_real_value"], PLANTED["team_env_value"]):
        assert value not in text


def test_reveal_on_an_unexpected_variable_shape_fails_closed(mcp, coolify):
    # Neither a list nor {"data": [...]}: nothing is revealed, and the result says why.
    body = {"variables": [{"key": "DATABASE_URL", "value": PLANTED["env_value"]}]}
    coolify.overrides[("GET", "/api/v1/applications/app0000uuid/envs")] = (200, {}, json.dumps(body).encode())
    data = ok(mcp.tool("env_vars", {"resource": "application", "uuid": "app0000uuid", "action": "list",
                                    "key": "DATABASE_URL", "reveal": True}))
    assert PLANTED["env_value"] not in dump(data)
    assert data["not_revealed"].startswith("Not revealed")


def test_system_list_resources_full_reveals_nothing(mcp, coolify):
    # bfd50e5: include_full with reveal returned every revealable secret of every resource.
    coolify.overrides[("GET", "/api/v1/resources")] = (200, {}, json.dumps(coolify.estate["applications"]).encode())
    data = ok(mcp.tool("system", {"action": "list_resources", "include_full": True, "reveal": True}))
    text = dump(data)
    for name, value in PLANTED.items():
        if "\n" not in value:
            assert value not in text, name
    assert data["not_revealed"].startswith("Not revealed")


def test_env_vars_reveal_needs_key(mcp, coolify):
    text = failed(mcp.tool("env_vars", {"resource": "application", "action": "list", "uuid": "app0000uuid",
                                        "reveal": True}))
    assert "key" in text
    assert PLANTED["env_value"] not in text
    assert coolify.requests == []


def test_env_vars_unknown_resource(mcp, coolify):
    text = failed(mcp.tool("env_vars", {"resource": "server", "action": "list", "uuid": "srv0001uuid"}))
    assert "resource" in text
    assert coolify.requests == []


@pytest.mark.parametrize("uuid", ["../servers", "..", "app0000uuid/../../servers", "a?b", "a b"])
def test_env_vars_rejects_path_traversal(mcp, coolify, uuid):
    text = failed(mcp.tool("env_vars", {"resource": "application", "action": "list", "uuid": uuid}))
    assert "uuid" in text
    assert coolify.requests == []


@pytest.mark.parametrize("resource, collection, uuid, planted", [
    ("service", "services", "svc0001uuid", PLANTED["env_value"] + "-svc"),
    ("database", "databases", "db00001uuid", PLANTED["db_env_value"]),
])
def test_env_vars_list_other_resources(mcp, coolify, resource, collection, uuid, planted):
    data = ok(mcp.tool("env_vars", {"resource": resource, "action": "list", "uuid": uuid}))
    assert data["total"] == 1
    assert data["data"][0]["value"] == MASK and data["data"][0]["real_value"] == MASK
    assert planted not in dump(data)
    only_call(coolify, "GET", f"/api/v1/{collection}/{uuid}/envs")


# ---------------------------------------------------------------------------------------------
# Environment variables: writes


def test_env_vars_create(mcp, coolify):
    data = ok(mcp.tool("env_vars", {"resource": "application", "action": "create", "uuid": "app0000uuid",
                                    "key": "NEW_VAR", "value": "new-value-1", "is_preview": False, "is_literal": True}))
    assert data == {"uuid": "new3"}
    record = only_call(coolify, "POST", "/api/v1/applications/app0000uuid/envs")
    assert body_json(record) == {"key": "NEW_VAR", "value": "new-value-1", "is_preview": False, "is_literal": True}
    assert [r["key"] for r in coolify.estate["envs"][("applications", "app0000uuid")]][-1] == "NEW_VAR"


def test_env_vars_update(mcp, coolify):
    data = ok(mcp.tool("env_vars", {"resource": "application", "action": "update", "uuid": "app0000uuid",
                                    "key": "API_KEY", "value": "updated-value-2"}))
    assert data["key"] == "API_KEY"
    assert data["value"] == MASK and data["real_value"] == MASK
    assert "updated-value-2" not in dump(data)
    record = only_call(coolify, "PATCH", "/api/v1/applications/app0000uuid/envs")
    assert body_json(record) == {"key": "API_KEY", "value": "updated-value-2"}


def test_env_vars_delete(mcp, coolify):
    data = ok(mcp.tool("env_vars", {"resource": "application", "action": "delete", "uuid": "app0000uuid",
                                    "env_uuid": "env0b"}))
    assert data == {"message": "Environment variable deleted."}
    record = only_call(coolify, "DELETE", "/api/v1/applications/app0000uuid/envs/env0b")
    assert record["body"] == b""
    assert [r["uuid"] for r in coolify.estate["envs"][("applications", "app0000uuid")]] == ["env0a", "env0c"]


def test_env_vars_delete_rejects_bad_env_uuid(mcp, coolify):
    text = failed(mcp.tool("env_vars", {"resource": "application", "action": "delete", "uuid": "app0000uuid",
                                        "env_uuid": "../../servers/srv0001uuid"}))
    assert "env_uuid" in text
    assert coolify.requests == []


def test_env_vars_bulk_update(mcp, coolify):
    items = [{"key": "A_VAR", "value": "a-1"}, {"key": "B_VAR", "value": "b-2", "is_literal": True}]
    data = ok(mcp.tool("env_vars", {"resource": "application", "action": "bulk_update", "uuid": "app0000uuid",
                                    "data": items}))
    assert "result" in data and len(data["result"]) == 2
    assert [row["key"] for row in data["result"]] == ["A_VAR", "B_VAR"]
    assert all(row["value"] == MASK for row in data["result"])
    record = only_call(coolify, "PATCH", "/api/v1/applications/app0000uuid/envs/bulk")
    assert body_json(record) == {"data": items}


def test_env_vars_write_needs_arguments(mcp, coolify):
    text = failed(mcp.tool("env_vars", {"resource": "application", "action": "create", "uuid": "app0000uuid",
                                        "key": "ONLY_KEY"}))
    assert "value" in text
    assert coolify.requests == []


def test_env_vars_service_create(mcp, coolify):
    ok(mcp.tool("env_vars", {"resource": "service", "action": "create", "uuid": "svc0001uuid",
                             "key": "SVC_VAR", "value": "svc-value"}))
    record = only_call(coolify, "POST", "/api/v1/services/svc0001uuid/envs")
    assert body_json(record) == {"key": "SVC_VAR", "value": "svc-value"}


def test_env_vars_service_delete(mcp, coolify):
    ok(mcp.tool("env_vars", {"resource": "service", "action": "delete", "uuid": "svc0001uuid", "env_uuid": "envs1"}))
    only_call(coolify, "DELETE", "/api/v1/services/svc0001uuid/envs/envs1")


def test_env_vars_database_update(mcp, coolify):
    data = ok(mcp.tool("env_vars", {"resource": "database", "action": "update", "uuid": "db00001uuid",
                                    "key": "POSTGRES_PASSWORD", "value": "db-new-pw", "is_multiline": False}))
    assert "db-new-pw" not in dump(data)
    record = only_call(coolify, "PATCH", "/api/v1/databases/db00001uuid/envs")
    assert body_json(record) == {"key": "POSTGRES_PASSWORD", "value": "db-new-pw", "is_multiline": False}


def test_env_vars_database_bulk_update(mcp, coolify):
    items = [{"key": "DB_A", "value": "1"}]
    ok(mcp.tool("env_vars", {"resource": "database", "action": "bulk_update", "uuid": "db00001uuid", "data": items}))
    record = only_call(coolify, "PATCH", "/api/v1/databases/db00001uuid/envs/bulk")
    assert body_json(record) == {"data": items}


# ---------------------------------------------------------------------------------------------
# bulk_env_update

APPS = ["app0000uuid", "app0001uuid", "app0002uuid"]
BULK_VALUE = "bulk-secret-value-c0ffee-7c7c"


def test_bulk_env_update(mcp, coolify):
    result = mcp.tool("bulk_env_update", {"app_uuids": APPS, "key": "SHARED_SECRET", "value": BULK_VALUE})
    data = ok(result)
    assert data["summary"] == {"total": 3, "succeeded": 3, "failed": 0}
    assert data["succeeded"] == [{"uuid": uuid} for uuid in APPS]
    assert data["failed"] == []
    assert BULK_VALUE not in dump(result)
    for uuid in APPS:
        record = only_call(coolify, "PATCH", f"/api/v1/applications/{uuid}/envs")
        assert body_json(record) == {"key": "SHARED_SECRET", "value": BULK_VALUE}
    assert len(coolify.requests) == 3
    assert BULK_VALUE.encode() not in bytes(mcp.stdout_raw)


def test_bulk_env_update_partial_failure(mcp, coolify):
    coolify.overrides[("PATCH", "/api/v1/applications/app0001uuid/envs")] = (500, {}, b'{"message":"Server Error"}')
    result = mcp.tool("bulk_env_update", {"app_uuids": APPS, "key": "SHARED_SECRET", "value": BULK_VALUE})
    data = ok(result)
    assert data["summary"] == {"total": 3, "succeeded": 2, "failed": 1}
    assert data["succeeded"] == [{"uuid": "app0000uuid"}, {"uuid": "app0002uuid"}]
    assert len(data["failed"]) == 1
    failure = data["failed"][0]
    assert failure["uuid"] == "app0001uuid"
    assert "500" in failure["error"] and len(failure["error"]) > 20
    assert BULK_VALUE not in dump(result)
    for uuid in APPS:
        assert body_json(only_call(coolify, "PATCH", f"/api/v1/applications/{uuid}/envs"))["value"] == BULK_VALUE


def test_bulk_env_update_rejects_bad_uuid(mcp, coolify):
    text = failed(mcp.tool("bulk_env_update", {"app_uuids": ["app0000uuid", "../servers"], "key": "K", "value": "v"}))
    assert "app_uuids" in text
    assert coolify.requests == []


# ---------------------------------------------------------------------------------------------
# Coolify errors become sentences; the token never comes back

STATUS_CASES = {
    401: lambda text: "401" in text and "token" in text.lower(),
    403: lambda text: "403" in text and all(ability in text for ability in ABILITIES),
    404: lambda text: "404" in text,
    422: lambda text: "422" in text,
    429: lambda text: "429" in text and re.search(r"\b7\b", text) is not None,
    500: lambda text: "500" in text,
    502: lambda text: "502" in text,
    503: lambda text: "503" in text,
}


def echo_override(status, body_kind):
    def answer(record):
        auth = record["headers"]["authorization"]
        headers = {"Retry-After": "7"} if status == 429 else {}
        if body_kind == "json":
            body = {"message": f"Request with {auth} refused; header was Authorization: {auth}"}
            if status == 422:
                body["errors"] = {"name": [f"The name field is required ({auth})."], "fqdn": ["Bad " + auth]}
            return status, headers, json.dumps(body).encode()
        headers["Content-Type"] = "text/plain"
        return status, headers, f"upstream said: Authorization: {auth}\nraw {auth.split(' ', 1)[1]}".encode()
    return answer


@pytest.mark.parametrize("body_kind", ["json", "text"])
@pytest.mark.parametrize("status", sorted(STATUS_CASES))
def test_coolify_errors_become_sentences(mcp, coolify, token, status, body_kind):
    coolify.overrides[("GET", "/api/v1/applications/app0000uuid")] = echo_override(status, body_kind)
    result = mcp.tool("get_application", {"uuid": "app0000uuid"})
    text = failed(result)
    assert STATUS_CASES[status](text), text
    if status == 422 and body_kind == "json":
        assert "name" in text and "fqdn" in text, text
    record = only_call(coolify, "GET", "/api/v1/applications/app0000uuid")
    assert record["headers"]["authorization"] == f"Bearer {token}"
    whole = dump(result)
    assert token not in whole
    assert token.split("|", 1)[1] not in whole
    assert token.encode() not in bytes(mcp.stdout_raw)


def test_bulk_env_update_refuses_dot_segments(mcp, coolify):
    result = mcp.tool("bulk_env_update", {"app_uuids": ["app0000uuid", ".."], "key": "K", "value": "V"})
    assert result.get("isError") is True and "app_uuids" in result["content"][0]["text"]
    assert not coolify.calls("PATCH")
