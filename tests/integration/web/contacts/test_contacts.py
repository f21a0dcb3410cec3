"""The Contacts screens: customer and supplier lists, forms and addresses."""

import pytest
from django.test import Client
from django.urls import reverse

from makeline.catalog.models import Customer, CustomerAddress, Supplier, SupplierAddress
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db


def names(response: object) -> list[str]:
    return [p.name for p in response.context["page"]]  # type: ignore[attr-defined]


# --- lists ------------------------------------------------------------------------------


def test_the_contacts_need_a_signed_in_user(client: Client) -> None:
    for name in ("customers", "suppliers", "new_customer", "new_supplier"):
        assert client.get(reverse(f"web:contacts:{name}")).status_code == 302


def test_the_customer_list_is_searchable(signed_in: Client) -> None:
    f.customer("Anna Berg")
    f.customer("Carl Dahl")
    url = reverse("web:contacts:customers")
    assert names(signed_in.get(url)) == ["Anna Berg", "Carl Dahl"]
    assert names(signed_in.get(url, {"q": "dahl"})) == ["Carl Dahl"]


def test_the_supplier_list_is_searchable(signed_in: Client) -> None:
    f.supplier("Timber Ltd")
    f.supplier("Screws Inc")
    url = reverse("web:contacts:suppliers")
    assert names(signed_in.get(url, {"q": "timber"})) == ["Timber Ltd"]


def test_the_lists_show_fifty_a_page_in_constant_queries(
    signed_in: Client, django_assert_max_num_queries: object
) -> None:
    for n in range(55):
        f.customer(f"Customer {n:02}")
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        response = signed_in.get(reverse("web:contacts:customers"))
    assert len(names(response)) == 50


# --- customers --------------------------------------------------------------------------


def test_a_new_customer_is_created_with_default_billing_and_shipping_addresses(
    signed_in: Client,
) -> None:
    # when the form is sent with a billing and a shipping address
    response = signed_in.post(
        reverse("web:contacts:new_customer"),
        {
            "name": "Anna Berg",
            "email": "anna@example.com",
            "discount_rate": "5",
            "billing-line_1": "1 Main St",
            "billing-city": "Oslo",
            "shipping-line_1": "2 Dock Rd",
        },
    )
    # then the customer has both addresses, each the default of its kind
    customer = Customer.objects.get()
    assert (customer.email, customer.discount_rate, customer.currency) == (
        "anna@example.com",
        D(5),
        "EUR",
    )
    kinds = {(a.entity_type, a.line_1, a.default) for a in customer.addresses.all()}
    assert kinds == {("billing", "1 Main St", True), ("shipping", "2 Dock Rd", True)}
    assert response["Location"] == reverse("web:contacts:customer", args=[customer.pk])


def test_a_new_customer_without_a_name_keeps_the_input_and_saves_nothing(
    signed_in: Client,
) -> None:
    response = signed_in.post(
        reverse("web:contacts:new_customer"), {"name": "", "billing-city": "Oslo"}
    )
    assert "name" in response.context["form"].errors
    assert 'value="Oslo"' in response.content.decode()
    assert not Customer.objects.exists()
    assert not CustomerAddress.objects.exists()


def test_a_customer_can_be_edited(signed_in: Client) -> None:
    customer = f.customer("Anna Berg")
    signed_in.post(
        reverse("web:contacts:customer", args=[customer.pk]),
        {"name": "Anna Berg-Lund", "phone": "123", "currency": "nok"},
    )
    customer.refresh_from_db()
    assert (customer.name, customer.phone, customer.currency) == ("Anna Berg-Lund", "123", "NOK")


def test_a_refused_customer_edit_keeps_the_input_and_saves_nothing(signed_in: Client) -> None:
    customer = f.customer("Anna Berg")
    response = signed_in.post(
        reverse("web:contacts:customer", args=[customer.pk]),
        {"name": "Anna", "email": "not-an-email"},
    )
    assert "email" in response.context["form"].errors
    assert 'value="not-an-email"' in response.content.decode()
    customer.refresh_from_db()
    assert customer.name == "Anna Berg"


