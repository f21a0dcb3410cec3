"""/manufacturing_order_recipe_rows and /manufacturing_order_operation_rows: an MO's own
ingredients and operations (list, get, create, update, delete).

Recipe rows show their availability and expected date from the stored plan, what was
consumed and what remains, and their cost (`production.costs`). Operation rows show times in
seconds and costs as Katana's fixed-precision strings; changing their status drives the MO's.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import changes_of, fixed, get_or_404, new_router, no_content, referenced
from makeline.api.manufacturing_wire import wire_date
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.routing import operation_row_changes
from makeline.api.schemas.manufacturing import (
    CreateOperationRowRequest,
    CreateRecipeRowRequest,
    IngredientAvailability,
    OperationRow,
    OperationRowListResponse,
    OperationStatus,
    RecipeRow,
    RecipeRowListResponse,
    UpdateOperationRowRequest,
    UpdateRecipeRowRequest,
)
from makeline.catalog.models import Variant
from makeline.common.errors import DomainError
from makeline.common.fields import ZERO
from makeline.common.unit_of_work import unit_of_work
from makeline.planning import selectors as planning
from makeline.planning.models import DemandPlan
from makeline.production import costs, operation_rows, recipe
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder
from makeline.production.models import OperationRow as OperationRowModel
from makeline.production.models import RecipeRow as RecipeRowModel

router = new_router("Manufacturing order recipe")
operations_router = new_router("Manufacturing order operation")

_SECONDS_PER_HOUR = Decimal(3600)
_LIVE_CONSUMPTION = Q(consumptions__production__reverted_at__isnull=True)


class RecipeRowFilters(ListParams):
    manufacturing_order_id: int | None = None
    variant_id: int | None = None
    ingredient_availability: IngredientAvailability | None = None


class OperationRowFilters(ListParams):
    manufacturing_order_id: int | None = None
    status: OperationStatus | None = None


# --- recipe rows --------------------------------------------------------------------------


@router.get(
    "/manufacturing_order_recipe_rows",
    response=RecipeRowListResponse,
    operation_id="getAllManufacturingOrderRecipeRows",
)
def list_recipe_rows(
    request: HttpRequest, response: HttpResponse, filters: Query[RecipeRowFilters]
) -> dict[str, Any]:
    lookups = {"manufacturing_order_id": "manufacturing_order_id", "variant_id": "variant_id"}
    queryset = matching(_recipe_rows(), filters, lookups)
    if filters.ingredient_availability is not None:
        queryset = queryset.filter(_availability_is(filters.ingredient_availability))
    return {"data": recipe_row_page(paginate(queryset, filters, response))}


@router.get(
    "/manufacturing_order_recipe_rows/{int:id}",
    response=RecipeRow,
    operation_id="getManufacturingOrderRecipeRow",
)
def get_recipe_row(request: HttpRequest, id: int) -> dict[str, Any]:
    return _recipe_row_out(id)


@router.post(
    "/manufacturing_order_recipe_rows",
    response=RecipeRow,
    operation_id="createManufacturingOrderRecipeRows",
)
def create_recipe_row(request: HttpRequest, payload: CreateRecipeRowRequest) -> dict[str, Any]:
    mo = referenced(
        ManufacturingOrder.objects.all(),
        payload.manufacturing_order_id,
        field="manufacturing_order_id",
    )
    row = recipe.add_recipe_row(
        mo=mo,
        variant=_variant(payload.variant_id),
        planned_quantity_per_unit=payload.planned_quantity_per_unit,
        total_actual_quantity=payload.total_actual_quantity,
        notes=payload.notes or "",
    )
    return _recipe_row_out(row.pk)


@router.patch(
    "/manufacturing_order_recipe_rows/{int:id}",
    response=RecipeRow,
    operation_id="updateManufacturingOrderRecipeRows",
)
def update_recipe_row(
    request: HttpRequest, id: int, payload: UpdateRecipeRowRequest
) -> dict[str, Any]:
    row = get_or_404(RecipeRowModel.objects.select_related("manufacturing_order"), id)
    changes = changes_of(payload)
    if "variant_id" in changes:
        changes["variant"] = _variant(changes.pop("variant_id"))
    if "notes" in changes:
        changes["notes"] = changes["notes"] or ""
    recipe.update_recipe_row(recipe_row=row, changes=changes)
    return _recipe_row_out(row.pk)


@router.delete(
    "/manufacturing_order_recipe_rows/{int:id}",
    response={204: None},
    operation_id="deleteManufacturingOrderRecipeRow",
)
def delete_recipe_row(request: HttpRequest, id: int) -> Status[None]:
    row = get_or_404(RecipeRowModel.objects.select_related("manufacturing_order"), id)
    recipe.delete_recipe_row(recipe_row=row)
    return no_content()


def _recipe_rows() -> QuerySet[RecipeRowModel]:
    return RecipeRowModel.objects.select_related("manufacturing_order", "variant__item").annotate(
        consumed=Coalesce(Sum("consumptions__quantity", filter=_LIVE_CONSUMPTION), ZERO)
    )


def _availability_is(status: str) -> Q | Exists:
    """Rows whose planned status is `status`; rows without a plan (done MOs) are PROCESSED."""
    planned = DemandPlan.objects.filter(recipe_row=OuterRef("pk"))
    if status == "PROCESSED":
        return ~Q(Exists(planned))
    return Exists(planned.filter(status=status))


def recipe_row_page(rows: list[RecipeRowModel]) -> list[dict[str, Any]]:
    statuses = planning.recipe_row_statuses(rows)
    row_costs = costs.recipe_row_costs_many(rows)
    return [_recipe_row(row, statuses[row.pk], row_costs[row.pk]) for row in rows]


def _recipe_row_out(pk: int) -> dict[str, Any]:
    (out,) = recipe_row_page([get_or_404(_recipe_rows(), pk)])
    return out


def _recipe_row(row: RecipeRowModel, status: planning.Status, cost: Decimal) -> dict[str, Any]:
    mo = row.manufacturing_order
    consumed = Decimal(row.consumed)  # type: ignore[attr-defined]
    remaining = ZERO
    if mo.status != ManufacturingOrderStatus.DONE:
        remaining = max(ZERO, row.planned_quantity_per_unit * mo.planned_quantity - consumed)
    return {
        "id": row.pk,
        "manufacturing_order_id": mo.pk,
        "variant_id": row.variant_id,
        "notes": row.notes or None,
        "planned_quantity_per_unit": fixed(row.planned_quantity_per_unit),
        "total_actual_quantity": fixed(row.total_actual_quantity),
        "ingredient_availability": status.status,
        "ingredient_expected_date": wire_date(status.expected_date),
        "batch_transactions": [],
        "cost": fixed(cost),
        "total_consumed_quantity": float(consumed),
        "total_remaining_quantity": float(remaining),
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "deleted_at": None,
    }


def _variant(pk: int) -> Variant:
    live = Variant.objects.select_related("item").filter(deleted_at__isnull=True)
    return referenced(live, pk, field="variant_id")


# --- operation rows -----------------------------------------------------------------------


@operations_router.get(
    "/manufacturing_order_operation_rows",
    response=OperationRowListResponse,
    operation_id="getAllManufacturingOrderOperationRows",
)
def list_operation_rows(
    request: HttpRequest, response: HttpResponse, filters: Query[OperationRowFilters]
) -> dict[str, Any]:
    lookups = {"manufacturing_order_id": "manufacturing_order_id", "status": "status"}
    queryset = matching(_operation_rows(), filters, lookups)
    return {"data": [_operation_row(r) for r in paginate(queryset, filters, response)]}


@operations_router.get(
    "/manufacturing_order_operation_rows/{int:id}",
    response=OperationRow,
    operation_id="getManufacturingOrderOperationRow",
)
def get_operation_row(request: HttpRequest, id: int) -> dict[str, Any]:
    return _operation_row(get_or_404(_operation_rows(), id))


@operations_router.post(
    "/manufacturing_order_operation_rows",
    response=OperationRow,
    operation_id="createManufacturingOrderOperationRow",
)
def create_operation_row(
    request: HttpRequest, payload: CreateOperationRowRequest
) -> dict[str, Any]:
    mo = referenced(
        ManufacturingOrder.objects.all(),
        payload.manufacturing_order_id,
        field="manufacturing_order_id",
    )
    sent = payload.model_dump(exclude_unset=True, exclude={"manufacturing_order_id", "status"})
    with unit_of_work():  # a resource named in the body is created with the row, or not at all
        fields = operation_row_changes(sent)
        if "resource" not in fields:
            raise DomainError("give resource_id or resource_name", field="resource_id")
        row = operation_rows.add_operation_row(
            mo=mo, operation_name=fields.pop("operation_name", None) or "", **fields
        )
    return _operation_row(get_or_404(_operation_rows(), row.pk))


@operations_router.patch(
    "/manufacturing_order_operation_rows/{int:id}",
    response=OperationRow,
    operation_id="updateManufacturingOrderOperationRow",
)
def update_operation_row(
    request: HttpRequest, id: int, payload: UpdateOperationRowRequest
) -> dict[str, Any]:
    row = get_or_404(_operation_rows(), id)
    with unit_of_work():
        changes = operation_row_changes(changes_of(payload))
        operation_rows.update_operation_row(operation_row=row, changes=changes)
    return _operation_row(get_or_404(_operation_rows(), id))


@operations_router.delete(
    "/manufacturing_order_operation_rows/{int:id}",
    response={204: None},
    operation_id="deleteManufacturingOrderOperationRow",
)
def delete_operation_row(request: HttpRequest, id: int) -> Status[None]:
    operation_rows.delete_operation_row(operation_row=get_or_404(_operation_rows(), id))
    return no_content()


def _operation_rows() -> QuerySet[OperationRowModel]:
    return OperationRowModel.objects.select_related("manufacturing_order", "resource")


def _operation_row(row: OperationRowModel) -> dict[str, Any]:
    mo = row.manufacturing_order
    actual = row.total_actual_time
    planned = costs.planned_operation_time(row, costs.costed_quantity(mo))
    per_unit = costs.planned_operation_cost(row, mo.planned_quantity) / mo.planned_quantity
    actual_cost = None if actual is None else row.cost_per_hour * actual / _SECONDS_PER_HOUR
    return {
        "id": row.pk,
        "status": row.status,
        "type": row.type,
        "rank": row.rank,
        "manufacturing_order_id": mo.pk,
        "operation_name": row.operation_name,
        "resource_id": row.resource_id,
        "resource_name": row.resource.name,
        "assigned_operators": [],
        "completed_by_operators": [],
        "active_operator_id": None,
        "planned_time_per_unit": fixed(row.planned_time_per_unit),
        "planned_time_parameter": fixed(row.planned_time_per_unit),
        "total_actual_time": fixed(actual),
        "planned_cost_per_unit": fixed(costs.money(per_unit)),
        "total_actual_cost": None if actual_cost is None else fixed(costs.money(actual_cost)),
        "total_consumed_time": float(actual or ZERO),
        "total_remaining_time": float(max(ZERO, planned - (actual or ZERO))),
        "cost_per_hour": fixed(row.cost_per_hour),
        "cost_parameter": fixed(row.cost_parameter),
        "group_boundary": None,
        "is_status_actionable": True,
        "completed_at": row.completed_at,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "deleted_at": None,
    }
