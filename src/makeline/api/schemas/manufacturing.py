"""Manufacturing orders and their rows (Katana's ManufacturingOrder, …RecipeRow,
…OperationRow, …Production) and the make-to-order, unlink and rerank requests."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from makeline.api.schemas.base import Deletable, Id, RequestSchema

MoStatus = Literal["NOT_STARTED", "BLOCKED", "IN_PROGRESS", "PARTIALLY_COMPLETED", "DONE"]
OperationStatus = Literal["NOT_STARTED", "BLOCKED", "IN_PROGRESS", "PAUSED", "COMPLETED"]
OperationType = Literal["process", "setup", "perUnit", "fixed"]
IngredientAvailability = Literal[
    "PROCESSED", "IN_STOCK", "NOT_AVAILABLE", "EXPECTED", "NO_RECIPE", "NOT_APPLICABLE"
]
MoQuantity = Annotated[Decimal, Field(ge=0, le=100_000_000_000_000_000)]
Seconds = Annotated[Decimal, Field(ge=0, le=2_147_483_647)]
Cost = Annotated[Decimal, Field(ge=0, le=1_000_000_000_000_000_000)]

# --- manufacturing orders -------------------------------------------------------------------


class ManufacturingOrder(Deletable):
    id: int
    status: MoStatus | None = None
    order_no: str | None = None
    variant_id: int | None = None
    planned_quantity: float | None = None
    actual_quantity: float | None = None
    completed_quantity: float | None = None
    remaining_quantity: float | None = None
    includes_partial_completions: bool | None = None
    batch_transactions: list[dict[str, Any]] | None = None
    location_id: int | None = None
    order_created_date: datetime | None = None
    production_deadline_date: datetime | None = None
    done_date: datetime | None = None
    additional_info: str | None = None
    is_linked_to_sales_order: bool | None = None
    ingredient_availability: IngredientAvailability | None = None
    total_cost: float | None = None
    total_actual_time: float | None = None
    total_planned_time: float | None = None
    sales_order_id: int | None = None
    sales_order_row_id: int | None = None
    sales_order_delivery_deadline: datetime | None = None
    material_cost: float | None = None
    subassemblies_cost: float | None = None
    operations_cost: float | None = None
    serial_numbers: list[dict[str, Any]] | None = None


class ManufacturingOrderListResponse(Schema):
    data: list[ManufacturingOrder]


class CreateManufacturingOrderRequest(RequestSchema):
    status: Literal["NOT_STARTED"] | None = None
    order_no: str | None = None
    variant_id: Id
    location_id: Id
    planned_quantity: MoQuantity
    order_created_date: datetime | None = None
    production_deadline_date: datetime | None = None
    additional_info: str | None = None


class UpdateManufacturingOrderRequest(RequestSchema):
    status: MoStatus | None = None
    order_no: str | None = None
    variant_id: Id | None = None
    location_id: Id | None = None
    planned_quantity: MoQuantity | None = None
    actual_quantity: MoQuantity | None = None
    order_created_date: datetime | None = None
    production_deadline_date: datetime | None = None
    done_date: datetime | None = None
    additional_info: str | None = None


class MakeToOrderRequest(RequestSchema):
    sales_order_row_id: Id
    create_subassemblies: bool = False


class UnlinkRequest(RequestSchema):
    sales_order_row_id: Id


class RerankPlace(RequestSchema):
    before_id: Id | None = None
    after_id: Id | None = None
    position: Literal["top", "bottom"] | None = None


class RerankManufacturingOrderRequest(RequestSchema):
    order_ids: list[Id] = Field(min_length=1, max_length=250)
    place: RerankPlace


# --- recipe rows ----------------------------------------------------------------------------


class RecipeRow(Deletable):
    id: int
    manufacturing_order_id: int | None = None
    variant_id: int | None = None
    notes: str | None = None
    planned_quantity_per_unit: str | None = None
    total_actual_quantity: str | None = None
    ingredient_availability: IngredientAvailability | None = None
    ingredient_expected_date: datetime | None = None
    batch_transactions: list[dict[str, Any]] | None = None
    cost: str | None = None
    total_consumed_quantity: float | None = None
    total_remaining_quantity: float | None = None


class RecipeRowListResponse(Schema):
    data: list[RecipeRow]


class CreateRecipeRowRequest(RequestSchema):
    manufacturing_order_id: Id
    variant_id: Id
    notes: str | None = None
    planned_quantity_per_unit: MoQuantity
    total_actual_quantity: MoQuantity | None = None


class UpdateRecipeRowRequest(RequestSchema):
    variant_id: Id | None = None
    notes: str | None = None
    planned_quantity_per_unit: MoQuantity | None = None
    total_actual_quantity: MoQuantity | None = None


# --- operation rows -------------------------------------------------------------------------


class OperationRow(Deletable):
    id: int
    status: OperationStatus | None = None
    type: OperationType | None = None
    rank: float | None = None
    manufacturing_order_id: int | None = None
    operation_name: str | None = None
    resource_id: int | None = None
    resource_name: str | None = None
    assigned_operators: list[dict[str, Any]] | None = None
    completed_by_operators: list[dict[str, Any]] | None = None
    active_operator_id: float | None = None
    planned_time_per_unit: str | None = None
    planned_time_parameter: str | None = None
    total_actual_time: str | None = None
    planned_cost_per_unit: str | None = None
    total_actual_cost: str | None = None
    total_consumed_time: float | None = None
    total_remaining_time: float | None = None
    cost_per_hour: str | None = None
    cost_parameter: str | None = None
    group_boundary: float | None = None
    is_status_actionable: bool | None = None
    completed_at: datetime | None = None


class OperationRowListResponse(Schema):
    data: list[OperationRow]


class OperationRowFields(RequestSchema):
    type: OperationType | None = None
    operation_name: str | None = None
    resource_id: Id | None = None
    resource_name: str | None = None
    planned_time_parameter: Seconds | None = None
    planned_time_per_unit: Seconds | None = Field(None, deprecated=True)
    cost_parameter: Cost | None = None
    cost_per_hour: Cost | None = Field(None, deprecated=True)


class CreateOperationRowRequest(OperationRowFields):
    manufacturing_order_id: Id
    status: Literal["NOT_STARTED"]


class UpdateOperationRowRequest(OperationRowFields):
    total_actual_time: Seconds | None = None
    status: OperationStatus | None = None


# --- productions ----------------------------------------------------------------------------


class ProductionIngredient(Deletable):
    id: int
    location_id: int | None = None
    variant_id: int | None = None
    manufacturing_order_id: int | None = None
    manufacturing_order_recipe_row_id: int | None = None
    production_id: int | None = None
    quantity: float | None = None
    production_date: datetime | None = None
    cost: float | None = None


class Production(Deletable):
    id: int
    manufacturing_order_id: int | None = None
    quantity: float | None = None
    production_date: datetime | None = None
    ingredients: list[ProductionIngredient] | None = None
    operations: list[dict[str, Any]] | None = None
    serial_numbers: list[dict[str, Any]] | None = None


class ProductionListResponse(Schema):
    data: list[Production]


class CreateProductionRequest(RequestSchema):
    manufacturing_order_id: Id
    completed_quantity: MoQuantity
    completed_date: datetime | None = None
    is_final: bool = False
