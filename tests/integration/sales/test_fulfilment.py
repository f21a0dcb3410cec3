"""Packing and delivering sales orders: stock moves, COGS, derived statuses, reverts."""

from datetime import UTC, datetime

import pytest

from makeline.common.errors import Conflict, DomainError, InvalidQuantity, InvalidTransition
from makeline.inventory import selectors as stock
from makeline.inventory.enums import MoveSource
from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockMove
from makeline.sales import fulfilment, selectors
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import Fulfillment, FulfillmentRow, SalesOrder
from tests import factories as f
from tests import factories_sales as fs
from tests.factories import D

pytestmark = pytest.mark.django_db

S = SalesOrderStatus
PACKED, DELIVERED = FulfillmentStatus.PACKED, FulfillmentStatus.DELIVERED


def _in_stock(variant: object, order: SalesOrder) -> object:
    return stock.on_hand(variant_id=variant.pk, location_id=order.location_id)  # type: ignore[attr-defined]


def _open(order: SalesOrder) -> dict[int, object]:
    return {d.row_id: d.open_quantity for d in selectors.open_demand_rows()}


def test_behaviour_8_fulfilment_and_delivery_statuses() -> None:
    # given an SO with r1 (3 P) and r2 (2 Q), all in stock
    p, q = f.product("P"), f.product("Q")
    f.stock(p, 10, cost="4")
    f.stock(q, 10, cost="6")
    order = fs.sales_order((p, 3), (q, 2))
    r1, r2 = fs.rows(order)
    # when r1:1 is packed
    packed = fulfilment.fulfil(order=order, rows=[(r1, D(1))], status=PACKED)
    # then the order is partially packed, P in stock −1 and its open demand −1
    assert order.status == S.PARTIALLY_PACKED
    assert _in_stock(p, order) == D(9)
    assert _open(order) == {r1.pk: D(2), r2.pk: D(2)}
    moves = StockMove.objects.count()
    # when that fulfilment switches to delivered: no new movement
    fulfilment.update_fulfillment(fulfillment=packed, status=DELIVERED)
    assert StockMove.objects.count() == moves
    order.refresh_from_db()
    assert order.status == S.PARTIALLY_DELIVERED
    # when the rest is delivered
    rest = fulfilment.fulfil(order=order, status=DELIVERED)
    # then the order is delivered, in the Done view, COGS at average cost
    assert order.status == S.DELIVERED
    assert list(selectors.done_orders()) == [order]
    assert {(r.sales_order_row_id, r.quantity, r.cogs_value) for r in rest.rows.all()} == {
        (r1.pk, D(2), D(8)),
        (r2.pk, D(2), D(12)),
    }
    assert selectors.row_cogs(r1) == D(12)
    # when the fulfilments are deleted and the order set to not shipped
    for each in list(order.fulfillments.all()):
        fulfilment.delete_fulfillment(fulfillment=each)
    fulfilment.set_status(order=order, status=S.NOT_SHIPPED)
    # then stock and commitments come back
    order.refresh_from_db()
    assert order.status == S.NOT_SHIPPED
    assert (_in_stock(p, order), _in_stock(q, order)) == (D(10), D(10))
    assert _open(order) == {r1.pk: D(3), r2.pk: D(2)}
    assert order.picked_date is None
    assert check_ledger() == []


def test_a_quote_commits_nothing_and_cannot_be_fulfilled() -> None:
    p = f.product()
    f.stock(p, 5, cost="1")
    quote = fs.quote((p, 2))
    assert selectors.open_demand_rows() == []
    with pytest.raises(Conflict):
        fulfilment.fulfil(order=quote, status=PACKED)
    assert not Fulfillment.objects.exists()
    assert _in_stock(p, quote) == D(5)


def test_cogs_uses_the_average_cost_at_fulfilment_time() -> None:
    # given 10 @ 10 with 2 delivered, then 8 more @ 16: the average becomes 208 / 16 = 13
    p = f.product()
    f.stock(p, 10, cost="10")
    order = fs.sales_order((p, 4))
    row = order.rows.get()
    first = fulfilment.fulfil(order=order, rows=[(row, D(2))], status=DELIVERED)
    f.stock(p, 8, cost="16")
    second = fulfilment.fulfil(order=order, rows=[(row, D(2))], status=DELIVERED)
    # then each fulfilment carries the average of its own moment
    assert first.rows.get().cogs_value == D(20)
    assert second.rows.get().cogs_value == D(26)
    assert selectors.revenue_cogs_profit(order) == (D(40), D(46), D(-6))


