"""Checks and small helpers shared by the production services (no service lives here).

A check raises a DomainError naming the input at fault and never writes, so services call
them before saving anything. `touch_order` records every (variant, location) pair whose
supply or demand an MO change affects.
"""

from decimal import Decimal

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Location, Variant
from makeline.common import locking
from makeline.common.errors import Conflict, DomainError, InvalidQuantity, NotFound
from makeline.common.numbering import claim_number
from makeline.common.unit_of_work import touch
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder, RecipeRow
from makeline.sales.models import SalesOrder

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
    claim_number(order_no)
    return order_no


def check_not_done(mo: ManufacturingOrder, *, what: str) -> None:
    if mo.status == M.DONE:
        raise Conflict(
            f"{mo.order_no} is done: revert it to an open status before changing {what}",
            field="status",
        )


def lock(mo: ManufacturingOrder) -> ManufacturingOrder:
    """Lock the MO for this unit of work, refresh the instance, and lock its variants.

    In common.locking's order: a make-to-order MO's sales order first (sales edits lock
    it before following onto the MO), then the MO, then the output and every ingredient in
    id order, so that completing two MOs that share ingredients cannot deadlock (their
    moves then re-lock rows already held). The recipe is read after the MO lock: recipe
    edits lock the MO too, so the set of variants cannot change underneath.
    """
    linked = ManufacturingOrder.objects.filter(pk=mo.pk).values_list(
        "sales_order_row__sales_order_id", flat=True
    )
    locking.lock(SalesOrder, linked)
    if not locking.lock(ManufacturingOrder, [mo.pk]):
        raise NotFound(f"{mo.order_no} no longer exists", field="manufacturing_order_id")
    mo.refresh_from_db()
    ingredients = RecipeRow.objects.filter(manufacturing_order=mo).values_list(
        "variant_id", flat=True
    )
    locking.lock(Variant, [mo.variant_id, *ingredients])
    return mo


def touch_order(mo: ManufacturingOrder) -> None:
    """The MO's output and every ingredient at its location changed supply or demand."""
    touch(mo.variant_id, mo.location_id)
    for variant_id in RecipeRow.objects.filter(manufacturing_order=mo).values_list(
        "variant_id", flat=True
    ):
        touch(variant_id, mo.location_id)
