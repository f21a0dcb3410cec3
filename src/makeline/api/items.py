"""Items on the wire: products, materials and services with their variants, shared by
the products, materials, services and variants endpoints.

`*_out` functions turn rows into Katana's dicts; `item_changes` turns a create/update body
into the keyword arguments of the catalog services. Querysets here prefetch what the
`*_out` functions read, so a page of items costs a fixed number of queries.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from makeline.api.common import blank, fixed, number, referenced, text
from makeline.api.contacts_wire import supplier_out
from makeline.api.schemas.items import ConfigRequest, CreateProductVariantRequest, VariantFields
from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Item, Supplier, Variant
from makeline.catalog.services import VariantSpec
from makeline.common.errors import DomainError

_TEXT_COLUMNS = frozenset({"uom", "category_name", "additional_info", "purchase_uom"})


def items(kind: ItemKind, *, with_supplier: bool = False) -> QuerySet[Item]:
    live_variants = Variant.objects.filter(deleted_at__isnull=True).order_by("id")
    queryset = Item.objects.filter(kind=kind).prefetch_related(
        Prefetch("variants", queryset=live_variants)
    )
    if with_supplier:
        queryset = queryset.select_related("default_supplier").prefetch_related(
            "default_supplier__addresses"
        )
    return queryset


def item_out(
    item: Item, *, with_supplier: bool = False, with_variants: bool = True
) -> dict[str, Any]:
    """A product or material as Katana's Product / Material."""
    out: dict[str, Any] = {
        "id": item.pk,
        "name": item.name,
        "type": item.kind,
        "uom": item.uom,
        "category_name": text(item.category_name),
        "is_sellable": item.is_sellable,
        "default_supplier_id": item.default_supplier_id,
        "additional_info": item.additional_info,
        "batch_tracked": False,
        "serial_tracked": False,
        "operations_in_sequence": False,
        "purchase_uom": text(item.purchase_uom),
        "purchase_uom_conversion_rate": fixed(item.purchase_uom_conversion_rate),
        "custom_field_collection_id": None,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "archived_at": item.archived_at,
        "deleted_at": item.deleted_at,
    }
    return out | _item_extras(item, with_supplier=with_supplier, with_variants=with_variants)


def _item_extras(item: Item, *, with_supplier: bool, with_variants: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if with_variants:
        variants = list(item.variants.all())
        out["variants"] = [variant_out(v, item) for v in variants]
        out["configs"] = configs_of(item, variants)
    if item.kind == ItemKind.PRODUCT:
        out |= {"is_producible": item.is_producible, "is_purchasable": item.is_purchasable}
        out["is_auto_assembly"] = False
    if with_supplier:
        supplier = item.default_supplier
        out["supplier"] = supplier_out(supplier) if supplier else None
    return out


def variant_out(variant: Variant, item: Item) -> dict[str, Any]:
    kind = item.kind
    return {
        "id": variant.pk,
        "sku": variant.sku,
        "sales_price": number(variant.sales_price),
        "product_id": item.pk if kind == ItemKind.PRODUCT else None,
        "material_id": item.pk if kind == ItemKind.MATERIAL else None,
        "purchase_price": number(variant.purchase_price),
        "type": kind,
        "internal_barcode": None,
        "registered_barcode": None,
        "supplier_item_codes": [],
        "lead_time": variant.lead_time,
        "minimum_order_quantity": number(variant.minimum_order_quantity),
        "config_attributes": list(variant.config_attributes or []),
        "created_at": variant.created_at,
        "updated_at": variant.updated_at,
        "deleted_at": variant.deleted_at,
    }


def configs_of(item: Item, variants: Iterable[Variant]) -> list[dict[str, Any]]:
    """The option axes, gathered from the variants' config attributes in first-seen order.

    We keep no separate config table, so a config's id is its position within the item.
    """
    axes: dict[str, list[str]] = {}
    for variant in variants:
        for attribute in variant.config_attributes or []:
            values = axes.setdefault(str(attribute.get("config_name", "")), [])
            value = str(attribute.get("config_value", ""))
            if value not in values:
                values.append(value)
    owner = "product_id" if item.kind == ItemKind.PRODUCT else "material_id"
    return [
        {"id": n, "name": name, "values": values, owner: item.pk}
        for n, (name, values) in enumerate(axes.items(), start=1)
    ]


def item_changes(sent: dict[str, Any]) -> dict[str, Any]:
    """Body fields (already limited to what was sent) as catalog service arguments."""
    changes = dict(sent)
    if "default_supplier_id" in changes:
        supplier_id = changes.pop("default_supplier_id")
        changes["default_supplier"] = (
            None
            if supplier_id is None
            else referenced(
                Supplier.objects.filter(deleted_at__isnull=True),
                supplier_id,
                field="default_supplier_id",
            )
        )
    for column in _TEXT_COLUMNS & changes.keys():
        changes[column] = blank(changes[column])
    return changes


def variant_spec(body: VariantFields) -> VariantSpec:
    sales_price = body.sales_price if isinstance(body, CreateProductVariantRequest) else None
    return VariantSpec(
        sku=body.sku or None,
        sales_price=sales_price,
        purchase_price=body.purchase_price if body.purchase_price is not None else Decimal(0),
        lead_time=body.lead_time,
        minimum_order_quantity=body.minimum_order_quantity,
        config_attributes=[a.model_dump() for a in body.config_attributes or []],
    )


def check_configs(configs: list[ConfigRequest] | None, variants: list[VariantFields]) -> None:
    """When the body declares configs, every variant's attributes must come from them."""
    if not configs:
        return
    allowed = {c.name: set(c.values) for c in configs}
    for n, variant in enumerate(variants):
        for attribute in variant.config_attributes or []:
            if attribute.config_value not in allowed.get(attribute.config_name, set()):
                raise DomainError(
                    f"{attribute.config_name}={attribute.config_value} is not one of the "
                    "configs given",
                    field=f"variants[{n}].config_attributes",
                )
