"""Load the demo shop through the services, so it obeys every rule a user's data obeys.

A furniture maker: tables, chairs and shelves made from boards, screws and varnish, with
tabletops and leg sets as subassemblies. The open orders are chosen so that every
availability status shows somewhere: In stock, Expected, Not available, Picked, No recipe,
Not applicable and Processed. Loading twice changes nothing (the shop's name marks it).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from makeline.catalog import contacts
from makeline.catalog.models import Shop
from makeline.demo import data

DEMO_SHOP_NAME = "Oak & Pine Furniture"
LOGIN_NAME = "demo"
LOGIN_PASSWORD = "demo"

type Progress = Callable[[str, int, int], None]


@dataclass
class DemoSummary:
    created: bool
    login_name: str = LOGIN_NAME
    login_password: str = LOGIN_PASSWORD
    counts: dict[str, int] = field(default_factory=dict)


def load_demo(progress: Progress | None = None) -> DemoSummary:
    """Load the demo shop unless it is there already; make sure its login exists."""
    _ensure_login()
    if Shop.objects.filter(name=DEMO_SHOP_NAME).exists():
        return DemoSummary(created=False, counts=data.counts())
    steps: list[tuple[str, Callable[[data.Demo], None]]] = [
        ("Shop, location and tax rate", data.shop),
        ("Suppliers and customers", data.partners),
        ("Materials", data.materials),
        ("Products, BOMs and routings", data.products),
        ("Opening stock", data.opening_stock),
        ("Purchase orders", data.purchase_orders),
        ("Sales orders and make to order", data.sales_orders),
        ("Production", data.production),
    ]
    demo = data.Demo(today=timezone.now(), location=contacts.ensure_default_location())
    with transaction.atomic():
        for n, (label, step) in enumerate(steps, start=1):
            if progress:
                progress(label, n, len(steps))
            step(demo)
        contacts.update_shop(shop=contacts.ensure_shop(), changes={"name": DEMO_SHOP_NAME})
    return DemoSummary(created=True, counts=data.counts())


def _ensure_login() -> None:
    users = get_user_model()
    if not users.objects.filter(username=LOGIN_NAME).exists():
        users.objects.create_superuser(LOGIN_NAME, email="", password=LOGIN_PASSWORD)


def days(n: int) -> timedelta:
    return timedelta(days=n)


ZERO = Decimal(0)
