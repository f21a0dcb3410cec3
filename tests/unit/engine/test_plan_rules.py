"""The allocation rules of docs/planning.md, one small example each."""

from datetime import date
from decimal import Decimal, localcontext

import pytest

from makeline.engine import Allocation, DemandKind, KeyFigures, SupplyKind
from tests.unit.engine.builders import (
    EXPECTED,
    IN_STOCK,
    L1,
    NOT_AVAILABLE,
    P,
    day,
    demand,
    recipe_row,
    run,
    status,
    stock,
    supply,
)

# --- Rule 1: order of service ---


def test_higher_ranked_order_takes_stock_first() -> None:
    # given 3 in stock and two rows of 3, listed lowest priority first
    demands = [demand("SO-2", 3, rank=2), demand("SO-1", 3, rank=1)]
    # when planned
    result = run([stock(3)], [], demands)
    # then the rank-1 row has the stock
    assert status(result, "SO-1") == (IN_STOCK, None)
    assert status(result, "SO-2") == (NOT_AVAILABLE, None)


def test_recipe_row_is_served_before_sales_row_of_equal_rank() -> None:
    # given an SO row and an MO recipe row of the same rank wanting the same 2 units
    demands = [demand("SO-1/1", 2, rank=5, sequence=1), recipe_row("MO-1/1", 2, rank=5, sequence=9)]
    # when planned
    result = run([stock(2)], [], demands)
    # then the recipe row wins the tie
    assert result.service_order((P, L1)) == ("MO-1/1", "SO-1/1")
    assert status(result, "SO-1/1") == (NOT_AVAILABLE, None)


def test_sequence_breaks_ties_within_rank_and_kind() -> None:
    # given two rows of one order (same rank), the later row id first in the input
    demands = [demand("row-b", 1, rank=1, sequence=20), demand("row-a", 1, rank=1, sequence=10)]
    # when planned with one unit in stock
    result = run([stock(1)], [], demands)
    # then the lower sequence is served first
    assert result.service_order((P, L1)) == ("row-a", "row-b")


def test_demand_kinds_sort_recipe_rows_first() -> None:
    # the engine sorts by the enum's string value; this pins the order the rules rely on
    assert sorted([DemandKind.SALES_ROW, DemandKind.RECIPE_ROW])[0] is DemandKind.RECIPE_ROW
    assert sorted([SupplyKind.PURCHASE, SupplyKind.PRODUCTION])[0] is SupplyKind.PRODUCTION


def test_pegged_demands_are_served_before_real_then_hypothetical() -> None:
    # given a pegged row of low priority, a plain row, and a hypothetical row ranked first
    demands = [
        demand("hyp", 1, rank=0, hypothetical=True),
        demand("plain", 1, rank=1),
        demand("pegged", 1, rank=9, pegged=True),
    ]
    # when planned
    result = run([stock(3)], [], demands)
    # then pegged, plain, hypothetical
    assert result.service_order((P, L1)) == ("pegged", "plain", "hyp")


# --- Rule 2: where a demand takes from ---


def test_demand_takes_stock_before_expected_supply() -> None:
    # given 2 in stock and a PO of 5
    result = run([stock(2)], [supply("PO-1", 5, "03-05")], [demand("SO-1", 2, rank=1)])
    # then the row is in stock and the PO is untouched
    assert status(result, "SO-1") == (IN_STOCK, None)
    assert result.allocated_from("PO-1") == ()


def test_expected_supplies_are_taken_in_date_order() -> None:
    # given two POs, the later one listed first
    supplies = [supply("PO-late", 5, "03-20"), supply("PO-early", 5, "03-10")]
    # when a row needs 3 with no stock
    result = run([], supplies, [demand("SO-1", 3, rank=1)])
    # then it takes the earliest PO
    assert result.allocations_for("SO-1") == (
        Allocation("SO-1", "PO-early", Decimal(3), day("03-10")),
    )


