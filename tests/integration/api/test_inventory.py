"""/inventory, /inventory_movements, /negative_stock and the safety stock levels."""

from typing import Any

import pytest

from makeline.catalog import services
from makeline.inventory import selectors
from makeline.inventory.models import SafetyStock
from tests import factories as f
from tests import factories_purchasing as fp
from tests import factories_sales as fs
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db

MISSING = 987654


def _row(api: Api, variant_id: int, location_id: int | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"variant_id": variant_id}
    if location_id is not None:
        params["location_id"] = location_id
    (row,) = api.get("/inventory", **params).data
    return row


# --- /inventory ---------------------------------------------------------------------------


def test_inventory_shows_the_three_buckets_from_the_plan_as_strings(api: Api) -> None:
    # given 10 in stock at 2.50, 3 sold, 4 on a purchase order and a safety stock of 5
    material = f.product(purchasable=True)
    here = f.location()
    f.stock(material, 10, cost="2.5")
    fs.sales_order((material, 3), at=here)
    fp.purchase_order(fp.row(material, 4), at=here)
    api.post(
        "/inventory_safety_stock_levels",
        {"variant_id": material.pk, "location_id": here.pk, "value": 5},
    )
    # when the inventory row is read
    row = _row(api, material.pk, here.pk)
    # then every figure is Katana's decimal string
    assert row == {
        "variant_id": material.pk,
        "location_id": here.pk,
        "safety_stock_level": "5.000000",
        "reorder_point": "5.000000",
        "average_cost": "2.500000",
        "value_in_stock": "25.000000",
        "quantity_in_stock": "10.000000",
        "quantity_committed": "3.000000",
        "quantity_expected": "4.000000",
        "quantity_missing_or_excess": "6.000000",  # 10 − 3 + 4 − 5
        "quantity_potential": None,
        "archived_at": None,
    }


def test_inventory_has_a_row_per_variant_and_location_zeros_included(api: Api) -> None:
    # given two locations and one material with stock at the first only
    main, other = f.location(), f.location("Annex")
    material = f.material()
    f.stock(material, 2, at=main)
    # when its inventory is read
    rows = api.get("/inventory", variant_id=material.pk).data
    # then both locations have a row, in location order
    assert [(r["location_id"], r["quantity_in_stock"]) for r in rows] == [
        (main.pk, "2.000000"),
        (other.pk, "0.000000"),
    ]


def test_inventory_leaves_out_services_and_archived_variants_unless_asked(api: Api) -> None:
    f.location()
    f.service_item()
    kept, archived = f.material(), f.material()
    services.archive_item(item=archived.item)
    ids = {r["variant_id"] for r in api.get("/inventory").data}
    assert ids == {kept.pk}
    with_archived = api.get("/inventory", include_archived=True).data
    assert {r["variant_id"] for r in with_archived} == {kept.pk, archived.pk}


def test_inventory_extends_with_variant_and_location(api: Api) -> None:
    f.location()
    material = f.material()
    row = api.get("/inventory", variant_id=material.pk, extend=["variant", "location"]).data[0]
    assert row["variant"]["sku"] == material.sku
    assert row["location"]["id"] == row["location_id"]


def test_inventory_pages_across_the_grid(api: Api) -> None:
    # given 3 variants × 2 locations = 6 rows
    f.location()
    f.location("Annex")
    variants = sorted(f.material().pk for _ in range(3))
    # when read 4 at a time
    first, second = api.get("/inventory", limit=4, page=1), api.get("/inventory", limit=4, page=2)
    # then the pages hold the grid in variant, location order
    cells = [(r["variant_id"], r["location_id"]) for r in first.data + second.data]
    assert [c[0] for c in cells] == [v for v in variants for _ in range(2)]
    assert first.pagination["total_records"] == "6"
    assert (len(first.data), len(second.data)) == (4, 2)
    assert api.get("/inventory", limit=4, page=3).data == []


def test_a_page_of_inventory_costs_a_fixed_number_of_queries(
    api: Api, django_assert_max_num_queries: Any
) -> None:
    f.location("Annex")
    for _ in range(10):
        f.stock(f.material(), 3)
    with django_assert_max_num_queries(12):
        answer = api.get("/inventory", limit=20)
    assert len(answer.data) == 20


def test_inventory_refuses_a_bad_query_value(api: Api) -> None:
    answer = api.get("/inventory", extend="supplier")
    assert answer.status == 422


