"""The purchasing app's public writes, in one place for the other apps, views and the CLI.

The services live in `orders` (create, header and row edits, confirm / draft, delete) and
`receiving` (receive, revert, status PATCH); this module only re-exports them.
"""

from makeline.purchasing.orders import (
    PurchaseRowSpec,
    add_row,
    confirm,
    create_purchase_order,
    delete_order,
    delete_row,
    set_draft,
    update_order,
    update_row,
)
from makeline.purchasing.receiving import (
    Receipt,
    receive,
    receive_all,
    revert_to_not_received,
    set_status,
)

__all__ = [
    "PurchaseRowSpec",
    "Receipt",
    "add_row",
    "confirm",
    "create_purchase_order",
    "delete_order",
    "delete_row",
    "receive",
    "receive_all",
    "revert_to_not_received",
    "set_draft",
    "set_status",
    "update_order",
    "update_row",
]
