"""Production tables: manufacturing orders (MOs), recipe rows, operation rows, productions.

Recipe and operation rows are copied from the product's BOM and routing when the MO is
made, and belong to that MO from then on: editing them is how a job shop builds a one-off.
A make-to-order MO points at the one sales order row it is made for (`sales_order_row`);
its variant, quantity and location follow that row. A subassembly MO made for another MO
records it in `parent`.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q

from makeline.catalog.enums import OperationType
from makeline.catalog.models import Location, Resource, Variant
from makeline.common.fields import (
    money_field,
    optional_quantity_field,
    quantity_field,
    status_constraint,
    status_field,
)
from makeline.common.models import TimeStamped
from makeline.production.enums import ManufacturingOrderStatus, OperationStatus
from makeline.sales.models import SalesOrderRow


class ManufacturingOrder(TimeStamped):
    order_no = models.CharField(max_length=100, unique=True)
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    status = status_field(ManufacturingOrderStatus, ManufacturingOrderStatus.NOT_STARTED)
    planned_quantity = quantity_field()
    actual_quantity = optional_quantity_field()
    rank = models.BigIntegerField(db_index=True)
    order_created_date = models.DateTimeField()
    production_deadline_date = models.DateTimeField()
    done_date = models.DateTimeField(null=True, blank=True)
    additional_info = models.TextField(blank=True)
    sales_order_row = models.OneToOneField(
        SalesOrderRow,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="linked_manufacturing_order",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subassembly_orders"
    )
    unlinked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        constraints = [
            status_constraint("manufacturingorder", ManufacturingOrderStatus),
            models.CheckConstraint(condition=Q(planned_quantity__gt=0), name="mo_planned_positive"),
        ]

    def __str__(self) -> str:
        return self.order_no

    @property
    def is_linked_to_sales_order(self) -> bool:
        return self.sales_order_row_id is not None


class RecipeRow(TimeStamped):
    """One ingredient of one MO. Planned total = per-unit quantity × MO planned quantity."""

    manufacturing_order = models.ForeignKey(
        ManufacturingOrder, on_delete=models.CASCADE, related_name="recipe_rows"
    )
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    planned_quantity_per_unit = quantity_field()
    total_actual_quantity = optional_quantity_field()
    notes = models.TextField(blank=True)
    position = models.IntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_quantity_per_unit__gte=0), name="reciperow_planned_ok"
            ),
            models.CheckConstraint(
                condition=Q(total_actual_quantity__isnull=True) | Q(total_actual_quantity__gte=0),
                name="reciperow_actual_ok",
            ),
        ]


class OperationRow(TimeStamped):
    """One operation of one MO; times in seconds (Katana §1.7)."""

    manufacturing_order = models.ForeignKey(
        ManufacturingOrder, on_delete=models.CASCADE, related_name="operation_rows"
    )
    operation_name = models.CharField(max_length=200)
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="+")
    type = models.CharField(max_length=16, choices=OperationType.choices)
    status = status_field(OperationStatus, OperationStatus.NOT_STARTED)
    planned_time_per_unit = quantity_field(default=Decimal(0))
    cost_parameter = money_field()
    cost_per_hour = money_field()
    total_actual_time = optional_quantity_field()
    rank = models.IntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        constraints = [status_constraint("operationrow", OperationStatus)]


class Production(TimeStamped):
    """One completion of some quantity of an MO: output in, ingredients out.

    A revert never deletes it: it is marked reverted and its moves are reversed.
    """

    manufacturing_order = models.ForeignKey(
        ManufacturingOrder, on_delete=models.CASCADE, related_name="productions"
    )
    quantity = quantity_field()
    production_date = models.DateTimeField()
    is_final = models.BooleanField(default=False)
    reverted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="production_quantity_ok"),
        ]


class ProductionIngredient(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="ingredients")
    recipe_row = models.ForeignKey(RecipeRow, on_delete=models.CASCADE, related_name="consumptions")
    quantity = quantity_field()
    cost = money_field()

    class Meta:
        ordering = ["id"]