def test_production_is_taken_before_purchase_on_the_same_date() -> None:
    # given a PO and an MO due the same day
    supplies = [
        supply("A-PO", 1, "03-10", kind=SupplyKind.PURCHASE),
        supply("Z-MO", 1, "03-10", kind=SupplyKind.PRODUCTION),
    ]
    # when one unit is needed
    result = run([], supplies, [demand("SO-1", 1, rank=1)])
    # then the MO's output is used, although its id sorts later
    assert [a.supply_id for a in result.allocations_for("SO-1")] == ["Z-MO"]


def test_negative_stock_counts_as_nothing_available() -> None:
    # given stock rows adding up to -2 and a PO of 3
    result = run([stock(1), stock(-3)], [supply("PO-1", 3, "03-05")], [demand("SO-1", 3, rank=1)])
    # then the row is served from the PO alone
    assert status(result, "SO-1") == (EXPECTED, day("03-05"))
    assert result.figures((P, L1)).in_stock == Decimal(-2)


def test_pegged_supply_is_reserved_for_its_demand() -> None:
    # given an open MTO MO of 2 pegged to SO-2, and a higher-ranked SO-1 without stock
    supplies = [supply("MO-2", 2, "03-10", kind=SupplyKind.PRODUCTION, pegged_to="SO-2")]
    demands = [demand("SO-1", 2, rank=1), demand("SO-2", 2, rank=2, pegged=True, mo_open=True)]
    # when planned
    result = run([], supplies, demands)
    # then SO-1 cannot use SO-2's MO
    assert status(result, "SO-1") == (NOT_AVAILABLE, None)
    assert status(result, "SO-2") == (EXPECTED, day("03-10"))


def test_what_a_pegged_demand_leaves_of_its_supply_joins_the_pool() -> None:
    # given an MTO MO making 5 for a row of 2
    supplies = [supply("MO-2", 5, "03-10", kind=SupplyKind.PRODUCTION, pegged_to="SO-2")]
    demands = [demand("SO-1", 3, rank=1), demand("SO-2", 2, rank=2, pegged=True, mo_open=True)]
    # when planned
    result = run([], supplies, demands)
    # then the remaining 3 serve SO-1
    assert status(result, "SO-1") == (EXPECTED, day("03-10"))
    assert [a.demand_id for a in result.allocated_from("MO-2")] == ["SO-2", "SO-1"]


def test_pegged_demand_takes_own_supply_then_stock_then_other_supply() -> None:
    # given a partly completed MTO MO (2 left to make) for a row of 5, 1 in stock, a PO of 4
    supplies = [
        supply("PO-1", 4, "03-03"),
        supply("MO-1", 2, "03-10", kind=SupplyKind.PRODUCTION, pegged_to="SO-1"),
    ]
    demands = [demand("SO-1", 5, rank=1, pegged=True, mo_open=True)]
    # when planned
    result = run([stock(1)], supplies, demands)
    # then own MO first, then stock, then the PO
    pieces = [(a.supply_id, a.quantity) for a in result.allocations_for("SO-1")]
    assert pieces == [(None, Decimal(1)), ("MO-1", Decimal(2)), ("PO-1", Decimal(2))]


def test_supply_pegged_to_an_unknown_demand_is_free() -> None:
    # given an MO whose sales row is no longer open
    supplies = [supply("MO-9", 2, "03-10", kind=SupplyKind.PRODUCTION, pegged_to="gone")]
    # then anyone may use it
    result = run([], supplies, [demand("SO-1", 2, rank=1)])
    assert status(result, "SO-1") == (EXPECTED, day("03-10"))


# --- Rule 3: all or nothing, greedy ---


def test_partly_covered_demand_is_not_available_but_keeps_its_share() -> None:
    # given 2 in stock, rows of 3 and 2
    demands = [demand("SO-1", 3, rank=1), demand("SO-2", 2, rank=2)]
    # when planned
    result = run([stock(2)], [], demands)
    # then SO-1 is not available yet keeps the 2 units, so SO-2 gets none
    assert result.coverage("SO-1").from_stock == Decimal(2)
    assert result.coverage("SO-1").shortage == Decimal(1)
    assert status(result, "SO-1") == (NOT_AVAILABLE, None)
    assert status(result, "SO-2") == (NOT_AVAILABLE, None)


