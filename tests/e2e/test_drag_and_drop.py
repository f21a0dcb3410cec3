"""Drag and drop priority on Sell and on the Schedule changes statuses as Katana says.

Katana's three-order example: 4 in stock, 3 expected from an MTS MO, three orders of 3.
"""

from decimal import Decimal
from typing import Any

from playwright.sync_api import Page, expect

from makeline.production import orders
from makeline.sales import services as sales
from tests import factories as f
from tests.e2e.conftest import screenshot


def three_orders() -> list[str]:
    here = f.location()
    product = f.product("Chair")
    f.stock(product, 4, at=here)
    orders.create_manufacturing_order(variant=product, location=here, planned_quantity=Decimal(3))
    customer = f.customer()
    return [
        sales.create_sales_order(
            customer=customer,
            location=here,
            rows=[sales.RowSpec(variant=product, quantity=Decimal(3))],
        ).order_no
        for _ in range(3)
    ]


def chip(page: Page, order_no: str) -> Any:
    return page.locator(f'[data-order-no="{order_no}"]').get_by_test_id("sales-items")


def test_dragging_the_third_order_to_the_top_flips_the_statuses(
    signed_in: Page, live_server: Any
) -> None:
    page = signed_in
    so1, so2, so3 = three_orders()
    page.goto(f"{live_server.url}/sell/")
    expect(chip(page, so1)).to_contain_text("In stock")
    expect(chip(page, so2)).to_contain_text("Expected")
    expect(chip(page, so3)).to_contain_text("Not available")

    handle = page.locator(f'[data-order-no="{so3}"] [data-rank-handle]')
    handle.drag_to(page.locator(f'[data-order-no="{so1}"] [data-rank-handle]'))

    expect(chip(page, so3)).to_contain_text("In stock")
    expect(chip(page, so1)).to_contain_text("Expected")
    expect(chip(page, so2)).to_contain_text("Not available")
    page.reload()
    expect(chip(page, so3)).to_contain_text("In stock")


def test_dragging_on_the_schedule_reorders_manufacturing(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    here = f.location()
    board = f.material("Board")
    shelf = f.product("Shelf", bom={board: "2"})
    f.stock(board, 2, at=here)
    first = orders.create_manufacturing_order(
        variant=shelf, location=here, planned_quantity=Decimal(1)
    )
    second = orders.create_manufacturing_order(
        variant=shelf, location=here, planned_quantity=Decimal(1)
    )
    page.goto(f"{live_server.url}/make/")
    row = page.locator(f'tr[data-id="{second.pk}"]')
    expect(row).to_contain_text("Not available")

    row.locator("[data-rank-handle]").drag_to(
        page.locator(f'tr[data-id="{first.pk}"] [data-rank-handle]')
    )

    expect(page.locator(f'tr[data-id="{second.pk}"]')).to_contain_text("In stock")
    expect(page.locator(f'tr[data-id="{first.pk}"]')).to_contain_text("Not available")
    screenshot(page, "schedule")
