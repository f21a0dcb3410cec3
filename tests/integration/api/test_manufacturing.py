"""/manufacturing_orders and the make-to-order, unlink and rerank actions.

The `Shop` builder makes Katana §7's fixture through the API itself (locations, materials,
products and BOM rows), so the behaviour tests drive everything over HTTP.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from makeline.production.models import ManufacturingOrder
from tests import factories as f
from tests import factories_production as fp
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db

MISSING = 987654


# --- builders over HTTP ---------------------------------------------------------------------


def location(api: Api, name: str = "L1") -> int:
    body = {"name": name, "sales_allowed": True, "purchase_allowed": True}
    answer = api.post("/locations", body | {"manufacturing_allowed": True})
    assert answer.status == 200, answer.body
    return int(answer.body["id"])


def material(api: Api, name: str, *, price: float = 10, **fields: Any) -> int:
    body = {"name": name, "uom": "pcs", "variants": [{"sku": name, "purchase_price": price}]}
    answer = api.post("/materials", body | fields)
    assert answer.status == 200, answer.body
    return int(answer.body["variants"][0]["id"])


def product(api: Api, name: str, bom: dict[int, float] | None = None) -> int:
    body = {"name": name, "is_producible": True, "variants": [{"sku": name, "sales_price": 10}]}
    answer = api.post("/products", body)
    assert answer.status == 200, answer.body
    item_id, variant_id = answer.body["id"], answer.body["variants"][0]["id"]
    for ingredient, quantity in (bom or {}).items():
        row = {"product_item_id": item_id, "product_variant_id": variant_id}
        row |= {"ingredient_variant_id": ingredient, "quantity": quantity}
        assert api.post("/bom_rows", row).status == 200
    return int(variant_id)


def stock(api: Api, variant_id: int, quantity: float, *, at: int, cost: float = 1) -> None:
    row = {"variant_id": variant_id, "quantity": quantity, "cost_per_unit": cost}
    body = {"location_id": at, "reason": "opening stock", "stock_adjustment_rows": [row]}
    assert api.post("/stock_adjustments", body).status == 200


def operation(api: Api, variant_id: int, *, seconds: int, cost_per_hour: float) -> None:
    row = {"product_variant_id": variant_id, "operation_name": "Assembly", "type": "process"}
    row |= {"resource_name": "Bench", "planned_time_parameter": seconds}
    answer = api.post(
        "/product_operation_rows", {"rows": [row | {"cost_parameter": cost_per_hour}]}
    )
    assert answer.status == 204, answer.body


@dataclass(frozen=True)
class Shop:
    """Katana §7's fixture: location L1, P = 2 M + 1 S, S = 1 M."""

    here: int
    p: int
    m: int
    s: int


def shop(api: Api) -> Shop:
    here = location(api)
    m = material(api, "M")
    s = product(api, "S", {m: 1})
    return Shop(here=here, p=product(api, "P", {m: 2, s: 1}), m=m, s=s)


def make(api: Api, variant_id: int, quantity: float, *, at: int, **fields: Any) -> dict[str, Any]:
    body = {"variant_id": variant_id, "location_id": at, "planned_quantity": quantity}
    answer = api.post("/manufacturing_orders", body | fields)
    assert answer.status == 200, answer.body
    return answer.body  # type: ignore[no-any-return]


def sales_order(api: Api, rows: dict[int, float], *, at: int, **fields: Any) -> dict[str, Any]:
    customer = api.post("/customers", {"name": "Acme"}).body["id"]
    body = {
        "customer_id": customer,
        "location_id": at,
        "sales_order_rows": [{"variant_id": v, "quantity": q} for v, q in rows.items()],
    }
    answer = api.post("/sales_orders", body | fields)
    assert answer.status == 200, answer.body
    return answer.body  # type: ignore[no-any-return]


# --- manufacturing orders -------------------------------------------------------------------


