"""The unmodified katana-openapi-client against a live Makeline server, through its generated
endpoint functions only: the demo seed's whole make-to-order flow (a customer orders a stool
we lack the wood for; we make it to order, buy and receive the wood, finish the stool and
deliver it), plus how the client meets our 401 and our 422.
"""

from typing import Any

import pytest
from katana_public_api_client import KatanaClient
from katana_public_api_client.api.bom_row import create_bom_row
from katana_public_api_client.api.customer import create_customer
from katana_public_api_client.api.location import get_all_locations
from katana_public_api_client.api.manufacturing_order import (
    get_manufacturing_order,
    make_to_order_manufacturing_order,
    update_manufacturing_order,
)
from katana_public_api_client.api.manufacturing_order_recipe import (
    get_all_manufacturing_order_recipe_rows,
)
from katana_public_api_client.api.material import create_material
from katana_public_api_client.api.product import create_product, get_all_products
from katana_public_api_client.api.purchase_order import (
    create_purchase_order,
    get_purchase_order,
    receive_purchase_order,
)
from katana_public_api_client.api.sales_order import (
    create_sales_order,
    get_sales_order,
    update_sales_order,
)
from katana_public_api_client.api.supplier import create_supplier
from katana_public_api_client.models import (
    AdditionalPropertiesValidationError,
    BomRow,
    CreateBomRowRequest,
    CreateCustomerRequest,
    CreateMaterialRequest,
    CreateMaterialVariantRequest,
    CreateProductRequest,
    CreatePurchaseOrderRequest,
    CreateSalesOrderRequest,
    CreateSalesOrderRequestSalesOrderRowsItem,
    CreateSupplierRequest,
    CreateVariantRequest,
    Customer,
    MakeToOrderManufacturingOrderRequest,
    ManufacturingOrder,
    ManufacturingOrderStatus,
    Material,
    Product,
    PurchaseOrderReceiveRow,
    PurchaseOrderRowRequest,
    RegularPurchaseOrder,
    SalesOrder,
    Supplier,
    UpdateManufacturingOrderRequest,
    UpdateSalesOrderRequest,
    UpdateSalesOrderStatus,
)
from katana_public_api_client.utils import (
    AuthenticationError,
    ValidationError,
    unwrap,
    unwrap_as,
    unwrap_data,
)
from pytest_django.live_server_helper import LiveServer

from makeline.api.keys import IssuedKey
from tests import factories as f
from tests.integration.api.run_async import run_async

pytestmark = pytest.mark.django_db(transaction=True)

Flow = dict[str, Any]


def _client(base_url: str, api_key: str) -> KatanaClient:
    return KatanaClient(api_key=api_key, base_url=base_url, requests_per_minute=None, max_retries=0)


async def _catalog(client: KatanaClient, flow: Flow) -> None:
    """The things the order is about: a customer, a supplier, its wood, the stool and its BOM."""
    flow["listed"] = unwrap_data(await get_all_products.asyncio_detailed(client=client, limit=2))
    flow["customer"] = unwrap_as(
        await create_customer.asyncio_detailed(
            client=client, body=CreateCustomerRequest(name="Ann's Cafe")
        ),
        Customer,
    )
    supplier = unwrap_as(
        await create_supplier.asyncio_detailed(
            client=client, body=CreateSupplierRequest(name="Timber Co")
        ),
        Supplier,
    )
    flow["material"] = unwrap_as(
        await create_material.asyncio_detailed(
            client=client,
            body=CreateMaterialRequest(
                name="Walnut board",
                default_supplier_id=supplier.id,
                variants=[CreateMaterialVariantRequest(sku="WB-1", purchase_price=30.0)],
            ),
        ),
        Material,
    )
    flow["supplier"] = supplier
    flow["product"] = unwrap_as(
        await create_product.asyncio_detailed(
            client=client,
            body=CreateProductRequest(
                name="Walnut stool",
                is_producible=True,
                variants=[CreateVariantRequest(sku="WS-1", sales_price=120.0)],
            ),
        ),
        Product,
    )
    flow["bom_row"] = unwrap_as(
        await create_bom_row.asyncio_detailed(
            client=client,
            body=CreateBomRowRequest(
                product_item_id=flow["product"].id,
                product_variant_id=flow["product"].variants[0].id,
                ingredient_variant_id=flow["material"].variants[0].id,
                quantity=2.0,
            ),
        ),
        BomRow,
    )


