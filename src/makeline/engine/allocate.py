"""Allocation of one key's stock and supplies to its demands: the hot loop of the engine.

`plan_key` gets one (variant, location)'s demands already in service order and its supplies
already in date order (see `group`), and serves each demand in turn from a shared pool
(`_Pool`). The results are plain tuples (`Row`, `Piece`), not dataclasses: a million rows must
be planned in seconds, and the public values (`Coverage`, `Allocation`) are built from these
tuples only when asked for.
"""

from datetime import date
from decimal import Decimal
from heapq import heappop, heappush

from makeline.engine.model import ZERO, Availability, Demand, Supply

IN_STOCK = Availability.IN_STOCK
EXPECTED = Availability.EXPECTED
NOT_AVAILABLE = Availability.NOT_AVAILABLE

type Piece = tuple[str | None, Decimal, date | None]
"""(supply id or None for stock, quantity, available_on or None for stock)."""

type Row = tuple[Demand, Availability, date | None, Decimal, Decimal, Decimal, tuple[Piece, ...]]
"""(demand, status, expected_on, from_stock, from_expected, shortage, supply pieces).

The stock piece is not stored (it is `from_stock`), so the common all-from-stock row
shares the empty tuple: two allocations fewer per row. `pieces()` puts it back in front.
"""

NO_PIECES: tuple[Piece, ...] = ()


def pieces(row: Row) -> tuple[Piece, ...]:
    """All pieces of a row's coverage: stock first (if any), then supplies in the order taken."""
    if row[3]:
        return ((None, row[3], None), *row[6])
    return row[6]


class KeyResult:
    """Everything planned for one key: rows in service order plus the inputs it used.

    A plain slotted class rather than a frozen dataclass because one is built per key on the
    hot path; nothing mutates it after `plan_key` returns.
    """

    __slots__ = ("free_expected_after", "free_stock_after", "rows", "stock", "supplies")

    def __init__(
        self,
        stock: Decimal,
        supplies: list[Supply],
        rows: list[Row],
        free_stock_after: Decimal,
        free_expected_after: Decimal,
    ) -> None:
        self.stock = stock
        self.supplies = supplies
        self.rows = rows
        self.free_stock_after = free_stock_after
        self.free_expected_after = free_expected_after


class _Pool:
    """Mutable working state of one key: stock left, supply left, supplies held for a demand.

    `heap` holds positions (into the date-sorted supplies) of the supplies anyone may take,
    so the smallest position is the earliest supply. A supply pegged to a real pegged demand
    is held back until that demand is served; then what is left of it joins the heap.
    """

    __slots__ = ("heap", "held", "remaining", "stock", "supplies")

    def __init__(self, stock: Decimal, supplies: list[Supply], targets: set[str]) -> None:
        self.stock = stock if stock > ZERO else ZERO
        self.supplies = supplies
        self.remaining = [s.quantity for s in supplies]
        self.held: dict[str, list[int]] = {}
        self.heap: list[int] = []
        for pos, s in enumerate(supplies):
            if s.pegged_to is not None and s.pegged_to in targets:
                self.held.setdefault(s.pegged_to, []).append(pos)
            elif s.quantity:
                self.heap.append(pos)  # ascending positions: already a valid heap

    def serve_all(self, demands: list[Demand], rows: list[Row]) -> None:
        """Serve demands in order. The commonest outcomes (all from stock; nothing left at
        all) are inlined: this loop runs once per demand row."""
        append = rows.append
        for d in demands:
            need, stock = d.quantity, self.stock
            if d.pegged:
                append(self._serve_pegged(d))
            elif need <= stock:
                self.stock = stock - need
                append((d, IN_STOCK, None, need, ZERO, ZERO, NO_PIECES))
            elif not stock and not self.heap:
                append((d, NOT_AVAILABLE, None, ZERO, ZERO, need, NO_PIECES))
            else:
                append(self._serve_short(d))

    def _serve_short(self, d: Demand) -> Row:
        """An unpegged demand that stock cannot cover: all the stock, then the earliest
        supplies."""
        stock = self.stock
        self.stock = ZERO
        need = d.quantity - stock
        if not self.heap:
            return (d, NOT_AVAILABLE, None, stock, ZERO, need, NO_PIECES)
        taken: list[Piece] = []
        need, latest = self._take_pool(need, taken)
        status = NOT_AVAILABLE if need else EXPECTED
        return (d, status, latest, stock, d.quantity - stock - need, need, tuple(taken))

    def _serve_pegged(self, d: Demand) -> Row:
        """Own pegged supply first, then stock, then the earliest free supplies."""
        need = d.quantity
        taken: list[Piece] = []
        own = self.held.pop(d.id, None)
        latest: date | None = None
        if own is not None:
            need, latest = self._take_own(own, need, taken)
        from_stock = need if need <= self.stock else self.stock
        self.stock -= from_stock
        need -= from_stock
        if need:
            need, pool_latest = self._take_pool(need, taken)
            latest = _latest(latest, pool_latest)
        if own is not None and d.pegged_supply_open:  # an open MTO MO: its date counts anyway
            latest = _latest(latest, max(self.supplies[pos].available_on for pos in own))
        return _row(d, taken, from_stock, need, latest)

    def _take_own(
        self, own: list[int], need: Decimal, taken: list[Piece]
    ) -> tuple[Decimal, date | None]:
        """Take from the supplies pegged to this demand, then release what is left of them."""
        latest: date | None = None
        for pos in own:
            supply, left = self.supplies[pos], self.remaining[pos]
            take = need if need <= left else left
            if take:
                need -= take
                left -= take
                self.remaining[pos] = left
                taken.append((supply.id, take, supply.available_on))
                latest = _latest(latest, supply.available_on)
            if left:
                heappush(self.heap, pos)
        return need, latest

    def _take_pool(self, need: Decimal, taken: list[Piece]) -> tuple[Decimal, date | None]:
        """Take from the earliest free supplies; return what is still needed and the date of
        the last supply used."""
        heap, remaining, supplies = self.heap, self.remaining, self.supplies
        latest: date | None = None
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
            supply = supplies[pos]
            taken.append((supply.id, take, supply.available_on))
            latest = supply.available_on  # heap order is date order within one demand
        return need, latest

    def free_expected(self) -> Decimal:
        return sum((self.remaining[pos] for pos in self.heap), ZERO)


