"""Production reads: the Schedule, progress of one MO, and the open demand and supply of MOs
that planning allocates (each in one query).

Reverted productions count for nothing: their moves were reversed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from makeline.catalog.enums import ItemKind
from makeline.common.fields import ZERO
from makeline.common.keys import Key, narrow, wanted
from makeline.production.enums import OPEN, ManufacturingOrderStatus
from makeline.production.models import (
    ManufacturingOrder,
    Production,
    ProductionIngredient,
    RecipeRow,
)
from makeline.sales.models import SalesOrderRow

_LIVE_PRODUCTION = Q(productions__reverted_at__isnull=True)
_LIVE_CONSUMPTION = Q(consumptions__production__reverted_at__isnull=True)


def schedule() -> QuerySet[ManufacturingOrder]:
    """Open MOs in priority order (lower rank first), ready for the Schedule table."""
    return (
        ManufacturingOrder.objects.filter(status__in=OPEN)
        .select_related("variant__item", "location", "sales_order_row__sales_order__customer")
        .order_by("rank", "id")
    )


def done_manufacturing_orders() -> QuerySet[ManufacturingOrder]:
    return (
        ManufacturingOrder.objects.filter(status=ManufacturingOrderStatus.DONE)
        .select_related("variant__item", "location", "sales_order_row__sales_order")
        .order_by("-done_date", "-id")
    )


def linked_manufacturing_order(row: SalesOrderRow) -> ManufacturingOrder | None:
    """The make-to-order MO made for this sales order row, if any."""
    return ManufacturingOrder.objects.filter(sales_order_row=row).first()


def live_productions(mo: ManufacturingOrder) -> QuerySet[Production]:
    return Production.objects.filter(manufacturing_order=mo, reverted_at__isnull=True)


def completed_quantity(mo: ManufacturingOrder) -> Decimal:
    """Output recorded by productions that were not reverted."""
    total = live_productions(mo).aggregate(q=Sum("quantity"))["q"]
    return total or ZERO


def remaining_quantity(mo: ManufacturingOrder) -> Decimal:
    return max(ZERO, mo.planned_quantity - completed_quantity(mo))


def consumed_quantity(recipe_row: RecipeRow) -> Decimal:
    """Ingredient consumed by productions that were not reverted."""
    total = ProductionIngredient.objects.filter(
        recipe_row=recipe_row, production__reverted_at__isnull=True
    ).aggregate(q=Sum("quantity"))["q"]
    return total or ZERO


def is_consumed(recipe_row: RecipeRow) -> bool:
    return ProductionIngredient.objects.filter(
        recipe_row=recipe_row, production__reverted_at__isnull=True
    ).exists()


@dataclass(frozen=True, slots=True)
class RecipeDemand:
    """What an open MO still needs of one ingredient at its location."""

    recipe_row_id: int
    variant_id: int
    location_id: int
    remaining_quantity: Decimal
    rank: int
    manufacturing_order_id: int
    order_no: str


def open_recipe_demand(keys: Iterable[Key] | None = None) -> list[RecipeDemand]:
    """Remaining ingredient need of every open MO: per unit × planned − consumed (≥ 0).

    Service ingredients are left out (they never draw on stock); `keys` limits the rows to
    those (variant, location) pairs.
    """
    qs = RecipeRow.objects.filter(manufacturing_order__status__in=OPEN).exclude(
        variant__item__kind=ItemKind.SERVICE
    )
    qs = narrow(qs, keys, variant="variant_id", location="manufacturing_order__location_id")
    scope = wanted(keys)
    rows = (
        qs.annotate(
            consumed=Coalesce(Sum("consumptions__quantity", filter=_LIVE_CONSUMPTION), ZERO)
        )
        .values_list(
            "pk",
            "variant_id",
            "manufacturing_order__location_id",
            "planned_quantity_per_unit",
            "manufacturing_order__planned_quantity",
            "consumed",
            "manufacturing_order__rank",
            "manufacturing_order_id",
            "manufacturing_order__order_no",
        )
        .order_by("manufacturing_order__rank", "manufacturing_order_id", "position", "pk")
    )
    return [
        RecipeDemand(
            recipe_row_id=pk,
            variant_id=variant_id,
            location_id=location_id,
            remaining_quantity=max(ZERO, per_unit * planned - Decimal(consumed)),
            rank=rank,
            manufacturing_order_id=mo_id,
            order_no=order_no,
        )
        for pk, variant_id, location_id, per_unit, planned, consumed, rank, mo_id, order_no in rows
        if scope is None or (variant_id, location_id) in scope
    ]


@dataclass(frozen=True, slots=True)
class OutputSupply:
    """What an open MO will still put into stock, and the sales row it is pegged to."""

    manufacturing_order_id: int
    variant_id: int
    location_id: int
    remaining_quantity: Decimal
    production_deadline_date: datetime
    sales_order_row_id: int | None


def open_output_supply(keys: Iterable[Key] | None = None) -> list[OutputSupply]:
    """Remaining output of every open MO: planned − completed (≥ 0); `keys` as above."""
    qs = narrow(
        ManufacturingOrder.objects.filter(status__in=OPEN),
        keys,
        variant="variant_id",
        location="location_id",
    )
    scope = wanted(keys)
    rows = (
        qs.annotate(completed=Coalesce(Sum("productions__quantity", filter=_LIVE_PRODUCTION), ZERO))
        .values_list(
            "pk",
            "variant_id",
            "location_id",
            "planned_quantity",
            "completed",
            "production_deadline_date",
            "sales_order_row_id",
        )
        .order_by("rank", "pk")
    )
    return [
        OutputSupply(
            manufacturing_order_id=pk,
            variant_id=variant_id,
            location_id=location_id,
            remaining_quantity=max(ZERO, planned - Decimal(completed)),
            production_deadline_date=deadline,
            sales_order_row_id=row_id,
        )
        for pk, variant_id, location_id, planned, completed, deadline, row_id in rows
        if scope is None or (variant_id, location_id) in scope
    ]
