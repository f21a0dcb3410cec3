"""The MO card (/make/orders/<id>/): header edits, ingredients, operations, completions."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from makeline.inventory import selectors as inventory
from makeline.production import make_to_order, orders
from makeline.production.enums import ManufacturingOrderStatus, OperationStatus
from makeline.production.models import ManufacturingOrder, OperationRow, RecipeRow
from tests import factories as f
from tests import factories_production as fp
from tests.factories import D

pytestmark = pytest.mark.django_db
M = ManufacturingOrderStatus


def url(name: str, *args: int) -> str:
    return reverse(f"web:make:{name}", args=args)


def on_hand(variant_id: int, mo: ManufacturingOrder) -> Decimal:
    return inventory.on_hand(variant_id=variant_id, location_id=mo.location_id)


@pytest.fixture
def shop() -> fp.Shop:
    shop = fp.katana_fixture(with_operation=True)
    f.stock(shop.m, 100, at=shop.here, cost="2")
    f.stock(shop.s, 100, at=shop.here, cost="5")
    return shop


def test_the_card_needs_a_signed_in_user(client: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    for response in (
        client.get(url("card", mo.pk)),
        client.post(url("produce", mo.pk), {"quantity": "1"}),
        client.post(url("mark_done", mo.pk), {}),
        client.post(url("delete", mo.pk)),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == M.NOT_STARTED


def test_the_card_shows_header_ingredients_operations_and_costs(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 2)
    response = signed_in.get(url("card", mo.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert mo.order_no in page
    assert 'data-testid="ingredients"' in page
    assert 'data-testid="operations"' in page
    assert "Assembly" in page
    card = response.context["card"]
    assert [line.planned_total for line in card.ingredients] == [D(4), D(2)]
    assert card.costs.total_cost == D("4") * 2 + D("5") * 2 + D("40")  # 1 h of work at 40/h
    assert "Make to stock" in page


def test_an_unknown_order_is_not_found(signed_in: Client) -> None:
    assert signed_in.get(url("card", 999)).status_code == 404


def test_a_make_to_order_card_links_its_sales_order_and_locks_the_quantity(
    signed_in: Client, shop: fp.Shop
) -> None:
    order = fp.sales_order({shop.p: "3"}, at=shop.here)
    mo = make_to_order.make_to_order(sales_order_row=order.rows.get())
    page = signed_in.get(url("card", mo.pk)).content.decode()
    assert f'href="/sell/orders/{order.pk}/"' in page
    assert 'data-testid="quantity-locked"' in page
    # a posted quantity is ignored: the field is disabled and the MO follows its row
    response = signed_in.post(
        url("edit", mo.pk),
        {"production_deadline_date": "2026-05-02", "planned_quantity": "9", "additional_info": "x"},
    )
    assert response.status_code == 302
    mo.refresh_from_db()
    assert mo.planned_quantity == D(3)
    assert mo.additional_info == "x"


# --- header edits --------------------------------------------------------------------------


def test_editing_deadline_quantity_and_notes_saves_them(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    response = signed_in.post(
        url("edit", mo.pk),
        {
            "production_deadline_date": "2026-05-02",
            "planned_quantity": "5",
            "additional_info": "hi",
        },
    )
    assert response.status_code == 302
    mo.refresh_from_db()
    assert mo.planned_quantity == D(5)
    assert mo.additional_info == "hi"
    assert timezone.localtime(mo.production_deadline_date).date() == date(2026, 5, 2)


def test_an_edit_below_the_completed_quantity_is_refused_and_the_input_kept(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 5)
    signed_in.post(url("produce", mo.pk), {"quantity": "3"})
    response = signed_in.post(
        url("edit", mo.pk),
        {"production_deadline_date": "2026-05-02", "planned_quantity": "2", "additional_info": "n"},
    )
    assert response.status_code == 422
    assert "above the 3" in str(response.context["edit_form"].errors["planned_quantity"])
    assert 'value="2"' in response.content.decode()
    mo.refresh_from_db()
    assert (mo.planned_quantity, mo.additional_info) == (D(5), "")


# --- completions -----------------------------------------------------------------------------


def test_a_partial_completion_moves_stock_at_planned_shares(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 4)
    response = signed_in.post(url("produce", mo.pk), {"quantity": "1"})
    assert response.status_code == 302
    mo.refresh_from_db()
    assert mo.status == M.PARTIALLY_COMPLETED
    assert on_hand(shop.p.pk, mo) == D(1)
    assert on_hand(shop.m.pk, mo) == D(98)
    assert on_hand(shop.s.pk, mo) == D(99)


def test_a_partial_completion_of_everything_is_refused_and_nothing_moves(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 2)
    response = signed_in.post(url("produce", mo.pk), {"quantity": "2"})
    assert response.status_code == 422
    assert "set the order to Done" in str(response.context["production_form"].errors["quantity"])
    assert 'value="2"' in response.content.decode()
    assert on_hand(shop.p.pk, mo) == 0
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == M.NOT_STARTED


def test_a_partial_completion_needs_a_number(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    response = signed_in.post(url("produce", mo.pk), {"quantity": "lots"})
    assert response.status_code == 422
    assert 'value="lots"' in response.content.decode()
    assert on_hand(shop.p.pk, mo) == 0


def test_marking_done_with_an_actual_quantity_moves_stock(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 4)
    response = signed_in.post(url("mark_done", mo.pk), {"actual_quantity": "3"})
    assert response.status_code == 302
    mo.refresh_from_db()
    assert (mo.status, mo.actual_quantity) == (M.DONE, D(3))
    assert on_hand(shop.p.pk, mo) == D(3)
    assert on_hand(shop.m.pk, mo) == D(92)  # actual totals default to the planned totals


def test_marking_done_below_what_was_completed_is_refused(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 4)
    signed_in.post(url("produce", mo.pk), {"quantity": "2"})
    response = signed_in.post(url("mark_done", mo.pk), {"actual_quantity": "1"})
    assert response.status_code == 422
    assert "above the 2" in str(response.context["done_form"].errors["actual_quantity"])
    assert 'value="1"' in response.content.decode()
    mo.refresh_from_db()
    assert mo.status == M.PARTIALLY_COMPLETED
    assert on_hand(shop.p.pk, mo) == D(2)


def test_reverting_a_done_order_takes_its_stock_moves_back(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 2)
    signed_in.post(url("produce", mo.pk), {"quantity": "1"})
    signed_in.post(url("mark_done", mo.pk), {})
    assert on_hand(shop.p.pk, mo) == D(2)
    response = signed_in.post(url("revert", mo.pk))
    assert response.status_code == 302
    mo.refresh_from_db()
    assert mo.status == M.NOT_STARTED
    assert on_hand(shop.p.pk, mo) == 0
    assert on_hand(shop.m.pk, mo) == D(100)
    assert on_hand(shop.s.pk, mo) == D(100)


def test_reverting_an_order_that_never_started_changes_nothing(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 2)
    response = signed_in.post(url("revert", mo.pk))
    assert response.status_code == 302  # already Not started: set_status has nothing to do
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == M.NOT_STARTED


def test_the_status_form_puts_an_order_on_hold(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    assert signed_in.post(url("status", mo.pk), {"status": "BLOCKED"}).status_code == 302
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == M.BLOCKED
    response = signed_in.post(url("status", mo.pk), {"status": "DONE"})
    assert response.status_code == 422  # not a choice here: Done has its own form
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == M.BLOCKED


def test_deleting_an_order_without_completions_removes_it(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    response = signed_in.post(url("delete", mo.pk))
    assert response["Location"] == reverse("web:make:schedule")
    assert not ManufacturingOrder.objects.filter(pk=mo.pk).exists()


def test_deleting_an_order_with_completions_is_refused(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    signed_in.post(url("produce", mo.pk), {"quantity": "1"})
    response = signed_in.post(url("delete", mo.pk))
    assert response.status_code == 422
    assert "revert it before deleting" in response.content.decode()
    assert ManufacturingOrder.objects.filter(pk=mo.pk).exists()


# --- ingredients ---------------------------------------------------------------------------


def test_editing_an_ingredient_row_saves_its_actual_total(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    row = mo.recipe_rows.get(variant=shop.m)
    prefix = f"row{row.pk}"
    response = signed_in.post(
        url("update_ingredient", mo.pk, row.pk),
        {f"{prefix}-planned_quantity_per_unit": "3", f"{prefix}-total_actual_quantity": "7"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.planned_quantity_per_unit, row.total_actual_quantity) == (D(3), D(7))


def test_a_negative_ingredient_quantity_is_refused_and_kept(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 2)
    row = mo.recipe_rows.get(variant=shop.m)
    prefix = f"row{row.pk}"
    response = signed_in.post(
        url("update_ingredient", mo.pk, row.pk),
        {f"{prefix}-planned_quantity_per_unit": "-1", f"{prefix}-total_actual_quantity": ""},
    )
    assert response.status_code == 422
    assert "must not be negative" in response.content.decode()
    assert 'value="-1"' in response.content.decode()
    row.refresh_from_db()
    assert row.planned_quantity_per_unit == D(2)


def test_adding_and_removing_a_one_off_ingredient(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    glue = f.material("Glue")
    response = signed_in.post(
        url("add_ingredient", mo.pk),
        {"variant": glue.pk, "planned_quantity_per_unit": "0.5", "notes": "custom"},
    )
    assert response.status_code == 302
    row = mo.recipe_rows.get(variant=glue)
    assert row.notes == "custom"
    assert signed_in.post(url("remove_ingredient", mo.pk, row.pk)).status_code == 302
    assert not RecipeRow.objects.filter(pk=row.pk).exists()
    assert shop.p.bom_rows.count() == 2  # the product's BOM never changes


def test_adding_the_product_itself_as_an_ingredient_is_refused(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 2)
    response = signed_in.post(
        url("add_ingredient", mo.pk), {"variant": shop.p.pk, "planned_quantity_per_unit": "1.5"}
    )
    assert response.status_code == 422
    assert "ingredient of itself" in str(response.context["add_form"].errors["variant"])
    assert 'value="1.5"' in response.content.decode()
    assert mo.recipe_rows.count() == 2


def test_a_missing_ingredient_offers_buy_and_make(signed_in: Client) -> None:
    # given nothing in stock: M is missing (buyable from its supplier), S is missing (makeable)
    supplier = f.supplier()
    m = f.material("M", price="10", supplier=supplier)
    s = f.product("S", bom={m: "1"})
    p = f.product("P", bom={m: "2", s: "1"})
    mo = fp.mo(p, 3)
    page = signed_in.get(url("card", mo.pk)).content.decode()
    # + Buy opens a purchase order with every missing item of that supplier
    assert f"/buy/orders/new/?from_mo={mo.pk}&amp;supplier={supplier.pk}" in page
    assert 'data-testid="make-button"' in page
    assert "6 missing of 6 needed" in page
    # when + Make is pressed for S
    row = mo.recipe_rows.get(variant=s)
    response = signed_in.post(url("make_ingredient", mo.pk, row.pk), {"quantity": "3"})
    # then an MO for 3 S is made, served before the MO that needs it
    assert response.status_code == 302
    made = ManufacturingOrder.objects.get(variant=s)
    assert made.planned_quantity == D(3)
    assert made.rank < ManufacturingOrder.objects.get(pk=mo.pk).rank


def test_the_why_fragment_explains_an_ingredient_row(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    row = mo.recipe_rows.get(variant=shop.m)
    response = signed_in.get(url("why", mo.pk, row.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "This row gets 4 from stock" in response.content.decode()


# --- operations ----------------------------------------------------------------------------


def test_starting_an_operation_puts_the_order_in_progress(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    op = mo.operation_rows.get()
    response = signed_in.post(
        url("update_operation", mo.pk, op.pk), {f"op{op.pk}-status": "IN_PROGRESS"}
    )
    assert response.status_code == 302
    assert OperationRow.objects.get(pk=op.pk).status == OperationStatus.IN_PROGRESS
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == M.IN_PROGRESS


def test_logging_time_on_an_operation_costs_it_by_the_hour(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 2)
    op = mo.operation_rows.get()
    signed_in.post(url("update_operation", mo.pk, op.pk), {f"op{op.pk}-actual_minutes": "90"})
    op.refresh_from_db()
    assert op.total_actual_time == D(5400)
    card = signed_in.get(url("card", mo.pk)).context["card"]
    assert card.costs.operations_cost == D(60)


def test_a_negative_logged_time_is_refused_and_kept(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    op = mo.operation_rows.get()
    response = signed_in.post(
        url("update_operation", mo.pk, op.pk), {f"op{op.pk}-actual_minutes": "-5"}
    )
    assert response.status_code == 422
    assert 'value="-5"' in response.content.decode()
    assert OperationRow.objects.get(pk=op.pk).total_actual_time is None


def test_completing_every_operation_completes_the_order(signed_in: Client, shop: fp.Shop) -> None:
    mo = fp.mo(shop.p, 2)
    op = mo.operation_rows.get()
    signed_in.post(url("update_operation", mo.pk, op.pk), {f"op{op.pk}-status": "COMPLETED"})
    mo.refresh_from_db()
    assert mo.status == M.DONE
    assert on_hand(shop.p.pk, mo) == D(2)


def test_a_done_card_shows_revert_and_hides_the_completion_forms(
    signed_in: Client, shop: fp.Shop
) -> None:
    mo = fp.mo(shop.p, 2)
    orders.set_status(mo=mo, status=M.DONE)
    page = signed_in.get(url("card", mo.pk)).content.decode()
    assert 'data-testid="revert-form"' in page
    assert 'data-testid="produce-form"' not in page
    assert 'data-testid="add-ingredient-form"' not in page
