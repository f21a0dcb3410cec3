"""The Buy screen: the order list per status, the new-order form and its prefills."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from makeline.catalog.services import update_variant
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder
from tests import factories as f
from tests import factories_production as fp
from tests import factories_purchasing as fpo
from tests.factories import D

pytestmark = pytest.mark.django_db

P = PurchaseOrderStatus


def _new_order_post(supplier_id: int, location_id: int, **rows: str) -> dict[str, str]:
    data = {
        "supplier": str(supplier_id),
        "location": str(location_id),
        "expected_arrival_date": "2030-05-04",
        "currency": "",
        "additional_info": "call before delivery",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "status": "NOT_RECEIVED",
    }
    data.update({f"rows-0-{k}": v for k, v in rows.items()})
    return data


# --- list ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/buy/", "/buy/orders/new/", "/buy/items/?q=a"])
def test_buy_pages_send_strangers_to_sign_in(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_list_shows_orders_of_the_chosen_status_with_totals(signed_in: Client) -> None:
    # given an order to receive (2 × 12.50) and a draft
    supplier = f.supplier("Acme Timber")
    fpo.purchase_order(fpo.row(f.material("Oak"), 2, price="12.50"), supplier=supplier)
    draft = fpo.purchase_order(status=P.DRAFT)
    # when the Not received tab is opened (the default)
    page = signed_in.get("/buy/").content.decode()
    # then the open order shows with supplier, ship-to and total; the draft does not
    assert "Acme Timber" in page
    assert "25.00 EUR" in page
    assert draft.order_no not in page
    assert draft.order_no in signed_in.get("/buy/?status=DRAFT").content.decode()


def test_the_list_costs_the_same_queries_for_one_order_or_fifty(
    signed_in: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    supplier, oak = f.supplier(), f.material("Oak")
    for _ in range(55):
        fpo.purchase_order(fpo.row(oak, 1), fpo.row(oak, 2), supplier=supplier)
    with django_assert_max_num_queries(8):
        response = signed_in.get("/buy/")
    assert len(response.context["orders"]) == 50
    assert "Page 1 of 2" in response.content.decode()


# --- new order ----------------------------------------------------------------------------


def test_creating_an_order_from_the_form_opens_its_card(signed_in: Client) -> None:
    supplier, location, oak = f.supplier(), f.location(), f.material("Oak", price="3")
    data = _new_order_post(supplier.pk, location.pk, item=str(oak), quantity="4")
    response = signed_in.post("/buy/orders/new/", data)
    order = PurchaseOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/buy/orders/{order.pk}/"
    assert order.status == P.NOT_RECEIVED
    assert order.additional_info == "call before delivery"
    (row,) = order.rows.all()
    assert (row.variant, row.quantity, row.price_per_unit) == (oak, D(4), D(3))


def test_the_item_field_accepts_a_plain_sku_and_saves_a_draft(signed_in: Client) -> None:
    supplier, location, oak = f.supplier(), f.location(), f.material("Oak")
    data = _new_order_post(supplier.pk, location.pk, item=oak.sku or "", quantity="1")
    data["status"] = "DRAFT"
    signed_in.post("/buy/orders/new/", data)
    assert PurchaseOrder.objects.get().status == P.DRAFT


def test_a_row_without_quantity_is_refused_and_the_input_kept(signed_in: Client) -> None:
    supplier, location, oak = f.supplier(), f.location(), f.material("Oak")
    data = _new_order_post(supplier.pk, location.pk, item=str(oak), quantity="")
    response = signed_in.post("/buy/orders/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a quantity." in page
    assert "call before delivery" in page
    assert str(oak) in page
    assert not PurchaseOrder.objects.exists()


def test_a_refusal_of_the_service_shows_next_to_the_row(signed_in: Client) -> None:
    # given a negative price, which the purchasing service refuses
    supplier, location, oak = f.supplier(), f.location(), f.material("Oak")
    data = _new_order_post(
        supplier.pk, location.pk, item=str(oak), quantity="2", price_per_unit="-1"
    )
    response = signed_in.post("/buy/orders/new/", data)
    assert "price per unit must not be negative" in response.content.decode()
    assert not PurchaseOrder.objects.exists()


def test_an_unknown_item_is_refused(signed_in: Client) -> None:
    supplier, location = f.supplier(), f.location()
    data = _new_order_post(supplier.pk, location.pk, item="nothing like it", quantity="2")
    response = signed_in.post("/buy/orders/new/", data)
    assert "No purchasable item has this name or SKU." in response.content.decode()
    assert not PurchaseOrder.objects.exists()


def test_add_row_shows_one_more_row_without_saving(signed_in: Client) -> None:
    supplier, location, oak = f.supplier(), f.location(), f.material("Oak")
    data = _new_order_post(supplier.pk, location.pk, item=str(oak), quantity="2")
    data["add_row"] = "1"
    response = signed_in.post("/buy/orders/new/", data)
    assert len(response.context["formset"].forms) == 2
    assert not PurchaseOrder.objects.exists()


def test_the_item_search_offers_purchasable_items_only(signed_in: Client) -> None:
    f.material("Oak board")
    f.product("Oak table")  # a product without Buy enabled
    page = signed_in.get("/buy/items/?q=oak").content.decode()
    assert "Oak board" in page
    assert "Oak table" not in page


# --- prefills -----------------------------------------------------------------------------


def test_a_stock_quantity_prefills_whole_purchase_units(signed_in: Client) -> None:
    # given screws bought in boxes of 12; 25 pcs are missing
    screws = fpo.boxed_material()
    response = signed_in.get(f"/buy/orders/new/?variant={screws.pk}&quantity=25")
    (form,) = response.context["formset"].forms
    # then 3 boxes are proposed, and the unit shows its conversion
    assert form.initial["quantity"] == D(3)
    assert "1 box = 12 pcs" in response.content.decode()


def test_the_prefill_respects_the_minimum_order_quantity(signed_in: Client) -> None:
    screws = fpo.boxed_material()
    update_variant(variant=screws, changes={"minimum_order_quantity": D(5)})
    supplier = f.supplier("Bolt & Co")
    response = signed_in.get(
        f"/buy/orders/new/?variant={screws.pk}&quantity=25&supplier={supplier.pk}"
    )
    assert response.context["formset"].forms[0].initial["quantity"] == D(5)
    assert response.context["form"].initial["supplier"] == supplier.pk


def test_buying_from_an_mo_prefills_every_missing_item_of_that_supplier(
    signed_in: Client,
) -> None:
    # given an MO needing two materials of supplier A and one of supplier B, none in stock
    a, b = f.supplier("A"), f.supplier("B")
    wood = f.material("Wood", supplier=a)
    glue = f.material("Glue", supplier=a)
    paint = f.material("Paint", supplier=b)
    chair = f.product("Chair", bom={wood: "4", glue: "1", paint: "2"})
    mo = fp.mo(chair, 3)
    # when "+ Buy" is clicked on an ingredient of supplier A
    response = signed_in.get(f"/buy/orders/new/?from_mo={mo.pk}&supplier={a.pk}")
    # then both of A's missing items are prefilled with the missing quantities, not B's
    rows = {f.initial["item"]: f.initial["quantity"] for f in response.context["formset"].forms}
    assert rows == {str(wood): D(12), str(glue): D(3)}
    assert response.context["form"].initial["supplier"] == a.pk
    assert f"missing materials of {mo.order_no}" in response.content.decode()


def test_buying_from_a_sales_row_prefills_what_making_it_would_need(signed_in: Client) -> None:
    a = f.supplier("A")
    wood = f.material("Wood", supplier=a)
    chair = f.product("Chair", bom={wood: "4"})
    order = fp.sales_order({chair: "2"})
    row = order.rows.get()
    response = signed_in.get(f"/buy/orders/new/?from_row={row.pk}&supplier={a.pk}")
    rows = {f.initial["item"]: f.initial["quantity"] for f in response.context["formset"].forms}
    assert rows == {str(wood): D(8)}
