"""Sales orders, their rows and addresses (Katana's SalesOrder, SalesOrderRow,
SalesOrderAddress and their requests).

Fields we cannot store are left out of the requests, so sending them is a 422 (custom
fields, batch and serial transactions, traceability, conversion rates).
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from makeline.api.schemas.base import Deletable, Id, Price, Quantity, RequestSchema
from makeline.api.schemas.contacts import AddressEntityType, PersonAddress

SalesOrderStatus = Literal[
    "NOT_SHIPPED",
    "PENDING",
    "READY_FOR_FULFILLMENT",
    "PARTIALLY_PACKED",
    "PARTIALLY_DELIVERED",
    "PACKED",
    "DELIVERED",
]
ProductAvailability = Literal["IN_STOCK", "EXPECTED", "PICKED", "NOT_AVAILABLE", "NOT_APPLICABLE"]
IngredientAvailability = Literal[
    "PROCESSED", "IN_STOCK", "NOT_AVAILABLE", "EXPECTED", "NO_RECIPE", "NOT_APPLICABLE"
]
ProductionStatus = Literal[
    "NOT_STARTED", "NONE", "NOT_APPLICABLE", "IN_PROGRESS", "BLOCKED", "DONE"
]

# --- responses ----------------------------------------------------------------------------


class RowAttribute(Schema):
    key: str
    value: str


class SalesOrderRow(Deletable):
    id: int
    sales_order_id: int | None = None
    quantity: float
    variant_id: int
    tax_rate_id: int | None = None
    tax_rate: float | None = None
    location_id: int | None = None
    product_availability: ProductAvailability | None = None
    product_expected_date: datetime | None = None
    price_per_unit: str | None = None
    price_per_unit_in_base_currency: float | None = None
    total: float | None = None
    total_in_base_currency: float | None = None
    total_discount: str | None = None
    cogs_value: str | None = None
    attributes: list[RowAttribute] | None = None
    linked_manufacturing_order_id: int | None = None


class SalesOrderAddress(Deletable):
    id: int
    sales_order_id: int
    entity_type: AddressEntityType
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


class SalesOrder(Deletable):
    id: int
    customer_id: int
    order_no: str
    source: str | None = None
    order_created_date: datetime | None = None
    delivery_date: datetime | None = None
    picked_date: datetime | None = None
    location_id: int
    status: SalesOrderStatus
    currency: str | None = None
    total: float | None = None
    total_in_base_currency: float | None = None
    additional_info: str | None = None
    customer_ref: str | None = None
    sales_order_rows: list[SalesOrderRow] | None = None
    ecommerce_order_type: str | None = None
    ecommerce_store_name: str | None = None
    ecommerce_order_id: str | None = None
    product_availability: ProductAvailability | None = None
    product_expected_date: datetime | None = None
    ingredient_availability: IngredientAvailability | None = None
    ingredient_expected_date: datetime | None = None
    production_status: ProductionStatus | None = None
    tracking_number: str | None = None
    tracking_number_url: str | None = None
    billing_address_id: int | None = None
    shipping_address_id: int | None = None
    linked_manufacturing_order_id: int | None = None
    addresses: list[SalesOrderAddress] | None = None


class SalesOrderListResponse(Schema):
    data: list[SalesOrder]


class SalesOrderRowListResponse(Schema):
    data: list[SalesOrderRow]


class SalesOrderAddressListResponse(Schema):
    data: list[SalesOrderAddress]


# --- requests -----------------------------------------------------------------------------


class RowAttributeRequest(RequestSchema):
    key: str
    value: str


class SalesOrderAddressRequest(PersonAddress):
    """An address inside POST /sales_orders."""

    entity_type: AddressEntityType


class SalesOrderRowRequest(RequestSchema):
    """A row inside POST /sales_orders."""

    quantity: Quantity
    variant_id: Id
    tax_rate_id: Id | None = None
    location_id: Id | None = None
    price_per_unit: Price | None = None
    total_discount: Price | None = None
    attributes: list[RowAttributeRequest] | None = None


class CreateSalesOrderRequest(RequestSchema):
    order_no: str | None = Field(None, min_length=1)
    customer_id: Id
    sales_order_rows: list[SalesOrderRowRequest] = Field(min_length=1)
    tracking_number: str | None = Field(None, max_length=256)
    tracking_number_url: str | None = Field(None, max_length=2048)
    addresses: list[SalesOrderAddressRequest] | None = None
    order_created_date: datetime | None = None
    delivery_date: datetime | None = None
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    location_id: Id | None = None
    status: Literal["NOT_SHIPPED", "PENDING"] | None = None
    additional_info: str | None = None
    customer_ref: str | None = Field(None, max_length=255)
    ecommerce_order_type: str | None = None
    ecommerce_store_name: str | None = None
    ecommerce_order_id: str | None = None


class UpdateSalesOrderRequest(RequestSchema):
    order_no: str | None = Field(None, min_length=1)
    customer_id: Id | None = None
    order_created_date: datetime | None = None
    delivery_date: datetime | None = None
    picked_date: datetime | None = None
    location_id: Id | None = None
    status: Literal["NOT_SHIPPED", "PENDING", "PACKED", "DELIVERED"] | None = None
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    additional_info: str | None = None
    customer_ref: str | None = Field(None, max_length=255)
    tracking_number: str | None = Field(None, max_length=256)
    tracking_number_url: str | None = Field(None, max_length=2048)


class RowFields(RequestSchema):
    variant_id: Id | None = None
    quantity: Quantity | None = None
    price_per_unit: Price | None = None
    tax_rate_id: Id | None = None
    location_id: Id | None = None
    total_discount: Price | None = None
    attributes: list[RowAttributeRequest] | None = None


class CreateSalesOrderRowRequest(RowFields):
    sales_order_id: Id
    variant_id: Id
    quantity: Quantity


class UpdateSalesOrderRowRequest(RowFields):
    pass


class CreateSalesOrderAddressRequest(PersonAddress):
    sales_order_id: Id
    entity_type: AddressEntityType


class UpdateSalesOrderAddressRequest(PersonAddress):
    pass
