"""Manufacturing orders: creation from BOM and routing, subassembly MOs, header edits, status."""

from datetime import UTC, datetime, timedelta

import pytest

from makeline.catalog import services
from makeline.common.errors import DomainError, InvalidQuantity, NotFound
from makeline.common.unit_of_work import pending_keys, unit_of_work
from makeline.inventory.models import StockMove
from makeline.production import orders, selectors
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder, RecipeRow
from tests import factories as f
from tests import factories_production as fp
from tests.factories import D

pytestmark = pytest.mark.django_db

M = ManufacturingOrderStatus
CREATED = datetime(2026, 3, 1, 8, tzinfo=UTC)


def test_a_new_mo_copies_the_bom_and_routing_and_defaults_its_header() -> None:
    # given P = 2 M + 1 S with one process operation
    shop = fp.katana_fixture(with_operation=True)
    # when an MO for 4 P is created
    mo = orders.create_manufacturing_order(
        variant=shop.p, location=shop.here, planned_quantity=D(4), order_created_date=CREATED
    )
    # then it is MO-1, not started, due 7 days later, with the recipe and operation copied
    assert (mo.order_no, mo.status) == ("MO-1", M.NOT_STARTED)
    assert mo.production_deadline_date == CREATED + timedelta(days=7)
    recipe = {(r.variant_id, r.planned_quantity_per_unit) for r in mo.recipe_rows.all()}
    assert recipe == {(shop.m.pk, D(2)), (shop.s.pk, D(1))}
    operation = mo.operation_rows.get()
    assert (operation.cost_per_hour, operation.cost_parameter) == (D(40), D(40))
    assert operation.planned_time_per_unit == D(1800)


def test_numbers_and_ranks_follow_on() -> None:
    shop = fp.katana_fixture()
    first = fp.mo(shop.p, 1)
    second = fp.mo(shop.p, 1)
    assert second.order_no == "MO-2"
    assert second.rank > first.rank


def test_creating_an_mo_touches_output_and_ingredients() -> None:
    shop = fp.katana_fixture()
    with unit_of_work():
        fp.mo(shop.p, 1)
        keys = pending_keys()
    assert {(v.pk, shop.here.pk) for v in (shop.p, shop.m, shop.s)} <= keys


@pytest.mark.parametrize("what", ["material", "not producible", "archived"])
def test_only_usable_producible_products_are_made(what: str) -> None:
    here = f.location()
    if what == "material":
        variant = f.material()
    elif what == "not producible":
        variant = f.product(producible=False)
    else:
        variant = f.product()
        services.archive_item(item=variant.item)
        variant.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        orders.create_manufacturing_order(variant=variant, location=here, planned_quantity=D(1))
    assert refused.value.field == "variant_id"
    assert not ManufacturingOrder.objects.exists()


def test_a_location_without_manufacturing_is_refused() -> None:
    shop = fp.katana_fixture()
    shop_only = f.location("Shop front", manufacturing_allowed=False)
    with pytest.raises(DomainError, match="does not allow manufacturing"):
        fp.mo(shop.p, 1, at=shop_only)
    assert not ManufacturingOrder.objects.exists()


@pytest.mark.parametrize("quantity", ["0", "-1"])
def test_quantity_must_be_above_zero(quantity: str) -> None:
    shop = fp.katana_fixture()
    with pytest.raises(InvalidQuantity):
        fp.mo(shop.p, quantity)
    assert not ManufacturingOrder.objects.exists()


def test_a_taken_order_number_is_refused() -> None:
    shop = fp.katana_fixture()
    fp.mo(shop.p, 1)
    with pytest.raises(DomainError, match="exists already"):
        orders.create_manufacturing_order(
            variant=shop.p, location=shop.here, planned_quantity=D(1), order_no="MO-1"
        )
    assert ManufacturingOrder.objects.count() == 1


