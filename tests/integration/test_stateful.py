"""Random sequences of business operations keep the ledger and the plan sound.

A Hypothesis state machine plays sales orders, make to order, purchases, receipts and
reverts, productions, completions and reverts, fulfilments and reverts, stock adjustments
and reranks. After every step: the ledger invariants hold, every stock move is explained by
exactly one document quantity (nothing lost or counted twice), and the incrementally
maintained plan equals a full replan.
"""

from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from makeline.common.errors import DomainError
from makeline.inventory import services as inventory
from makeline.inventory.enums import MoveSource
from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockAdjustmentRow, StockMove
from makeline.planning.models import DemandPlan, KeyPlan, SalesOrderPlan, SalesRowPlan
from makeline.planning.services import replan_all
from makeline.production import completion, make_to_order, orders
from makeline.production.models import ManufacturingOrder, Production, ProductionIngredient
from makeline.production.ranking import rerank_sales_order
from makeline.purchasing import orders as purchasing
from makeline.purchasing import receiving
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow
from makeline.sales import fulfilment
from makeline.sales import services as sales
from makeline.sales.enums import FulfillmentStatus
from makeline.sales.models import FulfillmentRow, SalesOrder
from tests import factories as f

ZERO = Decimal(0)
qty = st.integers(min_value=1, max_value=6).map(Decimal)


class ShopMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.here = f.location()
        self.customer, self.supplier = f.customer(), f.supplier()
        self.board = f.material("Board", price="2")
        self.screw = f.material("Screw", price="1", purchase_uom="box", rate="10")
        self.top = f.product("Top", bom={self.board: "2"})
        self.table = f.product("Table", bom={self.top: "1", self.screw: "4"})

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def attempt(self, action) -> None:  # type: ignore[no-untyped-def]
        """Run an operation; a refusal must leave the ledger exactly as it was."""
        before = StockMove.objects.count()
        try:
            action()
        except DomainError:
            assert StockMove.objects.count() == before

    def pick(self, qs, index: int):  # type: ignore[no-untyped-def]
        items = list(qs.order_by("pk"))
        return items[index % len(items)] if items else None

    @rule(product=st.sampled_from(["table", "top"]), quantity=qty)
    def sell(self, product: str, quantity: Decimal) -> None:
        variant = getattr(self, product)
        self.attempt(
            lambda: sales.create_sales_order(
                customer=self.customer,
                location=self.here,
                rows=[sales.RowSpec(variant=variant, quantity=quantity)],
            )
        )

    @rule(index=st.integers(0, 50), subassemblies=st.booleans())
    def make_to_order(self, index: int, subassemblies: bool) -> None:
        order = self.pick(SalesOrder.objects.all(), index)
        if order is not None:
            self.attempt(
                lambda: make_to_order.make_to_order(
                    sales_order_row=order.rows.first(), create_subassemblies=subassemblies
                )
            )

    @rule(material=st.sampled_from(["board", "screw"]), quantity=qty, draft=st.booleans())
    def buy(self, material: str, quantity: Decimal, draft: bool) -> None:
        self.attempt(
            lambda: purchasing.create_purchase_order(
                supplier=self.supplier,
                location=self.here,
                status="DRAFT" if draft else "NOT_RECEIVED",  # type: ignore[arg-type]
                rows=[
                    purchasing.PurchaseRowSpec(variant=getattr(self, material), quantity=quantity)
                ],
            )
        )

    @rule(index=st.integers(0, 50), quantity=qty)
    def receive(self, index: int, quantity: Decimal) -> None:
        row = self.pick(PurchaseOrderRow.objects.filter(received_date__isnull=True), index)
        if row is not None:
            self.attempt(
                lambda: receiving.receive(receipts=[receiving.Receipt(row=row, quantity=quantity)])
            )

    @rule(index=st.integers(0, 50))
    def revert_purchase(self, index: int) -> None:
        order = self.pick(PurchaseOrder.objects.all(), index)
        if order is not None:
            self.attempt(lambda: receiving.revert_to_not_received(order=order))

    @rule(index=st.integers(0, 50), quantity=qty)
    def produce_some(self, index: int, quantity: Decimal) -> None:
        mo = self.pick(ManufacturingOrder.objects.all(), index)
        if mo is not None:
            self.attempt(lambda: completion.record_production(mo=mo, quantity=quantity))

    @rule(index=st.integers(0, 50))
    def finish(self, index: int) -> None:
        mo = self.pick(ManufacturingOrder.objects.all(), index)
        if mo is not None:
            self.attempt(lambda: completion.complete(mo=mo))

    @rule(index=st.integers(0, 50))
    def revert_production(self, index: int) -> None:
        mo = self.pick(ManufacturingOrder.objects.all(), index)
        if mo is not None:
            self.attempt(lambda: orders.set_status(mo=mo, status="NOT_STARTED"))  # type: ignore[arg-type]

    @rule(index=st.integers(0, 50), deliver=st.booleans())
    def ship(self, index: int, deliver: bool) -> None:
        order = self.pick(SalesOrder.objects.all(), index)
        status = FulfillmentStatus.DELIVERED if deliver else FulfillmentStatus.PACKED
        if order is not None:
            self.attempt(lambda: fulfilment.fulfil(order=order, status=status))

    @rule(index=st.integers(0, 50))
    def revert_shipment(self, index: int) -> None:
        done = self.pick(fulfilment.Fulfillment.objects.all(), index)
        if done is not None:
            self.attempt(lambda: fulfilment.delete_fulfillment(fulfillment=done))

    @rule(material=st.sampled_from(["board", "screw", "top"]), quantity=st.integers(-5, 8))
    def adjust(self, material: str, quantity: int) -> None:
        line = inventory.AdjustmentLine(variant=getattr(self, material), quantity=Decimal(quantity))
        self.attempt(lambda: inventory.adjust_stock(location=self.here, lines=[line]))

    @rule(index=st.integers(0, 50))
    def rerank_to_top(self, index: int) -> None:
        order = self.pick(SalesOrder.objects.all(), index)
        if order is not None:
            self.attempt(lambda: rerank_sales_order(order=order))

    @invariant()
    def ledger_is_sound(self) -> None:
        assert check_ledger() == []

    @invariant()
    def every_move_is_explained_once(self) -> None:
        assert _net(MoveSource.PURCHASE_ORDER_ROW) == _received()
        assert _net(MoveSource.PRODUCTION) == _produced()
        assert _net(MoveSource.PRODUCTION_INGREDIENT) == -_consumed()
        assert _net(MoveSource.SALES_ORDER_ROW) == -_fulfilled()
        assert _net(MoveSource.STOCK_ADJUSTMENT_ROW) == _adjusted()

    @invariant()
    def incremental_plan_equals_full_replan(self) -> None:
        incremental = _stored_plan()
        replan_all()
        assert _stored_plan() == incremental


