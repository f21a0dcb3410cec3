"""The BOM and routing editors of a product variant (`/items/variants/<id>/recipe/`).

One page lists the ingredients (with the BOM's stock cost) and the operations; every row
has its own small form (save, Up/Down, remove). A refusal (a BOM cycle, a bad quantity)
re-renders the page with the message next to the field and the input kept.
"""

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from makeline.catalog import services
from makeline.catalog.models import BomRow, Resource, RoutingRow, Variant
from makeline.common.errors import DomainError
from makeline.common.unit_of_work import unit_of_work
from makeline.web.items import selectors
from makeline.web.items.forms import (
    BomRowEditForm,
    BomRowForm,
    MoveForm,
    RoutingRowForm,
    in_table_row,
    plain,
    show_error,
)


def _recipe_page(request: HttpRequest, variant: Variant, **bound: Any) -> HttpResponse:
    """The editor page; `bound` holds the one form being re-shown with its errors."""
    bom = selectors.bom(variant)
    resources = list(Resource.objects.order_by("name"))
    bom_lines = [(line, _bom_row_form(line.row, bound.get("row_form"))) for line in bom.lines]
    routing_rows = [
        (row, _routing_row_form(row, bound.get("row_form"), resources))
        for row in selectors.routing(variant)
    ]
    routing_form = bound.get("routing_form") or RoutingRowForm(prefix="op")
    _offer(routing_form, resources)
    context = {
        "variant": variant,
        "bom": bom,
        "bom_lines": bom_lines,
        "routing_rows": routing_rows,
        "bom_form": bound.get("bom_form") or BomRowForm(prefix="add"),
        "routing_form": routing_form,
        "has_resources": bool(resources),
    }
    return render(request, "web/items/recipe.html", context)


def _bom_row_form(row: BomRow, bound: Any) -> BomRowEditForm:
    prefix = f"b{row.pk}"
    if bound is not None and bound.prefix == prefix:
        form: BomRowEditForm = bound
    else:
        initial = {"quantity": plain(row.quantity), "notes": row.notes}
        form = BomRowEditForm(prefix=prefix, initial=initial)
    in_table_row(form, form_id=prefix, row_name=row.ingredient_variant.display_name)
    return form


def _routing_row_form(row: RoutingRow, bound: Any, resources: list[Resource]) -> RoutingRowForm:
    prefix = f"r{row.pk}"
    if bound is not None and bound.prefix == prefix:
        form: RoutingRowForm = bound
    else:
        form = RoutingRowForm(prefix=prefix, initial=RoutingRowForm.initial_of(row))
    in_table_row(form, form_id=prefix, row_name=row.operation_name)
    return _offer(form, resources)


def _offer(form: RoutingRowForm, resources: list[Resource]) -> RoutingRowForm:
    # The resources are read once per page, not once per row's <select>.
    field = form.fields["resource"]
    assert isinstance(field, forms.ModelChoiceField)
    field.choices = [("", "---------"), *((r.pk, r.name) for r in resources)]
    return form


def _back(variant_id: int) -> HttpResponse:
    return redirect("web:items:recipe", variant_id=variant_id)


@login_required
def recipe(request: HttpRequest, variant_id: int) -> HttpResponse:
    return _recipe_page(request, selectors.product_variant(variant_id))


@login_required
@require_GET
def ingredient_search(request: HttpRequest, variant_id: int) -> HttpResponse:
    """The <option>s of the ingredient picker (an htmx fragment)."""
    found = selectors.ingredient_candidates(
        search=request.GET.get("add-ingredient", ""), exclude_variant_id=variant_id
    )
    return render(request, "web/items/_ingredient_options.html", {"found": found})


# --- BOM rows ---------------------------------------------------------------------------


