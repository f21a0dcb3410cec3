"""The admin: every table of ours opens, and the ledger cannot be written through it."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from makeline.inventory.models import SafetyStock, StockMove
from tests import factories as f
from tests import factories_production as fp
from tests import factories_purchasing as fpo
from tests.factories import D

pytestmark = pytest.mark.django_db

OUR_APPS = ("catalog", "inventory", "purchasing", "production")


@pytest.fixture
def admin_client_(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("root", password="long enough"))
    return client


def test_every_table_of_ours_opens_in_the_admin(admin_client_: Client) -> None:
    # given one of each document, so the list columns are rendered
    chair = f.product("Chair")
    f.stock(f.material(), 3, cost="1")
    fpo.purchase_order()
    fp.mo(chair, 1)
    models = [m for m in admin.site._registry if m._meta.app_label in OUR_APPS]
    assert len(models) >= 10
    for model in models:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = admin_client_.get(url)
        assert response.status_code == 200, meta.label


def test_the_ledger_is_read_only_in_the_admin(admin_client_: Client) -> None:
    f.stock(f.material(), 3, cost="1")
    move = StockMove.objects.get()
    assert admin_client_.get(reverse("admin:inventory_stockmove_add")).status_code == 403
    delete = reverse("admin:inventory_stockmove_delete", args=[move.pk])
    assert admin_client_.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:inventory_stockmove_change", args=[move.pk])
    admin_client_.post(change, {"quantity": "99"})
    move.refresh_from_db()
    assert move.quantity == D(3)


def test_safety_stock_can_be_set_in_the_admin(admin_client_: Client) -> None:
    board = f.material()
    here = f.location()
    response = admin_client_.post(
        reverse("admin:inventory_safetystock_add"),
        {"variant": board.pk, "location": here.pk, "level": "4"},
    )
    assert response.status_code == 302
    assert SafetyStock.objects.get().level == D(4)


def test_document_status_is_read_only_in_the_admin(admin_client_: Client) -> None:
    order = fpo.purchase_order()
    page = admin_client_.get(reverse("admin:purchasing_purchaseorder_change", args=[order.pk]))
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
