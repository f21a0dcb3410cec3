"""The reference examples: Katana's three orders, behaviours 2, 4 and 6 of section 7, and the
table example of section 1.4 (docs: /work/shared/reference/katana-behaviour.md)."""

from decimal import Decimal

from makeline.engine import Availability, Demand, Plan, Supply, SupplyKind, rollup_status
from tests.unit.engine.builders import (
    EXPECTED,
    IN_STOCK,
    NOT_AVAILABLE,
    day,
    demand,
    recipe_row,
    run,
    status,
    stock,
    supply,
)

MO = SupplyKind.PRODUCTION


def three_orders(ranks: dict[str, int]) -> Plan:
    # P in stock 4, an MTS MO for 3 due 03-10, three SOs of 3
    demands = [demand(so, 3, rank=rank) for so, rank in ranks.items()]
    return run([stock(4)], [supply("MO-1", 3, "03-10", kind=MO)], demands)


def test_three_orders_are_served_in_rank_order() -> None:
    # when SO-1, SO-2, SO-3 are ranked 1, 2, 3
    result = three_orders({"SO-1": 1, "SO-2": 2, "SO-3": 3})
    # then
    assert status(result, "SO-1") == (IN_STOCK, None)
    assert status(result, "SO-2") == (EXPECTED, day("03-10"))
    assert status(result, "SO-3")[0] == NOT_AVAILABLE
    # and SO-3 took the last expected unit although it stays not available
    assert result.coverage("SO-3").from_expected == Decimal(1)
    figures = result.figures((1, 1))
    assert (figures.in_stock, figures.committed, figures.expected) == tuple(map(Decimal, (4, 9, 3)))
    assert figures.missing_or_excess == Decimal(-2)


def test_dragging_the_third_order_to_the_top_reallocates() -> None:
    # when SO-3 is dragged to rank 1 (ranks stay unique, the others move down)
    result = three_orders({"SO-3": 1, "SO-1": 2, "SO-2": 3})
    # then
    assert status(result, "SO-3") == (IN_STOCK, None)
    assert status(result, "SO-1") == (EXPECTED, day("03-10"))
    assert status(result, "SO-2")[0] == NOT_AVAILABLE


def behaviour_2(r1_quantity: int, supplies: list[Supply] | None = None) -> Plan:
    # P (variant 1) in stock 1; Q (variant 2) in stock 5; POs bring P: 1 on 03-05, 5 on 03-09
    if supplies is None:
        supplies = [supply("PO-1", 1, "03-05"), supply("PO-2", 5, "03-09")]
    demands = [
        demand("SO-A/r1", r1_quantity, rank=1, sequence=1, variant=1),
        demand("SO-A/r2", 1, rank=1, sequence=2, variant=2),
    ]
    return run([stock(1, variant=1), stock(5, variant=2)], supplies, demands)


def order_status(result: Plan) -> tuple[Availability, object]:
    rollup = rollup_status(result.coverage(row) for row in ("SO-A/r1", "SO-A/r2"))
    return rollup.status, rollup.expected_on


def test_row_needing_stock_and_the_first_lot_is_expected_on_that_lots_date() -> None:
    # when r1 needs 2
    result = behaviour_2(2)
    # then 1 from stock + 1 from the first lot
    assert status(result, "SO-A/r1") == (EXPECTED, day("03-05"))
    assert status(result, "SO-A/r2") == (IN_STOCK, None)
    assert order_status(result) == (EXPECTED, day("03-05"))


def test_row_larger_than_stock_plus_all_supply_is_not_available() -> None:
    # when r1 needs 8 (1 + 1 + 5 = 7 < 8)
    result = behaviour_2(8)
    # then
    assert status(result, "SO-A/r1")[0] == NOT_AVAILABLE
    assert order_status(result)[0] == NOT_AVAILABLE


def test_row_needing_every_lot_is_expected_on_the_last_lots_date() -> None:
    # when r1 needs 7
    result = behaviour_2(7)
    # then
    assert status(result, "SO-A/r1") == (EXPECTED, day("03-09"))


def test_a_draft_po_no_longer_counts() -> None:
    # when PO-1 is made a draft (the caller leaves drafts out)
    result = behaviour_2(2, supplies=[supply("PO-2", 5, "03-09")])
    # then r1 waits for PO-2
    assert status(result, "SO-A/r1") == (EXPECTED, day("03-09"))


def test_mto_pegging_beats_priority() -> None:
    # given P stock 0 + the 2 made by SO-2's MTO MO, now DONE; SO-1 ranks higher, has no MO
    demands = [demand("SO-1", 2, rank=1), demand("SO-2", 2, rank=2, pegged=True)]
    # when planned
    result = run([stock(2)], [], demands)
    # then SO-2 has its MO's output, SO-1 has nothing
    assert result.figures((1, 1)).in_stock == Decimal(2)
    assert status(result, "SO-2") == (IN_STOCK, None)
    assert status(result, "SO-1") == (NOT_AVAILABLE, None)


