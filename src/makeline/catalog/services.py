"""Catalog writes: items and variants, BOM rows (with cycle detection) and routings.

Every service is keyword-only, runs in a unit of work and raises a DomainError (nothing
saved) when the input breaks a rule. Shop settings, locations and partners are in
`makeline.catalog.contacts`.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from makeline.catalog.bom import cycle_if_added
from makeline.catalog.enums import ItemKind, OperationType
from makeline.catalog.models import BomRow, Item, Location, Resource, RoutingRow, Supplier, Variant
from makeline.catalog.validation import assign, default, required
from makeline.common.errors import DomainError, InvalidQuantity, NotFound
from makeline.common.unit_of_work import atomic_service, touch

# --- items and variants -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VariantSpec:
    sku: str | None = None
    sales_price: Decimal | None = None
    purchase_price: Decimal = Decimal(0)
    lead_time: int | None = None
    minimum_order_quantity: Decimal | None = None
    config_attributes: list[dict[str, str]] = field(default_factory=list)


@atomic_service
def create_item(
    *,
    kind: ItemKind,
    name: str,
    variants: Sequence[VariantSpec] = (),
    uom: str = "pcs",
    category_name: str = "",
    is_sellable: bool | None = None,
    is_producible: bool | None = None,
    is_purchasable: bool | None = None,
    default_supplier: Supplier | None = None,
    purchase_uom: str = "",
    purchase_uom_conversion_rate: Decimal | None = None,
    additional_info: str = "",
) -> Item:
    """Create a product, material or service with its variants (one default variant if none).

    Defaults follow Katana: products are sellable and producible, materials purchasable
    and not sellable, services sellable.
    """
    if kind not in ItemKind.values:
        raise DomainError(f"unknown item type {kind!r}", field="type")
    _check_purchase_uom(purchase_uom, purchase_uom_conversion_rate)
    producible = default(is_producible, kind == ItemKind.PRODUCT)
    if kind == ItemKind.MATERIAL and producible:
        # Checked before the insert: the database refuses it too, with a less useful error.
        raise DomainError("a material is bought, never made", field="is_producible")
    item = Item.objects.create(
        kind=kind,
        name=required(name, "name"),
        uom=uom or "pcs",
        category_name=category_name,
        is_sellable=default(is_sellable, kind != ItemKind.MATERIAL),
        is_producible=producible,
        is_purchasable=default(is_purchasable, kind != ItemKind.SERVICE),
        default_supplier=default_supplier,
        purchase_uom=purchase_uom,
        purchase_uom_conversion_rate=purchase_uom_conversion_rate,
        additional_info=additional_info,
    )
    for spec in variants or [VariantSpec()]:
        create_variant(item=item, spec=spec)
    return item


@atomic_service
def update_item(*, item: Item, changes: dict[str, Any]) -> Item:
    allowed = frozenset(
        {"name", "uom", "category_name", "is_sellable", "is_producible", "is_purchasable"}
        | {"default_supplier", "purchase_uom", "purchase_uom_conversion_rate", "additional_info"}
    )
    assign(item, changes, allowed=allowed)
    item.name = required(item.name, "name")
    _check_purchase_uom(item.purchase_uom, item.purchase_uom_conversion_rate)
    if item.kind == ItemKind.MATERIAL and item.is_producible:
        raise DomainError("a material is bought, never made", field="is_producible")
    item.save()
    return item


@atomic_service
def create_variant(*, item: Item, spec: VariantSpec) -> Variant:
    _check_variant(spec.sku, spec.minimum_order_quantity, spec.purchase_price, spec.sales_price)
    return Variant.objects.create(
        item=item,
        sku=spec.sku or None,
        sales_price=spec.sales_price,
        purchase_price=spec.purchase_price,
        lead_time=spec.lead_time,
        minimum_order_quantity=spec.minimum_order_quantity,
        config_attributes=list(spec.config_attributes),
    )


@atomic_service
def update_variant(*, variant: Variant, changes: dict[str, Any]) -> Variant:
    allowed = frozenset(
        {"sku", "sales_price", "purchase_price", "lead_time", "minimum_order_quantity"}
        | {"config_attributes"}
    )
    assign(variant, changes, allowed=allowed)
    variant.sku = variant.sku or None
    _check_variant(
        variant.sku,
        variant.minimum_order_quantity,
        variant.purchase_price,
        variant.sales_price,
        exclude=variant.pk,
    )
    variant.save()
    return variant


@atomic_service
def archive_item(*, item: Item) -> Item:
    """Archive an item: it stays on existing documents but cannot be put on new ones."""
    item.archived_at = timezone.now()
    item.save(update_fields=["archived_at", "updated_at"])
    return item


@atomic_service
def delete_variant(*, variant: Variant) -> Variant:
    """Soft-delete a variant (its history stays)."""
    variant.deleted_at = timezone.now()
    variant.save(update_fields=["deleted_at", "updated_at"])
    return variant


def _check_variant(
    sku: str | None,
    moq: Decimal | None,
    purchase_price: Decimal,
    sales_price: Decimal | None,
    *,
    exclude: int | None = None,
) -> None:
    clash = Variant.objects.filter(sku=sku)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if sku and clash.exists():
        raise DomainError(f"SKU {sku!r} is used by another variant", field="sku")
    if moq is not None and moq <= 0:
        raise InvalidQuantity(
            "minimum order quantity must be positive", field="minimum_order_quantity"
        )
    if purchase_price < 0 or (sales_price is not None and sales_price < 0):
        raise DomainError("prices must not be negative", field="purchase_price")


def _check_purchase_uom(uom: str, rate: Decimal | None) -> None:
    if rate is not None and rate <= 0:
        raise DomainError(
            "purchase UoM conversion rate must be positive", field="purchase_uom_conversion_rate"
        )
    if uom and rate is None:
        raise DomainError(
            "a purchase UoM needs a conversion rate (stock units per purchase unit)",
            field="purchase_uom_conversion_rate",
        )


# --- BOM and routing ----------------------------------------------------------------------


def usable_variant(variant_id: int, *, field_name: str = "variant_id") -> Variant:
    """Load a variant that may go on a new document, or raise NotFound."""
    variant = Variant.objects.select_related("item").filter(pk=variant_id).first()
    if variant is None or not variant.is_usable:
        raise NotFound(f"variant {variant_id} does not exist or is archived", field=field_name)
    return variant


@atomic_service
def add_bom_row(
    *,
    product_variant: Variant,
    ingredient_variant: Variant,
    quantity: Decimal,
    notes: str = "",
    rank: int | None = None,
) -> BomRow:
    """Add an ingredient to a product variant's BOM; refuses cycles at any depth."""
    _check_bom_row(product_variant, ingredient_variant, quantity)
    if rank is None:
        rank = product_variant.bom_rows.count() + 1
    row = BomRow.objects.create(
        product_variant=product_variant,
        ingredient_variant=ingredient_variant,
        quantity=quantity,
        notes=notes,
        rank=rank,
    )
    _touch_bom(ingredient_variant.pk)
    return row


