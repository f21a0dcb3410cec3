"""The Sell screen's Open, Done and Quotes tables."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from makeline.production import make_to_order, orders
from makeline.sales import fulfilment, services
from makeline.sales.enums import FulfillmentStatus
from makeline.sales.selectors import revenue_cogs_profit
from makeline.web.sell import selectors
from tests import factories as f
from tests import factories_sales as fs
from tests.factories import D

pytestmark = pytest.mark.django_db


def rows_in_order(page: str) -> list[str]:
    """The order numbers of the table rows, top to bottom."""
    return [part.split('"')[0] for part in page.split('data-order-no="')[1:]]


def test_the_sell_screens_send_strangers_to_sign_in(client: Client) -> None:
    order = fs.sales_order()
    for name, args in (
        ("open", []),
        ("done", []),
        ("quotes", []),
        ("new", []),
        ("order", [order.pk]),
        ("availability", [order.pk]),
        ("items", []),
    ):
        response = client.get(reverse(f"web:sell:{name}", args=args))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login"))
    response = client.post(reverse("web:sell:rerank"), {"id": order.pk, "move": "top"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_open_table_lists_open_orders_in_rank_order_with_their_columns(
    signed_in: Client,
) -> None:
    # given two orders, a quote and a delivered order
    p = f.product("Chair", price="25")
    first = fs.sales_order((p, 2), customer=f.customer("Ada"))
    second = fs.sales_order((p, 1))
    quote = fs.quote((p, 1))
    delivered = fs.sales_order((f.service_item(), 1))
    fulfilment.fulfil(order=delivered, status=FulfillmentStatus.DELIVERED)
    # when
    response = signed_in.get(reverse("web:sell:open"))
    # then only the open ones show, top priority first, with their figures
    assert response.status_code == 200
    page = response.content.decode()
    assert rows_in_order(page) == [first.order_no, second.order_no]
    assert quote.order_no not in page
    assert delivered.order_no not in page
    assert "Ada" in page
    assert "50.00" in page  # 2 × 25
    assert 'data-rank-url="/sell/rerank/"' in page
    assert 'data-testid="move-up"' in page
    assert "Sortable.min.js" in page
    assert "rank.js" in page
    assert 'data-status="NOT_AVAILABLE"' in page
    assert 'data-testid="make-to-order"' in page  # Chair is producible and not available


def test_the_delivery_deadline_is_red_when_an_item_is_not_available(signed_in: Client) -> None:
    # given an order nothing covers, and one that is in stock
    short = fs.sales_order((f.product(), 1))
    p = f.product()
    f.stock(p, 5)
    fine = fs.sales_order((p, 1))
    # when
    page = signed_in.get(reverse("web:sell:open")).content.decode()
    # then
    short_row = page.split(f'data-order-no="{short.order_no}"')[1].split("</tr>")[0]
    fine_row = page.split(f'data-order-no="{fine.order_no}"')[1].split("</tr>")[0]
    assert 'class="nowrap at-risk"' in short_row
    assert "an item is not available" in short_row
    assert "at-risk" not in fine_row


def test_at_risk_also_when_the_deadline_passed_or_production_ends_later() -> None:
    # given an in-stock order due yesterday, and an MTO order whose MO ends after its deadline
    p = f.product()
    f.stock(p, 10)
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    late = services.create_sales_order(
        customer=f.customer(),
        location=f.location(),
        rows=[fs.spec(p, 1)],
        order_created_date=now - timedelta(days=5),
        delivery_date=now - timedelta(days=1),
    )
    made = services.create_sales_order(
        customer=f.customer(),
        location=f.location(),
        rows=[fs.spec(f.product(), 1)],
        delivery_date=now + timedelta(days=2),
    )
    mo = make_to_order.make_to_order(sales_order_row=made.rows.get())
    orders.update_manufacturing_order(
        mo=mo, changes={"production_deadline_date": now + timedelta(days=9)}
    )
    # when
    lines = {line.order.pk: line for line in selectors.open_page(1, now=now).lines}
    # then
    assert lines[late.pk].risks == ("the delivery deadline has passed",)
    assert "production ends after the delivery deadline" in lines[made.pk].risks
    assert lines[made.pk].production == "NOT_STARTED"
    assert not lines[made.pk].can_make  # its only row is made to order already


def test_the_open_list_costs_the_same_queries_for_5_and_60_orders(signed_in: Client) -> None:
    # given 5 orders (two rows each, one made to order)
    p, q = f.product(bom={f.material(): "1"}), f.product()
    f.stock(q, 3)

    def add_orders(n: int) -> None:
        for _ in range(n):
            order = fs.sales_order((p, 1), (q, 1))
            make_to_order.make_to_order(sales_order_row=fs.rows(order)[0])

    add_orders(5)
    url = reverse("web:sell:open")
    signed_in.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as five:
        assert signed_in.get(url).status_code == 200
    # when 55 more arrive (the page shows 50)
    add_orders(55)
    with CaptureQueriesContext(connection) as sixty:
        page = signed_in.get(url).content.decode()
    # then
    assert len(rows_in_order(page)) == 50
    assert len(sixty) == len(five)
    assert len(sixty) <= 15


def test_the_open_table_pages_by_50(signed_in: Client) -> None:
    for _ in range(51):
        fs.sales_order((f.service_item(), 1))
    page_two = signed_in.get(reverse("web:sell:open"), {"page": 2}).content.decode()
    assert len(rows_in_order(page_two)) == 1
    assert "Page 2 of 2" in page_two


def test_the_done_table_shows_revenue_cogs_and_profit(signed_in: Client) -> None:
    # given a delivered order: 2 chairs at 25 that cost 10 each
    chair = f.product("Chair", price="25")
    f.stock(chair, 5, cost="10")
    order = fs.sales_order((chair, 2))
    fulfilment.fulfil(order=order, status=FulfillmentStatus.DELIVERED)
    # when
    page = signed_in.get(reverse("web:sell:done")).content.decode()
    # then the figures are the sales selector's
    assert rows_in_order(page) == [order.order_no]
    figures = revenue_cogs_profit(order)
    assert (figures.revenue, figures.cogs, figures.profit) == (D(50), D(20), D(30))
    assert '<td class="num" data-testid="revenue">50.00</td>' in page
    assert '<td class="num" data-testid="cogs">20.00</td>' in page
    assert '<td class="num" data-testid="profit">30.00</td>' in page


def test_the_done_list_costs_the_same_queries_for_few_and_many_orders(signed_in: Client) -> None:
    service = f.service_item()

    def deliver(n: int) -> None:
        for _ in range(n):
            fulfilment.fulfil(
                order=fs.sales_order((service, 1)), status=FulfillmentStatus.DELIVERED
            )

    deliver(2)
    url = reverse("web:sell:done")
    signed_in.get(url)
    with CaptureQueriesContext(connection) as few:
        signed_in.get(url)
    deliver(10)
    with CaptureQueriesContext(connection) as many:
        signed_in.get(url)
    assert len(many) == len(few)


def test_the_quotes_table_lists_quotes_only(signed_in: Client) -> None:
    quote = fs.quote((f.product(price="7"), 3))
    order = fs.sales_order()
    page = signed_in.get(reverse("web:sell:quotes")).content.decode()
    assert rows_in_order(page) == [quote.order_no]
    assert order.order_no not in page
    assert "21.00" in page


def test_empty_tables_say_so(signed_in: Client) -> None:
    for name in ("open", "done", "quotes"):
        page = signed_in.get(reverse(f"web:sell:{name}")).content.decode()
        assert f'data-testid="{name}-empty"' in page


def test_the_navigation_links_to_the_sell_screen(signed_in: Client) -> None:
    page = signed_in.get(reverse("web:sell:open")).content.decode()
    assert f'href="{reverse("web:sell:open")}" aria-current="page"' in page
    assert f'href="{reverse("web:sell:new")}"' in page
