"""`plan()`: group the inputs by key, plan each key, and the `Plan` that answers lookups.

The plan keeps the raw per-key results of `allocate` and builds the public values (`Coverage`,
`Allocation`, `KeyFigures`) only when asked: materialising a million dataclasses would cost
more than the planning itself. A plan of a subset of keys (`keys=`) merges into a full plan
with `Plan.merged`, which is how an incremental replan is applied.
"""

import gc
from collections.abc import Collection, Generator, Iterable, Iterator, KeysView
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from decimal import (
    Context,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)
from operator import attrgetter, itemgetter

from makeline.engine.allocate import KeyResult, Row, pieces, plan_key
from makeline.engine.group import group_demands, group_supplies, sum_stock
from makeline.engine.model import (
    ZERO,
    Allocation,
    Coverage,
    Demand,
    Key,
    KeyFigures,
    Stock,
    Supply,
)

# Quantities are only ever added, subtracted and compared, so with enough digits every result
# is exact; trapping Inexact turns an absurd input into an error instead of silent rounding.
_EXACT = Context(prec=100, traps=[InvalidOperation, DivisionByZero, Overflow, Inexact])


def exact() -> AbstractContextManager[Context]:
    """The decimal context every engine computation runs in, whatever the caller's context."""
    return localcontext(_EXACT)


def plan(
    stock: Iterable[Stock],
    supplies: Iterable[Supply],
    demands: Iterable[Demand],
    *,
    today: date,
    keys: Collection[Key] | None = None,
) -> "Plan":
    """Allocate stock and supplies to demands, key by key.

    With `keys`, plan only those keys and ignore every input of another key: the result for
    those keys is exactly what a full plan would give. `today` only marks late supplies.
    """
    scope = None if keys is None else frozenset(keys)
    with exact(), _no_gc_pauses():
        stock_by_key = sum_stock(stock, scope)
        supplies_by_key = group_supplies(supplies, scope)
        real_by_key, hypothetical_by_key = group_demands(demands, scope)
        all_keys = stock_by_key.keys() | supplies_by_key.keys()
        all_keys |= real_by_key.keys() | hypothetical_by_key.keys()
        results: dict[Key, KeyResult] = {}
        for key in sorted(all_keys):
            results[key] = plan_key(
                stock_by_key.get(key, ZERO),
                supplies_by_key.get(key, []),
                real_by_key.get(key, []),
                hypothetical_by_key.get(key, []),
            )
        return Plan(today, scope, results)


_FIRST = itemgetter(0)
_ID = attrgetter("id")


@contextmanager
def _no_gc_pauses() -> Generator[None]:
    """Planning allocates millions of small tuples and frees none of them until it is done, so
    the cyclic collector would only re-scan the caller's live objects over and over (a third
    of the run time at 1M rows). Pause it, and restore whatever state the caller had."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Plan:
    """The result of `plan()`: immutable, answers lookups by demand, supply and key."""

    __slots__ = ("_by_demand", "_by_supply", "_results", "scope", "today")

    def __init__(self, today: date, scope: frozenset[Key] | None, results: dict[Key, KeyResult]):
        self.today = today
        self.scope = scope  # None: every key; else the keys this plan was asked for
        self._results = results
        # Id indexes, built on the first lookup: a caller that only iterates `coverages()`
        # (the usual write-back) never pays for them.
        self._by_demand: dict[str, Row] | None = None
        self._by_supply: dict[str, Key] | None = None

    @property
    def _rows(self) -> dict[str, Row]:
        if self._by_demand is None:
            index: dict[str, Row] = {}
            for result in self._results.values():
                index.update(zip(map(_ID, map(_FIRST, result.rows)), result.rows, strict=True))
            self._by_demand = index
        return self._by_demand

    @property
    def _supply_keys(self) -> dict[str, Key]:
        if self._by_supply is None:
            self._by_supply = {s.id: k for k, r in self._results.items() for s in r.supplies}
        return self._by_supply

    @property
    def keys(self) -> KeysView[Key]:
        """The keys that had any stock, supply or demand."""
        return self._results.keys()

    def __contains__(self, demand_id: object) -> bool:
        return demand_id in self._rows

    def __len__(self) -> int:
        return sum(len(result.rows) for result in self._results.values())

    def demand(self, demand_id: str) -> Demand:
        return self._rows[demand_id][0]

    def coverage(self, demand_id: str) -> Coverage:
        return self._coverage(self._rows[demand_id])

    def coverages(self) -> Iterator[Coverage]:
        """Every demand's coverage, key by key, each key in service order."""
        for result in self._results.values():
            for row in result.rows:
                yield self._coverage(row)

    def allocations_for(self, demand_id: str) -> tuple[Allocation, ...]:
        """The pieces of the demand's coverage: stock first, then supplies in the order taken
        (its own pegged supply first, then the earliest free ones)."""
        return tuple(Allocation(demand_id, *piece) for piece in pieces(self._rows[demand_id]))

    def allocated_from(self, supply_id: str) -> tuple[Allocation, ...]:
        """Who took what from one supply, in service order (empty for an unknown supply)."""
        key = self._supply_keys.get(supply_id)
        if key is None:
            return ()
        return tuple(
            Allocation(row[0].id, *piece)
            for row in self._results[key].rows
            for piece in row[6]
            if piece[0] == supply_id
        )

    def service_order(self, key: Key) -> tuple[str, ...]:
        """The demand ids of one key in the order they were served."""
        result = self._results.get(key)
        return () if result is None else tuple(row[0].id for row in result.rows)

    def figures(self, key: Key) -> KeyFigures:
        """Inventory figures of one key; all zero for a key without inputs."""
        if self.scope is not None and key not in self.scope:
            raise KeyError(key)
        result = self._results.get(key)
        return _NO_FIGURES if result is None else key_figures(result)

    def key_result(self, key: Key) -> KeyResult | None:
        """The raw result of one key (for `explain`)."""
        return self._results.get(key)

    def merged(self, partial: "Plan") -> "Plan":
        """This plan with the keys `partial` was asked to plan replaced by `partial`'s result."""
        if partial.scope is None:
            return partial
        results = {k: r for k, r in self._results.items() if k not in partial.scope}
        results.update(partial._results)
        scope = None if self.scope is None else self.scope | partial.scope
        return Plan(partial.today, scope, dict(sorted(results.items())))

    def _coverage(self, row: Row) -> Coverage:
        demand, status, expected_on, from_stock, from_expected, shortage, _ = row
        late = expected_on is not None and expected_on < self.today
        return Coverage(demand.id, status, expected_on, from_stock, from_expected, shortage, late)


_NO_FIGURES = KeyFigures(ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO)


def key_figures(result: KeyResult) -> KeyFigures:
    with exact():
        real = [row for row in result.rows if not row[0].hypothetical]
        committed = sum((row[0].quantity for row in real), ZERO)
        expected = sum((s.quantity for s in result.supplies), ZERO)
        return KeyFigures(
            in_stock=result.stock,
            committed=committed,
            expected=expected,
            free_stock_after=result.free_stock_after,
            free_expected_after=result.free_expected_after,
            shortage=sum((row[5] for row in real), ZERO),
            missing_or_excess=result.stock - committed + expected,
        )
