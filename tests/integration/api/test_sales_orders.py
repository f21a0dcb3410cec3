"""/sales_orders: create (with rows and addresses), get, list filters, PATCH (header, status,
MTO location lock), DELETE, /sales_orders/search and /sales_order_rerank."""

from typing import Any

import pytest

from makeline.catalog import contacts
from makeline.catalog.models import Variant
from makeline.production import make_to_order
from makeline.production.models import ManufacturingOrder
from makeline.sales import fulfilment
from makeline.sales.enums import SalesOrderStatus
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests import factories_sales as fs
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


def _order_body(customer_id: int, *rows: tuple[Variant, int], **extra: Any) -> dict[str, Any]:
    return {
        "customer_id": customer_id,
        "sales_order_rows": [{"variant_id": v.pk, "quantity": q} for v, q in rows],
        **extra,
    }


def test_create_sales_order_with_rows_and_addresses_answers_the_computed_fields(api: Api) -> None:
    # given a customer and a product with 5 in stock
    customer = f.customer()
    product = f.product(price="12.5")
    f.stock(product, 5)
    tax = contacts.create_tax_rate(name="VAT", rate=f.D(20))
    # when an order for 2 is created
    answer = api.post(
        "/sales_orders",
        {
            "customer_id": customer.pk,
            "location_id": f.location().pk,
            "customer_ref": "PO-77",
            "tracking_number": "1Z",
            "sales_order_rows": [
                {
                    "variant_id": product.pk,
                    "quantity": 2,
                    "tax_rate_id": tax.pk,
                    "total_discount": 5,
                    "attributes": [{"key": "colour", "value": "red"}],
                }
            ],
            "addresses": [{"entity_type": "shipping", "line_1": "Dock 4", "city": "Port"}],
        },
    )
    # then Katana's shape comes back with a number, NOT_SHIPPED and planned statuses
    assert answer.status == 200
    order = answer.body
    assert order["order_no"].startswith("SO-")
    assert (order["status"], order["customer_ref"], order["tracking_number"]) == (
        "NOT_SHIPPED",
        "PO-77",
        "1Z",
    )
    (row,) = order["sales_order_rows"]
    assert (row["quantity"], row["price_per_unit"], row["total"], row["tax_rate"]) == (
        2,
        "12.500000",
        20,
        20,
    )
    assert row["attributes"] == [{"key": "colour", "value": "red"}]
    assert row["product_availability"] == "IN_STOCK"
    assert order["product_availability"] == "IN_STOCK"
    assert order["production_status"] == "NONE"
    assert order["total"] == 20
    assert order["shipping_address_id"] == order["addresses"][0]["id"]
    assert order["billing_address_id"] is None
    assert api.get(f"/sales_orders/{order['id']}").body == order


def test_a_quote_is_pending_and_commits_nothing(api: Api) -> None:
    product = f.product()
    answer = api.post("/sales_orders", _order_body(f.customer().pk, (product, 3), status="PENDING"))
    assert answer.body["status"] == "PENDING"
    assert answer.body["product_availability"] is None  # quotes are not planned


def test_create_refuses_bad_references_with_the_field_path(api: Api) -> None:
    customer = f.customer()
    missing_variant = api.post(
        "/sales_orders",
        {"customer_id": customer.pk, "sales_order_rows": [{"variant_id": 987654, "quantity": 1}]},
    )
    assert missing_variant.status == 422
    assert missing_variant.body["details"][0]["path"] == ".sales_order_rows[0].variant_id"
    material = api.post("/sales_orders", _order_body(customer.pk, (f.material(), 1)))
    assert material.status == 422
    assert "material" in material.body["message"]
    other_place = api.post(
        "/sales_orders",
        {
            "customer_id": customer.pk,
            "sales_order_rows": [
                {
                    "variant_id": f.product().pk,
                    "quantity": 1,
                    "location_id": f.location("Far", sales_allowed=True).pk,
                }
            ],
        },
    )
    assert other_place.body["details"][0]["path"] == ".sales_order_rows[0].location_id"
    no_rows = api.post("/sales_orders", {"customer_id": customer.pk, "sales_order_rows": []})
    assert no_rows.body["details"][0]["code"] == "minItems"
    assert not SalesOrder.objects.exists()


