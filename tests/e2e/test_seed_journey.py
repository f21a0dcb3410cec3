"""The seed's whole make-to-order journey in the browser, as a planner would click it.

Sell a table → see it is not available → make to order → open the missing materials →
"+ Buy" them → receive → see the ingredients in stock → complete the MO → deliver.
"""

import re
from typing import Any

from playwright.sync_api import Page, expect

from makeline.catalog.models import Customer, Location, Variant
from makeline.production.models import ManufacturingOrder
from makeline.purchasing.models import PurchaseOrder
from makeline.sales.models import SalesOrder
from tests import factories as f
from tests.e2e.conftest import screenshot


def furniture_shop() -> tuple[Location, Customer, Variant]:
    shop = f.location()
    timber, legs = f.supplier("Timber Co"), f.supplier("Leg Works")
    board = f.material("Oak board", price="10", supplier=timber)
    leg = f.material("Table leg", price="5", supplier=legs)
    screw = f.material("Screw", price="0.1", supplier=legs)
    table = f.product("Dining table", price="400", bom={board: "3", leg: "4", screw: "8"})
    f.stock(board, 6, at=shop, cost="10")
    return shop, f.customer("Café Aurora"), table


def test_sell_make_to_order_buy_receive_make_and_ship(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    _, customer, table = furniture_shop()

    # 1. a sales order for two tables
    page.get_by_role("link", name="Sell", exact=True).click()
    page.get_by_test_id("new-sales-order").click()
    page.get_by_label("Customer", exact=True).select_option(label=customer.name)
    page.get_by_label("Item of row 1").fill(str(table.sku))
    page.get_by_label("Quantity of row 1").fill("2")
    page.get_by_test_id("create-order").click()
    order = SalesOrder.objects.get()
    expect(page.get_by_role("heading", name=re.compile(order.order_no))).to_be_visible()

    # 2. the Sell screen says: not available
    page.goto(f"{live_server.url}/sell/")
    row = page.locator(f'[data-order-no="{order.order_no}"]')
    expect(row.get_by_test_id("sales-items")).to_contain_text("Not available")
    screenshot(page, "sell")

    # 3. make to order: the sales items become expected
    row.get_by_test_id("make-to-order").click()
    row = page.locator(f'[data-order-no="{order.order_no}"]')
    expect(row.get_by_test_id("sales-items")).to_contain_text("Expected")
    mo = ManufacturingOrder.objects.get()

    # 4. the missing materials of the order, and why
    row.get_by_test_id("ingredients").click()
    panel = page.get_by_test_id("availability-panel")
    expect(panel.get_by_test_id("missing-materials")).to_be_visible()
    expect(panel.get_by_test_id("why")).to_be_visible()
    screenshot(page, "missing-materials")

    # 5. "+ Buy" on the legs: one purchase order with every missing item of Leg Works
    leg_line = panel.get_by_test_id("missing-line").filter(has_text="Table leg")
    leg_line.get_by_test_id("buy-ingredient").click()
    expect(page.locator("input[value*='Table leg'], input[value*='M-']").first).to_be_visible()
    page.get_by_role("button", name="Create order").click()
    legs_po = PurchaseOrder.objects.get()
    assert legs_po.rows.count() == 2  # legs and screws, both from Leg Works
    screenshot(page, "purchase-order")

    # 6. the PDF opens
    pdf = page.request.get(f"{live_server.url}/buy/orders/{legs_po.pk}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # 7. receive everything
    page.get_by_role("button", name="Receive all").click()
    legs_po.refresh_from_db()
    assert legs_po.status == "RECEIVED"

    # 8. the MO's ingredients are in stock now
    page.goto(f"{live_server.url}/make/orders/{mo.pk}/")
    expect(page.get_by_test_id("ingredients").get_by_text("In stock").first).to_be_visible()
    screenshot(page, "manufacturing-order")

    # 9. complete the MO
    page.get_by_role("button", name="Done", exact=True).click()
    mo.refresh_from_db()
    assert mo.status == "DONE"

    # 10. the order is in stock; deliver it
    page.goto(f"{live_server.url}/sell/")
    row = page.locator(f'[data-order-no="{order.order_no}"]')
    expect(row.get_by_test_id("sales-items")).to_contain_text("In stock")
    page.goto(f"{live_server.url}/sell/orders/{order.pk}/")
    page.get_by_test_id("deliver-all").click()
    order.refresh_from_db()
    assert order.status == "DELIVERED"
    page.goto(f"{live_server.url}/sell/done/")
    expect(page.get_by_text(order.order_no)).to_be_visible()
    screenshot(page, "sell-done")
