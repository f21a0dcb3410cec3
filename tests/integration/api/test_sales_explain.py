"""Our extension: GET /sales_order_rows/{id}/explanation and the missing-materials lists of a
row and an order. Katana's spec has no such paths, so answers are checked against our own
OpenAPI document (/v1/openapi.json) instead."""

import functools
import json
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from makeline.api.keys import IssuedKey
from makeline.production import make_to_order
from tests import factories as f
from tests import factories_production as fp
from tests import factories_sales as fs
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


@functools.cache
def _validator(client: Client, schema: str) -> Draft202012Validator:
    document = json.loads(client.get("/v1/openapi.json").content)
    return Draft202012Validator(
        {"components": document["components"], "$ref": f"#/components/schemas/{schema}"}
    )


def _get(client: Client, key: IssuedKey, path: str, schema: str) -> Any:
    response = client.get(f"/v1{path}", headers={"Authorization": f"Bearer {key.token}"})
    assert response.status_code == 200, response.content
    body = json.loads(response.content)
    problems = [e.message for e in _validator(client, schema).iter_errors(body)]
    assert not problems, problems
    return body


def test_the_explanation_names_who_took_the_stock(client: Client, issued_key: IssuedKey) -> None:
    # given 4 P in stock and two orders of 3, SO-1 ranked first
    product = f.product()
    f.stock(product, 4)
    fs.sales_order((product, 3), order_no="SO-1")
    second = fs.sales_order((product, 3), order_no="SO-2")
    # when SO-2's row is explained
    row = fs.rows(second)[0]
    why = _get(
        client, issued_key, f"/sales_order_rows/{row.pk}/explanation", "SalesOrderRowExplanation"
    )
    # then SO-1 took 3 from stock, the row got the last 1 and misses 2
    assert why["planned"] is True
    assert (why["order_no"], why["product_availability"], why["missing"]) == (
        "SO-2",
        "NOT_AVAILABLE",
        2,
    )
    assert [(t["demand"], t["supply"], t["quantity"]) for t in why["takes"]] == [
        ("SO-1", "stock", 3)
    ]
    assert [(p["supply_id"], p["quantity"]) for p in why["covered_by"]] == [(None, 1)]
    assert why["sentences"] == [
        "SO-1 (served before) took 3 from stock",
        "This row gets 1 from stock",
        "2 is missing: nothing in stock or expected covers it",
    ]


def test_a_quote_row_is_not_planned(client: Client, issued_key: IssuedKey) -> None:
    quote = fs.quote()
    row = fs.rows(quote)[0]
    why = _get(
        client, issued_key, f"/sales_order_rows/{row.pk}/explanation", "SalesOrderRowExplanation"
    )
    assert (why["planned"], why["takes"], why["missing"]) == (False, [], 0)
    assert "not planned" in why["sentences"][0]


def test_missing_materials_of_a_row_and_of_an_order(client: Client, issued_key: IssuedKey) -> None:
    # given the §7 fixture (P = 2 M + 1 S), 3 M in stock, and an order of 2 P and 1 S
    shop = fp.katana_fixture()
    f.stock(shop.m, 3)
    order = fs.sales_order((shop.p, 2), (shop.s, 1), at=shop.here)
    p_row, s_row = fs.rows(order)
    # when P's row is made to order and its missing materials are asked for
    make_to_order.make_to_order(sales_order_row=p_row)
    lines = _get(
        client,
        issued_key,
        f"/sales_order_rows/{p_row.pk}/missing_materials",
        "MissingMaterialListResponse",
    )["data"]
    # then each ingredient shows required, in stock and missing quantities
    by_variant = {line["variant_id"]: line for line in lines}
    assert by_variant[shop.m.pk]["required"] == 4
    assert by_variant[shop.m.pk]["in_stock"] == 3
    assert by_variant[shop.m.pk]["missing"] == 1
    assert by_variant[shop.m.pk]["ingredient_availability"] == "NOT_AVAILABLE"
    assert by_variant[shop.s.pk]["can_be_made"] is True
    # and the order's list holds every row's lines
    everything = _get(
        client,
        issued_key,
        f"/sales_orders/{order.pk}/missing_materials",
        "MissingMaterialListResponse",
    )["data"]
    assert {line["sales_order_row_id"] for line in everything} == {p_row.pk, s_row.pk}


def test_the_extension_needs_a_key_and_an_existing_row(api: Api) -> None:
    assert api.as_token(None).get("/sales_order_rows/1/explanation").status == 401
    assert api.get("/sales_order_rows/987654/explanation").status == 404
    assert api.get("/sales_orders/987654/missing_materials").status == 404