def test_fractional_quantities_are_exact() -> None:
    # given 0.3 in stock, two rows of 0.1 and 0.2
    demands = [demand("a", "0.1", rank=1), demand("b", "0.2", rank=2), demand("c", "0.01", rank=3)]
    result = run([stock("0.3")], [], demands)
    # then both fit exactly, nothing is left for the third
    assert [status(result, d)[0] for d in "abc"] == [IN_STOCK, IN_STOCK, NOT_AVAILABLE]
    assert result.figures((P, L1)).free_stock_after == Decimal(0)


# --- Rule 4: an open make-to-order MO means EXPECTED ---


def test_open_mto_mo_makes_row_expected_whatever_the_coverage() -> None:
    # given an open MTO MO whose remaining output (1) covers only part of the row (3)
    supplies = [supply("MO-1", 1, "03-10", kind=SupplyKind.PRODUCTION, pegged_to="SO-1")]
    demands = [demand("SO-1", 3, rank=1, pegged=True, mo_open=True)]
    # when planned
    result = run([], supplies, demands)
    # then the row is EXPECTED on the MO's date, and the shortage is still reported
    assert status(result, "SO-1") == (EXPECTED, day("03-10"))
    assert result.coverage("SO-1").shortage == Decimal(2)


def test_done_mto_mo_output_in_stock_goes_to_its_row() -> None:
    # given the MTO MO is done (no supply left) and its 2 units are in stock
    demands = [demand("SO-1", 2, rank=1), demand("SO-2", 2, rank=2, pegged=True)]
    # when planned
    result = run([stock(2)], [], demands)
    # then the pegged row takes the stock before the higher-ranked row
    assert status(result, "SO-2") == (IN_STOCK, None)
    assert status(result, "SO-1") == (NOT_AVAILABLE, None)


# --- Rule 5: expected dates ---


def test_expected_date_is_the_latest_supply_used() -> None:
    # given two POs
    supplies = [supply("PO-1", 2, "03-05"), supply("PO-2", 2, "03-09")]
    # when a row needs 3
    result = run([], supplies, [demand("SO-1", 3, rank=1)])
    # then it waits for the second
    assert status(result, "SO-1") == (EXPECTED, day("03-09"))


def test_not_available_row_reports_the_date_of_what_it_did_get() -> None:
    result = run([], [supply("PO-1", 2, "03-05")], [demand("SO-1", 3, rank=1)])
    assert status(result, "SO-1") == (NOT_AVAILABLE, day("03-05"))


def test_overdue_supply_marks_the_row_late() -> None:
    # given a PO that should have arrived before today (03-01)
    result = run([], [supply("PO-1", 2, "02-20")], [demand("SO-1", 2, rank=1)])
    # then the date stays the PO's date and the row is flagged late
    assert result.coverage("SO-1").expected_on == day("02-20")
    assert result.coverage("SO-1").late


# --- Hypothetical demands ---


def test_hypothetical_demand_is_served_from_what_real_demands_left() -> None:
    # given 3 in stock, a real recipe row of 2 ranked last, a hypothetical one ranked first
    demands = [recipe_row("MO-1/M", 2, rank=9), recipe_row("SO-1/M?", 2, rank=1, hypothetical=True)]
    # when planned
    result = run([stock(3)], [], demands)
    # then the real row is served and the hypothetical one gets what is left
    assert status(result, "MO-1/M") == (IN_STOCK, None)
    assert status(result, "SO-1/M?") == (NOT_AVAILABLE, None)
    assert result.coverage("SO-1/M?").from_stock == Decimal(1)


def test_hypothetical_demands_compete_among_themselves_by_rank() -> None:
    demands = [
        recipe_row("h2", 2, rank=2, hypothetical=True),
        recipe_row("h1", 2, rank=1, hypothetical=True),
    ]
    result = run([stock(2)], [], demands)
    assert status(result, "h1") == (IN_STOCK, None)
    assert status(result, "h2") == (NOT_AVAILABLE, None)


