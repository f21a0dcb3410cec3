"""/products and /materials: list, get, create, update, delete (soft).

Both are items with variants and share every step; only the kind and a few fields differ.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import changes_of, get_or_404, new_router, no_content
from makeline.api.items import check_configs, item_changes, item_out, items, variant_spec
from makeline.api.paging import ArchivableListParams, matching, paginate
from makeline.api.schemas.items import (
    CreateMaterialRequest,
    CreateProductRequest,
    Material,
    MaterialListResponse,
    Product,
    ProductListResponse,
    UpdateMaterialRequest,
    UpdateProductRequest,
)
from makeline.catalog import services
from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Item
from makeline.common.unit_of_work import unit_of_work

router = new_router("Product")
material_router = new_router("Material")

_ITEM_FILTERS = {
    "name": "name",
    "uom": "uom",
    "category_name": "category_name",
    "is_sellable": "is_sellable",
    "default_supplier_id": "default_supplier_id",
    "purchase_uom": "purchase_uom",
    "purchase_uom_conversion_rate": "purchase_uom_conversion_rate",
}
_PRODUCT_FILTERS = _ITEM_FILTERS | {
    "is_producible": "is_producible",
    "is_purchasable": "is_purchasable",
}


class MaterialFilters(ArchivableListParams):
    name: str | None = None
    uom: str | None = None
    category_name: str | None = None
    is_sellable: bool | None = None
    default_supplier_id: int | None = None
    purchase_uom: str | None = None
    purchase_uom_conversion_rate: float | None = None
    extend: list[str] | None = None


class ProductFilters(MaterialFilters):
    is_producible: bool | None = None
    is_purchasable: bool | None = None


# --- products -----------------------------------------------------------------------------


@router.get("/products", response=ProductListResponse, operation_id="getAllProducts")
def list_products(
    request: HttpRequest, response: HttpResponse, filters: Query[ProductFilters]
) -> dict[str, Any]:
    return _list(ItemKind.PRODUCT, filters, response, _PRODUCT_FILTERS)


@router.get("/products/{int:id}", response=Product, operation_id="getProduct")
def get_product(
    request: HttpRequest, id: int, extend: Query[list[str] | None] = None
) -> dict[str, Any]:
    return _get(ItemKind.PRODUCT, id, extend)


@router.post("/products", response=Product, operation_id="createProduct")
def create_product(request: HttpRequest, payload: CreateProductRequest) -> dict[str, Any]:
    return _create(ItemKind.PRODUCT, payload)


@router.patch("/products/{int:id}", response=Product, operation_id="updateProduct")
def update_product(request: HttpRequest, id: int, payload: UpdateProductRequest) -> dict[str, Any]:
    return _update(ItemKind.PRODUCT, id, changes_of(payload))


@router.delete("/products/{int:id}", response={204: None}, operation_id="deleteProduct")
def delete_product(request: HttpRequest, id: int) -> Status[None]:
    services.delete_item(item=_live(ItemKind.PRODUCT, id))
    return no_content()


# --- materials ----------------------------------------------------------------------------


@material_router.get("/materials", response=MaterialListResponse, operation_id="getAllMaterials")
def list_materials(
    request: HttpRequest, response: HttpResponse, filters: Query[MaterialFilters]
) -> dict[str, Any]:
    return _list(ItemKind.MATERIAL, filters, response, _ITEM_FILTERS)


@material_router.get("/materials/{int:id}", response=Material, operation_id="getMaterial")
def get_material(
    request: HttpRequest, id: int, extend: Query[list[str] | None] = None
) -> dict[str, Any]:
    return _get(ItemKind.MATERIAL, id, extend)


@material_router.post("/materials", response=Material, operation_id="createMaterial")
def create_material(request: HttpRequest, payload: CreateMaterialRequest) -> dict[str, Any]:
    return _create(ItemKind.MATERIAL, payload)


@material_router.patch("/materials/{int:id}", response=Material, operation_id="updateMaterial")
def update_material(
    request: HttpRequest, id: int, payload: UpdateMaterialRequest
) -> dict[str, Any]:
    return _update(ItemKind.MATERIAL, id, changes_of(payload))


@material_router.delete("/materials/{int:id}", response={204: None}, operation_id="deleteMaterial")
def delete_material(request: HttpRequest, id: int) -> Status[None]:
    services.delete_item(item=_live(ItemKind.MATERIAL, id))
    return no_content()


# --- shared steps -------------------------------------------------------------------------


def _list(
    kind: ItemKind, filters: MaterialFilters, response: HttpResponse, lookups: dict[str, str]
) -> dict[str, Any]:
    with_supplier = "supplier" in (filters.extend or [])
    queryset = matching(items(kind, with_supplier=with_supplier), filters, lookups)
    page = paginate(queryset, filters, response)
    return {"data": [item_out(item, with_supplier=with_supplier) for item in page]}


def _get(kind: ItemKind, pk: int, extend: list[str] | None) -> dict[str, Any]:
    with_supplier = "supplier" in (extend or [])
    item = get_or_404(items(kind, with_supplier=with_supplier).filter(deleted_at__isnull=True), pk)
    return item_out(item, with_supplier=with_supplier)


def _live(kind: ItemKind, pk: int) -> Item:
    return get_or_404(Item.objects.filter(kind=kind, deleted_at__isnull=True), pk)


def _create(
    kind: ItemKind, payload: CreateProductRequest | CreateMaterialRequest
) -> dict[str, Any]:
    check_configs(payload.configs, list(payload.variants))
    sent = item_changes(changes_of(payload))
    for key in ("name", "configs", "variants"):
        sent.pop(key, None)
    item = services.create_item(
        kind=kind,
        name=payload.name,
        variants=[variant_spec(v) for v in payload.variants],
        **sent,
    )
    return item_out(get_or_404(items(kind), item.pk))


def _update(kind: ItemKind, pk: int, sent: dict[str, Any]) -> dict[str, Any]:
    item = _live(kind, pk)
    archive = sent.pop("is_archived", None)
    with unit_of_work():
        if sent:
            item = services.update_item(item=item, changes=item_changes(sent))
        if archive is True and item.archived_at is None:
            item = services.archive_item(item=item)
        elif archive is False and item.archived_at is not None:
            item = services.restore_item(item=item)
    return item_out(get_or_404(items(kind), item.pk))
