"""Admin for purchase orders (a developer tool).

Statuses and receipts change only through the purchasing services (they post stock and
tell planning), so the status and what records a receipt are read-only, and orders are not
deleted here. The admin classes are not subscripted: see catalog/admin.py.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow


class PurchaseOrderRowInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PurchaseOrderRow
    extra = 0
    can_delete = False
    fields = [
        "variant",
        "quantity",
        "purchase_uom",
        "purchase_uom_conversion_rate",
        "price_per_unit",
        "tax_rate",
        "arrival_date",
        "received_date",
        "ordered_quantity",
        "split_from",
    ]
    readonly_fields = [
        "purchase_uom_conversion_rate",
        "received_date",
        "ordered_quantity",
        "split_from",
    ]
    autocomplete_fields = ["variant"]


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "order_no",
        "supplier",
        "location",
        "status",
        "currency",
        "order_created_date",
        "expected_arrival_date",
    ]
    list_filter = ["status", "location", "supplier"]
    list_select_related = ["supplier", "location"]
    search_fields = ["order_no", "supplier__name", "additional_info"]
    date_hierarchy = "order_created_date"
    readonly_fields = ["status"]
    autocomplete_fields = ["supplier", "location"]
    inlines = [PurchaseOrderRowInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
