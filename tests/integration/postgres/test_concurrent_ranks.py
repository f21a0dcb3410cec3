"""Concurrent drags of the same priority list on PostgreSQL: ranks stay unique and whole.

Ten people each drag a different order at the same moment; the rank queue lock makes them
take turns, so each placement sees the ones before it. Sales orders and make-to-order MOs
are dragged alike (an MTO MO drags its sales order), make-to-stock MOs stand by.
"""

from collections import Counter

import pytest

from makeline.production import make_to_order, ranking
from makeline.production.models import ManufacturingOrder
from makeline.sales.models import SalesOrder
from tests import factories_production as fp
from tests.integration.postgres.threads import failures, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MOVERS = 10
ROUNDS = 3


def test_ten_orders_dragged_to_the_top_at_once_get_unique_ranks_above_the_rest() -> None:
    for _ in range(ROUNDS):
        _to_top_round()


def _to_top_round() -> None:
    shop = fp.katana_fixture()
    orders = [fp.sales_order({shop.p: "1"}, at=shop.here) for _ in range(MOVERS + 2)]
    mtos = {
        n: make_to_order.make_to_order(sales_order_row=orders[n].rows.get())
        for n in (1, 3, 5, 7, 9)
    }
    fp.mo(shop.s, 4, at=shop.here)
    # when ten people each drag a different order to the top at the same moment
    outcomes = race(MOVERS, lambda n: _to_top(orders[n], mtos.get(n)))
    # then every drag went through, the ranks are unique, and the ten lead the list
    assert failures(outcomes) == []
    ranks = _check_consistent()
    moved = {orders[n].pk for n in range(MOVERS)}
    assert {pk for kind, pk in ranks[:MOVERS] if kind == "SO"} == moved


def test_ten_orders_dragged_into_one_gap_at_once_all_land_in_it() -> None:
    for _ in range(ROUNDS):
        _into_gap_round()


def _into_gap_round() -> None:
    shop = fp.katana_fixture()
    orders = [fp.sales_order({shop.p: "1"}, at=shop.here) for _ in range(MOVERS + 2)]
    for n in (0, 4, 8):  # MTO MOs must follow their orders
        make_to_order.make_to_order(sales_order_row=orders[n].rows.get())
    above, anchor = orders[-2], orders[-1]
    # when ten people each drag a different order just above the same anchor at once
    outcomes = race(MOVERS, lambda n: _above(orders[n], anchor))
    # then all ten sit between the order that was above the anchor and the anchor
    assert failures(outcomes) == []
    ranks = _check_consistent()
    mine = {order.pk for order in orders}  # earlier rounds' orders are still in the list
    in_order = [pk for kind, pk in ranks if kind == "SO" and pk in mine]
    assert in_order[0] == above.pk
    assert in_order[-1] == anchor.pk
    assert set(in_order[1:-1]) == {orders[n].pk for n in range(MOVERS)}


def _to_top(order: SalesOrder, mo: ManufacturingOrder | None) -> object:
    if mo is not None:
        return ranking.rerank_manufacturing_order(mo=mo)
    return ranking.rerank_sales_order(order=order)


def _above(order: SalesOrder, anchor: SalesOrder) -> SalesOrder:
    return ranking.rerank_sales_order(order=order, before=anchor)


def _check_consistent() -> list[tuple[str, int]]:
    """Open orders by rank as (kind, pk); asserts no two share a rank except an MTO MO with
    its sales order."""
    orders = dict(ranking.open_sales_orders().values_list("pk", "rank"))
    stock_mos = []
    for pk, rank, so_id in ranking.open_manufacturing_orders().values_list(
        "pk", "rank", "sales_order_row__sales_order_id"
    ):
        if so_id is None:
            stock_mos.append((pk, rank))
        elif so_id in orders:
            assert rank == orders[so_id], f"MTO MO {pk} left its sales order's rank"
    ranked = [(rank, "SO", pk) for pk, rank in orders.items()]
    ranked += [(rank, "MO", pk) for pk, rank in stock_mos]
    clashes = [r for r, n in Counter(rank for rank, _, _ in ranked).items() if n > 1]
    assert clashes == [], f"ranks shared by several orders: {clashes}"
    return [(kind, pk) for _, kind, pk in sorted(ranked)]
