"""/purchase_orders, /purchase_order_rows and /purchase_order_receive."""

from typing import Any

import pytest

from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow
from tests import factories as f
from tests import factories_purchasing as fpo
from tests.integration.api.conftest import Api
from tests.integration.api.test_manufacturing import location, material

pytestmark = pytest.mark.django_db

MISSING = 987654


def supplier(api: Api, name: str = "Woodland") -> int:
    return int(api.post("/suppliers", {"name": name, "currency": "EUR"}).body["id"])


def purchase_order(
    api: Api, rows: list[dict[str, Any]], *, at: int, **fields: Any
) -> dict[str, Any]:
    body = {"supplier_id": supplier(api), "location_id": at, "purchase_order_rows": rows}
    answer = api.post("/purchase_orders", body | fields)
    assert answer.status == 200, answer.body
    return answer.body  # type: ignore[no-any-return]


# --- purchase orders ------------------------------------------------------------------------


def test_create_with_rows_then_get_and_list(api: Api) -> None:
    here, oak = location(api), material(api, "Oak", price=4)
    order = purchase_order(
        api,
        [{"variant_id": oak, "quantity": 3, "price_per_unit": 5}],
        at=here,
        status="DRAFT",
        expected_arrival_date="2026-03-10T00:00:00Z",
        additional_info="call first",
    )
    assert (order["status"], order["order_no"], order["entity_type"]) == (
        "DRAFT",
        "PO-1",
        "regular",
    )
    assert (order["total"], order["currency"], order["tracking_location_id"]) == (15, "EUR", None)
    (row,) = order["purchase_order_rows"]
    assert (row["quantity"], row["price_per_unit"], row["total"]) == (3, 5, 15)
    assert row["arrival_date"].startswith("2026-03-10")
    got = api.get(f"/purchase_orders/{order['id']}", extend=["supplier"])
    assert got.body["supplier"]["name"] == "Woodland"
    assert [o["id"] for o in api.get("/purchase_orders", status="DRAFT").data] == [order["id"]]
    assert api.get("/purchase_orders", entity_type="outsourced").data == []


def test_create_points_at_the_row_at_fault(api: Api) -> None:
    here, oak = location(api), material(api, "Oak")
    rows = [
        {"variant_id": oak, "quantity": 1, "price_per_unit": 1},
        {"variant_id": MISSING, "quantity": 1, "price_per_unit": 1},
    ]
    body = {"supplier_id": supplier(api), "location_id": here, "purchase_order_rows": rows}
    answer = api.post("/purchase_orders", body)
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".purchase_order_rows[1].variant_id"
    assert not PurchaseOrder.objects.exists()


def test_outsourced_orders_are_refused(api: Api) -> None:
    here, oak = location(api), material(api, "Oak")
    body = {
        "supplier_id": supplier(api),
        "location_id": here,
        "entity_type": "outsourced",
        "purchase_order_rows": [{"variant_id": oak, "quantity": 1, "price_per_unit": 1}],
    }
    answer = api.post("/purchase_orders", body)
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".entity_type"
    assert not PurchaseOrder.objects.exists()


def test_patch_header_and_status_rules(api: Api) -> None:
    here, oak = location(api), material(api, "Oak")
    order = purchase_order(
        api, [{"variant_id": oak, "quantity": 2, "price_per_unit": 1}], at=here, status="DRAFT"
    )
    path = f"/purchase_orders/{order['id']}"
    # a draft is confirmed, received in full, and reverted
    edited = api.patch(path, {"order_no": "PO-OAK", "status": "NOT_RECEIVED"})
    assert (edited.body["order_no"], edited.body["status"]) == ("PO-OAK", "NOT_RECEIVED")
    received = api.patch(path, {"status": "RECEIVED"})
    assert received.body["status"] == "RECEIVED"
    assert received.body["purchase_order_rows"][0]["received_date"] is not None
    # the supplier of a received order is fixed
    refused = api.patch(path, {"supplier_id": supplier(api, "Other")})
    assert refused.status == 422
    assert refused.body["details"][0]["path"] == ".supplier_id"
    reverted = api.patch(path, {"status": "NOT_RECEIVED"})
    assert reverted.body["status"] == "NOT_RECEIVED"
    assert reverted.body["purchase_order_rows"][0]["received_date"] is None
    # and PARTIALLY_RECEIVED cannot be set by hand
    assert api.patch(path, {"status": "PARTIALLY_RECEIVED"}).status == 422


