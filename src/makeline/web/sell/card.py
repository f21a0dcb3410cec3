"""Read models of the sales order card and of its availability panel (missing materials and
the "why" of each row's status). Statuses come from the planning selectors."""

from dataclasses import dataclass
from decimal import Decimal

from makeline.planning import selectors as planning
from makeline.production.models import ManufacturingOrder
from makeline.sales import selectors as sales
from makeline.sales.enums import EDITABLE_HEADER, SalesOrderStatus
from makeline.sales.models import Fulfillment, SalesOrder, SalesOrderAddress, SalesOrderRow


@dataclass(frozen=True, slots=True)
class CardRow:
    row: SalesOrderRow
    statuses: planning.RowStatuses
    mo: ManufacturingOrder | None
    packed: Decimal
    delivered: Decimal
    open_quantity: Decimal

    @property
    def can_make(self) -> bool:
        """Make to order is offered on an open row of a producible product without an MO."""
        item = self.row.variant.item
        return (
            self.mo is None
            and self.open_quantity > 0
            and item.is_producible
            and self.row.variant.is_usable
        )


@dataclass(frozen=True, slots=True)
class OrderCard:
    order: SalesOrder
    rows: list[CardRow]
    statuses: planning.SalesOrderStatuses
    totals: sales.OrderTotals
    addresses: list[SalesOrderAddress]
    fulfillments: list[Fulfillment]
    profit: sales.Profit | None

    @property
    def is_quote(self) -> bool:
        return self.order.status == SalesOrderStatus.PENDING

    @property
    def is_delivered(self) -> bool:
        return self.order.status == SalesOrderStatus.DELIVERED

    @property
    def header_editable(self) -> bool:
        return self.order.status in EDITABLE_HEADER

    @property
    def has_open_rows(self) -> bool:
        return not self.is_quote and any(r.open_quantity > 0 for r in self.rows)

    @property
    def can_make_any(self) -> bool:
        return not self.is_quote and any(r.can_make for r in self.rows)

    @property
    def has_linked_mos(self) -> bool:
        return any(r.mo is not None for r in self.rows)


def order_card(order: SalesOrder) -> OrderCard:
    """Everything the card shows, in a handful of queries whatever the number of rows."""
    rows = list(order.rows.select_related("variant__item", "tax_rate").order_by("position", "id"))
    progress = {p.row_id: p for p in sales.row_progress(order)}
    linked = {
        mo.sales_order_row_id: mo
        for mo in ManufacturingOrder.objects.filter(sales_order_row__in=rows)
    }
    statuses = planning.sales_row_statuses(rows)
    card_rows = [
        CardRow(
            row=row,
            statuses=statuses[row.pk],
            mo=linked.get(row.pk),
            packed=progress[row.pk].packed,
            delivered=progress[row.pk].delivered,
            open_quantity=progress[row.pk].open_quantity,
        )
        for row in rows
    ]
    fulfillments = list(
        order.fulfillments.prefetch_related("rows__sales_order_row__variant__item").order_by("id")
    )
    return OrderCard(
        order=order,
        rows=card_rows,
        statuses=planning.sales_order_statuses(order),
        totals=sales.order_totals(order),
        addresses=list(order.addresses.order_by("entity_type")),
        fulfillments=fulfillments,
        profit=sales.revenue_cogs_profit(order) if fulfillments else None,
    )


@dataclass(frozen=True, slots=True)
class PanelRow:
    row: SalesOrderRow
    statuses: planning.RowStatuses
    mo: ManufacturingOrder | None
    missing: list[planning.MissingLine]
    why: list[str]


def availability_panel(order: SalesOrder, *, row_id: int | None = None) -> list[PanelRow]:
    """Per row (or for one row): its statuses, the missing-materials list and why it has
    its sales items status. A detail view of one order, so a few queries per row is fine."""
    rows = order.rows.select_related("variant__item").order_by("position", "id")
    if row_id is not None:
        rows = rows.filter(pk=row_id)
    rows_list = list(rows)
    statuses = planning.sales_row_statuses(rows_list)
    linked = {
        mo.sales_order_row_id: mo
        for mo in ManufacturingOrder.objects.filter(sales_order_row__in=rows_list)
    }
    panel = []
    for row in rows_list:
        explanation = planning.explanation(f"so:{row.pk}")
        panel.append(
            PanelRow(
                row=row,
                statuses=statuses[row.pk],
                mo=linked.get(row.pk),
                missing=planning.missing_materials_for_row(row),
                why=explanation.sentences() if explanation else [],
            )
        )
    return panel
