"""Query filters on the planned statuses of sales orders and rows, for lists and searches.

Each function returns a Q that selects exactly the rows whose status, as the selectors in
`planning.selectors` report it, equals the given value: the stored plan for open orders,
and the same fixed statuses the selectors give closed orders (fulfilled → PICKED, …). The
rules live here next to the selectors so the API never re-derives a status itself.
"""

from django.db.models import Exists, OuterRef, Q

from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder
from makeline.sales.enums import SalesOrderStatus

M = ManufacturingOrderStatus
_FULFILLED = (SalesOrderStatus.PACKED, SalesOrderStatus.DELIVERED)
_STARTED = (M.IN_PROGRESS, M.PARTIALLY_COMPLETED, M.DONE)
_NOTHING = Q(pk__in=[])


def sales_orders_with_product_availability(status: str) -> Q:
    """Orders whose `product_availability` is `status` (as `sales_order_statuses_many`)."""
    planned = Q(plan__product_availability=status)
    if status == "PICKED":
        return planned | Q(plan__isnull=True, status__in=_FULFILLED)
    return planned


def sales_orders_with_ingredient_availability(status: str) -> Q:
    """Orders whose `ingredient_availability` is `status`."""
    planned = Q(plan__ingredient_availability=status)
    if status == "NOT_APPLICABLE":
        return planned | Q(plan__isnull=True, status__in=_FULFILLED)
    return planned


def sales_orders_with_production_status(status: str) -> Q:
    """Orders whose production status (`production_statuses`' roll-up of their make-to-order
    MOs) is `status`."""
    linked = ManufacturingOrder.objects.filter(sales_order_row__sales_order=OuterRef("pk"))
    has_any = Exists(linked)
    blocked = Exists(linked.filter(status=M.BLOCKED))
    all_done = has_any & ~Exists(linked.exclude(status=M.DONE))
    started = Exists(linked.filter(status__in=_STARTED))
    rules = {
        "NONE": ~has_any,
        "BLOCKED": blocked,
        "DONE": ~blocked & all_done,
        "IN_PROGRESS": ~blocked & ~all_done & started,
        "NOT_STARTED": has_any & ~blocked & ~started,
    }
    rule = rules.get(status)
    return _NOTHING if rule is None else Q(rule)


def sales_rows_with_product_availability(status: str) -> Q:
    """Sales order rows whose `product_availability` is `status` (as `sales_row_statuses`)."""
    planned = Q(plan__product_availability=status)
    if status == "PICKED":
        return planned | Q(plan__isnull=True, sales_order__status__in=_FULFILLED)
    return planned
