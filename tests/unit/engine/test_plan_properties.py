"""Properties of plan() that hold for every shop, checked on random small shops."""

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from makeline.engine import Availability, Demand, Plan, Supply, severity
from tests.unit.engine.builders import TODAY, run, snapshot
from tests.unit.engine.strategies import KEYS, Shop, shops, supplies

ZERO = Decimal(0)
EXAMPLES = settings(max_examples=150, deadline=None)


def plan_shop(shop: Shop, **kwargs: object) -> Plan:
    return run(shop.stock, shop.supplies, shop.demands, **kwargs)  # type: ignore[arg-type]


def open_mo(d: Demand) -> bool:
    return d.pegged and d.pegged_supply_open and not d.hypothetical


@EXAMPLES
@given(shops())
def test_nothing_is_over_allocated_or_negative(shop: Shop) -> None:
    result = plan_shop(shop)
    stock_taken: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for d in shop.demands:
        coverage, pieces = result.coverage(d.id), result.allocations_for(d.id)
        assert min(coverage.from_stock, coverage.from_expected, coverage.shortage) >= 0
        assert coverage.from_stock + coverage.from_expected + coverage.shortage == d.quantity
        assert sum(p.quantity for p in pieces) == coverage.from_stock + coverage.from_expected
        assert all(p.quantity > 0 for p in pieces)
        stock_taken[d.key] += sum((p.quantity for p in pieces if p.supply_id is None), ZERO)
    for key, taken in stock_taken.items():
        on_hand = sum((s.quantity for s in shop.stock if s.key == key), ZERO)
        assert taken <= max(on_hand, ZERO)
    for s in shop.supplies:
        taken_from = result.allocated_from(s.id)
        assert sum(a.quantity for a in taken_from) <= s.quantity
        assert all(result.demand(a.demand_id).key == s.key for a in taken_from)


@EXAMPLES
@given(shops())
def test_no_demand_lacks_what_a_lower_served_plain_demand_received(shop: Shop) -> None:
    result = plan_shop(shop)
    for key in result.keys:
        plain = [result.demand(d) for d in result.service_order(key)]
        plain = [d for d in plain if not d.pegged and not d.hypothetical]
        for earlier, later in pairwise(plain):
            first, second = result.coverage(earlier.id), result.coverage(later.id)
            if second.from_stock:  # stock reached `later`, so `earlier` had all it wanted of it
                assert first.from_stock == earlier.quantity
            if second.from_stock or second.from_expected:
                assert first.shortage == 0


@EXAMPLES
@given(shops(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(shop: Shop, rnd: Random) -> None:
    shuffled = Shop(
        tuple(rnd.sample(shop.stock, len(shop.stock))),
        tuple(rnd.sample(shop.supplies, len(shop.supplies))),
        tuple(rnd.sample(shop.demands, len(shop.demands))),
    )
    assert snapshot(plan_shop(shuffled)) == snapshot(plan_shop(shop))


@EXAMPLES
@given(shops(), st.data())
def test_adding_a_free_supply_never_worsens_a_status(shop: Shop, data: st.DataObject) -> None:
    extra: Supply = data.draw(supplies("S-new", pegged=False))
    before = plan_shop(shop)
    after = plan_shop(replace(shop, supplies=(*shop.supplies, extra)))
    for d in shop.demands:
        assert severity(after.coverage(d.id).status) <= severity(before.coverage(d.id).status)


@EXAMPLES
@given(shops(), st.data())
def test_removing_a_demand_never_worsens_another(shop: Shop, data: st.DataObject) -> None:
    if not shop.demands:
        return
    gone = data.draw(st.sampled_from(shop.demands))
    before = plan_shop(shop)
    after = plan_shop(replace(shop, demands=tuple(d for d in shop.demands if d is not gone)))
    for d in shop.demands:
        if d is not gone:
            assert severity(after.coverage(d.id).status) <= severity(before.coverage(d.id).status)


@EXAMPLES
@given(shops())
def test_status_follows_from_the_allocations(shop: Shop) -> None:
    result = plan_shop(shop)
    for d in shop.demands:
        c = result.coverage(d.id)
        if open_mo(d):
            expected = Availability.EXPECTED
        elif c.shortage:
            expected = Availability.NOT_AVAILABLE
        elif c.from_expected:
            expected = Availability.EXPECTED
        else:
            expected = Availability.IN_STOCK
        assert c.status is expected
        assert (c.status is Availability.IN_STOCK) == (
            c.from_stock == d.quantity and not open_mo(d)
        )


@EXAMPLES
@given(shops())
def test_expected_date_is_the_latest_supply_used(shop: Shop) -> None:
    result = plan_shop(shop)
    by_id = {s.id: s for s in shop.supplies}
    for d in shop.demands:
        used = [a.available_on for a in result.allocations_for(d.id) if a.available_on]
        if open_mo(d):  # the open MO's date counts even when it supplied nothing
            used += [
                s.available_on for s in by_id.values() if s.pegged_to == d.id and s.key == d.key
            ]
        coverage = result.coverage(d.id)
        assert coverage.expected_on == max(used, default=None)
        assert coverage.late == (coverage.expected_on is not None and coverage.expected_on < TODAY)


@EXAMPLES
@given(shops(), st.sets(st.sampled_from(KEYS)))
def test_planning_some_keys_equals_the_full_plan_on_them(shop: Shop, keys: set[object]) -> None:
    full = plan_shop(shop)
    partial = plan_shop(shop, keys=keys)
    assert snapshot(partial) == snapshot(full, keys)  # type: ignore[arg-type]
    assert full.merged(partial).keys == full.keys
    assert snapshot(full.merged(partial)) == snapshot(full)


@EXAMPLES
@given(shops())
def test_hypothetical_demands_never_change_real_ones(shop: Shop) -> None:
    real_only = replace(shop, demands=tuple(d for d in shop.demands if not d.hypothetical))
    with_hypothetical, without = plan_shop(shop), plan_shop(real_only)
    for d in real_only.demands:
        assert with_hypothetical.coverage(d.id) == without.coverage(d.id)
        assert with_hypothetical.allocations_for(d.id) == without.allocations_for(d.id)
    for key in without.keys:
        assert with_hypothetical.figures(key) == without.figures(key)
