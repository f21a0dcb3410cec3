"""Input specs of the sales services (rows, addresses) and the checks they share.

A check raises a DomainError naming the input at fault; it never writes. The services call
these before saving anything, so a refusal leaves the database as it was.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from makeline.catalog.enums import AddressKind, ItemKind
from makeline.catalog.models import Customer, Location, TaxRate, Variant
from makeline.common.errors import DomainError, InvalidQuantity, NotFound
from makeline.common.fields import ZERO


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One sales order row to create. `price_per_unit` None = the variant's sales price (or 0)."""

    variant: Variant
    quantity: Decimal
    price_per_unit: Decimal | None = None
    total_discount: Decimal = ZERO
    tax_rate: TaxRate | None = None
    attributes: list[dict[str, str]] = field(default_factory=list)

    def price(self) -> Decimal:
        if self.price_per_unit is not None:
            return self.price_per_unit
        return self.variant.sales_price or ZERO


ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "phone",
    "line_1",
    "line_2",
    "city",
    "state",
    "zip",
    "country",
)


@dataclass(frozen=True, slots=True)
class AddressSpec:
    """A bill-to or ship-to address of one sales order (`entity_type` billing or shipping)."""

    entity_type: str
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    phone: str = ""
    line_1: str = ""
    line_2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    country: str = ""

    def fields(self) -> dict[str, str]:
        return {name: getattr(self, name) or "" for name in ADDRESS_FIELDS}


def check_sellable(variant: Variant, *, label: str = "") -> None:
    """Katana: only usable, sellable products and services go on sales orders (no materials)."""
    if not variant.is_usable:
        raise NotFound(f"{label}variant {variant.pk} is archived or deleted", field="variant_id")
    if variant.item.kind == ItemKind.MATERIAL:
        raise DomainError(
            f"{label}{variant.display_name} is a material; materials cannot be sold",
            field="variant_id",
        )
    if not variant.item.is_sellable:
        raise DomainError(
            f"{label}{variant.display_name} is not sellable; enable Sell on the item first",
            field="variant_id",
        )


def check_row_values(
    *, quantity: Decimal, price: Decimal, discount: Decimal, label: str = ""
) -> None:
    if quantity <= 0:
        raise InvalidQuantity(f"{label}quantity must be above zero", field="quantity")
    if price < 0:
        raise DomainError(f"{label}price per unit must not be negative", field="price_per_unit")
    if discount < 0:
        raise DomainError(f"{label}discount must not be negative", field="total_discount")
    if discount > quantity * price:
        raise DomainError(
            f"{label}discount {discount} is more than the row total {quantity * price}",
            field="total_discount",
        )


def check_spec(spec: RowSpec, *, label: str = "") -> None:
    check_sellable(spec.variant, label=label)
    check_row_values(
        quantity=spec.quantity, price=spec.price(), discount=spec.total_discount, label=label
    )


def check_specs(specs: Sequence[RowSpec]) -> None:
    if not specs:
        raise InvalidQuantity("a sales order needs at least one row", field="rows")
    for n, spec in enumerate(specs):
        check_spec(spec, label=f"row {n + 1}: ")


def check_location(location: Location) -> None:
    if location.deleted_at is not None:
        raise NotFound(f"location {location.name} is deleted", field="location_id")
    if not location.sales_allowed:
        raise DomainError(
            f"{location.name} does not allow selling; pick a location with Sell enabled",
            field="location_id",
        )


def check_customer(customer: Customer) -> None:
    if customer.deleted_at is not None:
        raise NotFound(f"customer {customer.name} is deleted", field="customer_id")


def check_addresses(addresses: Sequence[AddressSpec]) -> None:
    seen: set[str] = set()
    for spec in addresses:
        if spec.entity_type not in AddressKind.values:
            raise DomainError("entity_type must be billing or shipping", field="entity_type")
        if spec.entity_type in seen:
            raise DomainError(
                f"a sales order has one {spec.entity_type} address", field="entity_type"
            )
        seen.add(spec.entity_type)


def check_order_no(order_no: str) -> str:
    order_no = (order_no or "").strip()
    if not order_no:
        raise DomainError("order number is required", field="order_no")
    return order_no


def unknown_field(changes: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise DomainError(f"{unknown[0]} cannot be changed here", field=unknown[0])
