"""/sales_order_rows (list, get, create, update, delete) and /sales_order_addresses.

Row edits and deletes go through the make-to-order-aware wrappers, so a linked MO follows
the row's quantity (or is unlinked once started) and goes with a deleted row.
"""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import changes_of, get_or_404, new_router, no_content, referenced
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.sales_orders import check_row_location
from makeline.api.sales_wire import address_out, rows_out, sales_rows
from makeline.api.schemas.sales import (
    CreateSalesOrderAddressRequest,
    CreateSalesOrderRowRequest,
    ProductAvailability,
    SalesOrderAddress,
    SalesOrderAddressListResponse,
    SalesOrderRow,
    SalesOrderRowListResponse,
    UpdateSalesOrderAddressRequest,
    UpdateSalesOrderRowRequest,
)
from makeline.catalog.models import TaxRate, Variant
from makeline.common.errors import DomainError
from makeline.common.fields import ZERO
from makeline.planning import filters as planned
from makeline.production import make_to_order
from makeline.sales import addresses, services
from makeline.sales.models import SalesOrder
from makeline.sales.models import SalesOrderAddress as AddressModel
from makeline.sales.models import SalesOrderRow as RowModel
from makeline.sales.validation import ADDRESS_FIELDS, AddressSpec, RowSpec

router = new_router("Sales order row")
address_router = new_router("Sales order address")

_NOT_NULL = ("variant_id", "quantity", "price_per_unit", "total_discount")


class RowFilters(ListParams):
    variant_id: int | None = None
    sales_order_ids: list[int] | None = None
    location_id: int | None = None
    tax_rate_id: int | None = None
    linked_manufacturing_order_id: int | None = None
    product_availability: ProductAvailability | None = None
    extend: list[str] | None = None  # accepted, ignored: rows carry variant_id only


class AddressFilters(ListParams):
    entity_type: Literal["billing", "shipping"] | None = None
    sales_order_ids: list[int] | None = None
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


# --- rows ---------------------------------------------------------------------------------


@router.get(
    "/sales_order_rows", response=SalesOrderRowListResponse, operation_id="getAllSalesOrderRows"
)
def list_rows(
    request: HttpRequest, response: HttpResponse, filters: Query[RowFilters]
) -> dict[str, Any]:
    lookups = {
        "variant_id": "variant_id",
        "sales_order_ids": "sales_order_id__in",
        "location_id": "sales_order__location_id",
        "tax_rate_id": "tax_rate_id",
        "linked_manufacturing_order_id": "linked_manufacturing_order__id",
    }
    queryset = matching(sales_rows(), filters, lookups)
    if filters.product_availability:
        queryset = queryset.filter(
            planned.sales_rows_with_product_availability(filters.product_availability)
        )
    return {"data": rows_out(paginate(queryset, filters, response))}


@router.get("/sales_order_rows/{int:id}", response=SalesOrderRow, operation_id="getSalesOrderRow")
def get_row(request: HttpRequest, id: int) -> dict[str, Any]:
    return rows_out([get_or_404(sales_rows(), id)])[0]


@router.post("/sales_order_rows", response=SalesOrderRow, operation_id="createSalesOrderRow")
def create_row(request: HttpRequest, payload: CreateSalesOrderRowRequest) -> dict[str, Any]:
    order = referenced(
        SalesOrder.objects.select_related("location"),
        payload.sales_order_id,
        field="sales_order_id",
    )
    check_row_location(payload.location_id, order.location, field="location_id")
    changes = _row_changes(changes_of(payload))
    row = services.add_row(
        order=order,
        spec=RowSpec(
            variant=changes["variant"],
            quantity=payload.quantity,
            price_per_unit=payload.price_per_unit,
            total_discount=changes.get("total_discount") or ZERO,
            tax_rate=changes.get("tax_rate"),
            attributes=changes.get("attributes") or [],
        ),
    )
    return rows_out([get_or_404(sales_rows(), row.pk)])[0]


