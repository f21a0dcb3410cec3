"""Roles and what each may do, as data, and the checks the screens and the API use.

A role is a Django group of the same name. A user's capabilities are the union over their
role groups; a superuser has all of them. A user in no role group at all is an account made
before roles existed and keeps full access (LEGACY), so upgrading locks nobody out; new users
get a role (`makeline user create NAME --role ...`).

Reading (any GET) needs "read"; every change needs the capability of the area it changes.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

READ = "read"
SELL, MAKE, SHOP_FLOOR, BUY = "sell.write", "make.write", "make.shop_floor", "buy.write"
STOCK, ITEMS, CONTACTS, SETTINGS = "stock.write", "items.write", "contacts.write", "settings.write"
ALL = frozenset({READ, SELL, MAKE, SHOP_FLOOR, BUY, STOCK, ITEMS, CONTACTS, SETTINGS})

ADMIN, PLANNER, PURCHASER, SHOP, VIEWER = "admin", "planner", "purchaser", "shop floor", "viewer"
ROLES: dict[str, frozenset[str]] = {
    ADMIN: ALL,
    PLANNER: frozenset({READ, SELL, MAKE, SHOP_FLOOR, BUY, STOCK, ITEMS, CONTACTS}),
    PURCHASER: frozenset({READ, BUY}),
    SHOP: frozenset({READ, SHOP_FLOOR}),
    VIEWER: frozenset({READ}),
}
LEGACY = ALL

# Screens: the write capability of each URL namespace; a "namespace:name" entry overrides it
# for one screen (the shop floor's task buttons, operations and completions).
WEB_WRITES: dict[str, str] = {
    "web": READ,  # the home page has no writes
    "web:sell": SELL,
    "web:make": MAKE,
    "web:make:task_action": SHOP_FLOOR,
    "web:make:update_operation": SHOP_FLOOR,
    "web:make:produce": SHOP_FLOOR,
    "web:make:mark_done": SHOP_FLOOR,
    "web:buy": BUY,
    "web:stock": STOCK,
    "web:items": ITEMS,
    "web:contacts": CONTACTS,
    "web:settings_screen": SETTINGS,
}

# API: the write capability by the first path segment after /v1/ (unknown ones: SETTINGS).
_API_AREAS: dict[str, list[str]] = {
    SELL: [
        "sales_orders",
        "sales_order_rows",
        "sales_order_addresses",
        "sales_order_fulfillments",
        "sales_order_rerank",
    ],
    MAKE: [
        "manufacturing_orders",
        "manufacturing_order_recipe_rows",
        "manufacturing_order_make_to_order",
        "manufacturing_order_rerank",
        "manufacturing_order_unlink",
    ],
    SHOP_FLOOR: ["manufacturing_order_operation_rows", "manufacturing_order_productions"],
    BUY: ["purchase_orders", "purchase_order_rows", "purchase_order_receive"],
    STOCK: [
        "stock_adjustments",
        "inventory",
        "inventory_reorder_points",
        "inventory_safety_stock_levels",
    ],
    ITEMS: [
        "products",
        "materials",
        "variants",
        "services",
        "bom_rows",
        "recipes",
        "product_operation_rows",
        "product_operation_rerank",
    ],
    CONTACTS: ["customers", "customer_addresses", "suppliers", "supplier_addresses"],
}
API_WRITES: dict[str, str] = {
    resource: capability for capability, names in _API_AREAS.items() for resource in names
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def role_of(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The user's role name (the first of their role groups), "admin" for a superuser."""
    if getattr(user, "is_superuser", False):
        return ADMIN
    names = _role_groups(user)
    return names[0] if names else None


def capabilities(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if getattr(user, "is_superuser", False):
        return ALL
    names = _role_groups(user)
    if not names:
        return LEGACY
    return frozenset().union(*(ROLES[name] for name in names))


def may(user: AbstractBaseUser | AnonymousUser, capability: str) -> bool:
    if capability == READ:  # every role reads: no need to load the groups
        return bool(user.is_authenticated and user.is_active)
    return capability in capabilities(user)


def web_capability(method: str, namespace: str, url_name: str | None) -> str:
    """What a request to a screen needs: "read" for a GET, else its area's write capability."""
    if method in SAFE_METHODS:
        return READ
    return WEB_WRITES.get(f"{namespace}:{url_name}") or WEB_WRITES.get(namespace, SETTINGS)


def api_capability(method: str, path: str) -> str:
    """What an API request needs: "read" for a GET, else the resource's write capability."""
    if method in SAFE_METHODS:
        return READ
    segments = [part for part in path.split("/") if part]
    resource = segments[1] if len(segments) > 1 and segments[0] == "v1" else ""
    return API_WRITES.get(resource, SETTINGS)


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "access/forbidden.html", status=403)


def require(
    capability: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view: a signed-in user without `capability` gets the 403 page."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not may(request.user, capability):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _role_groups(user: AbstractBaseUser | AnonymousUser) -> list[str]:
    cached: list[str] | None = getattr(user, "_makeline_roles", None)
    if cached is None:
        groups: Iterable[Any] = getattr(user, "groups", None).all() if user.pk else []  # type: ignore[union-attr]
        cached = sorted(g.name for g in groups if g.name in ROLES)
        user._makeline_roles = cached  # type: ignore[union-attr]
    return cached
