"""Pydantic validation errors rewritten as Katana's Ajv-style `details` entries.

Katana validates request bodies with Ajv (v6 messages); each detail is
`{"path": ".variants[0].sku", "code": <Ajv keyword>, "message": ..., "info": <params>}`.
`required` and `additionalProperties` point at the object that lacks or has the property,
as Ajv does, and name it in `info`.
"""

from collections.abc import Sequence
from typing import Any

# pydantic error type → JSON Schema type named in a `type` error
_TYPE_ERRORS = {
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "decimal_type": "number",
    "decimal_parsing": "number",
    "finite_number": "number",
    "string_type": "string",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "array",
    "dict_type": "object",
    "model_type": "object",
    "model_attributes_type": "object",
    "none_required": "null",
    "uuid_type": "string",
}
_FORMAT_ERRORS = {
    "datetime_type": "date-time",
    "datetime_parsing": "date-time",
    "datetime_from_date_parsing": "date-time",
    "date_parsing": "date",
    "uuid_parsing": "uuid",
    "url_parsing": "uri",
    "url_type": "uri",
}
_BOUNDS = {
    "greater_than_equal": ("minimum", "ge", ">="),
    "less_than_equal": ("maximum", "le", "<="),
    "greater_than": ("exclusiveMinimum", "gt", ">"),
    "less_than": ("exclusiveMaximum", "lt", "<"),
}
_LENGTHS = {
    "string_too_long": ("maxLength", "should NOT be longer than {} characters"),
    "string_too_short": ("minLength", "should NOT be shorter than {} characters"),
    "too_long": ("maxItems", "should NOT have more than {} items"),
    "too_short": ("minItems", "should NOT have fewer than {} items"),
}


def ajv_path(parts: Sequence[Any]) -> str:
    """`("variants", 0, "sku")` → `.variants[0].sku` (Ajv v6 dataPath)."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def ajv_detail(error: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error (loc already relative to the body or query) as an Ajv detail."""
    kind = str(error.get("type", ""))
    loc = list(error.get("loc", ()))
    ctx = error.get("ctx") or {}
    if kind in ("missing", "extra_forbidden"):
        return _property(kind, loc)
    if kind in _TYPE_ERRORS:
        expected = _TYPE_ERRORS[kind]
        return _detail(loc, "type", f"should be {expected}", {"type": expected})
    if kind in _FORMAT_ERRORS:
        fmt = _FORMAT_ERRORS[kind]
        return _detail(loc, "format", f'should match format "{fmt}"', {"format": fmt})
    if kind in ("enum", "literal_error"):
        allowed = _allowed_values(ctx)
        return _detail(
            loc, "enum", "should be equal to one of the allowed values", {"allowedValues": allowed}
        )
    return _bounded(kind, loc, ctx) or _detail(loc, kind, str(error.get("msg", kind)), {})


def _property(kind: str, loc: list[Any]) -> dict[str, Any]:
    # Ajv reports these on the object, naming the property in `info`.
    name = str(loc[-1])
    if kind == "missing":
        message = f"should have required property '{name}'"
        return _detail(loc[:-1], "required", message, {"missingProperty": name})
    message = "should NOT have additional properties"
    return _detail(loc[:-1], "additionalProperties", message, {"additionalProperty": name})


def _bounded(kind: str, loc: list[Any], ctx: dict[str, Any]) -> dict[str, Any] | None:
    if kind in _BOUNDS:
        code, key, sign = _BOUNDS[kind]
        limit = _number(ctx.get(key))
        return _detail(loc, code, f"should be {sign} {limit}", {"comparison": sign, "limit": limit})
    if kind in _LENGTHS:
        code, message = _LENGTHS[kind]
        limit = int(ctx.get("max_length", ctx.get("min_length", 0)))
        return _detail(loc, code, message.format(limit), {"limit": limit})
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return _detail(loc, "pattern", f'should match pattern "{pattern}"', {"pattern": pattern})
    return None


def _detail(loc: list[Any], code: str, message: str, info: dict[str, Any]) -> dict[str, Any]:
    return {"path": ajv_path(loc), "code": code, "message": message, "info": info}


def _number(value: Any) -> int | float:
    number = float(value) if value is not None else 0.0
    return int(number) if number.is_integer() else number


def _allowed_values(ctx: dict[str, Any]) -> list[str]:
    # pydantic words them "'a', 'b' or 'c'"; Ajv lists them.
    expected = str(ctx.get("expected", ""))
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part]
