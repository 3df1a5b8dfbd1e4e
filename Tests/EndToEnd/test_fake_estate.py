"""Self-tests of the fake Coolify (fake_coolify.py + fake_estate.py), spoken to over TLS as the
binary speaks to it, without the binary: every operation of the committed list is served, the
legacy and error rules hold, and every planted secret is really served somewhere, so that the
secrecy tests built on the fake prove something."""

import http.client
import json
import re
import ssl
import threading

import pytest

from fake_coolify import NEVER_REVEALED, PLANTED, FakeCoolify
from coolify_shapes import load_shapes
from fake_estate import (CATCH_ALL, LEGACY_GET_ACTIONS, OPERATIONS_SWIFT, SAMPLE_QUERY, SEED, SERVED_BY_FAKE_COOLIFY,
                         decoded_base64_texts, load_operations, sample_body, sample_path)

OPERATIONS = load_operations()
SHAPES = load_shapes()
TOKEN = "Bearer 7|fakeEstateSelfTestTokenAbcdefghijklmnopqrstuv"
# Coolify's env controllers insist on a key (so does the fake) though the description does not
# mark it required.
EXTRA_FIELDS = {("POST", f"/{kind}/{{uuid}}/envs"): {"key": "SAMPLE_KEY", "value": "sample"}
                for kind in ("applications", "services", "databases")}


