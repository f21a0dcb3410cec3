"""Katana's behaviours 1, 2 and 8 (reference §7), driven through /v1.

The given parts put stock, MOs and POs in place through the services, because the stock
adjustment, manufacturing and purchasing endpoints are not registered yet; every action
and every check of a sales order goes through the API. Dates are a year ahead of the
reference's (2026-03-…) so they stay in the future.
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from makeline.planning.selectors import inventory_figures
from makeline.production import orders as production_orders
from makeline.purchasing import orders as purchase_orders
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests import factories_production as fp
from tests import factories_purchasing as fpo
from tests.factories import D
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


def _day(month: int, day: int) -> datetime:
    return datetime(2027, month, day, tzinfo=UTC)


def _create_order(api: Api, *rows: tuple[Any, int], status: str = "NOT_SHIPPED") -> dict[str, Any]:
    answer = api.post(
        "/sales_orders",
        {
            "customer_id": f.customer().pk,
            "location_id": f.location().pk,
            "status": status,
            "sales_order_rows": [{"variant_id": v.pk, "quantity": q} for v, q in rows],
        },
    )
    assert answer.status == 200, answer.body
    return answer.body  # type: ignore[no-any-return]


def _statuses(api: Api, *orders: dict[str, Any]) -> list[str]:
    return [api.get(f"/sales_orders/{o['id']}").body["product_availability"] for o in orders]


def test_behaviour_1_priority_allocation_of_stock_and_expected_supply(api: Api) -> None:
    # given P with 4 in stock and an MTS MO for 3 due 10 March
    shop = fp.katana_fixture()
    f.stock(shop.p, 4)
    production_orders.create_manufacturing_order(
        variant=shop.p,
        location=shop.here,
        planned_quantity=D(3),
        production_deadline_date=_day(3, 10),
    )
    # when three orders of 3 P are created in turn
    so1, so2, so3 = (_create_order(api, (shop.p, 3)) for _ in range(3))
    # then the first is in stock, the second expected on the MO's deadline, the third not
    assert _statuses(api, so1, so2, so3) == ["IN_STOCK", "EXPECTED", "NOT_AVAILABLE"]
    assert (
        api.get(f"/sales_orders/{so2['id']}").body["product_expected_date"].startswith("2027-03-10")
    )
    figures = inventory_figures(variant_id=shop.p.pk, location_id=shop.here.pk)
    assert (figures.in_stock, figures.committed, figures.expected) == (4, 9, 3)
    assert figures.missing_or_excess == -2
    # when SO-3 is dragged to the top
    moved = api.post(
        "/sales_order_rerank", {"order_ids": [so3["id"]], "place": {"position": "top"}}
    )
    assert moved.status == 204
    # then SO-3 is in stock, SO-1 expected and SO-2 not available
    assert _statuses(api, so3, so1, so2) == ["IN_STOCK", "EXPECTED", "NOT_AVAILABLE"]


def test_behaviour_2_all_or_nothing_rows_roll_up_and_latest_supply_date(api: Api) -> None:
    # given P with 1 in stock, Q with 5, and POs bringing 1 P on 5 March and 5 P on 9 March
    p = f.product("P", purchasable=True)
    q = f.product("Q")
    f.stock(p, 1)
    f.stock(q, 5)
    fpo.purchase_order(fpo.row(p, 1), expected_arrival_date=_day(3, 5))
    late = fpo.purchase_order(fpo.row(p, 5), expected_arrival_date=_day(3, 9))
    # when SO-A asks for 2 P (r1) and 1 Q (r2)
    order = _create_order(api, (p, 2), (q, 1))
    r1, r2 = (row["id"] for row in order["sales_order_rows"])

    def row(row_id: int) -> dict[str, Any]:
        return api.get(f"/sales_order_rows/{row_id}").body  # type: ignore[no-any-return]

    def rolled_up() -> dict[str, Any]:
        return api.get(f"/sales_orders/{order['id']}").body  # type: ignore[no-any-return]

    # then r1 is expected with the first lot's date, r2 in stock, and so is the order
    assert (row(r1)["product_availability"], row(r2)["product_availability"]) == (
        "EXPECTED",
        "IN_STOCK",
    )
    assert row(r1)["product_expected_date"].startswith("2027-03-05")
    assert rolled_up()["product_availability"] == "EXPECTED"
    assert rolled_up()["product_expected_date"].startswith("2027-03-05")
    # when r1 grows to 8 (1 + 1 + 5 = 7 < 8): not available, and so is the order
    api.patch(f"/sales_order_rows/{r1}", {"quantity": 8})
    assert row(r1)["product_availability"] == "NOT_AVAILABLE"
    assert rolled_up()["product_availability"] == "NOT_AVAILABLE"
    # when r1 is 7: expected, with the date of the last lot it needs
    api.patch(f"/sales_order_rows/{r1}", {"quantity": 7})
    assert row(r1)["product_availability"] == "EXPECTED"
    assert row(r1)["product_expected_date"].startswith("2027-03-09")
    # when the late PO becomes a draft, its 5 no longer count
    purchase_orders.set_draft(order=late)
    assert row(r1)["product_availability"] == "NOT_AVAILABLE"


def test_behaviour_8_fulfilment_and_delivery_statuses(api: Api) -> None:
    # given P (average cost 4) and Q in stock, and an order of 3 P (r1) and 2 Q (r2)
    p, q = f.product("P"), f.product("Q")
    here = f.location()
    f.stock(p, 10, cost="4")
    f.stock(q, 10, cost="6")
    order = _create_order(api, (p, 3), (q, 2))
    r1, r2 = (row["id"] for row in order["sales_order_rows"])

    def p_figures() -> tuple[Decimal, Decimal]:
        figures = inventory_figures(variant_id=p.pk, location_id=here.pk)
        return figures.in_stock, figures.committed

    assert p_figures() == (10, 3)
    # when 1 of r1 is packed
    packed = api.post(
        "/sales_order_fulfillments",
        {
            "sales_order_id": order["id"],
            "status": "PACKED",
            "sales_order_fulfillment_rows": [{"sales_order_row_id": r1, "quantity": 1}],
        },
    ).body
    # then the order is partially packed, r1 picked, and P left stock and commitments
    shown = api.get(f"/sales_orders/{order['id']}").body
    assert shown["status"] == "PARTIALLY_PACKED"
    assert shown["sales_order_rows"][0]["product_availability"] == "PICKED"
    assert p_figures() == (9, 2)
    # when that fulfilment is switched to DELIVERED, nothing moves
    api.patch(f"/sales_order_fulfillments/{packed['id']}", {"status": "DELIVERED"})
    assert p_figures() == (9, 2)
    # when the rest is delivered
    api.post(
        "/sales_order_fulfillments",
        {
            "sales_order_id": order["id"],
            "status": "DELIVERED",
            "sales_order_fulfillment_rows": [
                {"sales_order_row_id": r1, "quantity": 2},
                {"sales_order_row_id": r2, "quantity": 2},
            ],
        },
    )
    # then the order is delivered (the Done view) and COGS = average cost × quantity
    done = api.get(f"/sales_orders/{order['id']}").body
    assert done["status"] == "DELIVERED"
    assert [o["id"] for o in api.get("/sales_orders", status="DELIVERED").data] == [order["id"]]
    assert [row["cogs_value"] for row in done["sales_order_rows"]] == ["12.000000", "12.000000"]
    # when its fulfilments are deleted and it is set back to NOT_SHIPPED
    for fulfillment in api.get("/sales_order_fulfillments", sales_order_id=order["id"]).data:
        assert api.delete(f"/sales_order_fulfillments/{fulfillment['id']}").status == 204
    back = api.patch(f"/sales_orders/{order['id']}", {"status": "NOT_SHIPPED"})
    # then stock and commitments come back
    assert back.body["status"] == "NOT_SHIPPED"
    assert p_figures() == (10, 3)
    # and a quote commits nothing
    _create_order(api, (p, 4), status="PENDING")
    assert p_figures() == (10, 3)
    assert SalesOrder.objects.count() == 2
    assert D(back.body["sales_order_rows"][0]["quantity"]) == 3
