"""Inventory writes: posting and reversing stock moves, stock adjustments, safety stock.

`post_move` is the only function that writes the ledger. Every other app moves stock by
calling it (receipts, consumption, output, fulfilment) and reverts by calling
`reverse_move`. It keeps the variant's moving-average cost (Katana §1.10): receipts at a
cost move the average, issues leave it alone, and a reversal takes out exactly the value
its original move put in, so revert-then-redo returns the ledger to the same figures.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from makeline.catalog.models import Location, Variant
from makeline.common import locking
from makeline.common.errors import DomainError, InvalidQuantity, NotFound
from makeline.common.fields import QUANTITY_PLACES, ZERO
from makeline.common.numbering import claim_number, next_number
from makeline.common.unit_of_work import atomic_service, touch
from makeline.inventory import selectors
from makeline.inventory.enums import MoveSource
from makeline.inventory.models import SafetyStock, StockAdjustment, StockAdjustmentRow, StockMove

_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)


def _round(value: Decimal) -> Decimal:
    return value.quantize(_PLACES, rounding=ROUND_HALF_UP)


def ensure_stocked_variant(variant: Variant) -> None:
    """Refuse archived/deleted variants and services (services carry no stock)."""
    if not variant.is_usable:
        raise NotFound(f"variant {variant.pk} is archived or deleted", field="variant_id")
    if not variant.item.is_stocked:
        raise DomainError(f"{variant.display_name} is a service and has no stock")


_VALUE_PLACES = Decimal(1).scaleb(-12)


def _value_change(
    before: selectors.Valuation, quantity: Decimal, unit_cost: Decimal | None
) -> Decimal:
    """How much a move of `quantity` (signed) changes the variant's stock value.

    Receipts at a known cost add quantity × cost, except that restocking from nothing (or
    from negative stock) revalues the whole quantity at the receipt's cost. Issues take out
    their share of the value, which leaves the average cost exactly as it was.
    """
    if unit_cost is not None and quantity > 0:
        if before.quantity <= 0:
            change = (before.quantity + quantity) * unit_cost - before.value
        else:
            change = quantity * unit_cost
    elif before.quantity > 0:
        change = before.value * quantity / before.quantity
    else:
        change = quantity * before.average
    return change.quantize(_VALUE_PLACES, rounding=ROUND_HALF_UP)


@atomic_service
def post_move(
    *,
    variant: Variant,
    location: Location,
    quantity: Decimal,
    source: MoveSource,
    unit_cost: Decimal | None = None,
    source_id: int | None = None,
    order_no: str = "",
    order_id: int | None = None,
    moved_at: datetime | None = None,
    note: str = "",
    reverses: StockMove | None = None,
) -> StockMove:
    """Append one move to the ledger and return it.

    `unit_cost` is required for receipts into stock at a known cost; issues (negative
    moves) go out at the current average cost unless they reverse a move, in which case
    the reversed move's cost is used. Raises InvalidQuantity for a zero quantity.
    """
    if quantity == 0:
        raise InvalidQuantity("a stock move needs a non-zero quantity", field="quantity")
    # Lock the variant row: average cost is a running figure, moves of one variant queue.
    # Services moving several variants lock them all up front (common.locking's order);
    # then this re-takes a lock already held.
    locking.lock(Variant, [variant.pk])
    before = selectors.valuation(variant_id=variant.pk)
    if reverses is not None:
        # Take out exactly what the original put in: revert-then-redo is exact.
        change = -reverses.value_change
    else:
        change = _value_change(before, quantity, unit_cost)
    quantity_after, value_after = before.quantity + quantity, before.value + change
    average_after = _round(value_after / quantity_after) if quantity_after > 0 else before.average
    move = StockMove.objects.create(
        variant=variant,
        location=location,
        quantity=quantity,
        unit_cost=reverses.unit_cost if reverses else _round(abs(change / quantity)),
        value_change=change,
        value_after=value_after,
        average_cost_after=max(ZERO, average_after),
        source=source,
        source_id=source_id,
        order_no=order_no,
        order_id=order_id,
        reverses=reverses,
        note=note,
        moved_at=moved_at or timezone.now(),
    )
    touch(variant.pk, location.pk)
    return move


@atomic_service
def reverse_move(*, move: StockMove, moved_at: datetime | None = None, note: str = "") -> StockMove:
    """Append the opposite of `move`; a move can be reversed once."""
    if StockMove.objects.filter(reverses=move).exists():
        raise DomainError(f"stock move {move.pk} was already reversed")
    return post_move(
        variant=move.variant,
        location=move.location,
        quantity=-move.quantity,
        source=MoveSource(move.source),
        source_id=move.source_id,
        order_no=move.order_no,
        order_id=move.order_id,
        moved_at=moved_at,
        note=note or f"reverts move {move.pk}",
        reverses=move,
    )


def reverse_moves(*, source: MoveSource, source_ids: Sequence[int]) -> list[StockMove]:
    """Reverse every not-yet-reversed move of these source rows (newest first)."""
    moves = (
        StockMove.objects.filter(
            source=source, source_id__in=source_ids, reverses__isnull=True, reversed_by__isnull=True
        )
        .select_related("variant", "location")
        .order_by("-id")
    )
    return [reverse_move(move=m) for m in moves]


@dataclass(frozen=True, slots=True)
class AdjustmentLine:
    variant: Variant
    quantity: Decimal
    cost_per_unit: Decimal | None = None


@atomic_service
def adjust_stock(
    *,
    location: Location,
    lines: Sequence[AdjustmentLine],
    reason: str = "",
    number: str | None = None,
    adjusted_at: datetime | None = None,
    additional_info: str = "",
) -> StockAdjustment:
    """Book a stock adjustment (opening stock, count corrections, loss): one move per line.

    Positive lines come in at `cost_per_unit` (default: the current average cost);
    negative lines go out at the average cost and may not carry a cost (Katana's rule).
    """
    _validate_adjustment(lines)
    # Every variant before the first move, in id order: adjustments sharing variants
    # cannot deadlock (common.locking).
    locking.lock(Variant, [line.variant.pk for line in lines])
    adjusted_at = adjusted_at or timezone.now()
    number = number or next_number(
        StockAdjustment.objects.all(), field="stock_adjustment_number", prefix="SA"
    )
    if StockAdjustment.objects.filter(stock_adjustment_number=number).exists():
        raise DomainError(f"stock adjustment {number} exists already", field="number")
    claim_number(number)
    adjustment = StockAdjustment.objects.create(
        stock_adjustment_number=number,
        location=location,
        stock_adjustment_date=adjusted_at,
        reason=reason,
        additional_info=additional_info,
    )
    for line in lines:
        cost = line.cost_per_unit
        if cost is None:
            cost = selectors.average_cost(variant_id=line.variant.pk)
        row = StockAdjustmentRow.objects.create(
            adjustment=adjustment, variant=line.variant, quantity=line.quantity, cost_per_unit=cost
        )
        post_move(
            variant=line.variant,
            location=location,
            quantity=line.quantity,
            unit_cost=cost if line.quantity > 0 else None,
            source=MoveSource.STOCK_ADJUSTMENT_ROW,
            source_id=row.pk,
            order_no=number,
            order_id=adjustment.pk,
            moved_at=adjusted_at,
            note=reason,
        )
    return adjustment


def _validate_adjustment(lines: Sequence[AdjustmentLine]) -> None:
    if not lines:
        raise InvalidQuantity("a stock adjustment needs at least one row", field="rows")
    for n, line in enumerate(lines):
        ensure_stocked_variant(line.variant)
        if line.quantity == 0:
            raise InvalidQuantity(f"row {n + 1}: quantity must not be zero", field="quantity")
        if line.cost_per_unit is not None and line.quantity < 0:
            raise DomainError(
                f"row {n + 1}: a negative row goes out at average cost; leave its cost empty",
                field="cost_per_unit",
            )
        if line.cost_per_unit is not None and line.cost_per_unit < 0:
            raise DomainError(f"row {n + 1}: cost must not be negative", field="cost_per_unit")


@atomic_service
def set_safety_stock(*, variant: Variant, location: Location, level: Decimal) -> SafetyStock:
    """Create or update the safety stock level of a variant at a location."""
    if level < 0:
        raise InvalidQuantity("safety stock must not be negative", field="value")
    ensure_stocked_variant(variant)
    safety, _ = SafetyStock.objects.update_or_create(
        variant=variant, location=location, defaults={"level": level}
    )
    touch(variant.pk, location.pk)
    return safety