def test_open_mto_mo_keeps_its_row_expected_regardless_of_rank() -> None:
    # given SO-2's MTO MO is still open, and 2 in stock
    supplies = [supply("MO-2", 2, "03-10", kind=MO, pegged_to="SO-2")]
    demands = [demand("SO-1", 2, rank=1), demand("SO-2", 2, rank=2, pegged=True, mo_open=True)]
    # when planned
    result = run([stock(2)], supplies, demands)
    # then SO-2 is expected from its MO and SO-1 has the stock
    assert status(result, "SO-2") == (EXPECTED, day("03-10"))
    assert status(result, "SO-1") == (IN_STOCK, None)


def behaviour_6(ranks: tuple[int, int], with_po: bool = True) -> Plan:
    # M in stock 10; MO-A and MO-B each need 8 M; a PO for 10 M arrives 03-12
    demands: list[Demand] = [recipe_row("MO-A/M", 8, ranks[0]), recipe_row("MO-B/M", 8, ranks[1])]
    supplies = [supply("PO-1", 10, "03-12")] if with_po else []
    return run([stock(10)], supplies, demands)


def test_ingredients_follow_schedule_rank_and_pos() -> None:
    result = behaviour_6((1, 2))
    assert status(result, "MO-A/M") == (IN_STOCK, None)
    assert status(result, "MO-B/M") == (EXPECTED, day("03-12"))


def test_ingredients_without_the_po_are_not_available() -> None:
    result = behaviour_6((1, 2), with_po=False)
    assert status(result, "MO-B/M") == (NOT_AVAILABLE, None)


def test_swapping_mo_ranks_swaps_ingredient_statuses() -> None:
    result = behaviour_6((2, 1))
    assert status(result, "MO-B/M") == (IN_STOCK, None)
    assert status(result, "MO-A/M") == (EXPECTED, day("03-12"))


TABLETOP, LEGS, SCREWS = 11, 12, 13


def table_mo(mo: str, tables: int, rank: int) -> list[Demand]:
    # a table needs 1 tabletop, 4 legs and 8 screws
    return [
        recipe_row(f"{mo}/top", tables, rank, variant=TABLETOP),
        recipe_row(f"{mo}/legs", 4 * tables, rank, variant=LEGS),
        recipe_row(f"{mo}/screws", 8 * tables, rank, variant=SCREWS),
    ]


def mo_status(result: Plan, mo: str) -> tuple[Availability, object]:
    rows = [result.coverage(f"{mo}/{part}") for part in ("top", "legs", "screws")]
    rollup = rollup_status(rows)
    return rollup.status, rollup.expected_on


def test_table_example_step_by_step() -> None:
    # given 3 tabletops in stock and an MO for 1 table
    on_hand = {TABLETOP: 3, LEGS: 0, SCREWS: 0}
    mo1 = table_mo("MO-1", 1, rank=2)

    def plan_with(supplies: list[Supply], extra: list[Demand] | None = None) -> Plan:
        rows = [stock(q, variant=v) for v, q in on_hand.items()]
        return run(rows, supplies, mo1 + (extra or []))

    # then 1: tabletop in stock, legs and screws not available
    result = plan_with([])
    assert status(result, "MO-1/top") == (IN_STOCK, None)
    assert mo_status(result, "MO-1") == (NOT_AVAILABLE, None)
    # when 2: PO-1 (4 legs, 03-10) and PO-2 (8 screws, 03-12) are placed
    legs_po = supply("PO-1", 4, "03-10", variant=LEGS)
    screws_po = supply("PO-2", 8, "03-12", variant=SCREWS)
    result = plan_with([legs_po, screws_po])
    assert status(result, "MO-1/legs") == (EXPECTED, day("03-10"))
    assert mo_status(result, "MO-1") == (EXPECTED, day("03-12"))
    # when 3: PO-1 is received
    on_hand[LEGS] = 4
    result = plan_with([screws_po])
    assert status(result, "MO-1/legs") == (IN_STOCK, None)
    assert mo_status(result, "MO-1") == (EXPECTED, day("03-12"))
    # when 4: PO-2 is received
    on_hand[SCREWS] = 8
    assert mo_status(plan_with([]), "MO-1") == (IN_STOCK, None)
    # when 5: an MO for 3 tables is ranked above
    result = plan_with([], extra=table_mo("MO-2", 3, rank=1))
    assert status(result, "MO-2/top") == (IN_STOCK, None)
    assert status(result, "MO-1/top") == (NOT_AVAILABLE, None)
