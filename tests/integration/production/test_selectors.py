"""Production reads: the Schedule, progress, and the open demand and supply planning uses."""

from typing import Any

import pytest

from makeline.production import completion, make_to_order, orders, selectors
from makeline.production.enums import ManufacturingOrderStatus
from tests import factories_production as fp
from tests.factories import D

pytestmark = pytest.mark.django_db

M = ManufacturingOrderStatus


def test_open_demand_and_supply_are_one_query_each(django_assert_num_queries: Any) -> None:
    # given a partially completed MO and a make-to-order MO
    shop = fp.katana_fixture()
    first = fp.mo(shop.p, 4, at=shop.here)
    completion.record_production(mo=first, quantity=D(1))
    order = fp.sales_order({shop.s: "2"}, at=shop.here)
    mto = make_to_order.make_to_order(sales_order_row=order.rows.get())
    # when planning reads them
    with django_assert_num_queries(1):
        demand = selectors.open_recipe_demand()
    with django_assert_num_queries(1):
        supply = selectors.open_output_supply()
    # then the remainders are net of what was produced, in rank order
    assert [(d.manufacturing_order_id, d.variant_id, d.remaining_quantity) for d in demand] == [
        (first.pk, shop.m.pk, D(6)),
        (first.pk, shop.s.pk, D(3)),
        (mto.pk, shop.m.pk, D(2)),
    ]
    assert demand[0].order_no == first.order_no
    assert demand[2].rank == order.rank
    pegged = [
        (s.manufacturing_order_id, s.remaining_quantity, s.sales_order_row_id) for s in supply
    ]
    assert pegged == [(first.pk, D(3), None), (mto.pk, D(2), order.rows.get().pk)]


def test_reverted_productions_count_for_nothing() -> None:
    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 4, at=shop.here)
    completion.record_production(mo=mo, quantity=D(1))
    orders.set_status(mo=mo, status=M.NOT_STARTED)
    assert selectors.completed_quantity(mo) == 0
    assert selectors.consumed_quantity(mo.recipe_rows.get(variant=shop.m)) == 0
    assert [s.remaining_quantity for s in selectors.open_output_supply()] == [D(4)]


def test_done_orders_leave_the_schedule(django_assert_num_queries: Any) -> None:
    shop = fp.katana_fixture()
    done, open_mo = fp.mo(shop.p, 1), fp.mo(shop.p, 1)
    orders.set_status(mo=done, status=M.DONE)
    with django_assert_num_queries(1):
        scheduled = [(mo.variant.item.name, mo.location.name) for mo in selectors.schedule()]
    assert scheduled == [("P", shop.here.name)]
    assert list(selectors.done_manufacturing_orders()) == [done]
    assert open_mo.pk not in {mo.pk for mo in selectors.done_manufacturing_orders()}
    assert selectors.open_recipe_demand()[0].manufacturing_order_id == open_mo.pk
