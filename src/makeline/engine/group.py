"""Service order and grouping: sort every key's inputs at once and find where each key starts.

Every input row gets one number, its *sort number*, that orders it exactly as the rules want:
first by key, then, for demands, pegged / other real / hypothetical, rank and RECIPE_ROW before
SALES_ROW; for supplies, date and PRODUCTION before PURCHASE. The number is an exact integer
encoding of those fields (each field gets enough room for the values present), so one C-level
sort of plain numbers replaces sorting tuples or objects by attribute keys, which is several
times slower. The last tie-breaks (`sequence` and `id` for demands, `id` for supplies) are not in
the number: rows with equal numbers are rare and are re-sorted among themselves afterwards.
Where each key (and each part of a key) starts is then found by bisection in the sorted
numbers, so no per-row Python work is done after the sort.

All sort keys are total (ids are unique), so the input order never matters.
"""

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from functools import partial, reduce
from itertools import compress, islice, repeat
from operator import add, attrgetter, eq, or_
from typing import Any

from makeline.engine.model import ZERO, Demand, DemandKind, Key, Stock, Supply, SupplyKind

type Scope = frozenset[Key] | None

_ID = attrgetter("id")
_LOCATION = attrgetter("location_id")
_DEMAND_TIE = attrgetter("sequence", "id")
_SALES_ROW = DemandKind.SALES_ROW
_PURCHASE = SupplyKind.PURCHASE

# Sort numbers are computed in float arithmetic when that is exact: a list of floats sorts
# about twice as fast as a list of multi-digit ints (CPython compares floats with a specialised
# C comparison). Every integer below 2**53 is a float. If the parts other than the variant
# stay below 2**50 and every result is below 2**51 in magnitude, the variant's part was below
# 2**52 too, so every product and partial sum was an exact integer.
_PARTS_LIMIT = 2**50
_RESULT_LIMIT = 2**51
_FLOAT_INTS = 2**53


class Layout:
    """Key codes: (variant_id, location_id) as one int, `variant_id * span + location_id`,
    that sorts like the tuple. `span` covers the locations of one plan() call's inputs."""

    __slots__ = ("high", "low", "span")

    def __init__(self, locations: set[int]) -> None:
        self.low = min(locations, default=0)
        self.high = max(locations, default=0)
        self.span = self.high - self.low + 1

    def location_bound(self) -> int:
        return max(abs(self.low), abs(self.high))


def in_scope[T: (Stock, Supply, Demand)](items: Iterable[T], scope: Scope) -> list[T]:
    if scope is None:
        return items if isinstance(items, list) else list(items)
    return [item for item in items if (item.variant_id, item.location_id) in scope]


def layout_of(stock: list[Stock], supplies: list[Supply], demands: list[Demand]) -> Layout:
    locations = set(map(_LOCATION, demands))
    locations.update(map(_LOCATION, supplies), map(_LOCATION, stock))
    return Layout(locations)


def check_unique(items: Sequence[Supply] | Sequence[Demand], what: str) -> None:
    """Lookups are by id, so ids must be unique (checked in input order: walking a million
    objects in the order they were created is several times faster than in sorted order)."""
    if len({item.id for item in items}) != len(items):
        raise ValueError(f"{what} ids must be unique")


def sum_stock(stock: list[Stock], layout: Layout) -> dict[int, Decimal]:
    """On-hand total per key code (may be negative; the allocation counts a negative total
    as 0)."""
    span = layout.span
    totals: dict[int, Decimal] = {}
    for s in stock:
        code = s.variant_id * span + s.location_id
        totals[code] = totals.get(code, ZERO) + s.quantity
    return totals


type Runs = dict[int, tuple[int, int]]
"""Key code -> (start, end) of its rows in a sorted list."""

type KeyRun = tuple[int, int, int, int, int]
"""(key code, start, pegged end, real end, end): a key's pegged real demands, then its other
real demands, then its hypothetical demands, in the sorted list of demands."""


def order_supplies(supplies: list[Supply], layout: Layout) -> tuple[list[Supply], Runs]:
    """Supplies sorted by (key, date, PRODUCTION before PURCHASE, id), and each key's run."""
    if not supplies:
        return [], {}
    # number = key code * _DAYS + 2 * day + kind, multiplied out (day: the date's ordinal)
    terms = (layout.span * _DAYS, _DAYS)
    parts = layout.location_bound() * _DAYS + _DAYS
    numbers = _float_numbers(partial(_supply_numbers, supplies), terms, parts)
    if numbers is None:
        numbers = _supply_numbers(supplies, terms)
    ordered, keys, size = _sort(supplies, numbers, _DAYS, _ID)
    return ordered, {code: (start, end) for code, start, end in _groups(keys, size)}


_DAYS = 2 * (date.max.toordinal() + 1)  # room for 2 * day + kind within one key


def _supply_numbers[N: (int, float)](supplies: list[Supply], terms: tuple[N, N]) -> list[N]:
    per_variant, per_location = terms
    return [
        s.variant_id * per_variant
        + s.location_id * per_location
        + 2 * s.available_on.toordinal()
        + (s.kind == _PURCHASE)
        for s in supplies
    ]


