"""Products, materials, services and variants (Katana's Product, Material, Service, Variant)."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from makeline.api.schemas.base import (
    Deletable,
    Id,
    LeadTime,
    Price,
    Quantity,
    RequestSchema,
    Uom,
)
from makeline.api.schemas.contacts import Supplier

VariantType = Literal["product", "material", "service"]

# --- responses ----------------------------------------------------------------------------


class ConfigAttribute(Schema):
    config_name: str
    config_value: str


class ItemConfig(Schema):
    id: int
    name: str
    values: list[str]
    product_id: int | None = None
    material_id: int | None = None


class Variant(Deletable):
    id: int
    sku: str | None
    sales_price: float | None = None
    product_id: int | None = None
    material_id: int | None = None
    purchase_price: float | None = None
    type: VariantType | None = None
    internal_barcode: str | None = None
    registered_barcode: str | None = None
    supplier_item_codes: list[str] | None = None
    lead_time: int | None = None
    minimum_order_quantity: float | None = None
    config_attributes: list[ConfigAttribute] | None = None


class ItemBase(Deletable):
    id: int
    name: str
    uom: str | None = None
    category_name: str | None = None
    is_sellable: bool | None = None
    default_supplier_id: int | None = None
    additional_info: str | None = None
    batch_tracked: bool | None = None
    serial_tracked: bool | None = None
    operations_in_sequence: bool | None = None
    purchase_uom: str | None = None
    purchase_uom_conversion_rate: str | None = None
    custom_field_collection_id: int | None = None
    variants: list[Variant] | None = None
    configs: list[ItemConfig] | None = None
    supplier: Supplier | None = None
    archived_at: datetime | None = None


class Product(ItemBase):
    type: Literal["product"]
    is_producible: bool | None = None
    is_purchasable: bool | None = None
    is_auto_assembly: bool | None = None


class Material(ItemBase):
    type: Literal["material"]


class VariantResponse(Variant):
    """GET /variants/{id}: a variant, with its product or material when extended."""

    sku: str | None = None
    product_or_material: Product | Material | None = None


class ServiceVariant(Deletable):
    id: int
    sku: str | None
    sales_price: float | None = None
    default_cost: float | None = None
    service_id: int
    type: Literal["service"] | None = None


class Service(Deletable):
    id: int
    name: str | None = None
    uom: str | None = None
    category_name: str | None = None
    is_sellable: bool | None = None
    type: Literal["service"] | None = None
    additional_info: str | None = None
    custom_field_collection_id: int | None = None
    variants: list[ServiceVariant] | None = None
    archived_at: datetime | None = None


class ProductListResponse(Schema):
    data: list[Product]


class MaterialListResponse(Schema):
    data: list[Material]


class ServiceListResponse(Schema):
    data: list[Service]


class VariantListResponse(Schema):
    data: list[VariantResponse]


# --- requests -----------------------------------------------------------------------------


class ConfigAttributeRequest(RequestSchema):
    config_name: str
    config_value: str


class ConfigRequest(RequestSchema):
    name: str
    values: list[str]


class VariantFields(RequestSchema):
    sku: str | None = None
    purchase_price: Price | None = None
    lead_time: LeadTime | None = None
    minimum_order_quantity: Quantity | None = None
    config_attributes: list[ConfigAttributeRequest] | None = None


class CreateMaterialVariantRequest(VariantFields):
    """A variant inside POST /materials (Katana refuses sales_price here)."""


class CreateProductVariantRequest(VariantFields):
    sales_price: Price | None = None


class CreateVariantRequest(CreateProductVariantRequest):
    product_id: Id | None = None
    material_id: Id | None = None


class UpdateVariantRequest(CreateProductVariantRequest):
    pass


class ItemFields(RequestSchema):
    uom: Uom | None = None
    category_name: str | None = None
    is_sellable: bool | None = None
    default_supplier_id: Id | None = None
    additional_info: str | None = None
    purchase_uom: Uom | None = None
    purchase_uom_conversion_rate: Decimal | None = Field(None, gt=0, le=1_000_000_000_000)


class ProductFields(ItemFields):
    is_producible: bool | None = None
    is_purchasable: bool | None = None


class CreateProductRequest(ProductFields):
    name: str
    configs: list[ConfigRequest] | None = Field(None, min_length=1)
    variants: list[CreateProductVariantRequest] = Field(min_length=1)


class UpdateProductRequest(ProductFields):
    name: str | None = None
    is_archived: bool | None = None


class CreateMaterialRequest(ItemFields):
    name: str
    configs: list[ConfigRequest] | None = Field(None, min_length=1)
    variants: list[CreateMaterialVariantRequest] = Field(min_length=1)


class UpdateMaterialRequest(ItemFields):
    name: str | None = None
    is_archived: bool | None = None


class CreateServiceVariantRequest(RequestSchema):
    sku: str | None = None
    sales_price: Price | None = None
    default_cost: Price | None = None


class CreateServiceRequest(RequestSchema):
    name: str
    uom: Uom | None = None
    category_name: str | None = None
    additional_info: str | None = None
    is_sellable: bool | None = None
    variants: list[CreateServiceVariantRequest] = Field(min_length=1, max_length=1)


class UpdateServiceRequest(RequestSchema):
    name: str | None = None
    uom: Uom | None = None
    category_name: str | None = None
    additional_info: str | None = None
    is_sellable: bool | None = None
    is_archived: bool | None = None
    sales_price: Price | None = None
    default_cost: Price | None = None
    sku: str | None = None
