"""Run the generator's stages in dependency order, then plan once.

Everything is written in one transaction (a failed run leaves nothing behind) and with no
unit of work: bulk rows touch no planning keys, so instead of thousands of incremental
replans there is one `planning.services.replan_all()` at the end, which stores exactly
what the incremental replans would have stored.
"""

import functools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from makeline.catalog.contacts import ensure_default_location, ensure_shop
from makeline.catalog.models import Customer, Item, Supplier
from makeline.common.errors import Conflict
from makeline.generate import catalog, orders, purchases, stock
from makeline.generate.context import Context, next_tag
from makeline.generate.sizes import Size
from makeline.inventory.models import StockMove
from makeline.planning.services import replan_all
from makeline.production.models import ManufacturingOrder
from makeline.purchasing.models import PurchaseOrder
from makeline.sales.models import SalesOrder

type Progress = Callable[[str, int, int], None]
type Stage = Callable[[Context], None]

STAGES: list[tuple[str, Stage]] = [
    ("Suppliers and customers", catalog.partners),
    ("Items and variants", catalog.items),
    ("BOMs and routings", catalog.boms),
    ("Sales orders", orders.sales_orders),
    ("Manufacturing orders and recipes", orders.manufacturing_orders),
    ("Purchase orders", purchases.purchase_orders),
    ("Opening stock", stock.opening_stock),
    ("Stock ledger", stock.ledger),
]
PLAN_STAGE = "Planning (replan_all)"


@dataclass
class GenerateSummary:
    size: str
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # wall clock per stage, in order
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # this process's CPU time

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def _timed[R](summary: GenerateSummary, label: str, action: Callable[[], R]) -> R:
    """Run one stage; record wall and CPU time (CPU time shows a busy machine's share)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    summary.seconds[label] = time.perf_counter() - wall
    summary.cpu_seconds[label] = time.process_time() - cpu
    return result


def is_empty() -> bool:
    """True when the database holds no shop data yet (settings and users do not count)."""
    tables = (Item, Supplier, Customer, SalesOrder, PurchaseOrder, ManufacturingOrder, StockMove)
    return not any(model._default_manager.exists() for model in tables)


def generate(
    *, size: Size, seed: int = 1, force: bool = False, progress: Progress | None = None
) -> GenerateSummary:
    """Fill the database with a seeded synthetic shop of `size`; returns counts and timings.

    Refuses a database that holds shop data unless `force` (then the shop is added to it,
    with its own name prefix and the next free document numbers).
    """
    if not force and not is_empty():
        raise Conflict(
            "this database already holds shop data; generate into an empty one, "
            "or pass --force to add a generated shop to it",
            field="force",
        )
    summary = GenerateSummary(size=size.name, seed=seed)
    total = len(STAGES) + 1
    with transaction.atomic():
        ensure_shop()
        ctx = Context(
            size, random.Random(seed), timezone.now(), ensure_default_location(), next_tag()
        )
        for n, (label, stage) in enumerate(STAGES):
            if progress:
                progress(label, n, total)
            _timed(summary, label, functools.partial(stage, ctx))
        if progress:
            progress(PLAN_STAGE, total - 1, total)
        ctx.counts["planned demands"] = _timed(summary, PLAN_STAGE, replan_all)
    if progress:
        progress("Done", total, total)
    summary.counts = ctx.counts
    return summary