def test_patch_header_fields_and_clear_text(api: Api) -> None:
    order = fs.sales_order()
    answer = api.patch(
        f"/sales_orders/{order.pk}",
        {
            "order_no": "WEB-1",
            "customer_ref": "X",
            "additional_info": "fragile",
            "delivery_date": "2026-03-20T00:00:00Z",
        },
    )
    assert answer.status == 200
    assert (answer.body["order_no"], answer.body["additional_info"]) == ("WEB-1", "fragile")
    assert answer.body["delivery_date"].startswith("2026-03-20")
    cleared = api.patch(f"/sales_orders/{order.pk}", {"additional_info": None})
    assert cleared.body["additional_info"] is None
    refused = api.patch(f"/sales_orders/{order.pk}", {"order_no": None})
    assert refused.status == 422
    assert refused.body["details"][0]["path"] == ".order_no"


def test_patch_status_delivers_everything_and_reverts(api: Api) -> None:
    # given an order for 2 of a product with 5 in stock
    product = f.product()
    f.stock(product, 5, cost="4")
    order = fs.sales_order((product, 2))
    # when it is set DELIVERED
    delivered = api.patch(f"/sales_orders/{order.pk}", {"status": "DELIVERED"})
    # then it is delivered, picked, and the row's COGS is set
    assert delivered.body["status"] == "DELIVERED"
    assert delivered.body["product_availability"] == "PICKED"
    assert delivered.body["picked_date"] is not None
    assert delivered.body["sales_order_rows"][0]["cogs_value"] == "8.000000"
    # and a delivered order's locked fields are refused
    locked = api.patch(f"/sales_orders/{order.pk}", {"order_no": "LATE-1"})
    assert locked.status == 422
    assert locked.body["details"][0]["path"] == ".order_no"
    # when it goes back to NOT_SHIPPED, with a new number in the same request
    back = api.patch(f"/sales_orders/{order.pk}", {"status": "NOT_SHIPPED", "order_no": "AGAIN-1"})
    assert (back.body["status"], back.body["order_no"]) == ("NOT_SHIPPED", "AGAIN-1")
    assert back.body["sales_order_rows"][0]["product_availability"] == "IN_STOCK"


def test_patch_status_to_a_quote_and_back(api: Api) -> None:
    order = fs.sales_order()
    assert api.patch(f"/sales_orders/{order.pk}", {"status": "PENDING"}).body["status"] == (
        "PENDING"
    )
    assert api.patch(f"/sales_orders/{order.pk}", {"status": "NOT_SHIPPED"}).body["status"] == (
        "NOT_SHIPPED"
    )
    partial = api.patch(f"/sales_orders/{order.pk}", {"status": "PARTIALLY_PACKED"})
    assert partial.status == 422
    assert partial.body["details"][0]["code"] == "enum"


def test_make_to_order_locks_location_and_quote(api: Api) -> None:
    # given an order whose row is made to order
    product = f.product()
    order = fs.sales_order((product, 2))
    mo = make_to_order.make_to_order(sales_order_row=order.rows.get())
    elsewhere = f.location("Second", sales_allowed=True, manufacturing_allowed=True)
    # then its location cannot change, nor can it become a quote
    moved = api.patch(f"/sales_orders/{order.pk}", {"location_id": elsewhere.pk})
    assert moved.status == 422
    assert moved.body["details"][0]["path"] == ".location_id"
    assert "make-to-order" in moved.body["message"]
    quote = api.patch(f"/sales_orders/{order.pk}", {"status": "PENDING"})
    assert quote.status == 422
    # and the order shows its MO
    shown = api.get(f"/sales_orders/{order.pk}").body
    assert shown["production_status"] == "NOT_STARTED"
    assert shown["linked_manufacturing_order_id"] == mo.pk
    assert shown["sales_order_rows"][0]["linked_manufacturing_order_id"] == mo.pk
    assert shown["sales_order_rows"][0]["product_availability"] == "EXPECTED"
    # when the order is deleted, its not-started MO goes with it
    assert api.delete(f"/sales_orders/{order.pk}").status == 204
    assert not ManufacturingOrder.objects.filter(pk=mo.pk).exists()
    assert api.get(f"/sales_orders/{order.pk}").status == 404


