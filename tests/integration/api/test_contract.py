"""Every endpoint: refused without a key (401), 404 for an unknown id, 422 with Ajv details
for an unknown body field, and Katana paging on every list. Every answer is also checked
against Katana's spec by the `api` fixture."""

from collections.abc import Callable
from typing import Any

import pytest

from makeline.catalog import contacts
from tests import factories as f
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db

MISSING = 987654
MISSING_UUID = "00000000-0000-4000-8000-000000000000"

ENDPOINTS = [
    ("get", "/products"),
    ("post", "/products"),
    ("get", "/products/1"),
    ("patch", "/products/1"),
    ("delete", "/products/1"),
    ("get", "/materials"),
    ("post", "/materials"),
    ("get", "/materials/1"),
    ("patch", "/materials/1"),
    ("delete", "/materials/1"),
    ("get", "/services"),
    ("post", "/services"),
    ("get", "/services/1"),
    ("patch", "/services/1"),
    ("delete", "/services/1"),
    ("get", "/variants"),
    ("post", "/variants"),
    ("get", "/variants/1"),
    ("patch", "/variants/1"),
    ("delete", "/variants/1"),
    ("get", "/bom_rows"),
    ("post", "/bom_rows"),
    ("post", "/bom_rows/batch/create"),
    ("patch", f"/bom_rows/{MISSING_UUID}"),
    ("delete", f"/bom_rows/{MISSING_UUID}"),
    ("get", "/product_operation_rows"),
    ("post", "/product_operation_rows"),
    ("patch", "/product_operation_rows/1"),
    ("delete", "/product_operation_rows/1"),
    ("post", "/product_operation_rerank"),
    ("get", "/customers"),
    ("post", "/customers"),
    ("patch", "/customers/1"),
    ("delete", "/customers/1"),
    ("get", "/customer_addresses"),
    ("post", "/customer_addresses"),
    ("patch", "/customer_addresses/1"),
    ("delete", "/customer_addresses/1"),
    ("get", "/suppliers"),
    ("post", "/suppliers"),
    ("patch", "/suppliers/1"),
    ("delete", "/suppliers/1"),
    ("get", "/supplier_addresses"),
    ("post", "/supplier_addresses"),
    ("patch", "/supplier_addresses/1"),
    ("delete", "/supplier_addresses/1"),
    ("get", "/locations"),
    ("post", "/locations"),
    ("get", "/locations/1"),
    ("patch", "/locations/1"),
    ("get", "/tax_rates"),
    ("post", "/tax_rates"),
    ("get", "/factory"),
    ("get", "/users"),
    ("get", "/user_info"),
]


def _send(api: Api, method: str, path: str, body: Any = None) -> Any:
    if method in ("get", "delete"):
        return getattr(api, method)(path)
    return getattr(api, method)(path, body if body is not None else {})


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_endpoint_refuses_a_request_without_a_key(api: Api, method: str, path: str) -> None:
    # when the request carries no key, then Katana's 401 body comes back
    answer = _send(api.as_token(None), method, path)
    assert answer.status == 401
    assert answer.body == {
        "statusCode": 401,
        "name": "UnauthorizedError",
        "message": "Unauthorized",
    }


BY_ID = [(m, p.replace("/1", f"/{MISSING}")) for m, p in ENDPOINTS if p.endswith("/1")] + [
    (m, p) for m, p in ENDPOINTS if MISSING_UUID in p
]


@pytest.mark.parametrize(("method", "path"), BY_ID)
def test_every_endpoint_with_an_id_answers_404_for_an_unknown_one(
    api: Api, method: str, path: str
) -> None:
    answer = _send(api, method, path)
    assert answer.status == 404
    assert answer.body == {"statusCode": 404, "name": "NotFoundError", "message": "Not found"}


def _existing_ids() -> dict[str, str]:
    product = f.product()
    material = f.material()
    service = f.service_item()
    customer = f.customer()
    supplier = f.supplier()
    f.operation(product)
    return {
        "/products/1": f"/products/{product.item_id}",
        "/materials/1": f"/materials/{material.item_id}",
        "/services/1": f"/services/{service.item_id}",
        "/variants/1": f"/variants/{product.pk}",
        "/product_operation_rows/1": f"/product_operation_rows/{product.routing_rows.get().pk}",
        "/customers/1": f"/customers/{customer.pk}",
        "/customer_addresses/1": "/customer_addresses/"
        + str(
            contacts.add_customer_address(customer=customer, entity_type="billing", fields={}).pk
        ),
        "/suppliers/1": f"/suppliers/{supplier.pk}",
        "/supplier_addresses/1": "/supplier_addresses/"
        + str(contacts.add_supplier_address(supplier=supplier, fields={"line_1": "x"}).pk),
        "/locations/1": f"/locations/{f.location().pk}",
    }


WRITES = [(m, p) for m, p in ENDPOINTS if m in ("post", "patch")]


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_every_write_refuses_an_unknown_field_with_ajv_details(
    api: Api, method: str, path: str
) -> None:
    # given the object exists (for PATCH)
    path = _existing_ids().get(path, path)
    # when the body has a field Katana does not know
    answer = _send(api, method, path, {"no_such_field": 1})
    # then 422 names it the way Ajv does
    assert answer.status == 422
    assert answer.body["code"] == "VALIDATION_FAILED"
    assert {
        "path": "",
        "code": "additionalProperties",
        "message": "should NOT have additional properties",
        "info": {"additionalProperty": "no_such_field"},
    } in answer.body["details"]


def _three(make: Callable[[], Any]) -> Callable[[], None]:
    return lambda: [make() for _ in range(3)] and None


LISTS: dict[str, Callable[[], Any]] = {
    "/products": _three(f.product),
    "/materials": _three(f.material),
    "/services": _three(f.service_item),
    "/variants": _three(f.material),
    "/bom_rows": lambda: f.product(bom={f.material(): "1", f.material(): "2", f.material(): "3"}),
    "/product_operation_rows": lambda: [f.operation(f.product()) for _ in range(3)],
    "/customers": _three(f.customer),
    "/customer_addresses": lambda: [
        contacts.add_customer_address(customer=f.customer(), entity_type="shipping", fields={})
        for _ in range(3)
    ],
    "/suppliers": _three(f.supplier),
    "/supplier_addresses": lambda: [
        contacts.add_supplier_address(supplier=f.supplier(), fields={"line_1": "Road 1"})
        for _ in range(3)
    ],
    "/locations": lambda: [f.location(f"Site {n}", sales_allowed=True) for n in range(3)],
    "/tax_rates": lambda: [contacts.create_tax_rate(name=f"VAT {n}", rate=n) for n in range(3)],
    "/users": lambda: None,  # the api user plus two more, below
}


@pytest.mark.parametrize("path", list(LISTS))
def test_every_list_pages_with_katana_x_pagination(api: Api, path: str) -> None:
    # given exactly three rows
    LISTS[path]()
    if path == "/users":
        from django.contrib.auth.models import User

        User.objects.create_user("u2")
        User.objects.create_user("u3")
    # when they are read two at a time
    first, second, third = (api.get(path, limit=2, page=page) for page in (1, 2, 3))
    # then two pages hold them, the third is empty, and the header says so in strings
    assert [len(first.data), len(second.data), len(third.data)] == [2, 1, 0]
    assert first.pagination == {
        "total_records": "3",
        "total_pages": "2",
        "offset": "0",
        "page": "1",
        "first_page": "true",
        "last_page": "false",
    }
    assert second.pagination["offset"] == "2"
    assert second.pagination["last_page"] == "true"
    assert third.status == 200
