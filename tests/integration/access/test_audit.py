"""The audit trail: status, quantity and rank changes of sales, manufacturing and purchase
orders are recorded with who made them and through which door; cards show them and the
API reads them (GET /v1/audit)."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from makeline.access.models import AuditEntry
from makeline.access.selectors import history
from makeline.common.errors import DomainError
from makeline.purchasing import services as purchasing
from makeline.purchasing.enums import PurchaseOrderStatus as P
from makeline.sales import services as sales
from tests import factories_production as fp
from tests import factories_purchasing as fpo
from tests import factories_sales as fs
from tests.factories import D
from tests.integration.access.conftest import KeyClient

pytestmark = pytest.mark.django_db


def trail(document_type: str, document_id: int) -> list[tuple[str, str, str, str]]:
    entries = history(document_type=document_type, document_id=document_id).order_by("id")
    return [(e.field, e.old, e.new, e.via) for e in entries]


def test_a_status_change_on_the_screen_is_recorded_with_its_user(
    browser: Callable[[str], Client],
) -> None:
    # given a draft purchase order
    order = fpo.purchase_order(status=P.DRAFT)
    # when a planner confirms it on the card
    browser("planner").post(reverse("web:buy:action", args=[order.pk, "confirm"]))
    # then the trail says who did what, through the web
    entry = AuditEntry.objects.get(document_type="purchase_order", document_id=order.pk)
    assert (entry.field, entry.old, entry.new, entry.via) == (
        "status",
        "DRAFT",
        "NOT_RECEIVED",
        "web",
    )
    assert entry.user is not None
    assert entry.user.username == "planner"


def test_the_card_shows_the_history(browser: Callable[[str], Client]) -> None:
    order = fpo.purchase_order(status=P.DRAFT)
    purchasing.confirm(order=order)
    page = browser("viewer").get(reverse("web:buy:order", args=[order.pk])).content.decode()
    assert "History" in page
    assert "NOT_RECEIVED" in page


def test_sales_order_rank_and_row_quantity_changes_are_recorded() -> None:
    order = fs.sales_order()
    (row,) = fs.rows(order)
    sales.set_rank(order=order, rank=order.rank + 5)
    sales.update_row(row=row, changes={"quantity": D(4)})
    fields = [field for field, *_ in trail("sales_order", order.pk)]
    assert fields == ["rank", f"row {row.pk} quantity"]
    assert trail("sales_order", order.pk)[1][1:3] == ("1", "4")


def test_a_manufacturing_order_quantity_change_is_recorded() -> None:
    from makeline.production import orders

    shop = fp.katana_fixture()
    mo = fp.mo(shop.p, 2)
    orders.update_manufacturing_order(mo=mo, changes={"planned_quantity": D(5)})
    assert trail("manufacturing_order", mo.pk) == [("planned_quantity", "2", "5", "cli")]


def test_a_refused_change_leaves_no_trail() -> None:
    order = fs.sales_order()
    (row,) = fs.rows(order)
    with pytest.raises(DomainError):
        sales.update_row(row=row, changes={"quantity": D(-1)})
    assert not AuditEntry.objects.exists()


def test_the_api_reads_the_trail_and_records_its_own_changes(
    api_as: Callable[[str], KeyClient],
) -> None:
    # given a sales order turned back into a quote through the API by a planner's key
    planner = api_as("planner")
    order = fs.sales_order()
    status, _ = planner.patch(f"/sales_orders/{order.pk}", {"status": "PENDING"})
    assert status == 200
    # when the trail is read
    status, body = planner.get("/audit", document_type="sales_order", document_id=order.pk)
    # then it shows the change, by the key's user, through the API
    assert status == 200
    (entry,) = body["data"]
    assert (entry["field"], entry["old"], entry["new"]) == ("status", "NOT_SHIPPED", "PENDING")
    assert (entry["username"], entry["via"]) == ("planner", "api")
