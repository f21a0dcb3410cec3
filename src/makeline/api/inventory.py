"""/inventory and the safety stock levels: what is in stock, committed and expected per
(variant, location), as Katana's fixed-precision strings.

One row per stocked variant (products and materials, not services; deleted ones never,
archived ones with `include_archived`) and per location, rows of zeros included, ordered by
variant then location. In stock comes from the ledger; committed and expected from the
stored plan (planning's KeyPlan), so nothing is computed here that planning decides.
Average cost is the variant's (Katana §1.10: one moving average per variant);
value_in_stock = in stock here × that average.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query

from makeline.api.common import new_router, referenced
from makeline.api.items import variant_out
from makeline.api.paging import MAX_LIMIT, ListParams, pagination_header
from makeline.api.schemas.inventory import (
    CreateInventorySafetyStockLevelRequest,
    InventoryListResponse,
    InventorySafetyStockLevel,
)
from makeline.api.shop import location_out
from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Location, Variant
from makeline.common.fields import QUANTITY_PLACES, ZERO
from makeline.inventory import selectors
from makeline.inventory.services import set_safety_stock
from makeline.planning.models import KeyPlan
from makeline.planning.selectors import InventoryFigures

router = new_router("Inventory")

type Key = tuple[int, int]
_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)


class InventoryFilters(ListParams):
    location_id: int | None = None
    variant_id: list[int] | None = None
    include_archived: bool = False
    extend: list[Literal["variant", "location"]] | None = None


def quantity(value: Decimal) -> str:
    """Katana's fixed-precision string, 6 places like every stored quantity."""
    return str(value.quantize(_PLACES, rounding=ROUND_HALF_UP))


@router.get("/inventory", response=InventoryListResponse, operation_id="getAllInventoryPoint")
def list_inventory(
    request: HttpRequest, response: HttpResponse, filters: Query[InventoryFilters]
) -> dict[str, Any]:
    page = _page(filters, response)
    figures = _Figures.of(page)
    extend: set[str] = set(filters.extend or [])
    return {"data": [figures.row(v, loc, extend) for v, loc in page]}


@router.post(
    "/inventory_safety_stock_levels",
    response=InventorySafetyStockLevel,
    operation_id="createInventorySafetyStockLevel",
)
def set_safety_stock_level(
    request: HttpRequest, payload: CreateInventorySafetyStockLevelRequest
) -> dict[str, Any]:
    return _set_level(payload)


@router.post(
    "/inventory_reorder_points",
    response=InventorySafetyStockLevel,
    operation_id="createInventoryReorderPoint",
)
def set_reorder_point(
    request: HttpRequest, payload: CreateInventorySafetyStockLevelRequest
) -> dict[str, Any]:
    """Katana's deprecated name for the safety stock level: the same value is set."""
    return _set_level(payload)


def _set_level(payload: CreateInventorySafetyStockLevelRequest) -> dict[str, Any]:
    variant = referenced(
        Variant.objects.select_related("item"), payload.variant_id, field="variant_id"
    )
    location = referenced(
        Location.objects.filter(deleted_at__isnull=True), payload.location_id, field="location_id"
    )
    safety = set_safety_stock(variant=variant, location=location, level=payload.value)
    return {
        "location_id": safety.location_id,
        "variant_id": safety.variant_id,
        "value": quantity(safety.level),
    }


# --- the page -----------------------------------------------------------------------------


def stocked_variants(*, include_archived: bool = False) -> QuerySet[Variant]:
    variants = Variant.objects.filter(
        item__kind__in=(ItemKind.PRODUCT, ItemKind.MATERIAL),
        deleted_at__isnull=True,
        item__deleted_at__isnull=True,
    )
    if not include_archived:
        variants = variants.filter(archived_at__isnull=True, item__archived_at__isnull=True)
    return variants.select_related("item").order_by("pk")


def _page(filters: InventoryFilters, response: HttpResponse) -> list[tuple[Variant, Location]]:
    """The page of the variants × locations grid, in three queries however long it is."""
    locations = Location.objects.filter(deleted_at__isnull=True).order_by("pk")
    if filters.location_id is not None:
        locations = locations.filter(pk=filters.location_id)
    places = list(locations)
    variants = stocked_variants(include_archived=filters.include_archived)
    if filters.variant_id:
        variants = variants.filter(pk__in=filters.variant_id)
    limit = min(filters.limit, MAX_LIMIT)
    offset = (filters.page - 1) * limit
    total = variants.count() * len(places)
    response["X-Pagination"] = pagination_header(total=total, page=filters.page, limit=limit)
    if offset >= total:
        return []
    first, last = offset // len(places), (offset + limit - 1) // len(places)
    cells = [(v, loc) for v in variants[first : last + 1] for loc in places]
    start = offset - first * len(places)
    return cells[start : start + limit]


@dataclass(frozen=True, slots=True)
class _Figures:
    """The page's numbers, read in four queries."""

    on_hand: dict[Key, Decimal]
    plans: dict[Key, KeyPlan]
    safety: dict[Key, Decimal]
    costs: dict[int, Decimal]

    @classmethod
    def of(cls, page: list[tuple[Variant, Location]]) -> "_Figures":
        keys = {(v.pk, loc.pk) for v, loc in page}
        plans = KeyPlan.objects.filter(
            variant_id__in={k[0] for k in keys}, location_id__in={k[1] for k in keys}
        )
        return cls(
            on_hand=selectors.on_hand_by_key(keys) if keys else {},
            plans={(p.variant_id, p.location_id): p for p in plans} if keys else {},
            safety=selectors.safety_stock_by_key(keys) if keys else {},
            costs=selectors.average_costs(k[0] for k in keys),
        )

    def row(self, variant: Variant, location: Location, extend: set[str]) -> dict[str, Any]:
        key = (variant.pk, location.pk)
        in_stock = self.on_hand.get(key, ZERO)
        plan = self.plans.get(key)
        committed = plan.committed if plan else ZERO
        expected = plan.expected if plan else ZERO
        safety = self.safety.get(key, ZERO)
        figures = InventoryFigures(in_stock, committed, expected, safety)
        cost = self.costs.get(variant.pk, ZERO)
        out: dict[str, Any] = {
            "variant_id": variant.pk,
            "location_id": location.pk,
            "safety_stock_level": quantity(safety),
            "reorder_point": quantity(safety),
            "average_cost": quantity(cost),
            "value_in_stock": quantity(in_stock * cost),
            "quantity_in_stock": quantity(in_stock),
            "quantity_committed": quantity(committed),
            "quantity_expected": quantity(expected),
            "quantity_missing_or_excess": quantity(figures.missing_or_excess),
            "quantity_potential": None,  # kits/bundles: not supported
            "archived_at": variant.archived_at or variant.item.archived_at,
        }
        if "variant" in extend:
            out["variant"] = variant_out(variant, variant.item)
        if "location" in extend:
            out["location"] = location_out(location)
        return out
