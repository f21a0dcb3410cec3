"""The Schedule (/make/): open MOs in rank order, the Done tab, reranking, and new MOs."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from makeline.production import make_to_order, orders
from makeline.production.costs import mo_costs
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder
from makeline.sales.models import SalesOrder
from makeline.web.make import selectors
from tests import factories as f
from tests import factories_production as fp
from tests.factories import D

pytestmark = pytest.mark.django_db

SCHEDULE = reverse("web:make:schedule")
NEW = reverse("web:make:new")


def _ids(client: Client) -> list[int]:
    return [mo.pk for mo in client.get(SCHEDULE).context["page"].object_list]


def test_the_schedule_needs_a_signed_in_user(client: Client) -> None:
    for url in (SCHEDULE, reverse("web:make:done"), NEW, reverse("web:make:tasks")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_schedule_lists_open_orders_in_rank_order_with_their_columns(
    signed_in: Client,
) -> None:
    # given two MOs, the second moved to the top, and one done MO
    shop = fp.katana_fixture(with_operation=True)
    first = fp.mo(shop.p, 2)
    second = fp.mo(shop.s, 3)
    finished = fp.mo(shop.s, 1)
    orders.set_status(mo=finished, status=ManufacturingOrderStatus.DONE)
    signed_in.post(reverse("web:make:move", args=[second.pk, "top"]))
    # when the schedule is shown
    response = signed_in.get(SCHEDULE)
    # then it lists the open MOs in rank order with product, quantity, chips and cost
    assert response.status_code == 200
    assert _ids(signed_in) == [second.pk, first.pk]
    page = response.content.decode()
    assert first.order_no in page
    assert f"{mo_costs(first).total_cost:,.2f}" in page
    assert 'data-testid="ingredients"' in page
    assert finished.order_no not in page


def test_the_done_tab_lists_done_orders(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    finished = fp.mo(shop.s, 1)
    orders.set_status(mo=finished, status=ManufacturingOrderStatus.DONE)
    still_open = fp.mo(shop.s, 1)
    page = signed_in.get(reverse("web:make:done")).content.decode()
    assert finished.order_no in page
    assert still_open.order_no not in page


def test_a_make_to_order_mo_shows_its_customer_and_sales_order(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    order = fp.sales_order({shop.p: "2"}, at=shop.here)
    mo = make_to_order.make_to_order(sales_order_row=order.rows.get())
    page = signed_in.get(SCHEDULE).content.decode()
    assert mo.order_no in page
    assert order.customer.name in page
    assert f'href="/sell/orders/{order.pk}/"' in page


def test_batched_costs_equal_the_cost_summary_of_each_order() -> None:
    shop = fp.katana_fixture(with_operation=True)
    f.stock(shop.m, 10, at=shop.here, cost="4")
    open_mo = fp.mo(shop.p, 3)
    done_mo = fp.mo(shop.p, 2)
    orders.set_status(mo=done_mo, status=ManufacturingOrderStatus.DONE, actual_quantity=D(1))
    mos = list(ManufacturingOrder.objects.filter(pk__in=[open_mo.pk, done_mo.pk]))
    batched = selectors.mo_costs_many(mos)
    for mo in mos:
        assert batched[mo.pk] == mo_costs(mo)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _open_orders(shop: fp.Shop, count: int) -> None:
    """Open MOs with ingredients and operations; every third one made to order."""
    for n in range(count):
        if n % 3 == 0:
            order = fp.sales_order({shop.p: "1"}, at=shop.here)
            make_to_order.make_to_order(sales_order_row=order.rows.get())
        else:
            fp.mo(shop.p, n + 1)


def test_the_schedule_costs_the_same_queries_for_5_and_60_orders(signed_in: Client) -> None:
    # given 5 open MOs, then 60 (and as many done ones)
    shop = fp.katana_fixture(with_operation=True)
    _open_orders(shop, 5)
    small = _queries(signed_in, SCHEDULE)
    _open_orders(shop, 55)
    for mo in list(ManufacturingOrder.objects.filter(sales_order_row__isnull=True))[:30]:
        orders.set_status(mo=mo, status=ManufacturingOrderStatus.DONE)
    # then a page costs the same, small number of queries
    assert _queries(signed_in, SCHEDULE) == small <= 9
    assert _queries(signed_in, reverse("web:make:done")) <= 9


def test_the_schedule_is_paginated_by_fifty(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    for _ in range(51):
        fp.mo(shop.s, 1)
    assert len(signed_in.get(SCHEDULE).context["page"].object_list) == 50
    assert len(signed_in.get(SCHEDULE + "?page=2").context["page"].object_list) == 1


# --- reranking ---------------------------------------------------------------------------


def test_dragging_an_order_above_another_reranks_it(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    a, b, c = (fp.mo(shop.s, 1) for _ in range(3))
    response = signed_in.post(
        reverse("web:make:rerank"), {"id": c.pk, "before_id": a.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "web/make/_schedule_table.html" in [t.name for t in response.templates]
    assert _ids(signed_in) == [c.pk, a.pk, b.pk]


def test_dropping_an_order_below_another_reranks_it(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    a, b, c = (fp.mo(shop.s, 1) for _ in range(3))
    signed_in.post(reverse("web:make:rerank"), {"id": a.pk, "after_id": b.pk})
    assert _ids(signed_in) == [b.pk, a.pk, c.pk]


def test_up_and_down_buttons_swap_neighbours(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    a, b, c = (fp.mo(shop.s, 1) for _ in range(3))
    response = signed_in.post(reverse("web:make:move", args=[c.pk, "up"]))
    assert response.status_code == 302
    assert _ids(signed_in) == [a.pk, c.pk, b.pk]
    signed_in.post(reverse("web:make:move", args=[a.pk, "down"]))
    assert _ids(signed_in) == [c.pk, a.pk, b.pk]
    signed_in.post(reverse("web:make:move", args=[b.pk, "top"]))
    assert _ids(signed_in) == [b.pk, c.pk, a.pk]


def test_moving_a_make_to_order_mo_moves_its_sales_order(signed_in: Client) -> None:
    # given a make-to-stock MO ranked above a make-to-order MO
    shop = fp.katana_fixture()
    stock_mo = fp.mo(shop.s, 1)
    order = fp.sales_order({shop.p: "1"}, at=shop.here)
    mto = make_to_order.make_to_order(sales_order_row=order.rows.get())
    signed_in.post(reverse("web:make:move", args=[stock_mo.pk, "top"]))
    # when the make-to-order MO is moved to the top
    signed_in.post(reverse("web:make:move", args=[mto.pk, "top"]))
    # then its sales order took the same rank, above the other MO
    mto.refresh_from_db()
    order.refresh_from_db()
    assert order.rank == mto.rank
    assert mto.rank < ManufacturingOrder.objects.get(pk=stock_mo.pk).rank
    assert _ids(signed_in) == [mto.pk, stock_mo.pk]


def test_moving_a_done_order_is_refused_with_a_message(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    a = fp.mo(shop.s, 1)
    finished = fp.mo(shop.s, 1)
    orders.set_status(mo=finished, status=ManufacturingOrderStatus.DONE)
    rank = ManufacturingOrder.objects.get(pk=finished.pk).rank
    response = signed_in.post(
        reverse("web:make:rerank"), {"id": finished.pk, "before_id": a.pk}, follow=True
    )
    assert "closed and has no place" in response.content.decode()
    assert ManufacturingOrder.objects.get(pk=finished.pk).rank == rank


def test_rerank_needs_a_signed_in_user(client: Client) -> None:
    shop = fp.katana_fixture()
    a, b = fp.mo(shop.s, 1), fp.mo(shop.s, 1)
    response = client.post(reverse("web:make:rerank"), {"id": b.pk, "before_id": a.pk})
    assert response.status_code == 302
    assert [m.pk for m in ManufacturingOrder.objects.order_by("rank")] == [a.pk, b.pk]


# --- new manufacturing order -------------------------------------------------------------


def test_the_new_form_creates_an_mo_with_subassemblies(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    response = signed_in.post(
        NEW,
        {
            "variant": shop.p.pk,
            "planned_quantity": "4",
            "location": shop.here.pk,
            "production_deadline_date": "2026-04-01",
            "additional_info": "rush",
            "create_subassemblies": "on",
        },
    )
    mo = ManufacturingOrder.objects.get(variant=shop.p)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:make:card", args=[mo.pk])
    assert mo.planned_quantity == D(4)
    assert mo.additional_info == "rush"
    assert timezone.localtime(mo.production_deadline_date).date() == date(2026, 4, 1)
    assert ManufacturingOrder.objects.filter(variant=shop.s, parent=mo).count() == 1


def test_the_new_form_shows_a_service_error_keeps_the_input_and_saves_nothing(
    signed_in: Client,
) -> None:
    shop = fp.katana_fixture()
    response = signed_in.post(
        NEW, {"variant": shop.p.pk, "planned_quantity": "0", "location": shop.here.pk}
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "must be above zero" in str(form.errors["planned_quantity"])
    assert 'value="0"' in response.content.decode()
    assert not ManufacturingOrder.objects.exists()


def test_the_new_form_refuses_a_missing_product(signed_in: Client) -> None:
    shop = fp.katana_fixture()
    response = signed_in.post(NEW, {"planned_quantity": "3", "location": shop.here.pk})
    assert response.status_code == 422
    assert "variant" in response.context["form"].errors
    assert 'value="3"' in response.content.decode()
    assert not ManufacturingOrder.objects.exists()
    assert not SalesOrder.objects.exists()
