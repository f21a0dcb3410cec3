"""Inventory reads: on-hand from the ledger, average cost, movements, safety stock."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum

from makeline.catalog.models import Variant
from makeline.common.fields import QUANTITY_PLACES, ZERO
from makeline.inventory.models import SafetyStock, StockMove

type Key = tuple[int, int]


def on_hand(*, variant_id: int, location_id: int) -> Decimal:
    """In stock of one variant at one location: the sum of its moves."""
    total = StockMove.objects.filter(variant_id=variant_id, location_id=location_id).aggregate(
        q=Sum("quantity")
    )["q"]
    return total or ZERO


def on_hand_all_locations(*, variant_id: int) -> Decimal:
    total = StockMove.objects.filter(variant_id=variant_id).aggregate(q=Sum("quantity"))["q"]
    return total or ZERO


def on_hand_by_key(keys: Iterable[Key] | None = None) -> dict[Key, Decimal]:
    """In stock per (variant, location); all keys with moves when `keys` is None."""
    qs = StockMove.objects.all()
    if keys is not None:
        keys = list(keys)
        if not keys:
            return {}
        qs = qs.filter(variant_id__in={k[0] for k in keys})
    rows = qs.values("variant_id", "location_id").annotate(q=Sum("quantity"))
    result = {(r["variant_id"], r["location_id"]): r["q"] or ZERO for r in rows}
    if keys is not None:
        wanted = set(keys)
        return {k: v for k, v in result.items() if k in wanted}
    return result


def average_cost(*, variant_id: int) -> Decimal:
    """The variant's current moving-average cost (0 before its first move)."""
    last = (
        StockMove.objects.filter(variant_id=variant_id)
        .order_by("-id")
        .values_list("average_cost_after", flat=True)
        .first()
    )
    return last if last is not None else ZERO


@dataclass(frozen=True, slots=True)
class Valuation:
    """A variant's total on-hand (all locations), stock value and moving-average cost."""

    quantity: Decimal
    value: Decimal
    average: Decimal


def valuation(*, variant_id: int) -> Valuation:
    last = (
        StockMove.objects.filter(variant_id=variant_id)
        .order_by("-id")
        .values_list("value_after", "average_cost_after")
        .first()
    )
    if last is None:
        return Valuation(ZERO, ZERO, ZERO)
    return Valuation(on_hand_all_locations(variant_id=variant_id), last[0], last[1])


def with_average_cost(qs: QuerySet[Variant]) -> QuerySet[Variant]:
    """Annotate variants with `current_average_cost`: the latest move's average (or None)."""
    latest = StockMove.objects.filter(variant=OuterRef("pk")).order_by("-id")
    return qs.annotate(
        current_average_cost=Subquery(
            latest.values("average_cost_after")[:1],
            output_field=DecimalField(max_digits=24, decimal_places=QUANTITY_PLACES),
        )
    )


def average_costs(variant_ids: Iterable[int]) -> dict[int, Decimal]:
    """Current average cost of several variants in one query (only the latest move of each
    is read, whatever the length of their history)."""
    ids = set(variant_ids)
    if not ids:
        return {}
    variants = with_average_cost(Variant.objects.filter(pk__in=ids))
    costs = {v.pk: getattr(v, "current_average_cost", None) for v in variants.only("pk")}
    return {pk: cost for pk, cost in costs.items() if cost is not None}


def safety_stock(*, variant_id: int, location_id: int) -> Decimal:
    level = (
        SafetyStock.objects.filter(variant_id=variant_id, location_id=location_id)
        .values_list("level", flat=True)
        .first()
    )
    return level if level is not None else ZERO


def safety_stock_by_key(keys: Iterable[Key] | None = None) -> dict[Key, Decimal]:
    qs = SafetyStock.objects.all()
    if keys is not None:
        keys = set(keys)
        qs = qs.filter(variant_id__in={k[0] for k in keys})
    return {
        (s.variant_id, s.location_id): s.level
        for s in qs
        if keys is None or (s.variant_id, s.location_id) in keys
    }


def movements(
    *, variant_id: int | None = None, location_id: int | None = None
) -> QuerySet[StockMove]:
    qs = StockMove.objects.select_related("variant__item", "location").order_by("-moved_at", "-id")
    if variant_id is not None:
        qs = qs.filter(variant_id=variant_id)
    if location_id is not None:
        qs = qs.filter(location_id=location_id)
    return qs
