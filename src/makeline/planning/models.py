"""The stored plan: derived, disposable rows that the planner rewrites and readers only read.

Nothing here is ever edited by hand; `makeline replan` rebuilds all of it from the documents.
Rows exist only for open documents: closed ones (delivered orders, done MOs, quotes) have
fixed statuses that the selectors read from the documents themselves.
"""

from django.db import models

from makeline.catalog.models import Location, Variant
from makeline.common.fields import QUANTITY_PLACES
from makeline.production.models import ManufacturingOrder, RecipeRow
from makeline.sales.models import SalesOrder, SalesOrderRow


def _qty() -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(max_digits=24, decimal_places=QUANTITY_PLACES)


class DemandKind(models.TextChoices):
    SALES_ROW = "so", "Sales order row"
    RECIPE_ROW = "mo", "Recipe row"
    HYPOTHETICAL = "hy", "What a make-to-order would need"


class DemandPlan(models.Model):
    """The engine's coverage of one demand: a sales row, a recipe row or a hypothetical need."""

    demand_id = models.CharField(max_length=64, primary_key=True)
    kind = models.CharField(max_length=2, choices=DemandKind.choices)
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    sales_order = models.ForeignKey(
        SalesOrder, null=True, on_delete=models.CASCADE, related_name="+"
    )
    sales_order_row = models.ForeignKey(
        SalesOrderRow, null=True, on_delete=models.CASCADE, related_name="+"
    )
    manufacturing_order = models.ForeignKey(
        ManufacturingOrder, null=True, on_delete=models.CASCADE, related_name="+"
    )
    recipe_row = models.ForeignKey(RecipeRow, null=True, on_delete=models.CASCADE, related_name="+")
    rank = models.BigIntegerField()
    quantity = _qty()
    status = models.CharField(max_length=16)
    expected_date = models.DateField(null=True)
    from_stock = _qty()
    from_expected = _qty()
    shortage = _qty()
    is_late = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["variant", "location", "rank"]),
            models.Index(fields=["sales_order"]),
            models.Index(fields=["manufacturing_order"]),
        ]


class KeyPlan(models.Model):
    """Inventory figures of one (variant, location) (Katana §1.1), as of the last replan."""

    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    in_stock = _qty()
    committed = _qty()
    expected = _qty()
    free_stock = _qty()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["variant", "location"], name="keyplan_unique"),
        ]


class SalesRowPlan(models.Model):
    sales_order_row = models.OneToOneField(
        SalesOrderRow, primary_key=True, on_delete=models.CASCADE, related_name="plan"
    )
    sales_order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="+")
    product_availability = models.CharField(max_length=16)
    product_expected_date = models.DateField(null=True)
    ingredient_availability = models.CharField(max_length=16)
    ingredient_expected_date = models.DateField(null=True)


class SalesOrderPlan(models.Model):
    sales_order = models.OneToOneField(
        SalesOrder, primary_key=True, on_delete=models.CASCADE, related_name="plan"
    )
    product_availability = models.CharField(max_length=16)
    product_expected_date = models.DateField(null=True)
    ingredient_availability = models.CharField(max_length=16)
    ingredient_expected_date = models.DateField(null=True)


class ManufacturingOrderPlan(models.Model):
    manufacturing_order = models.OneToOneField(
        ManufacturingOrder, primary_key=True, on_delete=models.CASCADE, related_name="plan"
    )
    ingredient_availability = models.CharField(max_length=16)
    ingredient_expected_date = models.DateField(null=True)