@login_required
@require_POST
def add_bom_row(request: HttpRequest, variant_id: int) -> HttpResponse:
    variant = selectors.product_variant(variant_id)
    form = BomRowForm(request.POST, prefix="add")
    if form.is_valid():
        try:
            services.add_bom_row(
                product_variant=variant,
                ingredient_variant=form.cleaned_data["ingredient"],
                quantity=form.cleaned_data["quantity"],
                notes=form.cleaned_data["notes"],
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Ingredient added.")
            return _back(variant.pk)
    return _recipe_page(request, variant, bom_form=form)


@login_required
@require_POST
def edit_bom_row(request: HttpRequest, row_id: UUID) -> HttpResponse:
    row = selectors.bom_row(row_id)
    form = BomRowEditForm(request.POST, prefix=f"b{row.pk}")
    if form.is_valid():
        try:
            services.update_bom_row(row=row, changes=dict(form.cleaned_data))
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Ingredient saved.")
            return _back(row.product_variant_id)
    return _recipe_page(request, row.product_variant, row_form=form)


@login_required
@require_POST
def move_bom_row(request: HttpRequest, row_id: UUID) -> HttpResponse:
    row = selectors.bom_row(row_id)
    rows = list(BomRow.objects.filter(product_variant_id=row.product_variant_id))
    _move(rows, row.pk, request.POST, services.update_bom_row)
    return _back(row.product_variant_id)


@login_required
@require_POST
def delete_bom_row(request: HttpRequest, row_id: UUID) -> HttpResponse:
    row = selectors.bom_row(row_id)
    services.delete_bom_row(row=row)
    messages.success(request, "Ingredient removed.")
    return _back(row.product_variant_id)


# --- routing rows -----------------------------------------------------------------------


@login_required
@require_POST
def add_routing_row(request: HttpRequest, variant_id: int) -> HttpResponse:
    variant = selectors.product_variant(variant_id)
    form = RoutingRowForm(request.POST, prefix="op")
    if form.is_valid():
        try:
            services.add_routing_row(product_variant=variant, **form.values())
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Operation added.")
            return _back(variant.pk)
    return _recipe_page(request, variant, routing_form=form)


@login_required
@require_POST
def edit_routing_row(request: HttpRequest, row_id: int) -> HttpResponse:
    row = selectors.routing_row(row_id)
    form = RoutingRowForm(request.POST, prefix=f"r{row.pk}")
    if form.is_valid():
        changes = form.values()
        if changes["cost_parameter"] is None:
            changes["cost_parameter"] = changes["resource"].cost_per_hour
        try:
            services.update_routing_row(row=row, changes=changes)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Operation saved.")
            return _back(row.product_variant_id)
    return _recipe_page(request, row.product_variant, row_form=form)


@login_required
@require_POST
def move_routing_row(request: HttpRequest, row_id: int) -> HttpResponse:
    row = selectors.routing_row(row_id)
    rows = list(RoutingRow.objects.filter(product_variant_id=row.product_variant_id))
    _move(rows, row.pk, request.POST, services.update_routing_row)
    return _back(row.product_variant_id)


@login_required
@require_POST
def delete_routing_row(request: HttpRequest, row_id: int) -> HttpResponse:
    row = selectors.routing_row(row_id)
    services.delete_routing_row(row=row)
    messages.success(request, "Operation removed.")
    return _back(row.product_variant_id)


# --- reordering -------------------------------------------------------------------------


def _move(rows: Sequence[Any], row_id: object, data: Any, update: Callable[..., Any]) -> None:
    """Swap the row with its neighbour and renumber the ranks 1..n in one unit of work.

    Renumbering (rather than swapping two ranks) also repairs rows that share a rank.
    """
    form = MoveForm(data)
    if not form.is_valid():
        return
    order = list(rows)  # already in rank order (model ordering)
    index = next(i for i, r in enumerate(order) if r.pk == row_id)
    other = index - 1 if form.cleaned_data["direction"] == "up" else index + 1
    if not 0 <= other < len(order):
        return
    order[index], order[other] = order[other], order[index]
    with unit_of_work():
        for rank, each in enumerate(order, start=1):
            if each.rank != rank:
                update(row=each, changes={"rank": rank})
