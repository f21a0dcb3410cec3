"""Generator stage for purchasing: purchase orders of materials from their default supplier,
some DRAFT, most NOT_RECEIVED, some PARTIALLY_RECEIVED.

A partly received order looks the way `purchasing.receiving.receive` leaves it: its first
row was split (the original keeps the open quantity, a new row `split_from` it holds the
received part and its date) and some further rows are received whole. The receipts are
handed to the stock stage, which books them into the ledger.
"""

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from makeline.catalog.models import Item
from makeline.generate.context import BATCH, Context, Receipt, numbers
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow

P = PurchaseOrderStatus


type Planned = tuple[PurchaseOrder, list[PurchaseOrderRow], Decimal, datetime]


def purchase_orders(ctx: Context) -> None:
    by_supplier: dict[int, list[int]] = defaultdict(list)
    for variant_id in ctx.material_ids:
        by_supplier[ctx.supplier_of[variant_id]].append(variant_id)
    suppliers = sorted(by_supplier)
    uoms = dict(
        Item.objects.filter(variants__pk__in=ctx.material_ids).values_list(
            "variants__pk", "purchase_uom"
        )
    )
    planned: list[Planned] = []
    for number in numbers(PurchaseOrder, "PO", ctx.size.purchase_orders):
        supplier = ctx.rnd.choice(suppliers)
        planned.append(_order(ctx, number, supplier, by_supplier[supplier], uoms))
    PurchaseOrder.objects.bulk_create([order for order, *_ in planned], batch_size=BATCH)
    for order, rows, *_ in planned:
        for row in rows:
            row.purchase_order = order
    originals = [row for _, rows, *_ in planned for row in rows]
    PurchaseOrderRow.objects.bulk_create(originals, batch_size=BATCH)
    splits = [_split(order, rows[0], q, when) for order, rows, q, when in planned if q]
    PurchaseOrderRow.objects.bulk_create(splits, batch_size=BATCH)
    for row in [*[r for r in originals if r.received_date], *splits]:
        order = row.purchase_order
        assert row.received_date is not None
        ctx.receipts.append(
            Receipt(
                row.pk,
                order.pk,
                order.order_no,
                row.variant_id,
                row.quantity * row.purchase_uom_conversion_rate,
                row.price_per_unit / row.purchase_uom_conversion_rate,
                row.received_date,
            )
        )
    ctx.counts["purchase orders"] = len(planned)
    ctx.counts["purchase order rows"] = len(originals) + len(splits)


def _status(ctx: Context) -> PurchaseOrderStatus:
    draw = ctx.rnd.random()
    if draw < 0.15:
        return P.DRAFT
    return P.PARTIALLY_RECEIVED if draw < 0.3 else P.NOT_RECEIVED


def _order(
    ctx: Context, number: str, supplier: int, materials: list[int], uoms: dict[int, str]
) -> Planned:
    """One order and its rows; for a partly received one, the quantity split off row 1."""
    created = ctx.now - timedelta(days=ctx.rnd.randint(0, 20))
    picked = ctx.rnd.sample(
        materials, min(len(materials), ctx.rnd.randint(*ctx.size.rows_per_purchase))
    )
    rows = []
    for variant_id in picked:
        price, rate = ctx.price_of[variant_id]
        lead = ctx.rnd.choice((3, 7, 14))
        rows.append(
            PurchaseOrderRow(
                variant_id=variant_id,
                quantity=ctx.quantity(2, 10) if rate > 1 else ctx.quantity(10, 200),
                price_per_unit=price,
                purchase_uom=uoms.get(variant_id, ""),
                purchase_uom_conversion_rate=rate,
                arrival_date=created + timedelta(days=lead),
            )
        )
    order = PurchaseOrder(
        order_no=number,
        supplier_id=supplier,
        location=ctx.location,
        status=_status(ctx),
        currency="EUR",
        order_created_date=created,
        expected_arrival_date=max(r.arrival_date for r in rows if r.arrival_date),
    )
    split = Decimal(0)
    received = min(ctx.now, created + timedelta(days=ctx.rnd.randint(1, 5)))
    if order.status == P.PARTIALLY_RECEIVED:
        for row in rows[1 : 1 + (len(rows) - 1) // 2]:
            row.received_date = received
        split = rows[0].quantity // 2
        rows[0].quantity -= split
    return order, rows, split, received


def _split(
    order: PurchaseOrder, row: PurchaseOrderRow, quantity: Decimal, received: datetime
) -> PurchaseOrderRow:
    """The received part of a split row (see `purchasing.receiving._split`)."""
    return PurchaseOrderRow(
        purchase_order=order,
        variant_id=row.variant_id,
        quantity=quantity,
        price_per_unit=row.price_per_unit,
        purchase_uom=row.purchase_uom,
        purchase_uom_conversion_rate=row.purchase_uom_conversion_rate,
        arrival_date=row.arrival_date,
        received_date=received,
        split_from=row,
    )
