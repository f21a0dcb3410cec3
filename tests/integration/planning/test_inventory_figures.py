"""Katana §1.1, event by event: how each business event moves In stock, Committed, Expected.

Each test starts from a known state and checks the three figures of the affected
(variant, location) after every event, as the Stock screen would show them.
"""

from decimal import Decimal

import pytest

from makeline.catalog.models import Location, Variant
from makeline.inventory import services as inventory
from makeline.planning import selectors as plan
from makeline.production import completion, orders
from makeline.purchasing import orders as purchasing
from makeline.purchasing import receiving
from makeline.sales import fulfilment
from makeline.sales import services as sales
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db


def figures(variant: Variant, at: Location) -> tuple[Decimal, Decimal, Decimal]:
    fig = plan.inventory_figures(variant_id=variant.pk, location_id=at.pk)
    return fig.in_stock, fig.committed, fig.expected


def test_sales_order_events() -> None:
    p, here = f.product("P"), f.location()
    f.stock(p, 10, at=here)
    assert figures(p, here) == (10, 0, 0)
    quote = sales.create_sales_order(
        customer=f.customer(),
        location=here,
        status=SalesOrderStatus.PENDING,
        rows=[sales.RowSpec(variant=p, quantity=D(4))],
    )
    assert figures(p, here) == (10, 0, 0), "a quote commits nothing"
    sales.convert_quote_to_order(order=quote)
    assert figures(p, here) == (10, 4, 0), "an order commits its rows"
    sales.update_row(row=quote.rows.get(), changes={"quantity": D(6)})
    assert figures(p, here) == (10, 6, 0), "a row edit moves committed by the delta"
    packed = fulfilment.fulfil(
        order=quote, status=FulfillmentStatus.PACKED, rows=[(quote.rows.get(), D(2))]
    )
    assert figures(p, here) == (8, 4, 0), "packing takes from in stock and committed"
    fulfilment.update_fulfillment(fulfillment=packed, status=FulfillmentStatus.DELIVERED)
    assert figures(p, here) == (8, 4, 0), "packed → delivered moves nothing"
    fulfilment.fulfil(order=quote, status=FulfillmentStatus.DELIVERED)
    assert figures(p, here) == (4, 0, 0), "delivering straight from not shipped"
    fulfilment.set_status(order=quote, status=SalesOrderStatus.NOT_SHIPPED)
    assert figures(p, here) == (10, 6, 0), "a revert brings stock and commitments back"


def test_manufacturing_order_events() -> None:
    m, s = f.material("M"), f.product("S")
    p = f.product("P", bom={m: "2", s: "1"})
    here = f.location()
    f.stock(m, 20, at=here, cost="2")
    f.stock(s, 10, at=here, cost="5")
    mo = orders.create_manufacturing_order(variant=p, location=here, planned_quantity=D(4))
    assert figures(m, here) == (20, 8, 0)
    assert figures(s, here) == (10, 4, 0)
    assert figures(p, here) == (0, 0, 4)
    orders.set_status(mo=mo, status="IN_PROGRESS")  # type: ignore[arg-type]
    orders.set_status(mo=mo, status="BLOCKED")  # type: ignore[arg-type]
    assert figures(p, here) == (0, 0, 4), "in progress and blocked move nothing"
    completion.record_production(mo=mo, quantity=D(1))
    assert figures(p, here) == (1, 0, 3)
    assert figures(m, here) == (18, 6, 0), "a partial takes the planned share"
    assert figures(s, here) == (9, 3, 0)
    recipe = mo.recipe_rows.get(variant=m)
    orders_recipe_actual(recipe, D(9))
    completion.complete(mo=mo)
    assert figures(p, here) == (4, 0, 0)
    assert figures(m, here) == (11, 0, 0), "done takes the actual quantity (9 in all)"
    assert figures(s, here) == (6, 0, 0)
    orders.set_status(mo=mo, status="NOT_STARTED")  # type: ignore[arg-type]
    assert figures(p, here) == (0, 0, 4), "a revert undoes everything"
    assert figures(m, here) == (20, 8, 0)
    assert figures(s, here) == (10, 4, 0)


def orders_recipe_actual(recipe: object, total: Decimal) -> None:
    from makeline.production import recipe as recipe_services

    recipe_services.update_recipe_row(recipe_row=recipe, changes={"total_actual_quantity": total})  # type: ignore[arg-type]


def test_purchase_order_events() -> None:
    m, here = f.material("M", purchase_uom="box", rate="12"), f.location()
    po = purchasing.create_purchase_order(
        supplier=f.supplier(),
        location=here,
        status="DRAFT",  # type: ignore[arg-type]
        rows=[purchasing.PurchaseRowSpec(variant=m, quantity=D(3), price_per_unit=D(24))],
    )
    assert figures(m, here) == (0, 0, 0), "a draft counts for nothing"
    purchasing.confirm(order=po)
    assert figures(m, here) == (0, 0, 36), "expected in stock units: 3 boxes of 12"
    receiving.receive(receipts=[receiving.Receipt(row=po.rows.get(), quantity=D(1))])
    assert figures(m, here) == (12, 0, 24)
    receiving.revert_to_not_received(order=po)
    assert figures(m, here) == (0, 0, 36)


def test_stock_adjustment_events() -> None:
    m, here = f.material("M"), f.location()
    inventory.adjust_stock(
        location=here, lines=[inventory.AdjustmentLine(variant=m, quantity=D(5))]
    )
    assert figures(m, here) == (5, 0, 0)
    inventory.adjust_stock(
        location=here, lines=[inventory.AdjustmentLine(variant=m, quantity=D(-7))]
    )
    assert figures(m, here) == (-2, 0, 0), "negative stock is allowed and shown"
