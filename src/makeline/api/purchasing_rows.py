"""/purchase_order_rows (list, get, create, update, delete) and /purchase_order_receive.

A received row is frozen (422); a partial receipt splits the row (purchasing's `receive`).
"""

from contextlib import nullcontext
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Body, Field, Query, Status
from ninja.errors import ValidationError
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from makeline.api.common import (
    changes_of,
    get_or_404,
    located,
    new_router,
    no_content,
    referenced,
)
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.purchasing_wire import row_out, row_spec, tax_rate, variant
from makeline.api.schemas.purchasing import (
    CreatePurchaseOrderRowRequest,
    PurchaseOrderReceiveRow,
    PurchaseOrderRow,
    PurchaseOrderRowListResponse,
    UpdatePurchaseOrderRowRequest,
)
from makeline.common.errors import DomainError
from makeline.purchasing import services
from makeline.purchasing.models import PurchaseOrder
from makeline.purchasing.models import PurchaseOrderRow as RowModel

router = new_router("Purchase order row")
receive_router = new_router("Purchase order")


class RowFilters(ListParams):
    purchase_order_id: int | None = None
    variant_id: int | None = None
    location_id: int | None = None
    tax_rate_id: int | None = None
    purchase_uom: str | None = None


@router.get(
    "/purchase_order_rows",
    response=PurchaseOrderRowListResponse,
    operation_id="getAllPurchaseOrderRows",
)
def list_rows(
    request: HttpRequest, response: HttpResponse, filters: Query[RowFilters]
) -> dict[str, Any]:
    lookups = {
        "purchase_order_id": "purchase_order_id",
        "variant_id": "variant_id",
        "location_id": "purchase_order__location_id",
        "tax_rate_id": "tax_rate_id",
        "purchase_uom": "purchase_uom",
    }
    queryset = matching(_rows(), filters, lookups)
    return {"data": [row_out(r, r.purchase_order) for r in paginate(queryset, filters, response)]}


@router.get(
    "/purchase_order_rows/{int:id}", response=PurchaseOrderRow, operation_id="getPurchaseOrderRow"
)
def get_row(request: HttpRequest, id: int) -> dict[str, Any]:
    return _out(id)


@router.post(
    "/purchase_order_rows", response=PurchaseOrderRow, operation_id="createPurchaseOrderRow"
)
def create_row(request: HttpRequest, payload: CreatePurchaseOrderRowRequest) -> dict[str, Any]:
    order = referenced(
        PurchaseOrder.objects.all(), payload.purchase_order_id, field="purchase_order_id"
    )
    row = services.add_row(order=order, spec=row_spec(payload))
    return _out(row.pk)


@router.patch(
    "/purchase_order_rows/{int:id}",
    response=PurchaseOrderRow,
    operation_id="updatePurchaseOrderRow",
)
def update_row(
    request: HttpRequest, id: int, payload: UpdatePurchaseOrderRowRequest
) -> dict[str, Any]:
    row = get_or_404(_rows(), id)
    changes = changes_of(payload)
    for name in ("quantity", "price_per_unit", "variant_id"):
        if name in changes and changes[name] is None:
            raise DomainError(f"{name.replace('_', ' ')} cannot be empty", field=name)
    for name in ("purchase_uom", "purchase_uom_conversion_rate"):
        if name in changes and changes[name] is None:
            del changes[name]  # null: keep what the row has
    if "variant_id" in changes:
        changes["variant"] = variant(changes.pop("variant_id"))
    if "tax_rate_id" in changes:
        changes["tax_rate"] = tax_rate(changes.pop("tax_rate_id"))
    services.update_row(row=row, changes=changes)
    return _out(id)


@router.delete(
    "/purchase_order_rows/{int:id}", response={204: None}, operation_id="deletePurchaseOrderRow"
)
def delete_row(request: HttpRequest, id: int) -> Status[None]:
    services.delete_row(row=get_or_404(_rows(), id))
    return no_content()


@receive_router.post(
    "/purchase_order_receive", response={204: None}, operation_id="receivePurchaseOrder"
)
def receive(
    request: HttpRequest, payload: Body[list[dict[str, Any]] | dict[str, Any]]
) -> Status[None]:
    """Receive one row or several (of any orders) in one go: all of them or none."""
    single = isinstance(payload, dict)
    bodies = _receive_rows(payload)
    receipts = []
    for n, body in enumerate(bodies):
        with nullcontext() if single else located(f"[{n}]"):
            row = referenced(
                RowModel.objects.all(), body.purchase_order_row_id, field="purchase_order_row_id"
            )
            receipts.append(services.Receipt(row, body.quantity, body.received_date))
    services.receive(receipts=receipts)
    return no_content()


_ONE = TypeAdapter(PurchaseOrderReceiveRow)
_MANY = TypeAdapter(Annotated[list[PurchaseOrderReceiveRow], Field(min_length=1)])


def _receive_rows(payload: list[dict[str, Any]] | dict[str, Any]) -> list[PurchaseOrderReceiveRow]:
    """Katana's body is one row object or an array of them. Each shape is checked on its own
    (a union would report the errors of both), with paths from the body as usual."""
    try:
        if isinstance(payload, dict):
            return [_ONE.validate_python(payload)]
        return _MANY.validate_python(payload)
    except PydanticError as exc:
        errors = [{**e, "loc": ("body", "payload", *e["loc"])} for e in exc.errors()]
        raise ValidationError(errors) from exc


def _rows() -> QuerySet[RowModel]:
    return RowModel.objects.select_related("purchase_order")


def _out(pk: int) -> dict[str, Any]:
    row = get_or_404(_rows(), pk)
    return row_out(row, row.purchase_order)
