"""Self-tests of the fake Coolify's check of every request against Coolify's request shapes
(coolify_shapes.py), without the binary: over TLS as the binary speaks to it, and on `check`
directly for what no operation of today's list exercises. Each test here fails if the check is
taken out, so the binary's end-to-end tests can trust a request the fake served."""

import http.client
import json
import ssl

import pytest

import coolify_shapes
from coolify_shapes import check, load_shapes
from fake_estate import CATCH_ALL, INVALID_JSON, SEED, load_operations

SHAPES = load_shapes()
NOT_ALLOWED = ["This field is not allowed."]


def call(fake, ca_paths, method, path, body=None, query="", prefix="/api/v1"):
    """One request to the fake: (status, decoded JSON body or text). `path` is under /api/v1."""
    context = ssl.create_default_context(cafile=str(ca_paths["ca"]))
    connection = http.client.HTTPSConnection("127.0.0.1", fake.port, context=context, timeout=10)
    headers = {"Authorization": "Bearer 1|validationSelfTest", "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = body if isinstance(body, bytes) else json.dumps(body).encode()
    try:
        connection.request(method, prefix + path + (f"?{query}" if query else ""), body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        try:
            return response.status, json.loads(payload)
        except ValueError:
            return response.status, payload.decode()
    finally:
        connection.close()


def refused(status, fake, ca_paths, method, path, body=None, query=""):
    """Calls, asserts Coolify's refusal with `status`, and returns its errors (from the answer
    for a 422, from the fake's list of refusals for a 404)."""
    before = len(fake.refused)
    got, payload = call(fake, ca_paths, method, path, body, query)
    assert got == status, payload
    assert len(fake.refused) == before + 1
    method_, path_, status_, errors = fake.refused[-1]
    assert (method_, path_, status_) == (method, "/api/v1" + path, status)
    if status == 422 and payload != INVALID_JSON:
        assert payload["message"] == "Validation failed."
        assert payload["errors"] == errors
    return errors


# ---------------------------------------------------------------------------------------------
# The shapes


def test_every_operation_of_the_list_has_a_shape():
    operations = {(op.method, op.template) for op in load_operations()}
    assert set(SHAPES) == operations and len(SHAPES) == 275


def test_shapes_are_parsed_from_between_the_markers(tmp_path):
    swift = tmp_path / "Shapes.swift"
    swift.write_text('extension RequestShapes {\n    /// 1 operations, one JSON array per line.\n'
                     + coolify_shapes.OPENING + '\n["GET","/x",{"path":{},"query":{}}]\n' + coolify_shapes.CLOSING + "\n}\n")
    assert load_shapes(swift) == {("GET", "/x"): {"path": {}, "query": {}}}


# ---------------------------------------------------------------------------------------------
# Routes and path parameters


@pytest.mark.parametrize("method, path", [("GET", "/nope"), ("DELETE", "/version"), ("PUT", "/projects"),
                                          ("GET", "/applications/app0000uuid/nope"), ("POST", "/health")])
def test_unknown_route_is_the_catch_all_404(coolify, ca_paths, method, path):
    errors = refused(404, coolify, ca_paths, method, path, None if method == "GET" else {})
    assert list(errors) == ["route"]
    assert call(coolify, ca_paths, method, path, None if method == "GET" else {}) == (404, CATCH_ALL)


def test_integer_path_parameter_given_text_is_404(coolify, ca_paths):
    errors = refused(404, coolify, ca_paths, "GET", "/github-apps/gha0001uuid/repositories")
    assert errors == {"github_app_id": ["The github_app_id path parameter must be an integer."]}
    errors = refused(404, coolify, ca_paths, "DELETE", f"/team/envs/{SEED['shared_env']}", {})
    assert list(errors) == ["env_id"]
    status, _ = call(coolify, ca_paths, "DELETE", f"/team/envs/{SEED['shared_env_id']}", {})
    assert status == 200


# ---------------------------------------------------------------------------------------------
# Bodies


def test_invalid_json_is_422(coolify, ca_paths):
    refused(422, coolify, ca_paths, "POST", "/projects", b'{"name": "half')
    assert call(coolify, ca_paths, "POST", "/projects", b"[1, 2]") == (422, INVALID_JSON)


def test_unknown_body_field_is_not_allowed(coolify, ca_paths):
    projects = len(coolify.estate_router.projects)
    errors = refused(422, coolify, ca_paths, "POST", "/projects", {"name": "new", "made_up": 1})
    assert errors == {"made_up": NOT_ALLOWED}
    assert len(coolify.estate_router.projects) == projects  # no handler saw it
    status, _ = call(coolify, ca_paths, "POST", "/projects", {"name": "new"})
    assert status == 201


def test_operation_without_a_body_given_a_field(coolify, ca_paths):
    # force is a query parameter of start, not a body field.
    errors = refused(422, coolify, ca_paths, "POST", "/applications/app0000uuid/start", {"force": True})
    assert errors == {"force": NOT_ALLOWED}
    assert call(coolify, ca_paths, "POST", "/applications/app0000uuid/start", {}, query="force=true")[0] == 200


def test_missing_required_field_is_named(coolify, ca_paths):
    errors = refused(422, coolify, ca_paths, "POST", "/team/envs", {"value": "v"})
    assert errors == {"key": ["The key field is required."]}
    # Laravel's `required` refuses null and "" too.
    assert refused(422, coolify, ca_paths, "POST", "/team/envs", {"key": ""}) == {"key": ["The key field is required."]}
    assert call(coolify, ca_paths, "POST", "/team/envs", {"key": "K", "value": "v"})[0] == 201


def test_integer_and_string_types(coolify, ca_paths):
    path = f"/servers/{SEED['server']}"
    assert refused(422, coolify, ca_paths, "PATCH", path, {"port": "22"}) == {"port": ["The port field must be an integer."]}
    assert refused(422, coolify, ca_paths, "PATCH", path, {"port": True}) == {"port": ["The port field must be an integer."]}
    assert refused(422, coolify, ca_paths, "PATCH", path, {"name": 5}) == {"name": ["The name field must be a string."]}
    errors = refused(422, coolify, ca_paths, "PATCH", path, {"is_build_server": "true", "name": 5})
    assert errors == {"is_build_server": ["The is_build_server field must be true or false."],
                      "name": ["The name field must be a string."]}  # every failing field at once
    assert call(coolify, ca_paths, "PATCH", path, {"port": 2222, "name": "edge", "is_build_server": False})[0] == 200


def test_enum(coolify, ca_paths):
    path = f"/servers/{SEED['server']}/proxy"
    assert refused(422, coolify, ca_paths, "PATCH", path, {"proxy_type": "apache"}) == \
        {"proxy_type": ["The selected proxy_type is invalid."]}
    assert call(coolify, ca_paths, "PATCH", path, {"proxy_type": "caddy"})[0] == 200


def test_null_only_where_nullable(coolify, ca_paths):
    path = f"/servers/{SEED['server']}/sentinel"
    assert call(coolify, ca_paths, "PATCH", path, {"sentinel_custom_url": None})[0] == 200
    assert refused(422, coolify, ca_paths, "PATCH", path, {"is_sentinel_enabled": None}) == \
        {"is_sentinel_enabled": ["The is_sentinel_enabled field must be true or false."]}


def test_array_items(coolify, ca_paths):
    app = f"/applications/{SEED['application']}"
    assert refused(422, coolify, ca_paths, "PATCH", app, {"noindex_domains": "a.example.test"}) == \
        {"noindex_domains": ["The noindex_domains field must be an array."]}
    assert refused(422, coolify, ca_paths, "PATCH", app, {"noindex_domains": ["a.example.test", 1]}) == \
        {"noindex_domains.1": ["The noindex_domains.1 field must be a string."]}
    bulk = f"{app}/envs/bulk"
    assert refused(422, coolify, ca_paths, "PATCH", bulk, {"data": [{"key": "A", "value": 1}]}) == \
        {"data.0.value": ["The data.0.value field must be a string."]}
    assert refused(422, coolify, ca_paths, "PATCH", bulk, {"data": [{"key": "A", "made_up": 1}, "B"]}) == \
        {"data.0.made_up": NOT_ALLOWED, "data.1": ["The data.1 field must be an object."]}
    assert call(coolify, ca_paths, "PATCH", bulk, {"data": [{"key": "A", "value": "b", "is_literal": True}]})[0] == 201


# ---------------------------------------------------------------------------------------------
# Query parameters


def test_unknown_query_parameter(coolify, ca_paths):
    errors = refused(422, coolify, ca_paths, "GET", "/applications", query="made_up=1")
    assert errors == {"made_up": ["This query parameter is not in Coolify's description."]}
    assert call(coolify, ca_paths, "GET", "/applications", query="tag=frontend")[0] == 200


def test_missing_required_query_parameter(coolify, ca_paths):
    path = f"/services/{SEED['service']}/logs"
    assert refused(422, coolify, ca_paths, "GET", path) == {"sub_service_name": ["The sub_service_name field is required."]}
    assert call(coolify, ca_paths, "GET", path, query="sub_service_name=plausible")[0] == 200


def test_query_values_parse_as_their_type(coolify, ca_paths):
    path = f"/applications/{SEED['application']}/logs"
    assert refused(422, coolify, ca_paths, "GET", path, query="lines=ten&show_timestamps=yes") == {
        "lines": ["The lines field must be an integer."], "show_timestamps": ["The show_timestamps field must be true or false."]}
    assert call(coolify, ca_paths, "GET", path, query="lines=10&show_timestamps=1")[0] == 200


# ---------------------------------------------------------------------------------------------
# Where the check runs


def test_the_fakes_own_routes_are_checked_too(coolify, ca_paths):
    envs = f"/applications/{SEED['application']}/envs"
    assert refused(422, coolify, ca_paths, "POST", envs, {"key": "K", "made_up": 1}) == {"made_up": NOT_ALLOWED}
    assert refused(422, coolify, ca_paths, "GET", "/servers", query="made_up=1") == \
        {"made_up": ["This query parameter is not in Coolify's description."]}


def test_legacy_get_actions_are_checked_against_the_post_operation(coolify, ca_paths):
    coolify.legacy_get = True
    path = f"/applications/{SEED['application']}/start"
    assert call(coolify, ca_paths, "GET", path, query="force=true")[0] == 200
    assert refused(422, coolify, ca_paths, "GET", path, query="made_up=1") == \
        {"made_up": ["This query parameter is not in Coolify's description."]}
    assert refused(404, coolify, ca_paths, "POST", path, {}) == {"route": [f"No operation POST {path} in Coolify's description."]}


def test_overrides_answer_before_the_check(coolify, ca_paths):
    coolify.overrides[("POST", "/api/v1/nope")] = (200, {}, b'{"proxied": true}')
    assert call(coolify, ca_paths, "POST", "/nope", {"made_up": 1}) == (200, {"proxied": True})
    assert coolify.refused == [] and coolify.validated == 0


def test_requests_outside_the_api_are_not_checked(coolify, ca_paths):
    assert call(coolify, ca_paths, "GET", "/nope", prefix="") == (404, {"message": "Not found."})
    assert coolify.validated == 0 and coolify.refused == []


def test_every_checked_request_is_counted(coolify, ca_paths):
    call(coolify, ca_paths, "GET", "/version")
    call(coolify, ca_paths, "GET", "/nope")
    call(coolify, ca_paths, "GET", "/projects")
    assert coolify.validated == 3 and len(coolify.refused) == 1


# ---------------------------------------------------------------------------------------------
# What no operation of today's list exercises, on `check` directly


ONE_OF = {"path": {}, "query": {}, "body": {
    "properties": {"environment_name": {"type": "string"}, "environment_uuid": {"type": "string"},
                   "name": {"type": "string"}},
    "required": ["name"],
    "one_of_required": [{"fields": ["environment_name", "environment_uuid"], "why": "either names the environment"}]}}


def test_one_of_required_needs_one_of_its_fields():
    status, payload, errors = check(ONE_OF, {}, "", b'{"name": "x"}')
    assert status == 422 and errors == {
        "environment_name": ["The environment_name field is required when none of environment_uuid are present."],
        "environment_uuid": ["The environment_uuid field is required when none of environment_name are present."]}
    assert check(ONE_OF, {}, "", b'{"name": "x", "environment_uuid": "e"}') is None
    assert check(ONE_OF, {}, "", b'{"name": "x", "environment_name": "production"}') is None
    assert list(check(ONE_OF, {}, "", b'{"environment_name": "production"}')[2]) == ["name"]


def test_required_members_of_objects_in_arrays():
    shape = {"path": {}, "query": {}, "body": {"properties": {"data": {"type": "array", "items": {
        "type": "object", "properties": {"key": {"type": "string"}, "value": {"type": "string", "null": True}},
        "required": ["key"]}}}}}
    assert check(shape, {}, "", b'{"data": [{"key": "A", "value": null}]}') is None
    assert check(shape, {}, "", b'{"data": [{"value": "v"}]}')[2] == {"data.0.key": ["The data.0.key field is required."]}


def test_number_and_object_types():
    shape = {"path": {}, "query": {"ratio": {"type": "number"}}, "body": {"properties": {
        "ratio": {"type": "number"}, "settings": {"type": "object"}, "anything": {"type": "any"}}}}
    assert check(shape, {}, "ratio=0.5", b'{"ratio": 1, "settings": {"a": 1}, "anything": null}') is None
    assert check(shape, {}, "ratio=half", b'{"ratio": "1", "settings": [], "anything": [1]}')[2] == {
        "ratio": ["The ratio field must be a number.", "The ratio field must be a number."],
        "settings": ["The settings field must be an object."]}
