"""Productions as documents (Katana's manufacturing order productions): record one, and
undo one.

Recording is `completion.record_production` (partial) or `completion.complete` (final);
undoing reverses the production's moves. Which productions can be undone alone follows from
how they were costed: a partial one stands on its own, while the final one was costed
against all earlier ones, so it can only go together with them (a full revert).
"""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from makeline.common.errors import Conflict
from makeline.common.unit_of_work import atomic_service
from makeline.inventory import services as inventory
from makeline.inventory.enums import MoveSource
from makeline.production import completion, selectors
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder, Production
from makeline.production.rules import lock, touch_order

M = ManufacturingOrderStatus


@atomic_service
def create_production(
    *,
    mo: ManufacturingOrder,
    quantity: Decimal,
    production_date: datetime | None = None,
    is_final: bool = False,
) -> Production:
    """Complete `quantity` more of the MO: partially, or (final) the MO is Done with what
    was completed so far plus `quantity` as its actual quantity. Returns the production."""
    if not is_final:
        return completion.record_production(
            mo=mo, quantity=quantity, production_date=production_date
        )
    lock(mo)
    total = selectors.completed_quantity(mo) + quantity
    completion.complete(mo=mo, actual_quantity=total, done_date=production_date)
    return selectors.live_productions(mo).get(is_final=True)


@atomic_service
def delete_production(*, production: Production) -> ManufacturingOrder:
    """Undo one production: its output and ingredient moves are reversed and it is marked
    reverted. The MO's only production reverts the MO to NOT_STARTED; a partial production
    among others leaves the MO partially completed."""
    mo = lock(production.manufacturing_order)
    production.refresh_from_db()
    if production.reverted_at is not None:
        raise Conflict("this production was already reverted", field="id")
    live = list(selectors.live_productions(mo).values_list("pk", flat=True))
    if live == [production.pk]:
        return completion.revert(mo=mo, to_status=M.NOT_STARTED)
    if production.is_final:
        raise Conflict(
            f"this is the final production of {mo.order_no}, costed against its partial "
            "completions; set the order back to NOT_STARTED to revert them all",
            field="id",
        )
    inventory.reverse_moves(source=MoveSource.PRODUCTION, source_ids=[production.pk])
    ingredient_ids = list(production.ingredients.values_list("pk", flat=True))
    inventory.reverse_moves(source=MoveSource.PRODUCTION_INGREDIENT, source_ids=ingredient_ids)
    production.reverted_at = timezone.now()
    production.save(update_fields=["reverted_at", "updated_at"])
    touch_order(mo)
    return mo
