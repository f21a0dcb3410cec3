"""The sales order card: create, edit, rows, make to order, fulfil, revert, quote ↔ order,
delete. Every refusal shows next to its field with the input kept, and saves nothing."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from makeline.catalog import contacts
from makeline.production import make_to_order
from makeline.production.models import ManufacturingOrder
from makeline.sales import fulfilment
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import Fulfillment, SalesOrder, SalesOrderRow
from tests import factories as f
from tests import factories_production as fp
from tests import factories_sales as fs
from tests.factories import D

pytestmark = pytest.mark.django_db


def card(order: SalesOrder) -> str:
    return reverse("web:sell:order", args=[order.pk])


def new_order_data(**overrides: str) -> dict[str, str]:
    data = {
        "customer": str(f.customer("Ada").pk),
        "location": str(f.location().pk),
        "order_no": "",
        "status": "NOT_SHIPPED",
        "delivery_date": "2026-04-01T10:00",
        "customer_ref": "PO-77",
        "additional_info": "",
        "rows-TOTAL_FORMS": "3",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


# --- create -------------------------------------------------------------------------------


def test_the_new_order_form_renders_with_an_item_list(signed_in: Client) -> None:
    chair = f.product("Chair")
    page = signed_in.get(reverse("web:sell:new")).content.decode()
    assert 'data-testid="new-order-form"' in page
    assert '<datalist id="sellable-items">' in page
    assert str(chair) in page
    assert 'name="rows-0-variant"' in page


def test_creating_an_order_with_two_rows(signed_in: Client) -> None:
    # given
    chair, table = f.product("Chair", price="25"), f.product("Table", price="100")
    data = new_order_data(
        **{
            "rows-0-variant": str(chair),  # picked from the list: "SKU · name"
            "rows-0-quantity": "2",
            "rows-1-variant": table.sku or "",  # typed SKU
            "rows-1-quantity": "1",
            "rows-1-price_per_unit": "90",
            "rows-1-total_discount": "5",
        }
    )
    # when
    response = signed_in.post(reverse("web:sell:new"), data)
    # then
    order = SalesOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == card(order)
    assert order.status == SalesOrderStatus.NOT_SHIPPED
    assert order.customer.name == "Ada"
    assert order.customer_ref == "PO-77"
    rows = fs.rows(order)
    assert [(r.variant, r.quantity, r.price_per_unit, r.total_discount) for r in rows] == [
        (chair, D(2), D(25), D(0)),
        (table, D(1), D(90), D(5)),
    ]


def test_creating_a_quote(signed_in: Client) -> None:
    chair = f.product("Chair")
    data = new_order_data(
        status="PENDING", **{"rows-0-variant": chair.sku or "", "rows-0-quantity": "1"}
    )
    signed_in.post(reverse("web:sell:new"), data)
    assert SalesOrder.objects.get().status == SalesOrderStatus.PENDING


def test_a_bad_quantity_is_shown_on_its_row_and_nothing_is_saved(signed_in: Client) -> None:
    chair = f.product("Chair")
    data = new_order_data(**{"rows-0-variant": str(chair), "rows-0-quantity": "0"})
    response = signed_in.post(reverse("web:sell:new"), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Quantity must be above zero" in page
    assert f'value="{chair}"' in page
    assert 'value="PO-77"' in page
    assert not SalesOrder.objects.exists()


def test_an_unknown_item_is_refused_on_its_field(signed_in: Client) -> None:
    data = new_order_data(**{"rows-0-variant": "NOPE-1", "rows-0-quantity": "1"})
    response = signed_in.post(reverse("web:sell:new"), data)
    assert response.status_code == 422
    assert "No item matches “NOPE-1”" in response.content.decode()
    assert not SalesOrder.objects.exists()


def test_the_service_refusal_of_a_material_lands_on_that_rows_item(signed_in: Client) -> None:
    # given a valid first row and a material on the second
    chair, plank = f.product("Chair"), f.material("Plank")
    data = new_order_data(
        **{
            "rows-0-variant": str(chair),
            "rows-0-quantity": "1",
            "rows-1-variant": str(plank),
            "rows-1-quantity": "1",
        }
    )
    # when
    response = signed_in.post(reverse("web:sell:new"), data)
    # then the message sits in the second row's item cell, without the "row 2:" prefix
    page = response.content.decode()
    assert response.status_code == 422
    row_2 = page.split('data-testid="new-row"')[2]
    assert "Plank is a material; materials cannot be sold" in row_2.split("</tr>")[0]
    assert not SalesOrder.objects.exists()


def test_an_order_without_rows_is_refused(signed_in: Client) -> None:
    response = signed_in.post(reverse("web:sell:new"), new_order_data())
    assert response.status_code == 422
    assert "Add at least one row" in response.content.decode()
    assert not SalesOrder.objects.exists()


def test_a_taken_order_number_is_refused_on_its_field(signed_in: Client) -> None:
    fs.sales_order(order_no="SO-100")
    data = new_order_data(
        order_no="SO-100", **{"rows-0-variant": str(f.product()), "rows-0-quantity": "1"}
    )
    response = signed_in.post(reverse("web:sell:new"), data)
    page = response.content.decode()
    assert "sales order SO-100 exists already" in page.split('name="order_no"')[1][:400]
    assert SalesOrder.objects.count() == 1


# --- the card and its header --------------------------------------------------------------


def test_the_card_shows_header_rows_statuses_and_totals(signed_in: Client) -> None:
    rate = contacts.create_tax_rate(name="VAT 20", rate=D(20))
    chair = f.product("Chair", price="25")
    order = fs.sales_order((chair, 2))
    row = order.rows.get()
    make_to_order.update_sales_order_row(row=row, changes={"tax_rate": rate})
    page = signed_in.get(card(order)).content.decode()
    assert order.order_no in page
    assert 'data-testid="order-line"' in page
    assert 'data-status="NOT_AVAILABLE"' in page
    assert 'data-testid="row-make-to-order"' in page
    assert "60.00 EUR" in page  # 50 + 20 % tax
    assert 'form="row-form-' in page


def test_saving_the_header(signed_in: Client) -> None:
    order = fs.sales_order()
    other = f.customer("Grace")
    response = signed_in.post(
        card(order),
        {
            "order_no": "SO-CUSTOM",
            "customer": other.pk,
            "location": order.location_id,
            "delivery_date": "2026-05-02T09:30",
            "customer_ref": "REF",
            "additional_info": "leave at the door",
        },
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.order_no, order.customer, order.customer_ref) == ("SO-CUSTOM", other, "REF")
    assert order.additional_info == "leave at the door"
    assert order.delivery_date is not None
    assert order.delivery_date.day == 2


def test_changing_the_location_of_an_order_made_to_order_is_refused_on_the_field(
    signed_in: Client,
) -> None:
    # given an order with a make-to-order MO
    order = fs.sales_order((f.product(), 1))
    make_to_order.make_to_order(sales_order_row=order.rows.get())
    elsewhere = f.location("Second shop")
    # when
    response = signed_in.post(
        card(order),
        {
            "order_no": order.order_no,
            "customer": order.customer_id,
            "location": elsewhere.pk,
            "customer_ref": "typed",
        },
    )
    # then
    assert response.status_code == 422
    page = response.content.decode()
    assert "has make-to-order MOs" in page.split('name="location"')[1][:2000]
    assert 'value="typed"' in page
    order.refresh_from_db()
    assert order.location != elsewhere
    assert order.customer_ref == ""


def test_a_missing_customer_is_shown_on_the_header(signed_in: Client) -> None:
    order = fs.sales_order()
    response = signed_in.post(card(order), {"order_no": order.order_no, "customer_ref": "x"})
    assert response.status_code == 422
    assert "This field is required" in response.content.decode()
    order.refresh_from_db()
    assert order.customer_ref == ""


# --- rows ---------------------------------------------------------------------------------


def row_data(row: SalesOrderRow, **values: str) -> dict[str, str]:
    data = {
        "variant": str(row.variant),
        "quantity": str(row.quantity),
        "price_per_unit": str(row.price_per_unit),
        "total_discount": "0",
        "tax_rate": "",
    }
    data.update(values)
    return {f"row-{row.pk}-{key}": value for key, value in data.items()}


def test_editing_a_row_quantity_follows_onto_its_make_to_order_mo(signed_in: Client) -> None:
    # given a row made to order
    order = fs.sales_order((f.product(), 2))
    row = order.rows.get()
    mo = make_to_order.make_to_order(sales_order_row=row)
    # when its quantity becomes 5
    response = signed_in.post(
        reverse("web:sell:row_update", args=[order.pk, row.pk]), row_data(row, quantity="5")
    )
    # then
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.quantity == 5
    assert ManufacturingOrder.objects.get(pk=mo.pk).planned_quantity == 5


def test_a_row_edit_refused_by_the_service_shows_on_the_field(signed_in: Client) -> None:
    # given a row that is made to order (its product is locked)
    order = fs.sales_order((f.product(), 2))
    row = order.rows.get()
    make_to_order.make_to_order(sales_order_row=row)
    other = f.product("Other")
    # when the product is changed
    response = signed_in.post(
        reverse("web:sell:row_update", args=[order.pk, row.pk]),
        row_data(row, variant=str(other), quantity="7"),
    )
    # then the reason shows in the row, the typed quantity is kept, nothing changed
    assert response.status_code == 422
    page = response.content.decode()
    line = page.split(f'<tr data-id="{row.pk}"')[1].split("</tr>")[0]
    assert "is made to order for this row" in line
    assert 'value="7"' in line
    row.refresh_from_db()
    assert row.quantity == 2
    assert row.variant != other


def test_adding_a_row(signed_in: Client) -> None:
    order = fs.sales_order()
    desk = f.product("Desk", price="80")
    response = signed_in.post(
        reverse("web:sell:row_add", args=[order.pk]),
        {"add-variant": str(desk), "add-quantity": "3", "add-total_discount": ""},
    )
    assert response.status_code == 302
    added = fs.rows(order)[-1]
    assert (added.variant, added.quantity, added.price_per_unit) == (desk, D(3), D(80))


def test_adding_a_row_with_a_negative_discount_keeps_the_input(signed_in: Client) -> None:
    order = fs.sales_order()
    desk = f.product("Desk")
    response = signed_in.post(
        reverse("web:sell:row_add", args=[order.pk]),
        {"add-variant": str(desk), "add-quantity": "3", "add-total_discount": "-1"},
    )
    assert response.status_code == 422
    footer = response.content.decode().split('data-testid="add-row"')[1]
    assert "greater than or equal to 0" in footer
    assert f'value="{desk}"' in footer
    assert order.rows.count() == 1


def test_deleting_a_row_deletes_its_not_started_mo(signed_in: Client) -> None:
    order = fs.sales_order((f.product(), 1), (f.product(), 1))
    row = fs.rows(order)[0]
    make_to_order.make_to_order(sales_order_row=row)
    response = signed_in.post(reverse("web:sell:row_delete", args=[order.pk, row.pk]))
    assert response.status_code == 302
    assert order.rows.count() == 1
    assert not ManufacturingOrder.objects.exists()


def test_deleting_the_last_row_is_refused_with_a_message(signed_in: Client) -> None:
    order = fs.sales_order()
    row = order.rows.get()
    response = signed_in.post(reverse("web:sell:row_delete", args=[order.pk, row.pk]), follow=True)
    assert "needs at least one row" in response.content.decode()
    assert order.rows.count() == 1


def test_make_to_order_on_one_row(signed_in: Client) -> None:
    order = fs.sales_order((f.product(), 2), (f.product(), 1))
    row = fs.rows(order)[1]
    response = signed_in.post(reverse("web:sell:row_make", args=[order.pk, row.pk]), follow=True)
    mo = ManufacturingOrder.objects.get()
    assert mo.sales_order_row == row
    page = response.content.decode()
    assert f'<span data-testid="linked-mo">{mo.order_no}</span>' in page


# --- fulfilment ---------------------------------------------------------------------------


def test_pack_all_then_deliver_all(signed_in: Client) -> None:
    chair = f.product("Chair")
    f.stock(chair, 5)
    order = fs.sales_order((chair, 2))
    url = reverse("web:sell:fulfil_all", args=[order.pk])
    signed_in.post(url, {"status": "PACKED"})
    order.refresh_from_db()
    assert order.status == SalesOrderStatus.PACKED
    fulfilment.delete_fulfillment(fulfillment=order.fulfillments.get())
    signed_in.post(url, {"status": "DELIVERED"})
    order.refresh_from_db()
    assert order.status == SalesOrderStatus.DELIVERED


def test_packing_some_rows(signed_in: Client) -> None:
    chair, desk = f.product("Chair"), f.product("Desk")
    order = fs.sales_order((chair, 3), (desk, 1))
    first, second = fs.rows(order)
    response = signed_in.post(
        reverse("web:sell:fulfil_some", args=[order.pk]),
        {"fulfil-status": "PACKED", f"fulfil-qty_{first.pk}": "2", f"fulfil-qty_{second.pk}": ""},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == SalesOrderStatus.PARTIALLY_PACKED
    assert [(r.sales_order_row, r.quantity) for r in order.fulfillments.get().rows.all()] == [
        (first, D(2))
    ]


def test_packing_more_than_is_open_is_refused_and_kept(signed_in: Client) -> None:
    order = fs.sales_order((f.product("Chair"), 3))
    row = order.rows.get()
    response = signed_in.post(
        reverse("web:sell:fulfil_some", args=[order.pk]),
        {"fulfil-status": "DELIVERED", f"fulfil-qty_{row.pk}": "4"},
    )
    assert response.status_code == 422
    form = response.content.decode().split('data-testid="fulfil-some-form"')[1]
    assert "less than or equal to 3" in form
    assert 'value="4"' in form
    assert not Fulfillment.objects.exists()


def test_packing_nothing_asks_for_a_quantity(signed_in: Client) -> None:
    order = fs.sales_order((f.product("Chair"), 3))
    response = signed_in.post(
        reverse("web:sell:fulfil_some", args=[order.pk]), {"fulfil-status": "PACKED"}
    )
    assert response.status_code == 422
    assert "Enter a quantity for at least one row" in response.content.decode()


def test_reverting_a_fulfilment_brings_the_order_back(signed_in: Client) -> None:
    chair = f.product("Chair")
    f.stock(chair, 5)
    order = fs.sales_order((chair, 2))
    done = fulfilment.fulfil(order=order, status=FulfillmentStatus.DELIVERED)
    page = signed_in.get(card(order)).content.decode()
    assert 'data-testid="revert-fulfillment"' in page
    assert 'data-testid="profit"' in page
    signed_in.post(reverse("web:sell:fulfillment_revert", args=[order.pk, done.pk]))
    order.refresh_from_db()
    assert order.status == SalesOrderStatus.NOT_SHIPPED
    assert fp.on_hand(chair) == Decimal(5)


# --- quote ↔ order, delete ----------------------------------------------------------------


def test_converting_a_quote_and_back(signed_in: Client) -> None:
    quote = fs.quote((f.product(), 1))
    assert 'data-testid="convert-to-order"' in signed_in.get(card(quote)).content.decode()
    signed_in.post(reverse("web:sell:convert", args=[quote.pk]))
    quote.refresh_from_db()
    assert quote.status == SalesOrderStatus.NOT_SHIPPED
    signed_in.post(reverse("web:sell:to_quote", args=[quote.pk]))
    quote.refresh_from_db()
    assert quote.status == SalesOrderStatus.PENDING


def test_back_to_quote_is_refused_while_made_to_order(signed_in: Client) -> None:
    order = fs.sales_order((f.product(), 1))
    make_to_order.make_to_order(sales_order_row=order.rows.get())
    response = signed_in.post(reverse("web:sell:to_quote", args=[order.pk]), follow=True)
    assert "unlink or delete them before" in response.content.decode()
    order.refresh_from_db()
    assert order.status == SalesOrderStatus.NOT_SHIPPED


def test_deleting_an_order_goes_back_to_the_list(signed_in: Client) -> None:
    order = fs.sales_order((f.product(), 1))
    make_to_order.make_to_order(sales_order_row=order.rows.get())
    response = signed_in.post(reverse("web:sell:delete", args=[order.pk]))
    assert response["Location"] == reverse("web:sell:open")
    assert not SalesOrder.objects.exists()
    assert not ManufacturingOrder.objects.exists()


def test_deleting_a_fulfilled_order_is_refused(signed_in: Client) -> None:
    order = fs.sales_order((f.service_item(), 1))
    fulfilment.fulfil(order=order, status=FulfillmentStatus.PACKED)
    response = signed_in.post(reverse("web:sell:delete", args=[order.pk]), follow=True)
    assert "has fulfilments" in response.content.decode()
    assert SalesOrder.objects.filter(pk=order.pk).exists()


def test_card_actions_need_sign_in_and_post(client: Client, signed_in: Client) -> None:
    order = fs.sales_order()
    row = order.rows.get()
    urls = [
        reverse("web:sell:row_add", args=[order.pk]),
        reverse("web:sell:row_update", args=[order.pk, row.pk]),
        reverse("web:sell:row_delete", args=[order.pk, row.pk]),
        reverse("web:sell:row_make", args=[order.pk, row.pk]),
        reverse("web:sell:make_all", args=[order.pk]),
        reverse("web:sell:fulfil_all", args=[order.pk]),
        reverse("web:sell:fulfil_some", args=[order.pk]),
        reverse("web:sell:convert", args=[order.pk]),
        reverse("web:sell:to_quote", args=[order.pk]),
        reverse("web:sell:delete", args=[order.pk]),
    ]
    for url in urls:
        assert signed_in.get(url).status_code == 405, url
    signed_in.logout()
    for url in urls:
        assert client.post(url).status_code == 302, url
    assert SalesOrder.objects.filter(pk=order.pk).exists()
