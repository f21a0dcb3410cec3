"""Purchasing test builders: purchase orders made and received through the services."""

from datetime import datetime
from decimal import Decimal

from makeline.catalog.models import Location, Supplier, TaxRate, Variant
from makeline.common.fields import ZERO
from makeline.inventory.models import StockMove
from makeline.purchasing import selectors, services
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow
from tests import factories as f
from tests.factories import D


def row(
    variant: Variant,
    quantity: str | int,
    *,
    price: str | None = None,
    arrival_date: datetime | None = None,
    tax_rate: TaxRate | None = None,
) -> services.PurchaseRowSpec:
    """A row spec: `quantity` (purchase UoM) of `variant`, at `price` per purchase unit."""
    return services.PurchaseRowSpec(
        variant=variant,
        quantity=D(quantity),
        price_per_unit=D(price) if price is not None else None,
        arrival_date=arrival_date,
        tax_rate=tax_rate,
    )


def purchase_order(
    *rows: services.PurchaseRowSpec,
    supplier: Supplier | None = None,
    at: Location | None = None,
    status: PurchaseOrderStatus = PurchaseOrderStatus.NOT_RECEIVED,
    expected_arrival_date: datetime | None = None,
    order_no: str | None = None,
) -> PurchaseOrder:
    """A purchase order at the default location (one row of a new material if none given)."""
    return services.create_purchase_order(
        supplier=supplier or f.supplier(),
        location=at or f.location(),
        rows=list(rows) or [row(f.material(), 1)],
        status=status,
        expected_arrival_date=expected_arrival_date,
        order_no=order_no,
    )


def boxed_material(name: str = "Screws") -> Variant:
    """Behaviour 7's material: stock UoM pcs, bought in boxes of 12 at 24 per box."""
    return f.material(name, price="24", purchase_uom="box", rate="12", uom="pcs")


def receive(order_row: PurchaseOrderRow, quantity: str | int) -> PurchaseOrderRow:
    (received,) = services.receive(receipts=[services.Receipt(row=order_row, quantity=D(quantity))])
    return received


def expected(variant: Variant, location: Location | None = None) -> Decimal:
    """Expected supply (stock UoM) from open purchase orders, as planning sees it."""
    where = location or f.location()
    return sum(
        (r.quantity for r in selectors.open_supply_rows([(variant.pk, where.pk)])), start=ZERO
    )


def snapshot() -> tuple[object, ...]:
    """Every purchasing row's state: compare before and after a refused call."""
    orders = tuple(
        PurchaseOrder.objects.order_by("id").values_list(
            "id",
            "order_no",
            "status",
            "supplier_id",
            "location_id",
            "currency",
            "expected_arrival_date",
            "additional_info",
        )
    )
    rows = tuple(
        PurchaseOrderRow.objects.order_by("id").values_list(
            "id",
            "purchase_order_id",
            "variant_id",
            "quantity",
            "price_per_unit",
            "purchase_uom",
            "purchase_uom_conversion_rate",
            "tax_rate_id",
            "arrival_date",
            "received_date",
            "split_from_id",
            "ordered_quantity",
        )
    )
    moves = tuple(StockMove.objects.order_by("id").values_list("id", "quantity"))
    return orders, rows, moves