@atomic_service
def update_bom_row(*, row: BomRow, changes: dict[str, Any]) -> BomRow:
    old_ingredient = row.ingredient_variant_id
    assign(row, changes, allowed=frozenset({"ingredient_variant", "quantity", "notes", "rank"}))
    if "ingredient_variant" in changes or "quantity" in changes:
        others = BomRow.objects.exclude(pk=row.pk)
        _check_bom_row(row.product_variant, row.ingredient_variant, row.quantity, rows=others)
    row.save()
    _touch_bom(old_ingredient)
    _touch_bom(row.ingredient_variant_id)
    return row


@atomic_service
def delete_bom_row(*, row: BomRow) -> None:
    ingredient = row.ingredient_variant_id
    row.delete()
    _touch_bom(ingredient)


def _check_bom_row(
    product: Variant, ingredient: Variant, quantity: Decimal, *, rows: Any = None
) -> None:
    if product.item.kind != ItemKind.PRODUCT:
        raise DomainError("only products have a BOM", field="product_variant_id")
    if not ingredient.is_usable:
        raise NotFound("the ingredient is archived or deleted", field="ingredient_variant_id")
    if ingredient.item.kind == ItemKind.SERVICE:
        raise DomainError("a service cannot be an ingredient", field="ingredient_variant_id")
    if quantity is None or quantity <= 0:
        raise InvalidQuantity("ingredient quantity must be positive", field="quantity")
    edges: dict[int, list[int]] = defaultdict(list)
    source = rows if rows is not None else BomRow.objects.all()
    for parent, child in source.values_list("product_variant_id", "ingredient_variant_id"):
        edges[parent].append(child)
    cycle = cycle_if_added(edges, product.pk, ingredient.pk)
    if cycle:
        names = dict(Variant.objects.filter(pk__in=cycle).values_list("pk", "item__name"))
        loop = " → ".join(names.get(v, str(v)) for v in cycle)
        raise DomainError(
            f"this ingredient would make a BOM cycle: {loop}", field="ingredient_variant_id"
        )


def _touch_bom(ingredient_variant_id: int) -> None:
    # A BOM edit changes what a "make to order" would need of this ingredient everywhere.
    for location_id in Location.objects.values_list("pk", flat=True):
        touch(ingredient_variant_id, location_id)


