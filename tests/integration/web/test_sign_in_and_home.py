"""Signing in and out, and the home page's overview."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from makeline.catalog.services import archive_item
from makeline.purchasing.enums import PurchaseOrderStatus
from tests import factories as f
from tests import factories_production as fp
from tests import factories_purchasing as fpo
from tests import factories_sales as fs
from tests.integration.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_home_sends_strangers_to_the_sign_in_page(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_the_sign_in_page_renders_with_a_form(client: Client) -> None:
    response = client.get(reverse("login"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Sign in</h1>" in page
    assert 'name="username"' in page
    assert 'name="password"' in page
    assert "csrfmiddlewaretoken" in page
    assert "htmx" in page  # the base template loads htmx
    assert "Sign out" not in page


def test_signing_in_with_the_right_password_opens_home(client: Client, person: User) -> None:
    response = client.post(
        reverse("login"), {"username": "maria", "password": PASSWORD, "next": "/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_is_refused_on_the_page(client: Client, person: User) -> None:
    response = client.post(reverse("login"), {"username": "maria", "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_home_shows_the_navigation_and_the_signed_in_person(signed_in: Client) -> None:
    page = signed_in.get("/").content.decode()
    for section in ("Sell", "Make", "Buy", "Stock", "Items", "Contacts", "Settings", "+ New"):
        assert section in page
    assert "maria" in page
    assert f'action="{reverse("logout")}"' in page


def test_home_counts_open_orders_and_items_in_use(signed_in: Client) -> None:
    # given: 2 open sales orders and a quote, 1 open and 1 draft purchase order,
    # 1 manufacturing order, and an archived item
    chair = f.product("Chair")
    fs.sales_order((chair, 1))
    fs.sales_order((chair, 2))
    fs.quote((chair, 1))
    fpo.purchase_order()
    fpo.purchase_order(status=PurchaseOrderStatus.DRAFT)
    fp.mo(chair, 1)
    archive_item(item=f.material("Old board").item)
    # when home is opened
    overview = signed_in.get("/").context["overview"]
    # then only open documents and items in use are counted
    assert overview.open_sales_orders == 2
    assert overview.open_purchase_orders == 1
    assert overview.open_manufacturing_orders == 1
    assert overview.items == 3  # Chair and the materials of the two purchase orders


def test_home_shows_the_counts(signed_in: Client) -> None:
    fpo.purchase_order()
    page = signed_in.get("/").content.decode()
    assert '<span class="count" id="open-purchase-orders">1</span>' in page
    assert '<span class="count" id="open-sales-orders">0</span>' in page


def test_signing_out_is_a_post_that_ends_the_session(signed_in: Client) -> None:
    # a GET does not sign out (Django 5+)
    assert signed_in.get(reverse("logout")).status_code == 405
    # a POST does, and goes back to the sign-in page
    response = signed_in.post(reverse("logout"), {"next": reverse("login")})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert signed_in.get("/").status_code == 302