def test_a_service_row_is_fulfilled_without_a_stock_move() -> None:
    order = fs.sales_order((f.service_item(), 1))
    fulfilment.fulfil(order=order, status=DELIVERED)
    assert order.status == S.DELIVERED
    assert not StockMove.objects.exists()


def test_fulfilment_moves_point_at_their_fulfilment_rows() -> None:
    p = f.product()
    order = fs.sales_order((p, 2))
    done = fulfilment.fulfil(order=order, status=PACKED)
    move = StockMove.objects.get(source=MoveSource.SALES_ORDER_ROW)
    assert (move.source_id, move.order_no, move.quantity) == (
        done.rows.get().pk,
        "SO-1",
        D(-2),
    )


def test_picked_date_is_the_latest_fulfilments() -> None:
    order = fs.sales_order((f.product(), 2))
    row = order.rows.get()
    early, late = datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 5, tzinfo=UTC)
    fulfilment.fulfil(order=order, rows=[(row, D(1))], status=PACKED, picked_date=late)
    fulfilment.fulfil(order=order, rows=[(row, D(1))], status=PACKED, picked_date=early)
    assert order.picked_date == late


# --- refusals -----------------------------------------------------------------------------


def _nothing_fulfilled(order: SalesOrder) -> None:
    order.refresh_from_db()
    assert order.status == S.NOT_SHIPPED
    assert not Fulfillment.objects.exists()
    assert not FulfillmentRow.objects.exists()
    assert not StockMove.objects.filter(source=MoveSource.SALES_ORDER_ROW).exists()


@pytest.mark.parametrize("quantity", ["0", "-1", "3.5"])
def test_bad_quantities_are_refused(quantity: str) -> None:
    order = fs.sales_order((f.product(), 3))
    with pytest.raises(InvalidQuantity):
        fulfilment.fulfil(order=order, rows=[(order.rows.get(), D(quantity))], status=PACKED)
    _nothing_fulfilled(order)


def test_the_same_row_twice_cannot_exceed_its_open_quantity() -> None:
    order = fs.sales_order((f.product(), 3))
    row = order.rows.get()
    with pytest.raises(InvalidQuantity):
        fulfilment.fulfil(order=order, rows=[(row, D(2)), (row, D(2))], status=PACKED)
    _nothing_fulfilled(order)


def test_a_row_of_another_order_is_refused() -> None:
    order, other = fs.sales_order(), fs.sales_order()
    with pytest.raises(DomainError) as refused:
        fulfilment.fulfil(order=order, rows=[(other.rows.get(), D(1))], status=PACKED)
    assert refused.value.field == "sales_order_row_id"
    _nothing_fulfilled(order)


def test_an_empty_fulfilment_is_refused() -> None:
    order = fs.sales_order()
    with pytest.raises(InvalidQuantity):
        fulfilment.fulfil(order=order, rows=[], status=PACKED)
    _nothing_fulfilled(order)


def test_a_fully_fulfilled_order_has_nothing_left_to_fulfil() -> None:
    order = fs.sales_order()
    fulfilment.fulfil(order=order, status=PACKED)
    with pytest.raises(InvalidQuantity):
        fulfilment.fulfil(order=order, status=PACKED)
    assert Fulfillment.objects.count() == 1


def test_an_unknown_fulfilment_status_is_refused() -> None:
    order = fs.sales_order()
    with pytest.raises(DomainError):
        fulfilment.fulfil(order=order, status="SHIPPED")  # type: ignore[arg-type]
    _nothing_fulfilled(order)


# --- status PATCH -------------------------------------------------------------------------


def test_set_packed_then_delivered_moves_stock_once() -> None:
    p = f.product()
    f.stock(p, 5, cost="2")
    order = fs.sales_order((p, 3))
    fulfilment.set_status(order=order, status=S.PACKED)
    assert order.status == S.PACKED
    fulfilment.set_status(order=order, status=S.DELIVERED)
    assert order.status == S.DELIVERED
    assert _in_stock(p, order) == D(2)
    assert set(order.fulfillments.values_list("status", flat=True)) == {DELIVERED}


