"""The printable purchase order: an HTML template rendered to PDF by WeasyPrint.

Katana sends no mail: the user prints the PDF and attaches it to their own e-mail.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from makeline.catalog.contacts import ensure_shop
from makeline.purchasing.models import PurchaseOrder
from makeline.web.buy import selectors


def render(order: PurchaseOrder, *, base_url: str | None = None) -> bytes:
    """The order as PDF bytes (A4): shop, supplier, ship-to, rows in purchase UoM, totals."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # loads Pango: import late

    html = render_to_string(
        "web/buy/pdf.html",
        {
            "shop": ensure_shop(),
            "card": selectors.card(order),
            "order": order,
            "printed": timezone.localdate(),
        },
    )
    pdf: bytes = HTML(string=html, base_url=base_url).write_pdf()
    return pdf


def filename(order: PurchaseOrder) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in order.order_no)
    return f"purchase-order-{safe}.pdf"
