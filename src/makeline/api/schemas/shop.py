"""The shop itself: locations, tax rates, the factory settings, users."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from makeline.api.schemas.base import Deletable, RequestSchema, Timestamps


class Location(Deletable):
    id: int
    name: str
    legal_name: str | None = None
    address_id: int | None = None
    address: dict[str, str | int] | None = None
    is_primary: bool | None = None
    sales_allowed: bool | None = None
    purchase_allowed: bool | None = None
    manufacturing_allowed: bool | None = None


class LocationListResponse(Schema):
    data: list[Location]


class CreateLocationRequest(RequestSchema):
    """Makeline extension: Katana has no write endpoint for locations."""

    name: str
    legal_name: str | None = None
    sales_allowed: bool | None = None
    purchase_allowed: bool | None = None
    manufacturing_allowed: bool | None = None


class UpdateLocationRequest(RequestSchema):
    """Makeline extension: Katana has no write endpoint for locations."""

    name: str | None = None
    legal_name: str | None = None
    sales_allowed: bool | None = None
    purchase_allowed: bool | None = None
    manufacturing_allowed: bool | None = None


class TaxRate(Timestamps):
    id: int
    name: str | None = None
    rate: float | None = None
    is_default_sales: bool | None = None
    is_default_purchases: bool | None = None
    display_name: str | None = None


class TaxRateListResponse(Schema):
    data: list[TaxRate]


class CreateTaxRateRequest(RequestSchema):
    name: str | None = None
    rate: Decimal = Field(ge=0, max_digits=6, decimal_places=3)  # 0 … 999.999, steps of 0.001


class Factory(Schema):
    name: str | None = None
    address: str | None = None
    currency: str | None = None
    timezone: str | None = None
    legal_name: str | None = None
    display_name: str
    base_currency_code: str
    default_so_delivery_time: str | None = None
    default_po_lead_time: str | None = None
    default_manufacturing_location_id: int | None = None
    default_purchases_location_id: int | None = None
    default_sales_location_id: int | None = None
    inventory_closing_date: datetime | None = None


class UserInfo(Schema):
    id: int
    firstName: str  # noqa: N815 - Katana's wire name
    lastName: str  # noqa: N815
    email: str


class User(UserInfo, Timestamps):
    role: str | None = None
    status: str | None = None
    last_login_at: datetime | None = None


class UserListResponse(Schema):
    data: list[User]