async def _recipe_rows(client: KatanaClient, mo_id: int) -> list[Any]:
    answer = await get_all_manufacturing_order_recipe_rows.asyncio_detailed(
        client=client, manufacturing_order_id=mo_id
    )
    return unwrap_data(answer)


async def _order_and_make(client: KatanaClient, flow: Flow) -> None:
    """The customer orders one stool; we make it to order and see the wood is missing."""
    order = unwrap_as(
        await create_sales_order.asyncio_detailed(
            client=client,
            body=CreateSalesOrderRequest(
                customer_id=flow["customer"].id,
                sales_order_rows=[
                    CreateSalesOrderRequestSalesOrderRowsItem(
                        variant_id=flow["product"].variants[0].id, quantity=1.0
                    )
                ],
            ),
        ),
        SalesOrder,
    )
    flow["sales_order"] = order
    flow["mo"] = unwrap_as(
        await make_to_order_manufacturing_order.asyncio_detailed(
            client=client,
            body=MakeToOrderManufacturingOrderRequest(
                sales_order_row_id=order.sales_order_rows[0].id
            ),
        ),
        ManufacturingOrder,
    )
    flow["recipe_before"] = await _recipe_rows(client, flow["mo"].id)


async def _buy_and_receive(client: KatanaClient, flow: Flow) -> None:
    """We order the two missing boards from the material's default supplier and receive them."""
    locations = unwrap_data(await get_all_locations.asyncio_detailed(client=client))
    material = flow["material"]
    purchase = unwrap_as(
        await create_purchase_order.asyncio_detailed(
            client=client,
            body=CreatePurchaseOrderRequest(
                supplier_id=material.default_supplier_id,
                location_id=locations[0].id,
                purchase_order_rows=[
                    PurchaseOrderRowRequest(
                        variant_id=material.variants[0].id, quantity=2.0, price_per_unit=30.0
                    )
                ],
            ),
        ),
        RegularPurchaseOrder,
    )
    flow["purchase_order"] = purchase
    unwrap(
        await receive_purchase_order.asyncio_detailed(
            client=client,
            body=[
                PurchaseOrderReceiveRow(
                    purchase_order_row_id=purchase.purchase_order_rows[0].id, quantity=2.0
                )
            ],
        ),
        raise_on_error=True,
    )
    flow["recipe_after"] = await _recipe_rows(client, flow["mo"].id)


async def _finish_and_deliver(client: KatanaClient, flow: Flow) -> None:
    """We finish the stool, deliver the order, then read every document back."""
    mo_id, order_id = flow["mo"].id, flow["sales_order"].id
    unwrap_as(
        await update_manufacturing_order.asyncio_detailed(
            mo_id,
            client=client,
            body=UpdateManufacturingOrderRequest(status=ManufacturingOrderStatus.DONE),
        ),
        ManufacturingOrder,
    )
    unwrap_as(
        await update_sales_order.asyncio_detailed(
            order_id,
            client=client,
            body=UpdateSalesOrderRequest(status=UpdateSalesOrderStatus.DELIVERED),
        ),
        SalesOrder,
    )
    flow["final_order"] = unwrap_as(
        await get_sales_order.asyncio_detailed(order_id, client=client), SalesOrder
    )
    flow["final_mo"] = unwrap_as(
        await get_manufacturing_order.asyncio_detailed(mo_id, client=client), ManufacturingOrder
    )
    flow["final_po"] = unwrap_as(
        await get_purchase_order.asyncio_detailed(flow["purchase_order"].id, client=client),
        RegularPurchaseOrder,
    )


