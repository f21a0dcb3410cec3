"""Checks and small helpers shared by the production services (no service lives here).

A check raises a DomainError naming the input at fault and never writes, so services call
them before saving anything. `touch_order` records every (variant, location) pair whose
supply or demand an MO change affects.
"""

from decimal import Decimal

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Location, Variant
from makeline.common.errors import Conflict, DomainError, InvalidQuantity, NotFound
from makeline.common.unit_of_work import touch
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder, RecipeRow

M = ManufacturingOrderStatus


def check_producible(variant: Variant, *, field: str = "variant_id") -> None:
    """Only a usable product with Make enabled can be manufactured."""
    if not variant.is_usable:
        raise NotFound(f"variant {variant.pk} is archived or deleted", field=field)
    if variant.item.kind != ItemKind.PRODUCT or not variant.item.is_producible:
        raise DomainError(
            f"{variant.display_name} is not a producible product; enable Make on the item first",
            field=field,
        )


def check_ingredient(variant: Variant, *, product: Variant) -> None:
    if not variant.is_usable:
        raise NotFound(f"variant {variant.pk} is archived or deleted", field="variant_id")
    if variant.item.kind == ItemKind.SERVICE:
        raise DomainError("a service cannot be an ingredient", field="variant_id")
    if variant.pk == product.pk:
        raise DomainError("a product cannot be an ingredient of itself", field="variant_id")


def check_manufacturing_location(location: Location) -> None:
    if location.deleted_at is not None:
        raise NotFound(f"location {location.name} is deleted", field="location_id")
    if not location.manufacturing_allowed:
        raise DomainError(
            f"{location.name} does not allow manufacturing; pick a location with Make enabled",
            field="location_id",
        )


def check_positive(quantity: Decimal, *, field: str) -> None:
    if quantity is None or quantity <= 0:
        raise InvalidQuantity(f"{field.replace('_', ' ')} must be above zero", field=field)


def check_order_no_free(order_no: str, *, exclude: int | None = None) -> str:
    order_no = (order_no or "").strip()
    if not order_no:
        raise DomainError("order number is required", field="order_no")
    clash = ManufacturingOrder.objects.filter(order_no=order_no)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise DomainError(f"manufacturing order {order_no} exists already", field="order_no")
    return order_no


def check_not_done(mo: ManufacturingOrder, *, what: str) -> None:
    if mo.status == M.DONE:
        raise Conflict(
            f"{mo.order_no} is done: revert it to an open status before changing {what}",
            field="status",
        )


def lock(mo: ManufacturingOrder) -> ManufacturingOrder:
    """Lock the MO's row for this unit of work and refresh the instance from it."""
    ManufacturingOrder.objects.select_for_update().filter(pk=mo.pk).first()
    mo.refresh_from_db()
    return mo


def touch_order(mo: ManufacturingOrder) -> None:
    """The MO's output and every ingredient at its location changed supply or demand."""
    touch(mo.variant_id, mo.location_id)
    for variant_id in RecipeRow.objects.filter(manufacturing_order=mo).values_list(
        "variant_id", flat=True
    ):
        touch(variant_id, mo.location_id)
