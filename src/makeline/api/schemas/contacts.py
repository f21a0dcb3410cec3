"""Customers, suppliers and their addresses (Katana's Customer, Supplier, …Address)."""

from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from makeline.api.schemas.base import Deletable, Id, RequestSchema

AddressEntityType = Literal["billing", "shipping"]


class SupplierAddress(Deletable):
    id: int
    supplier_id: int | None = None
    line_1: str | None = None
    line_2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class Supplier(Deletable):
    id: int
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    currency: str | None = None
    comment: str | None = None
    default_address_id: int | None = None
    addresses: list[SupplierAddress] | None = None


class CustomerAddress(Deletable):
    id: int
    customer_id: int
    entity_type: AddressEntityType
    default: bool | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    phone: str | None = None
    line_1: str | None = None
    line_2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class Customer(Deletable):
    id: int
    name: str
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    comment: str | None = None
    currency: str | None = None
    reference_id: str | None = None
    category: str | None = None
    discount_rate: float | None = None
    default_billing_id: int | None = None
    default_shipping_id: int | None = None
    addresses: list[CustomerAddress] | None = None


class SupplierListResponse(Schema):
    data: list[Supplier]


class SupplierAddressListResponse(Schema):
    data: list[SupplierAddress]


class CustomerListResponse(Schema):
    data: list[Customer]


class CustomerAddressListResponse(Schema):
    data: list[CustomerAddress]


# --- requests -----------------------------------------------------------------------------


class AddressLines(RequestSchema):
    line_1: str | None = None
    line_2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class PersonAddress(AddressLines):
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    phone: str | None = None


class SupplierAddressRequest(AddressLines):
    """An address inside POST /suppliers."""

    line_1: str


class CreateSupplierAddressRequest(AddressLines):
    supplier_id: Id


class UpdateSupplierAddressRequest(AddressLines):
    pass


class SupplierFields(RequestSchema):
    email: str | None = None
    phone: str | None = None
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    comment: str | None = None


class CreateSupplierRequest(SupplierFields):
    name: str
    addresses: list[SupplierAddressRequest] | None = None


class UpdateSupplierRequest(SupplierFields):
    name: str | None = None


class CustomerFields(RequestSchema):
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    comment: str | None = None
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    reference_id: str | None = None
    category: str | None = None
    discount_rate: Decimal | None = Field(None, ge=0, le=100)


class CustomerAddressRequest(PersonAddress):
    """An address inside POST /customers."""

    entity_type: AddressEntityType


class CreateCustomerRequest(CustomerFields):
    name: str
    addresses: list[CustomerAddressRequest] | None = None


class UpdateCustomerRequest(CustomerFields):
    name: str | None = None


class CreateCustomerAddressRequest(PersonAddress):
    customer_id: Id
    entity_type: AddressEntityType
    default: bool | None = None


class UpdateCustomerAddressRequest(PersonAddress):
    default: bool | None = None
