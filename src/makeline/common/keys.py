"""(variant, location) keys: the unit of planning, and how to cut a query down to some keys."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

type Key = tuple[int, int]


def narrow[Q: QuerySet[Any, Any]](
    qs: Q, keys: Iterable[Key] | None, *, variant: str, location: str
) -> Q:
    """Filter `qs` to the variants and locations of `keys` (None = no filter).

    SQL cannot cheaply match pairs, so this keeps every row whose variant and location are
    both among the keys'; callers drop the few cross pairs with `wanted()`.
    """
    if keys is None:
        return qs
    keys = list(keys)
    return qs.filter(
        **{f"{variant}__in": {k[0] for k in keys}, f"{location}__in": {k[1] for k in keys}}
    )


def wanted(keys: Iterable[Key] | None) -> frozenset[Key] | None:
    return None if keys is None else frozenset(keys)
