"""Webhook writes: managing subscriptions, and turning committed events into deliveries.

A webhook's token is made here (16 lowercase hex characters, Katana's format) and signs
every delivery (makeline.webhooks.delivery). `record_event` is the events listener: it
writes one pending Delivery per enabled webhook subscribed to the event (the outbox), which
the worker then sends. It runs after the change committed, so a rolled-back change never
produces a delivery.
"""

import ipaddress
import json
import secrets
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from makeline.common.errors import DomainError
from makeline.common.events import EVENTS, Event
from makeline.common.unit_of_work import atomic_service
from makeline.webhooks.models import Delivery, Webhook

_LOOPBACK_NAMES = frozenset({"localhost"})
_EDITABLE = frozenset({"url", "enabled", "subscribed_events", "description"})
# Where `href` points for resources whose API path is not simply `<resource_type>s/<id>`.
_HREF_PATHS = {"current_inventory": "inventory?variant_id={id}"}


def new_token() -> str:
    return secrets.token_hex(8)


@atomic_service
def create_webhook(
    *,
    url: str,
    subscribed_events: Sequence[str],
    enabled: bool = True,
    description: str = "",
    base_url: str = "",
) -> Webhook:
    """Subscribe `url` to events; `base_url` is our API's address, for the `href` we send."""
    return Webhook.objects.create(
        url=check_url(url),
        subscribed_events=check_events(subscribed_events),
        enabled=enabled,
        description=description,
        base_url=base_url.rstrip("/"),
        token=new_token(),
    )


@atomic_service
def update_webhook(*, webhook: Webhook, changes: dict[str, Any]) -> Webhook:
    """Change url, enabled, subscribed_events or description (the token never changes)."""
    unknown = sorted(set(changes) - _EDITABLE)
    if unknown:
        raise DomainError(f"{unknown[0]} cannot be changed on a webhook", field=unknown[0])
    if "url" in changes:
        changes["url"] = check_url(changes["url"])
    if "subscribed_events" in changes:
        changes["subscribed_events"] = check_events(changes["subscribed_events"])
    for key, value in changes.items():
        setattr(webhook, key, value)
    webhook.save()
    return webhook


@atomic_service
def delete_webhook(*, webhook: Webhook) -> None:
    """Delete the subscription with its pending deliveries and its delivery log."""
    webhook.delete()


def check_url(url: str) -> str:
    """HTTPS (Katana's rule); plain HTTP only to this machine, or with
    MAKELINE_WEBHOOKS_ALLOW_HTTP set (receivers on a trusted local network)."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise DomainError("the webhook URL must be an https:// address", field="url")
    allow_http = getattr(settings, "MAKELINE_WEBHOOKS_ALLOW_HTTP", False)
    if parts.scheme == "http" and not (allow_http or _is_loopback(parts.hostname)):
        raise DomainError("the webhook URL must use https://", field="url")
    return parts.geturl()


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_events(events: Sequence[str]) -> list[str]:
    if not events:
        raise DomainError("subscribe to at least one event", field="subscribed_events")
    for n, event in enumerate(events):
        if event not in EVENTS:
            raise DomainError(f"unknown event {event!r}", field=f"subscribed_events[{n}]")
    return list(dict.fromkeys(events))  # keep the order, drop repeats


# --- events → outbox ----------------------------------------------------------------------


def record_event(event: Event) -> None:
    """The events listener (registered in apps.py)."""
    queue_deliveries(event=event)


@atomic_service
def queue_deliveries(*, event: Event) -> list[Delivery]:
    """Queue `event` for every enabled webhook subscribed to it (the outbox rows)."""
    enabled = Webhook.objects.filter(enabled=True)
    webhooks = [w for w in enabled if event.event in w.subscribed_events]
    now = timezone.now()
    return Delivery.objects.bulk_create(
        Delivery(webhook=w, event=event.event, body=envelope(w, event), next_attempt_at=now)
        for w in webhooks
    )


def envelope(webhook: Webhook, event: Event) -> str:
    """Katana's thin body: what happened to which object; receivers fetch the object."""
    obj: dict[str, str] = {"id": str(event.object_id), "status": event.status}
    if not event.event.endswith(".deleted"):
        path = _HREF_PATHS.get(event.resource_type, event.resource_type + "s/{id}")
        obj["href"] = f"{webhook.base_url}/{path.format(id=event.object_id)}"
    body = {
        "resource_type": event.resource_type,
        "action": event.event,
        "webhook_id": webhook.pk,
        "object": obj,
    }
    return json.dumps(body, separators=(",", ":"))
