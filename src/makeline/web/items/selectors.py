"""Read models of the Items screens: the item list, an item with its variants, a product
variant's BOM (with its stock cost) and routing, and the ingredient search.

Every function runs a constant number of queries whatever the number of rows.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import BomRow, Item, RoutingRow, Variant
from makeline.common.fields import ZERO
from makeline.inventory.selectors import average_costs

PAGE_SIZE = 50
SEARCH_LIMIT = 20


def _live_variants() -> QuerySet[Variant]:
    return Variant.objects.filter(deleted_at__isnull=True).order_by("id")


def item_page(
    *, kind: str, search: str = "", archived: bool = False, page: str | int = 1
) -> Page[Item]:
    """One page of items of a kind, found by name or SKU, with their live variants."""
    items = Item.objects.filter(
        kind=kind, deleted_at__isnull=True, archived_at__isnull=not archived
    )
    search = search.strip()
    if search:
        matching = Variant.objects.filter(sku__icontains=search, deleted_at__isnull=True)
        items = items.filter(Q(name__icontains=search) | Q(pk__in=matching.values("item_id")))
    items = items.select_related("default_supplier").prefetch_related(
        Prefetch("variants", queryset=_live_variants())
    )
    return Paginator(items.order_by("name", "id"), PAGE_SIZE).get_page(page)


def item_with_variants(item_id: int) -> Item:
    """The item (404 when deleted) with its live variants in `item.variants.all()`."""
    items = Item.objects.filter(deleted_at__isnull=True).select_related("default_supplier")
    return get_object_or_404(
        items.prefetch_related(Prefetch("variants", queryset=_live_variants())), pk=item_id
    )


def product_variant(variant_id: int) -> Variant:
    """A live variant of a product (404 otherwise), for the BOM and routing editors."""
    return get_object_or_404(
        Variant.objects.select_related("item"),
        pk=variant_id,
        deleted_at__isnull=True,
        item__kind=ItemKind.PRODUCT,
        item__deleted_at__isnull=True,
    )


# --- BOM --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BomLine:
    """A BOM row with what one unit of product costs in this ingredient (Katana §1.10)."""

    row: BomRow
    unit_cost: Decimal
    cost: Decimal
    cost_is_placeholder: bool


@dataclass(frozen=True, slots=True)
class Bom:
    lines: list[BomLine]
    stock_cost: Decimal


def bom(variant: Variant) -> Bom:
    """The variant's BOM rows in rank order, each costed at the ingredient's average cost.

    An ingredient never moved in stock (or at an average of 0) is costed at its purchase
    price per stock unit, as Katana does for materials at zero stock.
    """
    rows = list(
        BomRow.objects.filter(product_variant=variant)
        .select_related("ingredient_variant__item")
        .order_by("rank", "created_at")
    )
    averages = average_costs(row.ingredient_variant_id for row in rows)
    lines = [_costed(row, averages.get(row.ingredient_variant_id) or ZERO) for row in rows]
    return Bom(lines=lines, stock_cost=sum((line.cost for line in lines), ZERO))


def _costed(row: BomRow, average: Decimal) -> BomLine:
    ingredient = row.ingredient_variant
    placeholder = not average
    unit_cost = (
        ingredient.purchase_price / ingredient.item.conversion_rate if placeholder else average
    )
    return BomLine(row, unit_cost, unit_cost * row.quantity, placeholder)


def bom_row(row_id: object) -> BomRow:
    return get_object_or_404(
        BomRow.objects.select_related("product_variant__item", "ingredient_variant__item"),
        pk=row_id,
    )


def ingredient_candidates(*, search: str, exclude_variant_id: int) -> list[Variant]:
    """Usable materials and products whose name or SKU contains `search` (at most 20)."""
    search = search.strip()
    if not search:
        return []
    found = (
        Variant.objects.filter(
            Q(sku__icontains=search) | Q(item__name__icontains=search),
            item__kind__in=[ItemKind.MATERIAL, ItemKind.PRODUCT],
            archived_at__isnull=True,
            deleted_at__isnull=True,
            item__archived_at__isnull=True,
            item__deleted_at__isnull=True,
        )
        .exclude(pk=exclude_variant_id)
        .select_related("item")
        .order_by("item__name", "sku", "id")
    )
    return list(found[:SEARCH_LIMIT])


# --- routing ----------------------------------------------------------------------------


def routing(variant: Variant) -> list[RoutingRow]:
    return list(
        RoutingRow.objects.filter(product_variant=variant)
        .select_related("resource")
        .order_by("rank", "id")
    )


def routing_row(row_id: int) -> RoutingRow:
    return get_object_or_404(
        RoutingRow.objects.select_related("product_variant__item", "resource"), pk=row_id
    )
