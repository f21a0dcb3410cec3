"""The seeded shop generator: deterministic, refuses to mix into a shop unless forced, leaves
a sound ledger and a stored plan the services carry on from."""

from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Model, Sum

from makeline.catalog.models import Customer, Item
from makeline.common.errors import Conflict
from makeline.generate import SIZES, GenerateSummary, generate
from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockMove
from makeline.planning import models as plan
from makeline.planning.services import replan_all
from makeline.production.make_to_order import make_to_order_all
from makeline.production.models import ManufacturingOrder, RecipeRow
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow
from makeline.purchasing.services import receive_all
from makeline.sales.models import SalesOrder, SalesOrderRow
from makeline.sales.services import RowSpec, create_sales_order

pytestmark = pytest.mark.django_db

TINY = SIZES["T"]


def _shop(seed: int = 7) -> GenerateSummary:
    return generate(size=TINY, seed=seed)


def _stored_plan() -> dict[str, list[tuple[Any, ...]]]:
    """Every stored plan row as comparable tuples (ids of generated rows are stable)."""
    tables: list[tuple[type[Model], list[str]]] = [
        (plan.DemandPlan, [f.attname for f in plan.DemandPlan._meta.fields]),
        (plan.KeyPlan, ["variant_id", "location_id", "in_stock", "committed", "expected"]),
        (plan.SalesOrderPlan, [f.attname for f in plan.SalesOrderPlan._meta.fields]),
        (plan.SalesRowPlan, [f.attname for f in plan.SalesRowPlan._meta.fields]),
        (
            plan.ManufacturingOrderPlan,
            [f.attname for f in plan.ManufacturingOrderPlan._meta.fields],
        ),
    ]
    return {
        model.__name__: sorted(model._default_manager.values_list(*fields), key=repr)
        for model, fields in tables
    }


def test_the_tiny_shop_has_the_documents_its_size_asks_for() -> None:
    # when
    summary = _shop()
    # then
    assert SalesOrder.objects.count() == TINY.sales_orders == summary.counts["sales orders"]
    assert ManufacturingOrder.objects.count() == TINY.manufacturing_orders
    assert PurchaseOrder.objects.count() == TINY.purchase_orders
    assert Item.objects.count() == TINY.items
    assert RecipeRow.objects.count() == summary.counts["recipe rows"]
    assert StockMove.objects.count() == summary.counts["stock moves"]
    linked = ManufacturingOrder.objects.filter(sales_order_row__isnull=False)
    assert all(mo.rank == mo.sales_order_row.sales_order.rank for mo in linked)
    assert summary.counts["planned demands"] == plan.DemandPlan.objects.count() > 0


def test_the_same_seed_gives_the_same_shop_again() -> None:
    # given
    first = _shop(seed=3)
    # when a second shop with the same seed is forced into the same database
    second = generate(size=TINY, seed=3, force=True)
    # then it has the same counts and the same rows (under its own name prefix)
    assert first.counts | {"planned demands": 0} == second.counts | {"planned demands": 0}

    def rows(tag: str) -> list[tuple[str, Decimal]]:
        found = SalesOrderRow.objects.filter(sales_order__customer__name__startswith=tag)
        return list(
            found.order_by("sales_order_id", "position").values_list("variant__sku", "quantity")
        )

    assert [(sku[3:], q) for sku, q in rows("G1 ")] == [(sku[3:], q) for sku, q in rows("G2 ")]
    assert SalesOrder.objects.filter(order_no=f"SO-{2 * TINY.sales_orders}").exists()


def test_a_database_with_shop_data_is_refused_unless_forced() -> None:
    # given
    _shop()
    customers = Customer.objects.count()
    # when / then
    with pytest.raises(Conflict) as refused:
        _shop()
    assert refused.value.field == "force"
    assert Customer.objects.count() == customers


def test_the_ledger_is_sound_and_carries_a_running_valuation() -> None:
    # when
    _shop()
    # then
    assert check_ledger() == []
    for variant_id in StockMove.objects.values_list("variant_id", flat=True).distinct():
        moves = StockMove.objects.filter(variant_id=variant_id).order_by("id")
        total = moves.aggregate(v=Sum("value_change"), q=Sum("quantity"))
        last = moves.last()
        assert last is not None
        assert last.value_after == total["v"]
        assert last.average_cost_after == (total["v"] / total["q"]).quantize(Decimal("0.000001"))
    received = PurchaseOrderRow.objects.filter(received_date__isnull=False)
    partly = PurchaseOrder.objects.filter(status=PurchaseOrderStatus.PARTIALLY_RECEIVED)
    assert StockMove.objects.filter(source="PurchaseOrderRow").count() == received.count()
    assert all(o.rows.filter(received_date__isnull=True).exists() for o in partly)


def test_services_carry_on_and_the_incremental_plan_equals_a_full_replan() -> None:
    # given a generated shop
    _shop()
    product = SalesOrderRow.objects.select_related("variant").first()
    assert product is not None
    order_to_receive = PurchaseOrder.objects.filter(status=PurchaseOrderStatus.NOT_RECEIVED).first()
    assert order_to_receive is not None
    # when the services work on it (each call replans incrementally as it commits)
    order = create_sales_order(
        customer=Customer.objects.first(),  # type: ignore[arg-type]
        location=product.sales_order.location,
        rows=[RowSpec(variant=product.variant, quantity=Decimal(3))],
    )
    made = make_to_order_all(order=order)
    receive_all(order=order_to_receive)
    # then
    assert len(made) == 1
    assert made[0].recipe_rows.exists()
    assert order.order_no == f"SO-{TINY.sales_orders + 1}"
    assert check_ledger() == []
    incremental = _stored_plan()
    replan_all()
    assert _stored_plan() == incremental
