"""Manufacturing order documents: create (with subassembly MOs), update, delete, status.

A new MO copies its product's BOM into recipe rows and its routing into operation rows;
from then on those rows belong to the MO. Make-to-order MOs (linked to a sales order row)
are created by `makeline.production.make_to_order`, through `create_order` here.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from makeline.catalog.contacts import ensure_shop
from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Location, Variant
from makeline.common import audit, events
from makeline.common.errors import Conflict, DomainError
from makeline.common.numbering import next_number
from makeline.common.ranking import next_rank
from makeline.common.transitions import ensure_transition
from makeline.common.unit_of_work import atomic_service, touch
from makeline.production import completion, ranking, selectors
from makeline.production.enums import TRANSITIONS, ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder, OperationRow, RecipeRow
from makeline.production.rules import (
    check_manufacturing_location,
    check_not_done,
    check_order_no_free,
    check_positive,
    check_producible,
    lock,
    touch_order,
)
from makeline.sales.models import SalesOrderRow

M = ManufacturingOrderStatus
MAX_SUBASSEMBLY_DEPTH = 10
"""Katana nests subassembly MOs up to 10 levels below the MO they serve."""


@atomic_service
def create_manufacturing_order(
    *,
    variant: Variant,
    location: Location,
    planned_quantity: Decimal,
    production_deadline_date: datetime | None = None,
    order_created_date: datetime | None = None,
    order_no: str | None = None,
    rank: int | None = None,
    additional_info: str = "",
    create_subassemblies: bool = False,
) -> ManufacturingOrder:
    """Create a make-to-stock MO (status NOT_STARTED), optionally with subassembly MOs."""
    return create_order(
        variant=variant,
        location=location,
        planned_quantity=planned_quantity,
        production_deadline_date=production_deadline_date,
        order_created_date=order_created_date,
        order_no=order_no,
        rank=rank,
        additional_info=additional_info,
        create_subassemblies=create_subassemblies,
    )


def create_order(
    *,
    variant: Variant,
    location: Location,
    planned_quantity: Decimal,
    production_deadline_date: datetime | None = None,
    order_created_date: datetime | None = None,
    order_no: str | None = None,
    rank: int | None = None,
    additional_info: str = "",
    create_subassemblies: bool = False,
    sales_order_row: SalesOrderRow | None = None,
    parent: ManufacturingOrder | None = None,
) -> ManufacturingOrder:
    """Create an MO; callers run it inside a unit of work."""
    check_producible(variant)
    check_manufacturing_location(location)
    check_positive(planned_quantity, field="planned_quantity")
    if order_no is not None:
        order_no = check_order_no_free(order_no)
    created = order_created_date or timezone.now()
    if production_deadline_date is None:
        production_deadline_date = created + timedelta(days=ensure_shop().default_mo_deadline_days)
    mo = ManufacturingOrder.objects.create(
        order_no=order_no or _next_order_no(),
        variant=variant,
        location=location,
        planned_quantity=planned_quantity,
        rank=next_rank() if rank is None else rank,
        order_created_date=created,
        production_deadline_date=production_deadline_date,
        additional_info=additional_info,
        sales_order_row=sales_order_row,
        parent=parent,
    )
    copy_recipe(mo)
    touch_order(mo)
    if create_subassemblies:
        _create_subassemblies(mo, depth=1)
    events.emit("manufacturing_order.created", object_id=mo.pk, status=mo.status)
    return mo


def _next_order_no() -> str:
    return next_number(ManufacturingOrder.objects.all(), field="order_no", prefix="MO")


def copy_recipe(mo: ManufacturingOrder) -> None:
    """Copy the variant's BOM rows and routing rows onto the MO."""
    bom = mo.variant.bom_rows.all()
    RecipeRow.objects.bulk_create(
        RecipeRow(
            manufacturing_order=mo,
            variant_id=row.ingredient_variant_id,
            planned_quantity_per_unit=row.quantity,
            notes=row.notes,
            position=n,
        )
        for n, row in enumerate(bom, start=1)
    )
    routing = mo.variant.routing_rows.select_related("resource")
    OperationRow.objects.bulk_create(
        OperationRow(
            manufacturing_order=mo,
            operation_name=row.operation_name,
            resource=row.resource,
            type=row.type,
            planned_time_per_unit=row.planned_time_per_unit,
            cost_parameter=row.cost_parameter,
            cost_per_hour=row.resource.cost_per_hour,
            rank=row.rank,
        )
        for row in routing
    )


def _create_subassemblies(mo: ManufacturingOrder, *, depth: int) -> None:
    """An MO for every producible ingredient with a BOM, ranked just above `mo`.

    Created regardless of stock (Katana). Not linked to any sales order row, even when
    `mo` is make-to-order; `parent` records which MO each one serves.
    """
    if depth > MAX_SUBASSEMBLY_DEPTH:
        return
    rows = RecipeRow.objects.filter(
        manufacturing_order=mo,
        variant__item__kind=ItemKind.PRODUCT,
        variant__item__is_producible=True,
        variant__bom_rows__isnull=False,
    ).distinct()
    for row in rows.select_related("variant__item"):
        quantity = row.planned_quantity_per_unit * mo.planned_quantity
        if quantity <= 0 or not row.variant.is_usable:
            continue
        child = create_order(
            variant=row.variant,
            location=mo.location,
            planned_quantity=quantity,
            rank=ranking.rank_above(mo),
            parent=mo,
        )
        _create_subassemblies(child, depth=depth + 1)


