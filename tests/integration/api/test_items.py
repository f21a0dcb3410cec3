"""/products, /materials, /services and /variants through the API."""

import pytest

from makeline.catalog.models import Item, Variant
from tests import factories as f
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_create_product_with_variants_returns_200_with_katanas_product(api: Api) -> None:
    supplier = f.supplier("Woodworks")
    # when a product with two configured variants is created
    answer = api.post(
        "/products",
        {
            "name": "Table",
            "uom": "pcs",
            "category_name": "Furniture",
            "default_supplier_id": supplier.pk,
            "purchase_uom": "box",
            "purchase_uom_conversion_rate": 4,
            "configs": [{"name": "Wood", "values": ["Oak", "Pine"]}],
            "variants": [
                {
                    "sku": "T-OAK",
                    "sales_price": 120.5,
                    "config_attributes": [{"config_name": "Wood", "config_value": "Oak"}],
                },
                {
                    "sku": "T-PINE",
                    "config_attributes": [{"config_name": "Wood", "config_value": "Pine"}],
                },
            ],
        },
    )
    # then it comes back as Katana shapes it (checked against the spec by the client)
    assert answer.status == 200
    product = answer.body
    assert (product["type"], product["name"], product["is_producible"]) == (
        "product",
        "Table",
        True,
    )
    assert product["purchase_uom_conversion_rate"] == "4.000000"  # a decimal string, per spec
    assert [v["sku"] for v in product["variants"]] == ["T-OAK", "T-PINE"]
    assert product["variants"][0]["sales_price"] == 120.5
    assert product["configs"] == [
        {"id": 1, "name": "Wood", "values": ["Oak", "Pine"], "product_id": product["id"]}
    ]
    assert Item.objects.get(pk=product["id"]).default_supplier == supplier


def test_a_variant_attribute_outside_the_configs_is_refused_and_nothing_saved(api: Api) -> None:
    answer = api.post(
        "/products",
        {
            "name": "Lamp",
            "configs": [{"name": "Color", "values": ["Red"]}],
            "variants": [{"config_attributes": [{"config_name": "Color", "config_value": "Blue"}]}],
        },
    )
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".variants[0].config_attributes"
    assert not Item.objects.filter(name="Lamp").exists()


def test_get_product_with_extend_supplier_embeds_the_supplier(api: Api) -> None:
    item = f.product().item
    item.default_supplier = f.supplier("Acme")
    item.save()
    answer = api.get(f"/products/{item.pk}", extend="supplier")
    assert answer.body["supplier"]["name"] == "Acme"
    assert "supplier" not in api.get(f"/products/{item.pk}").body


def test_patch_product_changes_only_the_fields_sent(api: Api) -> None:
    item = f.product("Desk").item
    item.additional_info = "keep me"
    item.save()
    answer = api.patch(f"/products/{item.pk}", {"name": "Standing desk", "category_name": None})
    assert answer.status == 200
    assert answer.body["name"] == "Standing desk"
    assert answer.body["category_name"] is None
    assert answer.body["additional_info"] == "keep me"  # unlike Katana, PATCH keeps it


def test_archiving_hides_a_product_until_include_archived(api: Api) -> None:
    item = f.product("Old").item
    # when it is archived
    answer = api.patch(f"/products/{item.pk}", {"is_archived": True})
    assert answer.body["archived_at"] is not None
    # then lists hide it unless asked
    assert api.get("/products").data == []
    assert [p["name"] for p in api.get("/products", include_archived=True).data] == ["Old"]
    # and un-archiving brings it back
    api.patch(f"/products/{item.pk}", {"is_archived": False})
    assert [p["name"] for p in api.get("/products").data] == ["Old"]


def test_delete_product_is_a_soft_delete_with_its_variants(api: Api) -> None:
    variant = f.product("Gone")
    # when it is deleted
    answer = api.delete(f"/products/{variant.item_id}")
    # then 204, it is hidden (and 404 by id) but still there with include_deleted
    assert (answer.status, answer.body) == (204, None)
    assert api.get("/products").data == []
    assert api.get(f"/products/{variant.item_id}").status == 404
    deleted = api.get("/products", include_deleted=True).data
    assert deleted[0]["deleted_at"] is not None
    variant.refresh_from_db()
    assert variant.deleted_at is not None
    assert api.delete(f"/products/{variant.item_id}").status == 404


