"""/webhooks and /webhook_logs_export: managing subscriptions and exporting the log."""

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client

from makeline.webhooks import services
from makeline.webhooks.delivery import Outcome, record_attempt
from makeline.webhooks.models import Delivery, Webhook
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db

MISSING = 987654
URL = "https://erp.example.com/hooks/katana"


def _create(api: Api, **body: Any) -> Any:
    return api.post("/webhooks", {"url": URL, "subscribed_events": ["sales_order.created"]} | body)


def test_create_makes_a_token_and_answers_like_katana(api: Api) -> None:
    answer = _create(api, description="ERP sync")
    assert answer.status == 200
    body = answer.body
    assert re.fullmatch(r"[0-9a-f]{16}", body["token"])
    assert (body["url"], body["enabled"], body["description"]) == (URL, True, "ERP sync")
    assert body["subscribed_events"] == ["sales_order.created"]
    # the href of deliveries points back at the address the webhook was made through
    assert Webhook.objects.get().base_url == "http://testserver/v1"


def test_every_webhook_gets_its_own_token(api: Api) -> None:
    assert _create(api).body["token"] != _create(api).body["token"]


def test_get_list_filter_and_page(api: Api) -> None:
    ids = [_create(api, enabled=n != 1).body["id"] for n in range(3)]
    assert api.get(f"/webhooks/{ids[0]}").body["id"] == ids[0]
    assert [w["id"] for w in api.get("/webhooks", enabled=False).data] == [ids[1]]
    first, second = api.get("/webhooks", limit=2), api.get("/webhooks", limit=2, page=2)
    assert [w["id"] for w in first.data + second.data] == ids
    assert first.pagination["total_pages"] == "2"
    assert api.get("/webhooks", url=URL).pagination["total_records"] == "3"


def test_patch_changes_only_what_is_sent(api: Api) -> None:
    made = _create(api, description="old").body
    answer = api.patch(
        f"/webhooks/{made['id']}",
        {
            "enabled": False,
            "subscribed_events": ["purchase_order.received", "manufacturing_order.done"],
        },
    )
    body = answer.body
    assert (body["enabled"], body["description"], body["token"]) == (False, "old", made["token"])
    assert body["subscribed_events"] == ["purchase_order.received", "manufacturing_order.done"]


def test_delete_removes_the_webhook(api: Api) -> None:
    made = _create(api).body
    assert api.delete(f"/webhooks/{made['id']}").status == 204
    assert api.get(f"/webhooks/{made['id']}").status == 404
    assert not Webhook.objects.exists()


@pytest.mark.parametrize(
    ("body", "path", "code"),
    [
        ({"url": "http://erp.example.com/hook"}, ".url", "domain"),
        ({"url": "ftp://x"}, ".url", "domain"),
        ({"subscribed_events": ["sales_order.exploded"]}, ".subscribed_events[0]", "enum"),
        ({"subscribed_events": []}, ".subscribed_events", "minItems"),
        ({"token": "0123456789abcdef"}, "", "additionalProperties"),
    ],
)
def test_create_refuses_bad_bodies_and_saves_nothing(
    api: Api, body: dict[str, Any], path: str, code: str
) -> None:
    answer = _create(api, **body)
    assert answer.status == 422
    detail = answer.body["details"][0]
    assert (detail["path"], detail["code"]) == (path, code)
    assert not Webhook.objects.exists()


def test_plain_http_is_allowed_to_this_machine_only(api: Api) -> None:
    assert _create(api, url="http://127.0.0.1:9000/hook").status == 200
    assert _create(api, url="http://localhost/hook").status == 200


def test_patch_refuses_a_bad_url_and_keeps_the_old_one(api: Api) -> None:
    made = _create(api).body
    answer = api.patch(f"/webhooks/{made['id']}", {"url": "http://erp.example.com"})
    assert answer.status == 422
    assert Webhook.objects.get().url == URL


# --- the log export -----------------------------------------------------------------------


def _logged(webhook: Webhook, event: str, status_code: int | None) -> None:
    delivery = Delivery.objects.create(webhook=webhook, event=event, body="{}")
    from django.utils import timezone

    outcome = Outcome(status_code, "" if status_code == 200 else "refused")
    record_attempt(delivery=delivery, outcome=outcome, duration_ms=12, now=timezone.now())


def test_log_export_links_to_a_csv_of_the_attempts(api: Api, client: Client) -> None:
    # given a delivered and a failed attempt
    webhook = services.create_webhook(url=URL, subscribed_events=["sales_order.created"])
    _logged(webhook, "sales_order.created", 200)
    _logged(webhook, "sales_order.created", None)
    # when the failed ones are exported
    answer = api.post("/webhook_logs_export", {"webhook_id": webhook.pk, "delivered": False})
    assert answer.status == 200
    # then the link (which needs no key) serves them as CSV
    download = client.get(answer.body["url"].removeprefix("http://testserver"))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    assert [(r["event"], r["delivered"], r["error"]) for r in rows] == [
        ("sales_order.created", "false", "refused")
    ]


def test_a_forged_export_link_is_404(client: Client) -> None:
    assert client.get("/v1/webhook_logs_export/forged:abc.csv").status_code == 404


def test_log_export_refuses_an_unknown_filter(api: Api) -> None:
    answer = api.post("/webhook_logs_export", {"status": 500})
    assert answer.status == 422


# --- keys and ids -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/webhooks"),
        ("post", "/webhooks"),
        ("get", "/webhooks/1"),
        ("patch", "/webhooks/1"),
        ("delete", "/webhooks/1"),
        ("post", "/webhook_logs_export"),
    ],
)
def test_webhook_endpoints_refuse_a_request_without_a_key(api: Api, method: str, path: str) -> None:
    anonymous = api.as_token(None)
    call = getattr(anonymous, method)
    answer = call(path) if method in ("get", "delete") else call(path, {})
    assert answer.status == 401


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_an_unknown_webhook_is_404(api: Api, method: str) -> None:
    path = f"/webhooks/{MISSING}"
    answer = api.patch(path, {"enabled": True}) if method == "patch" else getattr(api, method)(path)
    assert answer.status == 404
