"""Sales test builders: orders and quotes made through the services, never by setting status=."""

from decimal import Decimal

from makeline.catalog.models import Customer, Location, Variant
from makeline.sales import services
from makeline.sales.enums import SalesOrderStatus
from makeline.sales.models import SalesOrder, SalesOrderRow
from makeline.sales.services import RowSpec
from tests import factories as f
from tests.factories import D

type RowInput = RowSpec | tuple[Variant, str | int]


def spec(variant: Variant, quantity: str | int, *, price: str | None = None) -> RowSpec:
    return RowSpec(
        variant=variant, quantity=D(quantity), price_per_unit=D(price) if price else None
    )


def _specs(rows: tuple[RowInput, ...]) -> list[RowSpec]:
    specs = [r if isinstance(r, RowSpec) else spec(*r) for r in rows]
    return specs or [spec(f.product(), 1)]


def sales_order(
    *rows: RowInput,
    customer: Customer | None = None,
    at: Location | None = None,
    status: SalesOrderStatus = SalesOrderStatus.NOT_SHIPPED,
    order_no: str | None = None,
) -> SalesOrder:
    """A sales order (one row of a fresh product when no rows are given)."""
    return services.create_sales_order(
        customer=customer or f.customer(),
        location=at or f.location(),
        rows=_specs(rows),
        status=status,
        order_no=order_no,
    )


def quote(
    *rows: RowInput, customer: Customer | None = None, at: Location | None = None
) -> SalesOrder:
    return sales_order(*rows, customer=customer, at=at, status=SalesOrderStatus.PENDING)


def rows(order: SalesOrder) -> list[SalesOrderRow]:
    return list(order.rows.order_by("position", "id"))


def money(value: Decimal) -> Decimal:
    """Compare money at cent precision (stored values carry 6 places)."""
    return value.quantize(Decimal("0.01"))
