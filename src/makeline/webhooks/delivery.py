"""Sending deliveries: signing, the HTTP POST, retries with back-off, the delivery log.

`deliver_due()` sends every delivery whose time has come and returns how many it tried;
`makeline webhooks worker` calls it in a loop. Each POST:

- body: the stored JSON envelope, byte for byte;
- `X-Sha2-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw body keyed with the
  webhook's token (the 16 hex characters as ASCII bytes);
- `X-Katana-Retry-Num: 1|2|3` on retries;
- a 10 s timeout. Any 2xx is delivered; anything else (another status, a timeout, a refused
  connection) is retried 30 s, 2 min and 15 min after the failed try, then given up.

A delivery is claimed before its POST by pushing its next attempt a lease into the future,
so a second worker does not send it too, and no transaction stays open during the POST.
"""

import hashlib
import hmac
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from makeline.common.unit_of_work import atomic_service
from makeline.webhooks.models import Delivery, DeliveryAttempt

TIMEOUT_SECONDS = 10
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=15))
LEASE = timedelta(seconds=TIMEOUT_SECONDS * 6)  # a crashed worker's claim expires
BATCH = 50
_ERROR_LENGTH = 500


@dataclass(frozen=True, slots=True)
class Outcome:
    status_code: int | None
    error: str = ""

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


type Sender = Callable[[str, bytes, dict[str, str]], Outcome]


def signature(token: str, body: bytes) -> str:
    """The X-Sha2-Signature value: `sha256=` + hex HMAC-SHA256(key=token, msg=raw body)."""
    return "sha256=" + hmac.new(token.encode(), body, hashlib.sha256).hexdigest()


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST with the standard library (no extra dependency); never raises."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return Outcome(response.status)
    except urllib.error.HTTPError as exc:  # a non-2xx answer
        return Outcome(exc.code, f"HTTP {exc.code}")
    except Exception as exc:  # timeout, refused, DNS, TLS: the receiver was not reached
        return Outcome(None, f"{type(exc).__name__}: {exc}"[:_ERROR_LENGTH])


def deliver_due(*, now: datetime | None = None, send: Sender = post) -> int:
    """Send every due delivery once; return how many were tried. `now` fixes the clock
    (tests); by default each try is stamped and scheduled from the real time."""
    claimed = _claim(now or timezone.now())
    for delivery in claimed:
        _attempt(delivery, now=now or timezone.now(), send=send)
    return len(claimed)


def _claim(now: datetime) -> list[Delivery]:
    with transaction.atomic():
        due = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .select_related("webhook")
            .filter(next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")[:BATCH]
        )
        Delivery.objects.filter(pk__in=[d.pk for d in due]).update(next_attempt_at=now + LEASE)
    return due


def _attempt(delivery: Delivery, *, now: datetime, send: Sender) -> None:
    webhook = delivery.webhook
    if not webhook.enabled:
        _give_up(delivery, now=now)  # disabled since the event: Katana sends nothing either
        return
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Makeline-Webhooks/1",
        "X-Sha2-Signature": signature(webhook.token, body),
    }
    if delivery.attempts:
        headers["X-Katana-Retry-Num"] = str(delivery.attempts)
    started = time.monotonic()
    outcome = send(webhook.url, body, headers)
    duration_ms = int((time.monotonic() - started) * 1000)
    record_attempt(delivery=delivery, outcome=outcome, duration_ms=duration_ms, now=now)


@atomic_service
def record_attempt(
    *, delivery: Delivery, outcome: Outcome, duration_ms: int, now: datetime
) -> Delivery:
    """Log one try and schedule the next one (or mark the delivery done or given up)."""
    DeliveryAttempt.objects.create(
        delivery=delivery,
        retry_num=delivery.attempts,
        status_code=outcome.status_code,
        error=outcome.error[:_ERROR_LENGTH],
        duration_ms=duration_ms,
        delivered=outcome.delivered,
        created_at=now,
    )
    delivery.attempts += 1
    if outcome.delivered:
        delivery.delivered_at, delivery.next_attempt_at = now, None
    elif delivery.attempts > len(BACKOFF):
        delivery.failed_at, delivery.next_attempt_at = now, None
    else:
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
    delivery.save(update_fields=["attempts", "delivered_at", "failed_at", "next_attempt_at"])
    return delivery


@atomic_service
def _give_up(delivery: Delivery, *, now: datetime) -> None:
    delivery.failed_at, delivery.next_attempt_at = now, None
    delivery.save(update_fields=["failed_at", "next_attempt_at"])
