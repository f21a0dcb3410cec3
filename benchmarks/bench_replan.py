"""Time planning and order intake through the services on a generated shop.

    uv run python benchmarks/bench_replan.py                 # size M, SQLite file in a temp dir
    uv run python benchmarks/bench_replan.py --size L        # the 100k-order shop
    DATABASE_URL=postgres://…/empty_db uv run python benchmarks/bench_replan.py

Generates the shop with `makeline.generate` (SQLite in a temporary folder, or the EMPTY
PostgreSQL database DATABASE_URL names), then times, each figure as the median and p95 of
repeated runs next to its target (issue #7):

- a full `planning.services.replan_all()` (M < 2 s, L < 20 s);
- one rank change through `production.ranking.rerank_sales_order`, including the
  incremental replan and the commit (p95 < 100 ms);
- creating a sales order of 5 rows, then `make_to_order_all` on it (p95 < 150 ms);
- peak memory of the process (ru_maxrss).

The API and list-page figures belong to the API's benchmark (TODO rows); the selectors
under the Sell list are timed instead. `--json` prints the figures for the Makefile.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

FULL_TARGET = {"T": 2.0, "S": 2.0, "M": 2.0, "L": 20.0}


@dataclass
class Figure:
    name: str
    median: float | None
    p95: float | None
    unit: str
    target: str
    met: bool | None  # None: no target, or not measured

    def cells(self) -> list[str]:
        def show(v: float | None) -> str:
            return "—" if v is None else f"{v:,.3f}" if self.unit == "s" else f"{v:,.1f}"

        verdict = {True: "ok", False: "MISSED", None: ""}[self.met]
        return [self.name, show(self.median), show(self.p95), self.unit, self.target, verdict]


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def figure(name: str, samples: list[float], *, unit: str, limit: float | None, on: str) -> Figure:
    """`on` says which statistic the target applies to: "median" or "p95"."""
    mid, high = statistics.median(samples), p95(samples)
    if unit == "ms":
        mid, high = mid * 1000, high * 1000
    met = None if limit is None else (mid if on == "median" else high) < limit
    target = "—" if limit is None else f"{on} < {limit:g} {unit}"
    return Figure(name, mid, high, unit, target, met)


def setup_database(folder: Path) -> str:
    """Point Django at a SQLite file in `folder` unless DATABASE_URL names PostgreSQL."""
    os.environ["MAKELINE_DATA_DIR"] = str(folder)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "makeline.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, skip_checks=True)
    from makeline.cli.base import describe_database

    return describe_database()


def generate_shop(size: str, seed: int) -> tuple[float | None, dict[str, int]]:
    from makeline.generate import SIZES, generate

    started = time.perf_counter()
    summary = generate(size=SIZES[size], seed=seed)
    return time.perf_counter() - started, summary.counts


def bench_full(size: str, repeat: int) -> Figure:
    from makeline.planning.services import replan_all

    samples = timed(replan_all, repeat)
    return figure("full replan_all()", samples, unit="s", limit=FULL_TARGET[size], on="median")


def bench_rerank(repeat: int, seed: int) -> Figure:
    """Move a random open sales order above another one; the service commits and replans."""
    import random

    from makeline.production.ranking import open_sales_orders, rerank_sales_order

    rnd = random.Random(seed)
    orders = list(open_sales_orders().order_by("rank")[:5000])
    samples = []
    for _ in range(repeat):
        order, before = rnd.sample(orders, 2)
        started = time.perf_counter()
        rerank_sales_order(order=order, before=before)
        samples.append(time.perf_counter() - started)
    return figure(
        "rerank one sales order (incremental replan + commit)",
        samples,
        unit="ms",
        limit=100,
        on="p95",
    )


def bench_intake(repeat: int, seed: int) -> Figure:
    """A new sales order of 5 rows, then make to order: two service calls, two commits."""
    import random

    from makeline.catalog.contacts import ensure_default_location
    from makeline.catalog.models import Customer, Variant
    from makeline.production.make_to_order import make_to_order_all
    from makeline.sales.services import RowSpec, create_sales_order

    rnd = random.Random(seed)
    location = ensure_default_location()
    customers = list(Customer.objects.all()[:200])
    products = list(
        Variant.objects.filter(item__is_sellable=True, item__is_producible=True).select_related(
            "item"
        )[:500]
    )

    def one() -> None:
        rows = [
            RowSpec(variant=v, quantity=Decimal(rnd.randint(1, 5))) for v in rnd.sample(products, 5)
        ]
        order = create_sales_order(customer=rnd.choice(customers), location=location, rows=rows)
        make_to_order_all(order=order)

    samples = timed(one, repeat)
    return figure(
        "create sales order (5 rows) + make to order", samples, unit="ms", limit=150, on="p95"
    )


def bench_sell_list(repeat: int) -> Figure:
    """What the Sell list needs per page: 50 open orders and their availability statuses."""
    from makeline.planning.selectors import sales_order_statuses_many
    from makeline.sales.selectors import open_orders

    def page() -> None:
        sales_order_statuses_many(list(open_orders()[:50]))

    return figure(
        "Sell list data: 50 open orders + statuses (selectors)",
        timed(page, repeat),
        unit="ms",
        limit=None,
        on="p95",
    )


def peak_memory() -> Figure:
    megabytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    return Figure("peak memory of this process (maxrss)", megabytes, None, "MB", "—", None)


TODO_ROWS = [
    Figure("TODO API: GET /v1/sales_orders (limit 50)", None, None, "ms", "API bench", None),
    Figure("TODO web: Sell list page render", None, None, "ms", "API bench", None),
]


def print_table(title: str, figures: list[Figure]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in ("Figure", "Median", "p95", "Unit", "Target", ""):
        table.add_column(column, justify="left" if column in ("Figure", "Target") else "right")
    for f in figures:
        table.add_row(*f.cells())
    Console().print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="M", choices=["T", "S", "M", "L"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat-full", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=30, help="for the per-order figures")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument(
        "--reuse",
        type=Path,
        help="a SQLite file `makeline generate` filled already (copied, then measured)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="makeline-bench-") as folder:
        if args.reuse:
            shutil.copyfile(args.reuse, Path(folder) / "bench.sqlite3")
        database = setup_database(Path(folder))
        if args.reuse:
            seconds, counts = None, {"reused": 1}
        else:
            seconds, counts = generate_shop(args.size, args.seed)
        figures = [
            Figure(f"generate size {args.size}", seconds, None, "s", "M < 120 s", None),
            bench_full(args.size, args.repeat_full),
            bench_rerank(args.repeat, args.seed),
            bench_intake(args.repeat, args.seed),
            bench_sell_list(args.repeat),
            peak_memory(),
            *TODO_ROWS,
        ]
    if args.size == "M" and seconds is not None:
        figures[0].met = seconds < 120
    shop = ", ".join(f"{v:,} {k}" for k, v in counts.items())
    print_table(f"Makeline planning, size {args.size} on {database}\n{shop}", figures)
    if args.json:
        print("JSON " + json.dumps({"size": args.size, "figures": [asdict(f) for f in figures]}))


if __name__ == "__main__":
    main()
