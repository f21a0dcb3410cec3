"""/variants: the SKUs of products and materials (service variants live under /services)."""

from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import changes_of, get_or_404, new_router, no_content, referenced
from makeline.api.items import item_out, variant_out, variant_spec
from makeline.api.paging import ArchivableListParams, matching, paginate
from makeline.api.schemas.items import (
    CreateVariantRequest,
    UpdateVariantRequest,
    Variant,
    VariantListResponse,
    VariantResponse,
)
from makeline.catalog import services
from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Item
from makeline.catalog.models import Variant as VariantRow
from makeline.common.errors import DomainError

router = new_router("Variant")

_STOCKED = (ItemKind.PRODUCT, ItemKind.MATERIAL)


class VariantFilters(ArchivableListParams):
    type: Literal["product", "material"] | None = None
    product_id: int | None = None
    material_id: int | None = None
    sku: list[str] | None = None
    sales_price: float | None = None
    purchase_price: float | None = None
    extend: list[str] | None = None


def _variants() -> QuerySet[VariantRow]:
    return VariantRow.objects.filter(item__kind__in=_STOCKED).select_related("item")


@router.get("/variants", response=VariantListResponse, operation_id="getAllVariants")
def list_variants(
    request: HttpRequest, response: HttpResponse, filters: Query[VariantFilters]
) -> dict[str, Any]:
    queryset = matching(
        _variants(),
        filters,
        {"type": "item__kind", "sku": "sku__in", "sales_price": "sales_price"}
        | {"purchase_price": "purchase_price"},
    )
    if filters.product_id is not None:
        queryset = queryset.filter(item_id=filters.product_id, item__kind=ItemKind.PRODUCT)
    if filters.material_id is not None:
        queryset = queryset.filter(item_id=filters.material_id, item__kind=ItemKind.MATERIAL)
    if not filters.include_archived:
        queryset = queryset.filter(item__archived_at__isnull=True)
    extended = "product_or_material" in (filters.extend or [])
    return {"data": [_out(v, extended) for v in paginate(queryset, filters, response)]}


@router.get("/variants/{int:id}", response=VariantResponse, operation_id="getVariant")
def get_variant(
    request: HttpRequest, id: int, extend: Query[list[str] | None] = None
) -> dict[str, Any]:
    variant = get_or_404(_variants().filter(deleted_at__isnull=True), id)
    return _out(variant, "product_or_material" in (extend or []))


@router.post("/variants", response=Variant, operation_id="createVariant")
def create_variant(request: HttpRequest, payload: CreateVariantRequest) -> dict[str, Any]:
    if (payload.product_id is None) == (payload.material_id is None):
        raise DomainError("give exactly one of product_id and material_id", field="product_id")
    kind, pk, field = (
        (ItemKind.PRODUCT, payload.product_id, "product_id")
        if payload.product_id is not None
        else (ItemKind.MATERIAL, payload.material_id, "material_id")
    )
    item = referenced(Item.objects.filter(kind=kind, deleted_at__isnull=True), pk, field=field)
    variant = services.create_variant(item=item, spec=variant_spec(payload))
    return variant_out(variant, item)


@router.patch("/variants/{int:id}", response=Variant, operation_id="updateVariant")
def update_variant(request: HttpRequest, id: int, payload: UpdateVariantRequest) -> dict[str, Any]:
    variant = get_or_404(_variants().filter(deleted_at__isnull=True), id)
    changes = changes_of(payload)
    if "config_attributes" in changes:
        changes["config_attributes"] = changes["config_attributes"] or []
    if "purchase_price" in changes and changes["purchase_price"] is None:
        raise DomainError("purchase price cannot be empty", field="purchase_price")
    variant = services.update_variant(variant=variant, changes=changes)
    return variant_out(variant, variant.item)


@router.delete("/variants/{int:id}", response={204: None}, operation_id="deleteVariant")
def delete_variant(request: HttpRequest, id: int) -> Status[None]:
    services.delete_variant(variant=get_or_404(_variants().filter(deleted_at__isnull=True), id))
    return no_content()


def _out(variant: VariantRow, extended: bool) -> dict[str, Any]:
    """A variant as Katana's VariantResponse (the shape of GET /variants and /variants/{id})."""
    out = variant_out(variant, variant.item)
    if out["sales_price"] is None:  # VariantResponse types it as a plain number
        del out["sales_price"]
    if extended:
        out["product_or_material"] = item_out(variant.item, with_variants=False)
    return out
