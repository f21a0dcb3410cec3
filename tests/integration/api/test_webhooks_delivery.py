"""Webhook delivery: committed events become signed POSTs to the subscriber, retried with
back-off and logged; a change that rolls back sends nothing."""

import hashlib
import hmac
import json
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from makeline.cli import app
from makeline.common.errors import DomainError
from makeline.purchasing import receiving
from makeline.sales.enums import SalesOrderStatus
from makeline.sales.fulfilment import set_status as set_sales_status
from makeline.webhooks import services
from makeline.webhooks.delivery import Outcome, deliver_due
from makeline.webhooks.models import Delivery, DeliveryAttempt, Webhook
from tests import factories as f
from tests import factories_purchasing as fp
from tests import factories_sales as fs
from tests.integration.api.conformance import spec
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


class Receiver:
    """A webhook receiver on 127.0.0.1: records each POST, answers the queued statuses."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers.items()), body))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run a service and the after-commit work its commit would trigger."""

    def run(service: Callable[..., Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def _subscribe(url: str, *events: str) -> Webhook:
    return services.create_webhook(
        url=url, subscribed_events=list(events), base_url="https://makeline.test/v1"
    )


def test_a_committed_event_is_posted_signed_to_the_subscriber(
    receiver: Receiver, committed: Callable[..., Any]
) -> None:
    # given a webhook subscribed to new sales orders
    webhook = _subscribe(receiver.url, "sales_order.created")
    # when an order is created and the worker runs
    order = committed(fs.sales_order)
    assert deliver_due() == 1
    # then the receiver got Katana's thin envelope
    (headers, body) = receiver.requests[0]
    assert json.loads(body) == {
        "resource_type": "sales_order",
        "action": "sales_order.created",
        "webhook_id": webhook.pk,
        "object": {
            "id": str(order.pk),
            "status": "NOT_SHIPPED",
            "href": f"https://makeline.test/v1/sales_orders/{order.pk}",
        },
    }
    payload_schema = {
        "components": spec()["components"],
        "$ref": "#/components/schemas/WebhookEventPayload",
    }
    assert not list(Draft202012Validator(payload_schema).iter_errors(json.loads(body)))
    # and a receiver can check the signature with the token
    expected = hmac.new(webhook.token.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Sha2-Signature"] == f"sha256={expected}"
    assert "X-Katana-Retry-Num" not in headers
    # and the attempt is logged
    attempt = DeliveryAttempt.objects.get()
    assert (attempt.status_code, attempt.delivered, attempt.retry_num) == (200, True, 0)


def test_a_failed_delivery_is_retried_after_the_back_off(
    receiver: Receiver, committed: Callable[..., Any]
) -> None:
    # given a receiver that fails once
    _subscribe(receiver.url, "sales_order.created")
    receiver.statuses = [500]
    committed(fs.sales_order)
    start = timezone.now()
    # when the worker runs now, after 29 s and after 30 s
    tried = [deliver_due(now=start + timedelta(seconds=s)) for s in (0, 29, 30)]
    # then the retry waits 30 s, carries its number and the same signed bytes
    assert tried == [1, 0, 1]
    (first_headers, first_body), (retry_headers, retry_body) = receiver.requests
    assert retry_headers["X-Katana-Retry-Num"] == "1"
    assert (retry_body, retry_headers["X-Sha2-Signature"]) == (
        first_body,
        first_headers["X-Sha2-Signature"],
    )
    log = list(DeliveryAttempt.objects.values_list("status_code", "delivered", "retry_num"))
    assert log == [(500, False, 0), (200, True, 1)]
    assert Delivery.objects.get().delivered_at is not None


def test_a_delivery_is_given_up_after_three_retries(committed: Callable[..., Any]) -> None:
    _subscribe("https://down.example.com/hook", "sales_order.created")
    committed(fs.sales_order)
    start = timezone.now()
    calls: list[dict[str, str]] = []

    def refused(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
        calls.append(headers)
        return Outcome(None, "ConnectionRefusedError")

    # the tries fall 30 s, 2 min and 15 min apart
    for offset in (0, 30, 150, 1050, 99999):
        deliver_due(now=start + timedelta(seconds=offset), send=refused)
    assert [h.get("X-Katana-Retry-Num") for h in calls] == [None, "1", "2", "3"]
    delivery = Delivery.objects.get()
    assert (delivery.failed_at is not None, delivery.next_attempt_at) == (True, None)
    assert DeliveryAttempt.objects.filter(error="ConnectionRefusedError").count() == 4


def test_a_rolled_back_change_queues_nothing(committed: Callable[..., Any]) -> None:
    # given a subscriber to every sales order event
    _subscribe("https://erp.example.com/hook", "sales_order.created", "sales_order.updated")

    # when an order is created inside a transaction that then fails
    def fails() -> None:
        with transaction.atomic():
            fs.sales_order()
            raise DomainError("something later refused")

    with pytest.raises(DomainError):
        committed(fails)
    # then nothing is queued
    assert not Delivery.objects.exists()


def test_status_events_follow_katana_names(committed: Callable[..., Any]) -> None:
    # given a subscriber to delivered orders and received purchase orders only
    _subscribe("https://erp.example.com/hook", "sales_order.delivered", "purchase_order.received")
    product = f.product(purchasable=True)
    order = fs.sales_order((product, 1))
    purchase = fp.purchase_order(fp.row(product, 2))
    # when the purchase order is received and the sales order delivered
    committed(receiving.receive_all, order=purchase)
    committed(set_sales_status, order=order, status=SalesOrderStatus.DELIVERED)
    # then exactly those two events are queued
    events = list(Delivery.objects.values_list("event", flat=True))
    assert events == ["purchase_order.received", "sales_order.delivered"]
    assert json.loads(Delivery.objects.last().body)["object"]["status"] == "DELIVERED"  # type: ignore[union-attr]


def test_disabled_and_unsubscribed_webhooks_get_nothing(committed: Callable[..., Any]) -> None:
    _subscribe("https://a.example.com/hook", "purchase_order.created")
    services.update_webhook(
        webhook=_subscribe("https://b.example.com/hook", "sales_order.created"),
        changes={"enabled": False},
    )
    committed(fs.sales_order)
    assert not Delivery.objects.exists()


def test_deleted_events_carry_no_href(committed: Callable[..., Any]) -> None:
    _subscribe("https://erp.example.com/hook", "purchase_order.deleted")
    from makeline.purchasing import services as purchasing

    purchase = fp.purchase_order()
    committed(purchasing.delete_order, order=purchase)
    obj = json.loads(Delivery.objects.get().body)["object"]
    assert "href" not in obj


def test_webhooks_made_through_the_api_point_href_at_the_api(
    api: Api, receiver: Receiver, committed: Callable[..., Any]
) -> None:
    api.post("/webhooks", {"url": receiver.url, "subscribed_events": ["sales_order.created"]})
    order = committed(fs.sales_order)
    deliver_due()
    href = json.loads(receiver.requests[0][1])["object"]["href"]
    assert href == f"http://testserver/v1/sales_orders/{order.pk}"


def test_the_worker_command_sends_what_is_due_once(
    receiver: Receiver, committed: Callable[..., Any]
) -> None:
    _subscribe(receiver.url, "sales_order.created")
    committed(fs.sales_order)
    result = CliRunner().invoke(app, ["webhooks", "worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "tried 1 delivery" in result.output
    assert len(receiver.requests) == 1
