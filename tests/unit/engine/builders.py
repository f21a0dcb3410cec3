"""Terse builders for engine tests: one variant and one location unless a test says otherwise.

Dates are written "MM-DD" in 2026, the year of the reference examples.
"""

from collections.abc import Collection, Iterable
from datetime import date
from decimal import Decimal

from makeline.engine import (
    Availability,
    Demand,
    DemandKind,
    Key,
    Plan,
    Stock,
    Supply,
    SupplyKind,
    plan,
)

TODAY = date(2026, 3, 1)
P = 1  # the default variant
L1 = 1  # the default location

type Qty = int | str | Decimal


def day(month_day: str) -> date:
    month, day_of_month = month_day.split("-")
    return date(2026, int(month), int(day_of_month))


def stock(quantity: Qty, *, variant: int = P, location: int = L1) -> Stock:
    return Stock(variant, location, Decimal(quantity))


def supply(
    supply_id: str,
    quantity: Qty,
    on: str,
    *,
    kind: SupplyKind = SupplyKind.PURCHASE,
    variant: int = P,
    location: int = L1,
    pegged_to: str | None = None,
) -> Supply:
    return Supply(supply_id, variant, location, Decimal(quantity), day(on), kind, pegged_to)


def demand(
    demand_id: str,
    quantity: Qty,
    rank: int,
    *,
    kind: DemandKind = DemandKind.SALES_ROW,
    variant: int = P,
    location: int = L1,
    sequence: int = 0,
    pegged: bool = False,
    mo_open: bool = False,
    hypothetical: bool = False,
) -> Demand:
    return Demand(
        demand_id,
        variant,
        location,
        Decimal(quantity),
        rank,
        kind,
        sequence,
        pegged=pegged,
        pegged_supply_open=mo_open,
        hypothetical=hypothetical,
    )


def recipe_row(
    demand_id: str,
    quantity: Qty,
    rank: int,
    *,
    variant: int = P,
    location: int = L1,
    sequence: int = 0,
    hypothetical: bool = False,
) -> Demand:
    return demand(
        demand_id,
        quantity,
        rank,
        kind=DemandKind.RECIPE_ROW,
        variant=variant,
        location=location,
        sequence=sequence,
        hypothetical=hypothetical,
    )


def run(
    stock_rows: Iterable[Stock] = (),
    supplies: Iterable[Supply] = (),
    demands: Iterable[Demand] = (),
    *,
    keys: Collection[Key] | None = None,
) -> Plan:
    return plan(stock_rows, supplies, demands, today=TODAY, keys=keys)


def status(result: Plan, demand_id: str) -> tuple[Availability, date | None]:
    coverage = result.coverage(demand_id)
    return coverage.status, coverage.expected_on


IN_STOCK = Availability.IN_STOCK
EXPECTED = Availability.EXPECTED
NOT_AVAILABLE = Availability.NOT_AVAILABLE


def snapshot(result: Plan, keys: Collection[Key] | None = None) -> dict[str, object]:
    """Everything a plan says, as plain comparable data (optionally only some keys)."""
    wanted = set(result.keys if keys is None else keys) & set(result.keys)
    ids = [d for key in sorted(wanted) for d in result.service_order(key)]
    return {
        "coverage": {d: result.coverage(d) for d in ids},
        "allocations": {d: result.allocations_for(d) for d in ids},
        "figures": {key: result.figures(key) for key in wanted},
        "order": {key: result.service_order(key) for key in wanted},
    }
