"""`plan()`: sort the inputs of every key at once, serve key by key, and the `Plan` that answers
lookups.

The plan keeps the results in columns (see `allocate`) and builds the public values
(`Coverage`, `Allocation`, `KeyFigures`) only when asked: materialising a million dataclasses
would cost more than the planning itself. A plan of a subset of keys (`keys=`) merges into a
full plan with `Plan.merged`, which is how an incremental replan is applied.
"""

import gc
from collections.abc import Collection, Generator, Iterable, Iterator, KeysView
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from decimal import (
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)

from makeline.engine.allocate import Allocator, Columns, Row, pieces
from makeline.engine.group import (
    KeyRun,
    check_unique,
    in_scope,
    layout_of,
    order_demands,
    order_supplies,
    sum_stock,
)
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


type KeyPlan = tuple[Columns, int, int, int, int, int, Decimal, Decimal, Decimal]
"""One key's part of a plan: (columns, first demand position, end of its real demands, end of
its demands, first supply position, end of its supplies, stock on hand, free stock after the
real demands, free expected supply after them). A plain tuple: one is made per key."""

_NO_SUPPLIES = (0, 0)


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
        stock_rows = in_scope(stock, scope)
        supply_rows = in_scope(supplies, scope)
        demand_rows = in_scope(demands, scope)
        check_unique(supply_rows, "supply")
        check_unique(demand_rows, "demand")
        layout = layout_of(stock_rows, supply_rows, demand_rows)
        stock_by_key = sum_stock(stock_rows, layout)
        ordered_supplies, supply_runs = order_supplies(supply_rows, layout)
        ordered_demands, demand_runs = order_demands(demand_rows, layout)
        columns = Columns(ordered_demands, ordered_supplies)
        serve = Allocator(columns).serve_key
        low, span = layout.low, layout.span
        others = sorted(stock_by_key.keys() | supply_runs.keys())
        results: dict[Key, KeyPlan] = {}
        for code, start, pegged_end, real_end, end in _all_keys(demand_runs, others):
            supply_start, supply_end = supply_runs.get(code, _NO_SUPPLIES)
            on_hand = stock_by_key.get(code, ZERO)
            free_stock, free_expected = serve(
                on_hand, start, pegged_end, real_end, end, supply_start, supply_end
            )
            variant_id = (code - low) // span
            results[(variant_id, code - variant_id * span)] = (
                columns,
                start,
                real_end,
                end,
                supply_start,
                supply_end,
                on_hand,
                free_stock,
                free_expected,
            )
        return Plan(today, scope, results)


def _all_keys(demand_runs: Iterable[KeyRun], others: list[int]) -> Iterator[KeyRun]:
    """Every key code in order: the keys with demands (with their runs) merged with the
    sorted `others` (keys with stock or supply), which get empty runs."""
    position, count = 0, len(others)
    for run in demand_runs:
        code = run[0]
        while position < count and others[position] < code:
            yield (others[position], 0, 0, 0, 0)
            position += 1
        if position < count and others[position] == code:
            position += 1
        yield run
    for code in others[position:]:
        yield (code, 0, 0, 0, 0)


@contextmanager
def _no_gc_pauses() -> Generator[None]:
    """Planning allocates many objects and frees few of them until it is done, so the cyclic
    collector would only re-scan the caller's live objects over and over. Pause it, and
    restore whatever state the caller had."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class KeyResult:
    """One key's rows in service order and its supplies in date order (for `explain`)."""

    __slots__ = ("rows", "supplies")

    def __init__(self, rows: list[Row], supplies: list[Supply]) -> None:
        self.rows = rows
        self.supplies = supplies