@router.patch(
    "/sales_order_rows/{int:id}", response=SalesOrderRow, operation_id="updateSalesOrderRow"
)
def update_row(
    request: HttpRequest, id: int, payload: UpdateSalesOrderRowRequest
) -> dict[str, Any]:
    row = get_or_404(RowModel.objects.select_related("sales_order__location"), id)
    sent = changes_of(payload)
    check_row_location(sent.pop("location_id", None), row.sales_order.location, field="location_id")
    make_to_order.update_sales_order_row(row=row, changes=_row_changes(sent))
    return rows_out([get_or_404(sales_rows(), id)])[0]


def _row_changes(sent: dict[str, Any]) -> dict[str, Any]:
    """The body's fields as the row services' changes (ids → objects)."""
    for key in _NOT_NULL:
        if key in sent and sent[key] is None:
            raise DomainError(f"{key} cannot be null", field=key)
    sent.pop("sales_order_id", None)
    sent.pop("location_id", None)
    if "variant_id" in sent:
        sent["variant"] = referenced(
            Variant.objects.select_related("item"), sent.pop("variant_id"), field="variant_id"
        )
    if "tax_rate_id" in sent:
        pk = sent.pop("tax_rate_id")
        sent["tax_rate"] = (
            None if pk is None else referenced(TaxRate.objects.all(), pk, field="tax_rate_id")
        )
    if sent.get("attributes") is None:
        sent.pop("attributes", None)
    return sent


@router.delete(
    "/sales_order_rows/{int:id}", response={204: None}, operation_id="deleteSalesOrderRow"
)
def delete_row(request: HttpRequest, id: int) -> Status[None]:
    make_to_order.delete_sales_order_row(row=get_or_404(RowModel.objects.all(), id))
    return no_content()


# --- addresses ----------------------------------------------------------------------------


@address_router.get(
    "/sales_order_addresses",
    response=SalesOrderAddressListResponse,
    operation_id="getAllSalesOrderAddresses",
)
def list_addresses(
    request: HttpRequest, response: HttpResponse, filters: Query[AddressFilters]
) -> dict[str, Any]:
    lookups = {name: name for name in ("entity_type", *ADDRESS_FIELDS)}
    lookups["sales_order_ids"] = "sales_order_id__in"
    queryset = matching(AddressModel.objects.all(), filters, lookups)
    return {"data": [address_out(a) for a in paginate(queryset, filters, response)]}


@address_router.post(
    "/sales_order_addresses", response=SalesOrderAddress, operation_id="createSalesOrderAddress"
)
def create_address(request: HttpRequest, payload: CreateSalesOrderAddressRequest) -> dict[str, Any]:
    order = referenced(SalesOrder.objects.all(), payload.sales_order_id, field="sales_order_id")
    fields = {k: v or "" for k, v in changes_of(payload).items() if k in ADDRESS_FIELDS}
    spec = AddressSpec(entity_type=payload.entity_type, **fields)
    return address_out(addresses.add_sales_order_address(order=order, spec=spec))


@address_router.patch(
    "/sales_order_addresses/{int:id}",
    response=SalesOrderAddress,
    operation_id="updateSalesOrderAddress",
)
def update_address(
    request: HttpRequest, id: int, payload: UpdateSalesOrderAddressRequest
) -> dict[str, Any]:
    address = get_or_404(AddressModel.objects.all(), id)
    fields = {k: v or "" for k, v in changes_of(payload).items()}
    return address_out(addresses.update_sales_order_address(address=address, fields=fields))


@address_router.delete(
    "/sales_order_addresses/{int:id}",
    response={204: None},
    operation_id="deleteSalesOrderAddress",
)
def delete_address(request: HttpRequest, id: int) -> Status[None]:
    addresses.delete_sales_order_address(address=get_or_404(AddressModel.objects.all(), id))
    return no_content()
