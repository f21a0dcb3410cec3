"""Input checks shared by the purchasing services: partners, locations, row values, UoM.

Each check raises a DomainError naming the input at fault; none of them writes.
"""

from decimal import Decimal

from makeline.catalog.models import Location, Supplier, Variant
from makeline.common.errors import Conflict, DomainError, InvalidQuantity, NotFound
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow

P = PurchaseOrderStatus


def check_supplier(supplier: Supplier) -> None:
    if supplier.deleted_at is not None:
        raise NotFound(f"supplier {supplier.name} is deleted", field="supplier_id")


def check_location(location: Location) -> None:
    if location.deleted_at is not None:
        raise NotFound(f"location {location.name} is deleted", field="location_id")
    if not location.purchase_allowed:
        raise DomainError(
            f"{location.name} does not allow purchasing; pick a Buy-enabled location",
            field="location_id",
        )


def check_variant(variant: Variant) -> None:
    """A variant that may go on a purchase order: usable, purchasable and stocked."""
    if not variant.is_usable:
        raise NotFound(f"variant {variant.pk} is archived or deleted", field="variant_id")
    item = variant.item
    if not item.is_stocked:
        raise DomainError(
            f"{variant.display_name} is a service and cannot be bought", field="variant_id"
        )
    if not item.is_purchasable:
        raise DomainError(
            f"{variant.display_name} is not purchasable; enable Buy on the item first",
            field="variant_id",
        )


def check_quantity(quantity: Decimal) -> None:
    if quantity <= 0:
        raise InvalidQuantity("quantity must be greater than zero", field="quantity")


def check_price(price: Decimal) -> None:
    if price < 0:
        raise DomainError("price per unit must not be negative", field="price_per_unit")


def resolve_uom(variant: Variant, uom: str | None, rate: Decimal | None) -> tuple[str, Decimal]:
    """The row's purchase UoM and conversion rate, defaulting to the item's.

    A UoM other than the item's needs its own rate: we cannot guess how many stock units
    a foreign unit holds.
    """
    item = variant.item
    if uom is None:
        uom = item.purchase_uom
    if rate is None:
        if uom and uom != item.purchase_uom:
            raise DomainError(
                f"purchase UoM {uom!r} needs a conversion rate (stock units per {uom})",
                field="purchase_uom_conversion_rate",
            )
        rate = item.conversion_rate
    if rate <= 0:
        raise DomainError(
            "purchase UoM conversion rate must be positive", field="purchase_uom_conversion_rate"
        )
    return uom, rate


def ensure_row_editable(row: PurchaseOrderRow) -> None:
    """Received rows are frozen (Katana: row fields only while received_date is null)."""
    if row.received_date is not None:
        raise Conflict(
            "this row was received and cannot change; revert the order to not received first",
            field="received_date",
        )


def ensure_status_in(order: PurchaseOrder, allowed: frozenset[str], *, field: str) -> None:
    if order.status not in allowed:
        wanted = " or ".join(sorted(allowed))
        raise Conflict(
            f"{field} can only change while purchase order {order.order_no} is {wanted} "
            f"(it is {order.status})",
            field=field,
        )
