"""/sales_order_rows, /sales_order_addresses and /sales_order_fulfillments."""

from typing import Any

import pytest

from makeline.production import make_to_order
from makeline.production.models import ManufacturingOrder
from makeline.sales.models import Fulfillment, SalesOrderAddress, SalesOrderRow
from tests import factories as f
from tests import factories_sales as fs
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


# --- rows ---------------------------------------------------------------------------------


def test_add_get_patch_and_delete_a_row(api: Api) -> None:
    # given an order with one row and stock for 3 of a second product
    order = fs.sales_order()
    product = f.product(price="7")
    f.stock(product, 3)
    # when a row is added
    created = api.post(
        "/sales_order_rows", {"sales_order_id": order.pk, "variant_id": product.pk, "quantity": 2}
    )
    # then it takes the variant's price and its availability from the plan
    assert created.status == 200
    row = created.body
    assert (row["sales_order_id"], row["price_per_unit"], row["total"]) == (
        order.pk,
        "7.000000",
        14,
    )
    assert row["product_availability"] == "IN_STOCK"
    assert row["location_id"] == order.location_id
    assert api.get(f"/sales_order_rows/{row['id']}").body == row
    # when its quantity goes above the stock
    patched = api.patch(f"/sales_order_rows/{row['id']}", {"quantity": 5, "total_discount": 1})
    assert (patched.body["quantity"], patched.body["total"]) == (5, 34)
    assert patched.body["product_availability"] == "NOT_AVAILABLE"
    # and it is deleted
    assert api.delete(f"/sales_order_rows/{row['id']}").status == 204
    assert not SalesOrderRow.objects.filter(pk=row["id"]).exists()


def test_row_refusals_name_the_field_and_change_nothing(api: Api) -> None:
    order = fs.sales_order()
    (row,) = fs.rows(order)
    elsewhere = f.location("Elsewhere", sales_allowed=True)
    moved = api.patch(f"/sales_order_rows/{row.pk}", {"location_id": elsewhere.pk})
    assert (moved.status, moved.body["details"][0]["path"]) == (422, ".location_id")
    negative = api.patch(f"/sales_order_rows/{row.pk}", {"quantity": -1})
    assert negative.body["details"][0]["code"] == "minimum"
    zero = api.patch(f"/sales_order_rows/{row.pk}", {"quantity": 0})
    assert (zero.status, zero.body["details"][0]["path"]) == (422, ".quantity")
    last = api.delete(f"/sales_order_rows/{row.pk}")
    assert last.status == 422  # the last row cannot go: delete the order
    missing_order = api.post(
        "/sales_order_rows", {"sales_order_id": 987654, "variant_id": row.variant_id, "quantity": 1}
    )
    assert missing_order.body["details"][0]["path"] == ".sales_order_id"
    row.refresh_from_db()
    assert row.quantity == 1


def test_a_quantity_change_follows_onto_the_make_to_order_mo(api: Api) -> None:
    order = fs.sales_order((f.product(), 2), (f.product(), 1))
    row = fs.rows(order)[0]
    mo = make_to_order.make_to_order(sales_order_row=row)
    api.patch(f"/sales_order_rows/{row.pk}", {"quantity": 6})
    mo.refresh_from_db()
    assert mo.planned_quantity == 6
    changed = api.patch(f"/sales_order_rows/{row.pk}", {"variant_id": f.product().pk})
    assert (changed.status, changed.body["details"][0]["path"]) == (422, ".variant_id")
    listed = api.get("/sales_order_rows", linked_manufacturing_order_id=mo.pk).data
    assert [r["id"] for r in listed] == [row.pk]
    assert api.delete(f"/sales_order_rows/{row.pk}").status == 204
    assert not ManufacturingOrder.objects.filter(pk=mo.pk).exists()


def test_row_list_filters(api: Api) -> None:
    product = f.product()
    f.stock(product, 1)
    first = fs.sales_order((product, 1))
    second = fs.sales_order((product, 1), (f.product(), 1))

    def ids(**params: Any) -> list[int]:
        return [r["id"] for r in api.get("/sales_order_rows", **params).data]

    assert ids(sales_order_ids=[second.pk]) == [r.pk for r in fs.rows(second)]
    assert ids(variant_id=product.pk) == [fs.rows(first)[0].pk, fs.rows(second)[0].pk]
    assert ids(product_availability="IN_STOCK") == [fs.rows(first)[0].pk]


