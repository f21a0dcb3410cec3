"""Editing purchase orders: header rules per status, rows, confirm / draft, delete."""

from datetime import UTC, datetime, timedelta

import pytest

from makeline.catalog import contacts
from makeline.catalog.models import Location, Supplier
from makeline.common.errors import Conflict, DomainError, InvalidQuantity
from makeline.purchasing import services
from makeline.purchasing.enums import PurchaseOrderStatus as P
from makeline.purchasing.models import PurchaseOrder
from tests import factories as f
from tests import factories_purchasing as fp
from tests.factories import D

pytestmark = pytest.mark.django_db

MARCH_1 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


# --- header edits -------------------------------------------------------------------------


def test_a_new_expected_arrival_overwrites_every_unreceived_row() -> None:
    # given two rows with their own arrival dates, one of them partly received
    board, glue = f.material(), f.material()
    order = fp.purchase_order(
        fp.row(board, 3, arrival_date=MARCH_1), fp.row(glue, 1, arrival_date=MARCH_1)
    )
    first = order.rows.get(variant=board)
    received = fp.receive(first, 1)
    order.refresh_from_db()
    # when the header's expected arrival changes
    later = MARCH_1 + timedelta(days=9)
    services.update_order(order=order, changes={"expected_arrival_date": later})
    # then unreceived rows follow; the received row keeps its frozen date
    assert set(
        order.rows.filter(received_date__isnull=True).values_list("arrival_date", flat=True)
    ) == {later}
    received.refresh_from_db()
    assert received.arrival_date == MARCH_1


def test_moving_an_order_touches_old_and_new_location(touched: set[tuple[int, int]]) -> None:
    board = f.material()
    here, there = f.location(), f.location("Warehouse")
    order = fp.purchase_order(fp.row(board, 2), at=here)
    touched.clear()
    services.update_order(order=order, changes={"location": there})
    assert touched == {(board.pk, here.pk), (board.pk, there.pk)}
    assert fp.expected(board, there) == D(2)


@pytest.mark.parametrize("field", ["supplier", "currency", "location"])
def test_partners_cannot_change_once_something_was_received(field: str) -> None:
    order = fp.purchase_order(fp.row(f.material(), 3))
    fp.receive(order.rows.get(), 1)
    order.refresh_from_db()
    values: dict[str, Supplier | Location | str] = {
        "supplier": f.supplier(),
        "location": f.location("Elsewhere"),
        "currency": "USD",
    }
    value = values[field]
    before = fp.snapshot()
    with pytest.raises(Conflict, match=field):
        services.update_order(order=order, changes={field: value})
    assert fp.snapshot() == before


def test_order_number_can_change_while_partly_received_but_not_when_received() -> None:
    order = fp.purchase_order(fp.row(f.material(), 3))
    fp.receive(order.rows.get(), 1)
    order.refresh_from_db()
    services.update_order(order=order, changes={"order_no": "PO-100"})
    assert PurchaseOrder.objects.get().order_no == "PO-100"
    order = services.receive_all(order=order)
    before = fp.snapshot()
    with pytest.raises(Conflict):
        services.update_order(order=order, changes={"order_no": "PO-101"})
    assert fp.snapshot() == before
    # notes can always change
    services.update_order(order=order, changes={"additional_info": "late"})
    assert PurchaseOrder.objects.get().additional_info == "late"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": P.RECEIVED}, "status"),
        ({"entity_type": "outsourced"}, "entity_type"),
        ({"currency": "EURO"}, "currency"),
        ({"expected_arrival_date": None}, "expected_arrival_date"),
        ({"order_no": "  "}, "order_no"),
    ],
)
def test_header_edits_refuse_bad_input(changes: dict[str, object], field: str) -> None:
    order = fp.purchase_order()
    before = fp.snapshot()
    with pytest.raises(DomainError) as refused:
        services.update_order(order=order, changes=changes)
    assert refused.value.field == field
    assert fp.snapshot() == before


# --- row edits ----------------------------------------------------------------------------


def test_rows_can_be_added_changed_and_deleted_while_unreceived(
    touched: set[tuple[int, int]],
) -> None:
    board, glue = f.material(price="2"), f.material()
    here = f.location()
    order = fp.purchase_order(fp.row(board, 1))
    # add
    row = services.add_row(order=order, spec=fp.row(board, 2))
    assert fp.expected(board) == D(3)
    # change variant and quantity: both variants are touched
    touched.clear()
    services.update_row(row=row, changes={"variant": glue, "quantity": D(5)})
    assert touched == {(board.pk, here.pk), (glue.pk, here.pk)}
    assert (fp.expected(board), fp.expected(glue)) == (D(1), D(5))
    assert row.price_per_unit == D(2)  # the price stays unless given
    # delete
    services.delete_row(row=row)
    assert fp.expected(glue) == D(0)


