"""Katana §7 behaviours 3, 5, 6 and 7, driven through the API only (locations, items, BOM
rows, stock, sales and purchase orders included). Reading ranks and the ledger from the
database is the only shortcut: Katana's API does not show them."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils.dateparse import parse_datetime

from makeline.inventory.models import StockMove
from makeline.production.models import ManufacturingOrder
from makeline.sales.models import SalesOrder
from tests.integration.api.conftest import Api
from tests.integration.api.test_manufacturing import (
    make,
    material,
    operation,
    product,
    sales_order,
    shop,
    stock,
)
from tests.integration.api.test_purchasing import purchase_order

pytestmark = pytest.mark.django_db


def inventory(api: Api, variant_id: int, location_id: int) -> dict[str, Decimal]:
    (row,) = api.get("/inventory", variant_id=variant_id, location_id=location_id).data
    return {
        name: Decimal(row[f"quantity_{name}"])
        for name in ("in_stock", "committed", "expected", "missing_or_excess")
    }


def test_behaviour_3_make_to_order_creation_invariants(api: Api) -> None:
    # given SO-1 at L1 with a row of 5 P
    s = shop(api)
    order = sales_order(api, {s.p: 5}, at=s.here)
    row_id = order["sales_order_rows"][0]["id"]
    # when it is made to order, with subassemblies
    answer = api.post(
        "/manufacturing_order_make_to_order",
        {"sales_order_row_id": row_id, "create_subassemblies": True},
    )
    # then the MO is linked, numbered after the SO, for 5 P at L1, due in 7 days
    assert answer.status == 200
    mo = answer.body
    assert mo["order_no"] == f"{order['order_no']} / 1"
    assert (mo["planned_quantity"], mo["location_id"], mo["status"]) == (5, s.here, "NOT_STARTED")
    assert (mo["is_linked_to_sales_order"], mo["sales_order_row_id"]) == (True, row_id)
    created = parse_datetime(mo["order_created_date"])
    assert created is not None
    assert parse_datetime(mo["production_deadline_date"]) == created + timedelta(days=7)
    # and the SO row is expected from it; the SO's production has not started
    so = api.get(f"/sales_orders/{order['id']}").body
    assert so["sales_order_rows"][0]["linked_manufacturing_order_id"] == mo["id"]
    assert so["sales_order_rows"][0]["product_availability"] == "EXPECTED"
    assert so["production_status"] == "NOT_STARTED"
    # and P is expected 5; M is committed 10 (2 × 5) plus 5 for the S subassembly MO
    assert inventory(api, s.p, s.here)["expected"] == 5
    assert inventory(api, s.m, s.here)["committed"] == 15
    assert inventory(api, s.s, s.here)["committed"] == 5
    # and the subassembly MO for 5 S is not linked, ranked above the parent
    (sub,) = api.get("/manufacturing_orders", variant_id=s.s).data
    assert (sub["planned_quantity"], sub["is_linked_to_sales_order"]) == (5, False)
    ranks = dict(ManufacturingOrder.objects.values_list("pk", "rank"))
    assert ranks[sub["id"]] < ranks[mo["id"]]
    # and the MO has the SO's rank; moving the MO moves the SO
    assert ranks[mo["id"]] == SalesOrder.objects.get(pk=order["id"]).rank
    api.post("/manufacturing_order_rerank", {"order_ids": [mo["id"]], "place": {"position": "top"}})
    moved = ManufacturingOrder.objects.get(pk=mo["id"]).rank
    assert moved < ranks[mo["id"]]
    assert SalesOrder.objects.get(pk=order["id"]).rank == moved
    # and its product, quantity and the SO's location are locked
    path = f"/manufacturing_orders/{mo['id']}"
    refused = [api.patch(path, {"planned_quantity": 6}), api.patch(path, {"variant_id": s.s})]
    assert [r.status for r in refused] == [422, 422]
    assert [r.body["details"][0]["path"] for r in refused] == [".planned_quantity", ".variant_id"]
    other = api.post("/locations", {"name": "L2", "sales_allowed": True}).body["id"]
    assert api.patch(f"/sales_orders/{order['id']}", {"location_id": other}).status == 422
    assert api.get(path).body["planned_quantity"] == 5


def test_behaviour_5_mo_status_ledger_partials_revert_and_cost(api: Api) -> None:
    # given an MO for 4 P (8 M at average cost 2, 4 S at 5; 0.5 h/unit process at 40/h)
    s = shop(api)
    operation(api, s.p, seconds=1800, cost_per_hour=40)
    stock(api, s.m, 20, at=s.here, cost=2)
    stock(api, s.s, 10, at=s.here, cost=5)
    moves_before = StockMove.objects.count()
    mo = make(api, s.p, 4, at=s.here)
    path = f"/manufacturing_orders/{mo['id']}"
    # on create: M committed 8, S committed 4, P expected 4
    assert inventory(api, s.m, s.here)["committed"] == 8
    assert inventory(api, s.s, s.here)["committed"] == 4
    assert inventory(api, s.p, s.here)["expected"] == 4
    # in progress and blocked move nothing
    api.patch(path, {"status": "IN_PROGRESS"})
    api.patch(path, {"status": "BLOCKED"})
    assert StockMove.objects.count() == moves_before
    # a production of 1 moves the planned share
    api.post(
        "/manufacturing_order_productions",
        {"manufacturing_order_id": mo["id"], "completed_quantity": 1},
    )
    p, m = inventory(api, s.p, s.here), inventory(api, s.m, s.here)
    assert (p["in_stock"], p["expected"]) == (1, 3)
    assert (m["in_stock"], m["committed"]) == (18, 6)
    assert inventory(api, s.s, s.here)["in_stock"] == 9
    assert api.get(path).body["status"] == "PARTIALLY_COMPLETED"
    # done with 9 M actually used: the rest moves, and the costs follow Katana's formulas
    (m_row,) = api.get(
        "/manufacturing_order_recipe_rows", manufacturing_order_id=mo["id"], variant_id=s.m
    ).data
    api.patch(f"/manufacturing_order_recipe_rows/{m_row['id']}", {"total_actual_quantity": 9})
    done = api.patch(path, {"status": "DONE"}).body
    assert done["done_date"] is not None
    assert inventory(api, s.p, s.here)["in_stock"] == 4
    assert inventory(api, s.m, s.here)["in_stock"] == 11
    assert inventory(api, s.s, s.here)["in_stock"] == 6
    assert (done["material_cost"], done["subassemblies_cost"]) == (18, 20)
    assert (done["operations_cost"], done["total_cost"]) == (80, 118)
    # revert to NOT_STARTED: every movement is undone and no production is left
    reverted = api.patch(path, {"status": "NOT_STARTED"}).body
    assert (reverted["status"], reverted["completed_quantity"]) == ("NOT_STARTED", 0)
    assert inventory(api, s.p, s.here)["in_stock"] == 0
    assert inventory(api, s.m, s.here)["in_stock"] == 20
    assert inventory(api, s.s, s.here)["in_stock"] == 10
    assert api.get("/manufacturing_order_productions").data == []


def test_behaviour_6_ingredient_availability_by_rank_and_purchase_orders(api: Api) -> None:
    # given M in stock 10, MO-A then MO-B needing 8 M each, and a PO of 10 M due 03-12
    s = shop(api)
    stock(api, s.m, 10, at=s.here)
    stuff = product_of(api, s.m)
    mo_a, mo_b = make(api, stuff, 8, at=s.here), make(api, stuff, 8, at=s.here)
    po = purchase_order(
        api,
        [{"variant_id": s.m, "quantity": 10, "price_per_unit": 1}],
        at=s.here,
        expected_arrival_date="2026-03-12T00:00:00Z",
    )
    # then A is in stock and B expected on 03-12, and so is B's M row
    assert api.get(f"/manufacturing_orders/{mo_a['id']}").body["ingredient_availability"] == (
        "IN_STOCK"
    )
    b = api.get(f"/manufacturing_orders/{mo_b['id']}").body
    assert b["ingredient_availability"] == "EXPECTED"
    (b_row,) = api.get("/manufacturing_order_recipe_rows", manufacturing_order_id=mo_b["id"]).data
    assert b_row["ingredient_availability"] == "EXPECTED"
    assert b_row["ingredient_expected_date"].startswith("2026-03-12")
    # with the PO as a draft, B is not available
    api.patch(f"/purchase_orders/{po['id']}", {"status": "DRAFT"})
    assert _status(api, mo_b) == "NOT_AVAILABLE"
    # swapping the ranks swaps the statuses
    api.post(
        "/manufacturing_order_rerank",
        {"order_ids": [mo_b["id"]], "place": {"before_id": mo_a["id"]}},
    )
    assert (_status(api, mo_a), _status(api, mo_b)) == ("NOT_AVAILABLE", "IN_STOCK")
    # a product without a BOM has no recipe
    plain = make(api, product_of(api, None), 1, at=s.here)
    assert _status(api, plain) == "NO_RECIPE"


def product_of(api: Api, ingredient: int | None) -> int:
    return product(api, f"Made of {ingredient}", {ingredient: 1} if ingredient else None)


def _status(api: Api, mo: dict[str, Any]) -> str:
    return str(api.get(f"/manufacturing_orders/{mo['id']}").body["ingredient_availability"])


def test_behaviour_7_receiving_partial_receipts_row_split_and_purchase_uom(api: Api) -> None:
    # given M in pcs, bought in boxes of 12, and a PO row of 3 boxes at 24 per box
    here = api.post("/locations", {"name": "L1", "purchase_allowed": True}).body["id"]
    m = material(api, "Screws", price=24, purchase_uom="box", purchase_uom_conversion_rate=12)
    po = purchase_order(api, [{"variant_id": m, "quantity": 3, "price_per_unit": 24}], at=here)
    (row,) = po["purchase_order_rows"]
    assert (row["quantity"], row["purchase_uom"], row["purchase_uom_conversion_rate"]) == (
        3,
        "box",
        12,
    )
    assert inventory(api, m, here)["expected"] == 36
    # when one box is received
    answer = api.post(
        "/purchase_order_receive", [{"purchase_order_row_id": row["id"], "quantity": 1}]
    )
    assert answer.status == 204
    # then the PO is partially received and the row split in 2 open + 1 received boxes
    after = api.get(f"/purchase_orders/{po['id']}").body
    assert after["status"] == "PARTIALLY_RECEIVED"
    rows = sorted(after["purchase_order_rows"], key=lambda r: r["id"])
    assert [(r["quantity"], r["received_date"] is not None) for r in rows] == [
        (2, False),
        (1, True),
    ]
    figures = inventory(api, m, here)
    assert (figures["in_stock"], figures["expected"]) == (12, 24)
    (stock_row,) = api.get("/inventory", variant_id=m, location_id=here).data
    assert Decimal(stock_row["average_cost"]) == 2  # 24 per box of 12
    # when the rest is received, then it is received and received rows are frozen
    api.post("/purchase_order_receive", {"purchase_order_row_id": rows[0]["id"], "quantity": 2})
    assert api.get(f"/purchase_orders/{po['id']}").body["status"] == "RECEIVED"
    frozen = api.patch(f"/purchase_order_rows/{rows[0]['id']}", {"price_per_unit": 1})
    assert frozen.status == 422
    # and reverting to not received undoes everything (the split row folds back)
    reverted = api.patch(f"/purchase_orders/{po['id']}", {"status": "NOT_RECEIVED"}).body
    assert reverted["status"] == "NOT_RECEIVED"
    assert [(r["quantity"], r["received_date"]) for r in reverted["purchase_order_rows"]] == [
        (3, None)
    ]
    figures = inventory(api, m, here)
    assert (figures["in_stock"], figures["expected"]) == (0, 36)
