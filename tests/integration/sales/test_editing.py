"""Editing sales orders: rows, header, quote ↔ order, rank and deletion."""

from datetime import UTC, datetime

import pytest

from makeline.common.errors import Conflict, DomainError, InvalidQuantity, InvalidTransition
from makeline.common.unit_of_work import pending_keys, unit_of_work
from makeline.sales import fulfilment, services
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import SalesOrder, SalesOrderRow
from tests import factories as f
from tests import factories_sales as fs
from tests.factories import D

pytestmark = pytest.mark.django_db

S = SalesOrderStatus


# --- rows ---------------------------------------------------------------------------------


def test_add_row_appends_it_and_touches_its_key() -> None:
    order = fs.sales_order()
    table = f.product(price="99")
    with unit_of_work():
        row = services.add_row(order=order, spec=fs.spec(table, 2))
        assert (table.pk, order.location_id) in pending_keys()
    assert fs.rows(order)[-1] == row
    assert row.price_per_unit == D(99)


def test_adding_a_row_to_a_packed_order_makes_it_partially_packed() -> None:
    order = fs.sales_order()
    fulfilment.set_status(order=order, status=S.PACKED)
    services.add_row(order=order, spec=fs.spec(f.product(), 1))
    order.refresh_from_db()
    assert order.status == S.PARTIALLY_PACKED


def test_a_delivered_order_takes_no_new_rows() -> None:
    order = fs.sales_order()
    fulfilment.set_status(order=order, status=S.DELIVERED)
    with pytest.raises(Conflict):
        services.add_row(order=order, spec=fs.spec(f.product(), 1))
    assert order.rows.count() == 1


def test_add_row_refuses_a_material() -> None:
    order = fs.sales_order()
    with pytest.raises(DomainError):
        services.add_row(order=order, spec=fs.spec(f.material(), 1))
    assert order.rows.count() == 1


def test_update_row_changes_quantity_price_and_variant_and_touches_both_keys() -> None:
    chair, stool = f.product(), f.product()
    order = fs.sales_order((chair, 2))
    row = order.rows.get()
    with unit_of_work():
        services.update_row(
            row=row, changes={"variant": stool, "quantity": D(5), "price_per_unit": D(7)}
        )
        assert {(chair.pk, order.location_id), (stool.pk, order.location_id)} <= pending_keys()
    row.refresh_from_db()
    assert (row.variant, row.quantity, row.price_per_unit) == (stool, D(5), D(7))


def test_quantity_cannot_go_below_what_is_fulfilled() -> None:
    order = fs.sales_order((f.product(), 5))
    row = order.rows.get()
    fulfilment.fulfil(order=order, rows=[(row, D(3))], status=FulfillmentStatus.PACKED)
    with pytest.raises(InvalidQuantity):
        services.update_row(row=row, changes={"quantity": D(2)})
    row.refresh_from_db()
    assert row.quantity == D(5)


def test_cutting_quantity_to_what_is_packed_makes_the_order_packed() -> None:
    order = fs.sales_order((f.product(), 5))
    row = order.rows.get()
    fulfilment.fulfil(order=order, rows=[(row, D(3))], status=FulfillmentStatus.PACKED)
    services.update_row(row=row, changes={"quantity": D(3)})
    order.refresh_from_db()
    assert order.status == S.PACKED


def test_the_variant_of_a_fulfilled_row_cannot_change() -> None:
    chair = f.product()
    order = fs.sales_order((chair, 5))
    row = order.rows.get()
    fulfilment.fulfil(order=order, rows=[(row, D(1))], status=FulfillmentStatus.PACKED)
    with pytest.raises(Conflict) as refused:
        services.update_row(row=row, changes={"variant": f.product()})
    assert refused.value.field == "variant_id"
    row.refresh_from_db()
    assert row.variant == chair


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": D(0)}, "quantity"),
        ({"price_per_unit": D(-1)}, "price_per_unit"),
        ({"total_discount": D(1000)}, "total_discount"),
        ({"sales_order": None}, "sales_order"),
    ],
)
def test_update_row_refuses_bad_values(changes: dict[str, object], field: str) -> None:
    order = fs.sales_order((f.product(price="10"), 2))
    row = order.rows.get()
    with pytest.raises(DomainError) as refused:
        services.update_row(row=row, changes=changes)
    assert refused.value.field == field
    row.refresh_from_db()
    assert (row.quantity, row.price_per_unit, row.total_discount) == (D(2), D(10), D(0))


def test_rows_of_a_delivered_order_cannot_change() -> None:
    order = fs.sales_order((f.product(), 2))
    fulfilment.set_status(order=order, status=S.DELIVERED)
    row = order.rows.get()
    with pytest.raises(Conflict):
        services.update_row(row=row, changes={"price_per_unit": D(1)})
    row.refresh_from_db()
    assert row.price_per_unit == D(10)


def test_delete_row_removes_an_unfulfilled_row() -> None:
    chair = f.product()
    order = fs.sales_order((chair, 1), (f.product(), 1))
    with unit_of_work():
        services.delete_row(row=fs.rows(order)[0])
        assert (chair.pk, order.location_id) in pending_keys()
    assert [r.variant for r in fs.rows(order)] != [chair]
    assert order.rows.count() == 1


def test_deleting_the_open_row_of_a_partly_delivered_order_makes_it_delivered() -> None:
    order = fs.sales_order((f.product(), 1), (f.product(), 1))
    first, second = fs.rows(order)
    fulfilment.fulfil(order=order, rows=[(first, D(1))], status=FulfillmentStatus.DELIVERED)
    services.delete_row(row=second)
    order.refresh_from_db()
    assert order.status == S.DELIVERED


