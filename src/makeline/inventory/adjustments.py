"""Changing and deleting a booked stock adjustment (creating one: services.adjust_stock).

Its rows never change after creation (Katana: header-only PATCH). A new location or date
moves the booked stock: the rows' moves are reversed and booked again at the new location
and date, with the same quantities and costs. Deleting reverses the moves and removes the
adjustment; the ledger keeps the original moves and their reversals.
"""

from datetime import datetime
from typing import Any

from django.utils import timezone

from makeline.catalog.models import Location, Variant
from makeline.common import locking
from makeline.common.errors import DomainError
from makeline.common.unit_of_work import atomic_service
from makeline.inventory.enums import MoveSource
from makeline.inventory.models import StockAdjustment
from makeline.inventory.services import post_move, reverse_moves

_HEADER = frozenset(
    {"stock_adjustment_number", "stock_adjustment_date", "location", "reason", "additional_info"}
)


@atomic_service
def update_stock_adjustment(
    *, adjustment: StockAdjustment, changes: dict[str, Any]
) -> StockAdjustment:
    """Change the header: number, date, location, reason, additional info."""
    unknown = sorted(set(changes) - _HEADER)
    if unknown:
        raise DomainError(f"{unknown[0]} cannot be changed on a stock adjustment", field=unknown[0])
    _check_header(adjustment, changes)
    _lock(adjustment)
    moves_stock = changes.get("location", adjustment.location) != adjustment.location or (
        changes.get("stock_adjustment_date", adjustment.stock_adjustment_date)
        != adjustment.stock_adjustment_date
    )
    if moves_stock:
        _reverse(adjustment)
    for key, value in changes.items():
        setattr(adjustment, key, value)
    adjustment.save()
    if moves_stock:
        _rebook(adjustment)
    return adjustment


@atomic_service
def delete_stock_adjustment(*, adjustment: StockAdjustment) -> None:
    """Take the adjustment's stock back out (or in) and delete it with its rows."""
    _lock(adjustment)
    _reverse(adjustment)
    adjustment.delete()


def _check_header(adjustment: StockAdjustment, changes: dict[str, Any]) -> None:
    number = changes.get("stock_adjustment_number")
    if number is not None:
        number = changes["stock_adjustment_number"] = str(number).strip()
        if not number:
            raise DomainError("the number must not be empty", field="stock_adjustment_number")
        taken = StockAdjustment.objects.filter(stock_adjustment_number=number)
        if taken.exclude(pk=adjustment.pk).exists():
            raise DomainError(
                f"stock adjustment {number} exists already", field="stock_adjustment_number"
            )
    if "stock_adjustment_date" in changes and changes["stock_adjustment_date"] is None:
        raise DomainError("the date is required", field="stock_adjustment_date")
    location = changes.get("location")
    if isinstance(location, Location) and location.deleted_at is not None:
        raise DomainError(f"location {location.name} is deleted", field="location_id")


def _lock(adjustment: StockAdjustment) -> None:
    locking.lock(Variant, adjustment.rows.values_list("variant_id", flat=True))


def _reverse(adjustment: StockAdjustment) -> None:
    row_ids = list(adjustment.rows.values_list("pk", flat=True))
    reverse_moves(source=MoveSource.STOCK_ADJUSTMENT_ROW, source_ids=row_ids)


def _rebook(adjustment: StockAdjustment) -> None:
    moved_at: datetime = adjustment.stock_adjustment_date or timezone.now()
    for row in adjustment.rows.select_related("variant"):
        post_move(
            variant=row.variant,
            location=adjustment.location,
            quantity=row.quantity,
            unit_cost=row.cost_per_unit if row.quantity > 0 else None,
            source=MoveSource.STOCK_ADJUSTMENT_ROW,
            source_id=row.pk,
            order_no=adjustment.stock_adjustment_number,
            order_id=adjustment.pk,
            moved_at=moved_at,
            note=adjustment.reason,
        )
