"""Purchasing reads: open supply for planning, orders by status, order totals."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce

from makeline.common.fields import QUANTITY_PLACES, ZERO
from makeline.purchasing.enums import OPEN, PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow

type Key = tuple[int, int]

_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)


@dataclass(frozen=True, slots=True)
class OpenSupplyRow:
    """An unreceived row of an open order: expected supply, in the item's stock UoM."""

    row_id: int
    variant_id: int
    location_id: int
    quantity: Decimal
    arrival_date: datetime | None
    purchase_order_id: int
    order_no: str


@dataclass(frozen=True, slots=True)
class OrderTotals:
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    currency: str


def open_supply_rows(keys: Iterable[Key] | None = None) -> list[OpenSupplyRow]:
    """Every unreceived row of NOT_RECEIVED / PARTIALLY_RECEIVED orders, in one query.

    The quantity is converted to stock UoM; the arrival date is the row's, else the
    order's expected arrival. Drafts count for nothing. `keys` limits the result to those
    (variant, location) pairs. Sorted by arrival date (unknown last), then row id.
    """
    qs = PurchaseOrderRow.objects.filter(
        received_date__isnull=True, purchase_order__status__in=OPEN
    )
    wanted = None if keys is None else set(keys)
    if wanted is not None:
        if not wanted:
            return []
        qs = qs.filter(variant_id__in={k[0] for k in wanted})
    values = (
        qs.annotate(arrival=Coalesce("arrival_date", "purchase_order__expected_arrival_date"))
        .order_by(F("arrival").asc(nulls_last=True), "id")
        .values_list(
            "id",
            "variant_id",
            "purchase_order__location_id",
            "quantity",
            "purchase_uom_conversion_rate",
            "arrival",
            "purchase_order_id",
            "purchase_order__order_no",
        )
    )
    return [
        # Multiply in Python: SQLite would do the stock-UoM product in floating point.
        OpenSupplyRow(row_id, variant, location, quantity * rate, arrival, order, order_no)
        for row_id, variant, location, quantity, rate, arrival, order, order_no in values
        if wanted is None or (variant, location) in wanted
    ]


def orders_by_status(status: PurchaseOrderStatus | str) -> QuerySet[PurchaseOrder]:
    """Orders in one status, newest first, with supplier and location loaded."""
    return PurchaseOrder.objects.filter(status=status).select_related("supplier", "location")


def order_totals(order: PurchaseOrder) -> OrderTotals:
    """Subtotal (quantity × price per unit), tax by each row's rate, and total, in the
    order's currency. Received and unreceived rows alike."""
    subtotal = tax = ZERO
    for row in order.rows.select_related("tax_rate"):
        line = row.quantity * row.price_per_unit
        subtotal += line
        if row.tax_rate is not None:
            tax += line * row.tax_rate.rate / 100
    subtotal, tax = _round(subtotal), _round(tax)
    return OrderTotals(subtotal=subtotal, tax=tax, total=subtotal + tax, currency=order.currency)


def order_totals_many(orders: Iterable[PurchaseOrder]) -> dict[int, OrderTotals]:
    """`order_totals` of many orders in one query, whatever their number."""
    orders = list(orders)
    sums: dict[int, list[Decimal]] = {order.pk: [ZERO, ZERO] for order in orders}
    rows = PurchaseOrderRow.objects.filter(purchase_order__in=orders).values_list(
        "purchase_order_id", "quantity", "price_per_unit", "tax_rate__rate"
    )
    for order_id, quantity, price, rate in rows:
        line = quantity * price
        sums[order_id][0] += line
        if rate is not None:
            sums[order_id][1] += line * rate / 100
    result = {}
    for order in orders:
        subtotal, tax = (_round(value) for value in sums[order.pk])
        result[order.pk] = OrderTotals(subtotal, tax, subtotal + tax, order.currency)
    return result


def _round(value: Decimal) -> Decimal:
    return value.quantize(_PLACES, rounding=ROUND_HALF_UP)
