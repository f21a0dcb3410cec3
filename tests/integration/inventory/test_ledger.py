"""The stock ledger: on-hand from moves, moving-average cost, reversals, adjustments."""

import pytest

from makeline.common.errors import DomainError, InvalidQuantity
from makeline.inventory import selectors, services
from makeline.inventory.enums import MoveSource
from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockMove
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db


def test_on_hand_is_the_sum_of_moves() -> None:
    board = f.material("Board")
    here = f.location()
    f.stock(board, 10, at=here, cost="2")
    f.stock(board, -3, at=here)
    assert selectors.on_hand(variant_id=board.pk, location_id=here.pk) == D(7)


def test_average_cost_moves_on_receipts_only() -> None:
    # given 10 @ 10 then 5 @ 13 (Katana §1.10)
    board = f.material()
    f.stock(board, 10, cost="10")
    f.stock(board, 5, cost="13")
    assert selectors.average_cost(variant_id=board.pk) == D(11)
    # when stock goes out
    f.stock(board, -4)
    # then the average stays
    assert selectors.average_cost(variant_id=board.pk) == D(11)


def test_reversing_a_receipt_restores_quantity_and_average_cost() -> None:
    board = f.material()
    f.stock(board, 10, cost="10")
    adjustment = f.stock(board, 5, cost="13")
    row = adjustment.rows.get()
    services.reverse_moves(source=MoveSource.STOCK_ADJUSTMENT_ROW, source_ids=[row.pk])
    assert selectors.on_hand_all_locations(variant_id=board.pk) == D(10)
    assert selectors.average_cost(variant_id=board.pk) == D(10)
    assert check_ledger() == []


def test_a_move_cannot_be_reversed_twice() -> None:
    board = f.material()
    f.stock(board, 3, cost="1")
    move = StockMove.objects.get()
    services.reverse_move(move=move)
    with pytest.raises(DomainError, match="already reversed"):
        services.reverse_move(move=move)


def test_adjustment_refuses_zero_rows_and_changes_nothing() -> None:
    board = f.material()
    with pytest.raises(InvalidQuantity):
        f.stock(board, 0)
    assert not StockMove.objects.exists()


def test_negative_adjustment_row_may_not_carry_a_cost() -> None:
    board = f.material()
    with pytest.raises(DomainError, match="average cost"):
        f.stock(board, -1, cost="3")


def test_a_reverted_receipt_restores_the_average_cost_exactly() -> None:
    # given 10 at 5, then 12 at 2 (average 3.363636…)
    screw = f.material()
    f.stock(screw, 10, cost="5")
    receipt = f.stock(screw, 12, cost="2")
    assert selectors.average_cost(variant_id=screw.pk) == D("3.363636")
    # when the receipt is reverted
    services.reverse_moves(
        source=MoveSource.STOCK_ADJUSTMENT_ROW, source_ids=[receipt.rows.get().pk]
    )
    # then the average is 5 again, not 4.999999
    assert selectors.average_cost(variant_id=screw.pk) == D(5)


def test_issues_leave_the_average_cost_alone_and_their_reversal_too() -> None:
    board = f.material()
    f.stock(board, 3, cost="1")
    f.stock(board, 4, cost="2")  # average 11/7
    issue = f.stock(board, -5)
    average = selectors.average_cost(variant_id=board.pk)
    services.reverse_moves(source=MoveSource.STOCK_ADJUSTMENT_ROW, source_ids=[issue.rows.get().pk])
    assert selectors.average_cost(variant_id=board.pk) == average == D("1.571429")
    assert selectors.valuation(variant_id=board.pk).value == D(11)
