"""Sales fulfilment: packing and delivering rows, switching and reverting fulfilments, and the
status PATCH of a whole order (Katana §1.6, behaviour 8).

A fulfilment takes stock out when it is created (packed or delivered alike: both leave In
stock and Committed), costed at the average cost of that moment, which becomes the
fulfilment row's COGS. Switching PACKED ↔ DELIVERED moves nothing; deleting a fulfilment
appends the opposite moves. The order's status is then derived from its fulfilments.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from makeline.common.errors import Conflict, DomainError, InvalidQuantity, InvalidTransition
from makeline.common.fields import QUANTITY_PLACES
from makeline.common.transitions import ensure_transition
from makeline.common.unit_of_work import atomic_service
from makeline.inventory.enums import MoveSource
from makeline.inventory.services import post_move, reverse_moves
from makeline.sales import selectors, services
from makeline.sales.enums import TRANSITIONS, FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import Fulfillment, FulfillmentRow, SalesOrder, SalesOrderRow
from makeline.sales.status import DOCUMENT, lock, sync_status

type Line = tuple[SalesOrderRow, Decimal]

_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)
_COMPUTED = frozenset({SalesOrderStatus.PARTIALLY_PACKED, SalesOrderStatus.PARTIALLY_DELIVERED})


@atomic_service
def fulfil(
    *,
    order: SalesOrder,
    status: FulfillmentStatus,
    rows: Sequence[Line] | None = None,
    picked_date: datetime | None = None,
    tracking_number: str = "",
    tracking_url: str = "",
    tracking_carrier: str = "",
    tracking_method: str = "",
) -> Fulfillment:
    """Pack or deliver (row, quantity) pairs of the order; None = everything still open.

    Stocked rows leave the order's location at the current average cost (the COGS);
    service rows are fulfilled without a stock move.
    """
    lock(order)
    if order.status == SalesOrderStatus.PENDING:
        raise Conflict(
            f"{order.order_no} is a quote; convert it to a sales order before packing",
            field="status",
        )
    _check_status(status)
    lines = _lines(order, rows)
    fulfillment = Fulfillment.objects.create(
        sales_order=order,
        status=status,
        picked_date=picked_date or timezone.now(),
        tracking_number=tracking_number,
        tracking_url=tracking_url,
        tracking_carrier=tracking_carrier,
        tracking_method=tracking_method,
    )
    for row, quantity in lines:
        _fulfil_row(fulfillment, order, row, quantity)
    sync_status(order)
    return fulfillment


def _check_status(status: str) -> None:
    if status not in FulfillmentStatus.values:
        raise DomainError("a fulfilment is PACKED or DELIVERED", field="status")


def _lines(order: SalesOrder, rows: Sequence[Line] | None) -> list[Line]:
    """The (row, quantity) pairs to fulfil, checked against each row's open quantity."""
    progress = {p.row_id: p for p in selectors.row_progress(order)}
    if rows is None:
        by_id = {row.pk: row for row in order.rows.select_related("variant__item")}
        lines = [(by_id[p.row_id], p.open_quantity) for p in progress.values()]
        lines = [(row, quantity) for row, quantity in lines if quantity > 0]
        if not lines:
            raise InvalidQuantity(f"nothing is left to fulfil on {order.order_no}", field="rows")
        return lines
    if not rows:
        raise InvalidQuantity("a fulfilment needs at least one row", field="rows")
    asked: dict[int, Decimal] = defaultdict(Decimal)
    for row, quantity in rows:
        if row.pk not in progress:
            raise DomainError(
                f"row {row.pk} does not belong to {order.order_no}", field="sales_order_row_id"
            )
        if quantity <= 0:
            raise InvalidQuantity("a fulfilled quantity must be above zero", field="quantity")
        asked[row.pk] += quantity
        if asked[row.pk] > progress[row.pk].open_quantity:
            raise InvalidQuantity(
                f"only {progress[row.pk].open_quantity} of row {row.pk} is left to fulfil",
                field="quantity",
            )
    return list(rows)


