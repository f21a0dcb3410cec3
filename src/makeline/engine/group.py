"""Service order and grouping: turn the input lists into per-key lists, already sorted.

Sorting happens once over all keys (a few big sorts are much cheaper than one small sort per
key), and grouping preserves that order, so every key's list comes out in service order.
All sort keys are explicit and total (ids are unique), so the input order never matters.
"""

from collections.abc import Callable, Iterable
from decimal import Decimal
from operator import attrgetter

from makeline.engine.model import ZERO, Demand, Key, Stock, Supply

# The enum values sort the way the rules want: RECIPE_ROW < SALES_ROW at equal rank, and
# PRODUCTION < PURCHASE at equal date (tests pin both).
DEMAND_ORDER = attrgetter("rank", "kind", "sequence", "id")
SUPPLY_ORDER = attrgetter("available_on", "kind", "id")
_RANK = attrgetter("rank")
_ID = attrgetter("id")


def _real_order(d: Demand) -> tuple[bool, int, str, int, str]:
    return (not d.pegged, d.rank, d.kind, d.sequence, d.id)


type Scope = frozenset[Key] | None


def sum_stock(stock: Iterable[Stock], scope: Scope) -> dict[Key, Decimal]:
    """On-hand total per key (may be negative; the allocation counts a negative total as 0)."""
    totals: dict[Key, Decimal] = {}
    for s in stock:
        key = (s.variant_id, s.location_id)
        if scope is None or key in scope:
            totals[key] = totals.get(key, ZERO) + s.quantity
    return totals


def group_supplies(supplies: Iterable[Supply], scope: Scope) -> dict[Key, list[Supply]]:
    """Supplies per key in date order (date, PRODUCTION before PURCHASE, id)."""
    items = list(_in_scope(supplies, scope))
    _check_unique(items, "supply")
    groups = _group(items)
    for group in groups.values():
        if len(group) > 1:  # most keys have one supply or none: skip the call
            group.sort(key=SUPPLY_ORDER)
    return groups


def group_demands(
    demands: Iterable[Demand], scope: Scope
) -> tuple[dict[Key, list[Demand]], dict[Key, list[Demand]]]:
    """(real, hypothetical) demands per key, each list in service order.

    Real: pegged demands first, then the others; each part by (rank, RECIPE_ROW before
    SALES_ROW, sequence, id). Hypothetical: by the same key. One cheap global sort by rank
    alone does almost all the work (ranks within a key rarely tie); only a key whose list
    has a repeated rank is sorted again by the full key.
    """
    pegged: list[Demand] = []
    real: list[Demand] = []
    hypothetical: list[Demand] = []
    for d in _in_scope(demands, scope):
        if d.hypothetical:
            hypothetical.append(d)
        elif d.pegged:
            pegged.append(d)
        else:
            real.append(d)
    _check_unique(pegged, "demand", real, hypothetical)
    pegged.sort(key=_RANK)
    real.sort(key=_RANK)
    hypothetical.sort(key=_RANK)
    pegged += real
    return _group_by_rank(pegged, _real_order), _group_by_rank(hypothetical, DEMAND_ORDER)


def _group_by_rank(
    ranked: list[Demand], order: Callable[[Demand], tuple[object, ...]]
) -> dict[Key, list[Demand]]:
    """Split rank-sorted demands by key; re-sort by the full `order` the keys in which two
    demands share a rank: only there could the rank-only sort have kept the input order.
    In a list sorted by rank, a tie is always with the last demand appended."""
    groups: dict[Key, list[Demand]] = {}
    tied: list[list[Demand]] = []
    for d in ranked:
        key = (d.variant_id, d.location_id)
        group = groups.get(key)
        if group is None:
            groups[key] = [d]
        else:
            if group[-1].rank == d.rank and (not tied or tied[-1] is not group):
                tied.append(group)
            group.append(d)
    for group in tied:
        group.sort(key=order)  # sorting a list twice is harmless, so duplicates are fine
    return groups


def _check_unique[T: (Supply, Demand)](items: list[T], what: str, *more: list[T]) -> None:
    """Lookups are by id, so ids must be unique. Checked here, in input order: walking a
    million objects in the order they were created is several times faster than in key order.
    """
    ids = set(map(_ID, items))
    for other in more:
        ids.update(map(_ID, other))
    if len(ids) != len(items) + sum(map(len, more)):
        raise ValueError(f"{what} ids must be unique")


def _in_scope[T: (Supply, Demand)](items: Iterable[T], scope: Scope) -> Iterable[T]:
    if scope is None:
        return items
    return [item for item in items if (item.variant_id, item.location_id) in scope]


def _group[T: (Supply, Demand)](items: Iterable[T]) -> dict[Key, list[T]]:
    """Split by key, keeping the order of `items` within each key."""
    groups: dict[Key, list[T]] = {}
    for item in items:
        key = (item.variant_id, item.location_id)
        group = groups.get(key)
        if group is None:
            groups[key] = [item]
        else:
            group.append(item)
    return groups
