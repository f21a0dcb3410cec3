"""Incremental replanning: after any edit, re-planning only the touched keys and merging the
result into the previous plan gives exactly the full plan."""

from dataclasses import replace
from decimal import Decimal

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
)

from makeline.engine import Demand, Key, Plan, Stock, Supply
from tests.unit.engine.builders import run, snapshot
from tests.unit.engine.strategies import demands, keys, stock_quantities, supplies


class IncrementalReplan(RuleBasedStateMachine):
    demand_ids = Bundle("demand_ids")

    def __init__(self) -> None:
        super().__init__()
        self.stock: dict[Key, Decimal] = {}
        self.supplies: dict[str, Supply] = {}
        self.demands: dict[str, Demand] = {}
        self.plan: Plan = run()
        self.counter = 0

    def replan(self, *touched: Key) -> None:
        """What the Django side does after an edit: plan the touched keys, merge."""
        partial = run(
            self._stock_rows(), self.supplies.values(), self.demands.values(), keys=touched
        )
        self.plan = self.plan.merged(partial)

    def _stock_rows(self) -> list[Stock]:
        return [Stock(v, loc, q) for (v, loc), q in self.stock.items()]

    def _next_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    @rule(target=demand_ids, data=st.data())
    def add_demand(self, data: st.DataObject) -> str:
        d: Demand = data.draw(demands(self._next_id("D")))
        self.demands[d.id] = d
        self.replan(d.key)
        return d.id

    @rule(demand_id=consumes(demand_ids))
    def remove_demand(self, demand_id: str) -> None:
        d = self.demands.pop(demand_id)
        self.replan(d.key)

    @rule(demand_id=demand_ids, rank=st.integers(0, 5))
    def change_rank(self, demand_id: str, rank: int) -> None:
        d = self.demands[demand_id] = replace(self.demands[demand_id], rank=rank)
        self.replan(d.key)

    @rule(demand_id=demand_ids, key=keys)
    def move_demand(self, demand_id: str, key: Key) -> None:
        old = self.demands[demand_id]
        self.demands[demand_id] = replace(old, variant_id=key[0], location_id=key[1])
        self.replan(old.key, key)  # both the key it left and the key it joined

    @rule(data=st.data())
    def add_supply(self, data: st.DataObject) -> None:
        peggable = tuple(d for d in self.demands.values() if d.pegged)
        s: Supply = data.draw(supplies(self._next_id("S"), peggable))
        self.supplies[s.id] = s
        self.replan(s.key)

    @rule(key=keys, quantity=stock_quantities)
    def change_stock(self, key: Key, quantity: Decimal) -> None:
        self.stock[key] = quantity
        self.replan(key)

    @invariant()
    def incremental_equals_full(self) -> None:
        full = run(self._stock_rows(), self.supplies.values(), self.demands.values())
        assert snapshot(self.plan) == snapshot(full)


IncrementalReplan.TestCase.settings = settings(
    max_examples=40, stateful_step_count=20, deadline=None
)
TestIncrementalReplan = IncrementalReplan.TestCase
