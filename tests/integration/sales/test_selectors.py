"""Sales reads: quantities, totals, the Sell lists and open demand for planning."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from makeline.catalog import contacts
from makeline.sales import fulfilment, selectors, services
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from makeline.sales.services import RowSpec
from tests import factories as f
from tests import factories_sales as fs
from tests.factories import D

pytestmark = pytest.mark.django_db

PACKED, DELIVERED = FulfillmentStatus.PACKED, FulfillmentStatus.DELIVERED


def test_fulfilled_and_open_quantities_per_row() -> None:
    order = fs.sales_order((f.product(), 5), (f.product(), 2))
    r1, r2 = fs.rows(order)
    fulfilment.fulfil(order=order, rows=[(r1, D(1))], status=PACKED)
    fulfilment.fulfil(order=order, rows=[(r1, D(2))], status=DELIVERED)
    assert selectors.fulfilled_quantities(order) == {r1.pk: (D(1), D(2)), r2.pk: (D(0), D(0))}
    assert (selectors.open_quantity(r1), selectors.open_quantity(r2)) == (D(2), D(2))
    assert not selectors.row_is_fulfilled(r1)


def test_a_quotes_rows_are_open_but_not_demand() -> None:
    quote = fs.quote((f.product(), 4))
    assert selectors.open_quantity(quote.rows.get()) == D(4)
    assert selectors.open_demand_rows() == []


def test_order_totals_apply_discount_then_tax() -> None:
    vat = contacts.create_tax_rate(name="VAT", rate=D(20))
    order = fs.sales_order(
        RowSpec(
            variant=f.product(),
            quantity=D(3),
            price_per_unit=D(10),
            total_discount=D(5),
            tax_rate=vat,
        ),
        RowSpec(variant=f.product(), quantity=D(1), price_per_unit=D(50)),
    )
    assert selectors.order_totals(order) == (D(75), D(5), D(80))


def test_revenue_excludes_tax() -> None:
    vat = contacts.create_tax_rate(name="VAT", rate=D(20))
    p = f.product()
    f.stock(p, 2, cost="3")
    order = fs.sales_order(RowSpec(variant=p, quantity=D(2), price_per_unit=D(10), tax_rate=vat))
    fulfilment.set_status(order=order, status=SalesOrderStatus.DELIVERED)
    assert selectors.revenue_cogs_profit(order) == (D(20), D(6), D(14))


def test_the_sell_lists_split_open_done_and_quotes() -> None:
    open_first, open_second = fs.sales_order(), fs.sales_order()
    done = fs.sales_order()
    fulfilment.set_status(order=done, status=SalesOrderStatus.DELIVERED)
    quote = fs.quote()
    services.set_rank(order=open_second, rank=open_first.rank - 1)
    assert list(selectors.open_orders()) == [open_second, open_first]
    assert list(selectors.done_orders()) == [done]
    assert list(selectors.quotes()) == [quote]


def test_open_demand_rows_lists_stocked_rows_of_open_orders_in_rank_order() -> None:
    p, q = f.product(), f.product()
    first = fs.sales_order((p, 3), (f.service_item(), 1))
    second = fs.sales_order((q, 2))
    services.set_rank(order=second, rank=first.rank - 1)
    fulfilment.fulfil(order=first, rows=[(fs.rows(first)[0], D(1))], status=PACKED)
    delivered = fs.sales_order((p, 1))
    fulfilment.set_status(order=delivered, status=SalesOrderStatus.DELIVERED)
    here = first.location_id
    assert selectors.open_demand_rows() == [
        (second.rows.get().pk, q.pk, here, D(2), second.rank, second.pk, "SO-2"),
        (fs.rows(first)[0].pk, p.pk, here, D(2), first.rank, first.pk, "SO-1"),
    ]


def test_open_demand_rows_takes_one_query_whatever_the_size() -> None:
    for _ in range(5):
        order = fs.sales_order((f.product(), 2), (f.product(), 3))
        fulfilment.fulfil(order=order, rows=[(fs.rows(order)[0], D(1))], status=PACKED)
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.open_demand_rows()
    assert len(rows) == 10
    assert len(queries) == 1
