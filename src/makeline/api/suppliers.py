"""/suppliers and /supplier_addresses (Katana has no GET /suppliers/{id}: filter by ids)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import changes_of, get_or_404, located, new_router, no_content, referenced
from makeline.api.contacts_wire import supplier_address_out, supplier_out, suppliers
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.schemas.contacts import (
    CreateSupplierAddressRequest,
    CreateSupplierRequest,
    Supplier,
    SupplierAddress,
    SupplierAddressListResponse,
    SupplierListResponse,
    UpdateSupplierAddressRequest,
    UpdateSupplierRequest,
)
from makeline.catalog import contacts
from makeline.catalog.models import Supplier as SupplierRow
from makeline.catalog.models import SupplierAddress as AddressRow
from makeline.common.unit_of_work import unit_of_work

router = new_router("Supplier")
address_router = new_router("Supplier address")

_LINES = ("line_1", "line_2", "city", "state", "zip", "country")


class SupplierFilters(ListParams):
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class AddressFilters(ListParams):
    supplier_ids: list[int] | None = None
    line_1: str | None = None
    line_2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


@router.get("/suppliers", response=SupplierListResponse, operation_id="getAllSuppliers")
def list_suppliers(
    request: HttpRequest, response: HttpResponse, filters: Query[SupplierFilters]
) -> dict[str, Any]:
    queryset = matching(suppliers(), filters, {"name": "name", "email": "email", "phone": "phone"})
    return {"data": [supplier_out(s) for s in paginate(queryset, filters, response)]}


@router.post("/suppliers", response=Supplier, operation_id="createSupplier")
def create_supplier(request: HttpRequest, payload: CreateSupplierRequest) -> dict[str, Any]:
    details = _blanks(changes_of(payload))
    details.pop("name", None)
    addresses = details.pop("addresses", None) or []
    with unit_of_work():
        supplier = contacts.create_supplier(name=payload.name, **details)
        for n, address in enumerate(addresses):
            with located(f"addresses[{n}]"):
                contacts.add_supplier_address(supplier=supplier, fields=_blanks(address))
    return supplier_out(get_or_404(suppliers(), supplier.pk))


@router.patch("/suppliers/{int:id}", response=Supplier, operation_id="updateSupplier")
def update_supplier(
    request: HttpRequest, id: int, payload: UpdateSupplierRequest
) -> dict[str, Any]:
    supplier = get_or_404(suppliers().filter(deleted_at__isnull=True), id)
    contacts.update_supplier(supplier=supplier, changes=_blanks(changes_of(payload)))
    return supplier_out(get_or_404(suppliers(), id))


@router.delete("/suppliers/{int:id}", response={204: None}, operation_id="deleteSupplier")
def delete_supplier(request: HttpRequest, id: int) -> Status[None]:
    contacts.delete_supplier(supplier=get_or_404(suppliers().filter(deleted_at__isnull=True), id))
    return no_content()


# --- addresses ----------------------------------------------------------------------------


@address_router.get(
    "/supplier_addresses",
    response=SupplierAddressListResponse,
    operation_id="getSupplierAddresses",
)
def list_addresses(
    request: HttpRequest, response: HttpResponse, filters: Query[AddressFilters]
) -> dict[str, Any]:
    lookups = {name: name for name in _LINES} | {"supplier_ids": "supplier_id__in"}
    queryset = matching(AddressRow.objects.all(), filters, lookups)
    return {"data": [supplier_address_out(a) for a in paginate(queryset, filters, response)]}


@address_router.post(
    "/supplier_addresses", response=SupplierAddress, operation_id="createSupplierAddress"
)
def create_address(request: HttpRequest, payload: CreateSupplierAddressRequest) -> dict[str, Any]:
    live = SupplierRow.objects.filter(deleted_at__isnull=True)
    supplier = referenced(live, payload.supplier_id, field="supplier_id")
    fields = _blanks(changes_of(payload))
    fields.pop("supplier_id")
    return supplier_address_out(contacts.add_supplier_address(supplier=supplier, fields=fields))


@address_router.patch(
    "/supplier_addresses/{int:id}", response=SupplierAddress, operation_id="updateSupplierAddress"
)
def update_address(
    request: HttpRequest, id: int, payload: UpdateSupplierAddressRequest
) -> dict[str, Any]:
    address = get_or_404(AddressRow.objects.all(), id)
    fields = _blanks(changes_of(payload))
    return supplier_address_out(contacts.update_supplier_address(address=address, fields=fields))


@address_router.delete(
    "/supplier_addresses/{int:id}", response={204: None}, operation_id="deleteSupplierAddress"
)
def delete_address(request: HttpRequest, id: int) -> Status[None]:
    contacts.delete_supplier_address(address=get_or_404(AddressRow.objects.all(), id))
    return no_content()


def _blanks(sent: dict[str, Any]) -> dict[str, Any]:
    """Katana's nulls in text fields as our empty strings; a null currency keeps the old one."""
    kept = {k: v for k, v in sent.items() if not (k == "currency" and v is None)}
    return {key: "" if value is None else value for key, value in kept.items()}
