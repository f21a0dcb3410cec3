"""Sales order fulfillments, the sales order rerank and search bodies (Katana's shapes), and
our extension's explanation and missing-materials answers."""

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import model_validator
from pydantic_core import PydanticCustomError

from makeline.api.schemas.base import Id, Quantity, RequestSchema, Timestamps

FulfillmentStatus = Literal["PACKED", "DELIVERED"]

# --- fulfillments -------------------------------------------------------------------------


class FulfillmentRow(Schema):
    sales_order_row_id: int
    quantity: float


class SalesOrderFulfillment(Timestamps):
    id: int
    sales_order_id: int
    picked_date: datetime | None = None
    status: FulfillmentStatus | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None
    tracking_carrier: str | None = None
    tracking_method: str | None = None
    sales_order_fulfillment_rows: list[FulfillmentRow] | None = None


class SalesOrderFulfillmentListResponse(Schema):
    data: list[SalesOrderFulfillment]


class FulfillmentRowRequest(RequestSchema):
    sales_order_row_id: Id
    quantity: Quantity


class TrackingFields(RequestSchema):
    picked_date: datetime | None = None
    tracking_number: str | None = Field(None, max_length=256)
    tracking_url: str | None = Field(None, max_length=2048)
    tracking_carrier: str | None = None
    tracking_method: str | None = None


class CreateSalesOrderFulfillmentRequest(TrackingFields):
    sales_order_id: Id
    status: FulfillmentStatus
    sales_order_fulfillment_rows: list[FulfillmentRowRequest] = Field(min_length=1)


class UpdateSalesOrderFulfillmentRequest(TrackingFields):
    status: FulfillmentStatus | None = None


# --- rerank -------------------------------------------------------------------------------


class RerankPlace(RequestSchema):
    """Exactly one of the three (Katana: minProperties = maxProperties = 1)."""

    after_id: Id | None = None
    position: Literal["top", "bottom"] | None = None
    before_id: Id | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_property(cls, data: Any) -> Any:
        if isinstance(data, dict) and len(data) > 1:
            raise PydanticCustomError("maxProperties", "should NOT have more than 1 properties")
        if isinstance(data, dict) and not data:
            raise PydanticCustomError("minProperties", "should NOT have fewer than 1 properties")
        return data


class RerankSalesOrderRequest(RequestSchema):
    order_ids: list[Id] = Field(min_length=1, max_length=250)
    place: RerankPlace


# --- search -------------------------------------------------------------------------------


class SalesOrderSearchRequest(RequestSchema):
    """`filter` is checked field by field by the search translator (unknown fields → 422)."""

    filter: dict[str, Any] | None = None
    order: str | list[str] | None = None
    limit: int | None = Field(None, ge=0, le=200)
    page: int | None = Field(None, ge=1)


# --- our extension: why a row has its status, and what making it lacks ----------------------


class ExplanationTake(Schema):
    """An earlier-served demand that took what this row lacked."""

    demand_id: str
    demand: str
    supply_id: str | None = None
    supply: str
    quantity: float
    available_date: datetime | None = None


class ExplanationPiece(Schema):
    """One piece of this row's own coverage: from stock (supply_id null) or a supply."""

    supply_id: str | None = None
    supply: str
    quantity: float
    available_date: datetime | None = None


class SalesOrderRowExplanation(Schema):
    sales_order_row_id: int
    sales_order_id: int
    order_no: str
    variant_id: int
    location_id: int
    planned: bool
    quantity: float
    product_availability: str | None = None
    product_expected_date: datetime | None = None
    position: int | None = None
    sentences: list[str]
    takes: list[ExplanationTake]
    covered_by: list[ExplanationPiece]
    missing: float


class MissingMaterial(Schema):
    sales_order_row_id: int
    variant_id: int
    sku: str | None = None
    name: str
    required: float
    in_stock: float
    expected: float
    missing: float
    ingredient_availability: str
    ingredient_expected_date: datetime | None = None
    default_supplier_id: int | None = None
    can_be_made: bool


class MissingMaterialListResponse(Schema):
    data: list[MissingMaterial]
