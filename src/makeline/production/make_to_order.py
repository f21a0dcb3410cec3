"""Make to order (Katana §1.5): MOs pegged to one sales order row, and the MTO-aware
wrappers of sales edits that keep them in step.

The UI and the API edit sales orders through the wrappers here, never through the raw
sales services, because sales sits below production and knows nothing of linked MOs:

- a quantity change follows onto a NOT_STARTED linked MO; a started one keeps its
  quantity and is unlinked with a reason (it becomes make-to-stock, behaviour 10);
- deleting a row or an order deletes a NOT_STARTED linked MO and unlinks a started one;
- the row's product, and the order's location, cannot change while an MO is linked.
"""

import re
from datetime import timedelta
from typing import Any

from django.utils import timezone

from makeline.catalog.contacts import ensure_shop
from makeline.common import locking
from makeline.common.errors import Conflict, DomainError
from makeline.common.unit_of_work import atomic_service, touch
from makeline.production import orders, selectors
from makeline.production.enums import STARTED, ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder
from makeline.production.rules import check_producible, lock, touch_order
from makeline.sales import selectors as sales_selectors
from makeline.sales import services as sales
from makeline.sales.enums import SalesOrderStatus
from makeline.sales.models import SalesOrder, SalesOrderRow

M = ManufacturingOrderStatus


@atomic_service
def make_to_order(
    *, sales_order_row: SalesOrderRow, create_subassemblies: bool = False
) -> ManufacturingOrder:
    """Create the MO for one sales order row: its variant and quantity, the order's location
    and rank, numbered `<SO number> / n`. Subassembly MOs, if asked for, are not linked."""
    # The sales order first (the global lock order): two clicks cannot link two MOs to a row.
    locking.lock(SalesOrder, [sales_order_row.sales_order_id])
    row = SalesOrderRow.objects.select_related("sales_order", "variant__item").get(
        pk=sales_order_row.pk
    )
    order = row.sales_order
    _check_can_make(row, order)
    created = timezone.now()
    return orders.create_order(
        variant=row.variant,
        location=order.location,
        planned_quantity=row.quantity,
        order_created_date=created,
        production_deadline_date=created + timedelta(days=ensure_shop().default_mo_deadline_days),
        order_no=_next_mto_number(order),
        rank=order.rank,
        create_subassemblies=create_subassemblies,
        sales_order_row=row,
    )


@atomic_service
def make_to_order_all(
    *, order: SalesOrder, create_subassemblies: bool = False
) -> list[ManufacturingOrder]:
    """Make to order every producible product row of the order that has no MO yet."""
    made = []
    for row in order.rows.select_related("variant__item").order_by("position", "id"):
        if selectors.linked_manufacturing_order(row) is not None:
            continue
        item = row.variant.item
        if not (item.is_producible and row.variant.is_usable):
            continue
        if sales_selectors.open_quantity(row) == 0:
            continue
        made.append(make_to_order(sales_order_row=row, create_subassemblies=create_subassemblies))
    return made


@atomic_service
def unlink(*, sales_order_row: SalesOrderRow, reason: str = "") -> ManufacturingOrder:
    """Detach the row's MO: it becomes make-to-stock and keeps everything else."""
    mo = selectors.linked_manufacturing_order(sales_order_row)
    if mo is None:
        raise DomainError(
            "this sales order row has no make-to-order MO", field="sales_order_row_id"
        )
    return _unlink(mo, reason=reason or "unlinked by hand")


def _unlink(mo: ManufacturingOrder, *, reason: str) -> ManufacturingOrder:
    lock(mo)
    row = mo.sales_order_row
    assert row is not None
    mo.sales_order_row = None
    mo.unlinked_reason = reason[:300]
    mo.save(update_fields=["sales_order_row", "unlinked_reason", "updated_at"])
    # The row now competes by priority and the MO's output is free for any demand.
    touch(row.variant_id, row.sales_order.location_id)
    touch_order(mo)
    return mo


