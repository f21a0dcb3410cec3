"""/sales_order_fulfillments: list, get, create (pack or deliver some rows), update (switch
PACKED ↔ DELIVERED, tracking, picked date) and delete (= revert: the stock comes back).

All through makeline.sales.fulfilment; the order's delivery status follows by itself.
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import changes_of, get_or_404, new_router, no_content, referenced
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.sales_wire import fulfillment_out, fulfillments
from makeline.api.schemas.fulfillments import (
    CreateSalesOrderFulfillmentRequest,
    FulfillmentStatus,
    SalesOrderFulfillment,
    SalesOrderFulfillmentListResponse,
    UpdateSalesOrderFulfillmentRequest,
)
from makeline.common.errors import DomainError
from makeline.sales import fulfilment
from makeline.sales.enums import FulfillmentStatus as Status_
from makeline.sales.models import SalesOrder, SalesOrderRow

router = new_router("Sales order fulfillment")

_TRACKING = ("tracking_number", "tracking_url", "tracking_carrier", "tracking_method")


class FulfillmentFilters(ListParams):
    sales_order_id: int | None = None
    status: FulfillmentStatus | None = None
    invoice_status: str | None = None  # accepted, ignored: we do not invoice
    tracking_carrier: str | None = None
    tracking_method: str | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None
    picked_date_min: datetime | None = None


@router.get(
    "/sales_order_fulfillments",
    response=SalesOrderFulfillmentListResponse,
    operation_id="getAllSalesOrderFulfillments",
)
def list_fulfillments(
    request: HttpRequest, response: HttpResponse, filters: Query[FulfillmentFilters]
) -> dict[str, Any]:
    lookups = {name: name for name in ("sales_order_id", "status", *_TRACKING)}
    lookups["picked_date_min"] = "picked_date__gte"
    queryset = matching(fulfillments(), filters, lookups)
    return {"data": [fulfillment_out(x) for x in paginate(queryset, filters, response)]}


@router.get(
    "/sales_order_fulfillments/{int:id}",
    response=SalesOrderFulfillment,
    operation_id="getSalesOrderFulfillment",
)
def get_fulfillment(request: HttpRequest, id: int) -> dict[str, Any]:
    return fulfillment_out(get_or_404(fulfillments(), id))


@router.post(
    "/sales_order_fulfillments",
    response=SalesOrderFulfillment,
    operation_id="createSalesOrderFulfillment",
)
def create_fulfillment(
    request: HttpRequest, payload: CreateSalesOrderFulfillmentRequest
) -> dict[str, Any]:
    order = referenced(SalesOrder.objects.all(), payload.sales_order_id, field="sales_order_id")
    its_rows = SalesOrderRow.objects.filter(sales_order=order).select_related("variant__item")
    lines = [
        (
            referenced(
                its_rows,
                line.sales_order_row_id,
                field=f"sales_order_fulfillment_rows[{n}].sales_order_row_id",
            ),
            line.quantity,
        )
        for n, line in enumerate(payload.sales_order_fulfillment_rows)
    ]
    tracking = {key: getattr(payload, key) or "" for key in _TRACKING}
    made = fulfilment.fulfil(
        order=order,
        status=Status_(payload.status),
        rows=lines,
        picked_date=payload.picked_date,
        **tracking,
    )
    return fulfillment_out(get_or_404(fulfillments(), made.pk))


@router.patch(
    "/sales_order_fulfillments/{int:id}",
    response=SalesOrderFulfillment,
    operation_id="updateSalesOrderFulfillment",
)
def update_fulfillment(
    request: HttpRequest, id: int, payload: UpdateSalesOrderFulfillmentRequest
) -> dict[str, Any]:
    found = get_or_404(fulfillments().select_related("sales_order"), id)
    sent = changes_of(payload)
    for key in ("status", "picked_date"):
        if key in sent and sent[key] is None:
            raise DomainError(f"{key} cannot be null", field=key)
    status = sent.pop("status", None)
    fulfilment.update_fulfillment(
        fulfillment=found,
        status=Status_(status) if status else None,
        picked_date=sent.pop("picked_date", None),
        **{key: value or "" for key, value in sent.items()},
    )
    return fulfillment_out(get_or_404(fulfillments(), id))


@router.delete(
    "/sales_order_fulfillments/{int:id}",
    response={204: None},
    operation_id="deleteSalesOrderFulfillment",
)
def delete_fulfillment(request: HttpRequest, id: int) -> Status[None]:
    found = get_or_404(fulfillments().select_related("sales_order"), id)
    fulfilment.delete_fulfillment(fulfillment=found)
    return no_content()
