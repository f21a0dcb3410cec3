"""Ledger invariants, checked by `makeline check-ledger` and by the tests after every step."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from makeline.inventory.models import StockMove


@dataclass(frozen=True, slots=True)
class LedgerProblem:
    move_id: int | None
    problem: str


def check_ledger() -> list[LedgerProblem]:
    """Return every broken invariant of the stock ledger (an empty list when it is sound).

    - a reversal has the opposite quantity of, and the same variant and location as, its move;
    - no move is reversed twice, and no reversal is itself reversed;
    - no move has a zero quantity or a negative cost.
    """
    problems: list[LedgerProblem] = []
    reversals = StockMove.objects.filter(reverses__isnull=False).select_related("reverses")
    for move in reversals.iterator():
        original = move.reverses
        assert original is not None
        if move.quantity != -original.quantity:
            problems.append(
                LedgerProblem(move.pk, f"reverses move {original.pk} with a different quantity")
            )
        if (move.variant_id, move.location_id) != (original.variant_id, original.location_id):
            problems.append(
                LedgerProblem(move.pk, f"reverses move {original.pk} at another variant/location")
            )
        if original.reverses_id is not None:
            problems.append(LedgerProblem(move.pk, "reverses a reversal"))
    for move in StockMove.objects.filter(
        Q(quantity=0) | Q(unit_cost__lt=0) | Q(average_cost_after__lt=0)
    ):
        problems.append(LedgerProblem(move.pk, "zero quantity or negative cost"))
    dupes = (
        StockMove.objects.filter(reverses__isnull=False)
        .values("reverses")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for row in dupes:
        problems.append(LedgerProblem(row["reverses"], "reversed more than once"))
    return problems


def ledger_totals() -> dict[tuple[int, int], Decimal]:
    """On-hand per (variant, location) straight from the moves, for cross-checks."""
    rows = StockMove.objects.values(v=F("variant_id"), loc=F("location_id")).annotate(
        q=Sum("quantity")
    )
    return {(r["v"], r["loc"]): r["q"] for r in rows}
