"""Row locks for the services that move stock, change a status or a rank: ONE global order.

Two transactions that lock the same rows in different orders can deadlock; two that read a
row, decide, and write it back without a lock can lose an update. So every service that
moves stock, changes a status or a rank locks the rows it depends on, through `lock()`,
in this order (a later table is never locked before an earlier one in one transaction):

    1. common.Counter "rank"       the rank queue (`lock_rank_queue`): reranks, renumbering
                                   and handing out new ranks queue here first
    2. sales.SalesOrder            a sales order and everything under it
    3. production.ManufacturingOrder   (a make-to-order MO locks its sales order first)
    4. purchasing.PurchaseOrder    a purchase order and everything under it
    5. purchasing.PurchaseOrderRow
    6. catalog.Variant             stock: `post_move` locks the variant it moves (the running
                                   average cost)
    7. common.Counter "plan"       the stored plan (`lock_plan`): the replan that runs just
                                   before every commit rewrites the plan rows of the keys it
                                   touched, so replans of overlapping keys take turns

Within one table rows are locked in ascending primary key. The order follows how services
nest: a document service locks its document first (that is how it learns which rows and
variants it will touch), then every variant it will move, all at once and in id order, and
only then posts moves; `post_move`'s own lock then re-takes a row already held, which costs
nothing. Documents of different kinds are never locked from inside each other except the
make-to-order link, hence 2 before 3: a make-to-order MO belongs to its sales order, and
locking the MO always locks that sales order first. So whoever holds a sales order may
also lock its MTO MOs later on (a quantity edit following onto the MO, after the order's
variants): everyone else who wants those MOs is still queued on the sales order.

After locking, a service re-reads what it locked: a caller's copy may be stale and saving it
would undo a concurrent change. The locks hold until the outermost unit of work commits.

On SQLite `lock()` takes no lock: the IMMEDIATE transactions of settings.py already let only
one writer in at a time.
"""

from collections.abc import Iterable

from django.db import connection, models

from makeline.common.models import Counter

RANK_QUEUE = "rank"
"""The Counter row that hands out ranks, locked as the queue of every rank change."""
PLAN = "plan"
"""The Counter row that stands for the stored plan (planning's replan locks it last)."""


def row_locks() -> bool:
    """Whether the database takes row locks (PostgreSQL yes, SQLite no)."""
    return bool(connection.features.has_select_for_update)


def lock(model: type[models.Model], ids: Iterable[int | None]) -> list[int]:
    """Lock the rows of `model` with these primary keys, in ascending order; return the ids
    that exist (sorted). Call it inside a unit of work; `None` ids are skipped."""
    wanted = sorted({pk for pk in ids if pk is not None})
    if not wanted:
        return []
    rows = model._default_manager.filter(pk__in=wanted).order_by("pk")
    if row_locks():
        # ORDER BY below the lock: PostgreSQL locks the rows in the sorted order. NO KEY:
        # foreign-key checks (FOR KEY SHARE, run at COMMIT since Django's constraints are
        # deferred) of rows that other transactions insert pointing at ours must not queue
        # behind us, or a commit waits for a transaction that waits for it.
        rows = rows.select_for_update(no_key=True)
    return list(rows.values_list("pk", flat=True))


def lock_rank_queue() -> None:
    """Take the rank queue (first in the order): one rank change at a time sees the ranks."""
    Counter.objects.select_for_update().get_or_create(name=RANK_QUEUE)


def lock_plan() -> None:
    """Take the stored plan (last in the order): call it first thing in a replan.

    Two transactions that touched the same (variant, location) without sharing another lock
    (a rerank and a delivery of the same product, say) would otherwise both delete and
    rewrite that key's plan rows, and the second commit would fail on a duplicate key.
    """
    Counter.objects.select_for_update().get_or_create(name=PLAN)
