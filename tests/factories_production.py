"""Builders for production tests: the §7 fixture (P = 2 M + 1 S, S = 1 M), sales orders
and manufacturing orders, all made through the services."""

from dataclasses import dataclass
from decimal import Decimal

from makeline.catalog.models import Location, Variant
from makeline.inventory import selectors as inventory
from makeline.production import orders
from makeline.production.models import ManufacturingOrder
from makeline.sales import services as sales
from makeline.sales.enums import SalesOrderStatus
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests.factories import D


@dataclass(frozen=True)
class Shop:
    """Katana §7's common fixture: one location L1, product P = 2 M + 1 S, S = 1 M."""

    here: Location
    p: Variant
    m: Variant
    s: Variant


def katana_fixture(*, with_operation: bool = False) -> Shop:
    here = f.location()
    m = f.material("M", price="10")
    s = f.product("S", bom={m: "1"})
    p = f.product("P", bom={m: "2", s: "1"})
    if with_operation:
        f.operation(p, seconds_per_unit="1800", cost_per_hour="40")
    return Shop(here=here, p=p, m=m, s=s)


def sales_order(
    rows: dict[Variant, str],
    *,
    at: Location | None = None,
    order_no: str | None = None,
    status: SalesOrderStatus = SalesOrderStatus.NOT_SHIPPED,
) -> SalesOrder:
    return sales.create_sales_order(
        customer=f.customer(),
        location=at or f.location(),
        rows=[sales.RowSpec(variant=v, quantity=D(q)) for v, q in rows.items()],
        order_no=order_no,
        status=status,
    )


def mo(variant: Variant, quantity: str | int, *, at: Location | None = None) -> ManufacturingOrder:
    return orders.create_manufacturing_order(
        variant=variant, location=at or f.location(), planned_quantity=D(quantity)
    )


def on_hand(variant: Variant, at: Location | None = None) -> Decimal:
    return inventory.on_hand(variant_id=variant.pk, location_id=(at or f.location()).pk)