def test_list_filters_by_status_availability_and_production(api: Api) -> None:
    product = f.product()
    f.stock(product, 1)
    first = fs.sales_order((product, 1))
    second = fs.sales_order((product, 1))
    quote = fs.quote((product, 1))
    make_to_order.make_to_order(sales_order_row=second.rows.get())

    def ids(**params: Any) -> list[int]:
        return [o["id"] for o in api.get("/sales_orders", **params).data]

    assert ids(status="PENDING") == [quote.pk]
    assert ids(product_availability="IN_STOCK") == [first.pk]
    assert ids(product_availability="EXPECTED") == [second.pk]
    assert ids(production_status="NOT_STARTED") == [second.pk]
    assert ids(production_status="NONE") == [first.pk, quote.pk]
    assert ids(order_no=first.order_no) == [first.pk]
    assert api.get("/sales_orders", product_availability="SOMETIMES").status == 422


def test_a_page_of_orders_costs_a_fixed_number_of_queries(
    api: Api, django_assert_max_num_queries: Any
) -> None:
    # given twelve orders of two rows, one delivered and one made to order
    product = f.product()
    orders = [fs.sales_order((product, 1), (f.product(), 2)) for _ in range(12)]
    fulfilment.set_status(order=orders[0], status=SalesOrderStatus.DELIVERED)
    make_to_order.make_to_order(sales_order_row=fs.rows(orders[1])[0])
    # then a page of all of them costs no more queries than a handful
    with django_assert_max_num_queries(12):
        answer = api.get("/sales_orders", limit=12)
    assert len(answer.data) == 12
    with django_assert_max_num_queries(8):
        api.get("/sales_order_rows", limit=24)


# --- search -------------------------------------------------------------------------------


def test_search_with_nested_and_or_and_comparators(api: Api) -> None:
    product = f.product()
    f.stock(product, 1)
    first = fs.sales_order((product, 1), order_no="WEB-1")
    second = fs.sales_order((product, 1), order_no="WEB-2")
    third = fs.sales_order((product, 1), order_no="SHOP-3")
    body = {
        "filter": {
            "or": [
                {"order_no": {"like": "WEB-%"}, "product_availability": "NOT_AVAILABLE"},
                {"id": third.pk},
            ],
            "status": {"inq": ["NOT_SHIPPED", "PACKED"]},
        },
        "order": ["id DESC"],
    }
    answer = api.post("/sales_orders/search", body)
    assert answer.status == 200
    assert [o["id"] for o in answer.data] == [third.pk, second.pk]
    assert answer.pagination["total_records"] == "2"
    paged = api.post("/sales_orders/search", {"limit": 2, "page": 2, "order": "id ASC"})
    assert [o["id"] for o in paged.data] == [third.pk]
    everything = api.post("/sales_orders/search", {"filter": {"id": {"neq": first.pk}}})
    assert len(everything.data) == 2
    dated = api.post("/sales_orders/search", {"filter": {"created_at": {"gte": "2000-01-01"}}})
    assert len(dated.data) == 3


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"filter": {"colour": "red"}}, ".filter.colour"),
        ({"filter": {"invoicing_status": "invoiced"}}, ".filter.invoicing_status"),
        ({"filter": {"id": {"near": 3}}}, ".filter.id"),
        ({"filter": {"id": "three"}}, ".filter.id"),
        ({"filter": {"and": [{"or": [{"and": [{"id": 1}]}]}]}}, ".filter.and[0].or[0].and"),
        ({"order": "colour DESC"}, ".order[0]"),
    ],
)
def test_search_refuses_what_it_does_not_support(api: Api, body: Any, path: str) -> None:
    answer = api.post("/sales_orders/search", body)
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == path


