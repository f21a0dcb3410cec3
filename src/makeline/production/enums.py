"""Manufacturing statuses (Katana's wire values) and their transition tables."""

from typing import Final

from django.db import models

from makeline.common.transitions import TransitionTable


class ManufacturingOrderStatus(models.TextChoices):
    NOT_STARTED = "NOT_STARTED", "Not started"
    BLOCKED = "BLOCKED", "Blocked"
    IN_PROGRESS = "IN_PROGRESS", "Work in progress"
    PARTIALLY_COMPLETED = "PARTIALLY_COMPLETED", "Partially completed"
    DONE = "DONE", "Done"


class OperationStatus(models.TextChoices):
    NOT_STARTED = "NOT_STARTED", "Not started"
    BLOCKED = "BLOCKED", "Blocked"
    IN_PROGRESS = "IN_PROGRESS", "Work in progress"
    PAUSED = "PAUSED", "Paused"
    COMPLETED = "COMPLETED", "Done"


M = ManufacturingOrderStatus
OPEN: Final = frozenset({M.NOT_STARTED, M.BLOCKED, M.IN_PROGRESS, M.PARTIALLY_COMPLETED})
"""Orders whose remaining ingredients are committed and remaining output is expected."""
STARTED: Final = frozenset({M.BLOCKED, M.IN_PROGRESS, M.PARTIALLY_COMPLETED, M.DONE})
"""Katana: a make-to-order MO in these states no longer follows its sales row's quantity."""

TRANSITIONS: Final[TransitionTable[ManufacturingOrderStatus]] = {
    M.NOT_STARTED: frozenset({M.BLOCKED, M.IN_PROGRESS, M.PARTIALLY_COMPLETED, M.DONE}),
    M.BLOCKED: frozenset({M.NOT_STARTED, M.IN_PROGRESS, M.PARTIALLY_COMPLETED, M.DONE}),
    M.IN_PROGRESS: frozenset({M.NOT_STARTED, M.BLOCKED, M.PARTIALLY_COMPLETED, M.DONE}),
    M.PARTIALLY_COMPLETED: frozenset({M.BLOCKED, M.IN_PROGRESS, M.DONE, M.NOT_STARTED}),
    M.DONE: frozenset({M.NOT_STARTED, M.IN_PROGRESS, M.BLOCKED}),
}

Op = OperationStatus
OPERATION_TRANSITIONS: Final[TransitionTable[OperationStatus]] = {
    Op.NOT_STARTED: frozenset({Op.IN_PROGRESS, Op.BLOCKED, Op.COMPLETED}),
    Op.IN_PROGRESS: frozenset({Op.PAUSED, Op.BLOCKED, Op.COMPLETED, Op.NOT_STARTED}),
    Op.PAUSED: frozenset({Op.IN_PROGRESS, Op.BLOCKED, Op.COMPLETED, Op.NOT_STARTED}),
    Op.BLOCKED: frozenset({Op.NOT_STARTED, Op.IN_PROGRESS, Op.COMPLETED}),
    Op.COMPLETED: frozenset({Op.IN_PROGRESS, Op.NOT_STARTED}),
}
