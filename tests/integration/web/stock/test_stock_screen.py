"""The Stock screen: the inventory list, safety stock in place, the figures behind a number,
stock adjustments and the item page with its projected stock."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from makeline.inventory import selectors as inventory
from makeline.inventory.models import SafetyStock, StockAdjustment, StockMove
from tests import factories as f
from tests import factories_production as fp
from tests import factories_purchasing as fpo
from tests.factories import D

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/stock/", "/stock/adjustments/", "/stock/adjustments/new/", "/stock/items/search/"]
)
def test_stock_pages_send_strangers_to_sign_in(client: Client, url: str) -> None:
    assert client.get(url).status_code == 302


def test_the_list_shows_the_figures_and_calculated_stock(signed_in: Client) -> None:
    # given 10 oak in stock at 2.50, 14 committed to an MO, 3 expected from a PO
    here = f.location()
    oak = f.material("Oak", supplier=f.supplier("Acme"))
    f.stock(oak, 10, cost="2.50")
    chair = f.product("Chair", bom={oak: "7"})
    fp.mo(chair, 2)
    fpo.purchase_order(fpo.row(oak, 3))
    # when the inventory at the location is opened
    response = signed_in.get(f"/stock/?location={here.pk}")
    (line,) = [x for x in response.context["lines"] if x.variant == oak]
    # then the figures come from the plan and calculated stock is 10 − 14 + 3 = −1
    figures = line.figures
    assert (figures.in_stock, figures.committed, figures.expected) == (D(10), D(14), D(3))
    assert figures.calculated == D(-1)
    assert line.average_cost == D("2.5")
    assert line.value_in_stock == D(25)
    page = response.content.decode()
    assert "stock-negative" in page
    assert f"/buy/orders/new/?variant={oak.pk}&quantity=1&supplier=" in page


def test_a_producible_item_short_of_stock_offers_make(signed_in: Client) -> None:
    chair = f.product("Chair")
    fp.sales_order({chair: "2"})
    page = signed_in.get("/stock/").content.decode()
    assert f"/make/orders/new/?variant={chair.pk}&quantity=2" in page


def test_all_locations_sums_per_variant(signed_in: Client) -> None:
    oak = f.material("Oak")
    f.stock(oak, 4)
    f.stock(oak, 6, at=f.location("Annex"))
    response = signed_in.get("/stock/")
    (line,) = [x for x in response.context["lines"] if x.variant == oak]
    assert line.figures.in_stock == D(10)


def test_the_list_costs_the_same_queries_whatever_its_length(
    signed_in: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    here = f.location()
    for n in range(60):
        variant = f.material(f"Material {n:02}")
        f.stock(variant, n + 1, cost="1")
    with django_assert_max_num_queries(9):
        response = signed_in.get(f"/stock/?location={here.pk}")
    assert len(response.context["lines"]) == 50


def test_safety_stock_is_edited_in_place(signed_in: Client) -> None:
    here, oak = f.location(), f.material("Oak")
    f.stock(oak, 5)
    response = signed_in.post(
        "/stock/safety-stock/",
        {"variant": oak.pk, "location": here.pk, "level": "8"},
        headers={"HX-Request": "true"},
    )
    # then only the row comes back, with the new calculated stock 5 − 8 = −3
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith("<tr")
    assert inventory.safety_stock(variant_id=oak.pk, location_id=here.pk) == D(8)
    assert response.context["line"].figures.calculated == D(-3)


def test_a_negative_safety_stock_is_refused_in_the_row(signed_in: Client) -> None:
    here, oak = f.location(), f.material("Oak")
    response = signed_in.post(
        "/stock/safety-stock/",
        {"variant": oak.pk, "location": here.pk, "level": "-2"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "safety stock must not be negative" in page
    assert 'value="-2"' in page
    assert not SafetyStock.objects.exists()


def test_committed_lists_the_orders_behind_it(signed_in: Client) -> None:
    oak = f.material("Oak")
    chair = f.product("Chair", bom={oak: "4"})
    mo = fp.mo(chair, 2)
    table = f.product("Table", purchasable=True)
    order = fp.sales_order({table: "1"})
    response = signed_in.get(f"/stock/items/{oak.pk}/committed/", headers={"HX-Request": "true"})
    assert mo.order_no in response.content.decode()
    response = signed_in.get(f"/stock/items/{table.pk}/committed/")
    assert order.order_no in response.content.decode()


def test_expected_lists_purchase_and_manufacturing_orders(signed_in: Client) -> None:
    chair = f.product("Chair", purchasable=True)
    po = fpo.purchase_order(fpo.row(chair, 2))
    mo = fp.mo(chair, 3)
    page = signed_in.get(f"/stock/items/{chair.pk}/expected/").content.decode()
    assert po.order_no in page
    assert mo.order_no in page


def test_in_stock_lists_the_recent_moves(signed_in: Client) -> None:
    oak = f.material("Oak")
    adjustment = f.stock(oak, 3)
    page = signed_in.get(f"/stock/items/{oak.pk}/in_stock/").content.decode()
    assert adjustment.stock_adjustment_number in page


# --- adjustments --------------------------------------------------------------------------


def _adjustment_post(location_id: int, **row: str) -> dict[str, str]:
    data = {
        "location": str(location_id),
        "reason": "stocktake",
        "adjusted_on": "",
        "additional_info": "",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
    }
    data.update({f"rows-0-{k}": v for k, v in row.items()})
    return data


def test_a_stock_adjustment_books_the_rows(signed_in: Client) -> None:
    here, oak = f.location(), f.material("Oak")
    response = signed_in.post(
        "/stock/adjustments/new/",
        _adjustment_post(here.pk, item=str(oak), quantity="7", cost_per_unit="2"),
    )
    assert response.status_code == 302
    assert fp.on_hand(oak) == D(7)
    adjustment = StockAdjustment.objects.get()
    assert adjustment.reason == "stocktake"
    page = signed_in.get("/stock/adjustments/").content.decode()
    assert adjustment.stock_adjustment_number in page


def test_an_adjustment_row_of_zero_is_refused(signed_in: Client) -> None:
    here, oak = f.location(), f.material("Oak")
    response = signed_in.post(
        "/stock/adjustments/new/", _adjustment_post(here.pk, item=str(oak), quantity="0")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The quantity must not be zero." in page
    assert "stocktake" in page
    assert not StockAdjustment.objects.exists()
    assert not StockMove.objects.exists()


def test_a_negative_row_with_a_cost_is_refused_by_the_service(signed_in: Client) -> None:
    here, oak = f.location(), f.material("Oak")
    response = signed_in.post(
        "/stock/adjustments/new/",
        _adjustment_post(here.pk, item=str(oak), quantity="-1", cost_per_unit="3"),
    )
    assert "leave its cost empty" in response.content.decode()
    assert not StockAdjustment.objects.exists()


# --- item page ----------------------------------------------------------------------------


def test_the_item_page_draws_the_projected_stock(signed_in: Client) -> None:
    # given 10 in stock, 6 arriving in 5 days, 14 needed by an MO due in 7 days
    oak = f.material("Oak")
    f.stock(oak, 10)
    soon = timezone.now() + timedelta(days=5)
    fpo.purchase_order(fpo.row(oak, 6), expected_arrival_date=soon)
    fp.mo(f.product("Chair", bom={oak: "7"}), 2)
    response = signed_in.get(f"/stock/items/{oak.pk}/")
    # then the series is 10 → 16 → 2 and an SVG step line is drawn
    assert [s.balance for s in response.context["steps"]] == [D(10), D(16), D(2)]
    page = response.content.decode()
    assert "<svg" in page
    assert "stock-chart-line" in page
    assert "stock-chart-zero" in page


def test_the_item_page_lists_movements_and_figures_per_location(signed_in: Client) -> None:
    oak = f.material("Oak")
    adjustment = f.stock(oak, 4, at=f.location("Annex"))
    page = signed_in.get(f"/stock/items/{oak.pk}/").content.decode()
    assert "Annex" in page
    assert adjustment.stock_adjustment_number in page
