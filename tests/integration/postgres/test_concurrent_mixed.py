"""Different people on different documents that share a product, on PostgreSQL.

The webshop takes orders, the shop floor delivers others, a planner drags the list: none
of them holds a lock the others need, yet all touch the same product's availability, so
the replan that runs before each commit must take its turn (common.locking's plan lock).
"""

import pytest

from makeline.inventory.ledger import check_ledger
from makeline.planning.models import KeyPlan
from makeline.production import ranking
from makeline.sales import fulfilment
from makeline.sales.enums import FulfillmentStatus
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests import factories_production as fp
from tests.integration.postgres.threads import failures, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


ROUNDS = 3


def test_orders_deliveries_and_drags_of_one_product_at_once_all_go_through() -> None:
    for _ in range(ROUNDS):
        _mixed_round()


def _mixed_round() -> None:
    # given a product in stock and eight open orders of it
    lamp = f.product(price="30")
    f.stock(lamp, 100, cost="10")
    here = f.location()
    orders = [fp.sales_order({lamp: "2"}, at=here) for _ in range(8)]
    before = SalesOrder.objects.count()

    def act(n: int) -> object:
        if n < 4:  # the webshop sends an order
            return fp.sales_order({lamp: "1"}, at=here)
        if n < 8:  # the shop floor delivers an open one
            return fulfilment.fulfil(order=orders[n - 4], status=FulfillmentStatus.DELIVERED)
        return ranking.rerank_sales_order(order=orders[n - 4])  # a planner drags another up

    # when all of them act at the same moment
    outcomes = race(12, act)
    # then everything went through and the stored plan has one row per key
    assert failures(outcomes) == []
    assert SalesOrder.objects.count() == before + 4
    assert fp.on_hand(lamp, here) == 100 - 4 * 2
    assert KeyPlan.objects.filter(variant=lamp, location=here).count() == 1
    assert check_ledger() == []
