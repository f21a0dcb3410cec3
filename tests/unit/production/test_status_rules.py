"""The MO and operation transition tables, and the operation cost formulas (Katana §1.7)."""

from decimal import Decimal

import pytest

from makeline.catalog.enums import OperationType
from makeline.common.errors import InvalidTransition
from makeline.common.transitions import ensure_transition
from makeline.production.costs import operation_cost
from makeline.production.enums import (
    OPEN,
    OPERATION_TRANSITIONS,
    STARTED,
    TRANSITIONS,
    ManufacturingOrderStatus,
    OperationStatus,
)
from makeline.production.models import OperationRow

M = ManufacturingOrderStatus
Op = OperationStatus


@pytest.mark.parametrize("table", [TRANSITIONS, OPERATION_TRANSITIONS])
def test_every_status_has_an_entry_and_no_self_loops(table: dict[str, frozenset[str]]) -> None:
    statuses = M if table is TRANSITIONS else Op
    assert set(table) == set(statuses)
    for status, targets in table.items():
        assert status not in targets


@pytest.mark.parametrize(
    ("table", "start"), [(TRANSITIONS, M.NOT_STARTED), (OPERATION_TRANSITIONS, Op.NOT_STARTED)]
)
def test_every_status_is_reachable_from_not_started(
    table: dict[str, frozenset[str]], start: str
) -> None:
    seen, todo = {start}, [start]
    while todo:
        for target in table[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == set(table)


@pytest.mark.parametrize("current", list(M))
@pytest.mark.parametrize("target", list(M))
def test_mo_transitions_follow_the_table(current: M, target: M) -> None:
    if target in TRANSITIONS[current]:
        ensure_transition(current, target, TRANSITIONS, document="manufacturing order")
    else:
        with pytest.raises(InvalidTransition):
            ensure_transition(current, target, TRANSITIONS, document="manufacturing order")


@pytest.mark.parametrize("current", list(Op))
@pytest.mark.parametrize("target", list(Op))
def test_operation_transitions_follow_the_table(current: Op, target: Op) -> None:
    if target in OPERATION_TRANSITIONS[current]:
        ensure_transition(current, target, OPERATION_TRANSITIONS, document="operation")
    else:
        with pytest.raises(InvalidTransition):
            ensure_transition(current, target, OPERATION_TRANSITIONS, document="operation")


def test_a_done_order_can_be_reverted_to_every_earlier_state_but_partial() -> None:
    assert TRANSITIONS[M.DONE] == frozenset({M.NOT_STARTED, M.IN_PROGRESS, M.BLOCKED})


def test_done_is_neither_open_nor_not_started_is_started() -> None:
    assert M.DONE not in OPEN
    assert M.NOT_STARTED not in STARTED
    assert STARTED | {M.NOT_STARTED} == set(M)


def _operation(kind: OperationType, *, seconds: str, parameter: str) -> OperationRow:
    return OperationRow(
        type=kind,
        planned_time_per_unit=Decimal(seconds),
        cost_parameter=Decimal(parameter),
        cost_per_hour=Decimal(30),
    )


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        # 0.5 h, parameter 40, quantity 4
        (OperationType.PROCESS, Decimal(80)),  # 40 × 0.5 h × 4
        (OperationType.SETUP, Decimal(20)),  # 40 × 0.5 h
        (OperationType.PER_UNIT, Decimal(160)),  # 40 × 4
        (OperationType.FIXED, Decimal(40)),  # 40
    ],
)
def test_operation_cost_by_type(kind: OperationType, expected: Decimal) -> None:
    row = _operation(kind, seconds="1800", parameter="40")
    assert operation_cost(row, Decimal(4)) == expected


def test_logged_time_is_costed_at_the_hourly_cost() -> None:
    row = _operation(OperationType.FIXED, seconds="1800", parameter="40")
    row.total_actual_time = Decimal(7200)
    assert operation_cost(row, Decimal(4)) == Decimal(60)  # 30/h × 2 h
