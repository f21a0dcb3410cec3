"""Roles in the API: a key acts as its user; a write its role does not allow is answered
403 with Katana's error body, and changes nothing."""

from collections.abc import Callable

import pytest

from makeline.catalog.models import Location
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests import factories_purchasing as fpo
from tests.integration.access.conftest import KeyClient

pytestmark = pytest.mark.django_db

ApiAs = Callable[[str], KeyClient]
FORBIDDEN = {"statusCode": 403, "name": "ForbiddenError", "message": "Forbidden"}


def order_body() -> dict[str, object]:
    variant = f.product()
    return {
        "customer_id": f.customer().pk,
        "sales_order_rows": [{"variant_id": variant.pk, "quantity": 1}],
    }


def test_an_admin_key_may_change_the_settings(api_as: ApiAs) -> None:
    status, _ = api_as("admin").post("/locations", {"name": "Workshop"})
    assert status == 200
    assert Location.objects.filter(name="Workshop").exists()


def test_a_planner_key_may_sell_but_not_change_the_settings(api_as: ApiAs) -> None:
    planner = api_as("planner")
    assert planner.post("/sales_orders", order_body())[0] == 200
    assert planner.post("/locations", {"name": "Workshop"}) == (403, FORBIDDEN)
    assert not Location.objects.filter(name="Workshop").exists()


def test_a_purchaser_key_may_buy_but_not_sell(api_as: ApiAs) -> None:
    purchaser = api_as("purchaser")
    material, supplier, here = f.material(), f.supplier(), f.location()
    body = {
        "order_no": "PO-1",
        "supplier_id": supplier.pk,
        "location_id": here.pk,
        "purchase_order_rows": [{"variant_id": material.pk, "quantity": 2, "price_per_unit": 1}],
    }
    assert purchaser.post("/purchase_orders", body)[0] == 200
    assert purchaser.post("/sales_orders", order_body()) == (403, FORBIDDEN)
    assert not SalesOrder.objects.exists()


def test_a_shop_floor_key_reads_but_may_not_create_orders(api_as: ApiAs) -> None:
    floor = api_as("shop floor")
    assert floor.get("/manufacturing_orders")[0] == 200
    assert floor.post("/sales_orders", order_body()) == (403, FORBIDDEN)


def test_a_viewer_key_reads_but_may_not_write(api_as: ApiAs) -> None:
    viewer = api_as("viewer")
    order = fpo.purchase_order()
    assert viewer.get(f"/purchase_orders/{order.pk}")[0] == 200
    assert viewer.patch(f"/purchase_orders/{order.pk}", {"order_no": "X"}) == (403, FORBIDDEN)
    order.refresh_from_db()
    assert order.order_no != "X"
