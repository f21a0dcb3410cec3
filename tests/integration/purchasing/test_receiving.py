"""Receiving purchase orders: partial receipts split rows, purchase UoM, revert (behaviour 7)."""

from datetime import UTC, datetime

import pytest

from makeline.common.errors import Conflict, DomainError, InvalidQuantity, InvalidTransition
from makeline.inventory import selectors as stock
from makeline.inventory.enums import MoveSource
from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockMove
from makeline.purchasing import services
from makeline.purchasing.enums import PurchaseOrderStatus as P
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow
from tests import factories as f
from tests import factories_purchasing as fp
from tests.factories import D

pytestmark = pytest.mark.django_db


def _on_hand(variant_id: int) -> object:
    return stock.on_hand(variant_id=variant_id, location_id=f.location().pk)


def test_behaviour_7_partial_receipt_split_purchase_uom_and_revert() -> None:
    # given M in pcs, bought in boxes of 12; a PO row of 3 boxes at 24/box
    screws = fp.boxed_material()
    order = fp.purchase_order(fp.row(screws, 3))
    row = order.rows.get()
    assert (row.purchase_uom, row.purchase_uom_conversion_rate) == ("box", D(12))
    assert row.unit_cost == D(2)
    assert fp.expected(screws) == D(36)

    # when one box is received
    received = fp.receive(row, 1)

    # then the row splits: 2 boxes still expected, 1 box received; 12 pcs on hand at 2/pcs
    order.refresh_from_db()
    row.refresh_from_db()
    assert order.status == P.PARTIALLY_RECEIVED
    assert (row.quantity, row.received_date) == (D(2), None)
    assert (received.quantity, received.split_from_id) == (D(1), row.pk)
    assert received.received_date is not None
    assert _on_hand(screws.pk) == D(12)
    assert fp.expected(screws) == D(24)
    assert stock.average_cost(variant_id=screws.pk) == D(2)
    move = StockMove.objects.get()
    assert (move.source, move.source_id, move.order_no) == (
        MoveSource.PURCHASE_ORDER_ROW,
        received.pk,
        order.order_no,
    )

    # when the rest arrives
    order = services.receive_all(order=order)

    # then the order is received and nothing is expected any more
    assert order.status == P.RECEIVED
    assert _on_hand(screws.pk) == D(36)
    assert fp.expected(screws) == D(0)

    # and received rows are frozen
    with pytest.raises(Conflict):
        services.update_row(row=received, changes={"quantity": D(5)})

    # when the order is set back to not received
    order = services.set_status(order=order, status=P.NOT_RECEIVED)

    # then everything reverts: one row of 3 boxes (the original id), stock and cost back
    assert order.status == P.NOT_RECEIVED
    assert list(order.rows.values_list("id", "quantity", "received_date")) == [(row.pk, D(3), None)]
    assert _on_hand(screws.pk) == D(0)
    assert fp.expected(screws) == D(36)
    # (with nothing on hand the ledger keeps the last average; see the next test for a
    # revert that restores an earlier average)
    assert StockMove.objects.filter(reverses__isnull=False).count() == 2
    assert check_ledger() == []


def test_revert_restores_the_previous_average_cost() -> None:
    # given 12 pcs on hand at 5/pcs, and a receipt of 1 box (12 pcs at 2/pcs)
    screws = fp.boxed_material()
    f.stock(screws, 12, cost="5")
    order = fp.purchase_order(fp.row(screws, 1))
    services.receive_all(order=order)
    assert stock.average_cost(variant_id=screws.pk) == D("3.5")
    # when reverted
    services.revert_to_not_received(order=order)
    # then on-hand and the average are what they were
    assert _on_hand(screws.pk) == D(12)
    assert stock.average_cost(variant_id=screws.pk) == D(5)


def test_a_full_receipt_of_a_row_does_not_split_it() -> None:
    board = f.material(price="3")
    order = fp.purchase_order(fp.row(board, 4), fp.row(f.material(), 1))
    first = order.rows.first()
    assert first is not None
    received = fp.receive(first, 4)
    assert received.pk == first.pk
    assert order.rows.count() == 2
    order.refresh_from_db()
    assert order.status == P.PARTIALLY_RECEIVED


