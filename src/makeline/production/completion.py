"""Completing manufacturing orders: partial productions, Done, and reverting them.

Each completion is a Production: its output move (source Production) brings the product in
at the cost of what went into it, and one ProductionIngredient per recipe row records the
ingredient move (source ProductionIngredient) and its cost. Partial productions consume the
PLANNED share of each ingredient; Done consumes what is left of the ACTUAL totals (Katana
§1.1, §1.7). A revert appends opposite moves and marks productions reverted.
"""

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from makeline.common import audit, events
from makeline.common.errors import Conflict, InvalidQuantity
from makeline.common.fields import ZERO
from makeline.common.transitions import ensure_transition
from makeline.common.unit_of_work import atomic_service
from makeline.inventory import selectors as inventory_selectors
from makeline.inventory import services as inventory
from makeline.inventory.enums import MoveSource
from makeline.inventory.models import StockMove
from makeline.production import costs, selectors
from makeline.production.enums import TRANSITIONS, ManufacturingOrderStatus
from makeline.production.models import (
    ManufacturingOrder,
    Production,
    ProductionIngredient,
    RecipeRow,
)
from makeline.production.rules import check_positive, lock, touch_order

M = ManufacturingOrderStatus
_DOC = "manufacturing order"


@atomic_service
def record_production(
    *, mo: ManufacturingOrder, quantity: Decimal, production_date: datetime | None = None
) -> Production:
    """Record a partial completion: output in, the planned share of each ingredient out."""
    lock(mo)
    check_positive(quantity, field="quantity")
    if mo.status != M.PARTIALLY_COMPLETED:
        ensure_transition(mo.status, M.PARTIALLY_COMPLETED, TRANSITIONS, document=_DOC)
    completed = selectors.completed_quantity(mo)
    remaining = mo.planned_quantity - completed
    if quantity >= remaining:
        raise InvalidQuantity(
            f"{quantity} would complete all {remaining} remaining; set the order to Done instead",
            field="quantity",
        )
    _check_linked_quantity(mo, completed + quantity)
    production = Production.objects.create(
        manufacturing_order=mo,
        quantity=quantity,
        production_date=production_date or timezone.now(),
    )
    rows = RecipeRow.objects.filter(manufacturing_order=mo).select_related("variant")
    needs = [(row, row.planned_quantity_per_unit * quantity) for row in rows]
    ingredient_cost = _consume(production, needs)
    share = costs.operations_cost(mo, mo.planned_quantity) * quantity / mo.planned_quantity
    _post_output(production, value=ingredient_cost + share)
    audit.changed(mo, "status", mo.status, M.PARTIALLY_COMPLETED)
    mo.status = M.PARTIALLY_COMPLETED
    mo.save(update_fields=["status", "updated_at"])
    events.emit_status("manufacturing_order", object_id=mo.pk, status=mo.status)
    touch_order(mo)
    return production


@atomic_service
def complete(
    *,
    mo: ManufacturingOrder,
    actual_quantity: Decimal | None = None,
    done_date: datetime | None = None,
) -> ManufacturingOrder:
    """Set the MO to Done: the remaining output in, ingredients out up to their actual totals."""
    lock(mo)
    ensure_transition(mo.status, M.DONE, TRANSITIONS, document=_DOC)
    total = mo.planned_quantity if actual_quantity is None else actual_quantity
    check_positive(total, field="actual_quantity")
    completed = selectors.completed_quantity(mo)
    if total <= completed:
        raise InvalidQuantity(
            f"actual quantity must be above the {completed} already completed",
            field="actual_quantity",
        )
    _check_linked_quantity(mo, total)
    booked = _booked_output_value(mo)
    done_at = done_date or timezone.now()
    production = Production.objects.create(
        manufacturing_order=mo, quantity=total - completed, production_date=done_at, is_final=True
    )
    _consume(production, _remaining_actual_needs(mo))
    audit.changed(mo, "status", mo.status, M.DONE)
    mo.status, mo.actual_quantity, mo.done_date = M.DONE, total, done_at
    mo.save(update_fields=["status", "actual_quantity", "done_date", "updated_at"])
    events.emit_status("manufacturing_order", object_id=mo.pk, status=mo.status)
    # The whole MO's cost less what earlier productions already put into stock, so the
    # product's value in stock adds up to the MO's total cost.
    _post_output(production, value=max(ZERO, costs.mo_costs(mo).total_cost - booked))
    touch_order(mo)
    return mo


