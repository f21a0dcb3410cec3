"""/manufacturing_order_recipe_rows, /manufacturing_order_operation_rows and
/manufacturing_order_productions."""

from typing import Any

import pytest

from makeline.inventory.models import StockMove
from makeline.production.models import OperationRow, Production, RecipeRow
from tests.integration.api.conftest import Api
from tests.integration.api.test_manufacturing import make, material, operation, shop, stock

pytestmark = pytest.mark.django_db


# --- recipe rows ----------------------------------------------------------------------------


def test_recipe_row_create_update_delete_on_an_open_order(api: Api) -> None:
    s = shop(api)
    mo = make(api, s.p, 2, at=s.here)
    glue = material(api, "Glue", price=3)
    # create
    created = api.post(
        "/manufacturing_order_recipe_rows",
        {"manufacturing_order_id": mo["id"], "variant_id": glue, "planned_quantity_per_unit": 0.5},
    )
    assert created.status == 200
    row = created.body
    assert (row["planned_quantity_per_unit"], row["total_remaining_quantity"]) == ("0.500000", 1)
    assert (row["ingredient_availability"], row["cost"]) == ("NOT_AVAILABLE", "3.000000")
    # update: actual total and notes
    updated = api.patch(
        f"/manufacturing_order_recipe_rows/{row['id']}",
        {"total_actual_quantity": 1.5, "notes": "spilled"},
    )
    assert (updated.body["total_actual_quantity"], updated.body["notes"]) == ("1.500000", "spilled")
    # get and delete
    assert api.get(f"/manufacturing_order_recipe_rows/{row['id']}").body["id"] == row["id"]
    assert api.delete(f"/manufacturing_order_recipe_rows/{row['id']}").status == 204
    assert RecipeRow.objects.count() == 2


def test_recipe_rows_filter_by_availability_from_the_plan(api: Api) -> None:
    # given M in stock for the MO but no S
    s = shop(api)
    stock(api, s.m, 10, at=s.here)
    mo = make(api, s.p, 2, at=s.here)
    # when the missing ingredients are asked for (Katana §2.6 step 4)
    missing = api.get(
        "/manufacturing_order_recipe_rows",
        manufacturing_order_id=mo["id"],
        ingredient_availability="NOT_AVAILABLE",
    ).data
    in_stock = api.get("/manufacturing_order_recipe_rows", ingredient_availability="IN_STOCK").data
    # then S is missing and M is in stock
    assert [r["variant_id"] for r in missing] == [s.s]
    assert [r["variant_id"] for r in in_stock] == [s.m]
    assert (
        api.get("/manufacturing_order_recipe_rows", ingredient_availability="PROCESSED").data == []
    )