def test_over_receipt_books_what_arrived_and_revert_restores_the_ordered_quantity() -> None:
    # given a row of 3 boxes
    screws = fp.boxed_material()
    order = fp.purchase_order(fp.row(screws, 3))
    row = order.rows.get()
    # when the supplier ships 4 boxes
    received = fp.receive(row, 4)
    # then the row is fully received with 4 boxes, and all 48 pcs are booked
    order.refresh_from_db()
    assert order.status == P.RECEIVED
    assert (received.pk, received.quantity, received.ordered_quantity) == (row.pk, D(4), D(3))
    assert _on_hand(screws.pk) == D(48)
    # when reverted, the row expects the ordered 3 boxes again
    services.revert_to_not_received(order=order)
    row.refresh_from_db()
    assert (row.quantity, row.ordered_quantity, row.received_date) == (D(3), None, None)
    assert _on_hand(screws.pk) == D(0)


def test_over_receipt_of_a_split_remainder_reverts_to_the_ordered_total() -> None:
    screws = fp.boxed_material()
    order = fp.purchase_order(fp.row(screws, 3))
    row = order.rows.get()
    fp.receive(row, 1)
    fp.receive(row, 5)  # 2 boxes were left; 5 arrived
    assert _on_hand(screws.pk) == D(72)
    services.revert_to_not_received(order=order)
    assert list(order.rows.values_list("id", "quantity")) == [(row.pk, D(3))]
    assert _on_hand(screws.pk) == D(0)


def test_several_partial_receipts_make_several_received_rows() -> None:
    screws = fp.boxed_material()
    order = fp.purchase_order(fp.row(screws, 5))
    row = order.rows.get()
    fp.receive(row, 1)
    fp.receive(row, 2)
    row.refresh_from_db()
    received = order.rows.filter(received_date__isnull=False)
    assert row.quantity == D(2)
    assert sorted(r.quantity for r in received) == [D(1), D(2)]
    assert all(r.split_from_id == row.pk for r in received)
    services.revert_to_not_received(order=order)
    assert list(order.rows.values_list("id", "quantity")) == [(row.pk, D(5))]


