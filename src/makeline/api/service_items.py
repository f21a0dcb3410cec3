"""/services: sellable services (one variant each; its cost is Katana's `default_cost`)."""

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import changes_of, get_or_404, new_router, no_content, number
from makeline.api.items import item_changes
from makeline.api.paging import ArchivableListParams, matching, paginate
from makeline.api.schemas.items import (
    CreateServiceRequest,
    Service,
    ServiceListResponse,
    UpdateServiceRequest,
)
from makeline.catalog import services
from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Item, Variant
from makeline.common.unit_of_work import unit_of_work

router = new_router("Service")

_VARIANT_FIELDS = {"sku": "sku", "sales_price": "sales_price", "default_cost": "purchase_price"}


class ServiceFilters(ArchivableListParams):
    name: str | None = None
    uom: str | None = None
    is_sellable: bool | None = None
    category_name: str | None = None


def _services() -> QuerySet[Item]:
    live = Variant.objects.filter(deleted_at__isnull=True).order_by("id")
    return Item.objects.filter(kind=ItemKind.SERVICE).prefetch_related(
        Prefetch("variants", queryset=live)
    )


@router.get("/services", response=ServiceListResponse, operation_id="getAllServices")
def list_services(
    request: HttpRequest, response: HttpResponse, filters: Query[ServiceFilters]
) -> dict[str, Any]:
    lookups = {name: name for name in ("name", "uom", "is_sellable", "category_name")}
    queryset = matching(_services(), filters, lookups)
    return {"data": [service_out(item) for item in paginate(queryset, filters, response)]}


@router.get("/services/{int:id}", response=Service, operation_id="getService")
def get_service(request: HttpRequest, id: int) -> dict[str, Any]:
    return service_out(get_or_404(_services().filter(deleted_at__isnull=True), id))


@router.post("/services", response=Service, operation_id="createService")
def create_service(request: HttpRequest, payload: CreateServiceRequest) -> dict[str, Any]:
    variant = payload.variants[0]
    sent = item_changes(changes_of(payload))
    for key in ("name", "variants"):
        sent.pop(key, None)
    spec = services.VariantSpec(
        sku=variant.sku or None,
        sales_price=variant.sales_price,
        purchase_price=variant.default_cost or Decimal(0),
    )
    item = services.create_item(kind=ItemKind.SERVICE, name=payload.name, variants=[spec], **sent)
    return service_out(get_or_404(_services(), item.pk))


@router.patch("/services/{int:id}", response=Service, operation_id="updateService")
def update_service(request: HttpRequest, id: int, payload: UpdateServiceRequest) -> dict[str, Any]:
    item = get_or_404(_services().filter(deleted_at__isnull=True), id)
    sent = changes_of(payload)
    archive = sent.pop("is_archived", None)
    variant_changes = {_VARIANT_FIELDS[k]: sent.pop(k) for k in list(sent) if k in _VARIANT_FIELDS}
    if variant_changes.get("purchase_price", 0) is None:
        variant_changes["purchase_price"] = Decimal(0)
    with unit_of_work():
        if sent:
            services.update_item(item=item, changes=item_changes(sent))
        variant = next(iter(item.variants.all()), None)
        if variant_changes and variant is not None:
            services.update_variant(variant=variant, changes=variant_changes)
        if archive is True and item.archived_at is None:
            services.archive_item(item=item)
        elif archive is False and item.archived_at is not None:
            services.restore_item(item=item)
    return service_out(get_or_404(_services(), item.pk))


@router.delete("/services/{int:id}", response={204: None}, operation_id="deleteService")
def delete_service(request: HttpRequest, id: int) -> Status[None]:
    item = get_or_404(Item.objects.filter(kind=ItemKind.SERVICE, deleted_at__isnull=True), id)
    services.delete_item(item=item)
    return no_content()


def service_out(item: Item) -> dict[str, Any]:
    return {
        "id": item.pk,
        "name": item.name,
        "uom": item.uom,
        "category_name": item.category_name,
        "is_sellable": item.is_sellable,
        "type": "service",
        "additional_info": item.additional_info,
        "custom_field_collection_id": None,
        "variants": [
            {
                "id": v.pk,
                "sku": v.sku,
                "sales_price": number(v.sales_price),
                "default_cost": number(v.purchase_price),
                "service_id": item.pk,
                "type": "service",
                "created_at": v.created_at,
                "updated_at": v.updated_at,
                "deleted_at": v.deleted_at,
            }
            for v in item.variants.all()
        ],
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "archived_at": item.archived_at,
        "deleted_at": item.deleted_at,
    }
