"""Admin for inventory: the stock ledger, adjustments and safety stock.

The ledger is append-only, so stock moves and the adjustments that posted them are
read-only here (no add, change or delete). Safety stock is saved through its service so
the plan follows. The admin classes are not subscripted: see catalog/admin.py.
"""

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from makeline.inventory.models import SafetyStock, StockAdjustment, StockAdjustmentRow, StockMove
from makeline.inventory.services import set_safety_stock


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A table to look at: it only changes through its services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(StockMove)
class StockMoveAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "moved_at",
        "variant",
        "location",
        "quantity",
        "unit_cost",
        "average_cost_after",
        "source",
        "source_id",
        "order_no",
        "reverses",
    ]
    list_filter = ["source", "location"]
    list_select_related = ["variant__item", "location", "reverses"]
    search_fields = ["order_no", "note", "variant__sku", "variant__item__name"]
    date_hierarchy = "moved_at"


class StockAdjustmentRowInline(admin.TabularInline):  # type: ignore[type-arg]
    model = StockAdjustmentRow
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(StockAdjustment)
class StockAdjustmentAdmin(ReadOnlyAdmin):
    list_display = ["stock_adjustment_number", "location", "stock_adjustment_date", "reason"]
    list_filter = ["location"]
    search_fields = ["stock_adjustment_number", "reason"]
    date_hierarchy = "stock_adjustment_date"
    inlines = [StockAdjustmentRowInline]


@admin.register(SafetyStock)
class SafetyStockAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["variant", "location", "level"]
    list_filter = ["location"]
    list_select_related = ["variant__item", "location"]
    search_fields = ["variant__sku", "variant__item__name"]
    autocomplete_fields = ["variant"]

    def save_model(
        self,
        request: HttpRequest,
        obj: SafetyStock,
        form: "ModelForm[SafetyStock]",
        change: bool,
    ) -> None:
        # Through the service: it validates the level and tells planning what changed.
        saved = set_safety_stock(variant=obj.variant, location=obj.location, level=obj.level)
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # set the level to 0 instead, so planning hears of it
