"""Reading the audit trail."""

from django.db.models import QuerySet

from makeline.access.models import AuditEntry


def history(*, document_type: str, document_id: int) -> QuerySet[AuditEntry]:
    """Changes of one document, newest first, with who made them."""
    return AuditEntry.objects.filter(
        document_type=document_type, document_id=document_id
    ).select_related("user")
