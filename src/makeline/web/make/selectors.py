"""Read models of the Make screens: Schedule rows, the MO card, and shop-floor tasks.

Every list here costs a fixed number of queries whatever its length: statuses come from the
stored plan (`ManufacturingOrderPlan`, `DemandPlan`) in one query per list, and costs are
computed with production's own formulas (`makeline.production.costs`) from rows fetched in
bulk, so the Schedule shows the same totals as the MO card's cost summary.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from makeline.catalog.enums import OperationType
from makeline.common.fields import ZERO
from makeline.planning import selectors as planning
from makeline.planning.selectors import MissingLine, Status
from makeline.production import costs
from makeline.production import selectors as production
from makeline.production.costs import Costs
from makeline.production.enums import OPEN, ManufacturingOrderStatus
from makeline.production.models import (
    ManufacturingOrder,
    OperationRow,
    Production,
    RecipeRow,
)

M = ManufacturingOrderStatus
_LIVE = Q(consumptions__production__reverted_at__isnull=True)
_SECONDS_PER_MINUTE = Decimal(60)


def manufacturing_order_statuses_many(mos: Iterable[ManufacturingOrder]) -> dict[int, Status]:
    """Ingredient availability of many MOs in one query (PROCESSED once done)."""
    return planning.manufacturing_order_statuses_many(mos)


def mo_costs_many(mos: Iterable[ManufacturingOrder]) -> dict[int, Costs]:
    """`production.costs.mo_costs` of many MOs in at most four queries."""
    return costs.mo_costs_many(mos)


def _costed_quantity(mo: ManufacturingOrder) -> Decimal:
    if mo.status == M.DONE:
        return mo.actual_quantity or mo.planned_quantity
    return mo.planned_quantity


# --- the Schedule ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    mo: ManufacturingOrder
    ingredients: Status
    costs: Costs


def open_orders() -> QuerySet[ManufacturingOrder]:
    """Open MOs in rank order (production's Schedule)."""
    return production.schedule()


def done_orders() -> QuerySet[ManufacturingOrder]:
    """Done MOs, most recent first, with what the customer column needs."""
    return production.done_manufacturing_orders().select_related(
        "sales_order_row__sales_order__customer"
    )


def schedule_rows(mos: Iterable[ManufacturingOrder]) -> list[ScheduleRow]:
    """One page of the Schedule: statuses and costs for every MO in a few queries."""
    mos = list(mos)
    statuses = manufacturing_order_statuses_many(mos)
    all_costs = mo_costs_many(mos)
    return [ScheduleRow(mo, statuses[mo.pk], all_costs[mo.pk]) for mo in mos]


def neighbour(mo: ManufacturingOrder, *, upwards: bool) -> ManufacturingOrder | None:
    """The nearest open MO above (or below) `mo` in the Schedule that does not share its
    rank (MOs of one make-to-order sales order share a rank and move together)."""
    if upwards:
        return open_orders().filter(rank__lt=mo.rank).order_by("-rank", "-id").first()
    return open_orders().filter(rank__gt=mo.rank).first()


# --- the MO card -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IngredientLine:
    row: RecipeRow
    planned_total: Decimal
    consumed: Decimal
    availability: Status
    missing: MissingLine
    cost: Decimal


@dataclass(frozen=True, slots=True)
class OperationLine:
    row: OperationRow
    planned_minutes: Decimal
    actual_minutes: Decimal | None
    cost: Decimal


@dataclass(frozen=True, slots=True)
class Card:
    mo: ManufacturingOrder
    completed: Decimal
    remaining: Decimal
    ingredients: list[IngredientLine]
    operations: list[OperationLine]
    productions: list[Production]
    costs: Costs
    availability: Status

    @property
    def missing_lines(self) -> list[MissingLine]:
        return [line.missing for line in self.ingredients if line.missing.missing > 0]

    @property
    def has_productions(self) -> bool:
        return any(p.reverted_at is None for p in self.productions)


def card_order(pk: int) -> ManufacturingOrder:
    """The MO of a card, with what its header shows (raises DoesNotExist)."""
    return ManufacturingOrder.objects.select_related(
        "variant__item", "location", "sales_order_row__sales_order__customer"
    ).get(pk=pk)


def card(mo: ManufacturingOrder) -> Card:
    completed = production.completed_quantity(mo)
    return Card(
        mo=mo,
        completed=completed,
        remaining=max(ZERO, mo.planned_quantity - completed),
        ingredients=_ingredient_lines(mo),
        operations=_operation_lines(mo),
        productions=list(mo.productions.order_by("-production_date", "-id")),
        costs=mo_costs_many([mo])[mo.pk],
        availability=manufacturing_order_statuses_many([mo])[mo.pk],
    )


def _ingredient_lines(mo: ManufacturingOrder) -> list[IngredientLine]:
    rows = list(
        mo.recipe_rows.select_related("variant__item").annotate(
            consumed=Coalesce(Sum("consumptions__quantity", filter=_LIVE), ZERO),
            consumed_cost=Coalesce(Sum("consumptions__cost", filter=_LIVE), ZERO),
        )
    )
    statuses = planning.recipe_row_statuses(rows)
    missing = planning.missing_materials_for_mo(mo)  # one line per row, in the same order
    unit_costs = costs.ingredient_unit_costs(row.variant for row in rows)
    lines = []
    for row, line in zip(rows, missing, strict=True):
        planned_total = row.planned_quantity_per_unit * mo.planned_quantity
        cost = (
            Decimal(row.consumed_cost)
            if mo.status == M.DONE
            else unit_costs[row.variant_id] * planned_total
        )
        lines.append(
            IngredientLine(
                row=row,
                planned_total=planned_total,
                consumed=Decimal(row.consumed),
                availability=statuses[row.pk],
                missing=line,
                cost=costs.money(cost),
            )
        )
    return lines


def _operation_lines(mo: ManufacturingOrder) -> list[OperationLine]:
    quantity = _costed_quantity(mo)
    lines = []
    for row in mo.operation_rows.select_related("resource"):
        seconds = row.planned_time_per_unit
        if row.type in (OperationType.PROCESS, OperationType.PER_UNIT):
            seconds *= quantity
        actual = row.total_actual_time
        lines.append(
            OperationLine(
                row=row,
                planned_minutes=seconds / _SECONDS_PER_MINUTE,
                actual_minutes=None if actual is None else actual / _SECONDS_PER_MINUTE,
                cost=costs.money(costs.operation_cost(row, quantity)),
            )
        )
    return lines


# --- shop-floor tasks --------------------------------------------------------------------


def tasks(resource_id: int | None = None) -> QuerySet[OperationRow]:
    """Operation rows of open MOs, grouped by resource, each group in MO rank order."""
    rows = OperationRow.objects.filter(manufacturing_order__status__in=OPEN)
    if resource_id is not None:
        rows = rows.filter(resource_id=resource_id)
    return rows.select_related("resource", "manufacturing_order__variant__item").order_by(
        "resource__name",
        "resource_id",
        "manufacturing_order__rank",
        "manufacturing_order_id",
        "rank",
        "id",
    )


def task(pk: int) -> OperationRow:
    return OperationRow.objects.select_related(
        "resource", "manufacturing_order__variant__item"
    ).get(pk=pk)
