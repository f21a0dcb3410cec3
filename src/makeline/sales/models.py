"""Sales tables: orders (and quotes), rows, addresses, fulfilments.

`rank` is the order's priority on the Sell screen: lower ranks are served first. Sales
orders and manufacturing orders share one rank space (see docs/planning.md).
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q

from makeline.catalog.models import AddressFields, Customer, Location, TaxRate, Variant
from makeline.common.fields import money_field, quantity_field, status_constraint, status_field
from makeline.common.models import TimeStamped
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus


class SalesOrder(TimeStamped):
    order_no = models.CharField(max_length=100, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="sales_orders")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    status = status_field(SalesOrderStatus, SalesOrderStatus.NOT_SHIPPED)
    rank = models.BigIntegerField(db_index=True)
    order_created_date = models.DateTimeField()
    delivery_date = models.DateTimeField(null=True, blank=True)
    picked_date = models.DateTimeField(null=True, blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    customer_ref = models.CharField(max_length=200, blank=True)
    additional_info = models.TextField(blank=True)
    source = models.CharField(max_length=50, blank=True)
    ecommerce_order_type = models.CharField(max_length=50, blank=True)
    ecommerce_store_name = models.CharField(max_length=200, blank=True)
    ecommerce_order_id = models.CharField(max_length=200, blank=True)
    tracking_number = models.CharField(max_length=200, blank=True)
    tracking_number_url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        constraints = [status_constraint("salesorder", SalesOrderStatus)]

    def __str__(self) -> str:
        return self.order_no


class SalesOrderRow(TimeStamped):
    sales_order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="rows")
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    quantity = quantity_field()
    price_per_unit = money_field()
    total_discount = money_field(help_text="amount off the row total, before tax")
    tax_rate = models.ForeignKey(
        TaxRate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attributes = models.JSONField(default=list, blank=True)
    position = models.IntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="salesrow_quantity_positive"),
            models.CheckConstraint(condition=Q(price_per_unit__gte=0), name="salesrow_price_ok"),
            models.CheckConstraint(condition=Q(total_discount__gte=0), name="salesrow_discount_ok"),
        ]

    def __str__(self) -> str:
        return f"{self.sales_order_id}/{self.pk}"

    @property
    def total(self) -> Decimal:
        """Row total before tax, after discount (Katana's `total`)."""
        return self.quantity * self.price_per_unit - self.total_discount

    @property
    def tax_amount(self) -> Decimal:
        return self.total * (self.tax_rate.rate if self.tax_rate else Decimal(0)) / 100


class SalesOrderAddress(TimeStamped, AddressFields):
    sales_order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="addresses")
    entity_type = models.CharField(max_length=16)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sales_order", "entity_type"], name="soaddress_one_per_kind"
            ),
        ]


class Fulfillment(TimeStamped):
    """One pack or deliver event over some rows of one sales order."""

    sales_order = models.ForeignKey(
        SalesOrder, on_delete=models.CASCADE, related_name="fulfillments"
    )
    status = status_field(FulfillmentStatus, FulfillmentStatus.PACKED)
    picked_date = models.DateTimeField()
    tracking_number = models.CharField(max_length=200, blank=True)
    tracking_url = models.CharField(max_length=500, blank=True)
    tracking_carrier = models.CharField(max_length=200, blank=True)
    tracking_method = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [status_constraint("fulfillment", FulfillmentStatus)]


class FulfillmentRow(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, on_delete=models.CASCADE, related_name="rows")
    sales_order_row = models.ForeignKey(
        SalesOrderRow, on_delete=models.PROTECT, related_name="fulfillment_rows"
    )
    quantity = quantity_field()
    cogs_value = money_field(help_text="average cost at fulfilment × quantity")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="fulfilmentrow_positive"),
        ]
