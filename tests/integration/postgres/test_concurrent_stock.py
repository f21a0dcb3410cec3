"""Concurrent receipts, completions and deliveries on PostgreSQL: row locks in one order.

Each test starts many threads together (each with its own connection) on the same
document and checks that the end state is exact: nothing lost, nothing counted twice, no
deadlock, and every refused attempt a clear DomainError. Each test plays several rounds on
fresh documents, so an unlucky interleaving has more than one chance to show up.
"""

from decimal import Decimal

import pytest

from makeline.common.errors import Conflict, DomainError, InvalidTransition
from makeline.inventory.enums import MoveSource
from makeline.inventory.ledger import check_ledger
from makeline.inventory.models import StockMove
from makeline.production import completion
from makeline.purchasing import services as purchasing
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrderRow
from makeline.sales import fulfilment
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import FulfillmentRow
from tests import factories as f
from tests import factories_production as fp
from tests import factories_purchasing as fpu
from tests.factories import D
from tests.integration.postgres.threads import failures, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 3


def test_twenty_partial_receipts_of_one_row_receive_exactly_twenty() -> None:
    for _ in range(ROUNDS):
        _partial_receipts_round()


def _partial_receipts_round() -> None:
    # given a purchase order with one row of 20 boards
    board = f.material(price="2")
    order = fpu.purchase_order(fpu.row(board, 20))
    row = order.rows.get()
    # when 20 people each receive 1 of that row at the same moment (all with the same copy)
    outcomes = race(
        20, lambda _: purchasing.receive(receipts=[purchasing.Receipt(row=row, quantity=D(1))])
    )
    # then every receipt went through, and exactly 20 came in, once each
    assert failures(outcomes) == []
    rows = PurchaseOrderRow.objects.filter(purchase_order=order)
    assert sum(r.quantity for r in rows) == D(20)
    assert all(r.received_date is not None for r in rows)
    assert fp.on_hand(board) == D(20)
    moves = StockMove.objects.filter(source=MoveSource.PURCHASE_ORDER_ROW, order_id=order.pk)
    assert moves.count() == 20
    order.refresh_from_db()
    assert order.status == PurchaseOrderStatus.RECEIVED
    assert check_ledger() == []


def test_twenty_completions_of_one_mo_complete_it_once() -> None:
    for _ in range(ROUNDS):
        _completions_round()


def _completions_round() -> None:
    # given an MO for 5 P (2 M + 1 S each) with its ingredients in stock
    shop = fp.katana_fixture()
    f.stock(shop.m, 100, cost="10")
    f.stock(shop.s, 100, cost="20")
    before = fp.on_hand(shop.p), fp.on_hand(shop.m), fp.on_hand(shop.s)
    mo = fp.mo(shop.p, 5)
    # when 20 people press Done at the same moment
    outcomes = race(20, lambda _: completion.complete(mo=mo))
    # then one completion went through and the others were refused with a clear reason
    refused = failures(outcomes)
    assert len(refused) == 19
    assert all(isinstance(e, InvalidTransition | Conflict) for e in refused), refused
    assert all("DONE" in str(e) for e in refused), refused
    # and the output and the ingredients moved once
    after = fp.on_hand(shop.p), fp.on_hand(shop.m), fp.on_hand(shop.s)
    assert after == (before[0] + 5, before[1] - 10, before[2] - 5)
    assert StockMove.objects.filter(source=MoveSource.PRODUCTION, order_id=mo.pk).count() == 1
    assert check_ledger() == []


def test_twenty_deliveries_of_one_row_deliver_exactly_twenty_and_refuse_the_21st() -> None:
    for _ in range(ROUNDS):
        _deliveries_round()


def _deliveries_round() -> None:
    # given a sales order with one row of 20 tables, 30 in stock
    table = f.product(price="100")
    f.stock(table, 30, cost="40")
    order = fp.sales_order({table: "20"})
    row = order.rows.get()
    # when 21 people each deliver 1 of that row at the same moment
    outcomes = race(
        21,
        lambda _: fulfilment.fulfil(
            order=order, status=FulfillmentStatus.DELIVERED, rows=[(row, D(1))]
        ),
    )
    # then 20 went through, the one too many was refused, and exactly 20 left the shelf
    refused = failures(outcomes)
    assert len(refused) == 1
    assert isinstance(refused[0], DomainError)
    assert "left to fulfil" in str(refused[0])
    delivered = FulfillmentRow.objects.filter(sales_order_row=row)
    assert sum((r.quantity for r in delivered), Decimal(0)) == D(20)
    assert fp.on_hand(table) == D(10)
    moves = StockMove.objects.filter(source=MoveSource.SALES_ORDER_ROW, order_id=order.pk)
    assert moves.count() == 20
    order.refresh_from_db()
    assert order.status == SalesOrderStatus.DELIVERED
    assert check_ledger() == []


def test_mos_consuming_shared_ingredients_in_opposite_order_all_complete() -> None:
    for _ in range(ROUNDS):
        _opposite_order_round()


def _opposite_order_round() -> None:
    # given two products made of the same two materials, listed in opposite BOM order
    glue, wood = f.material(price="1"), f.material(price="3")
    f.stock(glue, 1000, cost="1")
    f.stock(wood, 1000, cost="3")
    shelf = f.product(bom={glue: "1", wood: "2"})
    stool = f.product(bom={wood: "3", glue: "1"})
    mos = [fp.mo(shelf if n % 2 else stool, 2) for n in range(8)]
    # when all eight MOs are completed at the same moment
    outcomes = race(len(mos), lambda n: completion.complete(mo=mos[n]))
    # then every one went through: no deadlock, no lost move
    assert failures(outcomes) == []
    assert (fp.on_hand(shelf), fp.on_hand(stool)) == (D(8), D(8))
    assert fp.on_hand(glue) == D(1000 - 8 * 2)
    assert fp.on_hand(wood) == D(1000 - 4 * 2 * 2 - 4 * 2 * 3)
    assert check_ledger() == []