def order_demands(demands: list[Demand], layout: Layout) -> tuple[list[Demand], Iterator[KeyRun]]:
    """Demands in service order, key by key, and each key's runs, in key order.

    Within a key: pegged real demands, other real demands, hypothetical demands; each part by
    (rank, RECIPE_ROW before SALES_ROW, sequence, id).
    """
    if not demands:
        return [], iter(())
    ranks = [d.rank for d in demands]
    low, high = min(ranks), max(ranks)
    # number = (key code * 3 + part) * size + 2 * (rank - low) + kind, multiplied out. Ranks
    # are spaced by a power of two (see common.ranking), halved by each drag between two rows:
    # divided by the largest power of two they all share, they take fewer bits, so the numbers
    # fit a float more often. The division is exact, so the order is the same.
    twos = _shared_twos(ranks)
    size = 2 * (((high - low) >> twos) + 1)  # room for 2 * rank + kind within one (key, part)
    offset = -2 * (low >> twos)
    terms = (layout.span * 3 * size, 3 * size, offset, size + offset, 2 * size + offset)
    parts = layout.location_bound() * 3 * size + 3 * size + 2 * ((abs(low) + abs(high)) >> twos)
    numbers = None
    if max(-low, high) < _FLOAT_INTS:  # every rank converts to a float exactly
        factor = 2.0 / 2.0**twos
        numbers = _float_numbers(partial(_demand_numbers, demands), (*terms, factor), parts + 1)
    if numbers is None:  # exact ints, ranks as they are
        size, offset = 2 * (high - low + 1), -2 * low
        terms = (layout.span * 3 * size, 3 * size, offset, size + offset, 2 * size + offset)
        numbers = _demand_numbers(demands, (*terms, 2))
    ordered, keys, part = _sort(demands, numbers, size, _DEMAND_TIE)
    return ordered, _key_runs(keys, part)


def _shared_twos(ranks: list[int]) -> int:
    """The exponent of the largest power of two dividing every rank (at most 64)."""
    bits = reduce(or_, ranks, 0)
    return min((bits & -bits).bit_length() - 1, 64) if bits else 0


def _key_runs[N: (int, float)](keys: list[N], part: N) -> Iterator[KeyRun]:
    """Each key's runs, found by bisection in the sorted numbers: a key's numbers lie in
    [code * 3 * part, (code + 1) * 3 * part), each of its parts in a third of that."""
    whole = 3 * part
    position, count = 0, len(keys)
    while position < count:
        first = keys[position]
        code = first // whole
        base = code * whole
        real, hypothetical = base + part, base + 2 * part
        # most keys have no pegged demand, many no real one: no search for those
        pegged_end = position if first >= real else bisect_left(keys, real, position)
        real_end = (
            pegged_end if first >= hypothetical else bisect_left(keys, hypothetical, pegged_end)
        )
        end = bisect_left(keys, base + whole, real_end)
        yield int(code), position, pegged_end, real_end, end
        position = end


def _demand_numbers[N: (int, float)](
    demands: list[Demand], terms: tuple[N, N, N, N, N, N]
) -> list[N]:
    per_variant, per_location, pegged, real, hypothetical, two = terms
    return [
        d.variant_id * per_variant
        + d.location_id * per_location
        + (hypothetical if d.hypothetical else pegged if d.pegged else real)
        + d.rank * two
        + (d.kind == _SALES_ROW)
        for d in demands
    ]


def _float_numbers(
    compute: Callable[[tuple[float, ...]], list[float]],
    terms: tuple[int | float, ...],
    parts: int,
) -> list[float] | None:
    """`compute` run with float terms, or None when the result might not be exact."""
    if parts >= _PARTS_LIMIT:
        return None
    try:
        numbers = compute(tuple(map(float, terms)))
    except OverflowError:  # a variant id too large for a float
        return None
    if min(numbers) > -_RESULT_LIMIT and max(numbers) < _RESULT_LIMIT:
        return numbers
    return None


def _sort[T: (Supply, Demand), N: (int, float)](
    rows: list[T], numbers: list[N], size: int, tie_break: Callable[[T], Any]
) -> tuple[list[T], list[N], N]:
    """`rows` sorted by `numbers`, ties broken by `tie_break`; plus the sorted numbers and the
    group size in the numbers' type."""
    # `sorted` computes the key of each row in list order before sorting, so the key function
    # can hand out the precomputed numbers in turn: no per-row Python call, no index list.
    ordered = sorted(rows, key=partial(next, iter(numbers)))
    numbers.sort()
    # The sorted numbers lie scattered in memory; walking them twice more is cheaper on a copy
    # made in sorted order (a million random reads cost more than the copy).
    zero = numbers[0] - numbers[0]
    keys = list(map(add, numbers, repeat(zero)))
    del numbers
    ties = compress(range(1, len(keys)), map(eq, keys, islice(keys, 1, None)))
    for start, end in _runs(ties):
        ordered[start:end] = sorted(ordered[start:end], key=tie_break)
    return ordered, keys, zero + size


def _groups[N: (int, float)](keys: list[N], size: N) -> Iterator[tuple[int, int, int]]:
    """(number // size, start, end) of every run of sorted `keys` with the same quotient."""
    position, count = 0, len(keys)
    while position < count:
        group = keys[position] // size
        end = bisect_left(keys, (group + 1) * size, position + 1)
        yield int(group), position, end
        position = end


def _runs(ties: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Maximal runs [start, end) of equal numbers, from the positions equal to their
    predecessor."""
    start = end = -1
    for position in ties:
        if position != end:
            if end > 0:
                yield start, end
            start = position - 1
        end = position + 1
    if end > 0:
        yield start, end