# --- rerank -------------------------------------------------------------------------------


def _sell_list(api: Api) -> list[int]:
    rows = api.post("/sales_orders/search", {"order": "id"}).data
    ranks = {o.pk: o.rank for o in SalesOrder.objects.all()}
    return sorted((r["id"] for r in rows), key=lambda pk: ranks[pk])


def test_rerank_places_a_block_before_after_top_and_bottom(api: Api) -> None:
    a, b, c, d = (fs.sales_order() for _ in range(4))
    # a block of two above b, the first highest
    assert (
        api.post(
            "/sales_order_rerank", {"order_ids": [d.pk, c.pk], "place": {"before_id": b.pk}}
        ).status
        == 204
    )
    assert _sell_list(api) == [a.pk, d.pk, c.pk, b.pk]
    # sending it again changes nothing
    api.post("/sales_order_rerank", {"order_ids": [d.pk, c.pk], "place": {"before_id": b.pk}})
    assert _sell_list(api) == [a.pk, d.pk, c.pk, b.pk]
    api.post("/sales_order_rerank", {"order_ids": [a.pk], "place": {"after_id": b.pk}})
    assert _sell_list(api) == [d.pk, c.pk, b.pk, a.pk]
    api.post("/sales_order_rerank", {"order_ids": [b.pk, a.pk], "place": {"position": "top"}})
    assert _sell_list(api) == [b.pk, a.pk, d.pk, c.pk]
    api.post("/sales_order_rerank", {"order_ids": [b.pk], "place": {"position": "bottom"}})
    assert _sell_list(api) == [a.pk, d.pk, c.pk, b.pk]


def test_rerank_moves_the_make_to_order_mo_along(api: Api) -> None:
    first = fs.sales_order()
    second = fs.sales_order()
    mo = make_to_order.make_to_order(sales_order_row=second.rows.get())
    api.post("/sales_order_rerank", {"order_ids": [second.pk], "place": {"position": "top"}})
    second.refresh_from_db()
    mo.refresh_from_db()
    first.refresh_from_db()
    assert mo.rank == second.rank < first.rank


@pytest.mark.parametrize(
    ("case", "path"),
    [
        ("missing", ".order_ids[1]"),
        ("delivered", ".order_ids[0]"),
        ("target_in_block", ".place.before_id"),
        ("missing_target", ".place.after_id"),
        ("two_places", ".place"),
        ("duplicates", ".order_ids"),
    ],
)
def test_rerank_refuses_with_422(api: Api, case: str, path: str) -> None:
    product = f.product()
    f.stock(product, 5)
    one, two = fs.sales_order((product, 1)), fs.sales_order((product, 1))
    bodies = {
        "missing": {"order_ids": [one.pk, 987654], "place": {"position": "top"}},
        "delivered": {"order_ids": [one.pk], "place": {"position": "top"}},
        "target_in_block": {"order_ids": [one.pk, two.pk], "place": {"before_id": two.pk}},
        "missing_target": {"order_ids": [one.pk], "place": {"after_id": 987654}},
        "two_places": {"order_ids": [one.pk], "place": {"after_id": two.pk, "position": "top"}},
        "duplicates": {"order_ids": [one.pk, one.pk], "place": {"position": "top"}},
    }
    if case == "delivered":
        api.patch(f"/sales_orders/{one.pk}", {"status": "DELIVERED"})
    ranks = dict(SalesOrder.objects.values_list("pk", "rank"))
    answer = api.post("/sales_order_rerank", bodies[case])
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == path
    assert dict(SalesOrder.objects.values_list("pk", "rank")) == ranks
