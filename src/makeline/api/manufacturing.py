"""/manufacturing_orders (list, get, create, update, delete) and the make-to-order, unlink
and rerank actions.

A PATCH edits the header through `orders.update_manufacturing_order` and the status through
`orders.set_status` (DONE completes, leaving DONE reverts), in one unit of work.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import changes_of, get_or_404, new_router, no_content, referenced
from makeline.api.manufacturing_wire import (
    manufacturing_orders,
    mo_out,
    mo_page,
    renamed_fields,
)
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.schemas.manufacturing import (
    CreateManufacturingOrderRequest,
    MakeToOrderRequest,
    ManufacturingOrder,
    ManufacturingOrderListResponse,
    MoStatus,
    RerankManufacturingOrderRequest,
    UnlinkRequest,
    UpdateManufacturingOrderRequest,
)
from makeline.catalog.models import Location, Variant
from makeline.common.errors import DomainError
from makeline.common.unit_of_work import unit_of_work
from makeline.production import make_to_order, orders, ranking
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder as MoModel
from makeline.sales.models import SalesOrderRow

router = new_router("Manufacturing order")
M = ManufacturingOrderStatus


class MoFilters(ListParams):
    status: MoStatus | None = None
    order_no: str | None = None
    location_id: int | None = None
    variant_id: int | None = None
    is_linked_to_sales_order: bool | None = None
    sales_order_id: int | None = None


@router.get(
    "/manufacturing_orders",
    response=ManufacturingOrderListResponse,
    operation_id="getAllManufacturingOrders",
)
def list_manufacturing_orders(
    request: HttpRequest, response: HttpResponse, filters: Query[MoFilters]
) -> dict[str, Any]:
    lookups = {
        "status": "status",
        "order_no": "order_no",
        "location_id": "location_id",
        "variant_id": "variant_id",
        "sales_order_id": "sales_order_row__sales_order_id",
    }
    queryset = matching(manufacturing_orders(), filters, lookups)
    if filters.is_linked_to_sales_order is not None:
        queryset = queryset.filter(sales_order_row__isnull=not filters.is_linked_to_sales_order)
    return {"data": mo_page(paginate(queryset, filters, response))}


@router.get(
    "/manufacturing_orders/{int:id}",
    response=ManufacturingOrder,
    operation_id="getManufacturingOrder",
)
def get_manufacturing_order(request: HttpRequest, id: int) -> dict[str, Any]:
    return mo_out(get_or_404(MoModel.objects.all(), id).pk)


@router.post(
    "/manufacturing_orders", response=ManufacturingOrder, operation_id="createManufacturingOrder"
)
def create_manufacturing_order(
    request: HttpRequest, payload: CreateManufacturingOrderRequest
) -> dict[str, Any]:
    mo = orders.create_manufacturing_order(
        variant=_variant(payload.variant_id),
        location=referenced(Location.objects.all(), payload.location_id, field="location_id"),
        planned_quantity=payload.planned_quantity,
        production_deadline_date=payload.production_deadline_date,
        order_created_date=payload.order_created_date,
        order_no=payload.order_no,
        additional_info=payload.additional_info or "",
    )
    return mo_out(mo.pk)


@router.patch(
    "/manufacturing_orders/{int:id}",
    response=ManufacturingOrder,
    operation_id="updateManufacturingOrder",
)
def update_manufacturing_order(
    request: HttpRequest, id: int, payload: UpdateManufacturingOrderRequest
) -> dict[str, Any]:
    mo = get_or_404(MoModel.objects.all(), id)
    sent = changes_of(payload)
    status = sent.pop("status", None)
    actual = sent.pop("actual_quantity", None)
    _check_actual_quantity(mo, status, actual)
    changes = _header_changes(sent)
    with unit_of_work():
        # Leaving DONE first: a done order refuses header edits until it is reopened.
        reopen = status is not None and status != M.DONE and mo.status == M.DONE
        if reopen:
            mo = orders.set_status(mo=mo, status=M(status))
        if changes:
            mo = orders.update_manufacturing_order(mo=mo, changes=changes)
        if status is not None and not reopen:
            mo = orders.set_status(mo=mo, status=M(status), actual_quantity=actual)
    return mo_out(mo.pk)


@router.delete(
    "/manufacturing_orders/{int:id}", response={204: None}, operation_id="deleteManufacturingOrder"
)
def delete_manufacturing_order(request: HttpRequest, id: int) -> Status[None]:
    orders.delete_manufacturing_order(mo=get_or_404(MoModel.objects.all(), id))
    return no_content()


# --- actions ------------------------------------------------------------------------------


@router.post(
    "/manufacturing_order_make_to_order",
    response=ManufacturingOrder,
    operation_id="makeToOrderManufacturingOrder",
)
def make_to_order_manufacturing_order(
    request: HttpRequest, payload: MakeToOrderRequest
) -> dict[str, Any]:
    mo = make_to_order.make_to_order(
        sales_order_row=_sales_order_row(payload.sales_order_row_id),
        create_subassemblies=payload.create_subassemblies,
    )
    return mo_out(mo.pk)


@router.post(
    "/manufacturing_order_unlink", response={204: None}, operation_id="unlinkManufacturingOrder"
)
def unlink_manufacturing_order(request: HttpRequest, payload: UnlinkRequest) -> Status[None]:
    make_to_order.unlink(sales_order_row=_sales_order_row(payload.sales_order_row_id))
    return no_content()


@router.post(
    "/manufacturing_order_rerank", response={204: None}, operation_id="rerankManufacturingOrder"
)
def rerank_manufacturing_order(
    request: HttpRequest, payload: RerankManufacturingOrderRequest
) -> Status[None]:
    place = payload.place.model_dump(exclude_none=True)
    if len(place) != 1:
        raise DomainError("give exactly one of before_id, after_id or position", field="place")
    if len(set(payload.order_ids)) != len(payload.order_ids):
        raise DomainError("each manufacturing order can be listed once", field="order_ids")
    mos = [
        referenced(MoModel.objects.all(), pk, field=f"order_ids[{n}]")
        for n, pk in enumerate(payload.order_ids)
    ]
    before = _placed_by(place.get("before_id"), "place.before_id")
    after = _placed_by(place.get("after_id"), "place.after_id")
    names = {"mos": "order_ids", "rank": "order_ids"}
    with renamed_fields(names | {"before": "place.before_id", "after": "place.after_id"}):
        ranking.rerank_manufacturing_orders(
            mos=mos, before=before, after=after, at_bottom=place.get("position") == "bottom"
        )
    return no_content()


# --- helpers ------------------------------------------------------------------------------


def _variant(pk: int) -> Variant:
    live = Variant.objects.select_related("item").filter(deleted_at__isnull=True)
    return referenced(live, pk, field="variant_id")


def _sales_order_row(pk: int) -> SalesOrderRow:
    return referenced(SalesOrderRow.objects.all(), pk, field="sales_order_row_id")


def _placed_by(pk: int | None, field: str) -> MoModel | None:
    return None if pk is None else referenced(MoModel.objects.all(), pk, field=field)


def _header_changes(sent: dict[str, Any]) -> dict[str, Any]:
    changes = dict(sent)
    if "variant_id" in changes:
        changes["variant"] = _variant(changes.pop("variant_id"))
    if "location_id" in changes:
        location_id = changes.pop("location_id")
        changes["location"] = referenced(Location.objects.all(), location_id, field="location_id")
    if "additional_info" in changes:
        changes["additional_info"] = changes["additional_info"] or ""
    for name in ("order_no", "planned_quantity", "order_created_date", "production_deadline_date"):
        if name in changes and changes[name] is None:
            raise DomainError(f"{name.replace('_', ' ')} cannot be empty", field=name)
    return changes


def _check_actual_quantity(mo: MoModel, status: str | None, actual: Any) -> None:
    """The actual quantity is a parameter of completing; a done order keeps its own."""
    completing = status == M.DONE and mo.status != M.DONE
    if actual is not None and not completing and actual != mo.actual_quantity:
        raise DomainError(
            "the actual quantity is set when the order is completed: send it with status DONE "
            "(set a done order back to an open status first)",
            field="actual_quantity",
        )
