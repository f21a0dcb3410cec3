"""Operation rows drive the MO's status (Katana §1.7); recipe rows are the MO's own and
editable until Done (the job shop's one-off custom job)."""

import pytest

from makeline.catalog.enums import OperationType
from makeline.common.errors import Conflict, DomainError, InvalidQuantity, InvalidTransition
from makeline.common.unit_of_work import pending_keys, unit_of_work
from makeline.production import completion, costs, operations, orders, recipe, selectors
from makeline.production.enums import ManufacturingOrderStatus, OperationStatus
from makeline.production.models import ManufacturingOrder, OperationRow, RecipeRow
from tests import factories as f
from tests import factories_production as fp
from tests.factories import D

pytestmark = pytest.mark.django_db

M = ManufacturingOrderStatus
Op = OperationStatus


def _two_step_mo() -> tuple[fp.Shop, ManufacturingOrder, OperationRow, OperationRow]:
    shop = fp.katana_fixture(with_operation=True)
    f.operation(shop.p, name="Packing", type=OperationType.FIXED, cost_per_hour="5")
    mo = fp.mo(shop.p, 2, at=shop.here)
    first, second = mo.operation_rows.order_by("rank", "id")
    return shop, mo, first, second


def test_starting_an_operation_puts_the_order_in_progress() -> None:
    _shop, mo, first, _second = _two_step_mo()
    operations.update_operation(operation_row=first, status=Op.IN_PROGRESS)
    mo.refresh_from_db()
    assert mo.status == M.IN_PROGRESS


def test_completing_an_operation_unblocks_a_blocked_order_into_progress() -> None:
    _shop, mo, first, _second = _two_step_mo()
    orders.set_status(mo=mo, status=M.BLOCKED)
    operations.update_operation(operation_row=first, status=Op.COMPLETED)
    mo.refresh_from_db()
    first.refresh_from_db()
    assert mo.status == M.IN_PROGRESS
    assert first.completed_at is not None


def test_a_partially_completed_order_stays_so_when_an_operation_starts() -> None:
    _shop, mo, first, _second = _two_step_mo()
    completion.record_production(mo=mo, quantity=D(1))
    operations.update_operation(operation_row=first, status=Op.IN_PROGRESS)
    mo.refresh_from_db()
    assert mo.status == M.PARTIALLY_COMPLETED


def test_completing_every_operation_completes_the_order() -> None:
    shop, mo, first, second = _two_step_mo()
    operations.update_operation(operation_row=first, status=Op.COMPLETED)
    operations.update_operation(operation_row=second, status=Op.COMPLETED)
    mo.refresh_from_db()
    assert mo.status == M.DONE
    assert fp.on_hand(shop.p, shop.here) == D(2)


def test_logged_time_replaces_the_planned_cost_and_stays_editable_when_done() -> None:
    _shop, mo, first, second = _two_step_mo()
    # planned: process 0.5 h × 2 × 40 = 40, fixed 5
    assert costs.mo_costs(mo).operations_cost == D(45)
    operations.update_operation(operation_row=first, total_actual_time=D(5400))
    assert costs.mo_costs(mo).operations_cost == D(65)  # 1.5 h × 40 + 5
    orders.set_status(mo=mo, status=M.DONE)
    operations.update_operation(operation_row=second, total_actual_time=D(7200))
    assert costs.mo_costs(mo).operations_cost == D(70)  # 60 + 2 h × 5 (its resource's rate)


def test_a_done_orders_operations_keep_their_status() -> None:
    _shop, mo, first, _second = _two_step_mo()
    orders.set_status(mo=mo, status=M.DONE)
    with pytest.raises(Conflict, match="only the logged time"):
        operations.update_operation(operation_row=first, status=Op.IN_PROGRESS)
    first.refresh_from_db()
    assert first.status == Op.NOT_STARTED


def test_operation_moves_follow_the_table_and_refusals_change_nothing() -> None:
    _shop, _mo, first, _second = _two_step_mo()
    operations.update_operation(operation_row=first, status=Op.COMPLETED)
    with pytest.raises(InvalidTransition):
        operations.update_operation(operation_row=first, status=Op.PAUSED)
    with pytest.raises(InvalidQuantity):
        operations.update_operation(operation_row=first, total_actual_time=D(-1))
    first.refresh_from_db()
    assert (first.status, first.total_actual_time) == (Op.COMPLETED, None)


# --- recipe rows --------------------------------------------------------------------------


def test_a_one_off_ingredient_is_committed_for_this_order_only() -> None:
    shop = fp.katana_fixture()
    glue = f.material("Glue")
    mo = fp.mo(shop.p, 3, at=shop.here)
    with unit_of_work():
        recipe.add_recipe_row(mo=mo, variant=glue, planned_quantity_per_unit=D("0.5"))
        keys = pending_keys()
    assert (glue.pk, shop.here.pk) in keys
    demand = {d.variant_id: d.remaining_quantity for d in selectors.open_recipe_demand()}
    assert demand[glue.pk] == D("1.5")
    assert not shop.p.bom_rows.filter(ingredient_variant=glue).exists()


def test_recipe_rows_change_and_go_until_consumed() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 4, at=shop.here)
    m_row = mo.recipe_rows.get(variant=shop.m)
    s_row = mo.recipe_rows.get(variant=shop.s)
    recipe.update_recipe_row(recipe_row=s_row, changes={"planned_quantity_per_unit": D(3)})
    recipe.delete_recipe_row(recipe_row=s_row)
    completion.record_production(mo=mo, quantity=D(1))
    with pytest.raises(Conflict, match="consumed"):
        recipe.delete_recipe_row(recipe_row=m_row)
    with pytest.raises(Conflict, match="consumed"):
        recipe.update_recipe_row(recipe_row=m_row, changes={"variant": f.material()})
    m_row.refresh_from_db()
    assert m_row.variant_id == shop.m.pk
    assert list(mo.recipe_rows.all()) == [m_row]


@pytest.mark.parametrize(
    "changes",
    [
        {"planned_quantity_per_unit": D(-1)},
        {"total_actual_quantity": D(-1)},
        {"position": 3},
    ],
)
def test_bad_recipe_edits_are_refused(changes: dict[str, object]) -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 4, at=shop.here)
    row = mo.recipe_rows.get(variant=shop.m)
    with pytest.raises(DomainError):
        recipe.update_recipe_row(recipe_row=row, changes=changes)
    row.refresh_from_db()
    assert (row.planned_quantity_per_unit, row.total_actual_quantity) == (D(2), None)


def test_services_and_the_product_itself_are_not_ingredients() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 1, at=shop.here)
    for variant in (f.service_item(), shop.p):
        with pytest.raises(DomainError):
            recipe.add_recipe_row(mo=mo, variant=variant, planned_quantity_per_unit=D(1))
    assert RecipeRow.objects.filter(manufacturing_order=mo).count() == 2


def test_a_done_orders_recipe_is_frozen() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 1, at=shop.here)
    orders.set_status(mo=mo, status=M.DONE)
    with pytest.raises(Conflict, match="is done"):
        recipe.add_recipe_row(mo=mo, variant=f.material(), planned_quantity_per_unit=D(1))
    with pytest.raises(Conflict, match="is done"):
        recipe.update_recipe_row(
            recipe_row=mo.recipe_rows.first(), changes={"total_actual_quantity": D(1)}
        )
    assert RecipeRow.objects.filter(manufacturing_order=mo).count() == 2
