"""Inventory tables.

StockMove is the ledger: one row per change of on-hand stock of a variant at a location,
never updated or deleted. A correction or a revert is a new, opposite move that points at
the move it reverses. On-hand is the sum of moves. The variant's stock value (all
locations) and moving-average cost after each move are carried on the move itself, so the
current ones are the latest move's; values are kept to 12 places so that a reversal, which
takes out exactly its original's value change, restores the average cost exactly.
"""

from django.db import models
from django.db.models import Q

from makeline.catalog.models import Location, Variant
from makeline.common.fields import money_field, quantity_field
from makeline.common.models import TimeStamped
from makeline.inventory.enums import MoveSource


class StockMove(models.Model):
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    quantity = quantity_field(help_text="signed: + into stock, − out of stock")
    unit_cost = money_field(help_text="value per unit of this move")
    value_change = models.DecimalField(
        max_digits=36, decimal_places=12, default=0, help_text="change of the variant's stock value"
    )
    value_after = models.DecimalField(
        max_digits=36, decimal_places=12, default=0, help_text="the variant's stock value after it"
    )
    average_cost_after = money_field(help_text="the variant's moving-average cost after it")
    source = models.CharField(max_length=32, choices=MoveSource.choices)
    source_id = models.BigIntegerField(null=True, blank=True)
    order_no = models.CharField(max_length=100, blank=True)
    order_id = models.BigIntegerField(null=True, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    note = models.CharField(max_length=200, blank=True)
    moved_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["variant", "location"]),
            models.Index(fields=["source", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="stockmove_quantity_nonzero"),
            models.CheckConstraint(
                condition=Q(source__in=MoveSource.values), name="stockmove_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity:+} {self.variant_id}@{self.location_id} ({self.source})"


class StockAdjustment(TimeStamped):
    stock_adjustment_number = models.CharField(max_length=100, unique=True)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    stock_adjustment_date = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)
    additional_info = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.stock_adjustment_number


class StockAdjustmentRow(models.Model):
    adjustment = models.ForeignKey(StockAdjustment, on_delete=models.CASCADE, related_name="rows")
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    quantity = quantity_field()
    cost_per_unit = money_field()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="adjustmentrow_nonzero"),
        ]


class SafetyStock(TimeStamped):
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    level = quantity_field()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["variant", "location"], name="safetystock_unique"),
            models.CheckConstraint(condition=Q(level__gte=0), name="safetystock_nonnegative"),
        ]
