"""Coolify's request shapes, and the check the fake Coolify runs on every request under /api/v1
before answering it.

The shapes are those of the committed Sources/Tools/Generated/CoolifyRequestShapes.swift
(written by scripts/gen-operations from Coolify's OpenAPI description, with the exceptions its
controllers add): one JSON line [method, path, shape] per operation. `check` answers what
Coolify would answer to a request its operation does not take (Laravel's words), or None.

Where the fake is stricter than Coolify, it is on purpose, and said where it happens: an argument
Coolify would ignore does nothing, and an argument that does nothing is a bug on our side."""

import json
import pathlib
import re
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHAPES_SWIFT = ROOT / "Sources" / "Tools" / "Generated" / "CoolifyRequestShapes.swift"
OPENING = '    static let text = #"""'
CLOSING = '"""#'

NOT_FOUND = {"message": "Not found.", "docs": "https://coolify.io/docs"}  # fake_estate.CATCH_ALL
INVALID_JSON = {"message": "Invalid JSON.", "errors": {}}                # fake_estate.INVALID_JSON
NOT_ALLOWED = "This field is not allowed."
NOT_DESCRIBED = "This query parameter is not in Coolify's description."

TYPE_MESSAGES = {
    "string": "The {} field must be a string.",
    "integer": "The {} field must be an integer.",
    "number": "The {} field must be a number.",
    "boolean": "The {} field must be true or false.",
    "array": "The {} field must be an array.",
    # Laravel says "must be an array." of a JSON object too; "object" tells the two apart.
    "object": "The {} field must be an object.",
}


def load_shapes(path=SHAPES_SWIFT):
    """{(method, path template): shape}, parsed from the generated Swift source: the lines
    between `static let text = #\"\"\"` and `\"\"\"#`, each a JSON array."""
    lines = path.read_text().splitlines()
    start = lines.index(OPENING) + 1
    end = lines.index(CLOSING, start)
    shapes = {}
    for line in lines[start:end]:
        method, template, shape = json.loads(line)
        shapes[(method, template)] = shape
    declared = int(re.search(r"/// (\d+) operations", path.read_text())[1])
    assert len(shapes) == declared, f"{path}: {len(shapes)} shapes, {declared} declared"
    return shapes


# ---------------------------------------------------------------------------------------------
# Values


def is_type(value, kind):
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        # Strict JSON types, stricter than Laravel's `integer` (which also takes "5"): the
        # description types the field, and the binary sends what the description says.
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        # Laravel's `boolean` also takes 0, 1, "0" and "1"; the description says true or false.
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    return True  # "any"


def absent(value):
    """What Laravel's `required` refuses: missing, null, "" (ConvertEmptyStringsToNull) or []."""
    return value is None or value == "" or value == []


def check_value(name, value, field, errors):
    """Adds to `errors` what is wrong with `value` for `field` ({"type", "null"?, "enum"?,
    "items"?}); `name` is Laravel's dotted name for it (data.0.key)."""
    kind = field.get("type", "any")
    if value is None:
        # Without `nullable`, Laravel runs the type rule on null, which fails it.
        if not field.get("null") and kind != "any":
            errors.setdefault(name, []).append(TYPE_MESSAGES[kind].format(name))
        return
    if not is_type(value, kind):
        errors.setdefault(name, []).append(TYPE_MESSAGES[kind].format(name))
        return
    # The generator writes enum values as Python's str() of the description's values.
    if "enum" in field and str(value) not in field["enum"]:
        errors.setdefault(name, []).append(f"The selected {name} is invalid.")
    items = field.get("items")
    if kind == "array" and items:
        for index, item in enumerate(value):
            if "properties" in items:
                if not isinstance(item, dict):
                    errors.setdefault(f"{name}.{index}", []).append(TYPE_MESSAGES["object"].format(f"{name}.{index}"))
                else:
                    check_object(item, items, errors, prefix=f"{name}.{index}.")
            else:
                check_value(f"{name}.{index}", item, items, errors)


