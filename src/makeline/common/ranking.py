"""Ranks: the priority key shared by sales orders and manufacturing orders.

Lower ranks are served first. New orders go to the bottom: the "rank" counter hands out
increasing values RANK_STEP apart, so a drag-and-drop can place an order between two
neighbours by taking the midpoint, without renumbering anything. Only when a gap is used
up (RANK_STEP allows 20 halvings at one spot) does the caller renumber the queue.
"""

from django.db import transaction

from makeline.common.models import Counter

RANK_STEP = 1 << 20


def next_rank() -> int:
    """A rank below (served after) every rank handed out so far."""
    with transaction.atomic():
        counter, _ = Counter.objects.select_for_update().get_or_create(name="rank")
        counter.value += RANK_STEP
        counter.save(update_fields=["value"])
        return counter.value


def raise_floor(rank: int) -> None:
    """Make sure future `next_rank()` values stay below `rank` (after a renumbering)."""
    with transaction.atomic():
        counter, _ = Counter.objects.select_for_update().get_or_create(name="rank")
        if counter.value < rank:
            counter.value = rank
            counter.save(update_fields=["value"])


def between(above: int | None, below: int | None) -> int | None:
    """A rank strictly between two neighbours (None = no neighbour on that side).

    Returns None when there is no integer left between them: renumber, then try again.
    """
    if above is None and below is None:
        return 0
    if above is None:
        return below - RANK_STEP if below is not None else None
    if below is None:
        return above + RANK_STEP
    middle = (above + below) // 2
    return middle if above < middle < below else None
