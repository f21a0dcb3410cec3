"""Sales order writes: create orders and quotes, edit the header and rows, quote ↔ order,
rank, delete.

Packing, delivering and reverting are in `makeline.sales.fulfilment`. These services know
nothing of make-to-order: the production app wraps the row and order edits to keep linked
manufacturing orders in step. Every change of demand touches its (variant, location) keys.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from makeline.catalog.contacts import ensure_shop
from makeline.catalog.enums import AddressKind
from makeline.catalog.models import Customer, Location
from makeline.common import audit, events
from makeline.common.errors import Conflict, DomainError, InvalidQuantity
from makeline.common.numbering import claim_number, next_number
from makeline.common.ranking import next_rank
from makeline.common.transitions import ensure_transition
from makeline.common.unit_of_work import atomic_service, touch
from makeline.sales import selectors
from makeline.sales.enums import EDITABLE_HEADER, TRANSITIONS, SalesOrderStatus
from makeline.sales.models import SalesOrder, SalesOrderAddress, SalesOrderRow
from makeline.sales.status import DOCUMENT, lock, sync_status, touch_rows
from makeline.sales.validation import (
    ADDRESS_FIELDS,
    AddressSpec,
    RowSpec,
    check_addresses,
    check_customer,
    check_location,
    check_order_no,
    check_row_values,
    check_sellable,
    check_spec,
    check_specs,
    unknown_field,
)

__all__ = [
    "AddressSpec",
    "RowSpec",
    "add_row",
    "convert_quote_to_order",
    "create_sales_order",
    "delete_order",
    "delete_row",
    "revert_to_quote",
    "set_rank",
    "update_order",
    "update_row",
]

_CREATE_STATUSES = frozenset({SalesOrderStatus.NOT_SHIPPED, SalesOrderStatus.PENDING})


# --- create -------------------------------------------------------------------------------


@atomic_service
def create_sales_order(
    *,
    customer: Customer,
    location: Location,
    rows: Sequence[RowSpec],
    status: SalesOrderStatus = SalesOrderStatus.NOT_SHIPPED,
    order_no: str | None = None,
    order_created_date: datetime | None = None,
    delivery_date: datetime | None = None,
    currency: str | None = None,
    customer_ref: str = "",
    additional_info: str = "",
    addresses: Sequence[AddressSpec] = (),
    ecommerce_order_type: str = "",
    ecommerce_store_name: str = "",
    ecommerce_order_id: str = "",
    source: str = "",
) -> SalesOrder:
    """Create a sales order (NOT_SHIPPED, commits its rows) or a quote (PENDING, commits nothing).

    It goes to the bottom of the Sell list. Defaults: number `SO-n`, created now, delivery
    deadline = created + the shop's default delivery days, the shop's currency, and the
    customer's default bill-to and ship-to addresses.
    """
    if status not in _CREATE_STATUSES:
        raise DomainError("a new sales order is NOT_SHIPPED or PENDING (a quote)", field="status")
    check_customer(customer)
    check_location(location)
    check_specs(rows)
    check_addresses(addresses)
    shop = ensure_shop()
    created = order_created_date or timezone.now()
    order = SalesOrder.objects.create(
        order_no=_free_order_no(order_no),
        customer=customer,
        location=location,
        status=status,
        rank=next_rank(),
        order_created_date=created,
        delivery_date=delivery_date or created + timedelta(days=shop.default_so_delivery_days),
        currency=currency or shop.currency,
        customer_ref=customer_ref,
        additional_info=additional_info,
        source=source,
        ecommerce_order_type=ecommerce_order_type,
        ecommerce_store_name=ecommerce_store_name,
        ecommerce_order_id=ecommerce_order_id,
    )
    for position, spec in enumerate(rows):
        _create_row(order, spec, position)
    for address in addresses or _default_addresses(customer):
        SalesOrderAddress.objects.create(
            sales_order=order, entity_type=address.entity_type, **address.fields()
        )
    touch_rows(order)
    events.emit("sales_order.created", object_id=order.pk, status=order.status)
    return order


def _free_order_no(order_no: str | None, *, order: SalesOrder | None = None) -> str:
    """The given number if nobody else uses it, or the next `SO-n` when none is given."""
    if order_no is None:
        return next_number(SalesOrder.objects.all(), field="order_no", prefix="SO")
    order_no = check_order_no(order_no)
    taken = SalesOrder.objects.filter(order_no=order_no)
    if order is not None:
        taken = taken.exclude(pk=order.pk)
    if taken.exists():
        raise Conflict(f"sales order {order_no} exists already", field="order_no")
    claim_number(order_no)
    return order_no


def _default_addresses(customer: Customer) -> list[AddressSpec]:
    """Copies of the customer's default billing and shipping addresses (Katana's SO card)."""
    specs = []
    for kind in (AddressKind.BILLING, AddressKind.SHIPPING):
        address = customer.addresses.filter(entity_type=kind, default=True).first()
        if address is not None:
            fields = {name: getattr(address, name) for name in ADDRESS_FIELDS}
            specs.append(AddressSpec(entity_type=kind, **fields))
    return specs


def _create_row(order: SalesOrder, spec: RowSpec, position: int) -> SalesOrderRow:
    return SalesOrderRow.objects.create(
        sales_order=order,
        variant=spec.variant,
        quantity=spec.quantity,
        price_per_unit=spec.price(),
        total_discount=spec.total_discount,
        tax_rate=spec.tax_rate,
        attributes=list(spec.attributes),
        position=position,
    )


# --- rows ---------------------------------------------------------------------------------

_ROW_FIELDS = frozenset(
    {"variant", "quantity", "price_per_unit", "total_discount", "tax_rate", "attributes"}
)


def _refuse_if_delivered(order: SalesOrder) -> None:
    if order.status == SalesOrderStatus.DELIVERED:
        raise Conflict(
            f"{order.order_no} is delivered; revert it to Not shipped before changing its rows",
            field="status",
        )


@atomic_service
def add_row(*, order: SalesOrder, spec: RowSpec) -> SalesOrderRow:
    """Add a row at the bottom of the order (a packed order becomes partially packed)."""
    lock(order)
    _refuse_if_delivered(order)
    check_spec(spec)
    last = order.rows.order_by("-position").values_list("position", flat=True).first()
    row = _create_row(order, spec, (last if last is not None else -1) + 1)
    touch(spec.variant.pk, order.location_id)
    sync_status(order)
    return row


@atomic_service
def update_row(*, row: SalesOrderRow, changes: dict[str, Any]) -> SalesOrderRow:
    """Change a row's variant, quantity, price, discount, tax rate or attributes.

    Refused on a delivered order, below the quantity already packed or delivered, and for
    the variant once the row has fulfilments.
    """
    order = row.sales_order
    lock(order)
    _refuse_if_delivered(order)
    unknown_field(changes, _ROW_FIELDS)
    fulfilled = selectors.fulfilled_quantity(row)
    old_variant_id = row.variant_id
    new_variant = changes.get("variant", row.variant)
    if new_variant.pk != old_variant_id:
        if fulfilled > 0:
            raise Conflict(
                "the row has been packed or delivered; its item can no longer change",
                field="variant_id",
            )
        check_sellable(new_variant)
    old_quantity = row.quantity
    for key, value in changes.items():
        setattr(row, key, value)
    check_row_values(quantity=row.quantity, price=row.price_per_unit, discount=row.total_discount)
    audit.changed(order, f"row {row.pk} quantity", old_quantity, row.quantity)
    if row.quantity < fulfilled:
        raise InvalidQuantity(
            f"{fulfilled} of this row are packed or delivered; the quantity cannot go below",
            field="quantity",
        )
    row.save()
    touch(old_variant_id, order.location_id)
    touch(row.variant_id, order.location_id)
    sync_status(order)
    return row


@atomic_service
def delete_row(*, row: SalesOrderRow) -> None:
    """Delete an unfulfilled row. The last row cannot go: delete the order instead."""
    order = row.sales_order
    lock(order)
    if selectors.row_has_fulfillments(row):
        raise Conflict(
            "the row has been packed or delivered; revert its fulfilments first", field="row"
        )
    if order.rows.count() <= 1:
        raise Conflict(
            f"{order.order_no} needs at least one row; delete the order instead", field="row"
        )
    touch(row.variant_id, order.location_id)
    row.delete()
    sync_status(order)


# --- header -------------------------------------------------------------------------------

_HEADER_FIELDS = frozenset(
    {"order_no", "customer", "location", "delivery_date", "order_created_date", "currency"}
    | {"customer_ref", "additional_info", "tracking_number", "tracking_number_url"}
)
_LOCKED_AFTER_FULFILMENT = frozenset(
    {"order_no", "customer", "location", "delivery_date", "currency"}
)


@atomic_service
def update_order(*, order: SalesOrder, changes: dict[str, Any]) -> SalesOrder:
    """Change header fields. Number, customer, location, deadline and currency only change
    while the order is a quote or not shipped (Katana)."""
    lock(order)
    unknown_field(changes, _HEADER_FIELDS)
    _check_header_changes(order, changes)
    old_location_id, old_deadline = order.location_id, order.delivery_date
    for key, value in changes.items():
        setattr(order, key, value)
    order.save()
    if order.location_id != old_location_id:
        touch_rows(order, location_id=old_location_id)
        touch_rows(order)
    elif order.delivery_date != old_deadline:
        touch_rows(order)
    events.emit("sales_order.updated", object_id=order.pk, status=order.status)
    return order


def _check_header_changes(order: SalesOrder, changes: dict[str, Any]) -> None:
    locked = [
        key
        for key in sorted(changes)
        if key in _LOCKED_AFTER_FULFILMENT and getattr(order, key) != changes[key]
    ]
    if locked and order.status not in EDITABLE_HEADER:
        raise Conflict(
            f"{locked[0]} can change only while the order is a quote or not shipped",
            field=locked[0],
        )
    if "order_no" in changes:
        changes["order_no"] = _free_order_no(changes["order_no"], order=order)
    if "customer" in changes:
        check_customer(changes["customer"])
    if "location" in changes:
        check_location(changes["location"])
    if "currency" in changes and not (changes["currency"] or "").strip():
        raise DomainError("currency is required", field="currency")
    if "order_created_date" in changes and changes["order_created_date"] is None:
        raise DomainError("created date is required", field="order_created_date")


@atomic_service
def convert_quote_to_order(*, order: SalesOrder) -> SalesOrder:
    """PENDING → NOT_SHIPPED: the quote becomes an order and commits its rows."""
    lock(order)
    check_location(order.location)
    _transition(order, SalesOrderStatus.NOT_SHIPPED)
    return order


@atomic_service
def revert_to_quote(*, order: SalesOrder) -> SalesOrder:
    """NOT_SHIPPED → PENDING: the order becomes a quote and releases its commitments."""
    lock(order)
    ensure_transition(order.status, SalesOrderStatus.PENDING, TRANSITIONS, document=DOCUMENT)
    if selectors.has_fulfillments(order):
        raise Conflict("revert the order's fulfilments first", field="status")
    _transition(order, SalesOrderStatus.PENDING)
    return order


def _transition(order: SalesOrder, target: SalesOrderStatus) -> None:
    ensure_transition(order.status, target, TRANSITIONS, document=DOCUMENT)
    audit.changed(order, "status", order.status, target)
    order.status = target
    order.save(update_fields=["status", "updated_at"])
    touch_rows(order)
    events.emit_status("sales_order", object_id=order.pk, status=order.status)


@atomic_service
def delete_order(*, order: SalesOrder) -> None:
    """Delete an order or quote with its rows and addresses; not once anything was fulfilled."""
    lock(order)
    if selectors.has_fulfillments(order):
        raise Conflict(
            f"{order.order_no} has fulfilments; set it back to Not shipped first", field="status"
        )
    touch_rows(order)
    events.emit("sales_order.deleted", object_id=order.pk, status=order.status)
    order.delete()


@atomic_service
def set_rank(*, order: SalesOrder, rank: int) -> SalesOrder:
    """Store a new priority (lower = served first). Reranking logic lives in production."""
    audit.changed(order, "rank", order.rank, rank)
    order.rank = rank
    order.save(update_fields=["rank", "updated_at"])
    touch_rows(order)
    return order
