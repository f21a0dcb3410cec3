"""Make to order (Katana §1.5, behaviours 3 and 10): MOs pegged to a sales order row, and
sales edits that follow onto them."""

from datetime import timedelta

import pytest

from makeline.common.errors import Conflict, DomainError
from makeline.production import completion, make_to_order, orders, ranking, selectors
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder
from makeline.sales import fulfilment
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import SalesOrder, SalesOrderRow
from tests import factories as f
from tests import factories_production as fp
from tests.factories import D

pytestmark = pytest.mark.django_db

M = ManufacturingOrderStatus


def _so7(shop: fp.Shop) -> SalesOrder:
    return fp.sales_order({shop.p: "5"}, at=shop.here, order_no="SO-7")


# --- behaviour 3: creation invariants -----------------------------------------------------


def test_make_to_order_creates_an_mo_pegged_to_the_row() -> None:
    # given SO-7 at L1 with a row of 5 P
    shop = fp.katana_fixture()
    order = _so7(shop)
    row = order.rows.get()
    # when the row is made to order
    mo = make_to_order.make_to_order(sales_order_row=row)
    # then the MO follows the row and the order
    assert mo.order_no == "SO-7 / 1"
    assert mo.planned_quantity == D(5)
    assert mo.location == shop.here
    assert mo.is_linked_to_sales_order
    assert mo.sales_order_row == row
    assert mo.status == M.NOT_STARTED
    assert mo.production_deadline_date == mo.order_created_date + timedelta(days=7)
    assert mo.rank == order.rank
    # and it commits 10 M and 5 S and expects 5 P
    demand = {d.variant_id: d.remaining_quantity for d in selectors.open_recipe_demand()}
    assert demand == {shop.m.pk: D(10), shop.s.pk: D(5)}
    [supply] = selectors.open_output_supply()
    assert (supply.variant_id, supply.remaining_quantity, supply.sales_order_row_id) == (
        shop.p.pk,
        D(5),
        row.pk,
    )


def test_the_suffix_counts_the_orders_mtos() -> None:
    shop = fp.katana_fixture()
    order = fp.sales_order({shop.p: "1", shop.s: "2"}, at=shop.here, order_no="SO-7")
    made = make_to_order.make_to_order_all(order=order)
    assert [mo.order_no for mo in made] == ["SO-7 / 1", "SO-7 / 2"]
    assert {mo.rank for mo in made} == {order.rank}


def test_make_to_order_all_skips_rows_with_an_mo_and_bought_products() -> None:
    shop = fp.katana_fixture()
    bought = f.product("Bought", producible=False, purchasable=True)
    order = fp.sales_order({shop.p: "1", shop.s: "2", bought: "1"}, at=shop.here)
    first = make_to_order.make_to_order(sales_order_row=order.rows.get(variant=shop.p))
    made = make_to_order.make_to_order_all(order=order)
    assert [mo.variant_id for mo in made] == [shop.s.pk]
    assert ManufacturingOrder.objects.count() == 2
    assert first.pk not in {mo.pk for mo in made}


def test_subassemblies_of_an_mto_are_ranked_above_and_not_linked() -> None:
    shop = fp.katana_fixture()
    order = _so7(shop)
    mo = make_to_order.make_to_order(sales_order_row=order.rows.get(), create_subassemblies=True)
    sub = ManufacturingOrder.objects.get(variant=shop.s)
    assert sub.planned_quantity == D(5)
    assert sub.sales_order_row is None
    assert sub.parent == mo
    assert sub.rank < mo.rank == order.rank
    assert sub.order_no == "MO-1"


@pytest.mark.parametrize("changes", [{"variant": "s"}, {"planned_quantity": D(6)}])
def test_a_linked_mos_product_and_quantity_are_locked(changes: dict[str, object]) -> None:
    shop = fp.katana_fixture()
    mo = make_to_order.make_to_order(sales_order_row=_so7(shop).rows.get())
    if changes.get("variant"):
        changes = {"variant": shop.s}
    with pytest.raises(Conflict, match="made to order"):
        orders.update_manufacturing_order(mo=mo, changes=changes)
    mo.refresh_from_db()
    assert (mo.variant_id, mo.planned_quantity) == (shop.p.pk, D(5))