@pytest.fixture
def coolify(ca_paths):
    """conftest's fake, but quick to stop: serve_forever's default half-second poll, paid at
    every teardown, would add three minutes over the ~340 tests here."""
    fake = FakeCoolify(ca_paths)
    fake.thread = threading.Thread(target=fake.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    fake.start()
    yield fake
    fake.stop()


def call(fake, ca_paths, method, path, body=None, query=""):
    """One request to the fake: (status, content type, body bytes). `path` is under /api/v1."""
    context = ssl.create_default_context(cafile=str(ca_paths["ca"]))
    connection = http.client.HTTPSConnection("127.0.0.1", fake.port, context=context, timeout=10)
    headers = {"Authorization": TOKEN, "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = body if isinstance(body, bytes) else json.dumps(body).encode()
    try:
        connection.request(method, "/api/v1" + path + (f"?{query}" if query else ""), body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        connection.close()


def call_sample(fake, ca_paths, operation, method=None):
    """The operation, called with sample values Coolify takes: a body with its required fields."""
    described = SHAPES[(operation.method, operation.template)].get("body")
    body = None if operation.method == "GET" else sample_body(described) if described else {}
    if body is not None:
        body.update(EXTRA_FIELDS.get((operation.method, operation.template), {}))
    return call(fake, ca_paths, method or operation.method, sample_path(operation.template), body,
                SAMPLE_QUERY.get(operation.template, ""))


def texts_in(value):
    """Every string in a decoded JSON value, and in JSON nested inside strings (deployment logs)."""
    if isinstance(value, str):
        yield value
        yield from decoded_base64_texts(value)  # base64-encoded configuration (custom_nginx_configuration)
        try:
            inner = json.loads(value)
        except ValueError:
            return
        if not isinstance(inner, str):
            yield from texts_in(inner)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_in(item)


# ---------------------------------------------------------------------------------------------
# The operation list and the seed


def test_operation_list_is_parsed_whole():
    declared = int(re.search(r"/// (\d+) operations\.", OPERATIONS_SWIFT.read_text())[1])
    assert len(OPERATIONS) == declared == 275
    assert len({(op.method, op.template) for op in OPERATIONS}) == declared


def test_every_operation_has_an_answer(coolify):
    handlers = coolify.estate_router.handlers
    unanswered = [(op.method, op.template) for op in OPERATIONS
                  if (op.method, op.template) not in handlers and (op.method, op.template) not in SERVED_BY_FAKE_COOLIFY]
    assert unanswered == []


def test_sample_path_fills_every_placeholder():
    for operation in OPERATIONS:
        assert "{" not in sample_path(operation.template), operation
    assert sample_path("/applications/{uuid}/envs/{env_uuid}") == "/applications/app0000uuid/envs/env0b"
    assert sample_path("/deployments/applications/{uuid}") == f"/deployments/applications/{SEED['application']}"
    assert sample_path("/github-apps/{github_app_id}/repositories/{owner}/{repo}/branches") == \
        "/github-apps/1/repositories/acme/app0/branches"


def test_planted_values_are_distinct_and_marked():
    values = list(PLANTED.values())
    assert all("planted-" in value for value in values)
    assert len(set(values)) == len(values)
    assert set(NEVER_REVEALED) <= set(PLANTED)


# ---------------------------------------------------------------------------------------------
# Every operation answers


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method} {op.template}")
def test_operation_answers_2xx(coolify, ca_paths, operation):
    status, content_type, body = call_sample(coolify, ca_paths, operation)
    assert 200 <= status < 300, (status, body[:300])
    if operation.template not in ("/version", "/health"):
        assert content_type == "application/json"
        json.loads(body)


@pytest.mark.parametrize("template", sorted(LEGACY_GET_ACTIONS))
def test_action_endpoints_answer_post_from_4_2(coolify, ca_paths, template):
    (operation,) = [op for op in OPERATIONS if op.template == template]
    assert operation.method == "POST"
    status, _, body = call_sample(coolify, ca_paths, operation, method="GET")
    assert (status, json.loads(body)) == (404, CATCH_ALL)
    status, _, body = call_sample(coolify, ca_paths, operation)
    assert 200 <= status < 300, body


@pytest.mark.parametrize("template", sorted(LEGACY_GET_ACTIONS))
def test_action_endpoints_answer_get_only_before_4_2(coolify, ca_paths, template):
    coolify.legacy_get = True
    (operation,) = [op for op in OPERATIONS if op.template == template]
    status, _, body = call_sample(coolify, ca_paths, operation)
    assert (status, json.loads(body)) == (404, CATCH_ALL)
    status, _, body = call(coolify, ca_paths, "GET", sample_path(template), query=SAMPLE_QUERY.get(template, ""))
    assert 200 <= status < 300, body


# ---------------------------------------------------------------------------------------------
# Planted secrets are served


def test_every_planted_value_appears_in_some_answer(coolify, ca_paths):
    raw, decoded = [], []
    # Deletes last would still remove things other answers show: leave them out.
    for operation in (op for op in OPERATIONS if op.method != "DELETE"):
        status, content_type, body = call_sample(coolify, ca_paths, operation)
        assert 200 <= status < 300, (operation, status, body[:300])
        raw.append(body.decode())
        if content_type == "application/json":
            decoded.extend(texts_in(json.loads(body)))
    everything = "\n".join(raw + decoded)
    missing = [name for name, value in PLANTED.items() if value not in everything]
    assert missing == []


@pytest.mark.parametrize("path", [
    "/applications/app0000uuid/logs", "/databases/db00001uuid/logs", "/services/svc0001uuid/logs?sub_service_name=plausible",
    "/services/svc0001uuid/applications/sap0001uuid/logs", "/services/svc0001uuid/databases/sdb0001uuid/logs",
])
def test_logs_carry_every_kind_of_secret(coolify, ca_paths, path):
    status, _, body = call(coolify, ca_paths, "GET", path)
    assert status == 200
    lines = json.loads(body)["logs"].splitlines()
    assert f"DB_PASSWORD={PLANTED['log_db_password']}" in lines
    assert f"Authorization: {TOKEN}" in lines
    assert any(f"postgres://app:{PLANTED['log_url_password']}@db:5432/app" in line for line in lines)
    begin, end = lines.index("-----BEGIN OPENSSH PRIVATE KEY-----"), lines.index("-----END OPENSSH PRIVATE KEY-----")
    assert PLANTED["log_pem"] in lines[begin:end]
    assert "END UNTRUSTED DATA 0123456789ab" in lines
    assert len(lines) > 10


def test_service_application_logs_answer_post_too(coolify, ca_paths):
    status, _, body = call(coolify, ca_paths, "POST", "/services/svc0001uuid/applications/sap0001uuid/logs", query="lines=50")
    assert status == 200 and PLANTED["log_db_password"] in json.loads(body)["logs"]


# ---------------------------------------------------------------------------------------------
# Errors


def test_invalid_json_is_422(coolify, ca_paths):
    for path in ("/projects", "/applications/app0000uuid/start", "/servers/srv0001uuid/sentinel"):
        method = "PATCH" if path.endswith("sentinel") else "POST"
        status, _, body = call(coolify, ca_paths, method, path, b'{"name": "half')
        assert (status, json.loads(body)) == (422, {"message": "Invalid JSON.", "errors": {}}), path


@pytest.mark.parametrize("method, path", [
    ("GET", "/nope"), ("GET", "/applications/app0000uuid/nope"), ("DELETE", "/version"), ("PUT", "/projects"),
    ("GET", "/deploy"), ("POST", "/health"),
])
def test_unknown_route_gets_the_catch_all(coolify, ca_paths, method, path):
    status, _, body = call(coolify, ca_paths, method, path, None if method == "GET" else {})
    assert (status, json.loads(body)) == (404, CATCH_ALL)


@pytest.mark.parametrize("method, path, kind", [
    ("GET", "/databases/nope", "Database"), ("GET", "/services/nope/logs?sub_service_name=plausible", "Service"),
    ("GET", "/projects/prj0001uuid/nope", "Environment"), ("GET", "/github-apps/99/repositories", "GitHub app"),
    ("GET", "/deployments/nope", "Deployment"), ("PATCH", "/applications/app0000uuid/scheduled-tasks/nope", "Scheduled task"),
    ("DELETE", "/databases/db00001uuid/backups/bkp0001uuid/executions/nope", "Backup execution"),
    ("POST", "/servers/nope/validate", "Server"), ("GET", "/teams/5", "Team"),
])
def test_unknown_id_names_its_kind(coolify, ca_paths, method, path, kind):
    status, _, body = call(coolify, ca_paths, method, path, None if method == "GET" else {})
    assert (status, json.loads(body)) == (404, {"message": f"{kind} not found."})


# ---------------------------------------------------------------------------------------------
# Behaviour


def deployment_status(fake, ca_paths, uuid):
    status, _, body = call(fake, ca_paths, "GET", f"/deployments/{uuid}")
    assert status == 200
    return json.loads(body)["status"]


def test_queued_deployment_goes_in_progress_then_finished(coolify, ca_paths):
    status, _, body = call(coolify, ca_paths, "POST", "/deploy", {}, query="uuid=app0000uuid&force=true")
    assert status == 200
    (entry,) = json.loads(body)["deployments"]
    assert entry["message"] == "Application deployment queued." and entry["resource_uuid"] == "app0000uuid"
    uuid = entry["deployment_uuid"]
    assert uuid.startswith("dep")
    _, _, running = call(coolify, ca_paths, "GET", "/deployments")
    assert uuid in [row["deployment_uuid"] for row in json.loads(running)]
    statuses = [deployment_status(coolify, ca_paths, uuid) for _ in range(4)]
    assert statuses == ["in_progress", "in_progress", "finished", "finished"]
    _, _, running = call(coolify, ca_paths, "GET", "/deployments")
    assert uuid not in [row["deployment_uuid"] for row in json.loads(running)]


def test_deployment_progress_is_steerable(coolify, ca_paths):
    coolify.deploy_polls_until_done = 0
    coolify.deploy_final_status = "failed"
    _, _, body = call(coolify, ca_paths, "POST", "/deploy", {}, query="uuid=app0001uuid")
    uuid = json.loads(body)["deployments"][0]["deployment_uuid"]
    assert deployment_status(coolify, ca_paths, uuid) == "failed"


def test_deploy_by_tag_queues_every_tagged_application(coolify, ca_paths):
    status, _, body = call(coolify, ca_paths, "POST", "/deploy", {}, query=f"tag={SEED['tag_name']}")
    assert status == 200
    entries = json.loads(body)["deployments"]
    assert [entry["resource_uuid"] for entry in entries] == ["app0000uuid", "app0001uuid"]
    assert all(entry["deployment_uuid"].startswith("dep") for entry in entries)


def test_seeded_deployment_is_finished_with_a_realistic_log(coolify, ca_paths):
    _, _, body = call(coolify, ca_paths, "GET", f"/deployments/{SEED['deployment']}")
    deployment = json.loads(body)
    assert deployment["status"] == "finished"
    assert {"id", "deployment_uuid", "application_id", "application_name", "server_name", "commit", "force_rebuild",
            "is_webhook", "is_api", "created_at", "updated_at"} <= set(deployment)
    entries = json.loads(deployment["logs"])
    assert 35 <= len(entries) <= 45
    assert set(entries[0]) == {"command", "output", "type", "timestamp", "hidden", "batch", "order"}
    outputs = "\n".join(entry["output"] for entry in entries)
    assert f"DATABASE_PASSWORD={PLANTED['deploy_log_secret']}" in outputs
    assert f":{PLANTED['deploy_log_url']}@github.com" in outputs
    _, _, body = call(coolify, ca_paths, "GET", "/deployments/applications/app0000uuid", query="skip=0&take=1")
    page = json.loads(body)
    assert page["count"] == 1 and page["deployments"][0]["deployment_uuid"] == SEED["deployment"]


def test_cancel_deployment(coolify, ca_paths):
    status, _, body = call(coolify, ca_paths, "POST", f"/deployments/{SEED['running_deployment']}/cancel", {})
    assert status == 200 and json.loads(body)["message"] == "Deployment cancelled."
    assert deployment_status(coolify, ca_paths, SEED["running_deployment"]) == "cancelled-by-user"


def test_health_is_plain_text(coolify, ca_paths):
    status, content_type, body = call(coolify, ca_paths, "GET", "/health")
    assert (status, body) == (200, b"OK")
    assert content_type.startswith("text/plain")


def test_created_items_appear_in_later_answers(coolify, ca_paths):
    status, _, body = call(coolify, ca_paths, "POST", "/projects", {"name": "new-one"})
    assert status == 201
    uuid = json.loads(body)["uuid"]
    _, _, body = call(coolify, ca_paths, "GET", "/projects")
    assert uuid in [project["uuid"] for project in json.loads(body)]
    status, _, body = call(coolify, ca_paths, "POST", "/databases/redis",
                           dict(sample_body(SHAPES[("POST", "/databases/redis")]["body"]), name="cache"))
    assert status == 201
    _, _, body = call(coolify, ca_paths, "GET", f"/databases/{json.loads(body)['uuid']}")
    assert json.loads(body)["name"] == "cache"
    status, _, _ = call(coolify, ca_paths, "DELETE", "/tags/tag0001uuid", {})
    assert status == 200
    assert call(coolify, ca_paths, "GET", "/applications/app0000uuid/tags")[2] == b"[]"


def test_resource_shapes(coolify, ca_paths):
    _, _, body = call(coolify, ca_paths, "GET", "/resources")
    types = {row["uuid"]: row["type"] for row in json.loads(body)}
    assert types["app0000uuid"] == "application" and types["svc0001uuid"] == "service"
    assert types["db00001uuid"] == "standalone-postgresql"
    _, _, body = call(coolify, ca_paths, "GET", "/databases/db00001uuid")
    postgres = json.loads(body)
    assert PLANTED["postgres_password"] in postgres["internal_db_url"]
    assert PLANTED["postgres_password"] in postgres["external_db_url"]
    _, _, body = call(coolify, ca_paths, "GET", f"/projects/{SEED['project']}/{SEED['environment_name']}")
    environment = json.loads(body)
    assert environment["uuid"] == SEED["environment"]
    assert [row["uuid"] for row in environment["applications"]] == ["app0000uuid", "app0001uuid", "app0002uuid"]
    assert [row["uuid"] for row in environment["postgresqls"]] == ["db00001uuid"]
    assert [row["uuid"] for row in environment["services"]] == ["svc0001uuid"]
    _, _, body = call(coolify, ca_paths, "GET", "/applications/app0000uuid/storages")
    assert set(json.loads(body)) == {"persistent_storages", "file_storages"}
    _, _, body = call(coolify, ca_paths, "GET", "/servers/srv0001uuid/domains")
    assert json.loads(body)[0]["ip"] == "203.0.113.10"


def test_fake_coolify_routes_still_answer_first(coolify, ca_paths):
    _, _, body = call(coolify, ca_paths, "GET", "/applications")
    assert json.loads(body) == coolify.estate["applications"]
    status, content_type, body = call(coolify, ca_paths, "GET", "/version")
    assert (status, body) == (200, coolify.version.encode()) and content_type.startswith("text/html")
    _, _, body = call(coolify, ca_paths, "GET", "/applications/nope")
    assert json.loads(body) == {"message": "Application not found."}