def _latest(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if a >= b else b


def _row(
    d: Demand, taken: list[Piece], from_stock: Decimal, shortage: Decimal, latest: date | None
) -> Row:
    """Status rules: all-or-nothing, except an open make-to-order MO always means EXPECTED."""
    from_expected = d.quantity - from_stock - shortage
    if d.pegged_supply_open and not d.hypothetical:
        status = EXPECTED
    elif shortage:
        status = NOT_AVAILABLE
    elif from_expected:
        status = EXPECTED
    else:
        status = IN_STOCK
    return (d, status, latest, from_stock, from_expected, shortage, tuple(taken))


def plan_key(
    stock: Decimal, supplies: list[Supply], real: list[Demand], hypothetical: list[Demand]
) -> KeyResult:
    """Serve one key: `real` in service order (pegged first), then `hypothetical`.

    The stock and supply left after the real demands are recorded before the hypothetical
    demands are served from them. Supplies must be in `SUPPLY_ORDER`.
    """
    if not supplies and not (real and real[0].pegged):  # pegged demands come first
        return _plan_stock_only(stock, real, hypothetical)
    pool = _Pool(stock, supplies, _pegged_ids(real))
    rows: list[Row] = []
    pool.serve_all(real, rows)
    free_stock, free_expected = pool.stock, pool.free_expected()
    if hypothetical:
        pool.serve_all(hypothetical, rows)
    return KeyResult(stock, supplies, rows, free_stock, free_expected)


def _pegged_ids(real: list[Demand]) -> set[str]:
    """Ids of the pegged demands, which come first in `real`."""
    ids: set[str] = set()
    for d in real:
        if not d.pegged:
            break
        ids.add(d.id)
    return ids


def _plan_stock_only(stock: Decimal, real: list[Demand], hypothetical: list[Demand]) -> KeyResult:
    """The same rules when a key has no supply and no pegging: stock or nothing."""
    left = stock if stock > ZERO else ZERO
    rows: list[Row] = []
    free_stock = ZERO
    for group in (real, hypothetical):
        for d in group:
            need = d.quantity
            if need <= left:
                left -= need
                rows.append((d, IN_STOCK, None, need, ZERO, ZERO, NO_PIECES))
            else:
                rows.append((d, NOT_AVAILABLE, None, left, ZERO, need - left, NO_PIECES))
                left = ZERO
        if group is real:
            free_stock = left
    return KeyResult(stock, [], rows, free_stock, ZERO)
