"""Purchasing reads: open supply for planning, orders by status, totals."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from makeline.catalog import contacts
from makeline.purchasing import selectors, services
from makeline.purchasing.enums import PurchaseOrderStatus as P
from tests import factories as f
from tests import factories_purchasing as fp
from tests.factories import D

pytestmark = pytest.mark.django_db

MARCH_5 = datetime(2026, 3, 5, tzinfo=UTC)
MARCH_9 = datetime(2026, 3, 9, tzinfo=UTC)


def test_open_supply_is_unreceived_rows_of_open_orders_in_stock_uom() -> None:
    # given a boxed material on an open order (partly received), a draft and a received order
    screws = fp.boxed_material()
    here = f.location()
    open_order = fp.purchase_order(fp.row(screws, 3), expected_arrival_date=MARCH_9)
    fp.receive(open_order.rows.get(), 1)
    fp.purchase_order(fp.row(screws, 5), status=P.DRAFT)
    services.receive_all(order=fp.purchase_order(fp.row(screws, 7)))
    # when planning reads open supply, in one query
    with CaptureQueriesContext(connection) as queries:
        supply = selectors.open_supply_rows()
    # then only the unreceived 2 boxes count, as 24 pcs, with the order's date
    assert len(queries) == 1
    remainder = open_order.rows.get(received_date__isnull=True)
    assert supply == [
        selectors.OpenSupplyRow(
            row_id=remainder.pk,
            variant_id=screws.pk,
            location_id=here.pk,
            quantity=D(24),
            arrival_date=MARCH_9,
            purchase_order_id=open_order.pk,
            order_no=open_order.order_no,
        )
    ]


def test_open_supply_is_sorted_by_arrival_and_can_be_limited_to_keys() -> None:
    board, glue = f.material(), f.material()
    here, there = f.location(), f.location("Warehouse")
    late = fp.purchase_order(fp.row(board, 5, arrival_date=MARCH_9))
    early = fp.purchase_order(fp.row(board, 1, arrival_date=MARCH_5))
    fp.purchase_order(fp.row(glue, 1))
    fp.purchase_order(fp.row(board, 2), at=there)
    supply = selectors.open_supply_rows([(board.pk, here.pk)])
    assert [(s.purchase_order_id, s.arrival_date) for s in supply] == [
        (early.pk, MARCH_5),
        (late.pk, MARCH_9),
    ]
    assert selectors.open_supply_rows([]) == []


def test_orders_by_status() -> None:
    draft = fp.purchase_order(status=P.DRAFT)
    open_order = fp.purchase_order()
    assert list(selectors.orders_by_status(P.DRAFT)) == [draft]
    assert list(selectors.orders_by_status(P.NOT_RECEIVED)) == [open_order]
    assert not selectors.orders_by_status(P.RECEIVED).exists()


def test_order_totals_add_tax_per_row() -> None:
    vat = contacts.create_tax_rate(name="VAT", rate=D(20))
    order = fp.purchase_order(
        fp.row(f.material(), 3, price="24", tax_rate=vat),
        fp.row(f.material(), "0.5", price="10"),
    )
    totals = selectors.order_totals(order)
    assert (totals.subtotal, totals.tax, totals.total) == (D(77), D("14.4"), D("91.4"))
    assert totals.currency == order.currency


def test_order_totals_survive_a_partial_receipt() -> None:
    order = fp.purchase_order(fp.row(fp.boxed_material(), 3))
    before = selectors.order_totals(order)
    fp.receive(order.rows.get(), 1)
    assert selectors.order_totals(order) == before
    assert before.total == D(72)


def test_a_row_without_arrival_date_falls_back_to_the_order() -> None:
    board = f.material()
    order = fp.purchase_order(fp.row(board, 1), expected_arrival_date=MARCH_5)
    services.update_row(row=order.rows.get(), changes={"arrival_date": None})
    (supply,) = selectors.open_supply_rows()
    assert supply.arrival_date == MARCH_5
    later = MARCH_5 + timedelta(days=1)
    services.update_order(order=order, changes={"expected_arrival_date": later})
    (supply,) = selectors.open_supply_rows()
    assert supply.arrival_date == later