def test_a_material_id_is_not_a_product(api: Api) -> None:
    material = f.material()
    assert api.get(f"/products/{material.item_id}").status == 404
    assert api.get(f"/materials/{material.item_id}").body["type"] == "material"


def test_create_update_and_delete_a_material(api: Api) -> None:
    created = api.post(
        "/materials",
        {"name": "Oak board", "uom": "m", "variants": [{"sku": "OAK", "purchase_price": 7.25}]},
    )
    assert created.status == 200
    assert created.body["variants"][0]["purchase_price"] == 7.25
    assert "is_producible" not in created.body
    material_id = created.body["id"]
    updated = api.patch(f"/materials/{material_id}", {"is_sellable": True})
    assert updated.body["is_sellable"] is True
    assert api.delete(f"/materials/{material_id}").status == 204


def test_a_material_variant_cannot_carry_a_sales_price(api: Api) -> None:
    answer = api.post("/materials", {"name": "Glue", "variants": [{"sales_price": 1}]})
    assert answer.status == 422
    assert answer.body["details"][0]["info"] == {"additionalProperty": "sales_price"}


def test_filters_narrow_the_product_list(api: Api) -> None:
    f.product("Chair")
    f.product("Stool", producible=False)
    assert [p["name"] for p in api.get("/products", is_producible=False).data] == ["Stool"]
    assert [p["name"] for p in api.get("/products", name="Chair").data] == ["Chair"]


# --- variants -----------------------------------------------------------------------------


def test_variants_create_get_update_delete(api: Api) -> None:
    item = f.product("Shelf").item
    # create
    created = api.post(
        "/variants",
        {"product_id": item.pk, "sku": "SH-2", "sales_price": 30, "minimum_order_quantity": 2},
    )
    assert created.status == 200
    assert (created.body["product_id"], created.body["type"]) == (item.pk, "product")
    assert created.body["minimum_order_quantity"] == 2
    variant_id = created.body["id"]
    # get, with its product
    got = api.get(f"/variants/{variant_id}", extend="product_or_material")
    assert got.body["product_or_material"]["name"] == "Shelf"
    # update
    updated = api.patch(f"/variants/{variant_id}", {"sku": "SH-2B", "lead_time": 5})
    assert (updated.body["sku"], updated.body["lead_time"]) == ("SH-2B", 5)
    # delete (soft)
    assert api.delete(f"/variants/{variant_id}").status == 204
    assert api.get(f"/variants/{variant_id}").status == 404
    assert Variant.objects.get(pk=variant_id).deleted_at is not None


def test_a_variant_needs_exactly_one_parent(api: Api) -> None:
    answer = api.post("/variants", {"sku": "ORPHAN"})
    assert answer.status == 422
    assert answer.body["details"][0]["path"] == ".product_id"
    assert not Variant.objects.filter(sku="ORPHAN").exists()


def test_variant_list_filters_by_type_sku_and_parent(api: Api) -> None:
    product = f.product()
    material = f.material()
    f.service_item()  # services are not listed under /variants
    assert [v["id"] for v in api.get("/variants").data] == [product.pk, material.pk]
    assert [v["id"] for v in api.get("/variants", type="material").data] == [material.pk]
    assert [v["id"] for v in api.get("/variants", sku=[product.sku]).data] == [product.pk]
    assert [v["id"] for v in api.get("/variants", product_id=product.item_id).data] == [product.pk]


# --- services -----------------------------------------------------------------------------


def test_services_create_get_update_delete(api: Api) -> None:
    created = api.post(
        "/services",
        {
            "name": "Assembly",
            "uom": "h",
            "variants": [{"sku": "SRV-1", "sales_price": 50, "default_cost": 20}],
        },
    )
    assert created.status == 200
    service_id = created.body["id"]
    assert created.body["variants"][0]["default_cost"] == 20
    assert created.body["variants"][0]["service_id"] == service_id
    assert api.get(f"/services/{service_id}").body["name"] == "Assembly"
    updated = api.patch(f"/services/{service_id}", {"sales_price": 55, "name": "Assembly+"})
    assert (updated.body["name"], updated.body["variants"][0]["sales_price"]) == ("Assembly+", 55)
    assert api.delete(f"/services/{service_id}").status == 204
    assert api.get(f"/services/{service_id}").status == 404