def test_a_row_taking_a_boxed_variant_takes_its_uom() -> None:
    order = fp.purchase_order(fp.row(f.material(), 1))
    row = services.update_row(row=order.rows.get(), changes={"variant": fp.boxed_material()})
    assert (row.purchase_uom, row.purchase_uom_conversion_rate) == ("box", D(12))


def test_received_rows_cannot_be_changed_or_deleted() -> None:
    order = fp.purchase_order(fp.row(f.material(), 3))
    received = fp.receive(order.rows.get(), 1)
    before = fp.snapshot()
    for changes in ({"quantity": D(2)}, {"price_per_unit": D(1)}, {"tax_rate": None}):
        with pytest.raises(Conflict):
            services.update_row(row=received, changes=changes)
    with pytest.raises(Conflict):
        services.delete_row(row=received)
    assert fp.snapshot() == before


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"quantity": D(0)}, InvalidQuantity),
        ({"price_per_unit": D(-1)}, DomainError),
        ({"purchase_uom_conversion_rate": D(0)}, DomainError),
        ({"received_date": MARCH_1}, DomainError),
    ],
)
def test_row_edits_refuse_bad_input(changes: dict[str, object], error: type[Exception]) -> None:
    order = fp.purchase_order()
    before = fp.snapshot()
    with pytest.raises(error):
        services.update_row(row=order.rows.get(), changes=changes)
    assert fp.snapshot() == before


def test_the_last_row_cannot_be_deleted() -> None:
    order = fp.purchase_order()
    before = fp.snapshot()
    with pytest.raises(Conflict, match="delete the order"):
        services.delete_row(row=order.rows.get())
    assert fp.snapshot() == before


def test_rows_cannot_be_added_to_a_received_order() -> None:
    order = services.receive_all(order=fp.purchase_order())
    before = fp.snapshot()
    with pytest.raises(Conflict):
        services.add_row(order=order, spec=fp.row(f.material(), 1))
    assert fp.snapshot() == before


def test_deleting_the_last_unreceived_row_completes_the_order() -> None:
    order = fp.purchase_order(fp.row(f.material(), 1), fp.row(f.material(), 1))
    first, second = order.rows.all()
    fp.receive(first, 1)
    services.delete_row(row=second)
    assert PurchaseOrder.objects.get().status == P.RECEIVED


# --- confirm, draft, delete ---------------------------------------------------------------


def test_draft_and_back(touched: set[tuple[int, int]]) -> None:
    board = f.material()
    order = fp.purchase_order(fp.row(board, 2))
    touched.clear()
    services.set_draft(order=order)
    assert (order.status, fp.expected(board)) == (P.DRAFT, D(0))
    assert touched == {(board.pk, f.location().pk)}
    services.confirm(order=order)
    assert (order.status, fp.expected(board)) == (P.NOT_RECEIVED, D(2))


def test_confirming_an_order_that_is_not_a_draft_is_refused() -> None:
    order = fp.purchase_order()
    before = fp.snapshot()
    with pytest.raises(DomainError, match="not a draft"):
        services.confirm(order=order)
    assert fp.snapshot() == before


def test_a_partly_received_order_cannot_become_a_draft() -> None:
    order = fp.purchase_order(fp.row(f.material(), 2))
    fp.receive(order.rows.get(), 1)
    order.refresh_from_db()
    before = fp.snapshot()
    with pytest.raises(DomainError, match="revert"):
        services.set_draft(order=order)
    assert fp.snapshot() == before


def test_an_order_with_nothing_received_can_be_deleted(touched: set[tuple[int, int]]) -> None:
    board = f.material()
    order = fp.purchase_order(fp.row(board, 2))
    touched.clear()
    services.delete_order(order=order)
    assert not PurchaseOrder.objects.exists()
    assert touched == {(board.pk, f.location().pk)}


def test_an_order_with_received_stock_cannot_be_deleted() -> None:
    # Katana answers 412 Precondition Failed
    order = fp.purchase_order(fp.row(f.material(), 2))
    fp.receive(order.rows.get(), 1)
    before = fp.snapshot()
    with pytest.raises(Conflict, match="received stock"):
        services.delete_order(order=order)
    assert fp.snapshot() == before


def test_tax_rates_go_on_rows() -> None:
    vat = contacts.create_tax_rate(name="VAT", rate=D(20))
    order = fp.purchase_order(fp.row(f.material(), 2, price="5", tax_rate=vat))
    assert order.rows.get().tax_rate == vat


def test_a_stale_copy_of_a_row_received_since_cannot_be_deleted() -> None:
    # given two copies of one row; one copy is received in full elsewhere
    order = fp.purchase_order(fp.row(f.material(), 1), fp.row(f.material(), 1))
    row = order.rows.first()
    assert row is not None
    stale = PurchaseOrder.objects.get().rows.get(pk=row.pk)
    fp.receive(row, 1)
    before = fp.snapshot()
    # when the stale copy is deleted, the service checks the stored row and refuses
    with pytest.raises(Conflict):
        services.delete_row(row=stale)
    assert fp.snapshot() == before
