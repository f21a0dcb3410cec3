"""BOM rows and product operation rows (Katana's BomRow, ProductOperationRow)."""

from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from makeline.api.schemas.base import Id, RequestSchema, Timestamps

OperationType = Literal["process", "setup", "perUnit", "fixed"]
BomQuantity = Annotated[Decimal, Field(ge=0, le=100_000_000_000_000_000)]
Seconds = Annotated[int, Field(ge=0, le=2_147_483_647)]
Cost = Annotated[Decimal, Field(ge=0, le=1_000_000_000_000_000_000)]


class BomRow(Timestamps):
    id: str
    product_variant_id: int
    product_item_id: int
    ingredient_variant_id: int
    quantity: float | None = None
    notes: str | None = None
    rank: int | None = None


class BomRowListResponse(Schema):
    data: list[BomRow]


class CreateBomRowRequest(RequestSchema):
    product_item_id: Id
    product_variant_id: Id
    ingredient_variant_id: Id
    quantity: BomQuantity | None = None
    notes: str | None = None


class BatchCreateBomRowsRequest(RequestSchema):
    data: list[CreateBomRowRequest] = Field(min_length=1)


class UpdateBomRowRequest(RequestSchema):
    ingredient_variant_id: Id | None = None
    quantity: BomQuantity | None = None
    notes: str | None = None


class ProductOperationRow(Timestamps):
    product_operation_row_id: int
    product_id: int | None = None
    product_variant_id: int | None = None
    operation_name: str | None = None
    type: OperationType | None = None
    resource_id: int | None = None
    resource_name: str | None = None
    cost_per_hour: float | None = None
    cost_parameter: float | None = None
    planned_cost_per_unit: float | None = None
    planned_time_per_unit: float | None = None
    planned_time_parameter: float | None = None
    rank: int | None = None
    group_boundary: str | None = None


class ProductOperationRowListResponse(Schema):
    data: list[ProductOperationRow]


class OperationRowFields(RequestSchema):
    operation_name: str | None = None
    resource_id: Id | None = None
    resource_name: str | None = None
    type: OperationType | None = None
    cost_parameter: Cost | None = None
    cost_per_hour: Cost | None = Field(None, deprecated=True)
    planned_time_parameter: Seconds | None = None
    planned_time_per_unit: Seconds | None = Field(None, deprecated=True)


class CreateProductOperationRowItem(OperationRowFields):
    product_variant_id: Id


class CreateProductOperationRowsRequest(RequestSchema):
    keep_current_rows: bool = True
    rows: list[CreateProductOperationRowItem] = Field(min_length=1, max_length=150)


class UpdateProductOperationRowRequest(OperationRowFields):
    pass


class ProductOperationRerankRequest(RequestSchema):
    rank_product_operation_id: int
    preceding_product_operation_id: int | None = None
    should_group: bool | None = None


class ProductOperationRerank(Schema):
    message: str
    success: bool
