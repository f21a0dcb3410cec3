"""Completing MOs (Katana §1.1, §1.7, behaviour 5): partial productions at planned shares,
Done at actual totals, costs, and reverts that restore every move."""

from decimal import Decimal

import pytest

from makeline.common.errors import Conflict, DomainError, InvalidQuantity, InvalidTransition
from makeline.inventory import selectors as inventory
from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockMove
from makeline.production import completion, costs, make_to_order, orders, recipe, selectors
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder, Production
from tests import factories_production as fp
from tests.factories import D

pytestmark = pytest.mark.django_db

M = ManufacturingOrderStatus


def _behaviour_5() -> tuple[fp.Shop, ManufacturingOrder]:
    """MO for 4 P; M average cost 2, S average cost 5; one process step 0.5 h/unit at 40/h."""
    shop = fp.katana_fixture(with_operation=True)
    fp.f.stock(shop.m, 20, at=shop.here, cost="2")
    fp.f.stock(shop.s, 10, at=shop.here, cost="5")
    return shop, fp.mo(shop.p, 4, at=shop.here)


def _stock(shop: fp.Shop) -> tuple[Decimal, Decimal, Decimal]:
    return (
        fp.on_hand(shop.p, shop.here),
        fp.on_hand(shop.m, shop.here),
        fp.on_hand(shop.s, shop.here),
    )


def _demand(shop: fp.Shop) -> dict[int, Decimal]:
    return {d.variant_id: d.remaining_quantity for d in selectors.open_recipe_demand()}


def test_behaviour_5_step_by_step() -> None:
    # given the MO: 8 M and 4 S committed, 4 P expected, planned cost 16 + 20 + 80
    shop, mo = _behaviour_5()
    assert _demand(shop) == {shop.m.pk: D(8), shop.s.pk: D(4)}
    assert [s.remaining_quantity for s in selectors.open_output_supply()] == [D(4)]
    assert costs.mo_costs(mo) == costs.Costs(D(16), D(20), D(80), D(116))
    moves_before = StockMove.objects.count()

    # when it goes in progress, then blocked: nothing moves
    orders.set_status(mo=mo, status=M.IN_PROGRESS)
    orders.set_status(mo=mo, status=M.BLOCKED)
    assert StockMove.objects.count() == moves_before

    # when a production of 1 is recorded: P +1, M −2, S −1 (planned shares)
    production = completion.record_production(mo=mo, quantity=D(1))
    mo.refresh_from_db()
    assert mo.status == M.PARTIALLY_COMPLETED
    assert _stock(shop) == (D(1), D(18), D(9))
    assert _demand(shop) == {shop.m.pk: D(6), shop.s.pk: D(3)}
    assert [s.remaining_quantity for s in selectors.open_output_supply()] == [D(3)]
    # its output is worth 2 × 2 + 1 × 5 + 0.5 h × 40
    assert inventory.average_cost(variant_id=shop.p.pk) == D(29)
    assert {(i.quantity, i.cost) for i in production.ingredients.all()} == {
        (D(2), D(4)),
        (D(1), D(5)),
    }

    # when it is set Done with 9 M used in total: P +3, M −7, S −3
    m_row = mo.recipe_rows.get(variant=shop.m)
    recipe.update_recipe_row(recipe_row=m_row, changes={"total_actual_quantity": D(9)})
    orders.set_status(mo=mo, status=M.DONE)
    mo.refresh_from_db()
    assert mo.status == M.DONE
    assert mo.done_date is not None
    assert mo.actual_quantity == D(4)
    assert _stock(shop) == (D(4), D(11), D(6))
    assert selectors.open_output_supply() == []
    assert _demand(shop) == {}
    # then the costs are 9 × 2, 4 × 5, 0.5 × 4 × 40 and the product's average cost follows
    assert costs.mo_costs(mo) == costs.Costs(D(18), D(20), D(80), D(118))
    assert inventory.average_cost(variant_id=shop.p.pk) == D("29.5")

    # when it is reverted to not started: every move is undone
    orders.set_status(mo=mo, status=M.NOT_STARTED)
    mo.refresh_from_db()
    assert (mo.status, mo.done_date, mo.actual_quantity) == (M.NOT_STARTED, None, None)
    assert _stock(shop) == (D(0), D(20), D(10))
    assert check_ledger() == []
    assert not selectors.live_productions(mo).exists()
    assert Production.objects.filter(reverted_at__isnull=False).count() == 2
    assert inventory.average_cost(variant_id=shop.m.pk) == D(2)
    assert _demand(shop) == {shop.m.pk: D(8), shop.s.pk: D(4)}


