"""Priorities (Katana §1.2): SOs and MOs share one rank space, an MTO MO and its SO always
share a rank, subassembly MOs do not follow their parent, and gaps renumber."""

import pytest

from makeline.common.errors import Conflict, DomainError
from makeline.common.ranking import RANK_STEP, next_rank
from makeline.common.unit_of_work import pending_keys, unit_of_work
from makeline.production import make_to_order, orders, ranking, selectors
from makeline.production.models import ManufacturingOrder
from makeline.sales import fulfilment
from makeline.sales import services as sales
from makeline.sales.enums import FulfillmentStatus
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests import factories_production as fp
from tests.factories import D

pytestmark = pytest.mark.django_db


def _ranks(*objs: SalesOrder | ManufacturingOrder) -> list[int]:
    for obj in objs:
        obj.refresh_from_db()
    return [obj.rank for obj in objs]


def test_moving_a_sales_order_moves_its_mto_mo() -> None:
    shop = fp.katana_fixture()
    first = fp.sales_order({shop.p: "1"}, at=shop.here)
    second = fp.sales_order({shop.p: "2"}, at=shop.here)
    mo = make_to_order.make_to_order(sales_order_row=second.rows.get())
    # when the second order goes above the first
    ranking.rerank_sales_order(order=second, before=first)
    second_rank, mo_rank, first_rank = _ranks(second, mo, first)
    assert second_rank == mo_rank < first_rank


def test_moving_an_mto_mo_moves_its_sales_order() -> None:
    shop = fp.katana_fixture()
    order = fp.sales_order({shop.p: "2", shop.s: "1"}, at=shop.here)
    mto_p, mto_s = make_to_order.make_to_order_all(order=order)
    stock_mo = fp.mo(shop.p, 3, at=shop.here)
    # when the MTO MO goes below a later make-to-stock MO
    ranking.rerank_manufacturing_order(mo=mto_p, after=stock_mo)
    order_rank, p_rank, s_rank, stock_rank = _ranks(order, mto_p, mto_s, stock_mo)
    # then the order and both its MTO MOs share the new rank
    assert order_rank == p_rank == s_rank > stock_rank
    assert [mo.pk for mo in selectors.schedule()] == [stock_mo.pk, mto_p.pk, mto_s.pk]


def test_subassembly_mos_do_not_move_with_their_parent() -> None:
    shop = fp.katana_fixture()
    parent = orders.create_manufacturing_order(
        variant=shop.p, location=shop.here, planned_quantity=D(1), create_subassemblies=True
    )
    sub = ManufacturingOrder.objects.get(parent=parent)
    other = fp.mo(shop.s, 1, at=shop.here)
    before = sub.rank
    ranking.rerank_manufacturing_order(mo=parent, after=other)
    assert _ranks(sub) == [before]
    assert [mo.pk for mo in selectors.schedule()] == [sub.pk, other.pk, parent.pk]


def test_without_a_neighbour_the_order_goes_to_the_top() -> None:
    shop = fp.katana_fixture()
    first = fp.mo(shop.p, 1)
    last = fp.mo(shop.p, 1)
    ranking.rerank_manufacturing_order(mo=last)
    assert [mo.pk for mo in selectors.schedule()] == [last.pk, first.pk]


def test_a_used_up_gap_renumbers_every_open_order_in_place() -> None:
    # given A and B one rank apart, an MO between the orders, and C last with an MTO MO
    shop = fp.katana_fixture()
    a = fp.sales_order({shop.p: "1"}, at=shop.here)
    b = fp.sales_order({shop.p: "1"}, at=shop.here)
    sales.set_rank(order=a, rank=10)
    sales.set_rank(order=b, rank=11)
    middle = orders.create_manufacturing_order(
        variant=shop.p, location=shop.here, planned_quantity=D(1), rank=10
    )
    c = fp.sales_order({shop.p: "1"}, at=shop.here)
    mto = make_to_order.make_to_order(sales_order_row=c.rows.get())
    # when C goes between A and B
    ranking.rerank_sales_order(order=c, before=b)
    # then everything is renumbered in its order and C lands between A and B
    a_rank, middle_rank, c_rank, mto_rank, b_rank = _ranks(a, middle, c, mto, b)
    assert a_rank < middle_rank < c_rank < b_rank
    assert c_rank == mto_rank
    assert (a_rank, middle_rank, b_rank) == (RANK_STEP, 2 * RANK_STEP, 3 * RANK_STEP)
    # and new orders still go to the bottom
    assert next_rank() > b_rank


def test_reranking_touches_the_rows_of_the_moved_order() -> None:
    shop = fp.katana_fixture()
    first = fp.sales_order({shop.s: "1"}, at=shop.here)
    second = fp.sales_order({shop.p: "1"}, at=shop.here)
    make_to_order.make_to_order(sales_order_row=second.rows.get())
    with unit_of_work():
        ranking.rerank_sales_order(order=second, before=first)
        keys = pending_keys()
    assert {(shop.p.pk, shop.here.pk), (shop.m.pk, shop.here.pk)} <= keys


def test_refused_placements_change_nothing() -> None:
    shop = fp.katana_fixture()
    f.stock(shop.p, 1, at=shop.here, cost="1")
    first = fp.sales_order({shop.p: "1"}, at=shop.here)
    second = fp.sales_order({shop.p: "1"}, at=shop.here)
    delivered = fp.sales_order({shop.p: "1"}, at=shop.here)
    fulfilment.fulfil(order=delivered, status=FulfillmentStatus.DELIVERED)
    ranks = _ranks(first, second, delivered)
    with pytest.raises(DomainError, match="either"):
        ranking.rerank_sales_order(order=second, before=first, after=first)
    with pytest.raises(DomainError, match="itself"):
        ranking.rerank_sales_order(order=second, before=second)
    with pytest.raises(DomainError, match="delivered"):
        ranking.rerank_sales_order(order=second, before=delivered)
    with pytest.raises(Conflict, match="closed"):
        ranking.rerank_sales_order(order=delivered, before=first)
    assert _ranks(first, second, delivered) == ranks
