"""Changing priorities on the Open table: drag and drop (before_id / after_id) and the move
buttons, with every status re-rendered (Katana's three-order example, §1.3)."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from makeline.planning import selectors as planning
from makeline.production import make_to_order
from makeline.production.models import ManufacturingOrder
from makeline.sales import fulfilment
from makeline.sales.enums import FulfillmentStatus
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests import factories_production as fp
from tests import factories_sales as fs
from tests.integration.web.sell.test_open_list import rows_in_order

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass
class ThreeOrders:
    so1: SalesOrder
    so2: SalesOrder
    so3: SalesOrder


@pytest.fixture
def three_orders() -> ThreeOrders:
    """Katana's example: P in stock 4, an MTS MO making 3, three orders of 3 in ranks 1-3."""
    p = f.product("P")
    f.stock(p, 4)
    fp.mo(p, 3)
    return ThreeOrders(*(fs.sales_order((p, 3)) for _ in range(3)))


def chip(page: str, order: SalesOrder) -> str:
    """The sales items status shown on the order's row."""
    row = page.split(f'data-order-no="{order.order_no}"')[1].split("</tr>")[0]
    cell = row.split('data-testid="sales-items"')[1]
    return cell.split('data-status="')[1].split('"')[0]


def statuses(page: str, o: ThreeOrders) -> tuple[str, str, str]:
    return chip(page, o.so1), chip(page, o.so2), chip(page, o.so3)


def test_dragging_the_third_order_to_the_top_flips_the_chips(
    signed_in: Client, three_orders: ThreeOrders
) -> None:
    o = three_orders
    # given
    page = signed_in.get(reverse("web:sell:open")).content.decode()
    assert statuses(page, o) == ("IN_STOCK", "EXPECTED", "NOT_AVAILABLE")
    # when SO-3 is dropped above SO-1 (htmx, as rank.js sends it)
    response = signed_in.post(
        reverse("web:sell:rerank"), {"id": o.so3.pk, "before_id": o.so1.pk, "page": "1"}, **HTMX
    )
    # then the re-rendered table alone comes back, in the new order, with every chip updated
    assert response.status_code == 200
    table = response.content.decode()
    assert 'id="open-orders"' in table
    assert "<html" not in table
    assert rows_in_order(table) == [o.so3.order_no, o.so1.order_no, o.so2.order_no]
    assert statuses(table, o) == ("EXPECTED", "NOT_AVAILABLE", "IN_STOCK")
    assert planning.sales_order_statuses(o.so3).product.status == "IN_STOCK"


def test_dropping_an_order_last_sends_the_one_above_it(
    signed_in: Client, three_orders: ThreeOrders
) -> None:
    o = three_orders
    # when SO-1 is dropped below SO-3 (the end of the list: rank.js sends after_id)
    response = signed_in.post(
        reverse("web:sell:rerank"), {"id": o.so1.pk, "after_id": o.so3.pk}, **HTMX
    )
    # then
    table = response.content.decode()
    assert rows_in_order(table) == [o.so2.order_no, o.so3.order_no, o.so1.order_no]
    assert statuses(table, o) == ("NOT_AVAILABLE", "IN_STOCK", "EXPECTED")


def test_move_to_top_button_gives_the_order_first_claim_on_stock(
    signed_in: Client, three_orders: ThreeOrders
) -> None:
    o = three_orders
    response = signed_in.post(reverse("web:sell:rerank"), {"id": o.so3.pk, "move": "top"}, **HTMX)
    assert rows_in_order(response.content.decode())[0] == o.so3.order_no
    assert statuses(response.content.decode(), o) == ("EXPECTED", "NOT_AVAILABLE", "IN_STOCK")


def test_up_and_down_buttons_swap_neighbours(signed_in: Client, three_orders: ThreeOrders) -> None:
    o = three_orders
    url = reverse("web:sell:rerank")
    # when SO-2 goes up
    table = signed_in.post(url, {"id": o.so2.pk, "move": "up"}, **HTMX).content.decode()
    # then it is first and served first
    assert rows_in_order(table) == [o.so2.order_no, o.so1.order_no, o.so3.order_no]
    assert chip(table, o.so2) == "IN_STOCK"
    # when SO-2 goes down again
    table = signed_in.post(url, {"id": o.so2.pk, "move": "down"}, **HTMX).content.decode()
    # then
    assert rows_in_order(table) == [o.so1.order_no, o.so2.order_no, o.so3.order_no]
    assert statuses(table, o) == ("IN_STOCK", "EXPECTED", "NOT_AVAILABLE")


def test_moving_the_first_order_up_changes_nothing(
    signed_in: Client, three_orders: ThreeOrders
) -> None:
    o = three_orders
    rank = o.so1.rank
    table = signed_in.post(
        reverse("web:sell:rerank"), {"id": o.so1.pk, "move": "up"}, **HTMX
    ).content.decode()
    o.so1.refresh_from_db()
    assert o.so1.rank == rank
    assert rows_in_order(table)[0] == o.so1.order_no


def test_without_htmx_the_move_buttons_redirect_back_to_the_same_page(
    signed_in: Client, three_orders: ThreeOrders
) -> None:
    o = three_orders
    response = signed_in.post(
        reverse("web:sell:rerank"), {"id": o.so3.pk, "move": "up", "page": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:sell:open") + "?page=1"
    page = signed_in.get(response["Location"]).content.decode()
    assert rows_in_order(page) == [o.so1.order_no, o.so3.order_no, o.so2.order_no]


def test_reranking_moves_the_make_to_order_mo_along(signed_in: Client) -> None:
    # given two orders, the second made to order
    first = fs.sales_order((f.product(), 1))
    second = fs.sales_order((f.product(), 1))
    mo = make_to_order.make_to_order(sales_order_row=second.rows.get())
    # when the second goes to the top
    signed_in.post(reverse("web:sell:rerank"), {"id": second.pk, "before_id": first.pk}, **HTMX)
    # then its MO shares its new rank
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.rank < first.rank
    assert ManufacturingOrder.objects.get(pk=mo.pk).rank == second.rank


def test_a_refused_move_shows_the_reason_in_the_table_and_changes_nothing(
    signed_in: Client,
) -> None:
    # given an open order and a delivered one (which has no place in the queue)
    open_order = fs.sales_order((f.service_item(), 1))
    done = fs.sales_order((f.service_item(), 1))
    fulfilment.fulfil(order=done, status=FulfillmentStatus.DELIVERED)
    rank = open_order.rank
    # when the open order is dropped next to the delivered one
    response = signed_in.post(
        reverse("web:sell:rerank"), {"id": open_order.pk, "before_id": done.pk}, **HTMX
    )
    # then
    table = response.content.decode()
    assert 'data-testid="rank-error"' in table
    assert "delivered" in table
    open_order.refresh_from_db()
    assert open_order.rank == rank


def test_rerank_needs_a_post(signed_in: Client) -> None:
    assert signed_in.get(reverse("web:sell:rerank")).status_code == 405
