"""/sales_orders (list, get, create, update, delete), /sales_orders/search and
/sales_order_rerank.

Edits go through the make-to-order-aware wrappers (makeline.production.make_to_order), so a
linked MO follows its order and the order's location stays locked while one exists; status
changes go through makeline.sales.fulfilment.set_status (pack all / deliver all / revert)
and the quote wrapper; reranks through makeline.production.ranking.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import blank, changes_of, get_or_404, new_router, no_content, referenced
from makeline.api.paging import DEFAULT_LIMIT, ListParams, matching, paginate, pagination_header
from makeline.api.sales_search import search_filter, search_order
from makeline.api.sales_wire import order_out, orders_out, sales_orders
from makeline.api.schemas.fulfillments import RerankSalesOrderRequest, SalesOrderSearchRequest
from makeline.api.schemas.sales import (
    CreateSalesOrderRequest,
    IngredientAvailability,
    ProductAvailability,
    ProductionStatus,
    SalesOrder,
    SalesOrderListResponse,
    SalesOrderRowRequest,
    UpdateSalesOrderRequest,
)
from makeline.catalog.contacts import ensure_default_location
from makeline.catalog.models import Customer, Location, TaxRate, Variant
from makeline.common.errors import DomainError
from makeline.common.fields import ZERO
from makeline.common.unit_of_work import unit_of_work
from makeline.planning import filters as planned
from makeline.production import make_to_order, ranking
from makeline.sales import fulfilment, services
from makeline.sales.enums import SalesOrderStatus
from makeline.sales.models import SalesOrder as SalesOrderModel
from makeline.sales.validation import AddressSpec, RowSpec

router = new_router("Sales order")

_FILTERS = {
    name: name
    for name in (
        "order_no",
        "customer_id",
        "location_id",
        "status",
        "currency",
        "source",
        "ecommerce_store_name",
        "ecommerce_order_id",
        "ecommerce_order_type",
    )
}
_NOT_NULL = ("order_no", "customer_id", "order_created_date", "delivery_date", "location_id")
_NOT_NULL_MORE = ("currency", "picked_date", "status")
_QUOTE_SIDE = (SalesOrderStatus.NOT_SHIPPED, SalesOrderStatus.PENDING)


class SalesOrderFilters(ListParams):
    order_no: str | None = None
    customer_id: int | None = None
    location_id: int | None = None
    status: str | None = None
    production_status: ProductionStatus | None = None
    invoicing_status: str | None = None  # accepted, ignored: we do not invoice
    currency: str | None = None
    source: str | None = None
    ecommerce_store_name: str | None = None
    ecommerce_order_id: str | None = None
    ecommerce_order_type: str | None = None
    ingredient_availability: IngredientAvailability | None = None
    product_availability: ProductAvailability | None = None


@router.get("/sales_orders", response=SalesOrderListResponse, operation_id="getAllSalesOrders")
def list_sales_orders(
    request: HttpRequest, response: HttpResponse, filters: Query[SalesOrderFilters]
) -> dict[str, Any]:
    queryset = matching(sales_orders(), filters, _FILTERS)
    if filters.product_availability:
        queryset = queryset.filter(
            planned.sales_orders_with_product_availability(filters.product_availability)
        )
    if filters.ingredient_availability:
        queryset = queryset.filter(
            planned.sales_orders_with_ingredient_availability(filters.ingredient_availability)
        )
    if filters.production_status:
        queryset = queryset.filter(
            planned.sales_orders_with_production_status(filters.production_status)
        )
    return {"data": orders_out(paginate(queryset, filters, response))}


@router.get("/sales_orders/{int:id}", response=SalesOrder, operation_id="getSalesOrder")
def get_sales_order(request: HttpRequest, id: int) -> dict[str, Any]:
    return order_out(get_or_404(sales_orders(), id))


@router.post("/sales_orders", response=SalesOrder, operation_id="createSalesOrder")
def create_sales_order(request: HttpRequest, payload: CreateSalesOrderRequest) -> dict[str, Any]:
    customer = referenced(Customer.objects.all(), payload.customer_id, field="customer_id")
    location = (
        referenced(Location.objects.all(), payload.location_id, field="location_id")
        if payload.location_id is not None
        else ensure_default_location()
    )
    rows = [_row_spec(row, n, location) for n, row in enumerate(payload.sales_order_rows)]
    addresses = [
        AddressSpec(**{k: v or "" for k, v in a.model_dump(exclude_unset=True).items()})
        for a in payload.addresses or []
    ]
    tracking = {
        key: blank(getattr(payload, key))
        for key in ("tracking_number", "tracking_number_url")
        if getattr(payload, key)
    }
    with unit_of_work():
        order = services.create_sales_order(
            customer=customer,
            location=location,
            rows=rows,
            status=SalesOrderStatus(payload.status or SalesOrderStatus.NOT_SHIPPED),
            order_no=payload.order_no,
            order_created_date=payload.order_created_date,
            delivery_date=payload.delivery_date,
            currency=payload.currency,
            customer_ref=blank(payload.customer_ref),
            additional_info=blank(payload.additional_info),
            addresses=addresses,
            ecommerce_order_type=blank(payload.ecommerce_order_type),
            ecommerce_store_name=blank(payload.ecommerce_store_name),
            ecommerce_order_id=blank(payload.ecommerce_order_id),
            source="api",
        )
        if tracking:
            services.update_order(order=order, changes=tracking)
    return order_out(get_or_404(sales_orders(), order.pk))


def _row_spec(row: SalesOrderRowRequest, n: int, location: Location) -> RowSpec:
    at = f"sales_order_rows[{n}]"
    check_row_location(row.location_id, location, field=f"{at}.location_id")
    tax_rate = None
    if row.tax_rate_id is not None:
        tax_rate = referenced(TaxRate.objects.all(), row.tax_rate_id, field=f"{at}.tax_rate_id")
    variant = referenced(
        Variant.objects.select_related("item"), row.variant_id, field=f"{at}.variant_id"
    )
    return RowSpec(
        variant=variant,
        quantity=row.quantity,
        price_per_unit=row.price_per_unit,
        total_discount=row.total_discount or ZERO,
        tax_rate=tax_rate,
        attributes=[a.model_dump() for a in row.attributes or []],
    )


def check_row_location(location_id: int | None, location: Location, *, field: str) -> None:
    """Rows ship from their order's location: per-row locations are not supported."""
    if location_id is not None and location_id != location.pk:
        raise DomainError(
            f"rows ship from the order's location ({location.name}, id {location.pk}); "
            "per-row locations are not supported",
            field=field,
        )


