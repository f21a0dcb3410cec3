"""The MO card: header edits, ingredients, operations, completions, revert and delete.

Each change is one POST to its own URL that calls one production service and redirects
back to the card; a refused change re-renders the card with that form bound (status 422),
so the user's input stays and the service's message shows next to the field it names.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from makeline.access.versions import refuse_if_stale
from makeline.common.errors import DomainError
from makeline.common.unit_of_work import unit_of_work
from makeline.planning import selectors as planning
from makeline.production import completion, operations, orders, ranking, recipe
from makeline.production.enums import ManufacturingOrderStatus, OperationStatus
from makeline.production.models import ManufacturingOrder, OperationRow, RecipeRow
from makeline.web.make import forms, selectors

M = ManufacturingOrderStatus


def _order(pk: int) -> ManufacturingOrder:
    try:
        return selectors.card_order(pk)
    except ManufacturingOrder.DoesNotExist:
        raise Http404("No such manufacturing order") from None


def _edit_form(mo: ManufacturingOrder, data: Any = None) -> forms.EditManufacturingOrderForm:
    initial = {
        "production_deadline_date": timezone.localtime(mo.production_deadline_date).date(),
        "planned_quantity": mo.planned_quantity.normalize(),
        "additional_info": mo.additional_info,
    }
    return forms.EditManufacturingOrderForm(
        data, initial=initial, quantity_locked=mo.sales_order_row_id is not None
    )


def _normal(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def _render(
    request: HttpRequest,
    mo: ManufacturingOrder,
    *,
    status: int = 200,
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    """The whole card; `bound` replaces the blank forms (and keys row forms by row id)."""
    bound = bound or {}
    card = selectors.card(mo)
    row_forms = {
        line.row.pk: forms.RecipeRowForm(
            initial={
                "planned_quantity_per_unit": line.row.planned_quantity_per_unit.normalize(),
                "total_actual_quantity": _normal(line.row.total_actual_quantity),
            },
            prefix=f"row{line.row.pk}",
        )
        for line in card.ingredients
    }
    row_forms.update(bound.get("row_forms", {}))
    op_forms = {
        line.row.pk: forms.OperationForm(prefix=f"op{line.row.pk}") for line in card.operations
    }
    op_forms.update(bound.get("op_forms", {}))
    context = {
        "card": card,
        "mo": mo,
        "locked": mo.sales_order_row_id is not None,
        "is_done": mo.status == M.DONE,
        "edit_form": bound.get("edit_form") or _edit_form(mo),
        "add_form": bound.get("add_form") or forms.AddIngredientForm(),
        "production_form": bound.get("production_form") or forms.ProductionForm(),
        "done_form": bound.get("done_form") or forms.DoneForm(),
        "status_form": bound.get("status_form") or forms.StatusForm(initial={"status": mo.status}),
        "ingredients": [(line, row_forms[line.row.pk]) for line in card.ingredients],
        "operations": [(line, op_forms[line.row.pk]) for line in card.operations],
        "card_error": bound.get("card_error"),
    }
    return render(request, "web/make/card.html", context, status=status)


def _done_or_refused(
    request: HttpRequest,
    mo: ManufacturingOrder,
    form: django_forms.Form,
    key: str,
    action: Callable[[], object],
    success: str,
    **aliases: str,
) -> HttpResponse:
    """Run one service call for a valid form; re-render the card with the form on errors."""
    if form.is_valid():
        try:
            action()
        except DomainError as error:
            forms.show_error(form, error, **aliases)
        else:
            messages.success(request, success)
            return redirect("web:make:card", pk=mo.pk)
    entry: Any = form
    if key in ("row_forms", "op_forms"):
        entry = {int(str(form.prefix).lstrip("oprw")): form}  # "row12" / "op7"
    return _render(request, _order(mo.pk), status=422, bound={key: entry})


@login_required
@require_GET
def card(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _order(pk))


@login_required
@require_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    mo = _order(pk)
    if refuse_if_stale(request, mo):
        return redirect("web:make:card", pk=mo.pk)
    form = _edit_form(mo, request.POST)

    def save() -> None:
        data = form.cleaned_data
        changes: dict[str, Any] = {
            "production_deadline_date": forms.deadline(
                data["production_deadline_date"], keep=mo.production_deadline_date
            ),
            "additional_info": data["additional_info"],
        }
        if mo.sales_order_row_id is None:
            changes["planned_quantity"] = data["planned_quantity"]
        orders.update_manufacturing_order(mo=mo, changes=changes)

    return _done_or_refused(request, mo, form, "edit_form", save, "Saved.")


@login_required
@require_POST
def set_status(request: HttpRequest, pk: int) -> HttpResponse:
    mo = _order(pk)
    form = forms.StatusForm(request.POST)

    def save() -> None:
        orders.set_status(mo=mo, status=M(form.cleaned_data["status"]))

    return _done_or_refused(request, mo, form, "status_form", save, "Status changed.")


@login_required
@require_POST
def produce(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a partial completion."""
    mo = _order(pk)
    form = forms.ProductionForm(request.POST)

    def save() -> None:
        completion.record_production(mo=mo, quantity=form.cleaned_data["quantity"])

    return _done_or_refused(request, mo, form, "production_form", save, "Production recorded.")


