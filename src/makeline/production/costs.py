"""MO costing (Katana §1.7 operation types, §1.10): material, subassemblies, operations.

Read-only. Open MOs are costed at current average cost × planned totals; done MOs at what
their productions actually consumed. Materials and products (subassemblies) are kept apart
so a subassembly's own materials are not counted twice.
"""

import copy
from collections import defaultdict
from collections.abc import Iterable, Sequence
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


def costed_quantity(mo: ManufacturingOrder) -> Decimal:
    """The quantity an MO is costed for: the actual quantity once done, else the planned."""
    if mo.status == ManufacturingOrderStatus.DONE:
        return mo.actual_quantity or mo.planned_quantity
    return mo.planned_quantity


def planned_operation_time(row: OperationRow, quantity: Decimal) -> Decimal:
    """Planned seconds of one operation for `quantity` units (Katana §1.7 formulas)."""
    if row.type in (OperationType.PROCESS, OperationType.PER_UNIT):
        return row.planned_time_per_unit * quantity
    return row.planned_time_per_unit


def planned_operation_cost(row: OperationRow, quantity: Decimal) -> Decimal:
    """One operation's cost by the planned formula, ignoring any logged time."""
    planned = copy.copy(row)
    planned.total_actual_time = None
    return operation_cost(planned, quantity)


# --- many MOs at once (lists) ---------------------------------------------------------------

type Parts = dict[int, tuple[Decimal, Decimal]]


def mo_costs_many(mos: Iterable[ManufacturingOrder]) -> dict[int, Costs]:
    """`mo_costs` of many MOs in at most four queries, whatever their number."""
    mos = list(mos)
    open_mos = [mo for mo in mos if mo.status != ManufacturingOrderStatus.DONE]
    done_mos = [mo for mo in mos if mo.status == ManufacturingOrderStatus.DONE]
    parts = _planned_parts(open_mos) | _consumed_parts(done_mos)
    operations = _operations_costs(mos)
    result = {}
    for mo in mos:
        material, subassemblies = parts.get(mo.pk, (ZERO, ZERO))
        operation = operations.get(mo.pk, ZERO)
        result[mo.pk] = Costs(
            material_cost=money(material),
            subassemblies_cost=money(subassemblies),
            operations_cost=operation,
            total_cost=money(material + subassemblies + operation),
        )
    return result


def recipe_row_costs_many(rows: Iterable[RecipeRow]) -> dict[int, Decimal]:
    """Cost of each recipe row, as in the MO's cost summary: what live productions consumed
    once the MO is done, else current average cost × planned total. Two queries; the rows
    must come with `manufacturing_order` and `variant__item` loaded."""
    rows = list(rows)
    done = [r.pk for r in rows if r.manufacturing_order.status == ManufacturingOrderStatus.DONE]
    consumed: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row_id, cost in ProductionIngredient.objects.filter(
        recipe_row_id__in=done, production__reverted_at__isnull=True
    ).values_list("recipe_row_id", "cost"):
        consumed[row_id] += cost
    open_rows = [r for r in rows if r.pk not in set(done)]
    unit_costs = ingredient_unit_costs({r.variant_id: r.variant for r in open_rows}.values())
    result = {row_id: money(consumed[row_id]) for row_id in done}
    for row in open_rows:
        planned = row.planned_quantity_per_unit * row.manufacturing_order.planned_quantity
        result[row.pk] = money(unit_costs[row.variant_id] * planned)
    return result


def _planned_parts(mos: Sequence[ManufacturingOrder]) -> Parts:
    """Material and subassembly cost at current average cost × planned totals."""
    if not mos:
        return {}
    by_id = {mo.pk: mo for mo in mos}
    rows = list(
        RecipeRow.objects.filter(manufacturing_order_id__in=by_id).select_related("variant__item")
    )
    unit_costs = ingredient_unit_costs({row.variant_id: row.variant for row in rows}.values())
    parts: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for row in rows:
        mo = by_id[row.manufacturing_order_id]
        cost = unit_costs[row.variant_id] * row.planned_quantity_per_unit * mo.planned_quantity
        parts[mo.pk][1 if row.variant.item.kind == ItemKind.PRODUCT else 0] += cost
    return {pk: (material, sub) for pk, (material, sub) in parts.items()}


def _consumed_parts(mos: Sequence[ManufacturingOrder]) -> Parts:
    """Material and subassembly cost of what live productions consumed."""
    if not mos:
        return {}
    consumptions = ProductionIngredient.objects.filter(
        production__manufacturing_order_id__in=[mo.pk for mo in mos],
        production__reverted_at__isnull=True,
    ).values_list("production__manufacturing_order_id", "cost", "recipe_row__variant__item__kind")
    parts: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for mo_id, cost, kind in consumptions:
        parts[mo_id][1 if kind == ItemKind.PRODUCT else 0] += cost
    return {pk: (material, sub) for pk, (material, sub) in parts.items()}


def _operations_costs(mos: Sequence[ManufacturingOrder]) -> dict[int, Decimal]:
    by_id = {mo.pk: mo for mo in mos}
    if not by_id:
        return {}
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in OperationRow.objects.filter(manufacturing_order_id__in=by_id):
        mo = by_id[row.manufacturing_order_id]
        totals[mo.pk] += operation_cost(row, costed_quantity(mo))
    return {pk: money(total) for pk, total in totals.items()}
