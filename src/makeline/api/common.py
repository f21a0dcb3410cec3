"""Helpers every resource module uses: its router, loading objects for the URL (404) or
from the body (422), and the conversions between our columns and Katana's wire values.

Wire rules: decimals that Katana's spec types as numbers go out as JSON numbers
(`number()`); the few it types as strings go out as fixed-precision strings (`fixed()`);
empty text that Katana types as nullable goes out as null (`text()`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet
from ninja import Router, Schema, Status

from makeline.common.errors import DomainError, NotFound


def new_router(tag: str) -> Router:
    """A resource module's router. Fields a view leaves out of its dict are left out of
    the answer (Katana omits what it does not know, and some fields must not be null)."""
    return Router(tags=[tag], exclude_unset=True)


def no_content() -> Status[None]:
    """204, Katana's answer to a delete or a bulk create."""
    return Status(204, None)


def get_or_404[M: Model](queryset: QuerySet[M], pk: Any) -> M:
    """The object the URL names; NotFound without a field answers 404."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise NotFound(f"{queryset.model._meta.verbose_name} {pk} does not exist")
    return obj


def referenced[M: Model](queryset: QuerySet[M], pk: Any, *, field: str) -> M:
    """An object the request body refers to; a missing one is the body's fault (422)."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise NotFound(f"{queryset.model._meta.verbose_name} {pk} does not exist", field=field)
    return obj


@contextmanager
def located(prefix: str) -> Iterator[None]:
    """Prefix the field of a DomainError raised inside, e.g. `rows[2]` → `rows[2].quantity`,
    so an error in one row of a batch body points at that row."""
    try:
        yield
    except DomainError as exc:
        exc.field = f"{prefix}.{exc.field}" if exc.field else prefix
        raise


def changes_of(payload: Schema, *, rename: dict[str, str] | None = None) -> dict[str, Any]:
    """The fields the client sent (PATCH semantics), renamed to our column names."""
    sent = payload.model_dump(exclude_unset=True)
    rename = rename or {}
    return {rename.get(key, key): value for key, value in sent.items()}


def number(value: Decimal | None) -> float | None:
    # JSON has no decimal type; a float keeps every value we store with <= 15 significant
    # digits exactly, and clients parse JSON numbers to floats anyway.
    return None if value is None else float(value)


def fixed(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def text(value: str | None) -> str | None:
    return value or None


def blank(value: str | None) -> str:
    """A nullable wire string as our (never null) text column."""
    return value or ""
