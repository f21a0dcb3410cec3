"""Who is acting, and the one call services make when a document's status, quantity or rank
changes.

The web (a middleware) and the API (its key authentication) say who acts with `set_actor`;
the CLI may too. Services call `changed(document, field, old, new)` right next to the line
that changes the value. Recording is done by the access app, which registers itself with
`register_recorder` (common imports nothing above it); the entry is written inside the
current transaction, so a rolled-back change leaves no trail.
"""

from collections.abc import Callable
from contextvars import ContextVar, Token
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    via: str  # "web", "api" or "cli"


type Recorder = Callable[[Actor, str, int, str, str, str], None]

NOBODY = Actor(user_id=None, via="cli")
_actor: ContextVar[Actor] = ContextVar("makeline_actor", default=NOBODY)
_recorders: list[Recorder] = []

# Model names whose wire name differs from Django's lower-cased class name.
DOCUMENT_TYPES = {
    "salesorder": "sales_order",
    "manufacturingorder": "manufacturing_order",
    "purchaseorder": "purchase_order",
}


def set_actor(user_id: int | None, via: str) -> Token[Actor]:
    """Say who acts from now on in this context (request or command); returns a reset token."""
    return _actor.set(Actor(user_id=user_id, via=via))


def reset_actor(token: Token[Actor]) -> None:
    _actor.reset(token)


def current_actor() -> Actor:
    return _actor.get()


def register_recorder(recorder: Recorder) -> None:
    if recorder not in _recorders:
        _recorders.append(recorder)


def document_type(document: models.Model) -> str:
    name = document._meta.model_name or ""
    return DOCUMENT_TYPES.get(name, name)


def changed(document: models.Model, field: str, old: Any, new: Any) -> None:
    """Record that `field` of `document` went from `old` to `new` (no entry if equal)."""
    if old == new or document.pk is None:
        return
    actor = current_actor()
    for record in _recorders:
        record(actor, document_type(document), int(document.pk), field, _text(old), _text(new))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 1.000000 → 1, 100 stays 100
    return str(getattr(value, "value", value))
