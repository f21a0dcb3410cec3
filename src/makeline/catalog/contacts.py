"""Catalog writes for the shop itself, its locations, tax rates, suppliers and customers."""

from decimal import Decimal
from typing import Any

from django.utils import timezone

from makeline.catalog.models import (
    Customer,
    CustomerAddress,
    Location,
    Shop,
    Supplier,
    SupplierAddress,
    TaxRate,
)
from makeline.catalog.validation import address_fields, assign, required
from makeline.common.errors import DomainError
from makeline.common.unit_of_work import atomic_service

DEFAULT_LOCATION_NAME = "Main location"


# --- shop and locations -------------------------------------------------------------------


@atomic_service
def ensure_shop() -> Shop:
    """The shop settings row, created with defaults on first use."""
    shop = Shop.objects.order_by("id").first()
    return shop or Shop.objects.create()


@atomic_service
def update_shop(*, shop: Shop, changes: dict[str, Any]) -> Shop:
    assign(shop, changes, allowed=_SHOP_FIELDS)
    shop.full_clean()
    shop.save()
    return shop


_SHOP_FIELDS = frozenset(
    {
        "name",
        "legal_name",
        "address",
        "currency",
        "default_so_delivery_days",
        "default_po_lead_days",
        "default_mo_deadline_days",
    }
)


@atomic_service
def ensure_default_location() -> Location:
    """The primary location ("Main location", sell/make/buy allowed), created when missing."""
    primary = Location.objects.filter(is_primary=True).first()
    if primary:
        return primary
    location, _ = Location.objects.get_or_create(
        name=DEFAULT_LOCATION_NAME, defaults={"is_primary": True}
    )
    if not location.is_primary:
        location.is_primary = True
        location.save(update_fields=["is_primary"])
    return location


@atomic_service
def create_location(
    *,
    name: str,
    legal_name: str = "",
    address: str = "",
    sales_allowed: bool = True,
    manufacturing_allowed: bool = True,
    purchase_allowed: bool = True,
) -> Location:
    name = required(name, "name")
    if Location.objects.filter(name=name).exists():
        raise DomainError(f"a location named {name!r} exists already", field="name")
    return Location.objects.create(
        name=name,
        legal_name=legal_name,
        address=address,
        sales_allowed=sales_allowed,
        manufacturing_allowed=manufacturing_allowed,
        purchase_allowed=purchase_allowed,
    )


@atomic_service
def update_location(*, location: Location, changes: dict[str, Any]) -> Location:
    allowed = {
        "name",
        "legal_name",
        "address",
        "sales_allowed",
        "manufacturing_allowed",
        "purchase_allowed",
    }
    assign(location, changes, allowed=frozenset(allowed))
    if "name" in changes:
        location.name = required(location.name, "name")
        if Location.objects.filter(name=location.name).exclude(pk=location.pk).exists():
            raise DomainError(f"a location named {location.name!r} exists already", field="name")
    location.save()
    return location


@atomic_service
def create_tax_rate(*, name: str, rate: Decimal, is_default_sales: bool = False) -> TaxRate:
    if rate < 0 or rate > 100:
        raise DomainError("a tax rate is a percentage between 0 and 100", field="rate")
    return TaxRate.objects.create(
        name=required(name, "name"), rate=rate, is_default_sales=is_default_sales
    )


# --- partners -----------------------------------------------------------------------------


@atomic_service
def create_supplier(
    *, name: str, email: str = "", phone: str = "", currency: str = "", comment: str = ""
) -> Supplier:
    return Supplier.objects.create(
        name=required(name, "name"),
        email=email,
        phone=phone,
        currency=currency or ensure_shop().currency,
        comment=comment,
    )


@atomic_service
def update_supplier(*, supplier: Supplier, changes: dict[str, Any]) -> Supplier:
    assign(supplier, changes, allowed=frozenset({"name", "email", "phone", "currency", "comment"}))
    supplier.name = required(supplier.name, "name")
    supplier.save()
    return supplier


@atomic_service
def add_supplier_address(*, supplier: Supplier, fields: dict[str, str]) -> SupplierAddress:
    return SupplierAddress.objects.create(supplier=supplier, **address_fields(fields))


@atomic_service
def create_customer(*, name: str, **details: Any) -> Customer:
    allowed = frozenset(
        {"first_name", "last_name", "company", "email", "phone", "comment", "currency"}
        | {"reference_id", "category", "discount_rate"}
    )
    customer = Customer(name=required(name, "name"), currency=ensure_shop().currency)
    assign(customer, details, allowed=allowed)
    customer.save()
    return customer


@atomic_service
def update_customer(*, customer: Customer, changes: dict[str, Any]) -> Customer:
    allowed = frozenset(
        {"name", "first_name", "last_name", "company", "email", "phone", "comment", "currency"}
        | {"reference_id", "category", "discount_rate"}
    )
    assign(customer, changes, allowed=allowed)
    customer.name = required(customer.name, "name")
    customer.save()
    return customer


@atomic_service
def add_customer_address(
    *, customer: Customer, entity_type: str, fields: dict[str, str], default: bool = False
) -> CustomerAddress:
    if entity_type not in ("billing", "shipping"):
        raise DomainError("entity_type must be billing or shipping", field="entity_type")
    if default:
        customer.addresses.filter(entity_type=entity_type).update(default=False)
    return CustomerAddress.objects.create(
        customer=customer, entity_type=entity_type, default=default, **address_fields(fields)
    )


@atomic_service
def update_customer_address(
    *, address: CustomerAddress, fields: dict[str, str], default: bool | None = None
) -> CustomerAddress:
    """Change an address's lines; `default=True` makes it the customer's default of its kind."""
    for key, value in address_fields(fields).items():
        setattr(address, key, value)
    if default:
        address.customer.addresses.filter(entity_type=address.entity_type).exclude(
            pk=address.pk
        ).update(default=False)
    if default is not None:
        address.default = default
    address.save()
    return address


@atomic_service
def delete_customer_address(*, address: CustomerAddress) -> None:
    # Sales orders copy the address onto the order, so removing it loses no history.
    address.delete()


@atomic_service
def update_supplier_address(*, address: SupplierAddress, fields: dict[str, str]) -> SupplierAddress:
    for key, value in address_fields(fields).items():
        setattr(address, key, value)
    address.save()
    return address


@atomic_service
def delete_supplier_address(*, address: SupplierAddress) -> None:
    address.delete()


@atomic_service
def delete_customer(*, customer: Customer) -> Customer:
    """Soft-delete a customer: their orders keep pointing at them."""
    customer.deleted_at = timezone.now()
    customer.save(update_fields=["deleted_at", "updated_at"])
    return customer


@atomic_service
def delete_supplier(*, supplier: Supplier) -> Supplier:
    """Soft-delete a supplier: their purchase orders keep pointing at them."""
    supplier.deleted_at = timezone.now()
    supplier.save(update_fields=["deleted_at", "updated_at"])
    return supplier