@login_required
@require_POST
def mark_done(request: HttpRequest, pk: int) -> HttpResponse:
    mo = _order(pk)
    form = forms.DoneForm(request.POST)

    def save() -> None:
        orders.set_status(
            mo=mo, status=M.DONE, actual_quantity=form.cleaned_data["actual_quantity"]
        )

    return _done_or_refused(
        request, mo, form, "done_form", save, f"{mo.order_no} is done.", quantity="actual_quantity"
    )


@login_required
@require_POST
def revert(request: HttpRequest, pk: int) -> HttpResponse:
    """Back to Not started: every production is reverted and its stock moves reversed."""
    mo = _order(pk)
    try:
        orders.set_status(mo=mo, status=M.NOT_STARTED)
    except DomainError as error:
        return _render(request, mo, status=422, bound={"card_error": error.message})
    messages.success(request, f"{mo.order_no} reverted to Not started.")
    return redirect("web:make:card", pk=mo.pk)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    mo = _order(pk)
    try:
        orders.delete_manufacturing_order(mo=mo)
    except DomainError as error:
        return _render(request, mo, status=422, bound={"card_error": error.message})
    messages.success(request, f"{mo.order_no} deleted.")
    return redirect("web:make:schedule")


# --- ingredients -------------------------------------------------------------------------


def _recipe_row(mo: ManufacturingOrder, row_pk: int) -> RecipeRow:
    return get_object_or_404(
        RecipeRow.objects.select_related("variant"), pk=row_pk, manufacturing_order=mo
    )


@login_required
@require_POST
def update_ingredient(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    mo = _order(pk)
    row = _recipe_row(mo, row_pk)
    form = forms.RecipeRowForm(request.POST, prefix=f"row{row.pk}")

    def save() -> None:
        recipe.update_recipe_row(recipe_row=row, changes=dict(form.cleaned_data))

    return _done_or_refused(request, mo, form, "row_forms", save, "Ingredient saved.")


@login_required
@require_POST
def add_ingredient(request: HttpRequest, pk: int) -> HttpResponse:
    mo = _order(pk)
    form = forms.AddIngredientForm(request.POST)

    def save() -> None:
        recipe.add_recipe_row(mo=mo, **form.cleaned_data)

    return _done_or_refused(request, mo, form, "add_form", save, "Ingredient added.")


@login_required
@require_POST
def remove_ingredient(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    mo = _order(pk)
    row = _recipe_row(mo, row_pk)
    try:
        recipe.delete_recipe_row(recipe_row=row)
    except DomainError as error:
        return _render(request, mo, status=422, bound={"card_error": error.message})
    messages.success(request, "Ingredient removed.")
    return redirect("web:make:card", pk=mo.pk)


@login_required
@require_POST
def make_ingredient(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    """+ Make: an MO for the missing quantity of a subassembly, served just before this MO."""
    mo = _order(pk)
    row = _recipe_row(mo, row_pk)
    form = forms.MakeIngredientForm(request.POST)
    if form.is_valid():
        try:
            with unit_of_work():  # the rank and the new MO are one change
                made = orders.create_manufacturing_order(
                    variant=row.variant,
                    location=mo.location,
                    planned_quantity=form.cleaned_data["quantity"],
                    rank=ranking.rank_above(mo),
                )
        except DomainError as error:
            return _render(request, mo, status=422, bound={"card_error": error.message})
        messages.success(request, f"{made.order_no} created for {row.variant.display_name}.")
        return redirect("web:make:card", pk=mo.pk)
    return _render(request, mo, status=422, bound={"card_error": "Give a quantity above zero."})


@login_required
@require_GET
def why(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    """Why an ingredient row has its availability (an htmx fragment of the card)."""
    row = _recipe_row(_order(pk), row_pk)
    explained = planning.explanation(f"mo:{row.pk}")
    sentences = explained.sentences() if explained is not None else []
    return render(request, "web/make/_why.html", {"sentences": sentences})


# --- operations --------------------------------------------------------------------------


@login_required
@require_POST
def update_operation(request: HttpRequest, pk: int, op_pk: int) -> HttpResponse:
    mo = _order(pk)
    row = get_object_or_404(OperationRow, pk=op_pk, manufacturing_order=mo)
    form = forms.OperationForm(request.POST, prefix=f"op{row.pk}")

    def save() -> None:
        status = form.cleaned_data["status"]
        operations.update_operation(
            operation_row=row,
            status=OperationStatus(status) if status else None,
            total_actual_time=form.actual_seconds(),
        )

    return _done_or_refused(
        request, mo, form, "op_forms", save, "Operation saved.", total_actual_time="actual_minutes"
    )
