"""Writes audit entries: the recorder that makeline.common.audit calls (registered in apps)."""

from makeline.access.models import AuditEntry
from makeline.common.audit import Actor


def record(
    actor: Actor, document_type: str, document_id: int, field: str, old: str, new: str
) -> None:
    AuditEntry.objects.create(
        user_id=actor.user_id,
        document_type=document_type,
        document_id=document_id,
        field=field,
        old=old,
        new=new,
        via=actor.via if actor.via in AuditEntry.Via.values else AuditEntry.Via.CLI,
    )