def test_a_linked_mos_location_is_locked() -> None:
    shop = fp.katana_fixture()
    mo = make_to_order.make_to_order(sales_order_row=_so7(shop).rows.get())
    with pytest.raises(Conflict) as refused:
        orders.update_manufacturing_order(mo=mo, changes={"location": f.location("L2")})
    assert refused.value.field == "location_id"
    mo.refresh_from_db()
    assert mo.location == shop.here


def test_the_sales_orders_location_is_locked_while_an_mto_is_linked() -> None:
    shop = fp.katana_fixture()
    order = _so7(shop)
    make_to_order.make_to_order(sales_order_row=order.rows.get())
    elsewhere = f.location("L2")
    with pytest.raises(Conflict, match="SO-7 / 1") as refused:
        make_to_order.update_sales_order(order=order, changes={"location": elsewhere})
    assert refused.value.field == "location_id"
    order.refresh_from_db()
    assert order.location == shop.here
    # other header fields still change
    make_to_order.update_sales_order(order=order, changes={"additional_info": "rush"})
    order.refresh_from_db()
    assert order.additional_info == "rush"


def test_a_row_is_made_to_order_once() -> None:
    shop = fp.katana_fixture()
    row = _so7(shop).rows.get()
    make_to_order.make_to_order(sales_order_row=row)
    with pytest.raises(Conflict, match="already made to order"):
        make_to_order.make_to_order(sales_order_row=row)
    assert ManufacturingOrder.objects.count() == 1


def test_quotes_are_not_made_to_order() -> None:
    shop = fp.katana_fixture()
    quote = fp.sales_order({shop.p: "1"}, at=shop.here, status=SalesOrderStatus.PENDING)
    with pytest.raises(Conflict, match="quote"):
        make_to_order.make_to_order(sales_order_row=quote.rows.get())
    assert not ManufacturingOrder.objects.exists()


def test_a_delivered_row_is_not_made_to_order() -> None:
    shop = fp.katana_fixture()
    f.stock(shop.p, 5, at=shop.here, cost="1")
    order = _so7(shop)
    fulfilment.fulfil(order=order, status=FulfillmentStatus.DELIVERED)
    with pytest.raises(Conflict, match="fulfilled"):
        make_to_order.make_to_order(sales_order_row=order.rows.get())
    assert not ManufacturingOrder.objects.exists()


def test_a_product_that_is_not_made_is_refused() -> None:
    shop = fp.katana_fixture()
    bought = f.product("Bought", producible=False, purchasable=True)
    order = fp.sales_order({bought: "1"}, at=shop.here)
    with pytest.raises(DomainError) as refused:
        make_to_order.make_to_order(sales_order_row=order.rows.get())
    assert refused.value.field == "sales_order_row_id"
    assert not ManufacturingOrder.objects.exists()


def test_unlink_turns_the_mo_make_to_stock() -> None:
    shop = fp.katana_fixture()
    row = _so7(shop).rows.get()
    mo = make_to_order.make_to_order(sales_order_row=row)
    make_to_order.unlink(sales_order_row=row, reason="customer will wait")
    mo.refresh_from_db()
    assert (mo.sales_order_row, mo.unlinked_reason) == (None, "customer will wait")
    with pytest.raises(DomainError, match="no make-to-order MO"):
        make_to_order.unlink(sales_order_row=row)


# --- behaviour 10: sales edits flow into MTO MOs ------------------------------------------


def _pegged(shop: fp.Shop, quantity: str = "4") -> tuple[SalesOrderRow, ManufacturingOrder]:
    order = fp.sales_order({shop.p: quantity}, at=shop.here)
    row = order.rows.get()
    return row, make_to_order.make_to_order(sales_order_row=row)


def test_quantity_follows_onto_a_not_started_mo() -> None:
    shop = fp.katana_fixture()
    row, mo = _pegged(shop)
    make_to_order.update_sales_order_row(row=row, changes={"quantity": D(6)})
    mo.refresh_from_db()
    assert (mo.planned_quantity, mo.sales_order_row_id) == (D(6), row.pk)
    demand = {d.variant_id: d.remaining_quantity for d in selectors.open_recipe_demand()}
    assert demand == {shop.m.pk: D(12), shop.s.pk: D(6)}


