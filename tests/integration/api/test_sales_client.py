"""The unmodified katana-openapi-client against a live Makeline server, for sales: create an
order, page through orders, pack it with a fulfillment and read it back as Katana's models."""

from typing import Any

import pytest
from katana_public_api_client import KatanaClient
from katana_public_api_client.api.sales_order import (
    create_sales_order,
    get_all_sales_orders,
    get_sales_order,
)
from katana_public_api_client.api.sales_order_fulfillment import create_sales_order_fulfillment
from katana_public_api_client.models import (
    CreateSalesOrderFulfillmentRequest,
    CreateSalesOrderRequest,
    CreateSalesOrderRequestSalesOrderRowsItem,
    SalesOrder,
    SalesOrderFulfillment,
    SalesOrderFulfillmentRowRequest,
    SalesOrderFulfillmentStatus,
)
from katana_public_api_client.utils import unwrap_as, unwrap_data
from pytest_django.live_server_helper import LiveServer

from makeline.api.keys import IssuedKey
from tests import factories as f
from tests import factories_sales as fs
from tests.integration.api.run_async import run_async

pytestmark = pytest.mark.django_db(transaction=True)


async def _drive(base_url: str, api_key: str, customer_id: int, variant_id: int) -> dict[str, Any]:
    async with KatanaClient(
        api_key=api_key, base_url=base_url, requests_per_minute=None, max_retries=0
    ) as client:
        body = CreateSalesOrderRequest(
            customer_id=customer_id,
            sales_order_rows=[
                CreateSalesOrderRequestSalesOrderRowsItem(variant_id=variant_id, quantity=2)
            ],
        )
        created = unwrap_as(
            await create_sales_order.asyncio_detailed(client=client, body=body), SalesOrder
        )
        row_id = created.sales_order_rows[0].id
        packed = unwrap_as(
            await create_sales_order_fulfillment.asyncio_detailed(
                client=client,
                body=CreateSalesOrderFulfillmentRequest(
                    sales_order_id=created.id,
                    status=SalesOrderFulfillmentStatus.PACKED,
                    sales_order_fulfillment_rows=[
                        SalesOrderFulfillmentRowRequest(sales_order_row_id=row_id, quantity=2)
                    ],
                ),
            ),
            SalesOrderFulfillment,
        )
        listing = await get_all_sales_orders.asyncio_detailed(client=client, limit=2)
        fetched = unwrap_as(
            await get_sales_order.asyncio_detailed(created.id, client=client), SalesOrder
        )
        return {
            "created": created,
            "packed": packed,
            "listed": unwrap_data(listing, default=[]),
            "fetched": fetched,
        }


def test_katana_client_creates_packs_pages_and_gets_sales_orders(
    live_server: LiveServer, issued_key: IssuedKey
) -> None:
    # given two orders already and a product with stock
    fs.sales_order()
    fs.sales_order()
    product = f.product()
    f.stock(product, 5)
    # when the client creates an order, packs it and lists two a page
    result = run_async(
        _drive(f"{live_server.url}/v1", issued_key.token, f.customer().pk, product.pk)
    )
    # then every answer parses into Katana's models
    created = result["created"]
    assert created.status.value == "NOT_SHIPPED"
    assert created.sales_order_rows[0].quantity == 2
    assert result["packed"].sales_order_id == created.id
    assert len(result["listed"]) == 3  # all pages, by X-Pagination
    assert result["fetched"].status.value == "PACKED"