def test_set_delivered_delivers_the_rest_and_switches_packed_fulfilments() -> None:
    p = f.product()
    order = fs.sales_order((p, 3))
    row = order.rows.get()
    fulfilment.fulfil(order=order, rows=[(row, D(1))], status=PACKED)
    fulfilment.set_status(order=order, status=S.DELIVERED)
    assert order.status == S.DELIVERED
    assert selectors.fulfilled_quantities(order) == {row.pk: (D(0), D(3))}
    assert _in_stock(p, order) == D(-3)


def test_set_packed_on_a_delivered_order_switches_back_without_moves() -> None:
    order = fs.sales_order()
    fulfilment.set_status(order=order, status=S.DELIVERED)
    moves = StockMove.objects.count()
    fulfilment.set_status(order=order, status=S.PACKED)
    assert order.status == S.PACKED
    assert StockMove.objects.count() == moves


def test_set_not_shipped_reverts_every_fulfilment() -> None:
    p = f.product()
    f.stock(p, 5, cost="2")
    order = fs.sales_order((p, 3))
    row = order.rows.get()
    fulfilment.fulfil(order=order, rows=[(row, D(1))], status=PACKED)
    fulfilment.fulfil(order=order, rows=[(row, D(2))], status=DELIVERED)
    fulfilment.set_status(order=order, status=S.NOT_SHIPPED)
    assert order.status == S.NOT_SHIPPED
    assert not order.fulfillments.exists()
    assert _in_stock(p, order) == D(5)
    assert check_ledger() == []


def test_set_status_turns_an_order_into_a_quote_and_back() -> None:
    order = fs.sales_order()
    fulfilment.set_status(order=order, status=S.PENDING)
    assert order.status == S.PENDING
    fulfilment.set_status(order=order, status=S.NOT_SHIPPED)
    assert order.status == S.NOT_SHIPPED


@pytest.mark.parametrize("status", [S.PARTIALLY_PACKED, S.PARTIALLY_DELIVERED, "LOST"])
def test_partial_or_unknown_statuses_cannot_be_set(status: S) -> None:
    order = fs.sales_order()
    with pytest.raises(InvalidTransition):
        fulfilment.set_status(order=order, status=status)
    _nothing_fulfilled(order)


def test_a_quote_cannot_be_set_to_packed() -> None:
    quote = fs.quote()
    with pytest.raises(InvalidTransition):
        fulfilment.set_status(order=quote, status=S.PACKED)
    quote.refresh_from_db()
    assert quote.status == S.PENDING
    assert not Fulfillment.objects.exists()


def test_setting_the_current_status_again_changes_nothing() -> None:
    order = fs.sales_order()
    fulfilment.set_status(order=order, status=S.DELIVERED)
    moves = StockMove.objects.count()
    fulfilment.set_status(order=order, status=S.DELIVERED)
    assert StockMove.objects.count() == moves
    assert order.fulfillments.count() == 1


def test_deleting_one_fulfilment_re_derives_the_status() -> None:
    p = f.product()
    order = fs.sales_order((p, 2))
    row = order.rows.get()
    first = fulfilment.fulfil(order=order, rows=[(row, D(1))], status=DELIVERED)
    fulfilment.fulfil(order=order, rows=[(row, D(1))], status=PACKED)
    reverted = fulfilment.delete_fulfillment(fulfillment=first)
    assert reverted.status == S.PARTIALLY_PACKED
    assert _in_stock(p, order) == D(-1)


def test_update_fulfillment_edits_tracking_and_picked_date() -> None:
    order = fs.sales_order()
    done = fulfilment.fulfil(order=order, status=PACKED, tracking_number="T1")
    when = datetime(2026, 3, 9, tzinfo=UTC)
    fulfilment.update_fulfillment(
        fulfillment=done, picked_date=when, tracking_carrier="DHL", tracking_url="u"
    )
    done.refresh_from_db()
    order.refresh_from_db()
    assert (done.tracking_number, done.tracking_carrier, done.tracking_url) == ("T1", "DHL", "u")
    assert order.picked_date == when
    assert order.status == S.PACKED


def test_update_fulfillment_refuses_an_unknown_status() -> None:
    order = fs.sales_order()
    done = fulfilment.fulfil(order=order, status=PACKED)
    with pytest.raises(DomainError):
        fulfilment.update_fulfillment(fulfillment=done, status="LOST")  # type: ignore[arg-type]
    done.refresh_from_db()
    assert done.status == PACKED
