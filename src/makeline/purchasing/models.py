"""Purchasing tables: purchase orders and rows.

Row quantities and prices are in the purchase UoM; `purchase_uom_conversion_rate` (stock
units per purchase unit) is copied from the item when the row is made, so later catalog
edits never change what was ordered. A partial receipt splits the row: the received part
becomes a new row with `received_date` set, and a received row is frozen. An over-receipt
raises the row's quantity to what arrived and keeps the ordered one in `ordered_quantity`,
so a revert can restore it.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q

from makeline.catalog.models import Location, Supplier, TaxRate, Variant
from makeline.common.fields import (
    money_field,
    optional_quantity_field,
    quantity_field,
    status_constraint,
    status_field,
)
from makeline.common.models import TimeStamped
from makeline.purchasing.enums import PurchaseOrderStatus


class PurchaseOrder(TimeStamped):
    order_no = models.CharField(max_length=100, unique=True)
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    status = status_field(PurchaseOrderStatus, PurchaseOrderStatus.NOT_RECEIVED)
    entity_type = models.CharField(max_length=16, default="regular")
    currency = models.CharField(max_length=3, default="EUR")
    order_created_date = models.DateTimeField()
    expected_arrival_date = models.DateTimeField(null=True, blank=True)
    additional_info = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [status_constraint("purchaseorder", PurchaseOrderStatus)]

    def __str__(self) -> str:
        return self.order_no


class PurchaseOrderRow(TimeStamped):
    purchase_order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="rows")
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    quantity = quantity_field(help_text="in purchase UoM")
    price_per_unit = money_field(help_text="per purchase unit")
    purchase_uom = models.CharField(max_length=20, blank=True)
    purchase_uom_conversion_rate = quantity_field(default=Decimal(1))
    tax_rate = models.ForeignKey(
        TaxRate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    arrival_date = models.DateTimeField(null=True, blank=True)
    received_date = models.DateTimeField(null=True, blank=True)
    ordered_quantity = optional_quantity_field(
        help_text="the quantity ordered, kept when an over-receipt raised `quantity`"
    )
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="porow_quantity_positive"),
            models.CheckConstraint(condition=Q(price_per_unit__gte=0), name="porow_price_ok"),
            models.CheckConstraint(
                condition=Q(purchase_uom_conversion_rate__gt=0), name="porow_rate_positive"
            ),
        ]

    @property
    def stock_quantity(self) -> Decimal:
        """The row's quantity in the item's stock UoM."""
        return self.quantity * self.purchase_uom_conversion_rate

    @property
    def unit_cost(self) -> Decimal:
        """Cost per stock unit (landed cost before additional costs)."""
        return self.price_per_unit / self.purchase_uom_conversion_rate

    @property
    def total(self) -> Decimal:
        return self.quantity * self.price_per_unit