# --- addresses ----------------------------------------------------------------------------


def test_addresses_create_list_patch_delete(api: Api) -> None:
    order = fs.sales_order()
    created = api.post(
        "/sales_order_addresses",
        {"sales_order_id": order.pk, "entity_type": "billing", "line_1": "Main 1", "city": "Town"},
    )
    assert created.status == 200
    address = created.body
    assert (address["line_1"], address["zip"]) == ("Main 1", None)
    again = api.post(
        "/sales_order_addresses", {"sales_order_id": order.pk, "entity_type": "billing"}
    )
    assert (again.status, again.body["details"][0]["path"]) == (422, ".entity_type")
    patched = api.patch(f"/sales_order_addresses/{address['id']}", {"zip": "12345"})
    assert (patched.body["zip"], patched.body["city"]) == ("12345", "Town")
    assert api.get(f"/sales_orders/{order.pk}").body["billing_address_id"] == address["id"]
    listed = api.get("/sales_order_addresses", sales_order_ids=[order.pk], entity_type="billing")
    assert [a["id"] for a in listed.data] == [address["id"]]
    assert api.delete(f"/sales_order_addresses/{address['id']}").status == 204
    assert not SalesOrderAddress.objects.filter(pk=address["id"]).exists()


# --- fulfillments -------------------------------------------------------------------------


def test_fulfillment_create_switch_track_and_delete(api: Api) -> None:
    # given an order for 3 with stock 5
    product = f.product()
    f.stock(product, 5, cost="2")
    order = fs.sales_order((product, 3))
    (row,) = fs.rows(order)
    # when 1 is packed
    created = api.post(
        "/sales_order_fulfillments",
        {
            "sales_order_id": order.pk,
            "status": "PACKED",
            "tracking_number": "1Z9",
            "sales_order_fulfillment_rows": [{"sales_order_row_id": row.pk, "quantity": 1}],
        },
    )
    assert created.status == 200
    fulfillment = created.body
    assert fulfillment["sales_order_fulfillment_rows"] == [
        {"sales_order_row_id": row.pk, "quantity": 1}
    ]
    assert api.get(f"/sales_orders/{order.pk}").body["status"] == "PARTIALLY_PACKED"
    # when it is switched to DELIVERED with a carrier
    switched = api.patch(
        f"/sales_order_fulfillments/{fulfillment['id']}",
        {"status": "DELIVERED", "tracking_carrier": "UPS"},
    )
    assert (switched.body["status"], switched.body["tracking_carrier"]) == ("DELIVERED", "UPS")
    assert api.get(f"/sales_orders/{order.pk}").body["status"] == "PARTIALLY_DELIVERED"
    listed = api.get("/sales_order_fulfillments", sales_order_id=order.pk, status="DELIVERED")
    assert [x["id"] for x in listed.data] == [fulfillment["id"]]
    assert api.get(f"/sales_order_fulfillments/{fulfillment['id']}").body == switched.body
    # when it is deleted, the order is not shipped again
    assert api.delete(f"/sales_order_fulfillments/{fulfillment['id']}").status == 204
    assert api.get(f"/sales_orders/{order.pk}").body["status"] == "NOT_SHIPPED"


def test_fulfillment_refusals_save_nothing(api: Api) -> None:
    order = fs.sales_order((f.product(), 2))
    (row,) = fs.rows(order)
    other_row = fs.rows(fs.sales_order())[0]

    def fulfil(row_id: int, quantity: float) -> Any:
        return api.post(
            "/sales_order_fulfillments",
            {
                "sales_order_id": order.pk,
                "status": "PACKED",
                "sales_order_fulfillment_rows": [
                    {"sales_order_row_id": row_id, "quantity": quantity}
                ],
            },
        )

    too_much = fulfil(row.pk, 3)
    assert (too_much.status, too_much.body["details"][0]["path"]) == (422, ".quantity")
    foreign = fulfil(other_row.pk, 1)
    assert foreign.body["details"][0]["path"] == (
        ".sales_order_fulfillment_rows[0].sales_order_row_id"
    )
    serials = api.post(
        "/sales_order_fulfillments",
        {
            "sales_order_id": order.pk,
            "status": "PACKED",
            "sales_order_fulfillment_rows": [
                {"sales_order_row_id": row.pk, "quantity": 1, "serial_numbers": [1]}
            ],
        },
    )
    assert serials.body["details"][0]["code"] == "additionalProperties"
    assert not Fulfillment.objects.exists()
