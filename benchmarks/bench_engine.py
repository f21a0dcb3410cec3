"""Time the planning engine on a seeded synthetic shop.

    python benchmarks/bench_engine.py              # 100k and 1M demand rows, then incremental
    python benchmarks/bench_engine.py --rows 50000 # one size only
    python benchmarks/bench_engine.py --incremental-only

Targets (slow 2-core machine): plan() of 100k rows <= 0.3 s, of 1M rows <= 3 s, and re-planning
the keys touched by one rank change in a shop of 10k open sales rows <= 50 ms. Only plan() is
timed; building the synthetic inputs is not.
"""

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from makeline.engine import (
    Demand,
    DemandKind,
    Key,
    Stock,
    Supply,
    SupplyKind,
    plan,
)

START = date(2026, 3, 1)
LOCATIONS = 3
QUANTITIES = [Decimal(q) for q in ("1", "2", "3", "4", "5", "8", "10", "12", "2.5", "0.75")]


@dataclass
class Shop:
    stock: list[Stock]
    supplies: list[Supply]
    demands: list[Demand]


@dataclass
class _Order:
    """One synthetic sales row, and the recipe rows of its MO (if it has one)."""

    rank: int
    rows: list[Demand]


def build_shop(sales_rows: int, seed: int = 7) -> tuple[Shop, list[_Order]]:
    """About 1 sales row in 4 demand rows: each sales row brings ~3 recipe rows (real when an
    MO exists, hypothetical otherwise). Ingredient variants are Zipf-skewed, like screws."""
    rnd = random.Random(seed)
    products = max(sales_rows // 20, 10)
    materials = max(sales_rows // 10, 20)
    ranks = list(range(1, sales_rows + 1))
    rnd.shuffle(ranks)  # one rank per order, like positions in the Sell screen list
    orders = [_order(rnd, i, ranks[i], products, materials) for i in range(sales_rows)]
    demands = [d for o in orders for d in o.rows]
    keys = sorted({(d.variant_id, d.location_id) for d in demands})
    stock = [Stock(v, loc, Decimal(rnd.randint(-2, 40))) for v, loc in keys if rnd.random() < 0.8]
    supplies = [_supply(rnd, f"PO-{i}", rnd.choice(keys)) for i in range(len(demands) // 5)]
    supplies += _pegged_supplies(rnd, demands)
    return Shop(stock, supplies, demands), orders


def _order(rnd: random.Random, i: int, rank: int, products: int, materials: int) -> _Order:
    location = rnd.randrange(LOCATIONS)
    mto = rnd.random() < 0.3
    product = rnd.randrange(products)
    rows = [
        Demand(
            f"SR-{i}",
            product,
            location,
            rnd.choice(QUANTITIES),
            rank,
            DemandKind.SALES_ROW,
            i,
            pegged=mto,
            pegged_supply_open=mto,
        )
    ]
    for j in range(rnd.randint(2, 4)):
        material = products + min(int(rnd.paretovariate(1.2)) - 1, materials - 1)
        if j:
            material = products + rnd.randrange(materials)
        rows.append(
            Demand(
                f"RR-{i}-{j}",
                material,
                location,
                rnd.choice(QUANTITIES),
                rank,
                DemandKind.RECIPE_ROW,
                i * 8 + j,
                hypothetical=not mto,
            )
        )
    return _Order(rank, rows)


def _supply(rnd: random.Random, supply_id: str, key: Key, pegged_to: str | None = None) -> Supply:
    kind = rnd.choice((SupplyKind.PURCHASE, SupplyKind.PRODUCTION))
    on = START + timedelta(days=rnd.randrange(-10, 90))
    return Supply(supply_id, key[0], key[1], rnd.choice(QUANTITIES), on, kind, pegged_to)


def _pegged_supplies(rnd: random.Random, demands: list[Demand]) -> list[Supply]:
    return [
        _supply(rnd, f"MO-{d.id}", (d.variant_id, d.location_id), pegged_to=d.id)
        for d in demands
        if d.pegged
    ]


def timings(run: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
        del result  # freeing the previous plan is not part of the next run
    return sorted(times)


def report(label: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    verdict = "ok" if median <= target else "SLOW"
    sys.stdout.write(
        f"{label:<46} median {median * 1000:8.1f} ms  p95 {p95 * 1000:8.1f} ms  "
        f"min {times[0] * 1000:8.1f} ms  target {target * 1000:5.0f} ms  {verdict}\n"
    )


def bench_full(demand_rows: int, repeat: int) -> None:
    shop, _ = build_shop(max(demand_rows // 4, 1))
    rows = len(shop.demands)
    target = 0.3 * rows / 100_000

    def run() -> object:
        return plan(shop.stock, shop.supplies, shop.demands, today=START)

    label = f"plan() {rows:,} demands, {len(shop.supplies):,} supplies"
    report(label, timings(run, repeat), target)


def bench_incremental(sales_rows: int, repeat: int) -> None:
    """Move one sales order to the top and re-plan only the keys its rows touch."""
    shop, orders = build_shop(sales_rows, seed=11)
    full = plan(shop.stock, shop.supplies, shop.demands, today=START)
    rnd = random.Random(3)
    picks = [rnd.choice(orders) for _ in range(repeat)]

    def one(order: _Order, only_touched_inputs: bool) -> Callable[[], object]:
        keys = {(d.variant_id, d.location_id) for d in order.rows}
        moved = {d.id: _with_rank(d, -1) for d in order.rows}
        demands = [moved.get(d.id, d) for d in shop.demands]
        stock, supplies = shop.stock, shop.supplies
        if only_touched_inputs:  # what the Django side fetches: only the touched keys' rows
            demands = [d for d in demands if (d.variant_id, d.location_id) in keys]
            stock = [s for s in stock if (s.variant_id, s.location_id) in keys]
            supplies = [s for s in supplies if (s.variant_id, s.location_id) in keys]
        return lambda: full.merged(plan(stock, supplies, demands, today=START, keys=keys))

    for only, label in ((False, "all inputs, filtered"), (True, "touched keys' inputs")):
        runs = [one(order, only) for order in picks]
        times = sorted(timings(run, 1)[0] for run in runs)
        report(f"re-plan one rank change ({label})", times, 0.05)
    sys.stdout.write(
        f"  shop: {len(shop.demands):,} demands ({sales_rows:,} open sales rows), "
        f"{len(shop.supplies):,} supplies, {len(full.keys):,} keys\n"
    )


def _with_rank(d: Demand, rank: int) -> Demand:
    return Demand(
        d.id,
        d.variant_id,
        d.location_id,
        d.quantity,
        rank,
        d.kind,
        d.sequence,
        d.pegged,
        d.pegged_supply_open,
        d.hypothetical,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, help="demand rows (default: 100k and 1M)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--incremental-only", action="store_true")
    args = parser.parse_args()
    if not args.incremental_only:
        for rows in [args.rows] if args.rows else [100_000, 1_000_000]:
            bench_full(rows, args.repeat if rows < 1_000_000 else max(3, args.repeat // 2))
    bench_incremental(10_000, max(args.repeat, 20))


if __name__ == "__main__":
    main()