def test_a_started_mo_keeps_its_quantity_and_is_unlinked_with_a_reason() -> None:
    shop = fp.katana_fixture()
    row, mo = _pegged(shop)
    make_to_order.update_sales_order_row(row=row, changes={"quantity": D(6)})
    orders.set_status(mo=mo, status=M.IN_PROGRESS)
    make_to_order.update_sales_order_row(row=row, changes={"quantity": D(2)})
    row.refresh_from_db()
    mo.refresh_from_db()
    assert row.quantity == D(2)
    assert mo.planned_quantity == D(6)
    assert not mo.is_linked_to_sales_order
    assert "from 6 to 2" in mo.unlinked_reason
    assert selectors.linked_manufacturing_order(row) is None


def test_other_row_edits_leave_the_mo_alone() -> None:
    shop = fp.katana_fixture()
    row, mo = _pegged(shop)
    orders.set_status(mo=mo, status=M.IN_PROGRESS)
    make_to_order.update_sales_order_row(row=row, changes={"price_per_unit": D(99)})
    mo.refresh_from_db()
    assert mo.sales_order_row_id == row.pk


def test_the_product_of_a_linked_row_cannot_change() -> None:
    shop = fp.katana_fixture()
    row, _mo = _pegged(shop)
    with pytest.raises(Conflict) as refused:
        make_to_order.update_sales_order_row(row=row, changes={"variant": shop.s})
    assert refused.value.field == "variant_id"
    row.refresh_from_db()
    assert row.variant_id == shop.p.pk


def test_deleting_a_row_deletes_its_not_started_mo() -> None:
    shop = fp.katana_fixture()
    order = fp.sales_order({shop.p: "4", shop.s: "1"}, at=shop.here)
    row = order.rows.get(variant=shop.p)
    make_to_order.make_to_order(sales_order_row=row)
    make_to_order.delete_sales_order_row(row=row)
    assert not ManufacturingOrder.objects.exists()
    assert not SalesOrderRow.objects.filter(pk=row.pk).exists()


def test_deleting_a_row_unlinks_its_started_mo() -> None:
    shop = fp.katana_fixture()
    order = fp.sales_order({shop.p: "4", shop.s: "1"}, at=shop.here)
    row = order.rows.get(variant=shop.p)
    mo = make_to_order.make_to_order(sales_order_row=row)
    orders.set_status(mo=mo, status=M.BLOCKED)
    make_to_order.delete_sales_order_row(row=row)
    mo.refresh_from_db()
    assert mo.sales_order_row is None
    assert "deleted" in mo.unlinked_reason


def test_a_refused_row_delete_keeps_the_mo() -> None:
    # given the only row of an order (sales refuses to delete the last row)
    shop = fp.katana_fixture()
    row, mo = _pegged(shop)
    with pytest.raises(Conflict):
        make_to_order.delete_sales_order_row(row=row)
    mo.refresh_from_db()
    assert mo.sales_order_row_id == row.pk


def test_deleting_an_order_deletes_not_started_mos_and_unlinks_started_ones() -> None:
    shop = fp.katana_fixture()
    order = fp.sales_order({shop.p: "4", shop.s: "1"}, at=shop.here)
    waiting, started = make_to_order.make_to_order_all(order=order)
    completion.record_production(mo=started, quantity=D("0.5"))
    make_to_order.delete_sales_order(order=order)
    assert not SalesOrder.objects.exists()
    assert list(ManufacturingOrder.objects.values_list("pk", flat=True)) == [started.pk]
    started.refresh_from_db()
    assert started.sales_order_row is None
    assert started.unlinked_reason
    assert waiting.pk != started.pk


def test_reranking_the_order_moves_its_mto() -> None:
    shop = fp.katana_fixture()
    first = fp.sales_order({shop.p: "1"}, at=shop.here)
    row, mo = _pegged(shop)
    ranking.rerank_sales_order(order=row.sales_order, before=first)
    mo.refresh_from_db()
    assert mo.rank == row.sales_order.rank < first.rank
