"""Sales statuses (Katana's wire values) and the sales order transition table.

PENDING is a quote: it commits nothing. NOT_SHIPPED commits its rows. The packed and
delivered states are derived from fulfilments by the services, never set directly,
except that "pack all" / "deliver all" create the fulfilment that leads there.
"""

from typing import Final

from django.db import models

from makeline.common.transitions import TransitionTable


class SalesOrderStatus(models.TextChoices):
    PENDING = "PENDING", "Quote"
    NOT_SHIPPED = "NOT_SHIPPED", "Not shipped"
    PARTIALLY_PACKED = "PARTIALLY_PACKED", "Partially packed"
    PACKED = "PACKED", "Packed"
    PARTIALLY_DELIVERED = "PARTIALLY_DELIVERED", "Partially delivered"
    DELIVERED = "DELIVERED", "Delivered"


class FulfillmentStatus(models.TextChoices):
    PACKED = "PACKED", "Packed"
    DELIVERED = "DELIVERED", "Delivered"


S = SalesOrderStatus
OPEN: Final = frozenset({S.NOT_SHIPPED, S.PARTIALLY_PACKED, S.PACKED, S.PARTIALLY_DELIVERED})
"""Orders whose unfulfilled rows are demand (committed stock)."""
EDITABLE_HEADER: Final = frozenset({S.PENDING, S.NOT_SHIPPED})
"""Katana: customer, location, order number and dates change only before fulfilment."""
_FULFILMENT_STATES = frozenset(
    {S.NOT_SHIPPED, S.PARTIALLY_PACKED, S.PACKED, S.PARTIALLY_DELIVERED, S.DELIVERED}
)

TRANSITIONS: Final[TransitionTable[SalesOrderStatus]] = {
    S.PENDING: frozenset({S.NOT_SHIPPED}),
    S.NOT_SHIPPED: frozenset({S.PENDING} | (_FULFILMENT_STATES - {S.NOT_SHIPPED})),
    S.PARTIALLY_PACKED: _FULFILMENT_STATES - {S.PARTIALLY_PACKED},
    S.PACKED: _FULFILMENT_STATES - {S.PACKED},
    S.PARTIALLY_DELIVERED: _FULFILMENT_STATES - {S.PARTIALLY_DELIVERED},
    S.DELIVERED: _FULFILMENT_STATES - {S.DELIVERED},
}
