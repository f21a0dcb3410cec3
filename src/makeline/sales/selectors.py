"""Sales reads: fulfilled and open quantities, totals, profit, the Sell lists, open demand.

Fulfilled quantities are always summed from fulfilment rows (never stored on the row), so
they cannot drift from the fulfilments that moved the stock.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from django.db import models
from django.db.models import Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from makeline.catalog.enums import ItemKind
from makeline.common.fields import QUANTITY_PLACES, ZERO
from makeline.common.keys import Key, narrow, wanted
from makeline.sales.enums import OPEN, FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import FulfillmentRow, SalesOrder, SalesOrderRow
from makeline.sales.progress import RowProgress

_DECIMAL = models.DecimalField(max_digits=24, decimal_places=QUANTITY_PLACES)


def _sum(path: str, *, only: Q | None = None) -> Coalesce:
    return Coalesce(Sum(path, filter=only), Value(ZERO), output_field=_DECIMAL)


def _fulfilled_by(status: FulfillmentStatus) -> Coalesce:
    return _sum("fulfillment_rows__quantity", only=Q(fulfillment_rows__fulfillment__status=status))


# --- per order and per row ----------------------------------------------------------------


def row_progress(order: SalesOrder) -> list[RowProgress]:
    """Every row of the order with its packed and delivered quantities, in one query."""
    rows = (
        SalesOrderRow.objects.filter(sales_order=order)
        .annotate(
            packed=_fulfilled_by(FulfillmentStatus.PACKED),
            delivered=_fulfilled_by(FulfillmentStatus.DELIVERED),
        )
        .order_by("position", "id")
        .values_list("id", "quantity", "packed", "delivered")
    )
    return [RowProgress(*row) for row in rows]


def fulfilled_quantities(order: SalesOrder) -> dict[int, tuple[Decimal, Decimal]]:
    """Row id → (packed, delivered) for every row of the order (zeros when untouched)."""
    return {p.row_id: (p.packed, p.delivered) for p in row_progress(order)}


def fulfilled_quantity(row: SalesOrderRow) -> Decimal:
    """What fulfilments packed or delivered of this row."""
    total = FulfillmentRow.objects.filter(sales_order_row=row).aggregate(q=Sum("quantity"))["q"]
    return total or ZERO


def open_quantity(row: SalesOrderRow) -> Decimal:
    """Quantity not yet packed or delivered. Quotes are not demand: filter on status for that."""
    return max(ZERO, row.quantity - fulfilled_quantity(row))


def row_is_fulfilled(row: SalesOrderRow) -> bool:
    return open_quantity(row) == 0


def row_has_fulfillments(row: SalesOrderRow) -> bool:
    return FulfillmentRow.objects.filter(sales_order_row=row).exists()


def has_fulfillments(order: SalesOrder) -> bool:
    return order.fulfillments.exists()


def row_cogs(row: SalesOrderRow) -> Decimal:
    """Katana's row `cogs_value`: the cost of what its fulfilments took out of stock."""
    total = FulfillmentRow.objects.filter(sales_order_row=row).aggregate(c=Sum("cogs_value"))["c"]
    return total or ZERO


class OrderTotals(NamedTuple):
    total: Decimal
    tax: Decimal
    total_with_tax: Decimal


def order_totals(order: SalesOrder) -> OrderTotals:
    """Row totals after discount, their tax, and the sum of both."""
    rows = list(order.rows.select_related("tax_rate"))
    total = sum((row.total for row in rows), ZERO)
    tax = sum((row.tax_amount for row in rows), ZERO)
    return OrderTotals(total, tax, total + tax)


class Profit(NamedTuple):
    revenue: Decimal
    cogs: Decimal
    profit: Decimal


def revenue_cogs_profit(order: SalesOrder) -> Profit:
    """Done-table figures: revenue excludes tax (Katana §1.6), COGS is the fulfilments' cost."""
    revenue = order_totals(order).total
    cogs = FulfillmentRow.objects.filter(fulfillment__sales_order=order).aggregate(
        c=Sum("cogs_value")
    )["c"]
    cogs = cogs or ZERO
    return Profit(revenue, cogs, revenue - cogs)


# --- the Sell lists -----------------------------------------------------------------------


def open_orders() -> QuerySet[SalesOrder]:
    """The Sell screen's Open table: open orders in rank (priority) order."""
    return (
        SalesOrder.objects.filter(status__in=OPEN)
        .select_related("customer", "location")
        .order_by("rank", "id")
    )


def done_orders() -> QuerySet[SalesOrder]:
    """The Done table: delivered orders, most recently picked first."""
    return (
        SalesOrder.objects.filter(status=SalesOrderStatus.DELIVERED)
        .select_related("customer", "location")
        .order_by(models.F("picked_date").desc(nulls_last=True), "-id")
    )


def quotes() -> QuerySet[SalesOrder]:
    return (
        SalesOrder.objects.filter(status=SalesOrderStatus.PENDING)
        .select_related("customer", "location")
        .order_by("rank", "id")
    )


# --- demand for planning ------------------------------------------------------------------


class DemandRow(NamedTuple):
    row_id: int
    variant_id: int
    location_id: int
    open_quantity: Decimal
    rank: int
    order_id: int
    order_no: str


def open_demand_rows(keys: Iterable[Key] | None = None) -> list[DemandRow]:
    """Every stocked row of every open order with its open quantity, in one query.

    Ordered by rank (priority), then order and row position. Rows already fully packed or
    delivered appear with open quantity 0 (Katana shows them as Picked). Service rows are
    left out: they never draw on stock (Katana: Not applicable). `keys` limits the rows to
    those (variant, location) pairs.
    """
    qs = SalesOrderRow.objects.filter(sales_order__status__in=OPEN)
    qs = narrow(qs, keys, variant="variant_id", location="sales_order__location_id")
    scope = wanted(keys)
    rows = (
        qs.exclude(variant__item__kind=ItemKind.SERVICE)
        .annotate(fulfilled=_sum("fulfillment_rows__quantity"))
        .order_by("sales_order__rank", "sales_order_id", "position", "id")
        .values_list(
            "id",
            "variant_id",
            "sales_order__location_id",
            "quantity",
            "fulfilled",
            "sales_order__rank",
            "sales_order_id",
            "sales_order__order_no",
        )
    )
    return [
        DemandRow(row_id, variant_id, location_id, max(ZERO, qty - done), rank, order_id, no)
        for row_id, variant_id, location_id, qty, done, rank, order_id, no in rows
        if scope is None or (variant_id, location_id) in scope
    ]