def test_done_straight_away_consumes_planned_totals_and_can_be_redone() -> None:
    shop, mo = _behaviour_5()
    orders.set_status(mo=mo, status=M.DONE)
    assert _stock(shop) == (D(4), D(12), D(6))
    assert inventory.average_cost(variant_id=shop.p.pk) == D(29)  # 116 / 4
    orders.set_status(mo=mo, status=M.IN_PROGRESS)
    orders.set_status(mo=mo, status=M.DONE)
    assert _stock(shop) == (D(4), D(12), D(6))
    assert check_ledger() == []


def test_done_with_a_smaller_actual_quantity_brings_in_only_that() -> None:
    shop, mo = _behaviour_5()
    completion.complete(mo=mo, actual_quantity=D(3))
    assert _stock(shop)[0] == D(3)
    mo.refresh_from_db()
    assert mo.actual_quantity == D(3)


def test_a_partially_completed_order_put_on_hold_keeps_its_productions() -> None:
    shop, mo = _behaviour_5()
    completion.record_production(mo=mo, quantity=D(1))
    orders.set_status(mo=mo, status=M.BLOCKED)
    assert selectors.completed_quantity(mo) == D(1)
    assert _stock(shop)[0] == D(1)
    completion.record_production(mo=mo, quantity=D(2))
    assert selectors.completed_quantity(mo) == D(3)


def test_back_to_not_started_from_a_partial_reverts_it() -> None:
    shop, mo = _behaviour_5()
    completion.record_production(mo=mo, quantity=D(1))
    orders.set_status(mo=mo, status=M.NOT_STARTED)
    assert _stock(shop) == (D(0), D(20), D(10))
    assert check_ledger() == []


@pytest.mark.parametrize("quantity", ["0", "-1", "4", "5"])
def test_a_production_must_be_above_zero_and_below_the_remainder(quantity: str) -> None:
    _shop, mo = _behaviour_5()
    moves = StockMove.objects.count()
    with pytest.raises(InvalidQuantity):
        completion.record_production(mo=mo, quantity=D(quantity))
    mo.refresh_from_db()
    assert mo.status == M.NOT_STARTED
    assert StockMove.objects.count() == moves
    assert not Production.objects.exists()


def test_a_done_order_takes_no_production() -> None:
    _shop, mo = _behaviour_5()
    orders.set_status(mo=mo, status=M.DONE)
    moves = StockMove.objects.count()
    with pytest.raises(InvalidTransition):
        completion.record_production(mo=mo, quantity=D(1))
    with pytest.raises(InvalidTransition):
        completion.complete(mo=mo)
    assert StockMove.objects.count() == moves


def test_actual_quantity_must_exceed_what_was_completed() -> None:
    _shop, mo = _behaviour_5()
    completion.record_production(mo=mo, quantity=D(2))
    moves = StockMove.objects.count()
    with pytest.raises(InvalidQuantity, match="already completed"):
        completion.complete(mo=mo, actual_quantity=D(2))
    mo.refresh_from_db()
    assert mo.status == M.PARTIALLY_COMPLETED
    assert StockMove.objects.count() == moves


def test_a_make_to_order_mo_never_completes_more_than_its_row() -> None:
    shop = fp.katana_fixture()
    order = fp.sales_order({shop.p: "2"}, at=shop.here)
    mo = make_to_order.make_to_order(sales_order_row=order.rows.get())
    with pytest.raises(InvalidQuantity, match="sales order row of 2"):
        completion.complete(mo=mo, actual_quantity=D(3))
    mo.refresh_from_db()
    assert mo.status == M.NOT_STARTED
    assert not StockMove.objects.exists()


def test_an_order_without_completion_has_nothing_to_revert() -> None:
    _shop, mo = _behaviour_5()
    with pytest.raises(Conflict, match="no completion"):
        completion.revert(mo=mo)


def test_planned_quantity_cannot_go_below_what_was_completed() -> None:
    _shop, mo = _behaviour_5()
    completion.record_production(mo=mo, quantity=D(2))
    with pytest.raises(DomainError) as refused:
        orders.update_manufacturing_order(mo=mo, changes={"planned_quantity": D(2)})
    assert refused.value.field == "planned_quantity"
    mo.refresh_from_db()
    assert mo.planned_quantity == D(4)


def test_an_actual_total_below_what_partials_consumed_returns_the_difference() -> None:
    shop, mo = _behaviour_5()
    completion.record_production(mo=mo, quantity=D(2))  # consumed 4 M
    m_row = mo.recipe_rows.get(variant=shop.m)
    recipe.update_recipe_row(recipe_row=m_row, changes={"total_actual_quantity": D(3)})
    completion.complete(mo=mo)
    assert fp.on_hand(shop.m, shop.here) == D(17)
    assert selectors.consumed_quantity(m_row) == D(3)
    orders.set_status(mo=mo, status=M.NOT_STARTED)
    assert _stock(shop) == (D(0), D(20), D(10))
    assert check_ledger() == []
