"""Reads for the home page: plain counts, no business logic."""

from dataclasses import dataclass

from makeline.catalog.models import Item
from makeline.production import enums as production
from makeline.production.models import ManufacturingOrder
from makeline.purchasing import enums as purchasing
from makeline.purchasing.models import PurchaseOrder
from makeline.sales import enums as sales
from makeline.sales.models import SalesOrder


@dataclass(frozen=True, slots=True)
class Overview:
    open_sales_orders: int
    open_manufacturing_orders: int
    open_purchase_orders: int
    items: int


def overview() -> Overview:
    """How many open orders of each kind there are, and how many items are in use.

    Open means what each app's enums call OPEN: quotes, drafts and finished documents are
    not counted; archived and deleted items are not counted.
    """
    return Overview(
        open_sales_orders=SalesOrder.objects.filter(status__in=sales.OPEN).count(),
        open_manufacturing_orders=ManufacturingOrder.objects.filter(
            status__in=production.OPEN
        ).count(),
        open_purchase_orders=PurchaseOrder.objects.filter(status__in=purchasing.OPEN).count(),
        items=Item.objects.filter(archived_at__isnull=True, deleted_at__isnull=True).count(),
    )
