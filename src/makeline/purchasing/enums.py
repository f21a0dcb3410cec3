"""Purchase order statuses (Katana's wire values) and their transition table.

DRAFT counts for nothing in planning. NOT_RECEIVED rows are expected supply. The
received states follow from the rows' receipts; reverting goes back to NOT_RECEIVED.
"""

from typing import Final

from django.db import models

from makeline.common.transitions import TransitionTable


class PurchaseOrderStatus(models.TextChoices):
    DRAFT = "DRAFT", "Draft"
    NOT_RECEIVED = "NOT_RECEIVED", "Not received"
    PARTIALLY_RECEIVED = "PARTIALLY_RECEIVED", "Partially received"
    RECEIVED = "RECEIVED", "Received"


P = PurchaseOrderStatus
OPEN: Final = frozenset({P.NOT_RECEIVED, P.PARTIALLY_RECEIVED})
"""Orders whose unreceived rows are expected supply."""

TRANSITIONS: Final[TransitionTable[PurchaseOrderStatus]] = {
    P.DRAFT: frozenset({P.NOT_RECEIVED}),
    P.NOT_RECEIVED: frozenset({P.DRAFT, P.PARTIALLY_RECEIVED, P.RECEIVED}),
    P.PARTIALLY_RECEIVED: frozenset({P.RECEIVED, P.NOT_RECEIVED}),
    P.RECEIVED: frozenset({P.NOT_RECEIVED}),
}