def test_a_partially_received_order_cannot_be_reverted_by_patch(api: Api) -> None:
    order = fpo.purchase_order(fpo.row(f.material(), 4))
    fpo.receive(order.rows.get(), 1)
    before = fpo.snapshot()
    answer = api.patch(f"/purchase_orders/{order.pk}", {"status": "NOT_RECEIVED"})
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".status"
    assert fpo.snapshot() == before


def test_delete_answers_412_in_katanas_wrapped_body_once_something_was_received(api: Api) -> None:
    open_order = fpo.purchase_order()
    assert api.delete(f"/purchase_orders/{open_order.pk}").status == 204
    received = fpo.purchase_order(fpo.row(f.material(), 2))
    fpo.receive(received.rows.get(), 2)
    answer = api.delete(f"/purchase_orders/{received.pk}")
    assert answer.status == 412
    assert answer.body["error"]["statusCode"] == 412
    assert answer.body["error"]["name"] == "PreconditionFailedError"
    assert "received" in answer.body["error"]["message"]
    assert PurchaseOrder.objects.filter(pk=received.pk).exists()


def test_the_list_costs_a_fixed_number_of_queries(
    api: Api, django_assert_max_num_queries: Any
) -> None:
    m = f.material()
    for _ in range(10):
        fpo.purchase_order(fpo.row(m, 1), fpo.row(m, 2))
    with django_assert_max_num_queries(8):
        page = api.get("/purchase_orders", limit=250, extend=["supplier"])
    assert len(page.data) == 10


# --- rows and receiving ---------------------------------------------------------------------


def test_row_create_update_delete(api: Api) -> None:
    order = fpo.purchase_order(fpo.row(f.material(), 1))
    oak = f.material("Oak")
    created = api.post(
        "/purchase_order_rows",
        {"purchase_order_id": order.pk, "variant_id": oak.pk, "quantity": 5, "price_per_unit": 2},
    )
    assert (created.status, created.body["total"]) == (200, 10)
    path = f"/purchase_order_rows/{created.body['id']}"
    assert api.patch(path, {"quantity": 6}).body["quantity"] == 6
    assert api.get(path).body["purchase_order_id"] == order.pk
    listed = api.get("/purchase_order_rows", purchase_order_id=order.pk, variant_id=oak.pk).data
    assert [r["id"] for r in listed] == [created.body["id"]]
    assert api.delete(path).status == 204
    assert order.rows.count() == 1


def test_a_received_row_is_frozen(api: Api) -> None:
    order = fpo.purchase_order(fpo.row(f.material(), 2))
    row = fpo.receive(order.rows.get(), 2)
    before = fpo.snapshot()
    answer = api.patch(f"/purchase_order_rows/{row.pk}", {"quantity": 3})
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".received_date"
    assert api.delete(f"/purchase_order_rows/{row.pk}").status == 422
    assert fpo.snapshot() == before


def test_receive_takes_one_row_object_or_an_array(api: Api) -> None:
    m = f.material()
    order = fpo.purchase_order(fpo.row(m, 2), fpo.row(m, 3))
    first, second = order.rows.order_by("id")
    single = api.post("/purchase_order_receive", {"purchase_order_row_id": first.pk, "quantity": 2})
    assert (single.status, single.body) == (204, None)
    order.refresh_from_db()
    assert order.status == "PARTIALLY_RECEIVED"
    many = api.post(
        "/purchase_order_receive", [{"purchase_order_row_id": second.pk, "quantity": 3}]
    )
    assert many.status == 204
    order.refresh_from_db()
    assert order.status == "RECEIVED"


