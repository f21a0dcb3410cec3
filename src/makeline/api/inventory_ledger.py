"""/inventory_movements (the stock ledger) and /negative_stock.

Movements come in id order (the order they were booked), like every list here; Katana
sends the newest first. `balance_after` is the on-hand of the move's variant at its
location after the move: a correlated sum over the ledger up to the move's id, so it stays
right whatever filters narrow the list (a window function would only see the filtered
rows). `value_in_stock_after` and `average_cost_after` are the variant's, over all
locations (one moving average per variant, Katana §1.10). Moves are never edited, so
`updated_at` is `created_at`, and the updated_at filters read created_at.
"""

from datetime import datetime
from typing import Any, Literal

from django.db.models import DecimalField, F, Max, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from ninja import Query

from makeline.api.common import new_router, number
from makeline.api.paging import MAX_LIMIT, ListParams, matching, paginate, pagination_header
from makeline.api.schemas.inventory import InventoryMovementListResponse, NegativeStockListResponse
from makeline.catalog.models import Variant
from makeline.common.fields import ZERO
from makeline.inventory.models import StockMove
from makeline.planning.models import KeyPlan

router = new_router("Inventory movements")
negative_router = new_router("Inventory")

# Katana's InventoryMovementResourceTypeFilter: the gateway refuses ManufacturingOrder.
ResourceTypeFilter = Literal[
    "Production",
    "ProductionIngredient",
    "PurchaseOrderRecipeRow",
    "PurchaseOrderRow",
    "SalesOrderRow",
    "StockAdjustmentRow",
    "StockTransferRow",
    "SystemGenerated",
]


class MovementFilters(ListParams):
    variant_ids: list[int] | None = None
    location_id: int | None = None
    resource_type: ResourceTypeFilter | None = None
    resource_id: int | None = None
    caused_by_order_no: str | None = None
    caused_by_resource_id: int | None = None


class NegativeStockFilters(ListParams):
    location_id: int | None = None
    variant_id: int | None = None
    latest_negative_stock_date_min: datetime | None = None
    latest_negative_stock_date_max: datetime | None = None
    name: str | None = None
    sku: str | None = None
    category: str | None = None


@router.get(
    "/inventory_movements",
    response=InventoryMovementListResponse,
    operation_id="getAllInventoryMovements",
)
def list_movements(
    request: HttpRequest, response: HttpResponse, filters: Query[MovementFilters]
) -> dict[str, Any]:
    queryset = matching(
        _movements(),
        filters,
        {
            "variant_ids": "variant_id__in",
            "location_id": "location_id",
            "resource_type": "source",
            "resource_id": "source_id",
            "caused_by_order_no": "order_no",
            "caused_by_resource_id": "order_id",
        },
    )
    page = paginate(queryset, filters, response, updated="created_at")
    return {"data": [movement_out(m) for m in page]}


def _movements() -> QuerySet[StockMove]:
    earlier = StockMove.objects.filter(
        variant_id=OuterRef("variant_id"),
        location_id=OuterRef("location_id"),
        pk__lte=OuterRef("pk"),
    )
    balance = earlier.values("variant_id").annotate(total=Sum("quantity")).values("total")
    return StockMove.objects.annotate(
        balance_after=Subquery(balance, output_field=DecimalField(max_digits=30, decimal_places=6))
    )


def movement_out(move: Any) -> dict[str, Any]:
    return {
        "id": move.pk,
        "variant_id": move.variant_id,
        "location_id": move.location_id,
        "resource_type": move.source,
        "resource_id": move.source_id,
        "caused_by_order_no": move.order_no or None,
        "caused_by_resource_id": move.order_id,
        "movement_date": move.moved_at,
        "quantity_change": number(move.quantity),
        "balance_after": number(move.balance_after),
        "value_per_unit": number(move.unit_cost),
        "value_in_stock_after": number(move.value_after),
        "average_cost_after": number(move.average_cost_after),
        "created_at": move.created_at,
        "updated_at": move.created_at,
    }


# --- negative stock -----------------------------------------------------------------------


@negative_router.get(
    "/negative_stock", response=NegativeStockListResponse, operation_id="getAllNegativeStock"
)
def list_negative_stock(
    request: HttpRequest, response: HttpResponse, filters: Query[NegativeStockFilters]
) -> dict[str, Any]:
    """(variant, location) pairs whose on-hand is below zero now, with the date of the
    latest move (the one that left it negative), in variant then location order."""
    keys = _negative_keys(filters)
    limit = min(filters.limit, MAX_LIMIT)
    offset = (filters.page - 1) * limit
    total = keys.count()
    response["X-Pagination"] = pagination_header(total=total, page=filters.page, limit=limit)
    rows = list(keys[offset : offset + limit]) if offset < total else []
    variants = Variant.objects.select_related("item").in_bulk({r["variant_id"] for r in rows})
    plans = KeyPlan.objects.filter(
        variant_id__in={r["variant_id"] for r in rows},
        location_id__in={r["location_id"] for r in rows},
    )
    committed = {(p.variant_id, p.location_id): p.committed for p in plans}
    return {"data": [_negative_out(r, variants[r["variant_id"]], committed) for r in rows]}


def _negative_keys(filters: NegativeStockFilters) -> QuerySet[Any, Any]:
    moves = matching(
        StockMove.objects.all(),
        filters,
        {
            "location_id": "location_id",
            "variant_id": "variant_id",
            "sku": "variant__sku",
            "category": "variant__item__category_name",
            "name": "variant__item__name",
        },
    )
    keys = (
        moves.values("variant_id", "location_id")
        .annotate(on_hand=Coalesce(Sum("quantity"), ZERO), latest=Max("moved_at"))
        .filter(on_hand__lt=0)
    )
    if filters.latest_negative_stock_date_min:
        keys = keys.filter(latest__gte=filters.latest_negative_stock_date_min)
    if filters.latest_negative_stock_date_max:
        keys = keys.filter(latest__lte=filters.latest_negative_stock_date_max)
    return keys.order_by(F("variant_id"), F("location_id"))


def _negative_out(
    row: dict[str, Any], variant: Variant, committed: dict[tuple[int, int], Any]
) -> dict[str, Any]:
    return {
        "variant_id": row["variant_id"],
        "location_id": row["location_id"],
        "latest_negative_stock_date": row["latest"],
        "name": variant.display_name,
        "sku": variant.sku or "",
        "category": variant.item.category_name,
        "quantity_on_hand": number(row["on_hand"]),
        "quantity_allocated": number(committed.get((row["variant_id"], row["location_id"]), ZERO)),
    }
