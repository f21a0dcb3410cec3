"""The API object: one NinjaAPI at /v1 with bearer-key auth, Katana's error bodies,
rate-limit headers and every resource module's router.

A new resource family adds its module (with a `router`) and one line to ROUTERS.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from ninja import NinjaAPI

from makeline.api import (
    audit,
    customers,
    errors,
    explain,
    fulfillments,
    inventory,
    inventory_adjustments,
    inventory_ledger,
    manufacturing,
    manufacturing_productions,
    manufacturing_rows,
    products,
    purchasing,
    purchasing_rows,
    recipes,
    sales_orders,
    sales_rows,
    service_items,
    shop,
    suppliers,
    variants,
    webhooks,
)
from makeline.api.auth import ApiKeyAuth
from makeline.api.idempotency import with_idempotency

ROUTERS = [
    products.router,
    products.material_router,
    variants.router,
    service_items.router,
    recipes.router,
    recipes.operations_router,
    customers.router,
    customers.address_router,
    suppliers.router,
    suppliers.address_router,
    shop.router,
    shop.tax_router,
    shop.factory_router,
    shop.user_router,
    sales_orders.router,
    sales_rows.router,
    sales_rows.address_router,
    fulfillments.router,
    explain.router,
    inventory.router,
    inventory_ledger.router,
    inventory_ledger.negative_router,
    inventory_adjustments.router,
    webhooks.router,
    webhooks.log_router,
    manufacturing.router,
    manufacturing_rows.router,
    manufacturing_rows.operations_router,
    manufacturing_productions.router,
    purchasing.router,
    purchasing_rows.router,
    purchasing_rows.receive_router,
    audit.router,
]

DESCRIPTION = """Makeline's REST API, compatible with Katana's public API v1: the same paths,
bodies, paging (`limit`/`page`, `X-Pagination`), errors and bearer keys, so Katana clients
work by changing the base URL. See docs/api.md for what is implemented and our extensions."""


def with_rate_headers(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Put the key's X-Ratelimit-* headers on every answer, errors included."""

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = run(request, *args, **kwargs)
        state = getattr(request, "rate_state", None)
        if state is not None:
            for name, value in state.headers().items():
                response[name] = value
        return response

    return wrapper


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="Makeline API (Katana-compatible)",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api-v1",
        auth=ApiKeyAuth(),
        openapi_url="/openapi.json",
        docs_url="/docs",
    )
    errors.install(api)
    api.add_decorator(with_rate_headers, mode="view")  # wraps the whole run, auth included
    api.add_decorator(with_idempotency, mode="view")  # inside: a replay keeps the rate headers
    for router in ROUTERS:
        api.add_router("", router)
    return api


api = build_api()