@router.patch("/sales_orders/{int:id}", response=SalesOrder, operation_id="updateSalesOrder")
def update_sales_order(
    request: HttpRequest, id: int, payload: UpdateSalesOrderRequest
) -> dict[str, Any]:
    order = get_or_404(SalesOrderModel.objects.all(), id)
    sent = changes_of(payload)
    for key in (*_NOT_NULL, *_NOT_NULL_MORE):
        if key in sent and sent[key] is None:
            raise DomainError(f"{key} cannot be null", field=key)
    status = sent.pop("status", None)
    picked_date = sent.pop("picked_date", None)
    changes = _header_changes(sent)
    with unit_of_work():
        if status in _QUOTE_SIDE:  # back to not shipped / a quote first: the header unlocks
            _set_status(order, SalesOrderStatus(status))
        if changes:
            make_to_order.update_sales_order(order=order, changes=changes)
        if picked_date is not None:
            _rewrite_picked_date(order, picked_date)
        if status is not None and status not in _QUOTE_SIDE:
            _set_status(order, SalesOrderStatus(status))
    return order_out(get_or_404(sales_orders(), id))


def _header_changes(sent: dict[str, Any]) -> dict[str, Any]:
    changes = {key: blank(value) if value is None else value for key, value in sent.items()}
    if "customer_id" in changes:
        changes["customer"] = referenced(
            Customer.objects.all(), changes.pop("customer_id"), field="customer_id"
        )
    if "location_id" in changes:
        changes["location"] = referenced(
            Location.objects.all(), changes.pop("location_id"), field="location_id"
        )
    return changes


