"""/purchase_orders (regular ones): list, get, create with rows, update, delete.

A status PATCH is purchasing's `set_status`: RECEIVED receives every row, NOT_RECEIVED
confirms a draft or reverts a received order, DRAFT sets a not-received order back. A
delete that received stock blocks answers Katana's 412, in its wrapped body.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import (
    changes_of,
    get_or_404,
    located,
    new_router,
    no_content,
    number,
    referenced,
)
from makeline.api.contacts_wire import supplier_out
from makeline.api.manufacturing_wire import renamed_fields
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.purchasing_wire import row_out, row_spec
from makeline.api.schemas.base import ErrorResponse
from makeline.api.schemas.purchasing import (
    CreatePurchaseOrderRequest,
    PoStatus,
    PurchaseOrder,
    PurchaseOrderListResponse,
    UpdatePurchaseOrderRequest,
)
from makeline.catalog.models import Location, Supplier
from makeline.common.errors import Conflict, DomainError, InvalidTransition
from makeline.common.unit_of_work import unit_of_work
from makeline.purchasing import selectors, services
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder as PurchaseOrderModel

router = new_router("Purchase order")
P = PurchaseOrderStatus


class PurchaseOrderFilters(ListParams):
    order_no: str | None = None
    entity_type: str | None = None
    status: PoStatus | None = None
    currency: str | None = None
    location_id: int | None = None
    supplier_id: int | None = None
    tracking_location_id: int | None = None
    extend: list[str] | None = None


@router.get(
    "/purchase_orders", response=PurchaseOrderListResponse, operation_id="findPurchaseOrders"
)
def list_purchase_orders(
    request: HttpRequest, response: HttpResponse, filters: Query[PurchaseOrderFilters]
) -> dict[str, Any]:
    lookups = {
        "order_no": "order_no",
        "entity_type": "entity_type",
        "status": "status",
        "currency": "currency",
        "location_id": "location_id",
        "supplier_id": "supplier_id",
    }
    queryset = matching(_orders(), filters, lookups)
    if filters.tracking_location_id is not None:  # only outsourced orders have one
        queryset = queryset.none()
    with_supplier = "supplier" in (filters.extend or [])
    return {"data": order_page(paginate(queryset, filters, response), with_supplier=with_supplier)}


@router.get("/purchase_orders/{int:id}", response=PurchaseOrder, operation_id="getPurchaseOrder")
def get_purchase_order(
    request: HttpRequest, id: int, extend: Query[list[str] | None] = None
) -> dict[str, Any]:
    order = get_or_404(_orders(), id)
    return order_page([order], with_supplier="supplier" in (extend or []))[0]


@router.post("/purchase_orders", response=PurchaseOrder, operation_id="createPurchaseOrder")
def create_purchase_order(
    request: HttpRequest, payload: CreatePurchaseOrderRequest
) -> dict[str, Any]:
    if payload.entity_type == "outsourced" or payload.tracking_location_id is not None:
        raise DomainError("outsourced purchase orders are not supported", field="entity_type")
    rows = []
    for n, row in enumerate(payload.purchase_order_rows):
        with located(f"purchase_order_rows[{n}]"):
            rows.append(row_spec(row))
    order = services.create_purchase_order(
        supplier=_supplier(payload.supplier_id),
        location=_location(payload.location_id),
        rows=rows,
        status=P(payload.status or P.NOT_RECEIVED),
        order_no=payload.order_no,
        order_created_date=payload.order_created_date,
        expected_arrival_date=payload.expected_arrival_date,
        currency=payload.currency,
        additional_info=payload.additional_info or "",
    )
    return order_out(order.pk)


@router.patch(
    "/purchase_orders/{int:id}", response=PurchaseOrder, operation_id="updatePurchaseOrder"
)
def update_purchase_order(
    request: HttpRequest, id: int, payload: UpdatePurchaseOrderRequest
) -> dict[str, Any]:
    order = get_or_404(PurchaseOrderModel.objects.all(), id)
    changes = changes_of(payload)
    status = changes.pop("status", None)
    if status == P.NOT_RECEIVED and order.status == P.PARTIALLY_RECEIVED:
        # Katana: reverting receipts is only for a fully received order.
        raise InvalidTransition(
            f"purchase order {order.order_no} is partially received; receive the rest or "
            "delete the unreceived rows before reverting it to not received",
            field="status",
        )
    changes = _header_changes(changes)
    with unit_of_work(), renamed_fields({"supplier": "supplier_id", "location": "location_id"}):
        if changes:
            order = services.update_order(order=order, changes=changes)
        if status is not None:
            order = services.set_status(order=order, status=status)
    return order_out(order.pk)


@router.delete(
    "/purchase_orders/{int:id}",
    response={204: None, 412: dict[str, ErrorResponse]},
    operation_id="deletePurchaseOrder",
)
def delete_purchase_order(request: HttpRequest, id: int) -> Status[Any]:
    order = get_or_404(PurchaseOrderModel.objects.all(), id)
    try:
        services.delete_order(order=order)
    except Conflict as refused:
        # Katana answers a delete blocked by received stock with 412, wrapped in "error".
        body = {"statusCode": 412, "name": "PreconditionFailedError", "message": refused.message}
        return Status(412, {"error": body})
    return no_content()


# --- wire ---------------------------------------------------------------------------------


def _orders() -> QuerySet[PurchaseOrderModel]:
    return PurchaseOrderModel.objects.select_related("supplier").prefetch_related(
        "rows", "supplier__addresses"
    )


def order_out(pk: int) -> dict[str, Any]:
    return order_page([get_or_404(_orders(), pk)], with_supplier=False)[0]


def order_page(orders: list[PurchaseOrderModel], *, with_supplier: bool) -> list[dict[str, Any]]:
    totals = selectors.order_totals_many(orders)
    return [_order(order, totals[order.pk], with_supplier=with_supplier) for order in orders]


def _order(
    order: PurchaseOrderModel, totals: selectors.OrderTotals, *, with_supplier: bool
) -> dict[str, Any]:
    out = {
        "id": order.pk,
        "status": order.status,
        "order_no": order.order_no,
        "entity_type": "regular",
        "supplier_id": order.supplier_id,
        "currency": order.currency,
        "expected_arrival_date": order.expected_arrival_date,
        "order_created_date": order.order_created_date,
        "additional_info": order.additional_info,
        "location_id": order.location_id,
        "tracking_location_id": None,
        "total": number(totals.total),
        "total_in_base_currency": number(totals.total),
        "billing_status": "NOT_BILLED",
        "last_document_status": "NOT_SENT",
        "purchase_order_rows": [row_out(row, order) for row in order.rows.all()],
        "created_at": order.created_at,
        "updated_at": order.updated_at,
        "deleted_at": None,
    }
    if with_supplier:
        out["supplier"] = supplier_out(order.supplier)
    return out


def _supplier(pk: int) -> Supplier:
    return referenced(Supplier.objects.all(), pk, field="supplier_id")


def _location(pk: int) -> Location:
    return referenced(Location.objects.all(), pk, field="location_id")


def _header_changes(sent: dict[str, Any]) -> dict[str, Any]:
    changes = dict(sent)
    if changes.pop("tracking_location_id", None) is not None:
        raise DomainError(
            "outsourced purchase orders are not supported", field="tracking_location_id"
        )
    if "supplier_id" in changes:
        changes["supplier"] = _supplier(changes.pop("supplier_id"))
    if "location_id" in changes:
        changes["location"] = _location(changes.pop("location_id"))
    if "additional_info" in changes:
        changes["additional_info"] = changes["additional_info"] or ""
    for name in ("order_no", "currency"):
        if name in changes and changes[name] is None:
            raise DomainError(f"{name.replace('_', ' ')} cannot be empty", field=name)
    return changes
