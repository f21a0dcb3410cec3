"""The Items list: tabs per kind, search by name or SKU, 50 per page, constant queries."""

import pytest
from django.test import Client
from django.urls import reverse

from makeline.catalog import services
from makeline.catalog.enums import ItemKind
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("web:items:list")


def names(response: object) -> list[str]:
    return [item.name for item in response.context["page"]]  # type: ignore[attr-defined]


def test_the_list_needs_a_signed_in_user(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_products_tab_is_shown_first_and_lists_only_products(signed_in: Client) -> None:
    # given a product, a material and a service
    f.product("Oak table")
    f.material("Oak board")
    f.service_item("Delivery")
    # when the list opens
    response = signed_in.get(URL)
    # then it shows the products tab
    assert response.status_code == 200
    assert names(response) == ["Oak table"]
    assert 'aria-current="page">Products' in response.content.decode()


def test_each_tab_lists_its_own_kind(signed_in: Client) -> None:
    f.product("Oak table")
    f.material("Oak board")
    f.service_item("Delivery")
    assert names(signed_in.get(URL, {"kind": "material"})) == ["Oak board"]
    assert names(signed_in.get(URL, {"kind": "service"})) == ["Delivery"]


def test_search_finds_items_by_name_or_by_sku(signed_in: Client) -> None:
    # given two materials, one found by name and one by its SKU
    f.material("Oak board")
    birch = f.material("Birch board")
    f.material("Screw")
    # when searching by name, then by the second one's SKU
    by_name = signed_in.get(URL, {"kind": "material", "q": "oak"})
    by_sku = signed_in.get(URL, {"kind": "material", "q": birch.sku})
    # then each finds its item, without duplicates
    assert names(by_name) == ["Oak board"]
    assert names(by_sku) == ["Birch board"]


def test_archived_items_leave_the_list_but_show_under_archived(signed_in: Client) -> None:
    item = f.product("Old chair").item
    services.archive_item(item=item)
    assert names(signed_in.get(URL)) == []
    assert names(signed_in.get(URL, {"archived": "1"})) == ["Old chair"]


def test_the_list_shows_fifty_items_a_page(signed_in: Client) -> None:
    for n in range(55):
        services.create_item(kind=ItemKind.MATERIAL, name=f"Material {n:02}")
    first = signed_in.get(URL, {"kind": "material"})
    second = signed_in.get(URL, {"kind": "material", "page": 2})
    assert len(names(first)) == 50
    assert len(names(second)) == 5
    assert "Page 1 of 2" in first.content.decode()


def test_the_list_runs_a_constant_number_of_queries(
    signed_in: Client, django_assert_max_num_queries: object
) -> None:
    # given 60 products with two variants and a default supplier each
    supplier = f.supplier()
    for n in range(60):
        services.create_item(
            kind=ItemKind.PRODUCT,
            name=f"Product {n:02}",
            default_supplier=supplier,
            variants=[services.VariantSpec(sku=f"A-{n}"), services.VariantSpec(sku=f"B-{n}")],
        )
    # when a full page is shown, then the queries do not grow with the rows
    # (session, user, count, page, variants)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        response = signed_in.get(URL, {"q": "Product"})
    assert len(names(response)) == 50