def _fulfil_row(
    fulfillment: Fulfillment, order: SalesOrder, row: SalesOrderRow, quantity: Decimal
) -> FulfillmentRow:
    line = FulfillmentRow.objects.create(
        fulfillment=fulfillment, sales_order_row=row, quantity=quantity
    )
    if row.variant.item.is_stocked:
        move = post_move(
            variant=row.variant,
            location=order.location,
            quantity=-quantity,
            source=MoveSource.SALES_ORDER_ROW,
            source_id=line.pk,
            order_no=order.order_no,
            order_id=order.pk,
            moved_at=fulfillment.picked_date,
        )
        # COGS = the average cost the move went out at, i.e. at fulfilment time (Katana).
        line.cogs_value = (move.unit_cost * quantity).quantize(_PLACES, rounding=ROUND_HALF_UP)
        line.save(update_fields=["cogs_value"])
    return line


@atomic_service
def update_fulfillment(
    *,
    fulfillment: Fulfillment,
    status: FulfillmentStatus | None = None,
    picked_date: datetime | None = None,
    tracking_number: str | None = None,
    tracking_url: str | None = None,
    tracking_carrier: str | None = None,
    tracking_method: str | None = None,
) -> Fulfillment:
    """Switch PACKED ↔ DELIVERED (no stock moves: the goods already left) or edit details."""
    order = fulfillment.sales_order
    lock(order)
    if status is not None:
        _check_status(status)
        fulfillment.status = status
    if picked_date is not None:
        fulfillment.picked_date = picked_date
    details = {
        "tracking_number": tracking_number,
        "tracking_url": tracking_url,
        "tracking_carrier": tracking_carrier,
        "tracking_method": tracking_method,
    }
    for name, value in details.items():
        if value is not None:
            setattr(fulfillment, name, value)
    fulfillment.save()
    sync_status(order)
    return fulfillment


@atomic_service
def delete_fulfillment(*, fulfillment: Fulfillment) -> SalesOrder:
    """Revert a fulfilment: its stock comes back (opposite moves) and the status follows."""
    order = fulfillment.sales_order
    lock(order)
    _revert(fulfillment)
    sync_status(order)
    return order


def _revert(fulfillment: Fulfillment) -> None:
    line_ids = list(fulfillment.rows.values_list("pk", flat=True))
    reverse_moves(source=MoveSource.SALES_ORDER_ROW, source_ids=line_ids)
    fulfillment.delete()


@atomic_service
def set_status(*, order: SalesOrder, status: SalesOrderStatus) -> SalesOrder:
    """Katana's status PATCH on a whole order.

    PACKED / DELIVERED fulfil everything still open with that status and switch the
    existing fulfilments to it; NOT_SHIPPED from a fulfilled state deletes every
    fulfilment (stock comes back); PENDING ↔ NOT_SHIPPED turns an order into a quote and
    back. The partial statuses follow from fulfilments and cannot be set. Setting the
    current status again changes nothing.
    """
    lock(order)
    if status not in SalesOrderStatus.values or status in _COMPUTED:
        raise InvalidTransition(
            f"{status} cannot be set; pack or deliver some rows to get there", field="status"
        )
    target = SalesOrderStatus(status)
    if order.status == target:
        return order
    ensure_transition(order.status, target, TRANSITIONS, document=DOCUMENT)
    if target == SalesOrderStatus.PENDING:
        return services.revert_to_quote(order=order)
    if target == SalesOrderStatus.NOT_SHIPPED and order.status == SalesOrderStatus.PENDING:
        return services.convert_quote_to_order(order=order)
    if target == SalesOrderStatus.NOT_SHIPPED:
        for fulfillment in order.fulfillments.order_by("-id"):
            _revert(fulfillment)
        return sync_status(order)
    return _fulfil_all(order, FulfillmentStatus(target))


def _fulfil_all(order: SalesOrder, status: FulfillmentStatus) -> SalesOrder:
    """Everything ends up with `status`: switch existing fulfilments, fulfil the rest."""
    order.fulfillments.exclude(status=status).update(status=status, updated_at=timezone.now())
    if any(p.open_quantity > 0 for p in selectors.row_progress(order)):
        fulfil(order=order, status=status)
    sync_status(order)
    return order