async def _seed_flow(base_url: str, api_key: str) -> Flow:
    flow: Flow = {}
    async with _client(base_url, api_key) as client:
        await _catalog(client, flow)
        await _order_and_make(client, flow)
        await _buy_and_receive(client, flow)
        await _finish_and_deliver(client, flow)
    return flow


def test_the_seed_flow_runs_end_to_end_through_an_unmodified_katana_client(
    live_server: LiveServer, issued_key: IssuedKey
) -> None:
    # given a shop with a location and five products (three pages of two)
    f.location()
    for n in range(5):
        f.product(f"Chair {n}")
    # when a Katana client runs the whole make-to-order flow against Makeline
    flow = run_async(_seed_flow(f"{live_server.url}/v1", issued_key.token))
    # then the product list was collected over all its pages
    assert sorted(p.name for p in flow["listed"]) == [f"Chair {n}" for n in range(5)]
    # and the material knows its default supplier, the BOM row its quantity
    assert flow["material"].default_supplier_id == flow["supplier"].id
    assert flow["bom_row"].quantity == 2
    # and the MO made to order lacked the wood until the purchase order was received
    assert flow["mo"].sales_order_row_id == flow["sales_order"].sales_order_rows[0].id
    assert [r.ingredient_availability.value for r in flow["recipe_before"]] == ["NOT_AVAILABLE"]
    assert [r.ingredient_availability.value for r in flow["recipe_after"]] == ["IN_STOCK"]
    # and every document ends where the flow took it
    assert flow["final_order"].status.value == "DELIVERED"
    assert flow["final_order"].product_availability.value == "PICKED"
    assert flow["final_mo"].status.value == "DONE"
    assert flow["final_po"].status.value == "RECEIVED"


async def _with_bad_key(base_url: str) -> None:
    async with _client(base_url, "not-a-makeline-key") as client:
        unwrap_data(await get_all_products.asyncio_detailed(client=client, limit=2))


def test_a_bad_key_raises_the_clients_authentication_error(
    live_server: LiveServer, issued_key: IssuedKey
) -> None:
    # when the client calls with a key Makeline never issued
    with pytest.raises(AuthenticationError) as raised:
        run_async(_with_bad_key(f"{live_server.url}/v1"))
    # then it recognised our 401 body as Katana's
    assert raised.value.status_code == 401
    assert "UnauthorizedError" in str(raised.value)


async def _bad_bom_row(base_url: str, api_key: str, product: Any, material: Any) -> None:
    async with _client(base_url, api_key) as client:
        body = CreateBomRowRequest(
            product_item_id=product.item_id,
            product_variant_id=product.pk,
            ingredient_variant_id=material.pk,
            quantity=1.0,
        )
        body.additional_properties["rank"] = 3  # a field Katana's schema does not allow
        unwrap(await create_bom_row.asyncio_detailed(client=client, body=body))


def test_a_refused_body_raises_the_clients_validation_error_with_ajv_details(
    live_server: LiveServer, issued_key: IssuedKey
) -> None:
    # given a product and a material
    product, material = f.product("Stool"), f.material("Board")
    # when the client sends a BOM row with a field the schema forbids
    with pytest.raises(ValidationError) as raised:
        run_async(_bad_bom_row(f"{live_server.url}/v1", issued_key.token, product, material))
    # then the client parsed our 422 into Katana's detailed error, detail by detail
    error = raised.value
    assert error.status_code == 422
    assert error.error_response is not None
    assert error.error_response.code == "VALIDATION_FAILED"
    [detail] = error.validation_errors
    assert isinstance(detail, AdditionalPropertiesValidationError)
    assert (detail.path, detail.code.value, detail.info.additional_property) == (
        "",
        "additionalProperties",
        "rank",
    )
    assert "unexpected property: 'rank'" in str(error)
