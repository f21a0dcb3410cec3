"""The sales endpoints' contract, as test_contract.py checks it for the others: 401 without
a key, 404 for an unknown id, 422 with Ajv details for an unknown body field, and Katana
paging on every list. Every answer is checked against Katana's spec by the `api` fixture."""

from collections.abc import Callable
from typing import Any

import pytest

from makeline.sales import addresses, fulfilment
from makeline.sales.enums import FulfillmentStatus
from makeline.sales.validation import AddressSpec
from tests import factories_sales as fs
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db

MISSING = 987654

ENDPOINTS = [
    ("get", "/sales_orders"),
    ("post", "/sales_orders"),
    ("get", "/sales_orders/1"),
    ("patch", "/sales_orders/1"),
    ("delete", "/sales_orders/1"),
    ("post", "/sales_orders/search"),
    ("post", "/sales_order_rerank"),
    ("get", "/sales_order_rows"),
    ("post", "/sales_order_rows"),
    ("get", "/sales_order_rows/1"),
    ("patch", "/sales_order_rows/1"),
    ("delete", "/sales_order_rows/1"),
    ("get", "/sales_order_addresses"),
    ("post", "/sales_order_addresses"),
    ("patch", "/sales_order_addresses/1"),
    ("delete", "/sales_order_addresses/1"),
    ("get", "/sales_order_fulfillments"),
    ("post", "/sales_order_fulfillments"),
    ("get", "/sales_order_fulfillments/1"),
    ("patch", "/sales_order_fulfillments/1"),
    ("delete", "/sales_order_fulfillments/1"),
    ("get", "/sales_order_rows/1/explanation"),
    ("get", "/sales_order_rows/1/missing_materials"),
    ("get", "/sales_orders/1/missing_materials"),
]


def _send(api: Api, method: str, path: str, body: Any = None) -> Any:
    if method in ("get", "delete"):
        return getattr(api, method)(path)
    return getattr(api, method)(path, body if body is not None else {})


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_sales_endpoint_refuses_a_request_without_a_key(
    api: Api, method: str, path: str
) -> None:
    answer = _send(api.as_token(None), method, path)
    assert answer.status == 401
    assert answer.body["name"] == "UnauthorizedError"


BY_ID = [(m, p.replace("/1", f"/{MISSING}")) for m, p in ENDPOINTS if "/1" in p]


@pytest.mark.parametrize(("method", "path"), BY_ID)
def test_every_sales_endpoint_with_an_id_answers_404_for_an_unknown_one(
    api: Api, method: str, path: str
) -> None:
    answer = _send(api, method, path, {})
    assert answer.status == 404
    assert answer.body == {"statusCode": 404, "name": "NotFoundError", "message": "Not found"}


def _existing() -> dict[str, str]:
    order = fs.sales_order()
    (row,) = fs.rows(order)
    address = addresses.add_sales_order_address(
        order=order, spec=AddressSpec(entity_type="billing")
    )
    return {
        "/sales_orders/1": f"/sales_orders/{order.pk}",
        "/sales_order_rows/1": f"/sales_order_rows/{row.pk}",
        "/sales_order_addresses/1": f"/sales_order_addresses/{address.pk}",
        "/sales_order_fulfillments/1": "/sales_order_fulfillments/"
        + str(fulfilment.fulfil(order=order, status=FulfillmentStatus.PACKED).pk),
    }


WRITES = [(m, p) for m, p in ENDPOINTS if m in ("post", "patch")]


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_every_sales_write_refuses_an_unknown_field_with_ajv_details(
    api: Api, method: str, path: str
) -> None:
    path = _existing().get(path, path)
    answer = _send(api, method, path, {"no_such_field": 1})
    assert answer.status == 422
    assert {
        "path": "",
        "code": "additionalProperties",
        "message": "should NOT have additional properties",
        "info": {"additionalProperty": "no_such_field"},
    } in answer.body["details"]


def _three_orders() -> None:
    for _ in range(3):
        order = fs.sales_order()
        addresses.add_sales_order_address(order=order, spec=AddressSpec(entity_type="shipping"))
        fulfilment.fulfil(order=order, status=FulfillmentStatus.PACKED)


LISTS: dict[str, Callable[[], None]] = {
    "/sales_orders": _three_orders,
    "/sales_order_rows": _three_orders,
    "/sales_order_addresses": _three_orders,
    "/sales_order_fulfillments": _three_orders,
}


@pytest.mark.parametrize("path", list(LISTS))
def test_every_sales_list_pages_with_katana_x_pagination(api: Api, path: str) -> None:
    LISTS[path]()
    first, second, third = (api.get(path, limit=2, page=page) for page in (1, 2, 3))
    assert [len(first.data), len(second.data), len(third.data)] == [2, 1, 0]
    assert first.pagination == {
        "total_records": "3",
        "total_pages": "2",
        "offset": "0",
        "page": "1",
        "first_page": "true",
        "last_page": "false",
    }
    assert second.pagination["last_page"] == "true"
    assert third.status == 200
