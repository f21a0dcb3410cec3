"""Shared template helpers of the screens: status chips, money, quantities and dates.

Every screen shows Katana's statuses the same way, so they live here:
`{% status_chip row.product %}` for an availability (IN_STOCK, EXPECTED with its date, …),
`{% state_chip order.status %}` for a document's own status (Not shipped, Done, …), and the
filters `money`, `qty` and `day`. Keep each helper general; add new ones in their own
clearly separated function.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# --- availability chips (Katana §1.3, §1.4) ------------------------------------------------

_AVAILABILITY: dict[str, tuple[str, str]] = {
    "IN_STOCK": ("In stock", "ok"),
    "EXPECTED": ("Expected", "warn"),
    "NOT_AVAILABLE": ("Not available", "bad"),
    "PICKED": ("Picked", "grey"),
    "PROCESSED": ("Processed", "grey"),
    "NO_RECIPE": ("No recipe", "grey"),
    "NOT_APPLICABLE": ("Not applicable", "grey"),
}


def _status_and_date(value: Any, expected_date: Any) -> tuple[str | None, Any]:
    """Accept a planning `Status` (status + expected_date) or a bare status string."""
    if hasattr(value, "status"):
        return value.status, expected_date or getattr(value, "expected_date", None)
    return (str(value) if value else None), expected_date


@register.simple_tag
def status_chip(value: Any, expected_date: Any = None, testid: str = "") -> SafeString:
    """An availability chip: green In stock, amber "Expected 12 Mar", red Not available, grey
    for the rest; "–" when there is no status (a quote is not planned)."""
    status, when = _status_and_date(value, expected_date)
    if not status:
        return format_html('<span class="chip chip-none" data-testid="{}">–</span>', testid)
    label, tone = _AVAILABILITY.get(status, (status.replace("_", " ").capitalize(), "grey"))
    if status == "EXPECTED" and when:
        label = f"{label} {day(when)}"
    return format_html(
        '<span class="chip chip-{}" data-status="{}" data-testid="{}">{}</span>',
        tone,
        status,
        testid,
        label,
    )


# --- document status chips ----------------------------------------------------------------

_STATES: dict[str, tuple[str, str]] = {
    # sales orders (delivery status)
    "PENDING": ("Quote", "grey"),
    "NOT_SHIPPED": ("Not shipped", "grey"),
    "PARTIALLY_PACKED": ("Partially packed", "warn"),
    "PACKED": ("Packed", "info"),
    "PARTIALLY_DELIVERED": ("Partially delivered", "warn"),
    "DELIVERED": ("Delivered", "ok"),
    # manufacturing orders and the sales order's production status
    "NOT_STARTED": ("Not started", "grey"),
    "IN_PROGRESS": ("In progress", "info"),
    "PARTIALLY_COMPLETED": ("Partially completed", "info"),
    "BLOCKED": ("Blocked", "bad"),
    "DONE": ("Done", "ok"),
    # purchase orders
    "DRAFT": ("Draft", "grey"),
    "NOT_RECEIVED": ("Not received", "grey"),
    "PARTIALLY_RECEIVED": ("Partially received", "warn"),
    "RECEIVED": ("Received", "ok"),
}


@register.simple_tag
def state_chip(value: Any, testid: str = "") -> SafeString:
    """A document's own status (delivery, production, MO, PO) as a chip with Katana's label."""
    status = str(value or "")
    label, tone = _STATES.get(status, (status.replace("_", " ").capitalize() or "–", "grey"))
    return format_html(
        '<span class="chip chip-{}" data-status="{}" data-testid="{}">{}</span>',
        tone,
        status,
        testid,
        label,
    )


# --- numbers and dates --------------------------------------------------------------------

_CENT = Decimal("0.01")


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def money(value: Any, currency: str = "") -> str:
    """1234.5 → "1,234.50" (or "1,234.50 EUR" with a currency); blank stays blank."""
    amount = _decimal(value)
    if amount is None:
        return ""
    text = f"{amount.quantize(_CENT, rounding=ROUND_HALF_UP):,}"
    return f"{text} {currency}" if currency else text


@register.filter
def qty(value: Any) -> str:
    """Quantities without trailing zeros: 3.000000 → "3", 2.500000 → "2.5", 1200 → "1,200"."""
    amount = _decimal(value)
    if amount is None:
        return ""
    normal = amount.normalize()
    if normal == normal.to_integral_value():
        return f"{int(normal):,}"
    return f"{normal:,f}"


@register.filter
def day(value: Any) -> str:
    """A date or datetime in the shop's time zone: "12 Mar" this year, else "12 Mar 2025"."""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if isinstance(value, date):
        if value.year == timezone.localdate().year:
            return f"{value.day} {value:%b}"
        return f"{value.day} {value:%b %Y}"
    return ""
