"""GET /v1/audit: the audit trail of one document, read-only (our extension, docs/api.md).

Each entry says who changed which field of the document, from what to what, when, and
through which door (web, api, cli). Entries come oldest first, paged like every list.
"""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Schema

from makeline.access.selectors import history
from makeline.api.common import new_router
from makeline.api.paging import ListParams, paginate

router = new_router("Audit trail")


class AuditParams(ListParams):
    document_type: Literal["sales_order", "manufacturing_order", "purchase_order"]
    document_id: int


class AuditEntryOut(Schema):
    id: int
    at: datetime
    user_id: int | None
    username: str | None
    document_type: str
    document_id: int
    field: str
    old: str
    new: str
    via: str


class AuditListResponse(Schema):
    data: list[AuditEntryOut]


@router.get("/audit", response=AuditListResponse, operation_id="getAuditTrail")
def list_audit(
    request: HttpRequest, response: HttpResponse, params: Query[AuditParams]
) -> dict[str, Any]:
    """Who changed what and when on one sales order, manufacturing order or purchase order."""
    entries = history(document_type=params.document_type, document_id=params.document_id)
    rows = paginate(entries, params, response, created="at", updated=None)
    return {"data": [_wire(entry) for entry in rows]}


def _wire(entry: Any) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "at": entry.at,
        "user_id": entry.user_id,
        "username": entry.user.username if entry.user else None,
        "document_type": entry.document_type,
        "document_id": entry.document_id,
        "field": entry.field,
        "old": entry.old,
        "new": entry.new,
        "via": entry.via,
    }