def test_create_copies_the_recipe_and_answers_the_computed_fields(api: Api) -> None:
    # given P = 2 M + 1 S with a process operation of half an hour per unit at 40/h
    s = shop(api)
    operation(api, s.p, seconds=1800, cost_per_hour=40)
    # when an MO for 4 P is created
    mo = make(api, s.p, 4, at=s.here, additional_info="rush")
    # then it is NOT_STARTED, numbered MO-1, with recipe rows and costs
    assert (mo["status"], mo["order_no"], mo["planned_quantity"]) == ("NOT_STARTED", "MO-1", 4)
    assert (mo["completed_quantity"], mo["remaining_quantity"]) == (0, 4)
    assert mo["includes_partial_completions"] is False
    assert mo["is_linked_to_sales_order"] is False
    assert mo["sales_order_id"] is None
    assert mo["ingredient_availability"] == "NOT_AVAILABLE"
    assert mo["operations_cost"] == 80  # 0.5 h × 4 × 40
    assert mo["total_planned_time"] == 7200
    assert mo["material_cost"] == 80  # 8 M at their purchase price 10
    rows = api.get("/manufacturing_order_recipe_rows", manufacturing_order_id=mo["id"]).data
    assert sorted(r["planned_quantity_per_unit"] for r in rows) == ["1.000000", "2.000000"]


