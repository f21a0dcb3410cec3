"""Purchase order writes: create, header and row edits, confirm / back to draft, delete.

Receiving and reverting are in `makeline.purchasing.receiving`; import both through
`makeline.purchasing.services`. Rows are in the purchase UoM; a DRAFT order is no supply,
so its edits touch nothing for planning, while every other edit touches each affected
(variant, location) pair.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Final

from django.utils import timezone

from makeline.catalog.contacts import ensure_shop
from makeline.catalog.models import Location, Supplier, TaxRate, Variant
from makeline.common import audit, events, locking
from makeline.common.errors import Conflict, DomainError, InvalidTransition, NotFound
from makeline.common.numbering import claim_number, next_number
from makeline.common.transitions import ensure_transition
from makeline.common.unit_of_work import atomic_service, touch
from makeline.purchasing.enums import TRANSITIONS, PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow
from makeline.purchasing.validation import (
    check_location,
    check_price,
    check_quantity,
    check_supplier,
    check_variant,
    ensure_row_editable,
    ensure_status_in,
    resolve_uom,
)

P = PurchaseOrderStatus
CREATE_STATUSES: Final = frozenset({P.DRAFT, P.NOT_RECEIVED})
"""Katana's CreatePurchaseOrderInitialStatus."""
PARTNER_STATUSES: Final = frozenset({P.DRAFT, P.NOT_RECEIVED})
"""Supplier, currency and location may change only before anything was received."""
EDITABLE_STATUSES: Final = frozenset({P.DRAFT, P.NOT_RECEIVED, P.PARTIALLY_RECEIVED})
"""Order number, expected arrival and new rows: while something is still to come."""

_PARTNER_FIELDS: Final = frozenset({"supplier", "currency", "location"})
_OPEN_FIELDS: Final = frozenset({"order_no", "expected_arrival_date"})
_FREE_FIELDS: Final = frozenset({"additional_info", "order_created_date"})
_ROW_FIELDS: Final = frozenset(
    {"variant", "quantity", "price_per_unit", "tax_rate", "arrival_date"}
    | {"purchase_uom", "purchase_uom_conversion_rate"}
)


@dataclass(frozen=True, slots=True)
class PurchaseRowSpec:
    """One row to put on a purchase order; quantity and price are per purchase unit.

    Defaults: the price is the variant's purchase price, the arrival date the order's
    expected arrival, and the purchase UoM and conversion rate are copied from the item
    (rate 1 when it has no purchase UoM).
    """

    variant: Variant
    quantity: Decimal
    price_per_unit: Decimal | None = None
    tax_rate: TaxRate | None = None
    arrival_date: datetime | None = None
    purchase_uom: str | None = None
    purchase_uom_conversion_rate: Decimal | None = None


def document(order: PurchaseOrder) -> str:
    return f"purchase order {order.order_no}"


# --- the order ----------------------------------------------------------------------------


@atomic_service
def create_purchase_order(
    *,
    supplier: Supplier,
    location: Location,
    rows: Sequence[PurchaseRowSpec],
    status: PurchaseOrderStatus = P.NOT_RECEIVED,
    order_no: str | None = None,
    order_created_date: datetime | None = None,
    expected_arrival_date: datetime | None = None,
    currency: str | None = None,
    additional_info: str = "",
) -> PurchaseOrder:
    """Create a purchase order (DRAFT or NOT_RECEIVED) with its rows.

    Defaults: order number the next free `PO-n`, created now, expected arrival created +
    the shop's PO lead days, currency the supplier's. NOT_RECEIVED rows are expected
    supply at once; a DRAFT counts for nothing until confirmed.
    """
    if status not in CREATE_STATUSES:
        raise DomainError("a purchase order starts as DRAFT or NOT_RECEIVED", field="status")
    check_supplier(supplier)
    check_location(location)
    if not rows:
        raise DomainError("a purchase order needs at least one row", field="purchase_order_rows")
    created = order_created_date or timezone.now()
    lead = timedelta(days=ensure_shop().default_po_lead_days)
    order = PurchaseOrder.objects.create(
        order_no=_order_no(order_no),
        supplier=supplier,
        location=location,
        status=status,
        currency=_currency(currency or supplier.currency),
        order_created_date=created,
        expected_arrival_date=expected_arrival_date or created + lead,
        additional_info=additional_info,
    )
    for n, spec in enumerate(rows, start=1):
        try:
            _create_row(order, spec)
        except DomainError as error:
            raise type(error)(f"row {n}: {error.message}", field=error.field) from error
    events.emit("purchase_order.created", object_id=order.pk, status=order.status)
    return order


