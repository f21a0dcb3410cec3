"""Generator stage for the stock ledger: one opening stock adjustment, then the purchase
receipts, as StockMove rows in bulk.

The moves carry what `inventory.services.post_move` would have computed, move after move:
the variant's running stock value and moving-average cost (a receipt into no stock values
the whole quantity at its cost; a receipt into stock adds quantity × cost). Only incoming
moves are generated, so no issue-at-average case arises.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from makeline.common.fields import QUANTITY_PLACES, ZERO
from makeline.generate.context import BATCH, Context, numbers_of
from makeline.inventory.enums import MoveSource
from makeline.inventory.models import StockAdjustment, StockAdjustmentRow, StockMove

_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)
_VALUE_PLACES = Decimal(1).scaleb(-12)
OPENING_REASON = "Opening stock"


@dataclass(slots=True)
class _Running:
    quantity: Decimal = ZERO
    value: Decimal = ZERO
    average: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class _In:
    variant_id: int
    quantity: Decimal
    unit_cost: Decimal
    source: MoveSource
    source_id: int
    order_no: str
    order_id: int
    moved_at: datetime
    note: str = ""


def opening_stock(ctx: Context) -> None:
    """Half the materials, a third of the subassemblies, a fifth of the products."""
    rnd = ctx.rnd
    lines: list[tuple[int, Decimal, Decimal]] = []
    for variant_id in ctx.material_ids:
        if rnd.random() < 0.5:
            price, rate = ctx.price_of[variant_id]
            lines.append((variant_id, ctx.quantity(10, 500), price / rate))
    for products, share in ((ctx.subassemblies, 0.33), (ctx.products, 0.2)):
        for product in products:
            if rnd.random() < share:
                lines.append((product.variant_id, ctx.quantity(1, 20), Decimal(rnd.randint(5, 80))))
    when = ctx.now - timedelta(days=31)
    adjustment = StockAdjustment.objects.create(
        stock_adjustment_number=numbers_of(StockAdjustment, "stock_adjustment_number", "SA", 1)[0],
        location=ctx.location,
        stock_adjustment_date=when,
        reason=OPENING_REASON,
    )
    rows = StockAdjustmentRow.objects.bulk_create(
        [
            StockAdjustmentRow(adjustment=adjustment, variant_id=v, quantity=q, cost_per_unit=c)
            for v, q, c in lines
        ],
        batch_size=BATCH,
    )
    ctx.opening = [
        _In(
            r.variant_id,
            r.quantity,
            r.cost_per_unit,
            MoveSource.STOCK_ADJUSTMENT_ROW,
            r.pk,
            adjustment.stock_adjustment_number,
            adjustment.pk,
            when,
            OPENING_REASON,
        )
        for r in rows
    ]


def ledger(ctx: Context) -> None:
    """Book the opening stock, then every receipt in date order, with running valuation."""
    receipts = sorted(ctx.receipts, key=lambda r: (r.received, r.row_id))
    incoming = list(ctx.opening) + [
        _In(
            r.variant_id,
            r.quantity,
            r.unit_cost,
            MoveSource.PURCHASE_ORDER_ROW,
            r.row_id,
            r.order_no,
            r.order_id,
            r.received,
        )
        for r in receipts
    ]
    running: dict[int, _Running] = {}
    moves = [_move(ctx, running.setdefault(i.variant_id, _Running()), i) for i in incoming]
    StockMove.objects.bulk_create(moves, batch_size=BATCH)
    ctx.counts["stock moves"] = len(moves)


def _move(ctx: Context, before: _Running, incoming: _In) -> StockMove:
    quantity, cost = incoming.quantity, incoming.unit_cost
    if before.quantity <= 0:
        change = (before.quantity + quantity) * cost - before.value
    else:
        change = quantity * cost
    change = change.quantize(_VALUE_PLACES, rounding=ROUND_HALF_UP)
    before.quantity += quantity
    before.value += change
    if before.quantity > 0:
        before.average = (before.value / before.quantity).quantize(_PLACES, rounding=ROUND_HALF_UP)
    return StockMove(
        variant_id=incoming.variant_id,
        location=ctx.location,
        quantity=quantity,
        unit_cost=abs(change / quantity).quantize(_PLACES, rounding=ROUND_HALF_UP),
        value_change=change,
        value_after=before.value,
        average_cost_after=max(ZERO, before.average),
        source=incoming.source,
        source_id=incoming.source_id,
        order_no=incoming.order_no,
        order_id=incoming.order_id,
        note=incoming.note,
        moved_at=incoming.moved_at,
    )
