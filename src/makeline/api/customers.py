"""/customers and /customer_addresses (Katana has no GET /customers/{id}: filter by ids)."""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import (
    blank,
    changes_of,
    get_or_404,
    located,
    new_router,
    no_content,
    referenced,
)
from makeline.api.contacts_wire import customer_address_out, customer_out, customers
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.schemas.contacts import (
    CreateCustomerAddressRequest,
    CreateCustomerRequest,
    Customer,
    CustomerAddress,
    CustomerAddressListResponse,
    CustomerListResponse,
    UpdateCustomerAddressRequest,
    UpdateCustomerRequest,
)
from makeline.catalog import contacts
from makeline.catalog.models import Customer as CustomerRow
from makeline.catalog.models import CustomerAddress as AddressRow
from makeline.common.unit_of_work import unit_of_work

router = new_router("Customer")
address_router = new_router("Customer address")

_CUSTOMER_TEXT = ("name", "email", "first_name", "last_name", "company", "phone", "category")
_ADDRESS_TEXT = ("company", "first_name", "last_name", "line_1", "line_2", "city", "state")
_ADDRESS_TEXT_MORE = ("zip", "country", "phone")


class CustomerFilters(ListParams):
    name: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    phone: str | None = None
    category: str | None = None
    currency: str | None = None
    reference_id: str | None = None


class AddressFilters(ListParams):
    entity_type: Literal["billing", "shipping"] | None = None
    customer_ids: list[int] | None = None
    company: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    line_1: str | None = None
    line_2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    phone: str | None = None


@router.get("/customers", response=CustomerListResponse, operation_id="getAllCustomers")
def list_customers(
    request: HttpRequest, response: HttpResponse, filters: Query[CustomerFilters]
) -> dict[str, Any]:
    lookups = {name: name for name in (*_CUSTOMER_TEXT, "currency", "reference_id")}
    queryset = matching(customers(), filters, lookups)
    return {"data": [customer_out(c) for c in paginate(queryset, filters, response)]}


@router.post("/customers", response=Customer, operation_id="createCustomer")
def create_customer(request: HttpRequest, payload: CreateCustomerRequest) -> dict[str, Any]:
    details = _blanks(changes_of(payload))
    details.pop("name", None)
    addresses = details.pop("addresses", None) or []
    with unit_of_work():
        customer = contacts.create_customer(name=payload.name, **details)
        for n, address in enumerate(addresses):
            kind = address.pop("entity_type")
            with located(f"addresses[{n}]"):
                contacts.add_customer_address(
                    customer=customer, entity_type=kind, fields=_blanks(address)
                )
    return customer_out(get_or_404(customers(), customer.pk))


@router.patch("/customers/{int:id}", response=Customer, operation_id="updateCustomer")
def update_customer(
    request: HttpRequest, id: int, payload: UpdateCustomerRequest
) -> dict[str, Any]:
    customer = get_or_404(customers().filter(deleted_at__isnull=True), id)
    contacts.update_customer(customer=customer, changes=_blanks(changes_of(payload)))
    return customer_out(get_or_404(customers(), id))


@router.delete("/customers/{int:id}", response={204: None}, operation_id="deleteCustomer")
def delete_customer(request: HttpRequest, id: int) -> Status[None]:
    contacts.delete_customer(customer=get_or_404(customers().filter(deleted_at__isnull=True), id))
    return no_content()


# --- addresses ----------------------------------------------------------------------------


@address_router.get(
    "/customer_addresses",
    response=CustomerAddressListResponse,
    operation_id="getAllCustomerAddresses",
)
def list_addresses(
    request: HttpRequest, response: HttpResponse, filters: Query[AddressFilters]
) -> dict[str, Any]:
    lookups = {name: name for name in ("entity_type", *_ADDRESS_TEXT, *_ADDRESS_TEXT_MORE)}
    queryset = matching(
        AddressRow.objects.all(), filters, lookups | {"customer_ids": "customer_id__in"}
    )
    return {"data": [customer_address_out(a) for a in paginate(queryset, filters, response)]}


@address_router.post(
    "/customer_addresses", response=CustomerAddress, operation_id="createCustomerAddress"
)
def create_address(request: HttpRequest, payload: CreateCustomerAddressRequest) -> dict[str, Any]:
    live = CustomerRow.objects.filter(deleted_at__isnull=True)
    customer = referenced(live, payload.customer_id, field="customer_id")
    fields = _blanks(changes_of(payload))
    for key in ("customer_id", "entity_type", "default"):
        fields.pop(key, None)
    address = contacts.add_customer_address(
        customer=customer,
        entity_type=payload.entity_type,
        fields=fields,
        default=bool(payload.default),
    )
    return customer_address_out(address)


@address_router.patch(
    "/customer_addresses/{int:id}", response=CustomerAddress, operation_id="updateCustomerAddress"
)
def update_address(
    request: HttpRequest, id: int, payload: UpdateCustomerAddressRequest
) -> dict[str, Any]:
    address = get_or_404(AddressRow.objects.select_related("customer"), id)
    fields = _blanks(changes_of(payload))
    default = fields.pop("default", None)
    address = contacts.update_customer_address(address=address, fields=fields, default=default)
    return customer_address_out(address)


@address_router.delete(
    "/customer_addresses/{int:id}", response={204: None}, operation_id="deleteCustomerAddress"
)
def delete_address(request: HttpRequest, id: int) -> Status[None]:
    contacts.delete_customer_address(address=get_or_404(AddressRow.objects.all(), id))
    return no_content()


def _blanks(sent: dict[str, Any]) -> dict[str, Any]:
    """Katana's nulls in text fields as our empty strings; a null currency keeps the old one."""
    kept = {k: v for k, v in sent.items() if not (k == "currency" and v is None)}
    return {
        key: blank(value) if value is None and key != "discount_rate" else value
        for key, value in kept.items()
    }
