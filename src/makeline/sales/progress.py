"""The delivery status of a sales order as a pure function of its rows' fulfilled quantities.

No database here: the rule is small, central and table-tested (tests/unit/sales).
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from makeline.sales.enums import SalesOrderStatus


class RowProgress(NamedTuple):
    """One row's ordered quantity and how much of it fulfilments packed and delivered."""

    row_id: int
    quantity: Decimal
    packed: Decimal
    delivered: Decimal

    @property
    def fulfilled(self) -> Decimal:
        return self.packed + self.delivered

    @property
    def open_quantity(self) -> Decimal:
        return max(Decimal(0), self.quantity - self.fulfilled)


def derive_status(rows: Iterable[RowProgress]) -> SalesOrderStatus:
    """Katana's delivery status of a (non-quote) order from its fulfilments.

    Nothing fulfilled → NOT_SHIPPED; every row fully delivered → DELIVERED; anything
    delivered → PARTIALLY_DELIVERED; every row fully packed or delivered → PACKED;
    otherwise PARTIALLY_PACKED.
    """
    rows = list(rows)
    if all(r.fulfilled <= 0 for r in rows):
        return SalesOrderStatus.NOT_SHIPPED
    if all(r.delivered >= r.quantity for r in rows):
        return SalesOrderStatus.DELIVERED
    if any(r.delivered > 0 for r in rows):
        return SalesOrderStatus.PARTIALLY_DELIVERED
    if all(r.fulfilled >= r.quantity for r in rows):
        return SalesOrderStatus.PACKED
    return SalesOrderStatus.PARTIALLY_PACKED
