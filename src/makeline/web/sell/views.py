"""Sell screen views: the Open / Done / Quotes tables, reranking, make to order from the
list, the availability panel and the item search. Each parses the request, calls one
service or selector, and renders a page or (for htmx) the fragment that changed."""

from typing import Literal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from makeline.common.errors import DomainError
from makeline.production import make_to_order, ranking
from makeline.sales.models import SalesOrder
from makeline.web.sell import card, selectors


def _htmx(request: HttpRequest) -> bool:
    """django-htmx's middleware sets `request.htmx` (falsy unless htmx sent the request)."""
    return bool(getattr(request, "htmx", False))


def _open_table(request: HttpRequest, page: str | None, *, error: str = "") -> HttpResponse:
    context = {"listing": selectors.open_page(page), "error": error}
    return render(request, "web/sell/_open_table.html", context)


@login_required
@require_GET
def open_list(request: HttpRequest) -> HttpResponse:
    listing = selectors.open_page(request.GET.get("page"))
    return render(request, "web/sell/open.html", {"tab": "open", "listing": listing})


@login_required
@require_GET
def done_list(request: HttpRequest) -> HttpResponse:
    listing = selectors.done_page(request.GET.get("page"))
    return render(request, "web/sell/done.html", {"tab": "done", "listing": listing})


@login_required
@require_GET
def quote_list(request: HttpRequest) -> HttpResponse:
    listing = selectors.quotes_page(request.GET.get("page"))
    return render(request, "web/sell/quotes.html", {"tab": "quotes", "listing": listing})


def _after_list_change(request: HttpRequest, error: str = "") -> HttpResponse:
    """htmx: the re-rendered Open table (every status may have changed); else back to it."""
    page = request.POST.get("page") or None
    if _htmx(request):
        return _open_table(request, page, error=error)
    if error:
        messages.error(request, error)
    url = reverse("web:sell:open")
    return redirect(f"{url}?page={page}" if page else url)


def _order_or_none(value: str | None) -> SalesOrder | None:
    if not value:
        return None
    return SalesOrder.objects.filter(pk=value).first() if value.isdigit() else None


_MOVES: dict[str, Literal["up", "down"]] = {"up": "up", "down": "down"}


@login_required
@require_POST
def rerank(request: HttpRequest) -> HttpResponse:
    """Place an order: a drag and drop sends `before_id` (the order it now sits above) or
    `after_id` (the one it sits below); the buttons send `move` = top, up or down."""
    order = get_object_or_404(SalesOrder, pk=request.POST.get("id") or 0)
    before = _order_or_none(request.POST.get("before_id"))
    after = _order_or_none(request.POST.get("after_id"))
    move = request.POST.get("move", "")
    if move in _MOVES:
        other = selectors.neighbour(order, _MOVES[move])
        if other is None:  # already first or last: nothing to do
            return _after_list_change(request)
        before, after = (other, None) if move == "up" else (None, other)
    try:
        ranking.rerank_sales_order(order=order, before=before, after=after)
    except DomainError as error:
        return _after_list_change(request, error.message)
    return _after_list_change(request)


@login_required
@require_POST
def make_to_order_all(request: HttpRequest, order_id: int) -> HttpResponse:
    """ "+ Make to order": an MO for every producible row without one (from the list or card)."""
    order = get_object_or_404(SalesOrder, pk=order_id)
    error = ""
    try:
        made = make_to_order.make_to_order_all(order=order)
    except DomainError as refused:
        error = refused.message
    if request.POST.get("from") == "list":
        return _after_list_change(request, error)
    if error:
        messages.error(request, error)
    else:
        names = ", ".join(mo.order_no for mo in made) or "nothing (every row has an MO)"
        messages.success(request, f"Made to order: {names}")
    return redirect("web:sell:order", order_id=order.pk)


def other_screen_url(*names: str) -> str:
    """The first URL name that exists: other screens may not be there yet."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


@login_required
@require_GET
def availability(request: HttpRequest, order_id: int) -> HttpResponse:
    """Per row: statuses, the missing-materials list and why (an htmx panel or a page)."""
    order = get_object_or_404(SalesOrder.objects.select_related("customer"), pk=order_id)
    row = request.GET.get("row", "")
    context = {
        "order": order,
        "panel": card.availability_panel(order, row_id=int(row) if row.isdigit() else None),
        "mo_new_url": other_screen_url("web:make:new", "admin:production_manufacturingorder_add"),
        "po_new_url": other_screen_url("web:buy:new", "admin:purchasing_purchaseorder_add"),
    }
    template = "web/sell/_availability.html" if _htmx(request) else "web/sell/availability.html"
    return render(request, template, context)


@login_required
@require_GET
def item_search(request: HttpRequest) -> HttpResponse:
    """Options for the item datalist: `q`, or the value of whichever `…variant` input asked."""
    asked = [k for k in request.GET if k == "q" or k.endswith("variant")]
    query = request.GET.get(asked[0], "") if asked else ""
    variants = selectors.sellable_variants(query)
    return render(request, "web/sell/_item_options.html", {"variants": variants})