def test_receive_takes_rows_of_several_orders_in_one_call() -> None:
    board = f.material()
    first = fp.purchase_order(fp.row(board, 2))
    second = fp.purchase_order(fp.row(board, 3))
    services.receive(
        receipts=[
            services.Receipt(row=first.rows.get(), quantity=D(2)),
            services.Receipt(row=second.rows.get(), quantity=D(1)),
        ]
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (P.RECEIVED, P.PARTIALLY_RECEIVED)
    assert _on_hand(board.pk) == D(3)


def test_the_received_date_is_the_moves_date() -> None:
    board = f.material()
    order = fp.purchase_order(fp.row(board, 2))
    when = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    (received,) = services.receive(
        receipts=[services.Receipt(row=order.rows.get(), quantity=D(2), received_date=when)]
    )
    assert received.received_date == when
    assert StockMove.objects.get().moved_at == when


def test_a_split_row_edited_since_stays_a_row_of_its_own_on_revert() -> None:
    board = f.material(price="2")
    order = fp.purchase_order(fp.row(board, 5))
    row = order.rows.get()
    received = fp.receive(row, 2)
    services.update_row(row=row, changes={"price_per_unit": D(3)})
    services.revert_to_not_received(order=order)
    rows: list[tuple[object, ...]] = list(
        order.rows.values_list("id", "quantity", "price_per_unit", "split_from_id")
    )
    assert rows == [
        (row.pk, D(3), D(3), None),
        (received.pk, D(2), D(2), None),
    ]


# --- drafts -------------------------------------------------------------------------------


def test_a_draft_row_is_never_received_and_confirm_makes_it_expected() -> None:
    # given a draft
    board = f.material()
    order = fp.purchase_order(fp.row(board, 4), status=P.DRAFT)
    row = order.rows.get()
    assert fp.expected(board) == D(0)
    before = fp.snapshot()
    # when received, it is refused and nothing changes
    with pytest.raises(InvalidTransition, match="draft"):
        fp.receive(row, 4)
    with pytest.raises(InvalidTransition, match="draft"):
        services.receive_all(order=order)
    assert fp.snapshot() == before
    # when confirmed, it becomes expected supply and can be received
    services.confirm(order=order)
    assert order.status == P.NOT_RECEIVED
    assert fp.expected(board) == D(4)
    fp.receive(row, 4)
    assert _on_hand(board.pk) == D(4)


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize("quantity", ["0", "-1"])
def test_receiving_a_non_positive_quantity_is_refused(quantity: str) -> None:
    order = fp.purchase_order()
    before = fp.snapshot()
    with pytest.raises(InvalidQuantity):
        fp.receive(order.rows.get(), quantity)
    assert fp.snapshot() == before


def test_receiving_a_received_row_is_refused() -> None:
    order = fp.purchase_order(fp.row(f.material(), 3))
    received = fp.receive(order.rows.get(), 1)
    before = fp.snapshot()
    with pytest.raises(Conflict, match="received already"):
        fp.receive(received, 1)
    assert fp.snapshot() == before


def test_a_refused_receipt_in_a_batch_receives_nothing() -> None:
    # given two rows, the second already received
    order = fp.purchase_order(fp.row(f.material(), 3), fp.row(f.material(), 2))
    first, second = order.rows.all()
    fp.receive(second, 2)
    before = fp.snapshot()
    # when both are received in one call, then the whole call is refused
    with pytest.raises(Conflict, match="row 2"):
        services.receive(
            receipts=[
                services.Receipt(row=first, quantity=D(3)),
                services.Receipt(row=second, quantity=D(1)),
            ]
        )
    assert fp.snapshot() == before


def test_receiving_one_row_twice_in_a_call_is_refused() -> None:
    order = fp.purchase_order(fp.row(f.material(), 3))
    row = order.rows.get()
    before = fp.snapshot()
    with pytest.raises(DomainError, match="once"):
        services.receive(
            receipts=[
                services.Receipt(row=row, quantity=D(1)),
                services.Receipt(row=row, quantity=D(1)),
            ]
        )
    assert fp.snapshot() == before


def test_receive_all_of_a_received_order_is_refused() -> None:
    order = fp.purchase_order()
    services.receive_all(order=order)
    before = fp.snapshot()
    with pytest.raises(InvalidTransition):
        services.receive_all(order=order)
    assert fp.snapshot() == before


def test_reverting_an_order_with_nothing_received_is_refused() -> None:
    order = fp.purchase_order()
    before = fp.snapshot()
    with pytest.raises(InvalidTransition):
        services.revert_to_not_received(order=order)
    assert fp.snapshot() == before


def test_a_stale_row_object_cannot_be_received_twice() -> None:
    # given two copies of one row; the first copy is received in full
    order = fp.purchase_order(fp.row(f.material(), 3))
    row = order.rows.get()
    stale = PurchaseOrderRow.objects.get(pk=row.pk)
    fp.receive(row, 3)
    before = fp.snapshot()
    # when the stale copy is received, the service sees the stored row and refuses
    with pytest.raises(Conflict):
        fp.receive(stale, 3)
    assert fp.snapshot() == before


# --- set_status (Katana's PATCH) ----------------------------------------------------------


def test_set_status_maps_katanas_patch_semantics() -> None:
    board = f.material()
    order = fp.purchase_order(fp.row(board, 2), status=P.DRAFT)
    assert services.set_status(order=order, status=P.NOT_RECEIVED).status == P.NOT_RECEIVED
    assert services.set_status(order=order, status=P.DRAFT).status == P.DRAFT
    services.set_status(order=order, status=P.NOT_RECEIVED)
    assert services.set_status(order=order, status=P.RECEIVED).status == P.RECEIVED
    assert _on_hand(board.pk) == D(2)
    assert services.set_status(order=order, status=P.NOT_RECEIVED).status == P.NOT_RECEIVED
    assert _on_hand(board.pk) == D(0)
    assert services.set_status(order=order, status=P.NOT_RECEIVED).status == P.NOT_RECEIVED


@pytest.mark.parametrize("status", [P.PARTIALLY_RECEIVED, "SHIPPED"])
def test_set_status_refuses_partially_received_and_unknown_values(status: str) -> None:
    order = fp.purchase_order()
    before = fp.snapshot()
    with pytest.raises(DomainError):
        services.set_status(order=order, status=status)
    assert fp.snapshot() == before


def test_a_received_order_cannot_go_back_to_draft() -> None:
    order = fp.purchase_order()
    services.receive_all(order=order)
    before = fp.snapshot()
    with pytest.raises(InvalidTransition, match="revert"):
        services.set_status(order=order, status=P.DRAFT)
    assert fp.snapshot() == before
    assert PurchaseOrder.objects.get().status == P.RECEIVED