def _net(source: MoveSource) -> Decimal:
    return StockMove.objects.filter(source=source).aggregate(q=Sum("quantity"))["q"] or ZERO


def _received() -> Decimal:
    rows = PurchaseOrderRow.objects.filter(received_date__isnull=False)
    return sum((r.quantity * r.purchase_uom_conversion_rate for r in rows), ZERO)


def _produced() -> Decimal:
    live = Production.objects.filter(reverted_at__isnull=True)
    return live.aggregate(q=Sum("quantity"))["q"] or ZERO


def _consumed() -> Decimal:
    live = ProductionIngredient.objects.filter(production__reverted_at__isnull=True)
    return live.aggregate(q=Sum("quantity"))["q"] or ZERO


def _fulfilled() -> Decimal:
    return FulfillmentRow.objects.aggregate(q=Sum("quantity"))["q"] or ZERO


def _adjusted() -> Decimal:
    return StockAdjustmentRow.objects.aggregate(q=Sum("quantity"))["q"] or ZERO


def _stored_plan() -> tuple[object, ...]:
    return (
        sorted(
            DemandPlan.objects.values_list(
                "demand_id",
                "status",
                "expected_date",
                "from_stock",
                "from_expected",
                "shortage",
                "rank",
            )
        ),
        sorted(
            KeyPlan.objects.values_list(
                "variant_id", "location_id", "in_stock", "committed", "expected"
            )
        ),
        sorted(
            SalesRowPlan.objects.values_list(
                "sales_order_row_id",
                "product_availability",
                "product_expected_date",
                "ingredient_availability",
                "ingredient_expected_date",
            )
        ),
        sorted(
            SalesOrderPlan.objects.values_list(
                "sales_order_id",
                "product_availability",
                "ingredient_availability",
                "ingredient_expected_date",
            )
        ),
    )


@pytest.mark.django_db
def test_random_operations_keep_the_ledger_and_the_plan_sound() -> None:
    run_state_machine_as_test(
        ShopMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
