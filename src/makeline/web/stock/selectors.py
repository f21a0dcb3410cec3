"""Read models of the Stock screen: the inventory list, the figures per location of one
item, and what stands behind a figure (Katana's "Inventory intel").

The figures are the stored plan's (`planning.models.KeyPlan`, as of the last replan) plus
the safety stock; "All locations" sums them per variant. A list page costs a constant
number of queries: the page of variants (with their current average cost as a subquery),
their key plans and their safety stocks.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Location, Variant
from makeline.common.fields import ZERO
from makeline.inventory import selectors as inventory
from makeline.inventory.models import SafetyStock
from makeline.planning.models import KeyPlan

PAGE_SIZE: Final = 50


@dataclass(frozen=True, slots=True)
class Figures:
    in_stock: Decimal = ZERO
    committed: Decimal = ZERO
    expected: Decimal = ZERO
    safety_stock: Decimal = ZERO

    @property
    def calculated(self) -> Decimal:
        """Katana's Calculated stock: in stock − committed + expected − safety stock."""
        return self.in_stock - self.committed + self.expected - self.safety_stock

    @property
    def missing(self) -> Decimal:
        return -self.calculated if self.calculated < 0 else ZERO

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            self.in_stock + other.in_stock,
            self.committed + other.committed,
            self.expected + other.expected,
            self.safety_stock + other.safety_stock,
        )


@dataclass(frozen=True, slots=True)
class InventoryLine:
    variant: Variant
    location_id: int | None  # None: all locations
    figures: Figures
    average_cost: Decimal

    @property
    def value_in_stock(self) -> Decimal:
        return self.figures.in_stock * self.average_cost

    @property
    def can_make(self) -> bool:
        return self.variant.item.is_producible

    @property
    def can_buy(self) -> bool:
        return self.variant.item.is_purchasable


def stock_locations() -> list[Location]:
    return list(Location.objects.filter(deleted_at__isnull=True).order_by("-is_primary", "id"))


def stocked_variants() -> QuerySet[Variant]:
    """Variants that carry stock: usable, not services."""
    return (
        Variant.objects.filter(
            archived_at__isnull=True,
            deleted_at__isnull=True,
            item__archived_at__isnull=True,
            item__deleted_at__isnull=True,
        )
        .exclude(item__kind=ItemKind.SERVICE)
        .select_related("item")
    )


def search_stocked(text: str, limit: int = 20) -> list[Variant]:
    qs = stocked_variants().order_by("item__name", "sku", "id")
    if text.strip():
        qs = qs.filter(Q(sku__icontains=text.strip()) | Q(item__name__icontains=text.strip()))
    return list(qs[:limit])


def find_stocked(text: str) -> list[Variant]:
    """Stocked variants a typed item text names: SKU (before " · "), else exact item name."""
    text = text.strip()
    if not text:
        return []
    by_sku = list(stocked_variants().filter(sku__iexact=text.split(" · ", 1)[0].strip()))
    return by_sku or list(stocked_variants().filter(item__name__iexact=text)[:5])


def inventory_page(
    location_id: int | None, page_number: str | int | None, text: str = ""
) -> tuple[Page[Variant], list[InventoryLine]]:
    """One page (50) of the inventory list at one location, or summed over all (None)."""
    qs = stocked_variants().order_by("item__name", "sku", "id")
    if text.strip():
        qs = qs.filter(Q(sku__icontains=text.strip()) | Q(item__name__icontains=text.strip()))
    page = Paginator(inventory.with_average_cost(qs), PAGE_SIZE).get_page(page_number)
    variants = list(page.object_list)
    figures = figures_by_variant([v.pk for v in variants], location_id)
    lines = [
        InventoryLine(
            variant=v,
            location_id=location_id,
            figures=figures.get(v.pk, Figures()),
            average_cost=getattr(v, "current_average_cost", None) or ZERO,
        )
        for v in variants
    ]
    return page, lines


def inventory_line(variant_id: int, location_id: int | None) -> InventoryLine | None:
    """One row of the list (re-rendered after an in-place edit)."""
    variant = inventory.with_average_cost(stocked_variants()).filter(pk=variant_id).first()
    if variant is None:
        return None
    figures = figures_by_variant([variant.pk], location_id).get(variant.pk, Figures())
    cost = getattr(variant, "current_average_cost", None) or ZERO
    return InventoryLine(variant, location_id, figures, cost)


def figures_by_variant(variant_ids: Iterable[int], location_id: int | None) -> dict[int, Figures]:
    """Figures per variant at one location, or summed over all locations (None): 2 queries."""
    return {
        variant_id: sum(per_location.values(), Figures())
        for variant_id, per_location in figures_by_key(variant_ids, location_id).items()
    }


def figures_by_key(
    variant_ids: Iterable[int], location_id: int | None = None
) -> dict[int, dict[int, Figures]]:
    """variant → location → figures, from the key plans and the safety stocks."""
    ids = set(variant_ids)
    where = Q(variant_id__in=ids)
    if location_id is not None:
        where &= Q(location_id=location_id)
    result: dict[int, dict[int, Figures]] = defaultdict(dict)
    keys = KeyPlan.objects.filter(where).values_list(
        "variant_id", "location_id", "in_stock", "committed", "expected"
    )
    for variant_id, loc, in_stock, committed, expected in keys:
        result[variant_id][loc] = Figures(in_stock, committed, expected)
    for variant_id, loc, level in SafetyStock.objects.filter(where).values_list(
        "variant_id", "location_id", "level"
    ):
        current = result[variant_id].get(loc, Figures())
        result[variant_id][loc] = current + Figures(safety_stock=level)
    return result
