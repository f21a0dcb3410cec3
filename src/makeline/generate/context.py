"""What the generator's stages share: the seeded random source, the size, `now`, the
location, and the ids and facts each stage leaves for the next ones.

Also the bulk helpers every stage uses: reserving ranks in one counter bump, and the next
free document numbers of a prefix.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from makeline.catalog.models import Location
from makeline.common.models import Counter
from makeline.common.numbering import reserve_numbers
from makeline.common.ranking import RANK_STEP
from makeline.generate.sizes import Size
from makeline.sales.models import SalesOrderRow

BATCH = 2000
"""Rows per INSERT: well under SQLite's variable limit for our widest tables."""


@dataclass(slots=True)
class Product:
    """A producible variant, its BOM [(ingredient variant id, quantity per unit)] and its one
    routing step."""

    variant_id: int
    sales_price: Decimal | None = None
    bom: list[tuple[int, Decimal]] = field(default_factory=list)
    routing: tuple[int, Decimal, Decimal] | None = None  # resource, seconds/unit, cost/hour


@dataclass(frozen=True, slots=True)
class Receipt:
    """A received purchase order row, to book into the ledger (stock UoM, cost per unit)."""

    row_id: int
    order_id: int
    order_no: str
    variant_id: int
    quantity: Decimal
    unit_cost: Decimal
    received: datetime


@dataclass(slots=True)
class Context:
    size: Size
    rnd: random.Random
    now: datetime
    location: Location
    tag: str  # prefixes SKUs and names, so a forced second run never collides
    material_ids: list[int] = field(default_factory=list)
    supplier_of: dict[int, int] = field(default_factory=dict)  # material variant → supplier
    price_of: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)  # price, rate
    subassemblies: list[Product] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    supplier_ids: list[int] = field(default_factory=list)
    customer_ids: list[int] = field(default_factory=list)
    resource_ids: list[int] = field(default_factory=list)
    stock_mo_ranks: list[int] = field(default_factory=list)
    mto_rows: list[SalesOrderRow] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    opening: list[Any] = field(default_factory=list)  # stock.py's incoming moves
    counts: dict[str, int] = field(default_factory=dict)

    def days(self, low: int, high: int) -> datetime:
        return self.now + timedelta(days=self.rnd.randint(low, high))

    def quantity(self, low: int, high: int) -> Decimal:
        return Decimal(self.rnd.randint(low, high))


def reserve_ranks(n: int) -> list[int]:
    """`n` increasing ranks below every rank handed out so far, in one bump of the counter
    (what n calls of `common.ranking.next_rank()` would give, without n row locks)."""
    with transaction.atomic():
        counter, _ = Counter.objects.select_for_update().get_or_create(name="rank")
        first = counter.value + RANK_STEP
        counter.value += n * RANK_STEP
        counter.save(update_fields=["value"])
    return [first + i * RANK_STEP for i in range(n)]


def next_tag() -> str:
    """`G1`, `G2`, …: one per generator run in this database."""
    with transaction.atomic():
        counter, _ = Counter.objects.select_for_update().get_or_create(name="generate")
        counter.value += 1
        counter.save(update_fields=["value"])
        return f"G{counter.value}"


def numbers(model: type[models.Model], prefix: str, n: int) -> list[str]:
    """The next `n` free `PREFIX-k` order numbers of a document table, in sequence."""
    return numbers_of(model, "order_no", prefix, n)


def numbers_of(model: type[models.Model], field_name: str, prefix: str, n: int) -> list[str]:
    """The next `n` free `PREFIX-k` values of `field_name`, reserved in the number counter."""
    return reserve_numbers(model._default_manager.all(), field=field_name, prefix=prefix, count=n)
