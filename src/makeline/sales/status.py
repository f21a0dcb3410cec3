"""Keeping a sales order's derived state in step: delivery status, picked date, planning keys.

Every sales service that changes rows or fulfilments ends with `sync_status`, so the stored
status always equals `derive_status` of the fulfilments (quotes excepted: a quote has
none). `touch_rows` tells planning which (variant, location) pairs the order feeds.
"""

from django.db.models import Max

from makeline.catalog.models import Variant
from makeline.common import audit, events, locking
from makeline.common.errors import NotFound
from makeline.common.transitions import ensure_transition
from makeline.common.unit_of_work import touch
from makeline.sales import selectors
from makeline.sales.enums import TRANSITIONS, SalesOrderStatus
from makeline.sales.models import SalesOrder
from makeline.sales.progress import derive_status

DOCUMENT = "Sales order"


def lock(order: SalesOrder) -> None:
    """Lock the order, reload it, then lock the variants of its rows (common.locking's order).

    Fulfilments of one order queue up behind each other and see each other's quantities; a
    stale copy of the order (its rank, its status) never overwrites a concurrent change; and
    a fulfilment of several rows holds every variant it moves before the first move, so two
    fulfilments sharing variants cannot deadlock.
    """
    if not locking.lock(SalesOrder, [order.pk]):
        raise NotFound(f"{order.order_no} no longer exists", field="sales_order_id")
    order.refresh_from_db()
    locking.lock(Variant, order.rows.values_list("variant_id", flat=True))


def change_status(order: SalesOrder, target: SalesOrderStatus) -> None:
    """Move the order to `target` through the transition table (no-op when already there)."""
    if order.status == target:
        return
    ensure_transition(order.status, target, TRANSITIONS, document=DOCUMENT)
    audit.changed(order, "status", order.status, target)
    order.status = target
    order.save(update_fields=["status", "updated_at"])
    events.emit_status("sales_order", object_id=order.pk, status=order.status)


def sync_status(order: SalesOrder) -> SalesOrder:
    """Re-derive the delivery status and picked date from the order's fulfilments."""
    if order.status == SalesOrderStatus.PENDING:
        return order
    change_status(order, derive_status(selectors.row_progress(order)))
    picked = order.fulfillments.aggregate(latest=Max("picked_date"))["latest"]
    if picked != order.picked_date:
        order.picked_date = picked
        order.save(update_fields=["picked_date", "updated_at"])
    return order


def touch_rows(order: SalesOrder, *, location_id: int | None = None) -> None:
    """Touch (variant, location) of every row; `location_id` overrides the order's location."""
    where = location_id if location_id is not None else order.location_id
    for variant_id in order.rows.values_list("variant_id", flat=True):
        touch(variant_id, where)