@atomic_service
def create_resource(*, name: str, cost_per_hour: Decimal = Decimal(0)) -> Resource:
    name = required(name, "name")
    if cost_per_hour < 0:
        raise DomainError("cost per hour must not be negative", field="cost_per_hour")
    resource, _ = Resource.objects.get_or_create(
        name=name, defaults={"cost_per_hour": cost_per_hour}
    )
    return resource


@atomic_service
def add_routing_row(
    *,
    product_variant: Variant,
    operation_name: str,
    resource: Resource,
    type: OperationType,
    planned_time_per_unit: Decimal = Decimal(0),
    cost_parameter: Decimal | None = None,
    rank: int | None = None,
) -> RoutingRow:
    """Add an operation step to a product variant's routing. Times are seconds."""
    _check_routing_row(product_variant, type, planned_time_per_unit)
    return RoutingRow.objects.create(
        product_variant=product_variant,
        operation_name=required(operation_name, "operation_name"),
        resource=resource,
        type=type,
        planned_time_per_unit=planned_time_per_unit,
        cost_parameter=resource.cost_per_hour if cost_parameter is None else cost_parameter,
        rank=rank if rank is not None else product_variant.routing_rows.count() + 1,
    )


@atomic_service
def delete_routing_row(*, row: RoutingRow) -> None:
    row.delete()


@atomic_service
def update_routing_row(*, row: RoutingRow, changes: dict[str, Any]) -> RoutingRow:
    """Change an operation step (name, resource, type, seconds per unit, cost, rank)."""
    allowed = frozenset(
        {"operation_name", "resource", "type", "planned_time_per_unit", "cost_parameter", "rank"}
    )
    assign(row, changes, allowed=allowed)
    _check_routing_row(row.product_variant, row.type, row.planned_time_per_unit)
    row.operation_name = required(row.operation_name, "operation_name")
    row.save()
    return row


def _check_routing_row(product_variant: Variant, type: str, planned_time_per_unit: Decimal) -> None:
    if product_variant.item.kind != ItemKind.PRODUCT:
        raise DomainError("only products have operations", field="product_variant_id")
    if type not in OperationType.values:
        raise DomainError(f"unknown operation type {type!r}", field="type")
    if planned_time_per_unit is None or planned_time_per_unit < 0:
        raise DomainError("planned time must not be negative", field="planned_time_per_unit")


@atomic_service
def update_resource(*, resource: Resource, changes: dict[str, Any]) -> Resource:
    """Rename a resource or change its cost per hour (existing operations keep their cost)."""
    assign(resource, changes, allowed=frozenset({"name", "cost_per_hour"}))
    resource.name = required(resource.name, "name")
    if Resource.objects.filter(name=resource.name).exclude(pk=resource.pk).exists():
        raise DomainError(f"a resource named {resource.name!r} exists already", field="name")
    if resource.cost_per_hour is None or resource.cost_per_hour < 0:
        raise DomainError("cost per hour must not be negative", field="cost_per_hour")
    resource.save()
    return resource


@atomic_service
def rerank_routing_row(*, row: RoutingRow, after: RoutingRow | None) -> RoutingRow:
    """Move an operation step right after `after` (None: to the top) and renumber 1..n."""
    if after is not None and (after.product_variant_id != row.product_variant_id or after == row):
        raise DomainError(
            "the preceding operation must be another step of the same product variant",
            field="preceding_product_operation_id",
        )
    steps = [r for r in row.product_variant.routing_rows.order_by("rank", "id") if r != row]
    position = 0 if after is None else [r.pk for r in steps].index(after.pk) + 1
    steps.insert(position, row)
    for rank, step in enumerate(steps, start=1):
        if step.rank != rank:
            step.rank = rank
            step.save(update_fields=["rank", "updated_at"])
    row.refresh_from_db()
    return row


# --- removal ------------------------------------------------------------------------------


@atomic_service
def restore_item(*, item: Item) -> Item:
    """Take an item out of the archive: it can go on new documents again."""
    item.archived_at = None
    item.save(update_fields=["archived_at", "updated_at"])
    return item


@atomic_service
def delete_item(*, item: Item) -> Item:
    """Soft-delete an item with its variants; documents that use them keep their history."""
    if item.deleted_at is not None:
        raise NotFound(f"{item.name} is deleted already")
    now = timezone.now()
    item.deleted_at = now
    item.save(update_fields=["deleted_at", "updated_at"])
    item.variants.filter(deleted_at__isnull=True).update(deleted_at=now, updated_at=now)
    return item
