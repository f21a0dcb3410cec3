"""Sales orders, rows, addresses and fulfillments on the wire, shared by the sales endpoints.

A page of orders or rows is serialized in a fixed number of queries: the querysets here
prefetch what the `*_out` functions read, and the planned statuses of the whole page come
from the planning selectors' `*_many` reads. Plan dates are days; Katana sends date-times,
so a planned day goes out as midnight UTC.
"""

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import F, Prefetch, QuerySet, Sum

from makeline.api.common import fixed, number, text
from makeline.common.fields import QUANTITY_PLACES, ZERO
from makeline.planning import selectors as plan
from makeline.sales.models import Fulfillment, SalesOrder, SalesOrderAddress, SalesOrderRow
from makeline.sales.validation import ADDRESS_FIELDS

_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)


def wire_date(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time.min, tzinfo=UTC)


# --- querysets ----------------------------------------------------------------------------


def sales_rows() -> QuerySet[SalesOrderRow]:
    """Rows with what row_out reads: their order, tax rate, COGS and make-to-order MO."""
    return (
        SalesOrderRow.objects.select_related("sales_order", "tax_rate")
        .annotate(
            cogs=Sum("fulfillment_rows__cogs_value"),
            linked_mo_id=F("linked_manufacturing_order__id"),
        )
        .order_by("position", "id")
    )


def sales_orders() -> QuerySet[SalesOrder]:
    return SalesOrder.objects.prefetch_related(Prefetch("rows", queryset=sales_rows()), "addresses")


def fulfillments() -> QuerySet[Fulfillment]:
    return Fulfillment.objects.prefetch_related("rows")


# --- rows ---------------------------------------------------------------------------------


def rows_out(rows: Sequence[SalesOrderRow]) -> list[dict[str, Any]]:
    """Rows (from `sales_rows()`) with their planned statuses, in a fixed number of queries."""
    statuses = plan.sales_row_statuses(rows)
    return [_row_out(row, statuses[row.pk]) for row in rows]


def _row_out(row: SalesOrderRow, status: plan.RowStatuses) -> dict[str, Any]:
    total = row.total
    return {
        "id": row.pk,
        "sales_order_id": row.sales_order_id,
        "quantity": number(row.quantity),
        "variant_id": row.variant_id,
        "tax_rate_id": row.tax_rate_id,
        "tax_rate": number(row.tax_rate.rate) if row.tax_rate else None,
        # rows ship from their order's location (per-row locations are not supported)
        "location_id": row.sales_order.location_id,
        "product_availability": status.product.status,
        "product_expected_date": wire_date(status.product.expected_date),
        "price_per_unit": fixed(row.price_per_unit),
        "price_per_unit_in_base_currency": number(row.price_per_unit),
        "total": number(total),
        "total_in_base_currency": number(total),
        "total_discount": fixed(row.total_discount),
        "cogs_value": _cogs(getattr(row, "cogs", None)),
        "attributes": list(row.attributes or []),
        "linked_manufacturing_order_id": getattr(row, "linked_mo_id", None),
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _cogs(total: Decimal | None) -> str | None:
    # a sum comes back without the column's scale on some databases
    return None if total is None else fixed(total.quantize(_PLACES))


# --- orders -------------------------------------------------------------------------------


def orders_out(orders: Iterable[SalesOrder]) -> list[dict[str, Any]]:
    """Orders (from `sales_orders()`) with their rows and planned statuses; the queries do
    not grow with the number of orders."""
    orders = list(orders)
    statuses = plan.sales_order_statuses_many(orders)
    rows = [row for order in orders for row in order.rows.all()]
    row_statuses = plan.sales_row_statuses(rows)
    return [_order_out(order, statuses[order.pk], row_statuses) for order in orders]


def order_out(order: SalesOrder) -> dict[str, Any]:
    (out,) = orders_out([order])
    return out


def _order_out(
    order: SalesOrder, status: plan.SalesOrderStatuses, row_statuses: dict[int, plan.RowStatuses]
) -> dict[str, Any]:
    rows = list(order.rows.all())
    addresses = {a.entity_type: a for a in order.addresses.all()}
    total = sum((row.total for row in rows), ZERO)
    linked = [mo for mo in (getattr(row, "linked_mo_id", None) for row in rows) if mo]
    return {
        "id": order.pk,
        "customer_id": order.customer_id,
        "order_no": order.order_no,
        "source": text(order.source),
        "order_created_date": order.order_created_date,
        "delivery_date": order.delivery_date,
        "picked_date": order.picked_date,
        "location_id": order.location_id,
        "status": order.status,
        "currency": order.currency,
        "total": number(total),
        "total_in_base_currency": number(total),
        "additional_info": text(order.additional_info),
        "customer_ref": text(order.customer_ref),
        "sales_order_rows": [_row_out(row, row_statuses[row.pk]) for row in rows],
        "ecommerce_order_type": text(order.ecommerce_order_type),
        "ecommerce_store_name": text(order.ecommerce_store_name),
        "ecommerce_order_id": text(order.ecommerce_order_id),
        "product_availability": status.product.status,
        "product_expected_date": wire_date(status.product.expected_date),
        "ingredient_availability": status.ingredients.status,
        "ingredient_expected_date": wire_date(status.ingredients.expected_date),
        "production_status": status.production,
        "tracking_number": text(order.tracking_number),
        "tracking_number_url": text(order.tracking_number_url),
        "billing_address_id": _pk(addresses.get("billing")),
        "shipping_address_id": _pk(addresses.get("shipping")),
        # Katana's order-level field: the first row's MO when the order has any
        "linked_manufacturing_order_id": linked[0] if linked else None,
        "addresses": [address_out(a) for a in addresses.values()],
        "created_at": order.created_at,
        "updated_at": order.updated_at,
    }


def _pk(address: SalesOrderAddress | None) -> int | None:
    return None if address is None else address.pk


def address_out(address: SalesOrderAddress) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": address.pk,
        "sales_order_id": address.sales_order_id,
        "entity_type": address.entity_type,
    }
    out |= {name: text(getattr(address, name)) for name in ADDRESS_FIELDS}
    return out | {"created_at": address.created_at, "updated_at": address.updated_at}


# --- fulfillments -------------------------------------------------------------------------


def fulfillment_out(fulfillment: Fulfillment) -> dict[str, Any]:
    return {
        "id": fulfillment.pk,
        "sales_order_id": fulfillment.sales_order_id,
        "picked_date": fulfillment.picked_date,
        "status": fulfillment.status,
        "tracking_number": text(fulfillment.tracking_number),
        "tracking_url": text(fulfillment.tracking_url),
        "tracking_carrier": text(fulfillment.tracking_carrier),
        "tracking_method": text(fulfillment.tracking_method),
        "sales_order_fulfillment_rows": [
            {"sales_order_row_id": line.sales_order_row_id, "quantity": number(line.quantity)}
            for line in fulfillment.rows.all()
        ],
        "created_at": fulfillment.created_at,
        "updated_at": fulfillment.updated_at,
    }
