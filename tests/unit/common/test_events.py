"""The event names are Katana's, and a status announces the matching event."""

from pathlib import Path
from typing import Any

import katana_public_api_client
import pytest
import yaml

from makeline.common import events

SPEC = Path(katana_public_api_client.__file__).parent / "katana-openapi.yaml"


def test_event_names_are_exactly_katanas_webhook_events() -> None:
    with SPEC.open() as handle:
        spec = yaml.load(handle, Loader=yaml.CSafeLoader)
    assert set(spec["components"]["schemas"]["WebhookEvent"]["enum"]) == events.EVENTS


def test_an_unknown_event_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown event"):
        events.emit("sales_order.exploded", object_id=1)


@pytest.mark.parametrize(
    ("resource", "status", "expected"),
    [
        ("sales_order", "PACKED", ["sales_order.updated", "sales_order.packed"]),
        ("sales_order", "NOT_SHIPPED", ["sales_order.updated"]),
        (
            "manufacturing_order",
            "DONE",
            ["manufacturing_order.updated", "manufacturing_order.done"],
        ),
        (
            "purchase_order",
            "PARTIALLY_RECEIVED",
            ["purchase_order.updated", "purchase_order.partially_received"],
        ),
        (
            "manufacturing_order_operation_row",
            "PAUSED",
            [
                "manufacturing_order_operation_row.updated",
                "manufacturing_order_operation_row.paused",
            ],
        ),
    ],
)
def test_a_status_change_announces_updated_and_the_status_event(
    monkeypatch: pytest.MonkeyPatch, resource: str, status: str, expected: list[str]
) -> None:
    sent: list[str] = []

    def record(event: str, **kwargs: Any) -> None:
        sent.append(event)

    monkeypatch.setattr(events, "emit", record)
    events.emit_status(resource, object_id=1, status=status)
    assert sent == expected
