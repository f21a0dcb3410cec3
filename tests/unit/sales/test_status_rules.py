"""The sales order transition table and the derived delivery status."""

from decimal import Decimal

import pytest

from makeline.common.errors import InvalidTransition
from makeline.common.transitions import ensure_transition
from makeline.sales.enums import OPEN, TRANSITIONS, SalesOrderStatus
from makeline.sales.progress import RowProgress, derive_status

S = SalesOrderStatus


def test_every_status_has_an_entry_and_no_self_loops() -> None:
    assert set(TRANSITIONS) == set(S)
    for status, targets in TRANSITIONS.items():
        assert status not in targets


def test_a_quote_only_becomes_a_not_shipped_order() -> None:
    assert TRANSITIONS[S.PENDING] == frozenset({S.NOT_SHIPPED})


def test_only_a_not_shipped_order_goes_back_to_a_quote() -> None:
    assert [s for s, targets in TRANSITIONS.items() if S.PENDING in targets] == [S.NOT_SHIPPED]


def test_every_status_is_reachable_from_a_new_quote() -> None:
    seen, todo = {S.PENDING}, [S.PENDING]
    while todo:
        for target in TRANSITIONS[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == set(S)


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_ensure_transition_follows_the_table(current: S, target: S) -> None:
    if target in TRANSITIONS[current]:
        ensure_transition(current, target, TRANSITIONS, document="Sales order")
    else:
        with pytest.raises(InvalidTransition):
            ensure_transition(current, target, TRANSITIONS, document="Sales order")


def test_quotes_and_delivered_orders_are_not_open_demand() -> None:
    assert S.PENDING not in OPEN
    assert S.DELIVERED not in OPEN


def _row(quantity: int, packed: int = 0, delivered: int = 0) -> RowProgress:
    return RowProgress(0, Decimal(quantity), Decimal(packed), Decimal(delivered))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([_row(3), _row(2)], S.NOT_SHIPPED),
        ([_row(3, packed=1), _row(2)], S.PARTIALLY_PACKED),
        ([_row(3, packed=3), _row(2)], S.PARTIALLY_PACKED),
        ([_row(3, packed=3), _row(2, packed=2)], S.PACKED),
        ([_row(3, delivered=1), _row(2)], S.PARTIALLY_DELIVERED),
        ([_row(3, packed=3), _row(2, delivered=2)], S.PARTIALLY_DELIVERED),
        ([_row(3, packed=1, delivered=2), _row(2, delivered=2)], S.PARTIALLY_DELIVERED),
        ([_row(3, delivered=3), _row(2, delivered=2)], S.DELIVERED),
        ([_row(3, delivered=3)], S.DELIVERED),
        ([_row(3, packed=3)], S.PACKED),
    ],
)
def test_derive_status(rows: list[RowProgress], expected: S) -> None:
    assert derive_status(rows) == expected


def test_open_quantity_is_what_is_neither_packed_nor_delivered() -> None:
    assert _row(5, packed=1, delivered=2).open_quantity == Decimal(2)
    assert _row(5, packed=5).open_quantity == Decimal(0)
