"""The Settings screen: shop settings, locations, resources and tax rates."""

import pytest
from django.test import Client
from django.urls import reverse

from makeline.catalog import contacts
from makeline.catalog.models import Location, Resource, Shop, TaxRate
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db

URL = reverse("web:settings_screen:settings")


def shop_form(**changes: str) -> dict[str, str]:
    data = {
        "name": "Oak & Co",
        "legal_name": "Oak and Company Ltd",
        "address": "1 Mill Rd",
        "currency": "nok",
        "default_so_delivery_days": "10",
        "default_po_lead_days": "5",
        "default_mo_deadline_days": "3",
    }
    data.update(changes)
    return data


def test_settings_need_a_signed_in_user(client: Client) -> None:
    assert client.get(URL).status_code == 302
    client.post(reverse("web:settings_screen:new_tax_rate"), {"tax-name": "VAT", "tax-rate": "25"})
    assert not TaxRate.objects.exists()


def test_the_page_shows_every_section(signed_in: Client) -> None:
    f.location()
    f.resource("Bench")
    contacts.create_tax_rate(name="VAT", rate=D(25))
    html = signed_in.get(URL).content.decode()
    for text in ("Main location", "Bench", "VAT", 'id="shop"'):
        assert text in html


# --- shop -------------------------------------------------------------------------------


def test_the_shop_settings_are_saved(signed_in: Client) -> None:
    response = signed_in.post(URL, shop_form())
    shop = Shop.objects.get()
    assert (shop.name, shop.currency, shop.default_so_delivery_days) == ("Oak & Co", "NOK", 10)
    assert (shop.default_po_lead_days, shop.default_mo_deadline_days) == (5, 3)
    assert response["Location"].endswith("#shop")


def test_refused_shop_settings_keep_the_input_and_save_nothing(signed_in: Client) -> None:
    response = signed_in.post(URL, shop_form(default_po_lead_days="-1"))
    assert "default_po_lead_days" in response.context["shop_form"].errors
    assert 'value="Oak &amp; Co"' in response.content.decode()
    assert Shop.objects.get().name == "My shop"


# --- locations --------------------------------------------------------------------------


def test_a_location_is_created_with_its_flags(signed_in: Client) -> None:
    signed_in.post(
        reverse("web:settings_screen:new_location"),
        {"location-name": "Workshop", "location-manufacturing_allowed": "on"},
    )
    workshop = Location.objects.get(name="Workshop")
    assert (workshop.sales_allowed, workshop.manufacturing_allowed, workshop.purchase_allowed) == (
        False,
        True,
        False,
    )


def test_a_duplicate_location_name_is_refused_next_to_the_name(signed_in: Client) -> None:
    f.location()
    response = signed_in.post(
        reverse("web:settings_screen:new_location"),
        {"location-name": "Main location", "location-address": "2 Dock Rd"},
    )
    assert "exists already" in response.context["location_form"].errors["name"][0]
    assert "2 Dock Rd" in response.content.decode()
    assert Location.objects.count() == 1


def test_a_location_is_edited_on_its_page(signed_in: Client) -> None:
    main = f.location()
    url = reverse("web:settings_screen:location", args=[main.pk])
    assert signed_in.get(url).status_code == 200
    signed_in.post(url, {"name": "Shop floor", "address": "1 Mill Rd", "sales_allowed": "on"})
    main.refresh_from_db()
    assert (main.name, main.address, main.sales_allowed, main.manufacturing_allowed) == (
        "Shop floor",
        "1 Mill Rd",
        True,
        False,
    )


def test_a_refused_location_edit_saves_nothing(signed_in: Client) -> None:
    main = f.location()
    f.location("Workshop")
    response = signed_in.post(
        reverse("web:settings_screen:location", args=[main.pk]),
        {"name": "Workshop", "address": "1 Mill Rd"},
    )
    assert "exists already" in response.context["form"].errors["name"][0]
    assert "1 Mill Rd" in response.content.decode()
    main.refresh_from_db()
    assert (main.name, main.address) == ("Main location", "")


# --- resources and tax rates ------------------------------------------------------------


def test_a_resource_is_created_and_repriced(signed_in: Client) -> None:
    signed_in.post(
        reverse("web:settings_screen:new_resource"),
        {"resource-name": "Bench", "resource-cost_per_hour": "30"},
    )
    bench = Resource.objects.get()
    assert bench.cost_per_hour == D(30)
    signed_in.post(
        reverse("web:settings_screen:resource", args=[bench.pk]),
        {f"res{bench.pk}-name": "Workbench", f"res{bench.pk}-cost_per_hour": "35"},
    )
    bench.refresh_from_db()
    assert (bench.name, bench.cost_per_hour) == ("Workbench", D(35))


def test_a_negative_cost_per_hour_is_refused(signed_in: Client) -> None:
    response = signed_in.post(
        reverse("web:settings_screen:new_resource"),
        {"resource-name": "Bench", "resource-cost_per_hour": "-5"},
    )
    assert "negative" in response.context["resource_form"].errors["cost_per_hour"][0]
    assert not Resource.objects.exists()


def test_a_refused_resource_edit_is_shown_on_its_row(signed_in: Client) -> None:
    f.resource("Saw")
    bench = f.resource("Bench", cost_per_hour="30")
    prefix = f"res{bench.pk}"
    response = signed_in.post(
        reverse("web:settings_screen:resource", args=[bench.pk]),
        {f"{prefix}-name": "Saw", f"{prefix}-cost_per_hour": "31"},
    )
    forms = dict(response.context["resources"])
    assert "exists already" in forms[bench].errors["name"][0]
    bench.refresh_from_db()
    assert (bench.name, bench.cost_per_hour) == ("Bench", D(30))


def test_a_tax_rate_is_created(signed_in: Client) -> None:
    signed_in.post(
        reverse("web:settings_screen:new_tax_rate"),
        {"tax-name": "VAT", "tax-rate": "25", "tax-is_default_sales": "on"},
    )
    vat = TaxRate.objects.get()
    assert (vat.name, vat.rate, vat.is_default_sales) == ("VAT", D(25), True)


def test_a_tax_rate_above_100_percent_is_refused(signed_in: Client) -> None:
    response = signed_in.post(
        reverse("web:settings_screen:new_tax_rate"), {"tax-name": "VAT", "tax-rate": "125"}
    )
    assert "between 0 and 100" in response.context["tax_rate_form"].errors["rate"][0]
    assert 'value="VAT"' in response.content.decode()
    assert not TaxRate.objects.exists()
