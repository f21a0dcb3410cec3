"""/manufacturing_order_productions: completions of MOs (list, get, create, delete).

A create records a partial completion, or with `is_final` completes the MO; consumption is
always derived from the MO's recipe (Katana's behaviour when `ingredients` is left out).
A delete reverts the production; a reverted production counts as deleted.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import get_or_404, new_router, no_content, number, referenced
from makeline.api.manufacturing_wire import renamed_fields
from makeline.api.paging import ListParams, paginate
from makeline.api.schemas.manufacturing import (
    CreateProductionRequest,
    Production,
    ProductionListResponse,
)
from makeline.production import productions
from makeline.production.models import ManufacturingOrder, ProductionIngredient
from makeline.production.models import Production as ProductionModel

router = new_router("Manufacturing order production")


class ProductionFilters(ListParams):
    manufacturing_order_ids: list[int] | None = None


@router.get(
    "/manufacturing_order_productions",
    response=ProductionListResponse,
    operation_id="getAllManufacturingOrderProductions",
)
def list_productions(
    request: HttpRequest, response: HttpResponse, filters: Query[ProductionFilters]
) -> dict[str, Any]:
    queryset = _productions()
    if filters.manufacturing_order_ids is not None:
        queryset = queryset.filter(manufacturing_order_id__in=filters.manufacturing_order_ids)
    if not filters.include_deleted:
        queryset = queryset.filter(reverted_at__isnull=True)
    return {"data": [_production_out(p) for p in paginate(queryset, filters, response)]}


@router.get(
    "/manufacturing_order_productions/{int:id}",
    response=Production,
    operation_id="getManufacturingOrderProduction",
)
def get_production(request: HttpRequest, id: int) -> dict[str, Any]:
    return _production_out(get_or_404(_live(), id))


@router.post(
    "/manufacturing_order_productions",
    response=Production,
    operation_id="createManufacturingOrderProduction",
)
def create_production(request: HttpRequest, payload: CreateProductionRequest) -> dict[str, Any]:
    mo = referenced(
        ManufacturingOrder.objects.all(),
        payload.manufacturing_order_id,
        field="manufacturing_order_id",
    )
    with renamed_fields(
        {"quantity": "completed_quantity", "actual_quantity": "completed_quantity"}
    ):
        production = productions.create_production(
            mo=mo,
            quantity=payload.completed_quantity,
            production_date=payload.completed_date,
            is_final=payload.is_final,
        )
    return _production_out(get_or_404(_productions(), production.pk))


@router.delete(
    "/manufacturing_order_productions/{int:id}",
    response={204: None},
    operation_id="deleteManufacturingOrderProduction",
)
def delete_production(request: HttpRequest, id: int) -> Status[None]:
    productions.delete_production(production=get_or_404(_live(), id))
    return no_content()


def _productions() -> QuerySet[ProductionModel]:
    ingredients = ProductionIngredient.objects.select_related("recipe_row")
    return ProductionModel.objects.select_related("manufacturing_order").prefetch_related(
        Prefetch("ingredients", queryset=ingredients)
    )


def _live() -> QuerySet[ProductionModel]:
    return _productions().filter(reverted_at__isnull=True)


def _production_out(production: ProductionModel) -> dict[str, Any]:
    mo = production.manufacturing_order
    return {
        "id": production.pk,
        "manufacturing_order_id": mo.pk,
        "quantity": number(production.quantity),
        "production_date": production.production_date,
        "ingredients": [
            {
                "id": ingredient.pk,
                "location_id": mo.location_id,
                "variant_id": ingredient.recipe_row.variant_id,
                "manufacturing_order_id": mo.pk,
                "manufacturing_order_recipe_row_id": ingredient.recipe_row_id,
                "production_id": production.pk,
                "quantity": number(ingredient.quantity),
                "production_date": production.production_date,
                "cost": number(ingredient.cost),
                "deleted_at": production.reverted_at,
            }
            for ingredient in production.ingredients.all()
        ],
        "operations": [],
        "serial_numbers": [],
        "created_at": production.created_at,
        "updated_at": production.updated_at,
        "deleted_at": production.reverted_at,
    }