@atomic_service
def revert(
    *, mo: ManufacturingOrder, to_status: ManufacturingOrderStatus = M.NOT_STARTED
) -> ManufacturingOrder:
    """Undo every production of a done (or partially completed) MO and reopen it."""
    lock(mo)
    if mo.status not in (M.DONE, M.PARTIALLY_COMPLETED):
        raise Conflict(f"{mo.order_no} has no completion to revert", field="status")
    ensure_transition(mo.status, to_status, TRANSITIONS, document=_DOC)
    now = timezone.now()
    for production in selectors.live_productions(mo).order_by("-id"):
        # Output first, then ingredients: the exact opposite of how they were posted.
        inventory.reverse_moves(source=MoveSource.PRODUCTION, source_ids=[production.pk])
        ingredient_ids = list(production.ingredients.values_list("pk", flat=True))
        inventory.reverse_moves(source=MoveSource.PRODUCTION_INGREDIENT, source_ids=ingredient_ids)
        production.reverted_at = now
        production.save(update_fields=["reverted_at", "updated_at"])
    audit.changed(mo, "status", mo.status, to_status)
    mo.status, mo.actual_quantity, mo.done_date = to_status, None, None
    mo.save(update_fields=["status", "actual_quantity", "done_date", "updated_at"])
    events.emit_status("manufacturing_order", object_id=mo.pk, status=mo.status)
    touch_order(mo)
    return mo


def _check_linked_quantity(mo: ManufacturingOrder, total: Decimal) -> None:
    """Katana: a make-to-order MO never completes more than its sales row ordered."""
    row = mo.sales_order_row
    if row is not None and total > row.quantity:
        raise InvalidQuantity(
            f"{mo.order_no} is made for a sales order row of {row.quantity}; "
            f"it cannot complete {total}",
            field="quantity",
        )


def _remaining_actual_needs(mo: ManufacturingOrder) -> list[tuple[RecipeRow, Decimal]]:
    """Per recipe row: the actual total (default: the planned total) less what was consumed."""
    needs = []
    for row in RecipeRow.objects.filter(manufacturing_order=mo).select_related("variant"):
        target = row.total_actual_quantity
        if target is None:
            target = row.planned_quantity_per_unit * mo.planned_quantity
        needs.append((row, target - selectors.consumed_quantity(row)))
    return needs


def _consume(production: Production, needs: Sequence[tuple[RecipeRow, Decimal]]) -> Decimal:
    """Post one ingredient move per need; returns their total cost.

    A negative need (the actual total is below what partials consumed) returns the
    difference to stock at the current average cost.
    """
    mo = production.manufacturing_order
    total = ZERO
    for row, quantity in needs:
        if quantity == 0:
            continue
        consumption = ProductionIngredient.objects.create(
            production=production, recipe_row=row, quantity=quantity
        )
        back_cost = inventory_selectors.average_cost(variant_id=row.variant_id)
        move = inventory.post_move(
            variant=row.variant,
            location=mo.location,
            quantity=-quantity,
            unit_cost=back_cost if quantity < 0 else None,
            source=MoveSource.PRODUCTION_INGREDIENT,
            source_id=consumption.pk,
            order_no=mo.order_no,
            order_id=mo.pk,
            moved_at=production.production_date,
        )
        consumption.cost = costs.money(move.unit_cost * quantity)
        consumption.save(update_fields=["cost"])
        total += consumption.cost
    return total


def _post_output(production: Production, *, value: Decimal) -> StockMove:
    mo = production.manufacturing_order
    return inventory.post_move(
        variant=mo.variant,
        location=mo.location,
        quantity=production.quantity,
        unit_cost=costs.money(value / production.quantity),
        source=MoveSource.PRODUCTION,
        source_id=production.pk,
        order_no=mo.order_no,
        order_id=mo.pk,
        moved_at=production.production_date,
    )


def _booked_output_value(mo: ManufacturingOrder) -> Decimal:
    """Value that live productions of this MO already brought into stock."""
    production_ids = list(selectors.live_productions(mo).values_list("pk", flat=True))
    moves = StockMove.objects.filter(
        source=MoveSource.PRODUCTION, source_id__in=production_ids, reverses__isnull=True
    ).values_list("quantity", "unit_cost")
    return sum((quantity * unit_cost for quantity, unit_cost in moves), ZERO)
