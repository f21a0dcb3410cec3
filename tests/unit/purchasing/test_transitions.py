"""The purchase order transition table, walked state by state (no database)."""

import itertools

import pytest

from makeline.common.errors import InvalidTransition
from makeline.common.transitions import ensure_transition
from makeline.purchasing.enums import OPEN, TRANSITIONS, PurchaseOrderStatus

P = PurchaseOrderStatus

LEGAL = {
    (P.DRAFT, P.NOT_RECEIVED),  # confirm
    (P.NOT_RECEIVED, P.DRAFT),  # back to draft
    (P.NOT_RECEIVED, P.PARTIALLY_RECEIVED),  # receive some
    (P.NOT_RECEIVED, P.RECEIVED),  # receive all
    (P.PARTIALLY_RECEIVED, P.RECEIVED),  # receive the rest
    (P.PARTIALLY_RECEIVED, P.NOT_RECEIVED),  # revert
    (P.RECEIVED, P.NOT_RECEIVED),  # revert
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(P, P)))
def test_only_the_listed_moves_are_legal(current: P, target: P) -> None:
    # given any pair of statuses, when the move is checked, then it passes iff it is listed
    if (current, target) in LEGAL:
        ensure_transition(current, target, TRANSITIONS, document="PO-1")
    else:
        with pytest.raises(InvalidTransition) as refused:
            ensure_transition(current, target, TRANSITIONS, document="PO-1")
        assert refused.value.field == "status"


def test_every_status_has_a_row_in_the_table() -> None:
    assert set(TRANSITIONS) == set(P)


def test_received_states_always_lead_back_to_not_received() -> None:
    for status in (P.PARTIALLY_RECEIVED, P.RECEIVED):
        assert P.NOT_RECEIVED in TRANSITIONS[status]


def test_drafts_and_received_orders_are_not_open_supply() -> None:
    assert {P.NOT_RECEIVED, P.PARTIALLY_RECEIVED} == OPEN
