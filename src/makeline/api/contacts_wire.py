"""Customers, suppliers and their addresses on the wire (shared by several endpoints:
products embed their supplier with `extend=supplier`)."""

from typing import Any

from django.db.models import QuerySet

from makeline.api.common import number, text
from makeline.catalog.models import Customer, CustomerAddress, Supplier, SupplierAddress

_LINES = ("line_1", "line_2", "city", "state", "zip", "country")
_PERSON = ("first_name", "last_name", "company", "phone")


def suppliers() -> QuerySet[Supplier]:
    return Supplier.objects.prefetch_related("addresses")


def customers() -> QuerySet[Customer]:
    return Customer.objects.prefetch_related("addresses")


def supplier_address_out(address: SupplierAddress) -> dict[str, Any]:
    out: dict[str, Any] = {"id": address.pk, "supplier_id": address.supplier_id}
    out |= {name: text(getattr(address, name)) for name in _LINES}
    out["line_1"] = address.line_1  # Katana: a string, never null
    return out | {"created_at": address.created_at, "updated_at": address.updated_at}


def supplier_out(supplier: Supplier) -> dict[str, Any]:
    addresses = list(supplier.addresses.all())
    out: dict[str, Any] = {
        "id": supplier.pk,
        "name": supplier.name,
        "email": supplier.email,
        "phone": supplier.phone,
        "currency": supplier.currency,
        "comment": supplier.comment,
        "addresses": [supplier_address_out(a) for a in addresses],
        "created_at": supplier.created_at,
        "updated_at": supplier.updated_at,
        "deleted_at": supplier.deleted_at,
    }
    if addresses:  # Katana types it as a plain integer, so it is left out when there is none
        out["default_address_id"] = addresses[0].pk
    return out


def customer_address_out(address: CustomerAddress) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": address.pk,
        "customer_id": address.customer_id,
        "entity_type": address.entity_type,
        "default": address.default,
    }
    out |= {name: text(getattr(address, name)) for name in (*_PERSON, *_LINES)}
    return out | {"created_at": address.created_at, "updated_at": address.updated_at}


def customer_out(customer: Customer) -> dict[str, Any]:
    addresses = list(customer.addresses.all())
    defaults = {a.entity_type: a.pk for a in addresses if a.default}
    out: dict[str, Any] = {"id": customer.pk, "name": customer.name}
    for name in ("first_name", "last_name", "company", "email", "phone", "comment"):
        out[name] = text(getattr(customer, name))
    return out | {
        "currency": customer.currency,
        "reference_id": text(customer.reference_id),
        "category": text(customer.category),
        "discount_rate": number(customer.discount_rate),
        "default_billing_id": defaults.get("billing"),
        "default_shipping_id": defaults.get("shipping"),
        "addresses": [customer_address_out(a) for a in addresses],
        "created_at": customer.created_at,
        "updated_at": customer.updated_at,
        "deleted_at": customer.deleted_at,
    }
