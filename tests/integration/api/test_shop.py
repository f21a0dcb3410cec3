"""/locations (with our POST/PATCH), /tax_rates, /factory, /users, /user_info."""

import pytest
from django.contrib.auth.models import User

from makeline.catalog import contacts
from tests import factories as f
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_locations_list_get_and_our_create_update_extension(api: Api) -> None:
    main = f.location()
    # create (extension)
    created = api.post("/locations", {"name": "Workshop", "sales_allowed": False})
    assert created.status == 200
    assert (created.body["name"], created.body["sales_allowed"]) == ("Workshop", False)
    # update (extension)
    updated = api.patch(f"/locations/{created.body['id']}", {"legal_name": "Workshop Ltd"})
    assert updated.body["legal_name"] == "Workshop Ltd"
    # list with Katana's filters, get one
    assert [loc["name"] for loc in api.get("/locations", is_primary=True).data] == [main.name]
    assert [loc["name"] for loc in api.get("/locations", sales_allowed=False).data] == ["Workshop"]
    assert api.get(f"/locations/{main.pk}").body["is_primary"] is True


def test_a_duplicate_location_name_is_refused(api: Api) -> None:
    f.location("Store")
    answer = api.post("/locations", {"name": "Store"})
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".name"


def test_tax_rates_create_and_list(api: Api) -> None:
    created = api.post("/tax_rates", {"name": "VAT", "rate": 20})
    assert created.status == 200
    assert (created.body["rate"], created.body["display_name"]) == (20, "VAT (20%)")
    unnamed = api.post("/tax_rates", {"rate": 7.5})
    assert unnamed.body["name"] == "7.5%"
    assert [t["name"] for t in api.get("/tax_rates", rate=20).data] == ["VAT"]


def test_a_tax_rate_over_100_percent_is_refused(api: Api) -> None:
    answer = api.post("/tax_rates", {"rate": 150})
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".rate"


def test_factory_reports_the_shop_settings(api: Api) -> None:
    main = f.location()
    contacts.update_shop(shop=contacts.ensure_shop(), changes={"name": "Maker", "currency": "USD"})
    factory = api.get("/factory").body
    assert (factory["display_name"], factory["base_currency_code"]) == ("Maker", "USD")
    assert factory["default_sales_location_id"] == main.pk


def test_users_and_user_info(api: Api, api_user: User) -> None:
    User.objects.create_superuser("boss", email="boss@example.com")
    users = api.get("/users").data
    assert [(u["email"], u["role"], u["status"]) for u in users] == [
        ("robot@example.com", "user", "active"),
        ("boss@example.com", "admin", "active"),
    ]
    assert api.get("/user_info").body["id"] == api_user.pk
