"""Receiving purchase orders, reverting receipts, and Katana's status PATCH.

A receipt books stock through `post_move` (in stock UoM, at the row's price per stock
unit, so the moving-average cost follows) and then derives the order's status from its
rows. A revert reverses those moves, folds split rows back into the rows they came from
and returns the order to NOT_RECEIVED, so that receive-then-revert leaves no trace but
the (append-only) ledger entries.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from makeline.catalog.models import Variant
from makeline.common import audit, events, locking
from makeline.common.errors import (
    Conflict,
    DomainError,
    InvalidQuantity,
    InvalidTransition,
    NotFound,
)
from makeline.common.transitions import ensure_transition
from makeline.common.unit_of_work import atomic_service
from makeline.inventory.enums import MoveSource
from makeline.inventory.services import post_move, reverse_moves
from makeline.purchasing.enums import TRANSITIONS, PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow
from makeline.purchasing.orders import (
    confirm,
    document,
    lock,
    refresh_received_status,
    set_draft,
    touch_rows,
)

P = PurchaseOrderStatus


@dataclass(frozen=True, slots=True)
class Receipt:
    """Receive `quantity` (purchase UoM) of one row, dated `received_date` (default now)."""

    row: PurchaseOrderRow
    quantity: Decimal
    received_date: datetime | None = None


@atomic_service
def receive(*, receipts: Sequence[Receipt]) -> list[PurchaseOrderRow]:
    """Receive rows, possibly of several purchase orders; return the received rows.

    - The whole quantity: the row gets its `received_date`.
    - Less (a partial receipt): the row SPLITS. The original keeps the unreceived
      quantity; a new row (`split_from` = original) holds the received quantity and date.
    - More (an over-receipt, the supplier shipped extra): allowed. The row is fully
      received with the larger quantity, the whole quantity is booked into stock, and the
      ordered quantity is kept in `ordered_quantity` so that a revert restores it.

    Refused: rows of DRAFT orders (confirm first), quantities ≤ 0, rows already received,
    the same row twice in one call. Each order's status then follows from its rows
    (reload the order objects you hold: the rows are read and saved under a lock).
    """
    if not receipts:
        raise InvalidQuantity("nothing to receive: give at least one row", field="rows")
    rows = _lock_rows(receipts)
    for n, receipt in enumerate(receipts, start=1):
        _check_receipt(n, rows[receipt.row.pk], receipt.quantity)
    now = timezone.now()
    received = [_receive_row(rows[r.row.pk], r.quantity, r.received_date or now) for r in receipts]
    for order in PurchaseOrder.objects.filter(pk__in={r.purchase_order_id for r in received}):
        refresh_received_status(order)
    return received


@atomic_service
def receive_all(*, order: PurchaseOrder, received_date: datetime | None = None) -> PurchaseOrder:
    """Receive every unreceived row in full (Katana: PATCH status RECEIVED)."""
    lock(order)
    if order.status == P.DRAFT:
        raise InvalidTransition(f"{document(order)} is a draft; confirm it first", field="status")
    rows = list(order.rows.filter(received_date__isnull=True))
    if not rows:
        raise InvalidTransition(f"{document(order)} is received already", field="status")
    receive(
        receipts=[Receipt(row=r, quantity=r.quantity, received_date=received_date) for r in rows]
    )
    order.refresh_from_db()
    return order


@atomic_service
def revert_to_not_received(*, order: PurchaseOrder) -> PurchaseOrder:
    """Undo every receipt of the order (Katana: PATCH status NOT_RECEIVED).

    The receipt moves are reversed (on-hand and average cost come back), `received_date`
    is cleared, over-received rows get their ordered quantity back, and each split row is
    folded back into the row it came from, which keeps its id. A split row whose origin
    was deleted or edited since (other variant, price, UoM or tax) stays a row of its own.
    """
    lock(order)
    if order.status == P.DRAFT:
        raise InvalidTransition(
            f"{document(order)} is a draft; nothing was received", field="status"
        )
    ensure_transition(order.status, P.NOT_RECEIVED, TRANSITIONS, document=document(order))
    rows = list(order.rows.all())
    received = [row for row in rows if row.received_date is not None]
    reverse_moves(source=MoveSource.PURCHASE_ORDER_ROW, source_ids=[r.pk for r in received])
    for row in received:
        _unreceive(row)
    _fold_splits(received, {row.pk: row for row in rows})
    audit.changed(order, "receipts reverted", len(received), 0)
    audit.changed(order, "status", order.status, P.NOT_RECEIVED)
    order.status = P.NOT_RECEIVED
    order.save(update_fields=["status", "updated_at"])
    touch_rows(order)
    events.emit_status("purchase_order", object_id=order.pk, status=order.status)
    return order


@atomic_service
def set_status(*, order: PurchaseOrder, status: PurchaseOrderStatus | str) -> PurchaseOrder:
    """Katana's status PATCH: RECEIVED receives all; NOT_RECEIVED confirms a draft or reverts
    the receipts; DRAFT sets a not-received order back to draft. PARTIALLY_RECEIVED follows
    from receipts and cannot be set. Setting the current status changes nothing.
    """
    if status not in P.values:
        raise DomainError(f"unknown purchase order status {status!r}", field="status")
    target = P(status)
    lock(order)
    if target == P.PARTIALLY_RECEIVED:
        raise InvalidTransition(
            "PARTIALLY_RECEIVED cannot be set; receive some rows instead", field="status"
        )
    if target == order.status:
        return order
    if target == P.RECEIVED:
        return receive_all(order=order)
    if target == P.DRAFT:
        return set_draft(order=order)
    if order.status == P.DRAFT:
        return confirm(order=order)
    return revert_to_not_received(order=order)


# --- helpers ------------------------------------------------------------------------------


def _lock_rows(receipts: Sequence[Receipt]) -> dict[int, PurchaseOrderRow]:
    """The receipts' rows, reloaded under a lock (a caller's copy may be stale).

    In common.locking's order: their orders, the rows, then every variant the receipt
    will move, each in id order. The orders too: their status is derived from all their
    rows, so two receipts of different rows of one order must not derive it side by side.
    """
    ids = [r.row.pk for r in receipts]
    if len(set(ids)) != len(ids):
        raise DomainError("each row can be received once per receipt", field="rows")
    orders = PurchaseOrderRow.objects.filter(pk__in=ids).values_list("purchase_order_id")
    locking.lock(PurchaseOrder, [order_id for (order_id,) in orders])
    locking.lock(PurchaseOrderRow, ids)
    rows = PurchaseOrderRow.objects.select_related("purchase_order__location", "variant")
    by_id = {row.pk: row for row in rows.filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in by_id]
    if missing:
        raise NotFound(f"purchase order row {missing[0]} does not exist", field="rows")
    locking.lock(Variant, [row.variant_id for row in by_id.values()])
    return by_id


def _check_receipt(n: int, row: PurchaseOrderRow, quantity: Decimal) -> None:
    order = row.purchase_order
    if order.status == P.DRAFT:
        raise InvalidTransition(
            f"row {n}: {document(order)} is a draft; confirm it before receiving", field="status"
        )
    if quantity <= 0:
        raise InvalidQuantity(
            f"row {n}: the received quantity must be greater than zero", field="quantity"
        )
    if row.received_date is not None:
        raise Conflict(f"row {n}: this row was received already", field="received_date")


def _receive_row(row: PurchaseOrderRow, quantity: Decimal, when: datetime) -> PurchaseOrderRow:
    if quantity < row.quantity:
        received = _split(row, quantity)
    else:
        if quantity > row.quantity:
            row.ordered_quantity = row.quantity
            row.quantity = quantity
        received = row
    received.received_date = when
    received.save()
    order = row.purchase_order
    audit.changed(order, f"row {row.pk} received", "", received.quantity)
    post_move(
        variant=received.variant,
        location=order.location,
        quantity=received.stock_quantity,
        unit_cost=received.unit_cost,
        source=MoveSource.PURCHASE_ORDER_ROW,
        source_id=received.pk,
        order_no=order.order_no,
        order_id=order.pk,
        moved_at=when,
    )
    return received


def _split(row: PurchaseOrderRow, quantity: Decimal) -> PurchaseOrderRow:
    """Take `quantity` off `row` into a new (unsaved) row that remembers where it came from."""
    row.quantity -= quantity
    row.save(update_fields=["quantity", "updated_at"])
    return PurchaseOrderRow(
        purchase_order=row.purchase_order,
        variant=row.variant,
        quantity=quantity,
        price_per_unit=row.price_per_unit,
        purchase_uom=row.purchase_uom,
        purchase_uom_conversion_rate=row.purchase_uom_conversion_rate,
        tax_rate_id=row.tax_rate_id,
        arrival_date=row.arrival_date,
        split_from=row,
    )


def _unreceive(row: PurchaseOrderRow) -> None:
    if row.ordered_quantity is not None:
        row.quantity, row.ordered_quantity = row.ordered_quantity, None
    row.received_date = None
    row.save()


def _fold_splits(received: list[PurchaseOrderRow], rows: dict[int, PurchaseOrderRow]) -> None:
    for row in received:
        if row.split_from_id is None:
            continue
        origin = rows.get(row.split_from_id)
        if origin is not None and _same_terms(origin, row):
            origin.quantity += row.quantity
            origin.save(update_fields=["quantity", "updated_at"])
            row.delete()
        else:
            row.split_from = None
            row.save(update_fields=["split_from", "updated_at"])


def _same_terms(a: PurchaseOrderRow, b: PurchaseOrderRow) -> bool:
    def terms(row: PurchaseOrderRow) -> tuple[object, ...]:
        return (
            row.variant_id,
            row.price_per_unit,
            row.purchase_uom,
            row.purchase_uom_conversion_rate,
            row.tax_rate_id,
        )

    return terms(a) == terms(b)