class Plan:
    """The result of `plan()`: immutable, answers lookups by demand, supply and key."""

    __slots__ = ("_by_demand", "_by_supply", "_parts", "_results", "scope", "today")

    def __init__(self, today: date, scope: frozenset[Key] | None, results: dict[Key, KeyPlan]):
        self.today = today
        self.scope = scope  # None: every key; else the keys this plan was asked for
        self._results = results
        # Id indexes, built on the first lookup: a caller that only iterates `coverages()`
        # (the usual write-back) never pays for them.
        self._by_demand: dict[str, int] | None = None
        self._by_supply: dict[str, Key] | None = None
        self._parts: list[Columns] = []

    @property
    def _positions(self) -> dict[str, int]:
        """Demand id -> position * (number of parts) + part: a merged plan holds the columns
        of several plan() calls (its parts), a plain plan one."""
        if self._by_demand is None:
            self._by_demand = self._index_demands()
        return self._by_demand

    def _index_demands(self) -> dict[str, int]:
        parts: dict[int, int] = {}  # id(columns) -> part number
        for result in self._results.values():
            if id(result[0]) not in parts:
                parts[id(result[0])] = len(parts)
                self._parts.append(result[0])
        count = len(parts)
        if count == 1 and len(self) == len(self._parts[0].demands):  # one whole plan() call
            return {d.id: position for position, d in enumerate(self._parts[0].demands)}
        index: dict[str, int] = {}
        for columns, start, _, end, *_ in self._results.values():
            first = start * count + parts[id(columns)]
            ids = [d.id for d in columns.demands[start:end]]
            index.update(zip(ids, range(first, first + len(ids) * count, count), strict=True))
        return index

    def _locate(self, demand_id: str) -> tuple[Columns, int]:
        slot = self._positions[demand_id]
        parts = self._parts
        if len(parts) == 1:
            return parts[0], slot
        position, part = divmod(slot, len(parts))
        return parts[part], position

    @property
    def _supply_keys(self) -> dict[str, Key]:
        if self._by_supply is None:
            self._by_supply = {
                s.id: key
                for key, (columns, _, _, _, start, end, *_) in self._results.items()
                for s in columns.supplies[start:end]
            }
        return self._by_supply

    def _row(self, demand_id: str) -> Row:
        columns, position = self._locate(demand_id)
        return columns.row(position)

    @property
    def keys(self) -> KeysView[Key]:
        """The keys that had any stock, supply or demand."""
        return self._results.keys()

    def __contains__(self, demand_id: object) -> bool:
        return demand_id in self._positions

    def __len__(self) -> int:
        return sum(result[3] - result[1] for result in self._results.values())

    def demand(self, demand_id: str) -> Demand:
        columns, position = self._locate(demand_id)
        return columns.demands[position]

    def coverage(self, demand_id: str) -> Coverage:
        columns, position = self._locate(demand_id)
        return columns.coverage(position, self.today)

    def coverages(self) -> Iterator[Coverage]:
        """Every demand's coverage, key by key, each key in service order."""
        today = self.today
        for columns, start, _, end, *_ in self._results.values():
            for position in range(start, end):
                yield columns.coverage(position, today)

    def allocations_for(self, demand_id: str) -> tuple[Allocation, ...]:
        """The pieces of the demand's coverage: stock first, then supplies in the order taken
        (its own pegged supply first, then the earliest free ones)."""
        return tuple(Allocation(demand_id, *piece) for piece in pieces(self._row(demand_id)))

    def allocated_from(self, supply_id: str) -> tuple[Allocation, ...]:
        """Who took what from one supply, in service order (empty for an unknown supply)."""
        key = self._supply_keys.get(supply_id)
        if key is None:
            return ()
        return tuple(
            Allocation(row[0].id, *piece)
            for row in self._rows_of(key)
            for piece in row[6]
            if piece[0] == supply_id
        )

    def service_order(self, key: Key) -> tuple[str, ...]:
        """The demand ids of one key in the order they were served."""
        result = self._results.get(key)
        if result is None:
            return ()
        columns, start, _, end, *_ = result
        return tuple([d.id for d in columns.demands[start:end]])

    def figures(self, key: Key) -> KeyFigures:
        """Inventory figures of one key; all zero for a key without inputs."""
        if self.scope is not None and key not in self.scope:
            raise KeyError(key)
        result = self._results.get(key)
        return _NO_FIGURES if result is None else key_figures(result)

    def key_result(self, key: Key) -> KeyResult | None:
        """One key's rows and supplies (for `explain`)."""
        result = self._results.get(key)
        if result is None:
            return None
        columns, _, _, _, start, end, *_ = result
        return KeyResult(self._rows_of(key), columns.supplies[start:end])

    def merged(self, partial: "Plan") -> "Plan":
        """This plan with the keys `partial` was asked to plan replaced by `partial`'s result."""
        if partial.scope is None:
            return partial
        results = {k: r for k, r in self._results.items() if k not in partial.scope}
        results.update(partial._results)
        scope = None if self.scope is None else self.scope | partial.scope
        return Plan(partial.today, scope, dict(sorted(results.items())))

    def _rows_of(self, key: Key) -> list[Row]:
        columns, start, _, end, *_ = self._results[key]
        return [columns.row(position) for position in range(start, end)]


_NO_FIGURES = KeyFigures(ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO)


def key_figures(result: KeyPlan) -> KeyFigures:
    columns, start, real_end, _, supply_start, supply_end, on_hand, free_stock, free_expected = (
        result
    )
    with exact():
        real = range(start, real_end)
        committed = sum((columns.demands[p].quantity for p in real), ZERO)
        expected = sum((s.quantity for s in columns.supplies[supply_start:supply_end]), ZERO)
        return KeyFigures(
            in_stock=on_hand,
            committed=committed,
            expected=expected,
            free_stock_after=free_stock,
            free_expected_after=free_expected,
            shortage=sum((columns.shortage(p) for p in real), ZERO),
            missing_or_excess=on_hand - committed + expected,
        )