def test_subassembly_mos_are_made_for_every_level_and_ranked_above_their_parent() -> None:
    # given P = 2 M + 1 S, S = 1 M + 2 T, T = 1 M (three levels)
    shop = fp.katana_fixture()
    t = f.product("T", bom={shop.m: "1"})
    services.add_bom_row(product_variant=shop.s, ingredient_variant=t, quantity=D(2))
    earlier = fp.mo(shop.p, 1)
    # when an MO for 3 P is made with its subassemblies
    parent = orders.create_manufacturing_order(
        variant=shop.p, location=shop.here, planned_quantity=D(3), create_subassemblies=True
    )
    # then S (3) serves P and T (6) serves S; deeper levels come first, all below `earlier`
    s_mo = ManufacturingOrder.objects.get(variant=shop.s)
    t_mo = ManufacturingOrder.objects.get(variant=t)
    assert (s_mo.parent, s_mo.planned_quantity) == (parent, D(3))
    assert (t_mo.parent, t_mo.planned_quantity) == (s_mo, D(6))
    assert earlier.rank < t_mo.rank < s_mo.rank < parent.rank
    assert [mo.pk for mo in selectors.schedule()] == [earlier.pk, t_mo.pk, s_mo.pk, parent.pk]
    assert s_mo.sales_order_row is None
    assert t_mo.sales_order_row is None


def test_planned_quantity_change_rescales_commitments_of_a_make_to_stock_mo() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 4)
    orders.update_manufacturing_order(mo=mo, changes={"planned_quantity": D(6)})
    demand = {d.variant_id: d.remaining_quantity for d in selectors.open_recipe_demand()}
    assert demand == {shop.m.pk: D(12), shop.s.pk: D(6)}
    assert mo.recipe_rows.get(variant=shop.m).planned_quantity_per_unit == D(2)


def test_changing_the_product_replaces_the_recipe() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 2)
    orders.update_manufacturing_order(mo=mo, changes={"variant": shop.s})
    assert list(mo.recipe_rows.values_list("variant_id", flat=True)) == [shop.m.pk]


def test_done_date_can_only_be_set_on_a_done_order() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 2)
    with pytest.raises(DomainError) as refused:
        orders.update_manufacturing_order(mo=mo, changes={"done_date": CREATED})
    assert refused.value.field == "done_date"
    mo.refresh_from_db()
    assert mo.done_date is None


def test_a_done_order_only_takes_additional_info_and_done_date() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 2)
    orders.set_status(mo=mo, status=M.DONE)
    with pytest.raises(DomainError, match="is done"):
        orders.update_manufacturing_order(mo=mo, changes={"planned_quantity": D(3)})
    mo.refresh_from_db()
    assert mo.planned_quantity == D(2)
    orders.update_manufacturing_order(
        mo=mo, changes={"additional_info": "late", "done_date": CREATED}
    )
    mo.refresh_from_db()
    assert (mo.additional_info, mo.done_date) == ("late", CREATED)


def test_unknown_fields_are_refused() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 2)
    with pytest.raises(DomainError) as refused:
        orders.update_manufacturing_order(mo=mo, changes={"status": M.DONE})
    assert refused.value.field == "status"
    mo.refresh_from_db()
    assert mo.status == M.NOT_STARTED


@pytest.mark.parametrize("status", [M.IN_PROGRESS, M.BLOCKED])
def test_in_progress_and_blocked_move_no_stock(status: M) -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 2)
    orders.set_status(mo=mo, status=status)
    orders.set_status(mo=mo, status=M.NOT_STARTED)
    assert not StockMove.objects.exists()
    assert mo.status == M.NOT_STARTED


def test_partially_completed_is_reached_by_recording_a_production_only() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 2)
    with pytest.raises(DomainError, match="record a production"):
        orders.set_status(mo=mo, status=M.PARTIALLY_COMPLETED)
    mo.refresh_from_db()
    assert mo.status == M.NOT_STARTED


def test_delete_removes_the_order_and_refuses_once_produced() -> None:
    shop = fp.katana_fixture()
    kept, gone = fp.mo(shop.p, 2), fp.mo(shop.p, 1)
    orders.delete_manufacturing_order(mo=gone)
    assert not RecipeRow.objects.filter(manufacturing_order_id=gone.pk).exists()
    orders.set_status(mo=kept, status=M.DONE)
    with pytest.raises(DomainError, match="revert"):
        orders.delete_manufacturing_order(mo=kept)
    assert ManufacturingOrder.objects.filter(pk=kept.pk).exists()


def test_an_archived_location_is_not_found() -> None:
    shop = fp.katana_fixture()
    gone = f.location("Old shed")
    gone.deleted_at = CREATED
    gone.save()
    with pytest.raises(NotFound):
        fp.mo(shop.p, 1, at=gone)
