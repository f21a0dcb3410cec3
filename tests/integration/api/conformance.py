"""Checks our API's answers against Katana's OpenAPI spec (the copy inside the
katana-openapi-client package), by method, path and status.

The spec is loaded once. Two adjustments make it checkable with a JSON Schema validator:
- `oneOf` becomes `anyOf`: the spec's ValidationErrorDetail lists typed variants *and* a
  catch-all on purpose ("first match wins"), which strict oneOf would always reject;
- an error status the operation does not list (e.g. 404 on GET /products/{id}), or lists
  without a body, is checked against the spec's shared response of that status.
Our extensions (not in Katana's spec) are checked against the schema named in EXTENSIONS.
"""

import functools
import re
from pathlib import Path
from typing import Any

import katana_public_api_client
import yaml
from jsonschema import Draft202012Validator

SPEC_FILE = Path(katana_public_api_client.__file__).parent / "katana-openapi.yaml"
SHARED_RESPONSES = {
    400: "BadRequestError",
    401: "UnauthorizedError",
    404: "NotFoundError",
    422: "UnprocessableEntityError",
    429: "TooManyRequests",
    500: "InternalServerError",
}
EXTENSIONS = {
    ("post", "/locations"): "Location",
    ("patch", "/locations/{id}"): "Location",
}


def _any_of(node: Any) -> Any:
    if isinstance(node, dict):
        return {("anyOf" if k == "oneOf" else k): _any_of(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_any_of(v) for v in node]
    return node


@functools.cache
def spec() -> dict[str, Any]:
    with SPEC_FILE.open() as handle:
        return _any_of(yaml.load(handle, Loader=yaml.CSafeLoader))  # type: ignore[no-any-return]


@functools.cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    templates = sorted(spec()["paths"], key=lambda t: t.count("{"))  # literal paths first
    return [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", t) + "$"), t) for t in templates]


def path_template(path: str) -> str | None:
    """`/v1/products/7?limit=2` → `/products/{id}`."""
    path = path.split("?", 1)[0].removeprefix("/v1")
    return next((template for pattern, template in _templates() if pattern.match(path)), None)


def response_schema(method: str, path: str, status: int) -> dict[str, Any] | None:
    """The JSON schema of the documented body, or None when the answer has no body."""
    method, template = method.lower(), path_template(path)
    operation = spec()["paths"].get(template or "", {}).get(method)
    if operation is None and status >= 400:
        return _shared(status)  # errors look alike on every path, known or not
    if operation is None:
        extension = EXTENSIONS.get((method, _extension_template(path)))
        assert extension, f"{method.upper()} {path} is neither in Katana's spec nor an extension"
        return {"$ref": f"#/components/schemas/{extension}"} if status == 200 else _shared(status)
    response = operation["responses"].get(str(status))
    schema = None if response is None else _content_schema(response)
    if schema is None and status >= 400:
        return _shared(status)  # undocumented error, or documented without a body
    return schema


def _extension_template(path: str) -> str:
    return re.sub(r"/\d+$", "/{id}", path.split("?", 1)[0].removeprefix("/v1"))


def _shared(status: int) -> dict[str, Any] | None:
    name = SHARED_RESPONSES.get(status)
    assert name, f"status {status} is not a documented Katana answer"
    return _content_schema({"$ref": f"#/components/responses/{name}"})


def _content_schema(response: dict[str, Any]) -> dict[str, Any] | None:
    if "$ref" in response:
        response = spec()["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    content = response.get("content", {}).get("application/json")
    return None if content is None else content["schema"]  # type: ignore[no-any-return]


@functools.cache
def _validator(schema_key: str) -> Draft202012Validator:
    import json

    root = {"components": spec()["components"], **json.loads(schema_key)}
    return Draft202012Validator(root)


def errors(method: str, path: str, status: int, body: Any) -> list[str]:
    """What is wrong with `body` as Katana's answer (empty: conforms)."""
    import json

    schema = response_schema(method, path, status)
    if schema is None:
        return [] if body in (None, b"", "") else [f"expected no body for {status}"]
    validator = _validator(json.dumps(schema, sort_keys=True))
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '<body>'}: {error.message}"
        for error in validator.iter_errors(body)
    ]


def assert_conforms(method: str, path: str, status: int, body: Any) -> None:
    problems = errors(method, path, status, body)
    assert not problems, f"{method.upper()} {path} → {status} breaks Katana's spec:\n" + "\n".join(
        problems[:10]
    )
