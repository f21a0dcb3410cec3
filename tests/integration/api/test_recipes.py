"""/bom_rows and /product_operation_rows (with batch create and rerank)."""

import pytest

from makeline.catalog.models import BomRow, RoutingRow
from tests import factories as f
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_bom_row_create_list_update_delete(api: Api) -> None:
    product, wood = f.product("Table"), f.material("Oak")
    # create
    created = api.post(
        "/bom_rows",
        {
            "product_item_id": product.item_id,
            "product_variant_id": product.pk,
            "ingredient_variant_id": wood.pk,
            "quantity": 2.5,
            "notes": "legs",
        },
    )
    assert created.status == 200
    row_id = created.body["id"]
    assert (created.body["quantity"], created.body["notes"]) == (2.5, "legs")
    # list by product
    listed = api.get("/bom_rows", product_variant_id=product.pk)
    assert [r["id"] for r in listed.data] == [row_id]
    # update
    updated = api.patch(f"/bom_rows/{row_id}", {"quantity": 3})
    assert updated.body["quantity"] == 3
    # delete (hard: BOM rows have no deleted_at in Katana either)
    assert api.delete(f"/bom_rows/{row_id}").status == 204
    assert not BomRow.objects.exists()


def test_a_bom_cycle_is_refused_with_the_field_at_fault(api: Api) -> None:
    sub = f.product("Sub")
    top = f.product("Top", bom={sub: "1"})
    answer = api.post(
        "/bom_rows",
        {
            "product_item_id": sub.item_id,
            "product_variant_id": sub.pk,
            "ingredient_variant_id": top.pk,
            "quantity": 1,
        },
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".ingredient_variant_id"
    assert "cycle" in answer.body["message"]
    assert BomRow.objects.count() == 1


def test_batch_create_adds_all_rows_or_none(api: Api) -> None:
    product, a, b = f.product(), f.material(), f.material()
    row = {"product_item_id": product.item_id, "product_variant_id": product.pk}
    # when the second row of a batch is wrong
    refused = api.post(
        "/bom_rows/batch/create",
        {
            "data": [
                {**row, "ingredient_variant_id": a.pk, "quantity": 1},
                {**row, "ingredient_variant_id": b.pk, "quantity": 0},
            ]
        },
    )
    # then the batch is refused at that row and nothing is saved
    assert refused.status == 422
    assert refused.body["details"][0]["path"] == ".data[1].quantity"
    assert not BomRow.objects.exists()
    # and a good batch answers 204 and saves every row
    accepted = api.post(
        "/bom_rows/batch/create",
        {
            "data": [
                {**row, "ingredient_variant_id": a.pk, "quantity": 1},
                {**row, "ingredient_variant_id": b.pk, "quantity": 2},
            ]
        },
    )
    assert (accepted.status, accepted.body) == (204, None)
    assert BomRow.objects.count() == 2


def test_operation_rows_create_in_bulk_then_list_update_delete(api: Api) -> None:
    product = f.product("Cabinet")
    resource = f.resource("Saw", cost_per_hour="60")
    # create two rows: one on an existing resource, one on a new resource named in the body
    created = api.post(
        "/product_operation_rows",
        {
            "rows": [
                {
                    "product_variant_id": product.pk,
                    "operation_name": "Cut",
                    "resource_id": resource.pk,
                    "type": "process",
                    "planned_time_parameter": 1800,
                    "cost_parameter": 60,
                },
                {
                    "product_variant_id": product.pk,
                    "operation_name": "Pack",
                    "resource_name": "Packing table",
                    "type": "fixed",
                    "cost_parameter": 2,
                },
            ]
        },
    )
    assert created.status == 204
    rows = api.get("/product_operation_rows", product_id=product.item_id).data
    assert [(r["operation_name"], r["resource_name"]) for r in rows] == [
        ("Cut", "Saw"),
        ("Pack", "Packing table"),
    ]
    assert rows[0]["planned_cost_per_unit"] == 30  # half an hour at 60 per hour
    # update
    row_id = rows[0]["product_operation_row_id"]
    updated = api.patch(f"/product_operation_rows/{row_id}", {"operation_name": "Cut to size"})
    assert updated.body["operation_name"] == "Cut to size"
    # delete
    assert api.delete(f"/product_operation_rows/{row_id}").status == 204
    assert RoutingRow.objects.count() == 1


def test_bulk_create_without_keep_current_rows_replaces_them(api: Api) -> None:
    product = f.product()
    f.operation(product, name="Old step")
    resource = f.resource()
    api.post(
        "/product_operation_rows",
        {
            "keep_current_rows": False,
            "rows": [
                {
                    "product_variant_id": product.pk,
                    "operation_name": "New",
                    "resource_id": resource.pk,
                }
            ],
        },
    )
    assert list(RoutingRow.objects.values_list("operation_name", flat=True)) == ["New"]


def test_an_operation_row_without_a_resource_is_refused(api: Api) -> None:
    product = f.product()
    answer = api.post(
        "/product_operation_rows",
        {"rows": [{"product_variant_id": product.pk, "operation_name": "X"}]},
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".rows[0].resource_id"
    assert not RoutingRow.objects.exists()


def test_rerank_moves_an_operation_after_another(api: Api) -> None:
    product = f.product()
    for name in ("A", "B", "C"):
        f.operation(product, name=name)
    a, b, c = RoutingRow.objects.order_by("rank")
    # when C is moved right after A
    answer = api.post(
        "/product_operation_rerank",
        {"rank_product_operation_id": c.pk, "preceding_product_operation_id": a.pk},
    )
    # then the order is A, C, B
    assert answer.body == {"message": "Product operation successfully reordered", "success": True}
    ranks = {r["operation_name"]: r["rank"] for r in api.get("/product_operation_rows").data}
    assert sorted(ranks, key=ranks.__getitem__) == ["A", "C", "B"]
    # and without a preceding one it goes to the top
    api.post("/product_operation_rerank", {"rank_product_operation_id": b.pk})
    assert list(RoutingRow.objects.order_by("rank").values_list("operation_name", flat=True)) == [
        "B",
        "A",
        "C",
    ]


def test_rerank_refuses_an_operation_of_another_product(api: Api) -> None:
    one, other = f.product(), f.product()
    f.operation(one)
    f.operation(other)
    mine, theirs = RoutingRow.objects.order_by("id")
    answer = api.post(
        "/product_operation_rerank",
        {"rank_product_operation_id": mine.pk, "preceding_product_operation_id": theirs.pk},
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".preceding_product_operation_id"
