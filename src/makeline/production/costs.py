"""MO costing (Katana §1.7 operation types, §1.10): material, subassemblies, operations.

Read-only. Open MOs are costed at current average cost × planned totals; done MOs at what
their productions actually consumed. Materials and products (subassemblies) are kept apart
so a subassembly's own materials are not counted twice.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from makeline.catalog.enums import ItemKind, OperationType
from makeline.catalog.models import Variant
from makeline.common.fields import QUANTITY_PLACES, ZERO
from makeline.inventory import selectors as inventory
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import (
    ManufacturingOrder,
    OperationRow,
    ProductionIngredient,
    RecipeRow,
)

_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)
_SECONDS_PER_HOUR = Decimal(3600)


def money(value: Decimal) -> Decimal:
    return value.quantize(_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Costs:
    material_cost: Decimal
    subassemblies_cost: Decimal
    operations_cost: Decimal
    total_cost: Decimal


def operation_cost(row: OperationRow, quantity: Decimal) -> Decimal:
    """One operation's cost for `quantity` units: logged time wins over the planned formula."""
    if row.total_actual_time is not None:
        return row.cost_per_hour * row.total_actual_time / _SECONDS_PER_HOUR
    hours = row.planned_time_per_unit / _SECONDS_PER_HOUR
    match row.type:
        case OperationType.PROCESS:
            return row.cost_parameter * hours * quantity
        case OperationType.SETUP:
            return row.cost_parameter * hours
        case OperationType.PER_UNIT:
            return row.cost_parameter * quantity
        case _:
            return row.cost_parameter


def operations_cost(mo: ManufacturingOrder, quantity: Decimal) -> Decimal:
    rows = OperationRow.objects.filter(manufacturing_order=mo)
    return money(sum((operation_cost(row, quantity) for row in rows), ZERO))


def ingredient_unit_costs(variants: Iterable[Variant]) -> dict[int, Decimal]:
    """Current average cost per stock unit; a material never moved shows its purchase price."""
    variants = list(variants)
    averages = inventory.average_costs(v.pk for v in variants)
    result: dict[int, Decimal] = {}
    for variant in variants:
        if variant.pk in averages:
            result[variant.pk] = averages[variant.pk]
        elif variant.item.kind == ItemKind.MATERIAL:
            result[variant.pk] = variant.purchase_price / variant.item.conversion_rate
        else:
            result[variant.pk] = ZERO
    return result


def mo_costs(mo: ManufacturingOrder) -> Costs:
    """Katana's cost summary of one MO."""
    if mo.status == ManufacturingOrderStatus.DONE:
        material, subassemblies = _consumed_costs(mo)
        quantity = mo.actual_quantity or mo.planned_quantity
    else:
        material, subassemblies = _planned_costs(mo)
        quantity = mo.planned_quantity
    operations = operations_cost(mo, quantity)
    return Costs(
        material_cost=money(material),
        subassemblies_cost=money(subassemblies),
        operations_cost=operations,
        total_cost=money(material + subassemblies + operations),
    )


def _planned_costs(mo: ManufacturingOrder) -> tuple[Decimal, Decimal]:
    rows = list(RecipeRow.objects.filter(manufacturing_order=mo).select_related("variant__item"))
    unit_costs = ingredient_unit_costs(row.variant for row in rows)
    material = subassemblies = ZERO
    for row in rows:
        cost = unit_costs[row.variant_id] * row.planned_quantity_per_unit * mo.planned_quantity
        if row.variant.item.kind == ItemKind.PRODUCT:
            subassemblies += cost
        else:
            material += cost
    return material, subassemblies


def _consumed_costs(mo: ManufacturingOrder) -> tuple[Decimal, Decimal]:
    consumptions = ProductionIngredient.objects.filter(
        production__manufacturing_order=mo, production__reverted_at__isnull=True
    ).values_list("cost", "recipe_row__variant__item__kind")
    material = subassemblies = ZERO
    for cost, kind in consumptions:
        if kind == ItemKind.PRODUCT:
            subassemblies += cost
        else:
            material += cost
    return material, subassemblies