@atomic_service
def update_order(*, order: PurchaseOrder, changes: dict[str, Any]) -> PurchaseOrder:
    """Change header fields, within Katana's per-status rules (see §2.5).

    Supplier, currency and location: DRAFT or NOT_RECEIVED. Order number and expected
    arrival: also PARTIALLY_RECEIVED; a new expected arrival overwrites the arrival date of
    every unreceived row. Notes and created date: always. Status: use `set_status`.
    """
    lock(order)
    _check_header_changes(order, changes)
    old_location_id = order.location_id
    if "order_no" in changes:
        changes = {**changes, "order_no": _order_no(changes["order_no"], exclude=order.pk)}
    if "currency" in changes:
        changes = {**changes, "currency": _currency(changes["currency"])}
    for name, value in changes.items():
        setattr(order, name, value)
    order.save()
    if "expected_arrival_date" in changes:
        order.rows.filter(received_date__isnull=True).update(
            arrival_date=order.expected_arrival_date, updated_at=timezone.now()
        )
    if order.status != P.DRAFT and changes.keys() & {"location", "expected_arrival_date"}:
        touch_rows(order, location_id=old_location_id)
        touch_rows(order)
    events.emit("purchase_order.updated", object_id=order.pk, status=order.status)
    return order


def _check_header_changes(order: PurchaseOrder, changes: dict[str, Any]) -> None:
    for name in changes:
        if name == "status":
            raise DomainError("change the status with set_status", field="status")
        if name in _PARTNER_FIELDS:
            ensure_status_in(order, PARTNER_STATUSES, field=name)
        elif name in _OPEN_FIELDS:
            ensure_status_in(order, EDITABLE_STATUSES, field=name)
        elif name not in _FREE_FIELDS:
            raise DomainError(f"{name} cannot be changed on a purchase order", field=name)
    if "supplier" in changes:
        check_supplier(changes["supplier"])
    if "location" in changes:
        check_location(changes["location"])
    for name in ("expected_arrival_date", "order_created_date"):
        if name in changes and changes[name] is None:
            raise DomainError(f"{name.replace('_', ' ')} is required", field=name)


@atomic_service
def confirm(*, order: PurchaseOrder) -> PurchaseOrder:
    """DRAFT → NOT_RECEIVED: the rows become expected supply."""
    lock(order)
    if order.status != P.DRAFT:
        raise InvalidTransition(f"{document(order)} is not a draft", field="status")
    ensure_transition(order.status, P.NOT_RECEIVED, TRANSITIONS, document=document(order))
    _set_status(order, P.NOT_RECEIVED)
    touch_rows(order)
    return order


@atomic_service
def set_draft(*, order: PurchaseOrder) -> PurchaseOrder:
    """NOT_RECEIVED → DRAFT: the rows stop counting as expected supply."""
    lock(order)
    if order.status in (P.PARTIALLY_RECEIVED, P.RECEIVED):
        raise InvalidTransition(
            f"{document(order)} has received rows; revert it to not received first",
            field="status",
        )
    ensure_transition(order.status, P.DRAFT, TRANSITIONS, document=document(order))
    _set_status(order, P.DRAFT)
    touch_rows(order)
    return order


@atomic_service
def delete_order(*, order: PurchaseOrder) -> None:
    """Delete an order with nothing received (Katana answers 412 otherwise)."""
    lock(order)
    if order.rows.filter(received_date__isnull=False).exists():
        raise Conflict(
            f"{document(order)} has received stock; revert it to not received before deleting",
            field="status",
        )
    if order.status != P.DRAFT:
        touch_rows(order)
    events.emit("purchase_order.deleted", object_id=order.pk, status=order.status)
    order.delete()


# --- rows ---------------------------------------------------------------------------------


@atomic_service
def add_row(*, order: PurchaseOrder, spec: PurchaseRowSpec) -> PurchaseOrderRow:
    """Add a row to an order that still expects something (not to a RECEIVED one)."""
    lock(order)
    ensure_status_in(order, EDITABLE_STATUSES, field="purchase_order_rows")
    return _create_row(order, spec)


@atomic_service
def update_row(*, row: PurchaseOrderRow, changes: dict[str, Any]) -> PurchaseOrderRow:
    """Change an unreceived row; a received row is frozen.

    A new variant brings its item's purchase UoM and rate unless they are given too; the
    price stays what it was unless given (it may have been negotiated).
    """
    lock(row)
    ensure_row_editable(row)
    unknown = set(changes) - _ROW_FIELDS
    if unknown:
        name = sorted(unknown)[0]
        raise DomainError(f"{name} cannot be changed on a purchase order row", field=name)
    variant: Variant = changes.get("variant", row.variant)
    if "variant" in changes:
        check_variant(variant)
    check_quantity(changes.get("quantity", row.quantity))
    check_price(changes.get("price_per_unit", row.price_per_unit))
    uom, rate = _row_uom(row, variant, changes)
    old_variant_id = row.variant_id
    for name, value in changes.items():
        setattr(row, name, value)
    row.purchase_uom, row.purchase_uom_conversion_rate = uom, rate
    row.save()
    order = row.purchase_order
    if order.status != P.DRAFT:
        touch(old_variant_id, order.location_id)
        touch(row.variant_id, order.location_id)
    return row