def test_receive_refuses_an_unknown_row_and_receives_nothing(api: Api) -> None:
    order = fpo.purchase_order(fpo.row(f.material(), 2))
    before = fpo.snapshot()
    answer = api.post(
        "/purchase_order_receive",
        [
            {"purchase_order_row_id": order.rows.get().pk, "quantity": 2},
            {"purchase_order_row_id": MISSING, "quantity": 1},
        ],
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"].endswith("purchase_order_row_id")
    assert fpo.snapshot() == before
    bad = api.post("/purchase_order_receive", {"purchase_order_row_id": 1})
    assert bad.status == 422


# --- contract: 401, 404, 422 and paging on every endpoint ------------------------------------

ENDPOINTS = [
    ("get", "/purchase_orders"),
    ("post", "/purchase_orders"),
    ("get", "/purchase_orders/{id}"),
    ("patch", "/purchase_orders/{id}"),
    ("delete", "/purchase_orders/{id}"),
    ("get", "/purchase_order_rows"),
    ("post", "/purchase_order_rows"),
    ("get", "/purchase_order_rows/{id}"),
    ("patch", "/purchase_order_rows/{id}"),
    ("delete", "/purchase_order_rows/{id}"),
    ("post", "/purchase_order_receive"),
]


def _send(api: Api, method: str, path: str, body: Any = None) -> Any:
    if method in ("get", "delete"):
        return getattr(api, method)(path)
    return getattr(api, method)(path, {} if body is None else body)


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_endpoint_refuses_a_request_without_a_key(api: Api, method: str, path: str) -> None:
    assert _send(api.as_token(None), method, path.replace("{id}", "1")).status == 401


@pytest.mark.parametrize(("method", "path"), [e for e in ENDPOINTS if "{id}" in e[1]])
def test_every_endpoint_with_an_id_answers_404_for_an_unknown_one(
    api: Api, method: str, path: str
) -> None:
    answer = _send(api, method, path.replace("{id}", str(MISSING)))
    assert answer.status == 404
    assert answer.body == {"statusCode": 404, "name": "NotFoundError", "message": "Not found"}


@pytest.mark.parametrize(("method", "path"), [e for e in ENDPOINTS if e[0] in ("post", "patch")])
def test_every_write_refuses_an_unknown_field_with_ajv_details(
    api: Api, method: str, path: str
) -> None:
    order = fpo.purchase_order()
    ids = {"/purchase_orders/{id}": order.pk, "/purchase_order_rows/{id}": order.rows.get().pk}
    answer = _send(api, method, path.replace("{id}", str(ids.get(path, 1))), {"no_such_field": 1})
    assert answer.status == 422
    assert {
        "path": "",
        "code": "additionalProperties",
        "message": "should NOT have additional properties",
        "info": {"additionalProperty": "no_such_field"},
    } in answer.body["details"]


@pytest.mark.parametrize("path", ["/purchase_orders", "/purchase_order_rows"])
def test_every_list_pages_with_katana_x_pagination(api: Api, path: str) -> None:
    for _ in range(3):
        fpo.purchase_order()
    first, second, third = (api.get(path, limit=2, page=page) for page in (1, 2, 3))
    assert [len(first.data), len(second.data), len(third.data)] == [2, 1, 0]
    assert first.pagination["total_records"] == "3"
    assert (second.pagination["offset"], second.pagination["last_page"]) == ("2", "true")


def test_row_lists_filter_by_order_location(api: Api) -> None:
    elsewhere = f.location("Annex", purchase_allowed=True)
    fpo.purchase_order()
    far = fpo.purchase_order(at=elsewhere)
    rows = api.get("/purchase_order_rows", location_id=elsewhere.pk).data
    assert [r["id"] for r in rows] == list(
        PurchaseOrderRow.objects.filter(purchase_order=far).values_list("pk", flat=True)
    )
