"""POST /sales_orders/search: Katana's structured filter body as a Django query.

`filter` holds field predicates and `and` / `or` lists of nested filters (nesting depth at
most 2). A predicate is a bare value (equality, null included) or an operator object with
one or more of neq, gt, gte, lt, lte, inq, nin, between, like, ilike. Stored fields take
every operator; the planned statuses (product_availability, ingredient_availability,
production_status) take equality, neq, inq and nin. Anything else — unknown fields,
`invoicing_status`, `custom_fields.<uuid>`, unknown operators — is a 422 naming its path.
"""

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.db.models import Q

from makeline.common.errors import DomainError
from makeline.planning import filters as planned

MAX_DEPTH = 2

_INTEGER = {"id": "pk", "customer_id": "customer_id", "location_id": "location_id"}
_TEXT = {
    name: name
    for name in (
        "order_no",
        "customer_ref",
        "status",
        "source",
        "currency",
        "ecommerce_order_type",
        "ecommerce_store_name",
        "ecommerce_order_id",
        "tracking_number",
    )
}
_DATES = {
    name: name
    for name in ("created_at", "updated_at", "order_created_date", "delivery_date", "picked_date")
}
_PLANNED: dict[str, Callable[[str], Q]] = {
    "product_availability": planned.sales_orders_with_product_availability,
    "ingredient_availability": planned.sales_orders_with_ingredient_availability,
    "production_status": planned.sales_orders_with_production_status,
}
SORTABLE = {**_INTEGER, **_TEXT, **_DATES}
_OPERATORS = ("neq", "gt", "gte", "lt", "lte", "inq", "nin", "between", "like", "ilike")


def search_filter(where: dict[str, Any] | None, *, path: str = "filter", depth: int = 0) -> Q:
    """The Q of one filter object: its predicates and and/or lists, all AND-ed."""
    query = Q()
    for key, value in (where or {}).items():
        at = f"{path}.{key}"
        if key in ("and", "or"):
            query &= _logical(key, value, at, depth)
        else:
            query &= _predicate(key, value, at)
    return query


def _logical(key: str, value: Any, at: str, depth: int) -> Q:
    if depth >= MAX_DEPTH:
        raise DomainError(f"and/or may be nested at most {MAX_DEPTH} deep", field=at)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise DomainError(f"{key} takes a list of filter objects", field=at)
    parts = [search_filter(v, path=f"{at}[{n}]", depth=depth + 1) for n, v in enumerate(value)]
    combined = Q() if key == "and" or not parts else Q(pk__in=[])
    for part in parts:
        combined = combined & part if key == "and" else combined | part
    return combined


def _predicate(field: str, value: Any, at: str) -> Q:
    if field in _PLANNED:
        return _planned(_PLANNED[field], value, at)
    column, convert = _column(field, at)
    if not isinstance(value, dict):
        return _equals(column, convert(value, at))
    unknown = sorted(set(value) - set(_OPERATORS))
    if unknown or not value:
        raise DomainError(f"unknown operator {unknown[0] if unknown else '(none)'}", field=at)
    query = Q()
    for operator, operand in value.items():
        query &= _operator(column, operator, operand, convert, f"{at}.{operator}")
    return query


def _column(field: str, at: str) -> tuple[str, Callable[[Any, str], Any]]:
    if field in _INTEGER:
        return _INTEGER[field], _integer
    if field in _TEXT:
        return _TEXT[field], _stored_text
    if field in _DATES:
        return _DATES[field], _date
    raise DomainError(f"{field} cannot be searched on (see docs/api.md)", field=at)


def _equals(column: str, value: Any) -> Q:
    if value is None:
        return Q(**{f"{column}__isnull": True})
    return Q(**{column: value})


def _operator(
    column: str, operator: str, operand: Any, convert: Callable[[Any, str], Any], at: str
) -> Q:
    if operator == "neq":
        return ~_equals(column, convert(operand, at))
    if operator in ("gt", "gte", "lt", "lte"):
        return Q(**{f"{column}__{operator}": convert(operand, at)})
    if operator in ("inq", "nin"):
        values = [convert(v, f"{at}[{n}]") for n, v in enumerate(_list(operand, at))]
        inside = Q(**{f"{column}__in": values})
        return inside if operator == "inq" else ~inside
    if operator == "between":
        low, high = _list(operand, at, size=2)
        return Q(**{f"{column}__range": (convert(low, f"{at}[0]"), convert(high, f"{at}[1]"))})
    if not isinstance(operand, str):
        raise DomainError(f"{operator} takes a text pattern", field=at)
    lookup = "regex" if operator == "like" else "iregex"
    return Q(**{f"{column}__{lookup}": _like_to_regex(operand)})


def _planned(rule: Callable[[str], Q], value: Any, at: str) -> Q:
    if not isinstance(value, dict):
        return rule(_text(value, at))
    query = Q()
    for operator, operand in value.items():
        where = f"{at}.{operator}"
        if operator in ("neq", "nin"):
            values = [operand] if operator == "neq" else _list(operand, where)
            query &= ~_any(rule, values, where)
        elif operator == "inq":
            query &= _any(rule, _list(operand, where), where)
        else:
            raise DomainError(f"{operator} is not supported on a planned status", field=where)
    return query


def _any(rule: Callable[[str], Q], values: list[Any], at: str) -> Q:
    query = Q(pk__in=[])
    for value in values:
        query |= rule(_text(value, at))
    return query


def _list(value: Any, at: str, *, size: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (size is not None and len(value) != size):
        raise DomainError("takes a list" + (f" of {size} values" if size else ""), field=at)
    return value


def _integer(value: Any, at: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise DomainError("should be integer", field=at)
    return value


def _text(value: Any, at: str) -> str:
    if not isinstance(value, str):
        raise DomainError("should be string", field=at)
    return value


def _stored_text(value: Any, at: str) -> str:
    # Our text columns keep "" for Katana's null.
    return "" if value is None else _text(value, at)


def _date(value: Any, at: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise DomainError('should match format "date-time"', field=at) from None
    # a bare date or a time without offset is read as UTC, as Katana's timestamps are
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _like_to_regex(pattern: str) -> str:
    """SQL LIKE (`%` any run, `_` one character) as an anchored regular expression."""
    parts = ["^"]
    for char in pattern:
        parts.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
    return "".join(parts) + "$"


def search_order(order: str | list[str] | None) -> list[str]:
    """`["created_at DESC", "id"]` as Django order_by terms (id last keeps pages stable)."""
    terms = [order] if isinstance(order, str) else list(order or [])
    result = []
    for n, term in enumerate(terms):
        field, _, direction = term.strip().partition(" ")
        direction = direction.strip().upper() or "ASC"
        if field not in SORTABLE or direction not in ("ASC", "DESC"):
            raise DomainError(f"cannot sort by {term!r}", field=f"order[{n}]")
        result.append(("-" if direction == "DESC" else "") + SORTABLE[field])
    return [*result, "pk"]
