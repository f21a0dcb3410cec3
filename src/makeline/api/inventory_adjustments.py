"""/stock_adjustments: list, create, PATCH (the header only, as Katana) and delete.

Rows are fixed once booked. A PATCH of the location or date moves the booked stock there
(the moves are reversed and booked again); a DELETE reverses the moves and removes the
adjustment for good (no soft delete: `include_deleted` finds nothing more), while the
ledger keeps the original moves and their reversals.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import (
    blank,
    changes_of,
    get_or_404,
    located,
    new_router,
    no_content,
    number,
    referenced,
    text,
)
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.schemas.inventory import (
    CreateStockAdjustmentRequest,
    StockAdjustment,
    StockAdjustmentListResponse,
    UpdateStockAdjustmentRequest,
)
from makeline.catalog.models import Location, Variant
from makeline.inventory import adjustments
from makeline.inventory.models import StockAdjustment as AdjustmentRow
from makeline.inventory.services import AdjustmentLine, adjust_stock

router = new_router("Stock adjustment")


class AdjustmentFilters(ListParams):
    location_id: int | None = None
    stock_adjustment_number: str | None = None


def _adjustments() -> QuerySet[AdjustmentRow]:
    return AdjustmentRow.objects.prefetch_related("rows")


@router.get(
    "/stock_adjustments",
    response=StockAdjustmentListResponse,
    operation_id="getAllStockAdjustments",
)
def list_adjustments(
    request: HttpRequest, response: HttpResponse, filters: Query[AdjustmentFilters]
) -> dict[str, Any]:
    lookups = {"location_id": "location_id", "stock_adjustment_number": "stock_adjustment_number"}
    queryset = matching(_adjustments(), filters, lookups)
    return {"data": [adjustment_out(a) for a in paginate(queryset, filters, response)]}


@router.post("/stock_adjustments", response=StockAdjustment, operation_id="createStockAdjustment")
def create_adjustment(
    request: HttpRequest, payload: CreateStockAdjustmentRequest
) -> dict[str, Any]:
    location = _location(payload.location_id)
    lines = []
    for n, row in enumerate(payload.stock_adjustment_rows):
        with located(f"stock_adjustment_rows[{n}]"):
            variant = referenced(
                Variant.objects.select_related("item"), row.variant_id, field="variant_id"
            )
        lines.append(
            AdjustmentLine(variant=variant, quantity=row.quantity, cost_per_unit=row.cost_per_unit)
        )
    adjustment = adjust_stock(
        location=location,
        lines=lines,
        reason=blank(payload.reason),
        number=payload.stock_adjustment_number,
        adjusted_at=payload.stock_adjustment_date,
        additional_info=blank(payload.additional_info),
    )
    return adjustment_out(get_or_404(_adjustments(), adjustment.pk))


@router.patch(
    "/stock_adjustments/{int:id}", response=StockAdjustment, operation_id="updateStockAdjustment"
)
def update_adjustment(
    request: HttpRequest, id: int, payload: UpdateStockAdjustmentRequest
) -> dict[str, Any]:
    adjustment = get_or_404(AdjustmentRow.objects.select_related("location"), id)
    changes = changes_of(payload, rename={"location_id": "location"})
    if "location" in changes:
        changes["location"] = _location(changes["location"])
    for key in ("reason", "additional_info"):
        if key in changes:
            changes[key] = blank(changes[key])
    adjustments.update_stock_adjustment(adjustment=adjustment, changes=changes)
    return adjustment_out(get_or_404(_adjustments(), id))


@router.delete(
    "/stock_adjustments/{int:id}", response={204: None}, operation_id="deleteStockAdjustment"
)
def delete_adjustment(request: HttpRequest, id: int) -> Status[None]:
    adjustments.delete_stock_adjustment(adjustment=get_or_404(AdjustmentRow.objects.all(), id))
    return no_content()


def _location(pk: int | None) -> Location:
    return referenced(Location.objects.filter(deleted_at__isnull=True), pk, field="location_id")


def adjustment_out(adjustment: AdjustmentRow) -> dict[str, Any]:
    return {
        "id": adjustment.pk,
        "stock_adjustment_number": adjustment.stock_adjustment_number,
        "stock_adjustment_date": adjustment.stock_adjustment_date,
        "location_id": adjustment.location_id,
        "reason": text(adjustment.reason),
        "additional_info": text(adjustment.additional_info),
        "stock_adjustment_rows": [
            {
                "id": row.pk,
                "variant_id": row.variant_id,
                "quantity": number(row.quantity),
                "cost_per_unit": number(row.cost_per_unit),
            }
            for row in adjustment.rows.all()
        ],
        "created_at": adjustment.created_at,
        "updated_at": adjustment.updated_at,
        "deleted_at": None,
    }