def test_a_fulfilled_row_cannot_be_deleted() -> None:
    order = fs.sales_order((f.product(), 1), (f.product(), 1))
    first = fs.rows(order)[0]
    fulfilment.fulfil(order=order, rows=[(first, D(1))], status=FulfillmentStatus.PACKED)
    with pytest.raises(Conflict):
        services.delete_row(row=first)
    assert order.rows.count() == 2


def test_the_last_row_cannot_be_deleted() -> None:
    order = fs.sales_order()
    with pytest.raises(Conflict):
        services.delete_row(row=order.rows.get())
    assert order.rows.count() == 1


# --- header -------------------------------------------------------------------------------


def test_update_order_changes_header_fields() -> None:
    order = fs.sales_order()
    other = f.customer()
    deadline = datetime(2026, 4, 1, tzinfo=UTC)
    services.update_order(
        order=order,
        changes={
            "order_no": "SO-100",
            "customer": other,
            "delivery_date": deadline,
            "customer_ref": "PO 55",
            "currency": "GBP",
        },
    )
    order.refresh_from_db()
    assert (order.order_no, order.customer, order.delivery_date) == ("SO-100", other, deadline)
    assert (order.customer_ref, order.currency) == ("PO 55", "GBP")


def test_a_location_change_touches_old_and_new_keys() -> None:
    chair = f.product()
    old, new = f.location(), f.location("Shop")
    order = fs.sales_order((chair, 1), at=old)
    with unit_of_work():
        services.update_order(order=order, changes={"location": new})
        assert {(chair.pk, old.pk), (chair.pk, new.pk)} <= pending_keys()
    order.refresh_from_db()
    assert order.location == new


def test_a_location_without_sell_is_refused_on_update() -> None:
    order = fs.sales_order()
    workshop = f.location("Workshop", sales_allowed=False)
    with pytest.raises(DomainError):
        services.update_order(order=order, changes={"location": workshop})
    order.refresh_from_db()
    assert order.location != workshop


def test_renumbering_to_a_taken_number_is_refused() -> None:
    first, second = fs.sales_order(), fs.sales_order()
    with pytest.raises(Conflict):
        services.update_order(order=second, changes={"order_no": first.order_no})
    second.refresh_from_db()
    assert second.order_no == "SO-2"


def test_keeping_the_same_number_is_fine() -> None:
    order = fs.sales_order()
    services.update_order(order=order, changes={"order_no": "SO-1", "customer_ref": "x"})
    assert order.order_no == "SO-1"


@pytest.mark.parametrize("field", ["order_no", "customer", "location", "currency"])
def test_locked_fields_cannot_change_once_packed(field: str) -> None:
    order = fs.sales_order()
    fulfilment.set_status(order=order, status=S.PACKED)
    new_values = {
        "order_no": "SO-77",
        "customer": f.customer(),
        "location": f.location("Other"),
        "currency": "JPY",
    }
    with pytest.raises(Conflict) as refused:
        services.update_order(order=order, changes={field: new_values[field]})
    assert refused.value.field == field
    order.refresh_from_db()
    assert (order.order_no, order.currency) == ("SO-1", "EUR")


def test_notes_and_tracking_can_change_once_delivered() -> None:
    order = fs.sales_order()
    fulfilment.set_status(order=order, status=S.DELIVERED)
    services.update_order(
        order=order, changes={"additional_info": "left at door", "tracking_number": "TN1"}
    )
    order.refresh_from_db()
    assert (order.additional_info, order.tracking_number) == ("left at door", "TN1")


def test_update_order_refuses_unknown_fields() -> None:
    order = fs.sales_order()
    with pytest.raises(DomainError) as refused:
        services.update_order(order=order, changes={"status": S.DELIVERED})
    assert refused.value.field == "status"
    order.refresh_from_db()
    assert order.status == S.NOT_SHIPPED


# --- quote ↔ order, delete, rank ----------------------------------------------------------


def test_a_quote_converts_to_an_order_and_back() -> None:
    chair = f.product()
    quote = fs.quote((chair, 1))
    with unit_of_work():
        services.convert_quote_to_order(order=quote)
        assert (chair.pk, quote.location_id) in pending_keys()
    assert quote.status == S.NOT_SHIPPED
    services.revert_to_quote(order=quote)
    quote.refresh_from_db()
    assert quote.status == S.PENDING


def test_a_packed_order_cannot_become_a_quote() -> None:
    order = fs.sales_order()
    fulfilment.set_status(order=order, status=S.PACKED)
    with pytest.raises(InvalidTransition):
        services.revert_to_quote(order=order)
    order.refresh_from_db()
    assert order.status == S.PACKED


def test_an_order_cannot_be_converted_twice() -> None:
    order = fs.sales_order()
    with pytest.raises(InvalidTransition):
        services.convert_quote_to_order(order=order)


def test_delete_order_removes_it_with_its_rows() -> None:
    chair = f.product()
    order = fs.sales_order((chair, 1))
    with unit_of_work():
        services.delete_order(order=order)
        assert (chair.pk, order.location_id) in pending_keys()
    assert not SalesOrder.objects.exists()
    assert not SalesOrderRow.objects.exists()


def test_an_order_with_fulfilments_cannot_be_deleted() -> None:
    order = fs.sales_order()
    fulfilment.set_status(order=order, status=S.PACKED)
    with pytest.raises(Conflict):
        services.delete_order(order=order)
    assert SalesOrder.objects.filter(pk=order.pk).exists()


def test_set_rank_stores_the_priority_and_touches_the_rows() -> None:
    chair = f.product()
    order = fs.sales_order((chair, 1))
    with unit_of_work():
        services.set_rank(order=order, rank=5)
        assert (chair.pk, order.location_id) in pending_keys()
    order.refresh_from_db()
    assert order.rank == 5