def _row_uom(
    row: PurchaseOrderRow, variant: Variant, changes: dict[str, Any]
) -> tuple[str, Decimal]:
    uom_given = changes.keys() & {"purchase_uom", "purchase_uom_conversion_rate"}
    if variant.pk != row.variant_id and not uom_given:
        return resolve_uom(variant, None, None)
    uom = changes.get("purchase_uom", row.purchase_uom)
    # A new UoM without a rate takes the item's rate (or is refused): the old rate was for
    # the old unit.
    current_rate = None if "purchase_uom" in changes else row.purchase_uom_conversion_rate
    return resolve_uom(variant, uom, changes.get("purchase_uom_conversion_rate", current_rate))


@atomic_service
def delete_row(*, row: PurchaseOrderRow) -> PurchaseOrder:
    """Delete an unreceived row; the order keeps at least one row (delete the order instead)."""
    lock(row)
    ensure_row_editable(row)
    order = row.purchase_order
    if not order.rows.exclude(pk=row.pk).exists():
        raise Conflict(
            "a purchase order needs at least one row; delete the order instead",
            field="purchase_order_rows",
        )
    row.delete()
    if order.status != P.DRAFT:
        touch(row.variant_id, order.location_id)
    # Deleting the last unreceived row of a partly received order completes it.
    refresh_received_status(order)
    return order


# --- shared with receiving ----------------------------------------------------------------


def refresh_received_status(order: PurchaseOrder) -> None:
    """Derive PARTIALLY_RECEIVED / RECEIVED from the rows' receipts (nothing received: keep)."""
    received = order.rows.filter(received_date__isnull=False).count()
    if received == 0 or order.status == P.DRAFT:
        return
    total = order.rows.count()
    target = P.RECEIVED if received == total else P.PARTIALLY_RECEIVED
    if target != order.status:
        ensure_transition(order.status, target, TRANSITIONS, document=document(order))
        _set_status(order, target)


def lock(obj: PurchaseOrder | PurchaseOrderRow) -> None:
    """Lock the order (and the row), reload `obj`, then lock the variants of the order's rows.

    The caller's copy may be stale (a receipt may have split or received the row since);
    checks and saves must work on what is stored, or a save would undo a receipt. The order
    is locked first even for a row edit (common.locking's order), so every change of an
    order and its rows queues on the order row; the variants come last, in id order, for
    the services that move stock of several rows at once (receive all, revert).
    """
    if isinstance(obj, PurchaseOrderRow):
        # A row never moves to another order, so the caller's order id is the one to lock.
        order_id = obj.purchase_order_id
        locking.lock(PurchaseOrder, [order_id])
        found = locking.lock(PurchaseOrderRow, [obj.pk])
    else:
        order_id = obj.pk
        found = locking.lock(PurchaseOrder, [order_id])
    if not found:
        raise NotFound(f"{type(obj)._meta.verbose_name} {obj.pk} no longer exists")
    obj.refresh_from_db()
    variants = PurchaseOrderRow.objects.filter(purchase_order_id=order_id)
    locking.lock(Variant, variants.values_list("variant_id", flat=True))


def touch_rows(order: PurchaseOrder, *, location_id: int | None = None) -> None:
    """Touch every row's variant at the order's location (or at `location_id`)."""
    where = location_id if location_id is not None else order.location_id
    for variant_id in order.rows.values_list("variant_id", flat=True).distinct():
        touch(variant_id, where)


def _set_status(order: PurchaseOrder, status: PurchaseOrderStatus) -> None:
    audit.changed(order, "status", order.status, status)
    order.status = status
    order.save(update_fields=["status", "updated_at"])
    events.emit_status("purchase_order", object_id=order.pk, status=order.status)


def _create_row(order: PurchaseOrder, spec: PurchaseRowSpec) -> PurchaseOrderRow:
    check_variant(spec.variant)
    check_quantity(spec.quantity)
    price = spec.variant.purchase_price if spec.price_per_unit is None else spec.price_per_unit
    check_price(price)
    uom, rate = resolve_uom(spec.variant, spec.purchase_uom, spec.purchase_uom_conversion_rate)
    row = PurchaseOrderRow.objects.create(
        purchase_order=order,
        variant=spec.variant,
        quantity=spec.quantity,
        price_per_unit=price,
        purchase_uom=uom,
        purchase_uom_conversion_rate=rate,
        tax_rate=spec.tax_rate,
        arrival_date=spec.arrival_date or order.expected_arrival_date,
    )
    if order.status != P.DRAFT:
        touch(row.variant_id, order.location_id)
    return row


def _order_no(order_no: str | None, *, exclude: int | None = None) -> str:
    if order_no is None:
        return next_number(PurchaseOrder.objects.all(), field="order_no", prefix="PO")
    order_no = order_no.strip()
    if not order_no:
        raise DomainError("order number must not be empty", field="order_no")
    clash = PurchaseOrder.objects.filter(order_no=order_no)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise DomainError(
            f"order number {order_no} is used by another purchase order", field="order_no"
        )
    claim_number(order_no)
    return order_no


def _currency(currency: str) -> str:
    currency = (currency or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise DomainError(f"{currency!r} is not a three-letter currency code", field="currency")
    return currency
