"""Webhook reads: the delivery log as CSV (what POST /webhook_logs_export hands out)."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from makeline.webhooks.models import DeliveryAttempt

CSV_COLUMNS = (
    "id",
    "created_at",
    "webhook_id",
    "url",
    "event",
    "retry_num",
    "status_code",
    "delivered",
    "duration_ms",
    "error",
    "payload",
)


@dataclass(frozen=True, slots=True)
class LogFilter:
    webhook_id: int | None = None
    event: str | None = None
    status_code: int | None = None
    delivered: bool | None = None
    created_at_min: datetime | None = None
    created_at_max: datetime | None = None


def log_rows(where: LogFilter) -> QuerySet[DeliveryAttempt]:
    qs = DeliveryAttempt.objects.select_related("delivery__webhook").order_by("id")
    lookups = {
        "delivery__webhook_id": where.webhook_id,
        "delivery__event": where.event,
        "status_code": where.status_code,
        "delivered": where.delivered,
        "created_at__gte": where.created_at_min,
        "created_at__lte": where.created_at_max,
    }
    return qs.filter(**{key: value for key, value in lookups.items() if value is not None})


def log_csv(where: LogFilter) -> str:
    """The matching delivery attempts, oldest first, one CSV line each (with a header)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in log_rows(where).iterator(chunk_size=500):
        delivery = row.delivery
        writer.writerow(
            (
                row.pk,
                row.created_at.isoformat(),
                delivery.webhook_id,
                delivery.webhook.url,
                delivery.event,
                row.retry_num,
                "" if row.status_code is None else row.status_code,
                "true" if row.delivered else "false",
                row.duration_ms,
                row.error,
                delivery.body,
            )
        )
    return out.getvalue()