def _set_status(order: SalesOrderModel, status: SalesOrderStatus) -> None:
    order.refresh_from_db()
    if status == SalesOrderStatus.PENDING and order.status != SalesOrderStatus.PENDING:
        # the wrapper refuses while make-to-order MOs are linked (a quote commits nothing)
        make_to_order.revert_to_quote(order=order)
    else:
        fulfilment.set_status(order=order, status=status)


def _rewrite_picked_date(order: SalesOrderModel, picked_date: Any) -> None:
    """Katana: a picked_date PATCH rewrites it on every fulfillment of the order."""
    found = list(order.fulfillments.all())
    if not found:
        raise DomainError(
            "picked_date comes from fulfillments and this order has none", field="picked_date"
        )
    for fulfillment in found:
        fulfilment.update_fulfillment(fulfillment=fulfillment, picked_date=picked_date)


@router.delete("/sales_orders/{int:id}", response={204: None}, operation_id="deleteSalesOrder")
def delete_sales_order(request: HttpRequest, id: int) -> Status[None]:
    make_to_order.delete_sales_order(order=get_or_404(SalesOrderModel.objects.all(), id))
    return no_content()


# --- search -------------------------------------------------------------------------------


@router.post(
    "/sales_orders/search", response=SalesOrderListResponse, operation_id="searchSalesOrders"
)
def search_sales_orders(
    request: HttpRequest, response: HttpResponse, payload: SalesOrderSearchRequest
) -> dict[str, Any]:
    queryset = sales_orders().filter(search_filter(payload.filter))
    queryset = queryset.order_by(*search_order(payload.order))
    limit = payload.limit or DEFAULT_LIMIT  # Katana allows 0; we read it as "the default"
    page = payload.page or 1
    total = queryset.count()
    offset = (page - 1) * limit
    found = list(queryset[offset : offset + limit]) if offset < total else []
    response["X-Pagination"] = pagination_header(total=total, page=page, limit=limit)
    return {"data": orders_out(found)}


# --- rerank -------------------------------------------------------------------------------


@router.post("/sales_order_rerank", response={204: None}, operation_id="rerankSalesOrder")
def rerank_sales_orders(request: HttpRequest, payload: RerankSalesOrderRequest) -> Status[None]:
    ids = payload.order_ids
    if len(set(ids)) != len(ids):
        raise DomainError("order_ids should NOT have duplicate items", field="order_ids")
    orders = [_open_order(pk, field=f"order_ids[{n}]") for n, pk in enumerate(ids)]
    before, after = _target(payload, ids)
    with unit_of_work():
        # one block: the first order goes to the place, each next one just below the previous
        previous: SalesOrderModel | None = None
        for order in orders:
            if previous is None:
                ranking.rerank_sales_order(order=order, before=before, after=after)
            else:
                ranking.rerank_sales_order(order=order, after=previous)
            previous = order
    return no_content()


def _target(
    payload: RerankSalesOrderRequest, ids: list[int]
) -> tuple[SalesOrderModel | None, SalesOrderModel | None]:
    """(before, after) for the first order; (None, None) places it on top."""
    place = payload.place
    for name in ("before_id", "after_id"):
        pk = getattr(place, name)
        if pk is not None and pk in ids:
            raise DomainError(f"{name} cannot be one of order_ids", field=f"place.{name}")
    if place.before_id is not None:
        return _open_order(place.before_id, field="place.before_id"), None
    if place.after_id is not None:
        return None, _open_order(place.after_id, field="place.after_id")
    if place.position == "bottom":
        last = ranking.open_sales_orders().exclude(pk__in=ids).order_by("-rank", "-id").first()
        return None, last
    return None, None


def _open_order(pk: int, *, field: str) -> SalesOrderModel:
    order = referenced(SalesOrderModel.objects.all(), pk, field=field)
    if not ranking.open_sales_orders().filter(pk=pk).exists():
        raise DomainError(
            f"{order.order_no} is delivered and has no place in the list", field=field
        )
    return order
