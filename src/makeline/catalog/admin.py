"""Admin for the catalog: the shop, locations, partners, items and variants.

The admin is a developer tool. Plain master data is editable here; bills of materials and
routings are shown read-only because their services check cycles and replan what depends
on them.

The admin classes are not subscripted (ModelAdmin[Model]) because Django's classes are not
generic at run time without django-stubs-ext; hence the `type-arg` ignores.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from makeline.catalog.models import (
    BomRow,
    Customer,
    CustomerAddress,
    Item,
    Location,
    Resource,
    RoutingRow,
    Shop,
    Supplier,
    SupplierAddress,
    TaxRate,
    Variant,
)


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "legal_name", "currency", "default_so_delivery_days"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One row of shop settings (made by `makeline init`).
        return not Shop.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Shop | None = None) -> bool:
        return False


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "name",
        "is_primary",
        "sales_allowed",
        "manufacturing_allowed",
        "purchase_allowed",
        "deleted_at",
    ]
    list_filter = ["is_primary", "sales_allowed", "manufacturing_allowed", "purchase_allowed"]
    search_fields = ["name", "legal_name"]


@admin.register(TaxRate)
class TaxRateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "rate", "is_default_sales", "is_default_purchases"]
    search_fields = ["name"]


class SupplierAddressInline(admin.StackedInline):  # type: ignore[type-arg]
    model = SupplierAddress
    extra = 0


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "email", "phone", "currency", "deleted_at"]
    list_filter = ["currency"]
    search_fields = ["name", "email"]
    inlines = [SupplierAddressInline]


class CustomerAddressInline(admin.StackedInline):  # type: ignore[type-arg]
    model = CustomerAddress
    extra = 0


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "company", "email", "phone", "category", "currency"]
    list_filter = ["category", "currency"]
    search_fields = ["name", "company", "email", "reference_id"]
    inlines = [CustomerAddressInline]


class VariantInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Variant
    extra = 0
    fields = ["sku", "sales_price", "purchase_price", "lead_time", "minimum_order_quantity"]
    show_change_link = True


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "name",
        "kind",
        "uom",
        "category_name",
        "is_sellable",
        "is_producible",
        "is_purchasable",
        "archived_at",
    ]
    list_filter = ["kind", "is_sellable", "is_producible", "is_purchasable", "category_name"]
    search_fields = ["name", "category_name", "variants__sku"]
    autocomplete_fields = ["default_supplier"]
    inlines = [VariantInline]


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    """Rows shown for reference; their services keep the rules (and the plan) right."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BomRowInline(ReadOnlyInline):
    model = BomRow
    fk_name = "product_variant"
    fields = ["ingredient_variant", "quantity", "notes", "rank"]


class RoutingRowInline(ReadOnlyInline):
    model = RoutingRow
    fields = ["operation_name", "resource", "type", "planned_time_per_unit", "cost_parameter"]


@admin.register(Variant)
class VariantAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["sku", "item", "sales_price", "purchase_price", "lead_time", "archived_at"]
    list_filter = ["item__kind"]
    list_select_related = ["item"]
    search_fields = ["sku", "item__name"]
    autocomplete_fields = ["item"]
    inlines = [BomRowInline, RoutingRowInline]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "cost_per_hour"]
    search_fields = ["name"]
