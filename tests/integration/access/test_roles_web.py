"""Roles on the screens: for each role one action it may do and one it may not. A refused
action answers the 403 page and changes nothing."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from makeline.catalog.models import Location
from makeline.production.enums import ManufacturingOrderStatus as M
from makeline.production.models import ManufacturingOrder
from makeline.purchasing.enums import PurchaseOrderStatus as P
from makeline.purchasing.models import PurchaseOrder
from tests import factories as f
from tests import factories_production as fp
from tests import factories_purchasing as fpo
from tests import factories_sales as fs
from tests.factories import D

pytestmark = pytest.mark.django_db

Browser = Callable[[str], Client]


def new_location(client: Client) -> int:
    url = reverse("web:settings_screen:new_location")
    return client.post(url, {"location-name": "Workshop"}).status_code


def confirm(client: Client, order: PurchaseOrder) -> int:
    return client.post(reverse("web:buy:action", args=[order.pk, "confirm"])).status_code


def status_of(order: PurchaseOrder) -> str:
    return PurchaseOrder.objects.get(pk=order.pk).status


def test_a_signed_out_visitor_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("web:sell:open"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_admin_may_change_the_settings(browser: Browser) -> None:
    # given an admin; when they add a location; then it is there
    assert new_location(browser("admin")) == 302
    assert Location.objects.filter(name="Workshop").exists()


def test_a_planner_may_buy_but_not_change_the_settings(browser: Browser) -> None:
    planner = browser("planner")
    order = fpo.purchase_order(status=P.DRAFT)
    # when the planner confirms a draft, it is confirmed
    assert confirm(planner, order) == 302
    assert status_of(order) == P.NOT_RECEIVED
    # when the planner adds a location, the 403 page answers and nothing is added
    response = planner.post(reverse("web:settings_screen:new_location"), {"location-name": "W"})
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    assert not Location.objects.filter(name="W").exists()


def test_a_purchaser_may_confirm_a_purchase_order_but_not_edit_a_sales_order(
    browser: Browser,
) -> None:
    purchaser = browser("purchaser")
    order = fpo.purchase_order(status=P.DRAFT)
    assert confirm(purchaser, order) == 302
    assert status_of(order) == P.NOT_RECEIVED
    sales_order = fs.sales_order()
    response = purchaser.post(
        reverse("web:sell:order", args=[sales_order.pk]), {"order_no": "SO-X"}
    )
    assert response.status_code == 403
    sales_order.refresh_from_db()
    assert sales_order.order_no != "SO-X"


def test_the_shop_floor_may_record_a_production_but_not_edit_the_order(browser: Browser) -> None:
    shop = fp.katana_fixture()
    f.stock(shop.m, 100, at=shop.here, cost="2")
    f.stock(shop.s, 100, at=shop.here, cost="5")
    mo = fp.mo(shop.p, 4)
    floor = browser("shop floor")
    # the schedule can be read
    assert floor.get(reverse("web:make:schedule")).status_code == 200
    # a production is recorded
    floor.post(reverse("web:make:produce", args=[mo.pk]), {"quantity": "1"})
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == M.PARTIALLY_COMPLETED
    # the quantity cannot be edited
    response = floor.post(
        reverse("web:make:edit", args=[mo.pk]),
        {"production_deadline_date": "2026-05-02", "planned_quantity": "9"},
    )
    assert response.status_code == 403
    assert ManufacturingOrder.objects.get(pk=mo.pk).planned_quantity == D(4)


def test_a_viewer_may_read_but_not_confirm(browser: Browser) -> None:
    viewer = browser("viewer")
    order = fpo.purchase_order(status=P.DRAFT)
    assert viewer.get(reverse("web:buy:order", args=[order.pk])).status_code == 200
    assert confirm(viewer, order) == 403
    assert status_of(order) == P.DRAFT
