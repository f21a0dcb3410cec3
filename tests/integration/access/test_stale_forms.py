"""Stale forms: a card saved from an older version of its document saves nothing and
shows the current version with a message."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from makeline.access.versions import STALE, version_of
from makeline.production import orders
from makeline.production.models import ManufacturingOrder
from makeline.purchasing.models import PurchaseOrder
from makeline.sales import services as sales
from makeline.sales.models import SalesOrder
from tests import factories_production as fp
from tests import factories_purchasing as fpo
from tests import factories_sales as fs
from tests.factories import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner(browser: Callable[[str], Client]) -> Client:
    return browser("planner")


def test_the_card_form_carries_the_version(planner: Client) -> None:
    order = fs.sales_order()
    page = planner.get(reverse("web:sell:order", args=[order.pk])).content.decode()
    assert f'name="version" value="{version_of(order)}"' in page


def test_a_stale_sales_order_header_is_not_saved(planner: Client) -> None:
    # given a card opened, then the order changed by someone else
    order = fs.sales_order()
    opened = version_of(order)
    sales.set_rank(order=order, rank=order.rank + 1)
    # when the card's header is saved
    url = reverse("web:sell:order", args=[order.pk])
    response = planner.post(url, {"version": opened, "order_no": "SO-STALE"}, follow=True)
    # then nothing is saved and the current version is shown with the message
    assert STALE in response.content.decode()
    assert SalesOrder.objects.get(pk=order.pk).order_no != "SO-STALE"


def test_a_stale_purchase_order_card_is_not_saved(planner: Client) -> None:
    order = fpo.purchase_order()
    opened = version_of(order)
    PurchaseOrder.objects.filter(pk=order.pk).update(additional_info="by someone else")
    order.refresh_from_db()
    order.save()  # someone else's save moves updated_at on
    data: dict[str, Any] = {"version": opened, "additional_info": "mine"}
    response = planner.post(reverse("web:buy:order", args=[order.pk]), data, follow=True)
    assert STALE in response.content.decode()
    assert PurchaseOrder.objects.get(pk=order.pk).additional_info == "by someone else"


def test_a_stale_manufacturing_order_edit_is_not_saved(planner: Client) -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 2)
    opened = version_of(mo)
    orders.update_manufacturing_order(mo=mo, changes={"additional_info": "theirs"})
    data = {"version": opened, "production_deadline_date": "2026-05-02", "planned_quantity": "9"}
    response = planner.post(reverse("web:make:edit", args=[mo.pk]), data, follow=True)
    assert STALE in response.content.decode()
    assert ManufacturingOrder.objects.get(pk=mo.pk).planned_quantity == D(2)


def test_the_current_version_saves(planner: Client) -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 2)
    data = {
        "version": version_of(mo),
        "production_deadline_date": "2026-05-02",
        "planned_quantity": "3",
        "additional_info": "",
    }
    assert planner.post(reverse("web:make:edit", args=[mo.pk]), data).status_code == 302
    assert ManufacturingOrder.objects.get(pk=mo.pk).planned_quantity == D(3)
