"""The availability panel (missing materials and why) and make to order from the list."""

import pytest
from django.test import Client
from django.urls import reverse

from makeline.production.models import ManufacturingOrder
from tests import factories as f
from tests import factories_production as fp
from tests import factories_sales as fs
from tests.integration.web.sell.test_open_list import rows_in_order

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_panel_lists_missing_materials_with_a_make_button_for_subassemblies(
    signed_in: Client,
) -> None:
    # given Katana's fixture P = 2 M + 1 S, one M in stock, supplier on M, an order for 2 P
    shop = fp.katana_fixture()
    supplier = f.supplier("Acme")
    shop.m.item.default_supplier = supplier
    shop.m.item.save()
    f.stock(shop.m, 1, at=shop.here)
    order = fs.sales_order((shop.p, 2), at=shop.here)
    # when the ingredients chip is opened (htmx)
    response = signed_in.get(reverse("web:sell:availability", args=[order.pk]), **HTMX)
    # then a fragment lists per ingredient required / in stock / expected / missing
    assert response.status_code == 200
    panel = response.content.decode()
    assert "<html" not in panel
    assert 'data-testid="missing-materials"' in panel
    m_line = panel.split(f'data-variant-id="{shop.m.pk}"')[1].split("</tr>")[0]
    assert [cell.split(">")[1].split("<")[0] for cell in m_line.split('<td class="num')[1:5]] == [
        "4",
        "1",
        "0",
        "3",
    ]
    assert "Acme" in m_line
    s_line = panel.split(f'data-variant-id="{shop.s.pk}"')[1].split("</tr>")[0]
    assert 'data-testid="make-ingredient"' in s_line  # S is a subassembly: + Make
    assert f"variant={shop.s.pk}" in s_line


def test_the_panel_explains_why_a_row_is_not_available(signed_in: Client) -> None:
    # given P in stock 3, taken by a higher-ranked order
    p = f.product("P")
    f.stock(p, 3)
    first = fs.sales_order((p, 3))
    second = fs.sales_order((p, 3))
    # when the second order's chip is opened
    panel = signed_in.get(
        reverse("web:sell:availability", args=[second.pk]), **HTMX
    ).content.decode()
    # then the why names the order served before it
    why = panel.split('data-testid="why"')[1].split("</div>")[0]
    assert f"{first.order_no} (served before) took 3 from stock" in why
    assert "3 is missing" in why


def test_the_panel_can_show_one_row_and_works_as_a_page_without_htmx(signed_in: Client) -> None:
    a, b = f.product("Alpha"), f.product("Beta")
    order = fs.sales_order((a, 1), (b, 1))
    row_b = fs.rows(order)[1]
    response = signed_in.get(reverse("web:sell:availability", args=[order.pk]), {"row": row_b.pk})
    page = response.content.decode()
    assert "<html" in page  # a whole page
    assert "Beta" in page
    assert "Alpha" not in page


def test_make_to_order_from_the_list_makes_mos_and_updates_the_table(
    signed_in: Client,
) -> None:
    # given an order for a product nobody has
    shop = fp.katana_fixture()
    order = fs.sales_order((shop.p, 2), at=shop.here)
    # when "+ Make to order" is pressed on the Open table
    response = signed_in.post(
        reverse("web:sell:make_all", args=[order.pk]), {"from": "list", "page": "1"}, **HTMX
    )
    # then an MO exists for the row, and the table shows it as expected and Not started
    assert response.status_code == 200
    mo = ManufacturingOrder.objects.get(sales_order_row__sales_order=order)
    assert mo.planned_quantity == 2
    table = response.content.decode()
    assert rows_in_order(table) == [order.order_no]
    row = table.split(f'data-order-no="{order.order_no}"')[1].split("</tr>")[0]
    assert 'data-status="EXPECTED"' in row
    assert 'data-status="NOT_STARTED"' in row
    assert 'data-testid="make-to-order"' not in row


def test_make_to_order_from_the_card_redirects_with_a_message(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    order = fs.sales_order((shop.p, 1), at=shop.here)
    response = signed_in.post(reverse("web:sell:make_all", args=[order.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:sell:order", args=[order.pk])
    assert f"{order.order_no} / 1" in response.content.decode()


def test_make_to_order_on_a_quote_is_refused_with_the_reason(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    quote = fs.quote((shop.p, 1), at=shop.here)
    response = signed_in.post(reverse("web:sell:make_all", args=[quote.pk]), follow=True)
    assert "is a quote" in response.content.decode()
    assert not ManufacturingOrder.objects.exists()


def test_the_item_search_offers_sellable_items_by_name_or_sku(signed_in: Client) -> None:
    chair = f.product("Oak chair", price="25")
    f.material("Oak plank")
    url = reverse("web:sell:items")
    by_name = signed_in.get(url, {"q": "oak"}).content.decode()
    assert "Oak chair" in by_name
    assert "Oak plank" not in by_name
    by_sku = signed_in.get(url, {"rows-0-variant": chair.sku}).content.decode()
    assert f'value="{chair}"' in by_sku
    assert "25.00" in by_sku
