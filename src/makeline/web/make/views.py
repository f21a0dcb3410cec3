"""The Schedule: open and done manufacturing orders, reranking, and the new-MO form.

Views translate only: parse the request, call one service or selector, render the page or,
for htmx requests, the re-rendered table.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from makeline.common.errors import DomainError
from makeline.production import orders, ranking
from makeline.production.models import ManufacturingOrder
from makeline.web.make import forms, selectors

PER_PAGE = 50


def is_htmx(request: HttpRequest) -> bool:
    """django-htmx's middleware sets `is_htmx(request)` (falsy unless htmx sent the request)."""
    return bool(getattr(request, "htmx", False))


def _page(request: HttpRequest, queryset: QuerySet[ManufacturingOrder]) -> Page:  # type: ignore[type-arg]
    return Paginator(queryset, PER_PAGE).get_page(
        request.GET.get("page") or request.POST.get("page")
    )


def _schedule(request: HttpRequest, *, done: bool, status: int = 200) -> HttpResponse:
    page = _page(request, selectors.done_orders() if done else selectors.open_orders())
    context = {"page": page, "rows": selectors.schedule_rows(page.object_list), "done": done}
    template = "web/make/_schedule_table.html" if is_htmx(request) else "web/make/schedule.html"
    return render(request, template, context, status=status)


@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    return _schedule(request, done=False)


@login_required
def done(request: HttpRequest) -> HttpResponse:
    return _schedule(request, done=True)


@login_required
def new(request: HttpRequest) -> HttpResponse:
    # Other screens' "+ Make" links prefill the form: ?variant=&quantity=&location=
    initial = {
        "variant": request.GET.get("variant"),
        "planned_quantity": request.GET.get("planned_quantity") or request.GET.get("quantity"),
        "location": request.GET.get("location"),
    }
    form = forms.NewManufacturingOrderForm(
        request.POST or None, initial={k: v for k, v in initial.items() if v}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        day = data["production_deadline_date"]
        try:
            mo = orders.create_manufacturing_order(
                variant=data["variant"],
                location=data["location"],
                planned_quantity=data["planned_quantity"],
                production_deadline_date=forms.deadline(day) if day else None,
                additional_info=data["additional_info"],
                create_subassemblies=data["create_subassemblies"],
            )
        except DomainError as error:
            forms.show_error(form, error)
        else:
            messages.success(request, f"{mo.order_no} created.")
            return redirect("web:make:card", pk=mo.pk)
    status = 422 if form.errors else 200
    return render(request, "web/make/new.html", {"form": form}, status=status)


@login_required
@require_POST
def rerank(request: HttpRequest) -> HttpResponse:
    """Drag and drop on the Schedule (SortableJS through rank.js)."""
    form = forms.RerankForm(request.POST)
    if not form.is_valid():
        return _refused(request, "The move could not be read; reload the page and try again.")
    data = form.cleaned_data
    mo = get_object_or_404(ManufacturingOrder, pk=data["id"])
    before = _optional(data["before_id"])
    after = None if before is not None else _optional(data["after_id"])
    return _rerank(request, mo, before=before, after=after)


@login_required
@require_POST
def move(request: HttpRequest, pk: int, where: str) -> HttpResponse:
    """The keyboard alternative to dragging: Move to top, Up, Down."""
    if where not in ("top", "up", "down"):
        raise Http404("No such move")
    mo = get_object_or_404(ManufacturingOrder, pk=pk)
    if where == "top":
        return _rerank(request, mo, before=None, after=None)
    other = selectors.neighbour(mo, upwards=where == "up")
    if other is None:  # already first (or last): nothing to do
        return _schedule(request, done=False) if is_htmx(request) else _back_to_schedule(request)
    if where == "up":
        return _rerank(request, mo, before=other, after=None)
    return _rerank(request, mo, before=None, after=other)


def _optional(pk: int | None) -> ManufacturingOrder | None:
    return None if pk is None else get_object_or_404(ManufacturingOrder, pk=pk)


def _rerank(
    request: HttpRequest,
    mo: ManufacturingOrder,
    *,
    before: ManufacturingOrder | None,
    after: ManufacturingOrder | None,
) -> HttpResponse:
    try:
        ranking.rerank_manufacturing_order(mo=mo, before=before, after=after)
    except DomainError as error:
        return _refused(request, error.message)
    if is_htmx(request):
        return _schedule(request, done=False)
    return _back_to_schedule(request)


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    if is_htmx(request):
        # Re-render the table in its real order, with the message above it.
        return _schedule(request, done=False)
    return _back_to_schedule(request)


def _back_to_schedule(request: HttpRequest) -> HttpResponse:
    page = request.POST.get("page")
    response = redirect("web:make:schedule")
    if page and page.isdigit():
        response["Location"] += f"?page={page}"
    return response