def test_key_figures_count_real_demands_only() -> None:
    # given 4 in stock, an expected 3, real rows of 3+3+3 and a hypothetical row of 1
    demands = [demand(f"SO-{i}", 3, rank=i) for i in (1, 2, 3)]
    demands.append(recipe_row("hyp", 1, rank=0, hypothetical=True))
    supplies = [supply("MO-1", 3, "03-10", kind=SupplyKind.PRODUCTION)]
    # when planned
    figures = run([stock(4)], supplies, demands).figures((P, L1))
    # then Katana's inventory figures
    assert figures == KeyFigures(
        in_stock=Decimal(4),
        committed=Decimal(9),
        expected=Decimal(3),
        free_stock_after=Decimal(0),
        free_expected_after=Decimal(0),
        shortage=Decimal(2),
        missing_or_excess=Decimal(-2),
    )


# --- Keys ---


def test_stock_is_checked_per_location() -> None:
    # given 100 at location 2 and 10 at location 1
    rows = [stock(10, location=1), stock(100, location=2)]
    # when a row at location 1 needs 12
    result = run(rows, [], [demand("SO-1", 12, rank=1, location=1)])
    # then location 2 does not help
    assert status(result, "SO-1") == (NOT_AVAILABLE, None)


def test_planning_some_keys_ignores_the_others() -> None:
    demands = [demand("a", 1, rank=1, variant=1), demand("b", 1, rank=1, variant=2)]
    result = run([stock(1, variant=1), stock(1, variant=2)], [], demands, keys=[(2, L1)])
    assert "a" not in result
    assert status(result, "b") == (IN_STOCK, None)
    assert set(result.keys) == {(2, L1)}
    with pytest.raises(KeyError):
        result.figures((1, L1))


def test_merging_a_partial_plan_replaces_its_keys() -> None:
    # given a full plan, then SO-2 is dragged above SO-1
    before = [demand("SO-1", 1, rank=1), demand("SO-2", 1, rank=2), demand("x", 1, 1, variant=2)]
    after = [demand("SO-1", 1, rank=3), demand("SO-2", 1, rank=2), demand("x", 1, 1, variant=2)]
    full = run([stock(1)], [], before)
    # when only the touched key is re-planned and merged
    merged = full.merged(run([stock(1)], [], after, keys={(P, L1)}))
    # then the result is the full plan of the new situation
    assert status(merged, "SO-2") == (IN_STOCK, None)
    assert status(merged, "SO-1") == (NOT_AVAILABLE, None)
    assert status(merged, "x") == (NOT_AVAILABLE, None)
    assert len(merged) == 3


# --- Input validation ---


def test_duplicate_demand_ids_are_rejected() -> None:
    with pytest.raises(ValueError, match="demand ids"):
        run([], [], [demand("a", 1, rank=1), demand("a", 1, rank=2, variant=2)])


def test_duplicate_supply_ids_are_rejected() -> None:
    with pytest.raises(ValueError, match="supply ids"):
        run([], [supply("s", 1, "03-01"), supply("s", 1, "03-02")], [])


def test_demand_quantity_must_be_positive() -> None:
    with pytest.raises(ValueError, match="> 0"):
        demand("a", 0, rank=1)


def test_supply_quantity_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        supply("s", -1, "03-01")


def test_plan_is_exact_whatever_the_callers_decimal_context() -> None:
    # given a caller with a 3-digit decimal context
    with localcontext(prec=3):
        result = run([stock("1000.5")], [], [demand("a", "999.25", rank=1)])
    # then nothing is rounded
    assert result.figures((P, L1)).free_stock_after == Decimal("1.25")


def test_unknown_ids_raise_key_error_or_give_nothing() -> None:
    result = run([], [], [])
    with pytest.raises(KeyError):
        result.coverage("nope")
    assert result.allocated_from("nope") == ()
    assert result.service_order((P, L1)) == ()
    assert result.figures((P, L1)).in_stock == 0
    assert result.today == date(2026, 3, 1)
