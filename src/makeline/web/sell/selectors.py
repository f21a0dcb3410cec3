"""Read models of the Sell screen, each page in a constant number of queries.

Statuses come from the planning selectors (stored plan); this module only combines them
with the orders' own dates into what a row of the screen shows, e.g. the "at risk" flag.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Variant
from makeline.common.fields import ZERO
from makeline.planning import selectors as planning
from makeline.production.models import ManufacturingOrder
from makeline.sales import selectors as sales
from makeline.sales.models import FulfillmentRow, SalesOrder, SalesOrderRow

PER_PAGE = 50


def _with_rows(orders: QuerySet[SalesOrder]) -> QuerySet[SalesOrder]:
    rows = SalesOrderRow.objects.select_related("variant__item", "tax_rate")
    return orders.prefetch_related(Prefetch("rows", queryset=rows))


def _page(orders: QuerySet[SalesOrder], number: str | int | None) -> Page[SalesOrder]:
    return Paginator(_with_rows(orders), PER_PAGE).get_page(number)


@dataclass(frozen=True, slots=True)
class Listing[T]:
    """One page of a table: the paginator's page (for the links) and its screen lines."""

    page: Page[SalesOrder]
    lines: list[T]


def order_total(order: SalesOrder) -> Decimal:
    """Row totals after discount, before tax (Katana's `total`), from prefetched rows."""
    return sum((row.total for row in order.rows.all()), ZERO)


# --- the Open table -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenLine:
    order: SalesOrder
    total: Decimal
    product: planning.Status
    ingredients: planning.Status
    production: str
    risks: tuple[str, ...]
    can_make: bool

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)


@dataclass(frozen=True, slots=True)
class _Linked:
    row_id: int
    deadline: datetime


def open_page(number: str | int | None, *, now: datetime | None = None) -> Listing[OpenLine]:
    """One page of the Open table in rank order, with statuses and the at-risk flag."""
    page = _page(sales.open_orders(), number)
    orders: list[SalesOrder] = list(page.object_list)
    statuses = planning.sales_order_statuses_many(orders)
    rows = [row for order in orders for row in order.rows.all()]
    row_statuses = planning.sales_row_statuses(rows)
    linked = _linked_orders([o.pk for o in orders])
    when = now or timezone.now()
    lines = []
    for order in orders:
        s = statuses[order.pk]
        made = linked.get(order.pk, [])
        lines.append(
            OpenLine(
                order=order,
                total=order_total(order),
                product=s.product,
                ingredients=s.ingredients,
                production=s.production,
                risks=delivery_risks(order, s.product, [m.deadline for m in made], now=when),
                can_make=_can_make(order, row_statuses, {m.row_id for m in made}),
            )
        )
    return Listing(page, lines)


def _linked_orders(order_ids: list[int]) -> dict[int, list[_Linked]]:
    """Make-to-order MOs of these orders: the row each is pegged to and its deadline."""
    found: dict[int, list[_Linked]] = defaultdict(list)
    for order_id, row_id, deadline in ManufacturingOrder.objects.filter(
        sales_order_row__sales_order_id__in=order_ids
    ).values_list(
        "sales_order_row__sales_order_id", "sales_order_row_id", "production_deadline_date"
    ):
        found[order_id].append(_Linked(row_id, deadline))
    return found


def delivery_risks(
    order: SalesOrder,
    product: planning.Status,
    production_deadlines: Sequence[datetime],
    *,
    now: datetime,
) -> tuple[str, ...]:
    """Why the delivery deadline shows red (Katana §1.3): an item is not available, a linked
    production deadline (or, our addition, the expected date) falls after the delivery
    deadline, or the deadline has passed. Empty when the order is on track."""
    deadline = order.delivery_date
    risks = []
    if product.status == "NOT_AVAILABLE":
        risks.append("an item is not available")
    if deadline is not None:
        if any(d > deadline for d in production_deadlines):
            risks.append("production ends after the delivery deadline")
        expected = product.expected_date
        if expected is not None and expected > timezone.localtime(deadline).date():
            risks.append("items are expected after the delivery deadline")
        if deadline < now:
            risks.append("the delivery deadline has passed")
    return tuple(risks)


def _can_make(
    order: SalesOrder, row_statuses: dict[int, planning.RowStatuses], linked_rows: set[int]
) -> bool:
    """Katana shows "+ Make to order" when a row without an MO is not available and the
    product can be made."""
    return any(
        _row_can_make(row, row_statuses.get(row.pk), linked_rows) for row in order.rows.all()
    )


def _row_can_make(
    row: SalesOrderRow, statuses: planning.RowStatuses | None, linked_rows: set[int]
) -> bool:
    return (
        statuses is not None
        and statuses.product.status == "NOT_AVAILABLE"
        and row.pk not in linked_rows
        and row.variant.item.is_producible
        and row.variant.is_usable
    )


def neighbour(order: SalesOrder, direction: Literal["up", "down"]) -> SalesOrder | None:
    """The order just above (up) or just below (down) this one in the Open table."""
    orders = sales.open_orders()
    if direction == "up":
        above = Q(rank__lt=order.rank) | Q(rank=order.rank, id__lt=order.pk)
        return orders.filter(above).order_by("-rank", "-id").first()
    below = Q(rank__gt=order.rank) | Q(rank=order.rank, id__gt=order.pk)
    return orders.filter(below).order_by("rank", "id").first()


# --- the Done and Quotes tables -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DoneLine:
    order: SalesOrder
    revenue: Decimal
    cogs: Decimal

    @property
    def profit(self) -> Decimal:
        return self.revenue - self.cogs


def done_page(number: str | int | None) -> Listing[DoneLine]:
    """Delivered orders with revenue (before tax), COGS and profit, as
    `sales.selectors.revenue_cogs_profit` computes them, for a whole page at once."""
    page = _page(sales.done_orders(), number)
    orders: list[SalesOrder] = list(page.object_list)
    cogs = dict(
        FulfillmentRow.objects.filter(fulfillment__sales_order__in=[o.pk for o in orders])
        .values_list("fulfillment__sales_order_id")
        .annotate(c=Sum("cogs_value"))
        .values_list("fulfillment__sales_order_id", "c")
    )
    lines = [DoneLine(o, order_total(o), cogs.get(o.pk) or ZERO) for o in orders]
    return Listing(page, lines)


@dataclass(frozen=True, slots=True)
class QuoteLine:
    order: SalesOrder
    total: Decimal


def quotes_page(number: str | int | None) -> Listing[QuoteLine]:
    page = _page(sales.quotes(), number)
    return Listing(page, [QuoteLine(o, order_total(o)) for o in page.object_list])


# --- item search --------------------------------------------------------------------------


def sellable_variants(query: str, *, limit: int = 20) -> list[Variant]:
    """Usable, sellable products and services whose SKU or name contains the query."""
    variants = Variant.objects.filter(
        archived_at__isnull=True,
        deleted_at__isnull=True,
        item__archived_at__isnull=True,
        item__deleted_at__isnull=True,
        item__is_sellable=True,
    ).exclude(item__kind=ItemKind.MATERIAL)
    query = query.strip()
    if query:
        variants = variants.filter(Q(sku__icontains=query) | Q(item__name__icontains=query))
    return list(variants.select_related("item").order_by("item__name", "sku")[:limit])
