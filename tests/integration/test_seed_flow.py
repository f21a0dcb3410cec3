"""The make-to-order workflow of the seed, step by step, through the services.

Sell → make to order → see what is missing → buy it → receive → make → ship. Each step
checks what the Sell, Make and Stock screens would show at that moment.
"""

from datetime import UTC, datetime

import pytest

from makeline.inventory import selectors as inventory
from makeline.inventory.ledger import check_ledger
from makeline.planning import selectors as plan
from makeline.production import completion, make_to_order, orders
from makeline.purchasing import orders as purchasing
from makeline.purchasing import receiving
from makeline.sales import fulfilment
from makeline.sales import services as sales
from makeline.sales.enums import FulfillmentStatus
from tests import factories as f
from tests.factories import D

pytestmark = pytest.mark.django_db


def test_a_make_to_order_job_from_sales_order_to_shipment() -> None:
    # A table is made of a tabletop (3 boards) and 4 legs; the shop keeps no tables in stock
    # and has 3 boards, no legs.
    shop = f.location()
    timber, legs_supplier = f.supplier("Timber Co"), f.supplier("Leg Works")
    board = f.material("Board", price="10", supplier=timber)
    leg = f.material("Leg", price="5", supplier=legs_supplier)
    table = f.product("Table", price="400", bom={board: "3", leg: "4"})
    f.stock(board, 3, at=shop, cost="10")

    # Step 1 - a customer orders two tables: not available, and neither are all materials.
    so = sales.create_sales_order(
        customer=f.customer("Café"),
        location=shop,
        rows=[sales.RowSpec(variant=table, quantity=D(2))],
    )
    row = so.rows.get()
    statuses = plan.sales_order_statuses(so)
    assert statuses.product.status == "NOT_AVAILABLE"
    assert statuses.ingredients.status == "NOT_AVAILABLE"
    assert statuses.production == "NONE"

    # Step 2 - make to order: one MO linked to the row; the row is now expected.
    mo = make_to_order.make_to_order(sales_order_row=row)
    assert mo.order_no == f"{so.order_no} / 1"
    assert (mo.planned_quantity, mo.location_id, mo.rank) == (D(2), shop.pk, so.rank)
    statuses = plan.sales_order_statuses(so)
    assert statuses.product.status == "EXPECTED"
    assert statuses.production == "NOT_STARTED"

    # Step 3 - the missing-materials list: 6 boards needed, 3 in stock; 8 legs, none.
    missing = {line.variant.pk: line for line in plan.missing_materials_for_mo(mo)}
    assert (missing[board.pk].required, missing[board.pk].in_stock, missing[board.pk].missing) == (
        D(6),
        D(3),
        D(3),
    )
    assert (missing[leg.pk].required, missing[leg.pk].missing) == (D(8), D(8))
    assert missing[leg.pk].default_supplier_id == legs_supplier.pk

    # Step 4 - buy the missing materials: the ingredients become expected on the arrival date.
    arrival = datetime(2026, 3, 10, 12, tzinfo=UTC)
    pos = [
        purchasing.create_purchase_order(
            supplier=supplier,
            location=shop,
            expected_arrival_date=arrival,
            rows=[purchasing.PurchaseRowSpec(variant=variant, quantity=quantity)],
        )
        for supplier, variant, quantity in ((timber, board, D(3)), (legs_supplier, leg, D(8)))
    ]
    mo_status = plan.manufacturing_order_status(mo)
    assert (mo_status.status, mo_status.expected_date) == ("EXPECTED", arrival.date())

    # Step 5 - receive: the materials are in stock.
    for po in pos:
        receiving.receive_all(order=po)
    assert plan.manufacturing_order_status(mo).status == "IN_STOCK"
    assert inventory.on_hand(variant_id=board.pk, location_id=shop.pk) == D(6)

    # Step 6 - make: work in progress, then done; the tables are in stock for this order.
    orders.set_status(mo=mo, status="IN_PROGRESS")  # type: ignore[arg-type]
    assert plan.sales_order_statuses(so).production == "IN_PROGRESS"
    completion.complete(mo=mo)
    assert inventory.on_hand(variant_id=table.pk, location_id=shop.pk) == D(2)
    assert inventory.on_hand(variant_id=board.pk, location_id=shop.pk) == D(0)
    statuses = plan.sales_order_statuses(so)
    assert (statuses.product.status, statuses.production) == ("IN_STOCK", "DONE")

    # Step 7 - ship: packed, then delivered; the tables leave stock at their average cost.
    packed = fulfilment.fulfil(order=so, status=FulfillmentStatus.PACKED)
    so.refresh_from_db()
    assert so.status == "PACKED"
    fulfilment.update_fulfillment(fulfillment=packed, status=FulfillmentStatus.DELIVERED)
    so.refresh_from_db()
    assert so.status == "DELIVERED"
    assert plan.sales_order_statuses(so).product.status == "PICKED"
    assert inventory.on_hand(variant_id=table.pk, location_id=shop.pk) == D(0)
    # the table cost its materials: 3 boards at 10 and 4 legs at 5 = 50 each
    assert packed.rows.get().cogs_value == D(100)
    assert check_ledger() == []