# --- safety stock -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/inventory_safety_stock_levels", "/inventory_reorder_points"])
def test_safety_stock_level_is_created_then_updated(api: Api, path: str) -> None:
    material, here = f.material(), f.location()
    body = {"variant_id": material.pk, "location_id": here.pk, "value": 4}
    assert api.post(path, body).body == {
        "variant_id": material.pk,
        "location_id": here.pk,
        "value": "4.000000",
    }
    assert api.post(path, body | {"value": 7.5}).body["value"] == "7.500000"
    assert selectors.safety_stock(variant_id=material.pk, location_id=here.pk) == f.D("7.5")


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"value": -1}, ".value"),
        ({"variant_id": MISSING}, ".variant_id"),
        ({"location_id": MISSING}, ".location_id"),
        ({"extra": 1}, ""),
    ],
)
def test_safety_stock_refuses_bad_bodies_and_changes_nothing(
    api: Api, body: dict[str, Any], path: str
) -> None:
    material, here = f.material(), f.location()
    answer = api.post(
        "/inventory_safety_stock_levels",
        {"variant_id": material.pk, "location_id": here.pk, "value": 1} | body,
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == path
    assert not SafetyStock.objects.exists()


def test_safety_stock_refuses_a_service(api: Api) -> None:
    service = f.service_item()
    answer = api.post(
        "/inventory_safety_stock_levels",
        {"variant_id": service.pk, "location_id": f.location().pk, "value": 1},
    )
    assert answer.status == 422
    assert not SafetyStock.objects.exists()


# --- movements ----------------------------------------------------------------------------


def test_movements_are_the_ledger_with_running_balances(api: Api) -> None:
    # given stock in at two costs and an order shipped from it
    material = f.material()
    f.stock(material, 10, cost="10")
    f.stock(material, 5, cost="13")
    adjustment = f.stock(material, -3)
    # when the ledger is read
    moves = api.get("/inventory_movements", variant_ids=[material.pk]).data
    # then each move carries its balance, value and average after it
    assert [m["quantity_change"] for m in moves] == [10, 5, -3]
    assert [m["balance_after"] for m in moves] == [10, 15, 12]
    assert [m["average_cost_after"] for m in moves] == [10, 11, 11]
    assert [m["value_in_stock_after"] for m in moves] == [100, 165, 132]
    last = moves[-1]
    assert last["resource_type"] == "StockAdjustmentRow"
    assert last["caused_by_order_no"] == adjustment.stock_adjustment_number
    assert last["caused_by_resource_id"] == adjustment.pk
    assert last["resource_id"] == adjustment.rows.get().pk
    assert last["value_per_unit"] == 11


def test_movement_balances_stay_right_under_filters(api: Api) -> None:
    material = f.material()
    f.stock(material, 10, cost="1")
    order = fp.purchase_order(fp.row(material, 4, price="1"))
    fp.receive(order.rows.get(), 4)
    moves = api.get("/inventory_movements", resource_type="PurchaseOrderRow").data
    assert [(m["quantity_change"], m["balance_after"]) for m in moves] == [(4, 14)]
    assert moves[0]["caused_by_order_no"] == order.order_no


def test_movements_refuse_an_unknown_resource_type(api: Api) -> None:
    answer = api.get("/inventory_movements", resource_type="ManufacturingOrder")
    assert answer.status == 422


def test_movements_page_in_booking_order_at_a_fixed_cost(
    api: Api, django_assert_max_num_queries: Any
) -> None:
    material = f.material()
    for n in range(5):
        f.stock(material, n + 1, cost="1")
    with django_assert_max_num_queries(6):
        first = api.get("/inventory_movements", limit=3)
    second = api.get("/inventory_movements", limit=3, page=2)
    assert [m["quantity_change"] for m in first.data + second.data] == [1, 2, 3, 4, 5]
    assert first.pagination["total_pages"] == "2"


# --- negative stock -----------------------------------------------------------------------


def test_negative_stock_lists_pairs_below_zero(api: Api) -> None:
    # given one material driven below zero and one still positive
    short, fine = f.material("Short"), f.material("Fine")
    f.stock(short, 2)
    f.stock(short, -5)
    f.stock(fine, 1)
    # when negative stock is read
    rows = api.get("/negative_stock").data
    # then only the short one shows, with its deficit
    assert [(r["variant_id"], r["quantity_on_hand"], r["name"]) for r in rows] == [
        (short.pk, -3, "Short")
    ]
    assert rows[0]["sku"] == short.sku
    assert api.get("/negative_stock", variant_id=fine.pk).data == []
    assert api.get("/negative_stock", name="Short").data[0]["variant_id"] == short.pk


def test_negative_stock_pages(api: Api) -> None:
    for _ in range(3):
        f.stock(f.material(), -1)
    first, second = api.get("/negative_stock", limit=2), api.get("/negative_stock", limit=2, page=2)
    assert (len(first.data), len(second.data)) == (2, 1)
    assert first.pagination["total_records"] == "3"


# --- keys ---------------------------------------------------------------------------------

ENDPOINTS = [
    ("get", "/inventory"),
    ("get", "/inventory_movements"),
    ("get", "/negative_stock"),
    ("post", "/inventory_safety_stock_levels"),
    ("post", "/inventory_reorder_points"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_inventory_endpoints_refuse_a_request_without_a_key(
    api: Api, method: str, path: str
) -> None:
    anonymous = api.as_token(None)
    answer = anonymous.get(path) if method == "get" else anonymous.post(path, {})
    assert answer.status == 401