def test_recipe_rows_of_a_done_order_are_frozen(api: Api) -> None:
    s = shop(api)
    stock(api, s.m, 10, at=s.here)
    stock(api, s.s, 10, at=s.here)
    mo = make(api, s.p, 1, at=s.here)
    api.patch(f"/manufacturing_orders/{mo['id']}", {"status": "DONE"})
    row = RecipeRow.objects.filter(variant_id=s.m).get()
    answer = api.patch(
        f"/manufacturing_order_recipe_rows/{row.pk}", {"planned_quantity_per_unit": 9}
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".status"
    row.refresh_from_db()
    assert row.planned_quantity_per_unit == 2
    done = api.get(f"/manufacturing_order_recipe_rows/{row.pk}").body
    assert (done["ingredient_availability"], done["total_consumed_quantity"]) == ("PROCESSED", 2)
    assert (done["total_remaining_quantity"], done["cost"]) == (0, "2.000000")  # 2 × cost 1


def test_recipe_row_of_an_unknown_order_is_a_body_error(api: Api) -> None:
    m = material(api, "M")
    answer = api.post(
        "/manufacturing_order_recipe_rows",
        {"manufacturing_order_id": 987654, "variant_id": m, "planned_quantity_per_unit": 1},
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".manufacturing_order_id"


def test_recipe_row_list_costs_a_fixed_number_of_queries(
    api: Api, django_assert_max_num_queries: Any
) -> None:
    s = shop(api)
    for _ in range(10):
        make(api, s.p, 1, at=s.here)
    with django_assert_max_num_queries(8):
        page = api.get("/manufacturing_order_recipe_rows", limit=250)
    assert len(page.data) == 20


# --- operation rows -------------------------------------------------------------------------


def test_operation_rows_drive_the_order_status(api: Api) -> None:
    # given an MO with one operation from the product's routing
    s = shop(api)
    stock(api, s.m, 10, at=s.here)
    stock(api, s.s, 10, at=s.here)
    operation(api, s.p, seconds=1800, cost_per_hour=40)
    mo = make(api, s.p, 2, at=s.here)
    (first,) = api.get("/manufacturing_order_operation_rows", manufacturing_order_id=mo["id"]).data
    assert (first["planned_time_parameter"], first["planned_cost_per_unit"]) == (
        "1800.000000",
        "20.000000",
    )
    # when a second operation is added, by the name of a new resource
    added = api.post(
        "/manufacturing_order_operation_rows",
        {
            "manufacturing_order_id": mo["id"],
            "status": "NOT_STARTED",
            "operation_name": "Pack",
            "resource_name": "Packing table",
            "type": "fixed",
            "cost_parameter": 5,
        },
    )
    assert (added.status, added.body["resource_name"]) == (200, "Packing table")
    # then starting one puts the MO in progress
    path = f"/manufacturing_order_operation_rows/{first['id']}"
    assert api.patch(path, {"status": "IN_PROGRESS"}).body["status"] == "IN_PROGRESS"
    assert api.get(f"/manufacturing_orders/{mo['id']}").body["status"] == "IN_PROGRESS"
    # and logging time and completing both completes the MO
    logged = api.patch(path, {"status": "COMPLETED", "total_actual_time": 3600})
    # (an hour at the hourly cost copied from the resource)
    assert logged.body["total_actual_time"] == "3600.000000"
    assert logged.body["total_actual_cost"] == logged.body["cost_per_hour"]
    api.patch(f"/manufacturing_order_operation_rows/{added.body['id']}", {"status": "COMPLETED"})
    assert api.get(f"/manufacturing_orders/{mo['id']}").body["status"] == "DONE"
    # and on the done MO an operation can no longer be removed
    refused = api.delete(path)
    assert refused.status == 422
    assert OperationRow.objects.count() == 2


def test_operation_row_update_and_delete_on_an_open_order(api: Api) -> None:
    s = shop(api)
    operation(api, s.p, seconds=60, cost_per_hour=40)
    mo = make(api, s.p, 1, at=s.here)
    row = OperationRow.objects.get()
    path = f"/manufacturing_order_operation_rows/{row.pk}"
    renamed = api.patch(path, {"operation_name": "Glue", "planned_time_parameter": 120})
    assert (renamed.body["operation_name"], renamed.body["planned_time_per_unit"]) == (
        "Glue",
        "120.000000",
    )
    assert api.patch(path, {"status": "FINISHED"}).status == 422
    assert api.delete(path).status == 204
    assert (
        api.get("/manufacturing_order_operation_rows", manufacturing_order_id=mo["id"]).data == []
    )


# --- productions ----------------------------------------------------------------------------


def test_partial_then_final_production_and_reverting_them(api: Api) -> None:
    # given an MO for 4 P with its ingredients in stock
    s = shop(api)
    stock(api, s.m, 20, at=s.here, cost=2)
    stock(api, s.s, 10, at=s.here, cost=5)
    mo = make(api, s.p, 4, at=s.here)
    # when 1 is completed, then the MO is partially completed
    partial = api.post(
        "/manufacturing_order_productions",
        {"manufacturing_order_id": mo["id"], "completed_quantity": 1},
    )
    assert partial.status == 200
    assert partial.body["quantity"] == 1
    assert sorted(i["quantity"] for i in partial.body["ingredients"]) == [1, 2]
    after = api.get(f"/manufacturing_orders/{mo['id']}").body
    assert (after["status"], after["includes_partial_completions"]) == ("PARTIALLY_COMPLETED", True)
    assert (after["completed_quantity"], after["remaining_quantity"]) == (1, 3)
    # when a final production of 3 follows, then the MO is done with 4
    final = api.post(
        "/manufacturing_order_productions",
        {"manufacturing_order_id": mo["id"], "completed_quantity": 3, "is_final": True},
    )
    assert (final.status, final.body["quantity"]) == (200, 3)
    done = api.get(f"/manufacturing_orders/{mo['id']}").body
    assert (done["status"], done["actual_quantity"]) == ("DONE", 4)
    # then the final one cannot be deleted alone, the partial one can't either while done
    refused = api.delete(f"/manufacturing_order_productions/{final.body['id']}")
    assert refused.status == 422
    assert "final production" in refused.body["message"]
    assert Production.objects.filter(reverted_at__isnull=True).count() == 2
    # and setting the MO back reverts both: the list shows them only as deleted
    api.patch(f"/manufacturing_orders/{mo['id']}", {"status": "NOT_STARTED"})
    assert api.get("/manufacturing_order_productions").data == []
    assert len(api.get("/manufacturing_order_productions", include_deleted=True).data) == 2


def test_deleting_the_only_production_reverts_the_order(api: Api) -> None:
    s = shop(api)
    stock(api, s.m, 20, at=s.here)
    stock(api, s.s, 10, at=s.here)
    mo = make(api, s.p, 4, at=s.here)
    body = {"manufacturing_order_id": mo["id"], "completed_quantity": 2}
    production = api.post("/manufacturing_order_productions", body).body
    moves = StockMove.objects.count()
    assert api.delete(f"/manufacturing_order_productions/{production['id']}").status == 204
    assert api.get(f"/manufacturing_orders/{mo['id']}").body["status"] == "NOT_STARTED"
    assert StockMove.objects.count() == moves + 3  # output and two ingredients reversed
    assert api.get(f"/manufacturing_order_productions/{production['id']}").status == 404


def test_a_partial_production_of_everything_is_refused(api: Api) -> None:
    s = shop(api)
    mo = make(api, s.p, 2, at=s.here)
    answer = api.post(
        "/manufacturing_order_productions",
        {"manufacturing_order_id": mo["id"], "completed_quantity": 2},
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".completed_quantity"
    assert not Production.objects.exists()
