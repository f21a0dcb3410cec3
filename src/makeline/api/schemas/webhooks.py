"""Webhooks on the wire: Webhook, its create/update bodies and the log export."""

from datetime import datetime

from ninja import Field, Schema

from makeline.api.schemas.base import RequestSchema, Timestamps
from makeline.common.events import EventName as WebhookEvent


class Webhook(Timestamps):
    id: int
    url: str
    token: str
    enabled: bool
    description: str | None = None
    subscribed_events: list[str]


class WebhookListResponse(Schema):
    data: list[Webhook]


class CreateWebhookRequest(RequestSchema):
    url: str = Field(max_length=2000)
    enabled: bool | None = None
    subscribed_events: list[WebhookEvent] = Field(min_length=1)
    description: str | None = Field(None, max_length=500)


class UpdateWebhookRequest(RequestSchema):
    url: str | None = Field(None, max_length=2000)
    enabled: bool | None = None
    subscribed_events: list[WebhookEvent] | None = Field(None, min_length=1)
    description: str | None = Field(None, max_length=500)


class WebhookLogsExportRequest(RequestSchema):
    webhook_id: int | None = None
    event: WebhookEvent | None = None
    status_code: int | None = None
    delivered: bool | None = None
    created_at_min: datetime | None = None
    created_at_max: datetime | None = None


class WebhookLogsExport(Schema):
    url: str