_UPDATABLE = frozenset(
    {"order_no", "planned_quantity", "variant", "location", "production_deadline_date"}
    | {"additional_info", "order_created_date", "done_date"}
)
_LOCKED_BY_LINK = frozenset({"variant", "planned_quantity", "location"})
_EDITABLE_WHEN_DONE = frozenset({"additional_info", "done_date"})


@atomic_service
def update_manufacturing_order(
    *, mo: ManufacturingOrder, changes: dict[str, Any]
) -> ManufacturingOrder:
    """Edit an MO's header. Status changes go through `set_status`.

    A make-to-order MO's product, quantity and location are locked to its sales order row;
    a done MO only takes additional info and its done date.
    """
    lock(mo)
    unknown = sorted(set(changes) - _UPDATABLE)
    if unknown:
        raise DomainError(f"{unknown[0]} cannot be changed here", field=unknown[0])
    # Fields sent back unchanged (a full form or PATCH body) are not edits.
    changes = {key: value for key, value in changes.items() if getattr(mo, key) != value}
    _check_update(mo, changes)
    touch_order(mo)
    for key, value in changes.items():
        if key == "planned_quantity":
            audit.changed(mo, key, mo.planned_quantity, value)
        setattr(mo, key, value)
    mo.save()
    if "variant" in changes:
        mo.recipe_rows.all().delete()
        mo.operation_rows.all().delete()
        copy_recipe(mo)
    touch_order(mo)
    events.emit("manufacturing_order.updated", object_id=mo.pk, status=mo.status)
    return mo


def _check_update(mo: ManufacturingOrder, changes: dict[str, Any]) -> None:
    locked = sorted(set(changes) & _LOCKED_BY_LINK)
    if locked and mo.sales_order_row_id is not None:
        raise Conflict(
            f"{mo.order_no} is made to order: its {locked[0].replace('_', ' ')} follows the "
            "sales order row (unlink it first)",
            field=_field_name(locked[0]),
        )
    if mo.status == M.DONE:
        frozen = sorted(set(changes) - _EDITABLE_WHEN_DONE)
        if frozen:
            check_not_done(mo, what=frozen[0].replace("_", " "))
    elif "done_date" in changes:
        raise DomainError("the done date can only be set once the order is done", field="done_date")
    _check_values(mo, changes)


def _check_values(mo: ManufacturingOrder, changes: dict[str, Any]) -> None:
    if "order_no" in changes:
        changes["order_no"] = check_order_no_free(changes["order_no"], exclude=mo.pk)
    if "variant" in changes:
        check_producible(changes["variant"])
    if "location" in changes:
        check_manufacturing_location(changes["location"])
    if {"variant", "location"} & set(changes) and selectors.live_productions(mo).exists():
        raise Conflict(
            f"{mo.order_no} has recorded productions; revert them before changing "
            "its product or location",
            field=_field_name(sorted({"variant", "location"} & set(changes))[0]),
        )
    if "planned_quantity" in changes:
        quantity = changes["planned_quantity"]
        check_positive(quantity, field="planned_quantity")
        completed = selectors.completed_quantity(mo)
        if quantity <= completed:
            raise DomainError(
                f"planned quantity must be above the {completed} already completed",
                field="planned_quantity",
            )


def _field_name(key: str) -> str:
    return f"{key}_id" if key in ("variant", "location") else key


@atomic_service
def delete_manufacturing_order(*, mo: ManufacturingOrder) -> None:
    """Delete an MO that has no live production (revert it first); its demand and supply go."""
    lock(mo)
    if selectors.live_productions(mo).exists():
        raise Conflict(
            f"{mo.order_no} has recorded productions; revert it before deleting", field="status"
        )
    touch_order(mo)
    events.emit("manufacturing_order.deleted", object_id=mo.pk, status=mo.status)
    mo.delete()


@atomic_service
def set_status(
    *,
    mo: ManufacturingOrder,
    status: ManufacturingOrderStatus,
    actual_quantity: Decimal | None = None,
) -> ManufacturingOrder:
    """Change an MO's status (Katana §1.7).

    Not started / blocked / in progress move no stock. DONE completes the MO. Leaving DONE
    reverts every production, and so does going back to NOT_STARTED from a partial
    completion; a partially completed MO put on hold or back in progress keeps its
    productions. PARTIALLY_COMPLETED itself is reached by `record_production`.
    """
    lock(mo)
    if status == mo.status:
        return mo
    if status == M.DONE:
        return completion.complete(mo=mo, actual_quantity=actual_quantity)
    if status == M.PARTIALLY_COMPLETED:
        raise DomainError(
            "a partial completion needs a quantity: record a production instead", field="status"
        )
    if mo.status == M.DONE or (mo.status == M.PARTIALLY_COMPLETED and status == M.NOT_STARTED):
        return completion.revert(mo=mo, to_status=status)
    ensure_transition(mo.status, status, TRANSITIONS, document="manufacturing order")
    audit.changed(mo, "status", mo.status, status)
    mo.status = status
    mo.save(update_fields=["status", "updated_at"])
    touch(mo.variant_id, mo.location_id)
    events.emit_status("manufacturing_order", object_id=mo.pk, status=mo.status)
    return mo
