"""Template tags of the document cards:

- `{% audit_history "sales_order" order.pk %}`: the History section;
- `{% version_field order %}`: the hidden version input of a card's form (access.versions).
"""

from typing import Any

from django import template
from django.db.models import Model
from django.utils.html import format_html
from django.utils.safestring import SafeString

from makeline.access.selectors import history
from makeline.access.versions import FIELD, version_of

register = template.Library()


@register.inclusion_tag("access/_history.html")
def audit_history(document_type: str, document_id: int, limit: int = 50) -> dict[str, Any]:
    entries = history(document_type=document_type, document_id=document_id)[:limit]
    return {"entries": list(entries)}


@register.simple_tag(takes_context=True)
def version_field(context: template.Context, document: Model) -> SafeString:
    # A form shown again after a refusal keeps the version it was first rendered from.
    request = context.get("request")
    posted = request.POST.get(FIELD, "") if request is not None and request.method == "POST" else ""
    value = posted or version_of(document)
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, value)
