"""Test data builders. They create rows through the services, never by setting `status=`.

Each builder has defaults that make a valid row; pass only what the test is about.
"""

import itertools
from decimal import Decimal

from makeline.catalog import contacts, services
from makeline.catalog.enums import ItemKind, OperationType
from makeline.catalog.models import Customer, Location, Resource, Supplier, Variant
from makeline.inventory import services as inventory
from makeline.inventory.models import StockAdjustment

_seq = itertools.count(1)


def D(value: str | int | float) -> Decimal:  # noqa: N802 - reads like a literal
    return Decimal(str(value))


def location(name: str | None = None, **flags: bool) -> Location:
    if name is None and not flags:
        return contacts.ensure_default_location()
    return contacts.create_location(name=name or f"Location {next(_seq)}", **flags)


def customer(name: str | None = None) -> Customer:
    return contacts.create_customer(name=name or f"Customer {next(_seq)}")


def supplier(name: str | None = None) -> Supplier:
    return contacts.create_supplier(name=name or f"Supplier {next(_seq)}")


def material(
    name: str | None = None,
    *,
    price: str = "1",
    supplier: Supplier | None = None,
    purchase_uom: str = "",
    rate: str | None = None,
    uom: str = "pcs",
) -> Variant:
    n = next(_seq)
    item = services.create_item(
        kind=ItemKind.MATERIAL,
        name=name or f"Material {n}",
        uom=uom,
        default_supplier=supplier,
        purchase_uom=purchase_uom,
        purchase_uom_conversion_rate=D(rate) if rate else None,
        variants=[services.VariantSpec(sku=f"M-{n}", purchase_price=D(price))],
    )
    return item.variants.get()


def product(
    name: str | None = None,
    *,
    price: str = "10",
    bom: dict[Variant, str] | None = None,
    producible: bool = True,
    purchasable: bool = False,
) -> Variant:
    n = next(_seq)
    item = services.create_item(
        kind=ItemKind.PRODUCT,
        name=name or f"Product {n}",
        is_producible=producible,
        is_purchasable=purchasable,
        variants=[services.VariantSpec(sku=f"P-{n}", sales_price=D(price))],
    )
    variant = item.variants.get()
    for ingredient, quantity in (bom or {}).items():
        services.add_bom_row(
            product_variant=variant, ingredient_variant=ingredient, quantity=D(quantity)
        )
    return variant


def service_item(name: str | None = None, *, price: str = "50") -> Variant:
    n = next(_seq)
    item = services.create_item(
        kind=ItemKind.SERVICE,
        name=name or f"Service {n}",
        variants=[services.VariantSpec(sku=f"S-{n}", sales_price=D(price))],
    )
    return item.variants.get()


def resource(name: str | None = None, *, cost_per_hour: str = "40") -> Resource:
    return services.create_resource(
        name=name or f"Resource {next(_seq)}", cost_per_hour=D(cost_per_hour)
    )


def operation(
    product_variant: Variant,
    *,
    name: str = "Assembly",
    type: OperationType = OperationType.PROCESS,
    seconds_per_unit: str = "1800",
    cost_per_hour: str = "40",
) -> None:
    services.add_routing_row(
        product_variant=product_variant,
        operation_name=name,
        resource=resource(cost_per_hour=cost_per_hour),
        type=type,
        planned_time_per_unit=D(seconds_per_unit),
        cost_parameter=D(cost_per_hour),
    )


def stock(
    variant: Variant, quantity: str | int, *, at: Location | None = None, cost: str | None = None
) -> StockAdjustment:
    """Put stock on hand through a stock adjustment (opening stock)."""
    return inventory.adjust_stock(
        location=at or location(),
        lines=[
            inventory.AdjustmentLine(
                variant=variant, quantity=D(quantity), cost_per_unit=D(cost) if cost else None
            )
        ],
        reason="opening stock",
    )