def test_a_new_default_address_replaces_the_old_default_of_its_kind(signed_in: Client) -> None:
    customer = f.customer("Anna Berg")
    url = reverse("web:contacts:add_customer_address", args=[customer.pk])
    for street in ("1 Main St", "2 Dock Rd"):
        signed_in.post(
            url,
            {"address-entity_type": "shipping", "address-line_1": street, "address-default": "on"},
        )
    defaults = customer.addresses.filter(default=True).values_list("line_1", flat=True)
    assert list(defaults) == ["2 Dock Rd"]
    page = signed_in.get(reverse("web:contacts:customer", args=[customer.pk]))
    assert "2 Dock Rd" in page.content.decode()


def test_a_blank_address_is_refused(signed_in: Client) -> None:
    customer = f.customer("Anna Berg")
    response = signed_in.post(
        reverse("web:contacts:add_customer_address", args=[customer.pk]),
        {"address-entity_type": "billing"},
    )
    assert response.context["address_form"].non_field_errors()
    assert not CustomerAddress.objects.exists()


def test_adding_an_address_needs_a_signed_in_user(client: Client) -> None:
    customer = f.customer("Anna Berg")
    client.post(
        reverse("web:contacts:add_customer_address", args=[customer.pk]),
        {"address-entity_type": "billing", "address-line_1": "1 Main St"},
    )
    assert not CustomerAddress.objects.exists()


# --- suppliers --------------------------------------------------------------------------


def test_a_new_supplier_is_created_with_an_address(signed_in: Client) -> None:
    signed_in.post(
        reverse("web:contacts:new_supplier"),
        {"name": "Timber Ltd", "currency": "sek", "address-line_1": "3 Mill Rd"},
    )
    supplier = Supplier.objects.get()
    assert supplier.currency == "SEK"
    assert supplier.addresses.get().line_1 == "3 Mill Rd"


def test_a_new_supplier_with_a_bad_currency_saves_nothing(signed_in: Client) -> None:
    response = signed_in.post(
        reverse("web:contacts:new_supplier"),
        {"name": "Timber Ltd", "currency": "EURO", "address-line_1": "3 Mill Rd"},
    )
    assert "currency" in response.context["form"].errors
    assert 'value="Timber Ltd"' in response.content.decode()
    assert not Supplier.objects.exists()
    assert not SupplierAddress.objects.exists()


def test_a_supplier_can_be_edited_and_given_an_address(signed_in: Client) -> None:
    supplier = f.supplier("Timber Ltd")
    signed_in.post(
        reverse("web:contacts:supplier", args=[supplier.pk]),
        {"name": "Timber AB", "email": "sales@timber.example"},
    )
    signed_in.post(
        reverse("web:contacts:add_supplier_address", args=[supplier.pk]),
        {"address-line_1": "3 Mill Rd", "address-city": "Umeå"},
    )
    supplier.refresh_from_db()
    assert (supplier.name, supplier.email) == ("Timber AB", "sales@timber.example")
    assert supplier.addresses.get().city == "Umeå"


def test_a_refused_supplier_edit_saves_nothing(signed_in: Client) -> None:
    supplier = f.supplier("Timber Ltd")
    response = signed_in.post(
        reverse("web:contacts:supplier", args=[supplier.pk]), {"name": "", "phone": "555"}
    )
    assert "name" in response.context["form"].errors
    assert 'value="555"' in response.content.decode()
    supplier.refresh_from_db()
    assert supplier.name == "Timber Ltd"


def test_editing_a_supplier_needs_a_signed_in_user(client: Client) -> None:
    supplier = f.supplier("Timber Ltd")
    client.post(reverse("web:contacts:supplier", args=[supplier.pk]), {"name": "X"})
    supplier.refresh_from_db()
    assert supplier.name == "Timber Ltd"
