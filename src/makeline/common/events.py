"""Domain events: what happened to a document, announced once its transaction commits.

Services announce with one line, e.g.
`events.emit("sales_order.created", object_id=order.pk, status=order.status)`;
`events.emit_status("sales_order", object_id=order.pk, status=order.status)` announces a
status change (`<resource>.updated`, plus the status's own event when Katana has one, e.g.
`sales_order.packed`, `manufacturing_order.done`).
Event names are Katana's webhook events (the spec's `WebhookEvent` enum, below).

Nothing is announced for a change that rolls back: each event waits for the commit of the
transaction (or savepoint chain) it was emitted in, through Django's `on_commit`. Then every
registered listener gets it (the webhooks app registers one at ready(), so lower apps never
import webhooks). A failing listener is logged and never fails the request that emitted.
"""

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from django.db import transaction

logger = logging.getLogger("makeline.events")

EventName = Literal[
    "sales_order.created",
    "sales_order.approved",
    "sales_order.updated",
    "sales_order.deleted",
    "sales_order.ready_for_fulfillment",
    "sales_order.packed",
    "sales_order.delivered",
    "sales_order.invoiced",
    "sales_order.availability_updated",
    "purchase_order.created",
    "purchase_order.approved",
    "purchase_order.updated",
    "purchase_order.deleted",
    "purchase_order.partially_received",
    "purchase_order.received",
    "purchase_order.billed",
    "purchase_order_row.created",
    "purchase_order_row.updated",
    "purchase_order_row.deleted",
    "purchase_order_row.received",
    "manufacturing_order.created",
    "manufacturing_order.updated",
    "manufacturing_order.deleted",
    "manufacturing_order.in_progress",
    "manufacturing_order.blocked",
    "manufacturing_order.done",
    "manufacturing_order_operation_row.created",
    "manufacturing_order_operation_row.updated",
    "manufacturing_order_operation_row.deleted",
    "manufacturing_order_operation_row.in_progress",
    "manufacturing_order_operation_row.paused",
    "manufacturing_order_operation_row.blocked",
    "manufacturing_order_operation_row.completed",
    "manufacturing_order_recipe_row.created",
    "manufacturing_order_recipe_row.updated",
    "manufacturing_order_recipe_row.deleted",
    "manufacturing_order_recipe_row.ingredients_in_stock",
    "current_inventory.product_updated",
    "current_inventory.material_updated",
    "current_inventory.product_out_of_stock",
    "current_inventory.material_out_of_stock",
    "product.created",
    "product.updated",
    "product.deleted",
    "material.created",
    "material.updated",
    "material.deleted",
    "variant.created",
    "variant.updated",
    "variant.deleted",
    "product_recipe_row.created",
    "product_recipe_row.updated",
    "product_recipe_row.deleted",
    "bom_row.created",
    "bom_row.updated",
    "bom_row.deleted",
    "outsourced_purchase_order.created",
    "outsourced_purchase_order.approved",
    "outsourced_purchase_order.updated",
    "outsourced_purchase_order.deleted",
    "outsourced_purchase_order.received",
    "outsourced_purchase_order.billed",
    "outsourced_purchase_order_row.created",
    "outsourced_purchase_order_row.updated",
    "outsourced_purchase_order_row.deleted",
    "outsourced_purchase_order_row.received",
    "outsourced_purchase_order_recipe_row.created",
    "outsourced_purchase_order_recipe_row.updated",
    "outsourced_purchase_order_recipe_row.deleted",
]
"""Katana's webhook event names, in the order of its spec's WebhookEvent enum."""

EVENTS: frozenset[str] = frozenset(get_args(EventName))


@dataclass(frozen=True, slots=True)
class Event:
    event: str  # e.g. "sales_order.delivered"
    resource_type: str  # e.g. "sales_order"
    object_id: int
    status: str = ""


type Listener = Callable[[Event], None]

_listeners: list[Listener] = []


def register_listener(listener: Listener) -> None:
    """Call `listener(event)` for every event, after its transaction committed."""
    if listener not in _listeners:
        _listeners.append(listener)


def unregister_listener(listener: Listener) -> None:
    """Stop calling `listener` (tests that listen for a while)."""
    if listener in _listeners:
        _listeners.remove(listener)


def emit(event: str, *, object_id: int, status: str = "", resource_type: str = "") -> None:
    """Announce `event` about one object once the current transaction commits.

    `resource_type` defaults to the event's prefix (`sales_order` for `sales_order.packed`).
    """
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    resource_type = resource_type or event.partition(".")[0]
    if not _listeners:
        return  # nobody listens (e.g. a script without the webhooks app): nothing to keep
    # robust: a listener that fails after the commit must not turn a done change into an error
    transaction.on_commit(
        functools.partial(_announce, Event(event, resource_type, object_id, str(status))),
        robust=True,
    )


def emit_status(resource_type: str, *, object_id: int, status: str) -> None:
    """Announce a status change: `<resource>.updated`, plus `<resource>.<status>` when Katana
    has that event (e.g. PACKED → sales_order.packed; NOT_STARTED has none)."""
    emit(f"{resource_type}.updated", object_id=object_id, status=status)
    own = f"{resource_type}.{str(status).lower()}"
    if own in EVENTS and not own.endswith(".updated"):
        emit(own, object_id=object_id, status=status)


def _announce(event: Event) -> None:
    for listener in list(_listeners):
        try:
            listener(event)
        except Exception:  # one broken listener must not starve the others
            logger.exception("event listener %r failed for %s", listener, event)