def check_object(value, shape, errors, prefix=""):
    """An object against {"properties", "required"?, "one_of_required"?}: unknown members,
    missing required ones (each one_of_required group needing one of its fields), then types."""
    properties = shape.get("properties", {})
    if properties:  # an object the description gives no members for takes any
        for name in value:
            if name not in properties:
                errors.setdefault(prefix + name, []).append(NOT_ALLOWED)
    for name in shape.get("required", []):
        if absent(value.get(name)):
            errors.setdefault(prefix + name, []).append(f"The {prefix + name} field is required.")
    for group in shape.get("one_of_required", []):
        fields = group["fields"]
        if all(absent(value.get(name)) for name in fields):
            for name in fields:
                others = " / ".join(prefix + other for other in fields if other != name)
                errors.setdefault(prefix + name, []).append(
                    f"The {prefix + name} field is required when none of {others} are present.")
    for name, item in value.items():
        # Laravel runs no type rule on an empty string (only `required` fails it).
        if name in properties and not (isinstance(item, str) and item.strip() == ""):
            check_value(prefix + name, item, properties[name], errors)


# ---------------------------------------------------------------------------------------------
# Requests


def check_query(query, parameters):
    """Errors for the raw query string against the operation's query parameters."""
    errors = {}
    given = urllib.parse.parse_qsl(query, keep_blank_values=True)
    for name, text in given:
        field = parameters.get(name)
        if field is None:
            # Stricter than Coolify, which ignores a query parameter it does not read: an
            # argument that does nothing is a bug on our side.
            errors.setdefault(name, []).append(NOT_DESCRIBED)
            continue
        kind = field.get("type", "string")
        if kind == "integer" and not re.fullmatch(r"-?\d+", text):
            errors.setdefault(name, []).append(TYPE_MESSAGES["integer"].format(name))
        elif kind == "number" and not re.fullmatch(r"-?\d+(\.\d+)?", text):
            errors.setdefault(name, []).append(TYPE_MESSAGES["number"].format(name))
        elif kind == "boolean" and text not in ("true", "false", "1", "0"):
            errors.setdefault(name, []).append(TYPE_MESSAGES["boolean"].format(name))
        elif "enum" in field and text not in field["enum"]:
            errors.setdefault(name, []).append(f"The selected {name} is invalid.")
    names = {name for name, text in given if text != ""}
    for name, field in parameters.items():
        if field.get("required") and name not in names:
            errors.setdefault(name, []).append(f"The {name} field is required.")
    return errors


def check(shape, params, query, body):
    """What Coolify answers instead of serving a request to the operation of `shape`, as
    (status, payload, errors), or None when the request is one it takes. `params` are the path
    placeholders' values, `query` the raw query string, `body` the raw body bytes. In order:
    path parameter types, the body's JSON, fields for an operation without a body, unknown
    fields, then missing required fields and wrong types together (Laravel reports every
    failing rule at once), with the query's errors beside those of the body."""
    for name, field in shape.get("path", {}).items():
        if field.get("type") == "integer" and not re.fullmatch(r"\d+", params.get(name, "")):
            # Coolify looks integer ids up in the database (GithubApp::find, SharedEnvironmentVariable
            # where id=...); a non-integer finds nothing. Kept simple: the catch-all 404.
            return 404, NOT_FOUND, {name: [f"The {name} path parameter must be an integer."]}
    try:
        parsed = json.loads(body) if body else {}
    except (ValueError, UnicodeDecodeError):
        return 422, INVALID_JSON, {"body": ["Invalid JSON."]}
    if not isinstance(parsed, dict):
        return 422, INVALID_JSON, {"body": ["Invalid JSON: not an object."]}
    errors = check_query(query, shape.get("query", {}))
    described = shape.get("body")
    if described is None:
        # The operation takes no body: any field in one is a field it does not take.
        for name in parsed:
            errors.setdefault(name, []).append(NOT_ALLOWED)
    else:
        unknown = {name: [NOT_ALLOWED] for name in parsed if name not in described.get("properties", {})}
        if unknown:
            # Coolify's controllers refuse fields outside their allowed list before validating.
            errors.update(unknown)
        else:
            check_object(parsed, described, errors)
    if errors:
        return 422, {"message": "Validation failed.", "errors": errors}, errors
    return None
