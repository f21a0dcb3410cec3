"""Stale-form protection for the document cards: the card's form carries the version it
was rendered from (the document's updated_at), and a save from an older version is refused
instead of overwriting someone else's change.

A post without a version (a script, an old page) is not refused: the check protects
people editing in two browsers, it is not a lock.
"""

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest

FIELD = "version"
STALE = (
    "This order was changed by someone else — your changes were not saved; "
    "here is the current version."
)


def version_of(document: Model) -> str:
    updated_at = getattr(document, "updated_at", None)
    return updated_at.isoformat() if updated_at is not None else ""


def refuse_if_stale(request: HttpRequest, document: Model) -> bool:
    """True (and the message queued) when the posted version is not the stored one."""
    posted = request.POST.get(FIELD, "")
    if not posted or posted == version_of(document):
        return False
    messages.error(request, STALE)
    return True
