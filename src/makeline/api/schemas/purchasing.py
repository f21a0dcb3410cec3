"""Purchase orders, their rows and receipts (Katana's PurchaseOrder (regular),
PurchaseOrderRow, PurchaseOrderReceiveRow)."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from makeline.api.schemas.base import Deletable, Id, RequestSchema
from makeline.api.schemas.contacts import Supplier

PoStatus = Literal["DRAFT", "NOT_RECEIVED", "PARTIALLY_RECEIVED", "RECEIVED"]
EntityType = Literal["regular", "outsourced"]
PoQuantity = Annotated[Decimal, Field(ge=0, le=100_000_000_000_000_000)]
PoPrice = Annotated[Decimal, Field(ge=0, le=100_000_000_000_000_000)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
PurchaseUom = Annotated[str, Field(max_length=7)]


class PurchaseOrderRow(Deletable):
    id: int
    quantity: float | None = None
    variant_id: int | None = None
    tax_rate_id: int | None = None
    price_per_unit: float | None = None
    price_per_unit_in_base_currency: float | None = None
    purchase_uom_conversion_rate: float | None = None
    purchase_uom: str | None = None
    currency: str | None = None
    conversion_rate: float | None = None
    total: float | None = None
    total_in_base_currency: float | None = None
    conversion_date: datetime | None = None
    received_date: datetime | None = None
    arrival_date: datetime | None = None
    batch_transactions: list[dict[str, Any]] | None = None
    purchase_order_id: int | None = None
    location_id: int | None = None
    landed_cost: float | None = None


class PurchaseOrderRowListResponse(Schema):
    data: list[PurchaseOrderRow]


class PurchaseOrder(Deletable):
    id: int
    status: PoStatus | None = None
    order_no: str | None = None
    entity_type: Literal["regular"] | None = None
    supplier_id: int | None = None
    currency: str | None = None
    expected_arrival_date: datetime | None = None
    order_created_date: datetime | None = None
    additional_info: str | None = None
    location_id: int | None = None
    tracking_location_id: None = None
    total: float | None = None
    total_in_base_currency: float | None = None
    billing_status: Literal["BILLED", "NOT_BILLED", "PARTIALLY_BILLED"] | None = None
    last_document_status: Literal["NOT_SENT", "SENDING", "FAILED", "SENT"] | None = None
    purchase_order_rows: list[PurchaseOrderRow] | None = None
    supplier: Supplier | None = None


class PurchaseOrderListResponse(Schema):
    data: list[PurchaseOrder]


class RowFields(RequestSchema):
    quantity: PoQuantity | None = None
    variant_id: Id | None = None
    tax_rate_id: Id | None = None
    price_per_unit: PoPrice | None = None
    purchase_uom_conversion_rate: PoQuantity | None = None
    purchase_uom: PurchaseUom | None = None
    arrival_date: datetime | None = None


class PurchaseOrderRowRequest(RowFields):
    """A row nested in a purchase order create."""

    quantity: PoQuantity
    price_per_unit: PoPrice
    variant_id: Id


class CreatePurchaseOrderRequest(RequestSchema):
    order_no: str | None = None
    entity_type: EntityType | None = None
    supplier_id: Id
    currency: Currency | None = None
    status: Literal["DRAFT", "NOT_RECEIVED"] | None = None
    order_created_date: datetime | None = None
    location_id: Id
    additional_info: str | None = None
    expected_arrival_date: datetime | None = None
    tracking_location_id: Id | None = None
    purchase_order_rows: list[PurchaseOrderRowRequest] = Field(min_length=1)


class UpdatePurchaseOrderRequest(RequestSchema):
    order_no: Annotated[str, Field(min_length=3)] | None = None
    supplier_id: Id | None = None
    currency: str | None = None
    tracking_location_id: Id | None = None
    status: PoStatus | None = None
    expected_arrival_date: datetime | None = None
    order_created_date: datetime | None = None
    location_id: Id | None = None
    additional_info: str | None = None


class CreatePurchaseOrderRowRequest(PurchaseOrderRowRequest):
    purchase_order_id: Id


class UpdatePurchaseOrderRowRequest(RowFields):
    pass


class PurchaseOrderReceiveRow(RequestSchema):
    purchase_order_row_id: Id
    quantity: Annotated[Decimal, Field(le=100_000_000_000_000_000)]
    received_date: datetime | None = None
