"""Inventory on the wire: Inventory, InventoryMovement, NegativeStock, safety stock levels
and stock adjustments (Katana's component names and fields)."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from makeline.api.schemas.base import Deletable, Id, Price, RequestSchema, Timestamps
from makeline.api.schemas.items import Variant
from makeline.api.schemas.shop import Location

SignedQuantity = Annotated[Decimal, Field(ge=-999_999_999, le=999_999_999)]
SafetyLevel = Annotated[Decimal, Field(ge=0, le=999_999_999)]

# --- inventory ----------------------------------------------------------------------------


class Inventory(Schema):
    variant_id: int
    location_id: int
    safety_stock_level: str
    reorder_point: str
    average_cost: str
    value_in_stock: str
    quantity_in_stock: str
    quantity_committed: str
    quantity_expected: str
    quantity_missing_or_excess: str
    quantity_potential: str | None
    variant: Variant | None = None
    location: Location | None = None
    archived_at: datetime | None = None


class InventoryListResponse(Schema):
    data: list[Inventory]


class InventoryMovement(Timestamps):
    id: int
    variant_id: int
    location_id: int
    resource_type: str
    resource_id: int | None = None
    caused_by_order_no: str | None = None
    caused_by_resource_id: int | None = None
    movement_date: datetime
    quantity_change: float
    balance_after: float
    value_per_unit: float
    value_in_stock_after: float
    average_cost_after: float


class InventoryMovementListResponse(Schema):
    data: list[InventoryMovement]


class NegativeStock(Schema):
    variant_id: int
    location_id: int
    latest_negative_stock_date: datetime
    name: str
    sku: str | None = None
    category: str | None = None
    quantity_on_hand: float
    quantity_allocated: float


class NegativeStockListResponse(Schema):
    data: list[NegativeStock]


class CreateInventorySafetyStockLevelRequest(RequestSchema):
    variant_id: Id
    location_id: Id
    value: SafetyLevel


class InventorySafetyStockLevel(Schema):
    location_id: int
    variant_id: int
    value: str


# --- stock adjustments --------------------------------------------------------------------


class StockAdjustmentRow(Schema):
    id: int
    variant_id: int
    quantity: float
    cost_per_unit: float | None = None


class StockAdjustment(Deletable):
    id: int
    stock_adjustment_number: str
    stock_adjustment_date: datetime | None = None
    location_id: int
    reason: str | None = None
    additional_info: str | None = None
    stock_adjustment_rows: list[StockAdjustmentRow] = []


class StockAdjustmentListResponse(Schema):
    data: list[StockAdjustment]


class CreateStockAdjustmentRowRequest(RequestSchema):
    variant_id: Id
    quantity: SignedQuantity
    cost_per_unit: Price | None = None


class CreateStockAdjustmentRequest(RequestSchema):
    stock_adjustment_number: str | None = Field(None, min_length=1, max_length=100)
    stock_adjustment_date: datetime | None = None
    location_id: Id
    reason: str | None = Field(None, max_length=200)
    additional_info: str | None = None
    stock_adjustment_rows: list[CreateStockAdjustmentRowRequest] = Field(min_length=1)


class UpdateStockAdjustmentRequest(RequestSchema):
    stock_adjustment_number: str | None = Field(None, min_length=1, max_length=100)
    stock_adjustment_date: datetime | None = None
    location_id: Id | None = None
    reason: str | None = Field(None, max_length=200)
    additional_info: str | None = None
