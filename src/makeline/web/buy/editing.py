"""Saving the purchase order card: the header and every row edit in ONE unit of work.

The card is edited as a whole, but the purchasing services change one thing each (header,
one row); these functions only call them in order inside `unit_of_work()`, so a refusal of
any of them rolls back all of them (nothing saved half). A refusal is re-raised as
`CardError`, saying which row (if any) it belongs to so the view can show it there.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from makeline.catalog.models import Location, Supplier, TaxRate, Variant
from makeline.common.errors import DomainError, NotFound
from makeline.common.unit_of_work import unit_of_work
from makeline.purchasing import services
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow

ROW_FIELDS = {
    "variant_id": "item",
    "variant": "item",
    "quantity": "quantity",
    "price_per_unit": "price_per_unit",
    "purchase_uom_conversion_rate": "item",
    "purchase_uom": "item",
    "tax_rate": "tax_rate",
    "arrival_date": "arrival_date",
    "received_date": "quantity",
}
"""Service field names → the row form's fields."""


@dataclass(frozen=True, slots=True)
class RowInput:
    row_id: int | None
    variant: Variant | None
    quantity: Decimal | None
    price_per_unit: Decimal | None
    tax_rate: TaxRate | None
    arrival_date: datetime | None
    delete: bool = False


@dataclass(frozen=True, slots=True)
class Header:
    supplier: Supplier
    location: Location
    expected_arrival_date: datetime | None
    currency: str
    additional_info: str
    order_no: str | None = None


class CardError(Exception):
    """A service refused; `row` is the index of the row form at fault, or None."""

    def __init__(self, error: DomainError, row: int | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.row = row


def create(
    *, header: Header, rows: Sequence[RowInput], status: PurchaseOrderStatus
) -> PurchaseOrder:
    """Create the order with its first row, then add the others, all or nothing."""
    wanted = [(n, r) for n, r in enumerate(rows) if not r.delete]
    with unit_of_work():
        first_n, first = wanted[0]
        try:
            order = services.create_purchase_order(
                supplier=header.supplier,
                location=header.location,
                rows=[_spec(first)],
                status=status,
                expected_arrival_date=header.expected_arrival_date,
                currency=header.currency or None,
                additional_info=header.additional_info,
            )
        except DomainError as error:
            raise CardError(error, first_n if error.field in ROW_FIELDS else None) from error
        for n, row in wanted[1:]:
            _row_call(n, services.add_row, order=order, spec=_spec(row))
    return order


def save(*, order: PurchaseOrder, header: Header, rows: Sequence[RowInput]) -> PurchaseOrder:
    """Apply the header changes, then new rows, row edits and removals (in that order, so a
    card whose every old row is replaced keeps at least one row throughout)."""
    existing = {r.pk: r for r in order.rows.filter(received_date__isnull=True)}
    with unit_of_work():
        changes = _header_changes(order, header)
        if changes:
            try:
                services.update_order(order=order, changes=changes)
            except DomainError as error:
                raise CardError(error) from error
        for n, row in enumerate(rows):
            if row.row_id is None and not row.delete:
                _row_call(n, services.add_row, order=order, spec=_spec(row))
        for n, row in enumerate(rows):
            if row.row_id is not None and not row.delete:
                target = _existing(n, existing, row.row_id)
                row_changes = _row_changes(target, row)
                if row_changes:
                    _row_call(n, services.update_row, row=target, changes=row_changes)
        for n, row in enumerate(rows):
            if row.row_id is not None and row.delete:
                _row_call(n, services.delete_row, row=_existing(n, existing, row.row_id))
    order.refresh_from_db()
    return order


def _row_call(n: int, service: Any, **kwargs: Any) -> Any:
    try:
        return service(**kwargs)
    except DomainError as error:
        raise CardError(error, n) from error


def _existing(n: int, existing: dict[int, PurchaseOrderRow], row_id: int) -> PurchaseOrderRow:
    if row_id not in existing:
        error = NotFound("this row was received or removed meanwhile; reload the order")
        raise CardError(error, n)
    return existing[row_id]


def _spec(row: RowInput) -> services.PurchaseRowSpec:
    # The form made sure both are there.
    assert row.variant is not None
    assert row.quantity is not None
    return services.PurchaseRowSpec(
        variant=row.variant,
        quantity=row.quantity,
        price_per_unit=row.price_per_unit,
        tax_rate=row.tax_rate,
        arrival_date=row.arrival_date,
    )


def _header_changes(order: PurchaseOrder, header: Header) -> dict[str, Any]:
    wanted: dict[str, Any] = {
        "supplier": header.supplier,
        "location": header.location,
        "expected_arrival_date": header.expected_arrival_date,
        "currency": (header.currency or order.currency).upper(),
        "additional_info": header.additional_info,
    }
    if header.order_no is not None:
        wanted["order_no"] = header.order_no
    current: dict[str, Any] = {
        "supplier": order.supplier,
        "location": order.location,
        "expected_arrival_date": order.expected_arrival_date,
        "currency": order.currency,
        "additional_info": order.additional_info,
        "order_no": order.order_no,
    }
    # Dates are picked as days: the same day is no change (the stored time of day stays).
    current["expected_arrival_date"] = _day(order.expected_arrival_date)
    wanted_day = _day(header.expected_arrival_date)
    changes = {k: v for k, v in wanted.items() if k != "expected_arrival_date" and v != current[k]}
    if header.expected_arrival_date is not None and wanted_day != current["expected_arrival_date"]:
        changes["expected_arrival_date"] = header.expected_arrival_date
    return changes


def _day(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value else None


def _row_changes(row: PurchaseOrderRow, wanted: RowInput) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if wanted.variant is not None and wanted.variant.pk != row.variant_id:
        changes["variant"] = wanted.variant
    if wanted.quantity is not None and wanted.quantity != row.quantity:
        changes["quantity"] = wanted.quantity
    if wanted.price_per_unit is not None and wanted.price_per_unit != row.price_per_unit:
        changes["price_per_unit"] = wanted.price_per_unit
    if (wanted.tax_rate.pk if wanted.tax_rate else None) != row.tax_rate_id:
        changes["tax_rate"] = wanted.tax_rate
    if wanted.arrival_date is not None and _day(wanted.arrival_date) != _day(row.arrival_date):
        changes["arrival_date"] = wanted.arrival_date
    return changes
