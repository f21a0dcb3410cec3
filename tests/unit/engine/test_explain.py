"""Explanations: who took what this demand lacked, what covers it, what is missing."""

from decimal import Decimal

from makeline.engine import Allocation, DemandKind, Plan, SupplyKind, Take, explain
from tests.unit.engine.builders import day, demand, recipe_row, run, stock, supply

MO = SupplyKind.PRODUCTION


def three_orders_plan() -> Plan:
    # P in stock 4, an MTS MO of 3 due 03-10, SO-1..3 of 3 ranked 1..3
    demands = [demand(f"SO-{i}", 3, rank=i) for i in (1, 2, 3)]
    return run([stock(4)], [supply("MO-1", 3, "03-10", kind=MO)], demands)


def test_explanation_lists_who_took_stock_and_supply_before() -> None:
    # when SO-3 (not available) is explained
    explanation = explain(three_orders_plan(), "SO-3")
    # then (a) SO-1 and SO-2 took the stock and 2 of the MO, in service order
    assert [(t.demand_id, t.supply_id, t.quantity) for t in explanation.taken_before] == [
        ("SO-1", None, Decimal(3)),
        ("SO-2", None, Decimal(1)),
        ("SO-2", "MO-1", Decimal(2)),
    ]
    # (b) it got the last unit of the MO, (c) it misses 2
    assert explanation.covered_by == (Allocation("SO-3", "MO-1", Decimal(1), day("03-10")),)
    assert explanation.missing == Decimal(2)
    assert explanation.position == 2


def test_explanation_describes_in_plain_english() -> None:
    text = explain(three_orders_plan(), "SO-3").describe()
    assert text.splitlines() == [
        "SO-1 (sales row, rank 1) took 3 from stock",
        "SO-2 (sales row, rank 2) took 1 from stock",
        "SO-2 (sales row, rank 2) took 2 from MO-1 expected 2026-03-10",
        "SO-3 gets 1 from MO-1 expected 2026-03-10",
        "SO-3 is short of 2",
        "SO-3 is NOT_AVAILABLE (what it gets is expected by 2026-03-10)",
    ]


def test_in_stock_demand_has_nobody_to_blame() -> None:
    explanation = explain(three_orders_plan(), "SO-1")
    assert explanation.taken_before == ()
    assert explanation.describe().splitlines() == ["SO-1 gets 3 from stock", "SO-1 is IN_STOCK"]


def test_expected_demand_lists_takes_of_supplies_up_to_its_last_one() -> None:
    # given two POs; SO-1 takes PO-early and some PO-late, SO-2 is covered by PO-late
    supplies = [supply("PO-early", 2, "03-05"), supply("PO-late", 5, "03-09")]
    demands = [demand("SO-1", 3, rank=1), demand("SO-2", 2, rank=2)]
    explanation = explain(run([], supplies, demands), "SO-2")
    # then SO-1's takes of both are why SO-2 waits until 03-09
    assert [t.supply_id for t in explanation.taken_before] == ["PO-early", "PO-late"]
    assert explanation.describe().splitlines()[-1] == "SO-2 is EXPECTED on 2026-03-09"


def test_a_pegged_rows_own_supply_is_not_blamed() -> None:
    # given SO-2's open MTO MO makes 2; SO-1 outranks it and has nothing
    supplies = [supply("MO-2", 2, "03-10", kind=MO, pegged_to="SO-2")]
    demands = [demand("SO-1", 2, rank=1), demand("SO-2", 2, rank=2, pegged=True, mo_open=True)]
    explanation = explain(run([], supplies, demands), "SO-1")
    assert explanation.taken_before == ()
    assert explanation.missing == Decimal(2)


def test_hypothetical_rows_are_labelled() -> None:
    demands = [recipe_row("MO-1/M", 1, rank=1), recipe_row("SO-9/M", 1, 2, hypothetical=True)]
    explanation = explain(run([stock(1)], [], demands), "SO-9/M")
    assert explanation.taken_before == (
        Take("MO-1/M", 1, DemandKind.RECIPE_ROW, False, None, Decimal(1), None),
    )
    assert explanation.describe().splitlines()[0] == "MO-1/M (recipe row, rank 1) took 1 from stock"
    assert explain(run([], [], demands), "SO-9/M").describe().endswith("is NOT_AVAILABLE")
