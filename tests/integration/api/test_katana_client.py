"""The unmodified katana-openapi-client against a live Makeline server: only the base URL
(and the key) differ from talking to Katana."""

from typing import Any

import pytest
from katana_public_api_client import KatanaClient
from katana_public_api_client.api.product import create_product, get_all_products, get_product
from katana_public_api_client.models import CreateProductRequest, CreateVariantRequest, Product
from katana_public_api_client.utils import unwrap_as, unwrap_data
from pytest_django.live_server_helper import LiveServer

from makeline.api.keys import IssuedKey
from tests import factories as f
from tests.integration.api.run_async import run_async

pytestmark = pytest.mark.django_db(transaction=True)


async def _drive(base_url: str, api_key: str) -> dict[str, Any]:
    async with KatanaClient(
        api_key=api_key, base_url=base_url, requests_per_minute=None, max_retries=0
    ) as client:
        body = CreateProductRequest(
            name="Walnut table",
            variants=[CreateVariantRequest(sku="WT-1", sales_price=499.0, purchase_price=120.0)],
        )
        created = unwrap_as(
            await create_product.asyncio_detailed(client=client, body=body), Product
        )
        # no page parameter: the client follows X-Pagination by itself, two rows a page
        listing = await get_all_products.asyncio_detailed(client=client, limit=2)
        fetched = unwrap_as(await get_product.asyncio_detailed(created.id, client=client), Product)
        return {"created": created, "listed": unwrap_data(listing, default=[]), "fetched": fetched}


def test_katana_client_creates_pages_and_gets_products(
    live_server: LiveServer, issued_key: IssuedKey
) -> None:
    # given four products already (five with the one the client creates: three pages of two)
    for n in range(4):
        f.product(f"Product {n}")
    # when the client creates one, lists all with limit=2 and gets the new one
    result = run_async(_drive(f"{live_server.url}/v1", issued_key.token))
    # then the creation round-trips through Katana's models
    created = result["created"]
    assert created.name == "Walnut table"
    assert [(v.sku, v.sales_price) for v in created.variants] == [("WT-1", 499.0)]
    # and auto-pagination collected all five over three pages
    assert sorted(p.name for p in result["listed"]) == sorted(
        ["Walnut table"] + [f"Product {n}" for n in range(4)]
    )
    assert result["fetched"].id == created.id
    assert result["fetched"].variants[0].sku == "WT-1"
