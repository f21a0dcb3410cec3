"""The demo shop loads through the services, is idempotent and shows every status."""

import pytest

from makeline.demo import load_demo
from makeline.inventory.ledger import check_ledger
from makeline.planning.models import DemandPlan, ManufacturingOrderPlan, SalesRowPlan
from makeline.production.models import ManufacturingOrder
from makeline.sales.models import SalesOrder

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_shows_every_availability_status() -> None:
    steps: list[str] = []
    first = load_demo(progress=lambda label, n, total: steps.append(label))
    second = load_demo()

    assert first.created
    assert not second.created
    assert first.counts == second.counts
    assert len(steps) == 8
    assert check_ledger() == []
    product = set(SalesRowPlan.objects.values_list("product_availability", flat=True))
    ingredient = set(SalesRowPlan.objects.values_list("ingredient_availability", flat=True))
    ingredient |= set(
        ManufacturingOrderPlan.objects.values_list("ingredient_availability", flat=True)
    )
    assert {"IN_STOCK", "EXPECTED", "NOT_AVAILABLE", "NOT_APPLICABLE"} <= product
    assert {"IN_STOCK", "EXPECTED", "NOT_AVAILABLE", "NO_RECIPE", "NOT_APPLICABLE"} <= ingredient
    assert SalesOrder.objects.filter(status="DELIVERED").exists()  # PICKED
    assert SalesOrder.objects.filter(status="PENDING").exists()  # a quote
    assert ManufacturingOrder.objects.filter(status="DONE").exists()  # PROCESSED
    assert ManufacturingOrder.objects.filter(sales_order_row__isnull=False).exists()
    assert DemandPlan.objects.exists()
