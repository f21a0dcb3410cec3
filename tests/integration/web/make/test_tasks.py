"""Shop-floor tasks (/make/tasks/): operations of open MOs by resource, big buttons via htmx."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from makeline.production.enums import ManufacturingOrderStatus, OperationStatus
from makeline.production.models import ManufacturingOrder, OperationRow
from tests import factories as f
from tests import factories_production as fp

pytestmark = pytest.mark.django_db
TASKS = reverse("web:make:tasks")
M, Op = ManufacturingOrderStatus, OperationStatus


def action(op: OperationRow, name: str) -> str:
    return reverse("web:make:task_action", args=[op.pk, name])


def test_tasks_list_operations_by_resource_in_schedule_order(signed_in: Client) -> None:
    # given two products on different resources, and three MOs, the last moved to the top
    shop = fp.katana_fixture(with_operation=True)
    other = f.product("Q", bom={shop.m: "1"})
    f.operation(other, name="Paint")
    first, second = fp.mo(shop.p, 1), fp.mo(shop.p, 2)
    painted = fp.mo(other, 1)
    signed_in.post(reverse("web:make:move", args=[second.pk, "top"]))
    # when the tasks are shown
    response = signed_in.get(TASKS)
    # then each resource lists its operations in MO rank order
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assembly = [r.manufacturing_order_id for r in rows if r.operation_name == "Assembly"]
    assert assembly == [second.pk, first.pk]
    assert [r.manufacturing_order_id for r in rows if r.operation_name == "Paint"] == [painted.pk]
    page = response.content.decode()
    assert page.count("<h2") == 2
    assert 'class="big' in page


def test_tasks_can_be_filtered_by_resource(signed_in: Client) -> None:
    shop = fp.katana_fixture(with_operation=True)
    other = f.product("Q", bom={shop.m: "1"})
    f.operation(other, name="Paint")
    fp.mo(shop.p, 1)
    painted = fp.mo(other, 1)
    resource_id = painted.operation_rows.get().resource_id
    rows = signed_in.get(TASKS, {"resource": resource_id}).context["page"].object_list
    assert [r.operation_name for r in rows] == ["Paint"]


def test_start_returns_just_the_task_and_puts_the_order_in_progress(signed_in: Client) -> None:
    shop = fp.katana_fixture(with_operation=True)
    mo = fp.mo(shop.p, 1)
    op = mo.operation_rows.get()
    response = signed_in.post(action(op, "start"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.templates[0].name == "web/make/_task.html"
    assert f'id="task-{op.pk}"' in response.content.decode()
    assert OperationRow.objects.get(pk=op.pk).status == Op.IN_PROGRESS
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == M.IN_PROGRESS


def test_pause_and_complete_change_the_task(signed_in: Client) -> None:
    shop = fp.katana_fixture(with_operation=True)
    f.stock(shop.m, 10, at=shop.here)
    f.stock(shop.s, 10, at=shop.here)
    mo = fp.mo(shop.p, 1)
    op = mo.operation_rows.get()
    signed_in.post(action(op, "start"), HTTP_HX_REQUEST="true")
    signed_in.post(action(op, "pause"), HTTP_HX_REQUEST="true")
    assert OperationRow.objects.get(pk=op.pk).status == Op.PAUSED
    response = signed_in.post(action(op, "complete"), HTTP_HX_REQUEST="true")
    assert OperationRow.objects.get(pk=op.pk).status == Op.COMPLETED
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == M.DONE  # its only operation
    assert "Start" not in response.content.decode()


def test_without_htmx_a_button_redirects_back_to_the_list(signed_in: Client) -> None:
    shop = fp.katana_fixture(with_operation=True)
    op = fp.mo(shop.p, 1).operation_rows.get()
    response = signed_in.post(action(op, "start"), {"resource": str(op.resource_id)})
    assert response.status_code == 302
    assert response["Location"] == f"{TASKS}?resource={op.resource_id}"


def test_a_refused_move_shows_its_message_on_the_task(signed_in: Client) -> None:
    # given a task not started: Pause is not a move from Not started
    shop = fp.katana_fixture(with_operation=True)
    op = fp.mo(shop.p, 1).operation_rows.get()
    response = signed_in.post(action(op, "pause"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert OperationRow.objects.get(pk=op.pk).status == Op.NOT_STARTED


def test_task_buttons_need_a_signed_in_user(client: Client) -> None:
    shop = fp.katana_fixture(with_operation=True)
    op = fp.mo(shop.p, 1).operation_rows.get()
    response = client.post(action(op, "start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert OperationRow.objects.get(pk=op.pk).status == Op.NOT_STARTED


def test_an_unknown_action_is_not_found(signed_in: Client) -> None:
    shop = fp.katana_fixture(with_operation=True)
    op = fp.mo(shop.p, 1).operation_rows.get()
    assert signed_in.post(action(op, "explode")).status_code == 404


def test_the_tasks_page_costs_the_same_queries_whatever_its_length(
    signed_in: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    shop = fp.katana_fixture(with_operation=True)
    for n in range(60):
        fp.mo(shop.p, n + 1)
    with django_assert_max_num_queries(6):
        assert signed_in.get(TASKS).status_code == 200
