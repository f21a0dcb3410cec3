"""/customers, /customer_addresses, /suppliers and /supplier_addresses."""

import pytest

from makeline.catalog import contacts
from makeline.catalog.models import Customer, CustomerAddress, Supplier
from tests import factories as f
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_create_customer_with_addresses(api: Api) -> None:
    answer = api.post(
        "/customers",
        {
            "name": "Acme",
            "email": "buy@acme.test",
            "currency": "USD",
            "discount_rate": 5,
            "addresses": [{"entity_type": "billing", "line_1": "Main St 1", "city": "Springfield"}],
        },
    )
    assert answer.status == 200
    customer = answer.body
    assert (customer["name"], customer["currency"], customer["discount_rate"]) == ("Acme", "USD", 5)
    assert customer["phone"] is None  # empty text is Katana's null
    assert [a["city"] for a in customer["addresses"]] == ["Springfield"]


def test_a_customer_address_error_saves_no_customer(api: Api) -> None:
    answer = api.post(
        "/customers", {"name": "Half", "addresses": [{"entity_type": "billing", "city": 5}]}
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".addresses[0].city"
    assert not Customer.objects.filter(name="Half").exists()


def test_patch_and_delete_customer(api: Api) -> None:
    customer = f.customer("Beta")
    updated = api.patch(f"/customers/{customer.pk}", {"phone": "555", "comment": None})
    assert (updated.body["phone"], updated.body["comment"]) == ("555", None)
    assert api.delete(f"/customers/{customer.pk}").status == 204
    assert api.get("/customers").data == []
    assert api.get("/customers", include_deleted=True).data[0]["deleted_at"] is not None
    assert api.patch(f"/customers/{customer.pk}", {"phone": "1"}).status == 404


def test_customer_addresses_create_default_update_delete(api: Api) -> None:
    customer = f.customer()
    first = api.post(
        "/customer_addresses",
        {
            "customer_id": customer.pk,
            "entity_type": "shipping",
            "line_1": "Dock 1",
            "default": True,
        },
    )
    assert first.status == 200
    second = api.post(
        "/customer_addresses",
        {"customer_id": customer.pk, "entity_type": "shipping", "line_1": "Dock 2"},
    )
    # the default shows on the customer
    listed = api.get("/customers", ids=[customer.pk]).data[0]
    assert listed["default_shipping_id"] == first.body["id"]
    # making the second the default takes it from the first
    api.patch(f"/customer_addresses/{second.body['id']}", {"default": True})
    assert (
        api.get("/customers", ids=[customer.pk]).data[0]["default_shipping_id"] == second.body["id"]
    )
    # filters and delete
    assert len(api.get("/customer_addresses", customer_ids=[customer.pk]).data) == 2
    assert api.delete(f"/customer_addresses/{first.body['id']}").status == 204
    assert CustomerAddress.objects.count() == 1


def test_an_address_for_a_missing_customer_is_a_422(api: Api) -> None:
    answer = api.post("/customer_addresses", {"customer_id": 987654, "entity_type": "billing"})
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".customer_id"


def test_create_patch_delete_supplier_with_addresses(api: Api) -> None:
    created = api.post(
        "/suppliers",
        {
            "name": "Timber Co",
            "email": "t@timber.test",
            "addresses": [{"line_1": "Forest 1", "city": "Woods"}],
        },
    )
    assert created.status == 200
    supplier_id = created.body["id"]
    assert created.body["currency"] == "EUR"  # the shop's currency by default
    assert created.body["default_address_id"] == created.body["addresses"][0]["id"]
    updated = api.patch(f"/suppliers/{supplier_id}", {"currency": "GBP", "phone": "1"})
    assert (updated.body["currency"], updated.body["phone"]) == ("GBP", "1")
    assert api.patch(f"/suppliers/{supplier_id}", {"currency": "pounds"}).status == 422
    assert api.delete(f"/suppliers/{supplier_id}").status == 204
    assert Supplier.objects.get(pk=supplier_id).deleted_at is not None


def test_supplier_addresses_create_update_delete(api: Api) -> None:
    supplier = f.supplier()
    created = api.post("/supplier_addresses", {"supplier_id": supplier.pk, "line_1": "Quay 3"})
    assert created.body["line_1"] == "Quay 3"
    address_id = created.body["id"]
    updated = api.patch(f"/supplier_addresses/{address_id}", {"city": "Harbour"})
    assert updated.body["city"] == "Harbour"
    assert [a["id"] for a in api.get("/supplier_addresses", supplier_ids=[supplier.pk]).data] == [
        address_id
    ]
    assert api.delete(f"/supplier_addresses/{address_id}").status == 204
    assert not supplier.addresses.exists()


def test_supplier_list_filters_by_name(api: Api) -> None:
    f.supplier("Alpha")
    contacts.create_supplier(name="Beta")
    assert [s["name"] for s in api.get("/suppliers", name="Beta").data] == ["Beta"]
