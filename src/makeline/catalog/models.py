"""Catalog tables: what the shop makes, buys and sells, and the places and partners involved.

An Item is a product, material or service; stock is kept per Variant (SKU). A product
variant has BOM rows (ingredients per unit, in the ingredient's stock UoM) and routing
rows (operations on resources). Locations, suppliers, customers and tax rates live here
too because every other app refers to them.
"""

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q

from makeline.catalog.enums import AddressKind, ItemKind, OperationType
from makeline.common.fields import (
    money_field,
    optional_money_field,
    optional_quantity_field,
    quantity_field,
)
from makeline.common.models import TimeStamped


class Shop(TimeStamped):
    """The one row of shop-wide settings (Katana's "factory")."""

    name = models.CharField(max_length=200, default="My shop")
    legal_name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    default_so_delivery_days = models.PositiveIntegerField(default=14)
    default_po_lead_days = models.PositiveIntegerField(default=7)
    default_mo_deadline_days = models.PositiveIntegerField(default=7)

    def __str__(self) -> str:
        return self.name


class Location(TimeStamped):
    name = models.CharField(max_length=200, unique=True)
    legal_name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    is_primary = models.BooleanField(default=False)
    sales_allowed = models.BooleanField(default=True)
    manufacturing_allowed = models.BooleanField(default=True)
    purchase_allowed = models.BooleanField(default=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class TaxRate(TimeStamped):
    name = models.CharField(max_length=100)
    rate = models.DecimalField(max_digits=7, decimal_places=4, help_text="percent, e.g. 20")
    is_default_sales = models.BooleanField(default=False)
    is_default_purchases = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lte=100), name="taxrate_rate_percent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.rate}%)"


class Supplier(TimeStamped):
    name = models.CharField(max_length=200)
    email = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=100, blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    comment = models.TextField(blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Customer(TimeStamped):
    name = models.CharField(max_length=200)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    company = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=100, blank=True)
    comment = models.TextField(blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    reference_id = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=100, blank=True)
    discount_rate = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class AddressFields(models.Model):
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    company = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=100, blank=True)
    line_1 = models.CharField(max_length=200, blank=True)
    line_2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=100, blank=True)
    zip = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=100, blank=True)

    class Meta:
        abstract = True

    def lines(self) -> list[str]:
        """The address as printable lines, empty parts left out."""
        name = " ".join(p for p in (self.first_name, self.last_name) if p)
        city = " ".join(p for p in (self.zip, self.city) if p)
        parts = [name, self.company, self.line_1, self.line_2, city, self.state, self.country]
        return [p for p in parts if p]


class CustomerAddress(TimeStamped, AddressFields):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="addresses")
    entity_type = models.CharField(max_length=16, choices=AddressKind.choices)
    default = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]


class SupplierAddress(TimeStamped, AddressFields):
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="addresses")

    class Meta:
        ordering = ["id"]


class Item(TimeStamped):
    """A product, material or service. Roles are flags, as in Katana."""

    kind = models.CharField(max_length=16, choices=ItemKind.choices)
    name = models.CharField(max_length=200)
    uom = models.CharField(max_length=20, default="pcs")
    category_name = models.CharField(max_length=100, blank=True)
    is_sellable = models.BooleanField(default=True)
    is_producible = models.BooleanField(default=False)
    is_purchasable = models.BooleanField(default=True)
    default_supplier = models.ForeignKey(
        Supplier, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purchase_uom = models.CharField(max_length=20, blank=True)
    purchase_uom_conversion_rate = optional_quantity_field(
        help_text="stock units per purchase unit"
    )
    additional_info = models.TextField(blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ItemKind.values), name="item_kind_valid"),
            models.CheckConstraint(
                condition=Q(purchase_uom_conversion_rate__isnull=True)
                | Q(purchase_uom_conversion_rate__gt=0),
                name="item_purchase_rate_positive",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ItemKind.MATERIAL) | Q(is_producible=False),
                name="item_material_not_producible",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def conversion_rate(self) -> Decimal:
        """Stock units per purchase unit (1 when there is no purchase UoM)."""
        return self.purchase_uom_conversion_rate or Decimal(1)

    @property
    def is_stocked(self) -> bool:
        return self.kind != ItemKind.SERVICE


class Variant(TimeStamped):
    """A stock-keeping unit of an item. Stock, BOMs and order rows refer to variants."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(max_length=100, null=True, blank=True, unique=True)
    sales_price = optional_money_field()
    purchase_price = money_field(help_text="per purchase unit")
    lead_time = models.PositiveIntegerField(null=True, blank=True, help_text="days")
    minimum_order_quantity = optional_quantity_field()
    config_attributes = models.JSONField(default=list, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_order_quantity__isnull=True) | Q(minimum_order_quantity__gt=0),
                name="variant_moq_positive",
            ),
            models.CheckConstraint(condition=Q(purchase_price__gte=0), name="variant_price_ok"),
        ]

    def __str__(self) -> str:
        attrs = ", ".join(a.get("config_value", "") for a in self.config_attributes or [])
        label = f"{self.item.name} ({attrs})" if attrs else self.item.name
        return f"{self.sku} · {label}" if self.sku else label

    @property
    def display_name(self) -> str:
        attrs = " / ".join(a.get("config_value", "") for a in self.config_attributes or [])
        return f"{self.item.name} {attrs}".strip()

    @property
    def is_usable(self) -> bool:
        return not (
            self.archived_at or self.deleted_at or self.item.archived_at or self.item.deleted_at
        )


class BomRow(TimeStamped):
    """One ingredient of a product variant: quantity per one unit of product (stock UoM)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    product_variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="bom_rows")
    ingredient_variant = models.ForeignKey(
        Variant, on_delete=models.PROTECT, related_name="used_in_bom_rows"
    )
    quantity = quantity_field()
    notes = models.TextField(blank=True)
    rank = models.IntegerField(default=0)

    class Meta:
        ordering = ["product_variant_id", "rank", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="bomrow_quantity_positive"),
            models.CheckConstraint(
                condition=~Q(product_variant=models.F("ingredient_variant")),
                name="bomrow_not_self",
            ),
        ]


class Resource(TimeStamped):
    """A workstation or person that operations run on, with a default hourly cost."""

    name = models.CharField(max_length=200, unique=True)
    cost_per_hour = money_field()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoutingRow(TimeStamped):
    """One operation step of a product variant's routing (Katana's product operation row).

    Times are in seconds. `cost_parameter` is an hourly rate for process/setup steps, a
    cost per unit for perUnit steps and a flat amount for fixed steps.
    """

    product_variant = models.ForeignKey(
        Variant, on_delete=models.CASCADE, related_name="routing_rows"
    )
    operation_name = models.CharField(max_length=200)
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="+")
    type = models.CharField(max_length=16, choices=OperationType.choices)
    planned_time_per_unit = quantity_field(default=Decimal(0), help_text="seconds")
    cost_parameter = money_field()
    rank = models.IntegerField(default=0)

    class Meta:
        ordering = ["product_variant_id", "rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=OperationType.values), name="routingrow_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(planned_time_per_unit__gte=0), name="routingrow_time_ok"
            ),
        ]
