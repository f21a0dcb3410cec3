"""Stock screen views: parse, call one selector or service, render (page or htmx partial)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from makeline.catalog.models import Location, Variant
from makeline.common.errors import DomainError
from makeline.inventory import selectors as stock_moves
from makeline.inventory import services as inventory
from makeline.inventory.models import StockAdjustment
from makeline.web.buy.forms import as_datetime
from makeline.web.stock import chart, intel, selectors
from makeline.web.stock.forms import AdjustmentForm, AdjustmentRows, SafetyStockForm

ROWS_PREFIX = "rows"


def _location_id(request: HttpRequest) -> int | None:
    """The chosen location (`?location=<id>`), or None for "All locations"."""
    value = request.GET.get("location") or request.POST.get("location") or ""
    return int(value) if value.isdigit() else None


@login_required
@require_GET
def inventory_list(request: HttpRequest) -> HttpResponse:
    location_id = _location_id(request)
    text = request.GET.get("q", "")
    page, lines = selectors.inventory_page(location_id, request.GET.get("page"), text)
    context = {
        "locations": selectors.stock_locations(),
        "location_id": location_id,
        "q": text,
        "page": page,
        "lines": lines,
    }
    return render(request, "web/stock/list.html", context)


@login_required
@require_POST
def safety_stock(request: HttpRequest) -> HttpResponse:
    """Edit a safety stock level in place (htmx: the row comes back re-rendered)."""
    form = SafetyStockForm(request.POST)
    error = ""
    if form.is_valid():
        variant = Variant.objects.select_related("item").filter(pk=form.cleaned_data["variant"])
        location = Location.objects.filter(pk=form.cleaned_data["location"]).first()
        found = variant.first()
        if found is None or location is None:
            raise Http404("no such variant or location")
        try:
            inventory.set_safety_stock(
                variant=found, location=location, level=form.cleaned_data["level"]
            )
        except DomainError as refused:
            error = refused.message
    else:
        error = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect(request.headers.get("referer") or reverse("web:stock:list"))
    return _row(request, form, error)


def _row(request: HttpRequest, form: SafetyStockForm, error: str) -> HttpResponse:
    variant_id = form.cleaned_data.get("variant") if form.is_valid() else None
    location_id = form.cleaned_data.get("location") if form.is_valid() else None
    line = selectors.inventory_line(variant_id or 0, location_id)
    if line is None:
        raise Http404("no such variant")
    typed = request.POST.get("level", "")
    context = {"line": line, "location_id": location_id, "error": error, "typed": typed}
    return render(request, "web/stock/_row.html", context, status=422 if error else 200)


_FIGURES = {"in_stock": "In stock", "committed": "Committed", "expected": "Expected"}


@login_required
@require_GET
def figure(request: HttpRequest, variant_id: int, which: str) -> HttpResponse:
    """The orders and moves behind one figure (a panel; a page without htmx)."""
    if which not in _FIGURES:
        raise Http404("unknown figure")
    variant = _variant(variant_id)
    location_id = _location_id(request)
    context: dict[str, Any] = {"variant": variant, "which": which, "title": _FIGURES[which]}
    if which == "in_stock":
        context["moves"] = intel.recent_moves(variant.pk, location_id)
    elif which == "committed":
        context["events"] = intel.committed(variant.pk, location_id)
    else:
        context["events"] = intel.expected(variant.pk, location_id)
    template = "web/stock/_figure.html" if _is_htmx(request) else "web/stock/figure.html"
    return render(request, template, context)


@login_required
@require_GET
def item(request: HttpRequest, variant_id: int) -> HttpResponse:
    """One item: figures per location, the projected stock chart, its movements."""
    variant = _variant(variant_id)
    location_id = _location_id(request)
    by_location = selectors.figures_by_key([variant.pk]).get(variant.pk, {})
    locations = selectors.stock_locations()
    totals = selectors.figures_by_variant([variant.pk], location_id).get(
        variant.pk, selectors.Figures()
    )
    events = intel.expected(variant.pk, location_id) + intel.committed(variant.pk, location_id)
    steps = chart.projection(totals.in_stock, events, today=timezone.localdate())
    moves = Paginator(stock_moves.movements(variant_id=variant.pk), 50)
    context = {
        "variant": variant,
        "locations": locations,
        "location_id": location_id,
        "per_location": [(loc, by_location[loc.pk]) for loc in locations if loc.pk in by_location],
        "totals": totals,
        "steps": steps,
        "chart": chart.svg(steps),
        "moves": moves.get_page(request.GET.get("page")),
    }
    return render(request, "web/stock/item.html", context)


@login_required
@require_GET
def item_search(request: HttpRequest) -> HttpResponse:
    text = next((str(v) for k, v in request.GET.items() if k == "q" or k.endswith("-item")), "")
    variants = selectors.search_stocked(text)
    return render(request, "web/buy/_item_options.html", {"variants": variants})


@login_required
@require_GET
def adjustments(request: HttpRequest) -> HttpResponse:
    qs = (
        StockAdjustment.objects.select_related("location")
        .annotate(row_count=Count("rows"))
        .order_by("-stock_adjustment_date", "-id")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "web/stock/adjustments.html", {"page": page})


@login_required
def adjustment_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = AdjustmentForm(initial={"location": _location_id(request)})
        rows = AdjustmentRows(initial=[{}], prefix=ROWS_PREFIX)
        return render(request, "web/stock/adjustment_new.html", {"form": form, "rows": rows})
    data = _with_extra_row(request.POST) if "add_row" in request.POST else request.POST
    form, rows = AdjustmentForm(request.POST), AdjustmentRows(data, prefix=ROWS_PREFIX)
    if "add_row" not in request.POST and form.is_valid() and rows.is_valid():
        try:
            adjustment = _adjust(form, rows)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Stock adjustment {adjustment} booked.")
            return redirect("web:stock:adjustments")
    return render(request, "web/stock/adjustment_new.html", {"form": form, "rows": rows})


def _adjust(form: AdjustmentForm, rows: Any) -> StockAdjustment:
    data = form.cleaned_data
    return inventory.adjust_stock(
        location=data["location"],
        lines=[inventory.AdjustmentLine(v, q, c) for v, q, c in rows.lines()],
        reason=data.get("reason") or "",
        adjusted_at=as_datetime(data.get("adjusted_on")),
        additional_info=data.get("additional_info") or "",
    )


def _with_extra_row(data: Any) -> Any:
    data = data.copy()
    key = f"{ROWS_PREFIX}-TOTAL_FORMS"
    data[key] = str(int(data.get(key) or 0) + 1)
    return data


def _is_htmx(request: HttpRequest) -> bool:
    """django-htmx's middleware sets `request.htmx` (falsy for ordinary requests)."""
    return bool(getattr(request, "htmx", False))


def _variant(variant_id: int) -> Variant:
    variant = selectors.stocked_variants().filter(pk=variant_id).first()
    if variant is None:
        raise Http404("no such item")
    return variant