def _check_can_make(row: SalesOrderRow, order: SalesOrder) -> None:
    if order.status == SalesOrderStatus.PENDING:
        raise Conflict(
            f"{order.order_no} is a quote; convert it to a sales order before making to order",
            field="sales_order_row_id",
        )
    if order.status == SalesOrderStatus.DELIVERED or sales_selectors.open_quantity(row) == 0:
        raise Conflict(
            f"this row of {order.order_no} is already fulfilled", field="sales_order_row_id"
        )
    linked = selectors.linked_manufacturing_order(row)
    if linked is not None:
        raise Conflict(
            f"this row is already made to order by {linked.order_no}", field="sales_order_row_id"
        )
    check_producible(row.variant, field="sales_order_row_id")


def _next_mto_number(order: SalesOrder) -> str:
    """`SO-7 / n`: one above the highest suffix this sales order's MOs used so far."""
    prefix = f"{order.order_no} / "
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    used = ManufacturingOrder.objects.filter(order_no__startswith=prefix).values_list(
        "order_no", flat=True
    )
    numbers = [int(m[1]) for m in map(pattern.match, used) if m]
    return f"{prefix}{max(numbers, default=0) + 1}"


# --- MTO-aware wrappers of sales edits ----------------------------------------------------


@atomic_service
def update_sales_order_row(*, row: SalesOrderRow, changes: dict[str, Any]) -> SalesOrderRow:
    """Edit a sales order row; a linked MO follows (or is unlinked) as described above."""
    mo = selectors.linked_manufacturing_order(row)
    new_variant = changes.get("variant", row.variant)
    if mo is not None and new_variant.pk != row.variant_id:
        raise Conflict(
            f"{mo.order_no} is made to order for this row; unlink or delete it before "
            "changing the product",
            field="variant_id",
        )
    old_quantity = row.quantity
    row = sales.update_row(row=row, changes=changes)
    if mo is not None and row.quantity != old_quantity:
        _follow_quantity(mo, row, old_quantity)
    return row


def _follow_quantity(mo: ManufacturingOrder, row: SalesOrderRow, old_quantity: Any) -> None:
    lock(mo)
    if mo.status in STARTED:
        _unlink(
            mo,
            reason=f"sales order row quantity changed from {old_quantity.normalize()} to "
            f"{row.quantity.normalize()} after production started",
        )
        return
    # Recipe commitments are per unit × planned quantity, so they follow by themselves.
    mo.planned_quantity = row.quantity
    mo.save(update_fields=["planned_quantity", "updated_at"])
    touch_order(mo)


@atomic_service
def delete_sales_order_row(*, row: SalesOrderRow) -> None:
    """Delete a sales order row with its NOT_STARTED MO; a started MO is unlinked."""
    _release(row, reason="its sales order row was deleted")
    sales.delete_row(row=row)


@atomic_service
def update_sales_order(*, order: SalesOrder, changes: dict[str, Any]) -> SalesOrder:
    """Edit a sales order's header; its location is locked while an MTO MO is linked."""
    order.refresh_from_db()
    location = changes.get("location", order.location)
    linked = ManufacturingOrder.objects.filter(sales_order_row__sales_order=order)
    if location.pk != order.location_id and linked.exists():
        raise Conflict(
            f"{order.order_no} has make-to-order MOs ({', '.join(mo.order_no for mo in linked)});"
            " delete them, change the location, then make to order again",
            field="location_id",
        )
    return sales.update_order(order=order, changes=changes)


@atomic_service
def delete_sales_order(*, order: SalesOrder) -> None:
    """Delete a sales order; its NOT_STARTED MTO MOs go with it, started ones are unlinked."""
    for row in order.rows.all():
        _release(row, reason=f"sales order {order.order_no} was deleted")
    sales.delete_order(order=order)


def _release(row: SalesOrderRow, *, reason: str) -> None:
    mo = selectors.linked_manufacturing_order(row)
    if mo is None:
        return
    if mo.status in STARTED:
        _unlink(mo, reason=reason)
    else:
        orders.delete_manufacturing_order(mo=mo)


@atomic_service
def revert_to_quote(*, order: SalesOrder) -> SalesOrder:
    """Turn an order back into a quote; refused while make-to-order MOs are linked to it,
    because a quote commits nothing and so cannot have production pegged to it."""
    linked = ManufacturingOrder.objects.filter(sales_order_row__sales_order=order)
    if linked.exists():
        raise Conflict(
            f"{order.order_no} has make-to-order MOs ({', '.join(mo.order_no for mo in linked)});"
            " unlink or delete them before turning the order back into a quote",
            field="status",
        )
    return sales.revert_to_quote(order=order)
