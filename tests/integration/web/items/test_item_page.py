"""New item forms and the item page: the item's fields, its variants, archive."""

import pytest
from django.test import Client
from django.urls import reverse

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Item, Variant
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db


def item_form(**changes: str) -> dict[str, str]:
    data = {"name": "Oak board", "uom": "pcs", "is_purchasable": "on", "purchase_price": "4"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- new items --------------------------------------------------------------------------


def test_the_new_product_form_offers_katanas_defaults(signed_in: Client) -> None:
    response = signed_in.get(reverse("web:items:new", args=["product"]))
    form = response.context["form"]
    assert response.status_code == 200
    assert form["is_producible"].value() is True
    assert form["is_sellable"].value() is True


def test_a_new_material_is_created_with_its_first_variant(signed_in: Client) -> None:
    # when the new material form is sent
    response = signed_in.post(
        reverse("web:items:new", args=["material"]),
        item_form(sku="OAK-1", purchase_uom="box", purchase_uom_conversion_rate="10"),
    )
    # then the material and its variant exist and the item page opens
    item = Item.objects.get(name="Oak board")
    assert item.kind == ItemKind.MATERIAL
    assert item.purchase_uom_conversion_rate == D(10)
    variant = item.variants.get()
    assert (variant.sku, variant.purchase_price) == ("OAK-1", D(4))
    assert response["Location"] == reverse("web:items:detail", args=[item.pk])


def test_a_new_service_can_be_created(signed_in: Client) -> None:
    signed_in.post(
        reverse("web:items:new", args=["service"]),
        item_form(name="Delivery", sku="DEL", sales_price="25", is_sellable="on"),
    )
    assert Item.objects.get(name="Delivery").kind == ItemKind.SERVICE


def test_a_purchase_unit_without_a_rate_is_refused_next_to_the_rate(signed_in: Client) -> None:
    # when a material is sent with a purchase UoM but no conversion rate
    response = signed_in.post(
        reverse("web:items:new", args=["material"]), item_form(sku="OAK-1", purchase_uom="box")
    )
    # then the page shows the error on the rate field, keeps the input and saves nothing
    form = response.context["form"]
    assert response.status_code == 200
    assert "conversion rate" in form.errors["purchase_uom_conversion_rate"][0]
    assert 'value="OAK-1"' in response.content.decode()
    assert not Item.objects.exists()


def test_a_new_item_without_a_name_is_refused(signed_in: Client) -> None:
    response = signed_in.post(reverse("web:items:new", args=["product"]), item_form(name=""))
    assert "name" in response.context["form"].errors
    assert not Item.objects.exists()


def test_a_material_cannot_be_made_producible(signed_in: Client) -> None:
    response = signed_in.post(
        reverse("web:items:new", args=["material"]), item_form(is_producible="on")
    )
    assert "never made" in response.context["form"].errors["is_producible"][0]
    assert not Item.objects.exists()


def test_new_item_forms_need_a_signed_in_user(client: Client) -> None:
    response = client.post(reverse("web:items:new", args=["material"]), item_form())
    assert response.status_code == 302
    assert not Item.objects.exists()


# --- the item page ----------------------------------------------------------------------


def test_the_item_page_shows_the_item_and_its_variants(signed_in: Client) -> None:
    variant = f.product("Oak table")
    response = signed_in.get(reverse("web:items:detail", args=[variant.item_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Oak table" in html
    assert f'value="{variant.sku}"' in html
    assert reverse("web:items:recipe", args=[variant.pk]) in html


def test_saving_the_item_changes_its_fields(signed_in: Client) -> None:
    # given a material
    supplier = f.supplier("Timber Ltd")
    item = f.material("Oak board").item
    # when its fields are saved with a new name, category and default supplier
    response = signed_in.post(
        reverse("web:items:detail", args=[item.pk]),
        item_form(name="Oak plank", category_name="Wood", default_supplier=str(supplier.pk)),
    )
    # then they are stored
    item.refresh_from_db()
    assert (item.name, item.category_name, item.default_supplier) == (
        "Oak plank",
        "Wood",
        supplier,
    )
    assert response.status_code == 302


def test_a_refused_item_change_keeps_the_input_and_saves_nothing(signed_in: Client) -> None:
    item = f.material("Oak board").item
    response = signed_in.post(
        reverse("web:items:detail", args=[item.pk]),
        item_form(name="Oak plank", purchase_uom_conversion_rate="-2"),
    )
    assert "positive" in response.context["form"].errors["purchase_uom_conversion_rate"][0]
    assert 'value="Oak plank"' in response.content.decode()
    item.refresh_from_db()
    assert item.name == "Oak board"


def test_the_item_page_needs_a_signed_in_user(client: Client) -> None:
    item = f.material("Oak board").item
    assert client.get(reverse("web:items:detail", args=[item.pk])).status_code == 302


# --- variants ---------------------------------------------------------------------------


def test_a_variant_can_be_added(signed_in: Client) -> None:
    item = f.product("Oak table").item
    signed_in.post(
        reverse("web:items:add_variant", args=[item.pk]),
        {"new-sku": "TABLE-L", "new-sales_price": "300", "new-lead_time": "5"},
    )
    variant = item.variants.get(sku="TABLE-L")
    assert (variant.sales_price, variant.lead_time) == (D(300), 5)


def test_a_duplicate_sku_is_refused_next_to_the_sku(signed_in: Client) -> None:
    # given a product and another item's SKU
    other = f.material("Oak board")
    item = f.product("Oak table").item
    # when a variant is added with that SKU
    response = signed_in.post(
        reverse("web:items:add_variant", args=[item.pk]),
        {"new-sku": other.sku, "new-sales_price": "300"},
    )
    # then the error sits on the SKU field, the price is kept and nothing is saved
    form = response.context["new_variant_form"]
    assert "used by another variant" in form.errors["sku"][0]
    assert 'value="300"' in response.content.decode()
    assert item.variants.count() == 1


def test_a_variant_can_be_edited(signed_in: Client) -> None:
    variant = f.material("Oak board")
    prefix = f"v{variant.pk}"
    signed_in.post(
        reverse("web:items:edit_variant", args=[variant.pk]),
        {
            f"{prefix}-sku": "OAK-2",
            f"{prefix}-purchase_price": "5.5",
            f"{prefix}-minimum_order_quantity": "10",
        },
    )
    variant.refresh_from_db()
    assert (variant.sku, variant.purchase_price, variant.minimum_order_quantity) == (
        "OAK-2",
        D("5.5"),
        D(10),
    )


def test_a_refused_variant_edit_shows_on_that_variant_and_saves_nothing(
    signed_in: Client,
) -> None:
    variant = f.material("Oak board")
    prefix = f"v{variant.pk}"
    response = signed_in.post(
        reverse("web:items:edit_variant", args=[variant.pk]),
        {f"{prefix}-sku": "OAK-2", f"{prefix}-minimum_order_quantity": "0"},
    )
    forms = dict(response.context["variants"])
    assert "positive" in forms[variant].errors["minimum_order_quantity"][0]
    assert 'value="OAK-2"' in response.content.decode()
    variant.refresh_from_db()
    assert variant.sku != "OAK-2"


def test_deleting_a_variant_hides_it_from_the_item(signed_in: Client) -> None:
    variant = f.product("Oak table")
    signed_in.post(reverse("web:items:delete_variant", args=[variant.pk]))
    variant.refresh_from_db()
    assert variant.deleted_at is not None
    page = signed_in.get(reverse("web:items:detail", args=[variant.item_id]))
    assert page.context["variants"] == []


def test_archiving_an_item_returns_to_its_tab(signed_in: Client) -> None:
    item = f.material("Oak board").item
    response = signed_in.post(reverse("web:items:archive", args=[item.pk]))
    item.refresh_from_db()
    assert item.archived_at is not None
    assert response["Location"].endswith("?kind=material")


def test_variant_changes_need_a_signed_in_user(client: Client) -> None:
    variant = f.material("Oak board")
    client.post(reverse("web:items:delete_variant", args=[variant.pk]))
    client.post(reverse("web:items:archive", args=[variant.item_id]))
    assert Variant.objects.get(pk=variant.pk).deleted_at is None
    assert Item.objects.get(pk=variant.item_id).archived_at is None
