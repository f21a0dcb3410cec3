"""Katana §7 behaviours 4 and 9, driven through the API only (stock transfers, the last part
of behaviour 9, are not built yet)."""

import pytest

from tests.integration.api.conftest import Api
from tests.integration.api.test_manufacturing import location, product, sales_order, stock
from tests.integration.api.test_manufacturing_behaviours import inventory

pytestmark = pytest.mark.django_db


def row_status(api: Api, order_id: int) -> str:
    order = api.get(f"/sales_orders/{order_id}").body
    return str(order["sales_order_rows"][0]["product_availability"])


def test_behaviour_4_make_to_order_pegging_beats_priority(api: Api) -> None:
    # given no P in stock; SO-1 (rank 1, 2 P) and SO-2 (rank 2, 2 P) made to order
    here = location(api)
    p = product(api, "P")
    so1 = sales_order(api, {p: 2}, at=here)
    so2 = sales_order(api, {p: 2}, at=here)
    mo = api.post(
        "/manufacturing_order_make_to_order",
        {"sales_order_row_id": so2["sales_order_rows"][0]["id"]},
    ).body
    # when the MO is done
    assert api.patch(f"/manufacturing_orders/{mo['id']}", {"status": "DONE"}).status == 200
    # then the 2 P are in stock, reserved for SO-2 although SO-1 ranks higher
    assert inventory(api, p, here)["in_stock"] == 2
    assert row_status(api, so2["id"]) == "IN_STOCK"
    assert row_status(api, so1["id"]) == "NOT_AVAILABLE"


def test_behaviour_9_inventory_maths_and_stock_per_location(api: Api) -> None:
    # given at L1 10 in stock, 7 committed, 5 expected, safety stock 6; at L2 100 in stock
    l1, l2 = location(api, "L1"), location(api, "L2")
    p = product(api, "P")
    stock(api, p, 10, at=l1)
    stock(api, p, 100, at=l2)
    sales_order(api, {p: 7}, at=l1)
    made = {"variant_id": p, "location_id": l1, "planned_quantity": 5}
    assert api.post("/manufacturing_orders", made).status == 200
    body = {"variant_id": p, "location_id": l1, "value": 6}
    assert api.post("/inventory_safety_stock_levels", body).status == 200
    # then calculated stock at L1 is 10 - 7 + 5 - 6 = 2
    assert inventory(api, p, l1)["missing_or_excess"] == 2
    # when a new order takes 3 more at L1: -1
    sales_order(api, {p: 3}, at=l1)
    assert inventory(api, p, l1)["missing_or_excess"] == -1
    # and an order of 12 at L1 is not available, whatever L2 holds
    big = sales_order(api, {p: 12}, at=l1)
    assert row_status(api, big["id"]) == "NOT_AVAILABLE"
