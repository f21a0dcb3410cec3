"""Idempotency-Key on API POSTs: a retry with the same key and body answers the first
answer again without acting twice; the same key with another body is refused."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from makeline.access.models import IdempotencyRecord
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests.integration.access.conftest import KeyClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner(api_as: Callable[[str], KeyClient]) -> KeyClient:
    return api_as("planner")


def order_body(quantity: int = 1) -> dict[str, object]:
    return {
        "customer_id": f.customer().pk,
        "sales_order_rows": [{"variant_id": f.product().pk, "quantity": quantity}],
    }


def test_a_retried_post_with_the_same_key_creates_one_order(planner: KeyClient) -> None:
    body = order_body()
    first = planner.post("/sales_orders", body, **{"Idempotency-Key": "abc"})
    second = planner.post("/sales_orders", body, **{"Idempotency-Key": "abc"})
    assert first[0] == second[0] == 200
    assert first[1] == second[1]
    assert SalesOrder.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(planner: KeyClient) -> None:
    planner.post("/sales_orders", order_body(1), **{"Idempotency-Key": "abc"})
    status, body = planner.post("/sales_orders", order_body(2), **{"Idempotency-Key": "abc"})
    assert status == 422
    assert "different request body" in body["message"]
    assert SalesOrder.objects.count() == 1


def test_without_a_key_every_post_acts(planner: KeyClient) -> None:
    body = order_body()
    planner.post("/sales_orders", body)
    planner.post("/sales_orders", body)
    assert SalesOrder.objects.count() == 2


def test_a_refused_post_is_not_remembered(planner: KeyClient) -> None:
    body = {"customer_id": 999999, "sales_order_rows": []}
    assert planner.post("/sales_orders", body, **{"Idempotency-Key": "k"})[0] == 422
    assert not IdempotencyRecord.objects.exists()


def test_keys_expire_after_a_day(planner: KeyClient) -> None:
    body = order_body()
    planner.post("/sales_orders", body, **{"Idempotency-Key": "old"})
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    planner.post("/sales_orders", body, **{"Idempotency-Key": "old"})
    assert SalesOrder.objects.count() == 2
