"""/webhooks and /webhook_logs_export (Katana §2.7).

Subscriptions live in makeline.webhooks (models, services, the delivery worker). The `href`
of a delivery points back at the address the webhook was created through, e.g.
`https://erp.example.com/v1/sales_orders/12`.

The log export answers `{"url": ...}`, a link to a CSV that we serve ourselves at
`/v1/webhook_logs_export/<signed>.csv`. Like Katana's pre-signed download links it needs
no key: the filters are signed into the link, which expires after a day.
"""

from typing import Any

from django.core import signing
from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import changes_of, get_or_404, new_router, no_content
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.schemas.webhooks import (
    CreateWebhookRequest,
    UpdateWebhookRequest,
    Webhook,
    WebhookListResponse,
    WebhookLogsExport,
    WebhookLogsExportRequest,
)
from makeline.common.errors import NotFound
from makeline.webhooks import selectors, services
from makeline.webhooks.models import Webhook as WebhookRow

router = new_router("Webhook")
log_router = new_router("Webhook logs")

EXPORT_SALT = "makeline.webhook_logs_export"
EXPORT_MAX_AGE = 24 * 3600  # seconds a download link works


class WebhookFilters(ListParams):
    url: str | None = None
    enabled: bool | None = None


@router.get("/webhooks", response=WebhookListResponse, operation_id="getAllWebhooks")
def list_webhooks(
    request: HttpRequest, response: HttpResponse, filters: Query[WebhookFilters]
) -> dict[str, Any]:
    queryset = matching(WebhookRow.objects.all(), filters, {"url": "url", "enabled": "enabled"})
    return {"data": [webhook_out(w) for w in paginate(queryset, filters, response)]}


@router.get("/webhooks/{int:id}", response=Webhook, operation_id="getWebhook")
def get_webhook(request: HttpRequest, id: int) -> dict[str, Any]:
    return webhook_out(get_or_404(WebhookRow.objects.all(), id))


@router.post("/webhooks", response=Webhook, operation_id="createWebhook")
def create_webhook(request: HttpRequest, payload: CreateWebhookRequest) -> dict[str, Any]:
    webhook = services.create_webhook(
        url=payload.url,
        subscribed_events=list(payload.subscribed_events),
        enabled=payload.enabled if payload.enabled is not None else True,
        description=payload.description or "",
        base_url=request.build_absolute_uri(request.path.removesuffix("/webhooks")),
    )
    return webhook_out(webhook)


@router.patch("/webhooks/{int:id}", response=Webhook, operation_id="updateWebhook")
def update_webhook(request: HttpRequest, id: int, payload: UpdateWebhookRequest) -> dict[str, Any]:
    webhook = get_or_404(WebhookRow.objects.all(), id)
    changes = changes_of(payload)
    if changes.get("enabled", True) is None:
        changes.pop("enabled")  # null: keep as is
    if "description" in changes:
        changes["description"] = changes["description"] or ""
    return webhook_out(services.update_webhook(webhook=webhook, changes=changes))


@router.delete("/webhooks/{int:id}", response={204: None}, operation_id="deleteWebhook")
def delete_webhook(request: HttpRequest, id: int) -> Status[None]:
    services.delete_webhook(webhook=get_or_404(WebhookRow.objects.all(), id))
    return no_content()


def webhook_out(webhook: WebhookRow) -> dict[str, Any]:
    return {
        "id": webhook.pk,
        "url": webhook.url,
        "token": webhook.token,
        "enabled": webhook.enabled,
        "description": webhook.description or None,
        "subscribed_events": list(webhook.subscribed_events),
        "created_at": webhook.created_at,
        "updated_at": webhook.updated_at,
    }


# --- the delivery log ---------------------------------------------------------------------


@log_router.post(
    "/webhook_logs_export", response=WebhookLogsExport, operation_id="exportWebhookLogs"
)
def export_logs(request: HttpRequest, payload: WebhookLogsExportRequest) -> dict[str, Any]:
    signed = signing.dumps(payload.model_dump(mode="json", exclude_unset=True), salt=EXPORT_SALT)
    return {"url": request.build_absolute_uri(f"{request.path}/{signed}.csv")}


@log_router.get("/webhook_logs_export/{signed}.csv", auth=None, include_in_schema=False)
def download_logs(request: HttpRequest, signed: str) -> HttpResponse:
    try:
        sent = signing.loads(signed, salt=EXPORT_SALT, max_age=EXPORT_MAX_AGE)
    except signing.BadSignature as exc:  # also an expired link
        raise NotFound("this export link is invalid or expired") from exc
    where = selectors.LogFilter(**WebhookLogsExportRequest(**sent).model_dump(exclude_unset=True))
    response = HttpResponse(selectors.log_csv(where), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="webhook-logs.csv"'
    return response
