"""The shop itself: /locations (with POST/PATCH as our extension), /tax_rates, /factory,
/users and /user_info."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from ninja import Query

from makeline.api.auth import key_of
from makeline.api.common import changes_of, get_or_404, new_router, number, text
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.schemas.shop import (
    CreateLocationRequest,
    CreateTaxRateRequest,
    Factory,
    Location,
    LocationListResponse,
    TaxRate,
    TaxRateListResponse,
    UpdateLocationRequest,
    UserInfo,
    UserListResponse,
)
from makeline.catalog import contacts
from makeline.catalog.models import Location as LocationRow
from makeline.catalog.models import TaxRate as TaxRateRow
from makeline.common.errors import DomainError

router = new_router("Location")
tax_router = new_router("Tax rate")
factory_router = new_router("Factory")
user_router = new_router("User")

# Columns that cannot be empty: a JSON null for them is the client's mistake (422), not a
# database error (the fuzzer found POST /locations with "purchase_allowed": null → 500).
_LOCATION_NOT_NULL = ("name", "sales_allowed", "purchase_allowed", "manufacturing_allowed")


class LocationFilters(ListParams):
    is_primary: bool | None = None
    name: str | None = None
    legal_name: str | None = None
    sales_allowed: bool | None = None
    manufacturing_allowed: bool | None = None
    purchases_allowed: bool | None = None


class TaxRateFilters(ListParams):
    rate: float | None = None
    name: str | None = None
    is_default_sales: bool | None = None
    is_default_purchases: bool | None = None


# --- locations ----------------------------------------------------------------------------


@router.get("/locations", response=LocationListResponse, operation_id="getAllLocations")
def list_locations(
    request: HttpRequest, response: HttpResponse, filters: Query[LocationFilters]
) -> dict[str, Any]:
    lookups = {
        name: name
        for name in ("is_primary", "name", "legal_name", "sales_allowed", "manufacturing_allowed")
    }
    queryset = matching(LocationRow.objects.all(), filters, lookups)
    queryset = matching(queryset, filters, {"purchases_allowed": "purchase_allowed"})
    return {"data": [location_out(loc) for loc in paginate(queryset, filters, response)]}


@router.get("/locations/{int:id}", response=Location, operation_id="getLocation")
def get_location(request: HttpRequest, id: int) -> dict[str, Any]:
    return location_out(get_or_404(LocationRow.objects.filter(deleted_at__isnull=True), id))


@router.post("/locations", response=Location, operation_id="createLocation")
def create_location(request: HttpRequest, payload: CreateLocationRequest) -> dict[str, Any]:
    """Makeline extension: Katana's API cannot create locations."""
    fields = _location_changes(payload)
    fields["legal_name"] = fields.get("legal_name") or ""
    return location_out(contacts.create_location(**fields))


@router.patch("/locations/{int:id}", response=Location, operation_id="updateLocation")
def update_location(
    request: HttpRequest, id: int, payload: UpdateLocationRequest
) -> dict[str, Any]:
    """Makeline extension: Katana's API cannot change locations."""
    location = get_or_404(LocationRow.objects.filter(deleted_at__isnull=True), id)
    changes = _location_changes(payload)
    if "legal_name" in changes:
        changes["legal_name"] = changes["legal_name"] or ""
    return location_out(contacts.update_location(location=location, changes=changes))


def _location_changes(payload: CreateLocationRequest | UpdateLocationRequest) -> dict[str, Any]:
    changes = changes_of(payload)
    for key in _LOCATION_NOT_NULL:
        if key in changes and changes[key] is None:
            raise DomainError(f"{key} cannot be null", field=key)
    return changes


def location_out(location: LocationRow) -> dict[str, Any]:
    return {
        "id": location.pk,
        "name": location.name,
        "legal_name": text(location.legal_name),
        "address_id": None,  # our address is free text, not a Katana address object
        "address": None,
        "is_primary": location.is_primary,
        "sales_allowed": location.sales_allowed,
        "purchase_allowed": location.purchase_allowed,
        "manufacturing_allowed": location.manufacturing_allowed,
        "created_at": location.created_at,
        "updated_at": location.updated_at,
        "deleted_at": location.deleted_at,
    }


# --- tax rates ----------------------------------------------------------------------------


@tax_router.get("/tax_rates", response=TaxRateListResponse, operation_id="getAllTaxRates")
def list_tax_rates(
    request: HttpRequest, response: HttpResponse, filters: Query[TaxRateFilters]
) -> dict[str, Any]:
    lookups = {name: name for name in ("rate", "name", "is_default_sales", "is_default_purchases")}
    queryset = matching(TaxRateRow.objects.all(), filters, lookups)
    return {"data": [tax_rate_out(rate) for rate in paginate(queryset, filters, response)]}


@tax_router.post("/tax_rates", response=TaxRate, operation_id="createTaxRate")
def create_tax_rate(request: HttpRequest, payload: CreateTaxRateRequest) -> dict[str, Any]:
    # Katana names an unnamed rate after its percentage.
    name = payload.name or f"{payload.rate.normalize():f}%"
    return tax_rate_out(contacts.create_tax_rate(name=name, rate=payload.rate))


def tax_rate_out(rate: TaxRateRow) -> dict[str, Any]:
    return {
        "id": rate.pk,
        "name": rate.name,
        "rate": number(rate.rate),
        "is_default_sales": rate.is_default_sales,
        "is_default_purchases": rate.is_default_purchases,
        "display_name": f"{rate.name} ({rate.rate.normalize():f}%)",
        "created_at": rate.created_at,
        "updated_at": rate.updated_at,
    }


# --- factory and users --------------------------------------------------------------------


@factory_router.get("/factory", response=Factory, operation_id="getFactory")
def get_factory(request: HttpRequest) -> dict[str, Any]:
    shop = contacts.ensure_shop()
    primary = LocationRow.objects.filter(is_primary=True, deleted_at__isnull=True).first()
    out: dict[str, Any] = {
        "name": shop.name,
        "display_name": shop.name,
        "legal_name": shop.legal_name,
        "address": text(shop.address),
        "currency": shop.currency,
        "base_currency_code": shop.currency,
        "timezone": settings.TIME_ZONE,
        # Katana sends these as opaque short strings; ours are numbers of days.
        "default_so_delivery_time": str(shop.default_so_delivery_days),
        "default_po_lead_time": str(shop.default_po_lead_days),
        "inventory_closing_date": None,
    }
    if primary is not None:
        for use in ("manufacturing", "purchases", "sales"):
            out[f"default_{use}_location_id"] = primary.pk
    return out


@user_router.get("/users", response=UserListResponse, operation_id="getAllUsers")
def list_users(
    request: HttpRequest, response: HttpResponse, filters: Query[ListParams]
) -> dict[str, Any]:
    # Django's users have no updated_at column, so updated_at_min/max do not filter.
    page = paginate(User.objects.all(), filters, response, created="date_joined", updated=None)
    return {"data": [user_out(user) for user in page]}


@user_router.get("/user_info", response=UserInfo, operation_id="getUserInfo")
def get_user_info(request: HttpRequest) -> dict[str, Any]:
    user = key_of(request).user
    return {
        "id": user.pk,
        "firstName": user.first_name,
        "lastName": user.last_name,
        "email": user.email,
    }


def user_out(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "firstName": user.first_name,
        "lastName": user.last_name,
        "email": user.email,
        "role": "admin" if user.is_superuser else "user",
        "status": "active" if user.is_active else "inactive",
        "last_login_at": user.last_login,
        "created_at": user.date_joined,
    }
