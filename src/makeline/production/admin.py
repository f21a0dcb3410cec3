"""Admin for manufacturing orders and productions (a developer tool).

Statuses, ranks, completions and reverts change only through the production services
(they post stock and tell planning): those fields are read-only, productions are shown
but never edited, and nothing is deleted here. The admin classes are not subscripted:
see catalog/admin.py.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from makeline.production.models import (
    ManufacturingOrder,
    OperationRow,
    Production,
    ProductionIngredient,
    RecipeRow,
)


class NoDeleteAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RecipeRowInline(admin.TabularInline):  # type: ignore[type-arg]
    model = RecipeRow
    extra = 0
    can_delete = False
    fields = ["variant", "planned_quantity_per_unit", "total_actual_quantity", "notes", "position"]
    readonly_fields = ["total_actual_quantity"]
    autocomplete_fields = ["variant"]


class OperationRowInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OperationRow
    extra = 0
    can_delete = False
    fields = [
        "operation_name",
        "resource",
        "type",
        "status",
        "planned_time_per_unit",
        "cost_parameter",
        "cost_per_hour",
        "total_actual_time",
        "rank",
    ]
    readonly_fields = ["status", "total_actual_time"]


@admin.register(ManufacturingOrder)
class ManufacturingOrderAdmin(NoDeleteAdmin):
    list_display = [
        "order_no",
        "variant",
        "location",
        "status",
        "planned_quantity",
        "actual_quantity",
        "production_deadline_date",
        "rank",
        "sales_order_row",
    ]
    list_filter = ["status", "location"]
    list_select_related = ["variant__item", "location"]
    search_fields = ["order_no", "variant__sku", "variant__item__name", "additional_info"]
    date_hierarchy = "production_deadline_date"
    readonly_fields = ["status", "rank", "actual_quantity", "done_date"]
    autocomplete_fields = ["variant", "location"]
    raw_id_fields = ["sales_order_row", "parent"]
    inlines = [RecipeRowInline, OperationRowInline]


class ProductionIngredientInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProductionIngredient
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Production)
class ProductionAdmin(NoDeleteAdmin):
    list_display = [
        "id",
        "manufacturing_order",
        "quantity",
        "production_date",
        "is_final",
        "reverted_at",
    ]
    list_filter = ["is_final"]
    list_select_related = ["manufacturing_order"]
    search_fields = ["manufacturing_order__order_no"]
    date_hierarchy = "production_date"
    inlines = [ProductionIngredientInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
