"""Every tool and every action of the catalogue, through the real binary, against the fake
Coolify that serves every operation of the committed list with secrets planted in it.

The list of actions and the calls each may make come from `coolify-mcp --list-operations`; the
expectations come from elsewhere: the path must be one the fake knows (the committed operation
list), the body may carry only the fields the action declares, every request must be one Coolify
takes (the fake checks each against Coolify's request shapes and refuses as Coolify would), and
no planted secret, nor the token, may appear in any result, any notification or any line on
stderr."""

import json
import os
import re
import subprocess

import pytest

from conftest import BINARY
from coolify_shapes import load_shapes
from fake_coolify import PLANTED
from fake_estate import compile_route, decoded_base64_texts, load_operations
from fake_estate import SEED, sample_value


def listing():
    done = subprocess.run([str(BINARY), "--list-operations"], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


ACTIONS = listing()["actions"]

# A value for each argument an action needs, by name; per-tool values below win.
VALUES = {
    "uuid": SEED["application"], "resource": "application", "project_uuid": SEED["project"], "server_uuid": SEED["server"],
    "environment_uuid": SEED["environment"], "destination_uuid": SEED["destination"], "github_app_uuid": "gha0001uuid",
    "private_key_uuid": SEED["private_key"], "git_repository": "acme/app0", "git_branch": "main", "build_pack": "nixpacks",
    "ports_exposes": "3000", "docker_registry_image_name": "nginx", "dockerfile": "FROM nginx", "env_uuid": "env0b",
    "backup_uuid": SEED["backup"], "execution_uuid": SEED["backup_execution"], "database_uuid": SEED["database"],
    "app_uuid": SEED["service_application"], "task_uuid": SEED["scheduled_task"], "storage_uuid": SEED["storage"],
    "tag_uuid": SEED["tag"], "id": SEED["github_app_id"], "owner": SEED["owner"], "repo": SEED["repo"],
    "pull_request_id": SEED["pull_request_id"], "type": "postgresql", "channel": "email", "scope": "project",
    "name": "demo", "key": "DEMO_KEY", "value": "demo-value", "data": [{"key": "A", "value": "b"}],
    "fields": {"description": "changed"}, "commit": "abc123", "frequency": "0 0 * * *", "command": "echo hi",
    "tag_or_uuid": SEED["application"], "query": "app-0", "confirm": True, "application_uuid": SEED["application"],
    "private_key": "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----", "token": "a-token-to-store",
    "provider": "hetzner", "tag_names": ["frontend"], "mount_path": "/data", "configuration": "proxy: {}", "location": "fsn1",
    "server_type": "cx22", "image": 1, "region": "ams", "size": "s-1vcpu-1gb", "plan": "vc2-1c-1gb", "os_id": 1,
    "cloud_provider_token_uuid": SEED["cloud_token"], "network": "coolify", "environment": SEED["environment_name"], "ip": "203.0.113.7",
    "html_url": "https://github.com", "app_id": 1, "installation_id": 1, "client_id": "cid", "client_secret": "csec",
    "endpoint": "https://s3.test", "bucket": "b", "region_s3": "us-east-1", "secret": "s3-secret", "script": "#!/bin/sh",
    "webhook_secret": "whsec", "is_cloudflare_tunnel": False,
    "env_id": SEED["shared_env_id"], "wait_seconds": 4, "app_uuids": [SEED["application"], "app0001uuid"],
}
PER_TOOL = {
    "get_database": {"uuid": SEED["database"]}, "database": {"uuid": SEED["database"]}, "get_service": {"uuid": SEED["service"]},
    "service": {"uuid": SEED["service"], "database_uuid": SEED["service_database"]}, "get_server": {"uuid": SEED["server"]},
    "server_resources": {"uuid": SEED["server"]}, "server_domains": {"uuid": SEED["server"]}, "validate_server": {"uuid": SEED["server"]},
    "server": {"uuid": SEED["server"], "name": "edge", "fields": {"is_sentinel_enabled": True}},
    "destination": {"uuid": SEED["destination"]}, "projects": {"uuid": SEED["project"]},
    "environments": {"name": SEED["environment_name"]}, "deployment": {"uuid": SEED["deployment"]},
    "private_keys": {"uuid": SEED["private_key"]}, "teams": {"id": SEED["team_id"]}, "cloud_tokens": {"uuid": SEED["cloud_token"]},
    "s3_storages": {"uuid": SEED["s3_storage"], "region": "us-east-1"}, "cloud_init_scripts": {"uuid": SEED["cloud_init_script"]},
    "shared_env_vars": {"uuid": SEED["project"]}, "diagnose_server": {"query": "main"}, "gitlab_apps": {"id": SEED["gitlab_app_id"]},
    "tags": {"name": "backend"}, "hetzner": {"image": 1}, "digitalocean": {"image": "ubuntu-24-04-x64"},
    "storages": {"type": "persistent"}, "deploy": {"tag_or_uuid": SEED["tag_name"]},
}
# Arguments an action needs that its declaration cannot mark required (they depend on another).
ALWAYS = {"shared_env_vars": {"uuid": SEED["project"]}}
PER_ACTION = {
    ("deployment", "list_for_app"): {"uuid": SEED["application"]},
    # `fields` each settings endpoint really takes (the server tool's default is sentinel's).
    ("server", "update_log_drains"): {"fields": {"is_logdrain_axiom_enabled": False}},
    ("notifications", "update"): {"fields": {"deployment_failure_email_notifications": True}},
    ("scheduled_tasks", "run_once"): {"command": "echo hi"},
}
# Arguments an action needs one of (its `requiresOneOf`), which `requires` cannot list.
ONE_OF = {("service", "create"): {"type": "plausible"}}


# Requests the fake checked against Coolify's request shapes, over the actions run here; the
# last test reports the total (and writes it to the file $COOLIFY_MCP_VALIDATED_COUNT names).
VALIDATED = {"requests": 0, "actions": 0}


def refusals(entry, refused):
    """The fake's refusals, one line each, as the engineer needs them: which field of which call
    of which action, and what Coolify says of it."""
    lines = [f"{entry_id(entry)}: {method} {path} -> {status}: " +
             "; ".join(f"{field} -> {' '.join(messages)}" for field, messages in errors.items())
             for method, path, status, errors in refused]
    return "Coolify would refuse:\n" + "\n".join(lines)


def arguments(entry):
    tool, action = entry["tool"], entry.get("action")
    args = {}
    if action:
        args["action"] = action
    values = dict(VALUES)
    values.update(PER_TOOL.get(tool, {}))
    values.update(PER_ACTION.get((tool, action), {}))
    for name in entry["requires"]:
        args[name] = values[name]
    args.update(ALWAYS.get(tool, {}))
    args.update(ONE_OF.get((tool, action), {}))
    return args


def fill(template, args):
    """A declared call as the fake should see it."""
    def value(match):
        name = match[1]
        if name == "resource":
            return args["resource"] + "s"
        return str(args[name])
    return "/api/v1" + re.sub(r"\{(\w+)\}", value, template)


def entry_id(entry):
    return f"{entry['tool']}.{entry.get('action', '')}".rstrip(".")


def assert_no_secret(text, token):
    assert token not in text
    text = "\n".join([text, *decoded_base64_texts(text)])  # base64-encoded configuration too
    for name, planted in PLANTED.items():
        for line in planted.splitlines():
            if "planted-" in line:
                assert line not in text, f"planted {name} leaked"


@pytest.fixture(scope="module")
def coverage():
    return listing()["coverage"]


def test_the_listing_covers_the_api(coverage):
    assert coverage["team_callable"] == 271 and coverage["all_operations"] == 275
    assert coverage["covered"] / coverage["team_callable"] >= 0.9
    assert coverage["unmatched"] == []
    assert len({entry_id(entry) for entry in ACTIONS}) == len(ACTIONS)


@pytest.mark.parametrize("entry", ACTIONS, ids=entry_id)
def test_every_action_calls_what_it_declares_and_leaks_nothing(spawn, coolify, token, entry):
    session = spawn()
    session.initialize()
    args = arguments(entry)
    before = len(coolify.requests)
    # With a progress token, so the actions that wait (deploy, run_once) send notifications too.
    reply = session.call("tools/call", {"name": entry["tool"], "arguments": args, "_meta": {"progressToken": "every-action"}},
                         timeout=30)
    VALIDATED["requests"] += coolify.validated
    VALIDATED["actions"] += 1
    assert coolify.refused == [], refusals(entry, coolify.refused)
    assert "result" in reply, reply
    result = reply["result"]
    text = json.dumps(result)
    assert_no_secret(text, token)
    # Every line on stdout (results and progress notifications) and on stderr.
    assert_no_secret(bytes(session.stdout_raw).decode("utf-8", "replace"), token)
    assert_no_secret(bytes(session.stderr_raw).decode("utf-8", "replace"), token)
    assert "isError" not in result, (entry_id(entry), result)
    assert json.loads(result["content"][0]["text"]) == result["structuredContent"]
    seen = coolify.requests[before:]
    if entry["tool"] in ("get_mcp_version", "search_docs"):
        assert seen == []
        return
    expected = {(call.split(" ", 1)[0], fill(call.split(" ", 1)[1], args)) for call in entry["calls"]
                if "{" not in re.sub(r"\{(\w+)\}", lambda m: "" if m[1] in args else m[0], call)}
    received = {(r["method"], r["path"]) for r in seen}
    assert received, entry_id(entry)
    if not entry.get("custom"):
        method, path = entry["calls"][0].split(" ", 1)
        assert (method, fill(path, args)) in received, (entry_id(entry), received)
        allowed = set(entry.get("body", [])) | set(args.get("fields", {}))
        for request in seen:
            if request["body"]:
                body = json.loads(request["body"])
                assert set(body) <= allowed, (entry_id(entry), set(body) - allowed)
            assert request["headers"]["authorization"] == f"Bearer {token}"
    else:
        assert received & expected or any(p.startswith("/api/v1/") for _, p in received), (entry_id(entry), received)


ROUTES = [compile_route(operation) for operation in load_operations()]
SHAPES = load_shapes()


def operation_of(call):
    """The operation a declared call ("PATCH /projects/{project_uuid}/environments/{name}")
    reaches, matched as the fake matches (literal segments win), or None (a pre-4.2 GET)."""
    method, path = call.split(" ", 1)
    concrete = re.sub(r"\{\w+\}", "1", path)  # 1 fits string and integer placeholders alike
    found = [route for route in ROUTES if route.operation.method == method and route.pattern.fullmatch(concrete)]
    return max(found, key=lambda route: route.specificity).operation if found else None


def test_every_declared_body_field_is_one_coolify_takes():
    """The actions above send only what their required arguments need; this covers the rest of
    what they may send. For each declared call: every body field the action declares is one the
    operation takes (its kind's, for actions over several kinds), and every field the operation
    requires (one of each one-of group) is one the action can send."""
    problems = []
    for entry in ACTIONS:
        body = entry.get("body", [])
        # An action over several kinds (a {type} or {resource} in its path) declares what each
        # kind takes; the server refuses, before sending, a field the chosen kind does not take
        # (test_a_field_of_another_kind_is_refused_before_sending). Each field must be taken by
        # at least one of them.
        shapes = [SHAPES[(op.method, op.template)].get("body") for op in map(operation_of, entry["calls"]) if op]
        by_some_kind = {name for shape in shapes if shape for name in shape["properties"]}
        several = len(shapes) > 1
        for call in entry["calls"]:
            operation = operation_of(call)
            if operation is None:
                continue  # a route the list lacks: test_the_listing_covers_the_api says so
            shape = SHAPES[(operation.method, operation.template)].get("body")
            taken = (by_some_kind if several else shape["properties"]) if shape else {}
            errors = [f"{name} -> not taken" for name in body if name not in taken]
            if shape and not entry.get("custom"):
                errors += [f"{name} -> required, not declared" for name in shape.get("required", []) if name not in body]
                errors += [f"{' or '.join(group['fields'])} -> one required, none declared"
                           for group in shape.get("one_of_required", []) if not set(group["fields"]) & set(body)]
            if errors:
                problems.append(f"{entry_id(entry)}: {call}: " + "; ".join(errors))
    assert problems == [], "Coolify would refuse:\n" + "\n".join(problems)


def full_arguments(entry):
    """The action's arguments with every optional field its call sends that Coolify takes there,
    each with a value of the type Coolify's shape gives (the kind a choice picks: VALUES' own)."""
    args = arguments(entry)
    operation = operation_of(entry["calls"][0])
    shape = SHAPES[(operation.method, operation.template)] if operation else None
    if shape is None:
        return args
    renamed = {field: argument for argument, field in entry.get("renamed", {}).items()}
    fields = [(name, shape["query"].get(name)) for name in entry.get("query", [])]
    fields += [(name, (shape.get("body") or {}).get("properties", {}).get(name)) for name in entry.get("body", [])]
    for field, field_shape in fields:
        argument = renamed.get(field, field)
        if field_shape is None or argument in args:
            continue
        value = VALUES.get(argument)
        args[argument] = value if value is not None and not isinstance(value, (list, dict)) else sample_value(field, field_shape)
        if field_shape.get("type") == "boolean":
            args[argument] = True
        elif field_shape.get("type") == "integer" and not isinstance(args[argument], int):
            args[argument] = 1
        elif "enum" in field_shape and args[argument] not in field_shape["enum"]:
            args[argument] = field_shape["enum"][0]
        elif field_shape.get("type") == "string" and not isinstance(args[argument], str):
            args[argument] = "sample"
    return args


FULL = [entry for entry in ACTIONS if not entry.get("custom") and (entry.get("body") or entry.get("query"))]


@pytest.mark.parametrize("entry", FULL, ids=entry_id)
def test_every_optional_field_reaches_coolify_as_it_wants_it(spawn, coolify, entry):
    """Beyond what an action needs: every optional field it sends, at once, with the type from
    its published schema (derived from the same shapes), reaches the fake without a refusal.
    Coolify may still answer 4xx for the estate (a sample uuid that names nothing); the shape
    check is what this holds."""
    session = spawn()
    session.initialize()
    args = full_arguments(entry)
    before = len(coolify.requests)
    refused_before = len(coolify.refused)
    result = session.call("tools/call", {"name": entry["tool"], "arguments": args}, timeout=30)["result"]
    text = result["content"][0]["text"]
    assert not any(marker in text for marker in ("does not apply", "must be", "is required here", "Unknown argument")), \
        (entry_id(entry), args, text)
    assert coolify.requests[before:], (entry_id(entry), text)
    assert coolify.refused[refused_before:] == [], (entry_id(entry), args)
    VALIDATED["requests"] += len(coolify.requests[before:])


@pytest.mark.parametrize("tool, args, argument", [
    ("database", {"action": "create", "type": "mysql", "server_uuid": SEED["server"], "project_uuid": SEED["project"],
                  "postgres_password": "pw"}, "postgres_password"),
    ("env_vars", {"action": "create", "resource": "service", "uuid": SEED["service"], "key": "K", "value": "v",
                  "is_buildtime": True}, "is_buildtime"),
    ("env_vars", {"action": "update", "resource": "database", "uuid": SEED["database"], "key": "K", "value": "v",
                  "is_preview": True}, "is_preview"),
    ("control", {"action": "start", "resource": "database", "uuid": SEED["database"], "force": True}, "force"),
    ("control", {"action": "restart", "resource": "application", "uuid": SEED["application"], "pull_latest": True},
     "pull_latest"),
    ("storages", {"action": "create", "resource": "application", "uuid": SEED["application"], "type": "persistent",
                  "mount_path": "/d", "resource_uuid": SEED["service_application"]}, "resource_uuid"),
    ("logs", {"resource": "database", "uuid": SEED["database"], "container": "db"}, "container"),
])
def test_a_field_of_another_kind_is_refused_before_sending(spawn, coolify, tool, args, argument):
    session = spawn()
    session.initialize()
    before = len(coolify.requests)
    result = session.call("tools/call", {"name": tool, "arguments": args})["result"]
    assert result.get("isError") is True
    assert f'"{argument}" does not apply here' in result["content"][0]["text"]
    assert coolify.requests[before:] == []


WRITES = [entry for entry in ACTIONS if entry["effect"] != "read"]


def test_read_only_refuses_every_write_action(spawn, coolify):
    session = spawn(["--read-only"])
    session.initialize()
    offered = {tool["name"] for tool in session.call("tools/list")["result"]["tools"]}
    refused = 0
    for entry in WRITES:
        args = arguments(entry)
        before = len(coolify.requests)
        reply = session.call("tools/call", {"name": entry["tool"], "arguments": args})
        if entry["tool"] in offered:
            result = reply["result"]
            assert result.get("isError") is True, entry_id(entry)
            assert "--read-only" in result["content"][0]["text"], entry_id(entry)
        else:
            assert reply["error"]["code"] == -32602, entry_id(entry)
        assert coolify.requests[before:] == [], entry_id(entry)
        refused += 1
    assert refused == len(WRITES) > 100


def test_every_request_of_every_action_was_validated():
    """Last in this file, so it runs after every action: the fake checked the requests they all
    made against Coolify's request shapes (each action's own test fails on any refusal)."""
    if VALIDATED["actions"] < len(ACTIONS):
        pytest.skip("counts only when every action ran in this session")
    if os.environ.get("COOLIFY_MCP_VALIDATED_COUNT"):
        with open(os.environ["COOLIFY_MCP_VALIDATED_COUNT"], "w") as out:
            out.write(f"{VALIDATED['requests']}\n")
    print(f"the fake Coolify validated {VALIDATED['requests']} requests of {VALIDATED['actions']} actions")
    # At least one request for each action that calls Coolify (all but two do).
    calling = [entry for entry in ACTIONS if entry["tool"] not in ("get_mcp_version", "search_docs")]
    assert VALIDATED["requests"] >= len(calling) > 200, VALIDATED


def test_deploy_sends_an_image_tag_and_a_pull_request(spawn, coolify):
    session = spawn()
    session.initialize()
    before = len(coolify.requests)
    result = session.call("tools/call", {"name": "deploy", "arguments": {
        "tag_or_uuid": SEED["application"], "pull_request_id": SEED["pull_request_id"], "docker_tag": "pr-7"}})["result"]
    sent = [r for r in coolify.requests[before:] if r["path"] == "/api/v1/deploy"]
    assert sent and "docker_tag=pr-7" in sent[0]["query"] and f"pull_request_id={SEED['pull_request_id']}" in sent[0]["query"]
    assert coolify.refused == [], coolify.refused
    assert "does not apply" not in result["content"][0]["text"]
