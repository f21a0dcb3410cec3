"""plan() against a slow, straightforward reading of docs/planning.md, on random shops.

The engine sorts every key at once by packed sort numbers, keeps its results in columns and
stops serving a key once its stock and supply are used up (see `group` and `allocate`). None of
that may change a result: this reference plans each key on its own, with plain sorts by the
rule's tuples and one loop over every demand.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from makeline.engine import Availability, Demand, Key, Plan, Stock
from tests.unit.engine.builders import TODAY, run, snapshot
from tests.unit.engine.strategies import Shop, shops

ZERO = Decimal(0)
EXAMPLES = settings(max_examples=200, deadline=None)

type Piece = tuple[str | None, Decimal, date | None]


@dataclass
class Expected:
    status: Availability
    expected_on: date | None
    from_stock: Decimal
    from_expected: Decimal
    shortage: Decimal
    pieces: list[Piece]


def reference(shop: Shop) -> tuple[dict[str, Expected], dict[Key, list[str]]]:
    """Every demand's outcome and every key's service order, key by key."""
    outcome: dict[str, Expected] = {}
    order: dict[Key, list[str]] = {}
    for key in sorted(shop.keys()):
        demands = [d for d in shop.demands if d.key == key]
        real = sorted(
            (d for d in demands if not d.hypothetical),
            key=lambda d: (not d.pegged, d.rank, d.kind, d.sequence, d.id),
        )
        hypothetical = sorted(
            (d for d in demands if d.hypothetical),
            key=lambda d: (d.rank, d.kind, d.sequence, d.id),
        )
        order[key] = [d.id for d in real + hypothetical]
        outcome.update(_serve_key(shop, key, real + hypothetical))
    return outcome, order


def _serve_key(shop: Shop, key: Key, demands: list[Demand]) -> dict[str, Expected]:
    on_hand = sum((s.quantity for s in shop.stock if s.key == key), ZERO)
    stock = max(on_hand, ZERO)
    supplies = sorted(
        (s for s in shop.supplies if s.key == key), key=lambda s: (s.available_on, s.kind, s.id)
    )
    left = {s.id: s.quantity for s in supplies}
    pegged = {d.id for d in demands if d.pegged and not d.hypothetical}
    held = {s.id for s in supplies if s.pegged_to in pegged}
    result: dict[str, Expected] = {}
    for d in demands:
        need = d.quantity
        pieces: list[Piece] = []
        own = [s for s in supplies if s.id in held and s.pegged_to == d.id]
        for s in own:  # a real pegged demand: its own supply first
            take = min(need, left[s.id])
            if take:
                pieces.append((s.id, take, s.available_on))
                left[s.id] -= take
                need -= take
        held -= {s.id for s in own}
        from_stock = min(need, stock)
        stock -= from_stock
        need -= from_stock
        for s in supplies:  # then the free supplies in date order
            if need and s.id not in held and left[s.id]:
                take = min(need, left[s.id])
                pieces.append((s.id, take, s.available_on))
                left[s.id] -= take
                need -= take
        mto_open = d.pegged and d.pegged_supply_open and not d.hypothetical
        dates = [on for _, _, on in pieces if on is not None]
        if mto_open:
            dates += [s.available_on for s in own]
        if mto_open:
            status = Availability.EXPECTED
        elif need:
            status = Availability.NOT_AVAILABLE
        elif pieces:
            status = Availability.EXPECTED
        else:
            status = Availability.IN_STOCK
        got = sum((q for _, q, _ in pieces), ZERO)
        stock_piece: list[Piece] = [(None, from_stock, None)] if from_stock else []
        result[d.id] = Expected(
            status, max(dates, default=None), from_stock, got, need, stock_piece + pieces
        )
    return result


def assert_matches_reference(shop: Shop, result: Plan) -> None:
    outcome, order = reference(shop)
    for key, ids in order.items():
        assert list(result.service_order(key)) == ids
    assert len(result) == len(shop.demands)
    for demand_id, expected in outcome.items():
        coverage = result.coverage(demand_id)
        assert coverage.status is expected.status, demand_id
        assert coverage.expected_on == expected.expected_on, demand_id
        assert coverage.from_stock == expected.from_stock, demand_id
        assert coverage.from_expected == expected.from_expected, demand_id
        assert coverage.shortage == expected.shortage, demand_id
        assert coverage.late == (expected.expected_on is not None and expected.expected_on < TODAY)
        pieces = [
            (a.supply_id, a.quantity, a.available_on) for a in result.allocations_for(demand_id)
        ]
        assert pieces == expected.pieces, demand_id
    assert [c.demand_id for c in result.coverages()] == [i for ids in order.values() for i in ids]


@EXAMPLES
@given(shops(max_demands=14, max_supplies=8))
def test_plan_matches_the_reference(shop: Shop) -> None:
    assert_matches_reference(shop, run(shop.stock, shop.supplies, shop.demands))


@EXAMPLES
@given(shops(max_demands=14, max_supplies=8), st.sampled_from(range(5)))
def test_huge_and_negative_ids_and_ranks_plan_the_same(shop: Shop, case: int) -> None:
    """Sort numbers are floats when they fit exactly and ints otherwise (huge ids or ranks,
    variant ids too large even for a float); ranks spaced by a power of two are divided by it
    first. The plan is the same whatever the path."""
    far = [10**6, 2**60, 10**400, 1, 1][case]

    def variant(v: int) -> int:
        return v * far - 3

    def location(loc: int) -> int:
        return loc * far - 2**40

    def rank(r: int) -> int:  # strictly increasing: the same order of service
        if case == 3:  # spaced like common.ranking, one rank halfway: a float path
            return r * 2**20 + (2**19 if r == 3 else 0)
        if case == 4:  # spaced by 2**40 around a huge base: an int path
            return 2**70 + r * 2**40
        return r * far - 2**62

    moved = Shop(
        tuple(
            Stock(variant(s.variant_id), location(s.location_id), s.quantity) for s in shop.stock
        ),
        tuple(
            replace(s, variant_id=variant(s.variant_id), location_id=location(s.location_id))
            for s in shop.supplies
        ),
        tuple(
            replace(
                d,
                variant_id=variant(d.variant_id),
                location_id=location(d.location_id),
                rank=rank(d.rank),
            )
            for d in shop.demands
        ),
    )
    result = run(moved.stock, moved.supplies, moved.demands)
    assert_matches_reference(moved, result)
    small = snapshot(run(shop.stock, shop.supplies, shop.demands))
    assert snapshot(result)["coverage"] == small["coverage"]
    assert snapshot(result)["allocations"] == small["allocations"]
