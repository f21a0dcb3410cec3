"""Hypothesis strategies: small random shops over a few keys, with ties, pegging, hypotheticals.

Small ranges on purpose: few keys, ranks and sequences make collisions (ties, shared supplies)
common, which is where allocation bugs live.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from makeline.engine import Demand, DemandKind, Key, Stock, Supply, SupplyKind

START = date(2026, 2, 25)
KEYS: list[Key] = [(1, 1), (1, 2), (2, 1)]

keys = st.sampled_from(KEYS)
halves = st.integers(1, 12).map(lambda n: Decimal(n) / 2)  # 0.5 .. 6, exact decimals
supply_quantities = st.integers(0, 12).map(lambda n: Decimal(n) / 2)
stock_quantities = st.integers(-4, 16).map(lambda n: Decimal(n) / 2)
dates = st.integers(0, 12).map(lambda n: START + timedelta(days=n))


@dataclass(frozen=True)
class Shop:
    stock: tuple[Stock, ...]
    supplies: tuple[Supply, ...]
    demands: tuple[Demand, ...]

    def keys(self) -> set[Key]:
        return (
            {r.key for r in self.stock}
            | {r.key for r in self.supplies}
            | {r.key for r in self.demands}
        )


@st.composite
def demands(draw: st.DrawFn, demand_id: str, key: Key | None = None) -> Demand:
    variant, location = key if key is not None else draw(keys)
    hypothetical = draw(st.booleans())
    pegged = not hypothetical and draw(st.integers(0, 3)) == 0
    return Demand(
        demand_id,
        variant,
        location,
        draw(halves),
        rank=draw(st.integers(0, 5)),
        kind=draw(st.sampled_from(DemandKind)),
        sequence=draw(st.integers(0, 3)),
        pegged=pegged,
        pegged_supply_open=pegged and draw(st.booleans()),
        hypothetical=hypothetical,
    )


@st.composite
def supplies(
    draw: st.DrawFn, supply_id: str, peggable: tuple[Demand, ...] = (), pegged: bool = True
) -> Supply:
    variant, location = draw(keys)
    target = None
    if pegged and peggable and draw(st.booleans()):
        demand = draw(st.sampled_from(peggable))
        target = demand.id
        if draw(st.integers(0, 4)):  # mostly a consistent peg: same key as its demand
            variant, location = demand.variant_id, demand.location_id
    kind = draw(st.sampled_from(SupplyKind))
    return Supply(supply_id, variant, location, draw(supply_quantities), draw(dates), kind, target)


@st.composite
def shops(draw: st.DrawFn, max_demands: int = 10, max_supplies: int = 6) -> Shop:
    count = draw(st.integers(0, max_demands))
    demand_rows = tuple(draw(demands(f"D{i}")) for i in range(count))
    peggable = tuple(d for d in demand_rows if d.pegged)
    supply_count = draw(st.integers(0, max_supplies))
    supply_rows = tuple(draw(supplies(f"S{i}", peggable)) for i in range(supply_count))
    stock_rows = draw(st.lists(st.builds(_stock, keys, stock_quantities), max_size=4))
    return Shop(tuple(stock_rows), supply_rows, demand_rows)


def _stock(key: Key, quantity: Decimal) -> Stock:
    return Stock(key[0], key[1], quantity)


def with_rank(demand: Demand, rank: int) -> Demand:
    return replace(demand, rank=rank)
