"""Allocation of stock and supplies to demands, key by key: the hot loop of the engine.

`Allocator` gets every demand in service order (one list for all keys, see `group`) and every
supply in date order, and serves one key at a time. Results are kept in columns (`Columns`),
one entry per demand position, not as one object per demand:

- `status`, pre-filled with NOT_AVAILABLE;
- `detail`, pre-filled with None: (from_stock, from_expected, shortage, expected_on, supply
  pieces) for the demands that need it.

A demand with status IN_STOCK and no detail got its whole quantity from stock; one with status
NOT_AVAILABLE and no detail got nothing. Those two are most demands, and they cost one list
store or nothing at all: once a key's stock and free supplies are used up, every later demand of
the key gets nothing, so the loop stops there. The public values (`Coverage`, `Allocation`) are
built from the columns only when asked for.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from heapq import heappop, heappush
from itertools import compress
from typing import cast

from makeline.engine.model import ZERO, Availability, Coverage, Demand, Supply

IN_STOCK = Availability.IN_STOCK
EXPECTED = Availability.EXPECTED
NOT_AVAILABLE = Availability.NOT_AVAILABLE

type Piece = tuple[str | None, Decimal, date | None]
"""(supply id or None for stock, quantity, available_on or None for stock)."""

type Detail = tuple[Decimal | date | int | None, ...]
"""(from_stock, from_expected, shortage, expected_on, then for every supply piece in the order
taken: its supply's position, quantity). Flat, so one tuple per demand and no tuple per piece;
the supply ids and dates are looked up when the pieces are read."""

type Row = tuple[Demand, Availability, date | None, Decimal, Decimal, Decimal, tuple[Piece, ...]]
"""(demand, status, expected_on, from_stock, from_expected, shortage, supply pieces)."""

type _Head = tuple[Decimal, Decimal, Decimal, date | None]

NO_PIECES: tuple[Piece, ...] = ()


class Columns:
    """What one plan() call computed, by position in its service order (all keys)."""

    __slots__ = ("demands", "detail", "status", "supplies")

    def __init__(self, demands: list[Demand], supplies: list[Supply]) -> None:
        self.demands = demands
        self.supplies = supplies
        self.status = [NOT_AVAILABLE] * len(demands)
        self.detail: list[Detail | None] = [None] * len(demands)

    def row(self, position: int) -> Row:
        d, status, detail = self.demands[position], self.status[position], self.detail[position]
        if detail is None:
            if status is IN_STOCK:
                return (d, IN_STOCK, None, d.quantity, ZERO, ZERO, NO_PIECES)
            return (d, NOT_AVAILABLE, None, ZERO, ZERO, d.quantity, NO_PIECES)
        from_stock, from_expected, shortage, on = cast(_Head, detail[:4])
        supplies = self.supplies
        positions = cast(tuple[int, ...], detail[4::2])
        takes = cast(tuple[Decimal, ...], detail[5::2])
        got = tuple(
            (supplies[pos].id, take, supplies[pos].available_on)
            for pos, take in zip(positions, takes, strict=True)
        )
        return (d, status, on, from_stock, from_expected, shortage, got)

    def coverage(self, position: int, today: date) -> Coverage:
        d, status, detail = self.demands[position], self.status[position], self.detail[position]
        if detail is None:
            if status is IN_STOCK:
                return Coverage(d.id, IN_STOCK, None, d.quantity, ZERO, ZERO, False)
            return Coverage(d.id, NOT_AVAILABLE, None, ZERO, ZERO, d.quantity, False)
        from_stock, from_expected, shortage, on = cast(_Head, detail[:4])
        late = on is not None and on < today
        return Coverage(d.id, status, on, from_stock, from_expected, shortage, late)

    def shortage(self, position: int) -> Decimal:
        detail = self.detail[position]
        if detail is not None:
            return cast(Decimal, detail[2])
        return ZERO if self.status[position] is IN_STOCK else self.demands[position].quantity


def pieces(row: Row) -> tuple[Piece, ...]:
    """All pieces of a row's coverage: stock first (if any), then supplies in the order taken."""
    if row[3]:
        return ((None, row[3], None), *row[6])
    return row[6]


class Allocator:
    """Serves keys into `Columns`. `remaining` is what is left of each supply (by position).

    A key's free supplies are taken in date order. A supply pegged to a pegged real demand of
    its key is held back until that demand has been served; what it leaves then joins the free
    ones at its date position (a heap of positions). Pegged demands come first in a key, so
    after them the free supplies are a fixed list walked front to back.
    """

    __slots__ = ("all_positive", "demands", "detail", "remaining", "status", "supplies")

    def __init__(self, columns: Columns) -> None:
        self.demands = columns.demands
        self.status = columns.status
        self.detail = columns.detail
        self.supplies = columns.supplies
        self.remaining = [s.quantity for s in columns.supplies]
        # Without supplies of quantity 0 (the usual case), a key's free supplies, when none is
        # pegged to one of its demands, are simply its range of positions.
        self.all_positive = ZERO not in self.remaining

    def serve_key(
        self,
        stock: Decimal,
        start: int,
        pegged_end: int,
        real_end: int,
        end: int,
        supply_start: int,
        supply_end: int,
    ) -> tuple[Decimal, Decimal]:
        """Serve one key: its pegged real demands at positions [start, pegged_end), its other
        real demands up to `real_end`, its hypothetical demands up to `end`; its supplies at
        [supply_start, supply_end). Returns (free stock, free expected) after the real
        demands."""
        left = stock if stock > ZERO else ZERO
        free: Sequence[int]
        if start < pegged_end:
            left, free = self._serve_pegged(left, start, pegged_end, supply_start, supply_end)
        elif self.all_positive:
            free = range(supply_start, supply_end)
        else:  # no pegged demand: every supply with something is free
            quantities = self.remaining[supply_start:supply_end]
            free = list(compress(range(supply_start, supply_end), quantities))
        taken = 0
        if pegged_end < real_end:
            left, taken = self._serve(pegged_end, real_end, left, free, 0)
        free_expected = ZERO
        if taken < len(free):
            remaining = self.remaining
            free_expected = sum([remaining[pos] for pos in free[taken:]], ZERO)
        if real_end < end:
            self._serve(real_end, end, left, free, taken)
        return left, free_expected

    def _serve(
        self, position: int, end: int, left: Decimal, free: Sequence[int], taken: int
    ) -> tuple[Decimal, int]:
        """Serve unpegged demands [position, end) from stock, then from `free[taken:]`; return
        the stock left and how many free supplies are used up."""
        demands = self.demands
        if left:
            status = self.status
            while position < end:  # served wholly from stock: only the status is stored
                need = demands[position].quantity
                if need > left:
                    break
                left -= need
                status[position] = IN_STOCK
                position += 1
        if position == end:
            return left, taken
        if taken < len(free):
            return ZERO, self._serve_short(position, end, left, free, taken)
        if left:  # nothing expected: one partial share of stock, then nothing for the rest
            need = demands[position].quantity
            self.detail[position] = (left, ZERO, need - left, None)
        return ZERO, taken

    def _serve_short(
        self, position: int, end: int, stock: Decimal, free: Sequence[int], taken: int
    ) -> int:
        """Demands [position, end) that stock cannot cover: the first takes all of `stock`;
        each then takes the earliest free supplies, until those run out (the rest get
        nothing). Returns how many free supplies are used up."""
        demands, status, detail = self.demands, self.status, self.detail
        remaining, supplies, count = self.remaining, self.supplies, len(free)
        while position < end and taken < count:
            quantity = demands[position].quantity
            need = quantity - stock if stock else quantity
            pos = free[taken]
            left = remaining[pos]
            if need < left:  # the commonest case: one supply covers it and has some to spare
                remaining[pos] = left - need
                status[position] = EXPECTED
                on = supplies[pos].available_on
                detail[position] = (stock, need, ZERO, on, pos, need)
            else:
                taken = self._take_several(position, quantity, stock, need, free, taken)
            stock = ZERO
            position += 1
        return taken

    def _take_several(
        self,
        position: int,
        quantity: Decimal,
        stock: Decimal,
        need: Decimal,
        free: Sequence[int],
        taken: int,
    ) -> int:
        """Demand `position` takes `need` from the free supplies `free[taken:]`, earliest
        first, as far as they go."""
        remaining, count = self.remaining, len(free)
        got: list[Decimal | int] = []
        while need and taken < count:
            pos = free[taken]
            left = remaining[pos]
            if left <= need:
                taken += 1
                take = left
            else:
                take = need
            remaining[pos] = left - take
            need -= take
            got += (pos, take)
        if not need:
            self.status[position] = EXPECTED
        on = self.supplies[got[-2]].available_on  # type: ignore[index]
        self.detail[position] = (stock, quantity - stock - need, need, on, *got)
        return taken

    def _serve_pegged(
        self, left: Decimal, position: int, end: int, start: int, stop: int
    ) -> tuple[Decimal, list[int]]:
        """Serve the pegged real demands [position, end) with the supplies [start, stop);
        return the stock left and the free supplies after them, in date order."""
        demands, supplies = self.demands, self.supplies
        targets = {demands[p].id for p in range(position, end)}
        held: dict[str, list[int]] = {}
        heap: list[int] = []
        for pos in range(start, stop):
            supply = supplies[pos]
            if supply.pegged_to is not None and supply.pegged_to in targets:
                held.setdefault(supply.pegged_to, []).append(pos)
            elif supply.quantity:
                heap.append(pos)  # ascending positions: already a valid heap
        for p in range(position, end):
            left = self._serve_one_pegged(p, left, heap, held.pop(demands[p].id, None))
        heap.sort()
        return left, heap

    def _serve_one_pegged(
        self, position: int, stock: Decimal, heap: list[int], own: list[int] | None
    ) -> Decimal:
        """Own pegged supply first, then stock, then the earliest free supplies."""
        d = self.demands[position]
        quantity = need = d.quantity
        got: list[Decimal | int] = []
        latest: date | None = None
        if own is not None:
            need, latest = self._take_own(own, need, got, heap, d.pegged_supply_open)
        from_stock = need if need <= stock else stock
        if from_stock:
            need -= from_stock
        if need and heap:
            need, on = self._take_heap(need, got, heap)
            if latest is None or on > latest:
                latest = on
        from_expected = quantity - from_stock - need
        if d.pegged_supply_open or (from_expected and not need):
            self.status[position] = EXPECTED  # an open make-to-order MO is EXPECTED anyway
        elif not need:
            self.status[position] = IN_STOCK
        self.detail[position] = (from_stock, from_expected, need, latest, *got)
        return stock - from_stock if from_stock else stock

    def _take_own(
        self,
        own: list[int],
        need: Decimal,
        got: list[Decimal | int],
        heap: list[int],
        mo_open: bool,
    ) -> tuple[Decimal, date | None]:
        """Take from the supplies pegged to this demand, then release what is left of them.
        Returns what is still needed and the latest date of the supplies used (of all of
        them when the make-to-order MO is still open: its date counts anyway)."""
        latest: date | None = None
        remaining, supplies = self.remaining, self.supplies
        for pos in own:
            left = remaining[pos]
            dated = mo_open
            if need and left:
                take = need if need <= left else left
                need -= take
                left -= take
                remaining[pos] = left
                got += (pos, take)
                dated = True
            if dated:
                on = supplies[pos].available_on
                if latest is None or on > latest:
                    latest = on
            if left:
                heappush(heap, pos)
        return need, latest

    def _take_heap(
        self, need: Decimal, got: list[Decimal | int], heap: list[int]
    ) -> tuple[Decimal, date]:
        """Take from the earliest free supplies (`heap` is not empty); return what is still
        needed and the date of the last supply used (heap order is date order)."""
        remaining = self.remaining
        pos = heap[0]
        while need and heap:
            pos = heap[0]
            left = remaining[pos]
            if left <= need:
                heappop(heap)
                take = left
            else:
                take = need
            remaining[pos] = left - take
            need -= take
            got += (pos, take)
        return need, self.supplies[pos].available_on