def test_create_refuses_a_product_that_cannot_be_made(api: Api) -> None:
    here = location(api)
    bought = material(api, "Bought")
    answer = api.post(
        "/manufacturing_orders", {"variant_id": bought, "location_id": here, "planned_quantity": 1}
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".variant_id"
    assert not ManufacturingOrder.objects.exists()


def test_create_refuses_another_status_than_not_started(api: Api) -> None:
    s = shop(api)
    body = {"variant_id": s.p, "location_id": s.here, "planned_quantity": 1, "status": "DONE"}
    answer = api.post("/manufacturing_orders", body)
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".status"
    assert not ManufacturingOrder.objects.exists()


def test_list_filters_and_get(api: Api) -> None:
    s = shop(api)
    first = make(api, s.p, 1, at=s.here)
    second = make(api, s.s, 2, at=s.here)
    assert [m["id"] for m in api.get("/manufacturing_orders", variant_id=s.s).data] == [
        second["id"]
    ]
    assert len(api.get("/manufacturing_orders", status="NOT_STARTED").data) == 2
    assert api.get("/manufacturing_orders", is_linked_to_sales_order=True).data == []
    got = api.get(f"/manufacturing_orders/{first['id']}")
    assert (got.status, got.body["order_no"]) == (200, "MO-1")


def test_patch_moves_through_statuses_done_and_back(api: Api) -> None:
    # given an MO for 4 P with its ingredients in stock
    s = shop(api)
    stock(api, s.m, 100, at=s.here)
    stock(api, s.s, 10, at=s.here)
    mo = make(api, s.p, 4, at=s.here)
    path = f"/manufacturing_orders/{mo['id']}"
    # when it is put in progress, then done with 3 actually made
    assert api.patch(path, {"status": "IN_PROGRESS"}).body["status"] == "IN_PROGRESS"
    done = api.patch(path, {"status": "DONE", "actual_quantity": 3})
    # then it is done with its actual quantity and a done date
    assert done.status == 200
    assert (done.body["status"], done.body["actual_quantity"]) == ("DONE", 3)
    assert done.body["done_date"] is not None
    assert done.body["ingredient_availability"] == "PROCESSED"
    # and the done date can be corrected now, but not the quantity
    moved = api.patch(path, {"done_date": "2026-03-02T10:00:00Z"})
    assert moved.body["done_date"].startswith("2026-03-02T10:00:00")
    refused = api.patch(path, {"planned_quantity": 9})
    assert refused.status == 422
    assert refused.body["details"][0]["path"] == ".status"
    # and reverting reopens it with no completion left
    reopened = api.patch(path, {"status": "NOT_STARTED"})
    assert (reopened.body["status"], reopened.body["done_date"]) == ("NOT_STARTED", None)
    assert reopened.body["completed_quantity"] == 0


def test_done_date_is_refused_before_the_order_is_done(api: Api) -> None:
    s = shop(api)
    mo = make(api, s.p, 1, at=s.here)
    answer = api.patch(
        f"/manufacturing_orders/{mo['id']}", {"status": "DONE", "done_date": "2026-03-02T10:00:00Z"}
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".done_date"
    assert ManufacturingOrder.objects.get().status == "NOT_STARTED"


def test_delete_removes_an_open_order(api: Api) -> None:
    s = shop(api)
    mo = make(api, s.p, 1, at=s.here)
    assert api.delete(f"/manufacturing_orders/{mo['id']}").status == 204
    assert not ManufacturingOrder.objects.exists()
    assert api.get(f"/manufacturing_orders/{mo['id']}").status == 404


def test_the_list_costs_a_fixed_number_of_queries(
    api: Api, django_assert_max_num_queries: Any
) -> None:
    # given many MOs with operations, recipes, a done one and an MTO one
    s = shop(api)
    stock(api, s.m, 100, at=s.here)
    stock(api, s.s, 100, at=s.here)
    for _ in range(12):
        make(api, s.p, 2, at=s.here)
    api.patch(f"/manufacturing_orders/{make(api, s.p, 1, at=s.here)['id']}", {"status": "DONE"})
    order = sales_order(api, {s.p: 1}, at=s.here)
    row_id = order["sales_order_rows"][0]["id"]
    api.post("/manufacturing_order_make_to_order", {"sales_order_row_id": row_id})
    # when the list is read, then the page costs the same few queries
    with django_assert_max_num_queries(14):
        page = api.get("/manufacturing_orders", limit=250)
    assert len(page.data) == 14


# --- make to order, unlink, rerank ----------------------------------------------------------


def test_make_to_order_then_unlink(api: Api) -> None:
    s = shop(api)
    order = sales_order(api, {s.p: 5}, at=s.here)
    row_id = order["sales_order_rows"][0]["id"]
    mo = api.post("/manufacturing_order_make_to_order", {"sales_order_row_id": row_id})
    assert mo.status == 200
    assert (mo.body["sales_order_id"], mo.body["sales_order_row_id"]) == (order["id"], row_id)
    # when the row is unlinked, then the MO is make-to-stock and keeps everything else
    unlinked = api.post("/manufacturing_order_unlink", {"sales_order_row_id": row_id})
    assert (unlinked.status, unlinked.body) == (204, None)
    after = api.get(f"/manufacturing_orders/{mo.body['id']}").body
    assert (after["is_linked_to_sales_order"], after["planned_quantity"]) == (False, 5)
    # and unlinking again is refused on the row
    again = api.post("/manufacturing_order_unlink", {"sales_order_row_id": row_id})
    assert again.status == 422
    assert again.body["details"][0]["path"] == ".sales_order_row_id"


def test_make_to_order_of_an_unknown_row_is_a_body_error(api: Api) -> None:
    answer = api.post("/manufacturing_order_make_to_order", {"sales_order_row_id": MISSING})
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".sales_order_row_id"


def test_rerank_places_a_block_in_the_given_order(api: Api) -> None:
    # given four MOs in creation order a, b, c, d
    s = shop(api)
    a, b, c, d = (make(api, s.p, 1, at=s.here)["id"] for _ in range(4))
    # when d and b are placed, in that order, above a
    answer = api.post(
        "/manufacturing_order_rerank", {"order_ids": [d, b], "place": {"before_id": a}}
    )
    # then the schedule reads d, b, a, c; and again the same request changes nothing
    assert (answer.status, answer.body) == (204, None)

    def schedule() -> list[int]:
        return list(ManufacturingOrder.objects.order_by("rank", "id").values_list("pk", flat=True))

    assert schedule() == [d, b, a, c]
    api.post("/manufacturing_order_rerank", {"order_ids": [d, b], "place": {"before_id": a}})
    assert schedule() == [d, b, a, c]
    # and a block goes to the bottom, or after a given order
    api.post("/manufacturing_order_rerank", {"order_ids": [d], "place": {"position": "bottom"}})
    assert schedule() == [b, a, c, d]
    api.post("/manufacturing_order_rerank", {"order_ids": [c], "place": {"after_id": d}})
    assert schedule() == [b, a, d, c]


def test_rerank_refuses_a_place_inside_the_block_and_two_places(api: Api) -> None:
    s = shop(api)
    a, b = (make(api, s.p, 1, at=s.here)["id"] for _ in range(2))
    inside = api.post(
        "/manufacturing_order_rerank", {"order_ids": [a, b], "place": {"after_id": b}}
    )
    assert inside.status == 422
    assert inside.body["details"][0]["path"] == ".place.after_id"
    both = api.post(
        "/manufacturing_order_rerank", {"order_ids": [a], "place": {"after_id": b, "before_id": b}}
    )
    assert both.status == 422
    assert both.body["details"][0]["path"] == ".place"
    unknown = api.post("/manufacturing_order_rerank", {"order_ids": [MISSING], "place": {}})
    assert unknown.status == 422


# --- contract: 401, 404, 422 and paging on every endpoint ------------------------------------

ENDPOINTS = [
    ("get", "/manufacturing_orders"),
    ("post", "/manufacturing_orders"),
    ("get", "/manufacturing_orders/{id}"),
    ("patch", "/manufacturing_orders/{id}"),
    ("delete", "/manufacturing_orders/{id}"),
    ("post", "/manufacturing_order_make_to_order"),
    ("post", "/manufacturing_order_unlink"),
    ("post", "/manufacturing_order_rerank"),
    ("get", "/manufacturing_order_recipe_rows"),
    ("post", "/manufacturing_order_recipe_rows"),
    ("get", "/manufacturing_order_recipe_rows/{id}"),
    ("patch", "/manufacturing_order_recipe_rows/{id}"),
    ("delete", "/manufacturing_order_recipe_rows/{id}"),
    ("get", "/manufacturing_order_operation_rows"),
    ("post", "/manufacturing_order_operation_rows"),
    ("get", "/manufacturing_order_operation_rows/{id}"),
    ("patch", "/manufacturing_order_operation_rows/{id}"),
    ("delete", "/manufacturing_order_operation_rows/{id}"),
    ("get", "/manufacturing_order_productions"),
    ("post", "/manufacturing_order_productions"),
    ("get", "/manufacturing_order_productions/{id}"),
    ("delete", "/manufacturing_order_productions/{id}"),
]


def _send(api: Api, method: str, path: str, body: Any = None) -> Any:
    if method in ("get", "delete"):
        return getattr(api, method)(path)
    return getattr(api, method)(path, {} if body is None else body)


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_endpoint_refuses_a_request_without_a_key(api: Api, method: str, path: str) -> None:
    answer = _send(api.as_token(None), method, path.replace("{id}", "1"))
    assert answer.status == 401


@pytest.mark.parametrize(("method", "path"), [e for e in ENDPOINTS if "{id}" in e[1]])
def test_every_endpoint_with_an_id_answers_404_for_an_unknown_one(
    api: Api, method: str, path: str
) -> None:
    answer = _send(api, method, path.replace("{id}", str(MISSING)))
    assert answer.status == 404
    assert answer.body == {"statusCode": 404, "name": "NotFoundError", "message": "Not found"}


def _existing(path: str) -> str:
    """`path` with the id of an existing object of its kind."""
    m = f.material()
    p = f.product(bom={m: "1"})
    f.operation(p)
    mo = fp.mo(p, 2)
    ids = {
        "/manufacturing_orders/{id}": mo.pk,
        "/manufacturing_order_recipe_rows/{id}": mo.recipe_rows.get().pk,
        "/manufacturing_order_operation_rows/{id}": mo.operation_rows.get().pk,
    }
    return path.replace("{id}", str(ids.get(path, 1)))


@pytest.mark.parametrize(("method", "path"), [e for e in ENDPOINTS if e[0] in ("post", "patch")])
def test_every_write_refuses_an_unknown_field_with_ajv_details(
    api: Api, method: str, path: str
) -> None:
    answer = _send(api, method, _existing(path), {"no_such_field": 1})
    assert answer.status == 422
    assert {
        "path": "",
        "code": "additionalProperties",
        "message": "should NOT have additional properties",
        "info": {"additionalProperty": "no_such_field"},
    } in answer.body["details"]


@pytest.mark.parametrize(
    "path",
    [
        "/manufacturing_orders",
        "/manufacturing_order_recipe_rows",
        "/manufacturing_order_operation_rows",
        "/manufacturing_order_productions",
    ],
)
def test_every_list_pages_with_katana_x_pagination(api: Api, path: str) -> None:
    # given three MOs with one ingredient, one operation and one partial completion each
    m = f.material()
    p = f.product(bom={m: "1"})
    f.operation(p)
    f.stock(m, 100)
    for _ in range(3):
        api.post(
            "/manufacturing_order_productions",
            {"manufacturing_order_id": fp.mo(p, 5).pk, "completed_quantity": 1},
        )
    # when read two at a time, then two pages hold them and the third is empty
    first, second, third = (api.get(path, limit=2, page=page) for page in (1, 2, 3))
    assert [len(first.data), len(second.data), len(third.data)] == [2, 1, 0]
    assert first.pagination["total_records"] == "3"
    assert (second.pagination["offset"], second.pagination["last_page"]) == ("2", "true")
