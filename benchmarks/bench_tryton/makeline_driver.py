"""Drive the same make-to-order chain as tryton_driver.py through Makeline's services.

    uv run python benchmarks/bench_tryton/makeline_driver.py --shape 50,100,300,200,3

One process, a fresh SQLite file in a temporary folder (migrations not counted, like
Tryton's module activation). Each stage runs in ONE unit of work, as each Tryton stage
runs in one transaction: the services nest, and the planner replans what the stage
touched once, when it commits. `--commit-each` commits every service call instead (one
incremental replan per call: what a shop clicking through the screens pays).

Stages, mirroring Tryton's: master data (items, BOMs), opening stock, sales orders, make
to order (one MO per row), supply (subassembly MOs for the subassemblies the planner shows
missing, then the materials it shows missing), one purchase order with those rows,
receive it, produce (subassemblies first), ship. Prints `RESULT {json}` last.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "src"))

import workload as wl  # noqa: E402  (after the sys.path lines)


class Bench:
    def __init__(self, work: wl.Workload, *, commit_each: bool) -> None:
        self.work = work
        self.commit_each = commit_each
        self.ids: dict[str, Any] = {}
        self.timings: dict[str, float] = {}
        self.notes: dict[str, str] = {}

    def stage_transaction(self) -> AbstractContextManager[None]:
        from makeline.common.unit_of_work import unit_of_work

        return nullcontext() if self.commit_each else unit_of_work()


@contextmanager
def stage(bench: Bench, name: str) -> Iterator[dict[str, str]]:
    note: dict[str, str] = {}
    started = time.perf_counter()
    with bench.stage_transaction():
        yield note
    bench.timings[name] = time.perf_counter() - started
    bench.notes[name] = note.get("note", "")
    print(f"{name:10s} {bench.timings[name]:8.2f} s  {bench.notes[name]}", flush=True)


def setup(folder: Path) -> None:
    os.environ["MAKELINE_DATA_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'side-by-side.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "makeline.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, skip_checks=True)


def master(bench: Bench) -> str:
    from makeline.catalog import contacts
    from makeline.catalog.enums import ItemKind
    from makeline.catalog.services import VariantSpec, add_bom_row, create_item

    work, shape = bench.work, bench.work.shape
    supplier = contacts.create_supplier(name="Supplier")
    customer = contacts.create_customer(name="Customer")
    for kind in ("billing", "shipping"):
        contacts.add_customer_address(customer=customer, entity_type=kind, fields={}, default=True)

    def items(prefix: str, n: int, kind: ItemKind, **kw: Any) -> list[Any]:
        specs: Callable[[int], VariantSpec] = kw.pop("spec", lambda i: VariantSpec())
        made = [
            create_item(kind=kind, name=f"{prefix}{i:05d}", variants=[specs(i)], **kw)
            for i in range(n)
        ]
        return [item.variants.get() for item in made]

    raws = items(
        "RAW",
        shape.materials,
        ItemKind.MATERIAL,
        default_supplier=supplier,
        spec=lambda i: VariantSpec(purchase_price=Decimal(1), lead_time=work.lead_days[i]),
    )
    subs = items("SUB", shape.subassemblies, ItemKind.PRODUCT, is_sellable=False)
    fins = items(
        "FIN",
        shape.finished,
        ItemKind.PRODUCT,
        spec=lambda i: VariantSpec(sales_price=Decimal(100)),
    )
    rows = 0
    for sub, lines in zip(subs, work.sub_boms, strict=True):
        for m, q in lines:
            add_bom_row(product_variant=sub, ingredient_variant=raws[m], quantity=Decimal(q))
            rows += 1
    for fin, sub_lines, raw_lines in zip(
        fins, work.finished_subs, work.finished_materials, strict=True
    ):
        for s, q in sub_lines:
            add_bom_row(product_variant=fin, ingredient_variant=subs[s], quantity=Decimal(q))
        for m, q in raw_lines:
            add_bom_row(product_variant=fin, ingredient_variant=raws[m], quantity=Decimal(q))
        rows += len(sub_lines) + len(raw_lines)
    bench.ids.update(
        supplier=supplier,
        customer=customer,
        raws=raws,
        subs=subs,
        fins=fins,
        location=contacts.ensure_default_location(),
    )
    return f"{len(raws) + len(subs) + len(fins)} items, {rows} BOM rows"


def stock(bench: Bench) -> str:
    from makeline.inventory.services import AdjustmentLine, adjust_stock

    raws = bench.ids["raws"]
    lines = [AdjustmentLine(raws[m], Decimal(q), Decimal(1)) for m, q in bench.work.opening]
    adjust_stock(location=bench.ids["location"], lines=lines, reason="Opening stock")
    return f"{len(lines)} opening-stock rows"


def sales(bench: Bench) -> str:
    from django.utils import timezone

    from makeline.sales.services import RowSpec, create_sales_order

    now, fins = timezone.now(), bench.ids["fins"]
    orders = [
        create_sales_order(
            customer=bench.ids["customer"],
            location=bench.ids["location"],
            delivery_date=now + timedelta(days=due),
            rows=[RowSpec(variant=fins[f], quantity=Decimal(q)) for f, q in lines],
        )
        for due, lines in bench.work.sales
    ]
    bench.ids["orders"] = orders
    return f"{len(orders)} sales orders, {sum(len(rows) for _, rows in bench.work.sales)} rows"


def confirm(bench: Bench) -> str:
    from makeline.production.make_to_order import make_to_order_all

    made = sum(len(make_to_order_all(order=o)) for o in bench.ids["orders"])
    return f"{made} make-to-order MOs"


def missing(variants: list[Any], location_id: int) -> list[tuple[Any, Decimal]]:
    """(variant, quantity) for every variant the planner shows short: calculated stock < 0."""
    from makeline.planning.selectors import inventory_figures

    short = []
    for variant in variants:
        figures = inventory_figures(variant_id=variant.pk, location_id=location_id)
        if figures.missing_or_excess < 0:
            short.append((variant, -figures.missing_or_excess))
    return short


def supply_subassemblies(bench: Bench) -> str:
    from makeline.production.orders import create_manufacturing_order

    location = bench.ids["location"]
    short = missing(bench.ids["subs"], location.pk)
    for variant, quantity in short:
        create_manufacturing_order(variant=variant, location=location, planned_quantity=quantity)
    return f"+{len(short)} subassembly MOs"


def purchase(bench: Bench) -> str:
    """One purchase order with a row per material the planner shows missing (as Tryton's
    wizard makes one per supplier); each row arrives after the material's lead time."""
    from django.utils import timezone

    from makeline.purchasing.services import PurchaseRowSpec, create_purchase_order

    location, now = bench.ids["location"], timezone.now()
    short = missing(bench.ids["raws"], location.pk)
    rows = [
        PurchaseRowSpec(variant=v, quantity=q, arrival_date=now + timedelta(days=v.lead_time or 7))
        for v, q in short
    ]
    bench.ids["po"] = create_purchase_order(
        supplier=bench.ids["supplier"], location=location, rows=rows
    )
    return f"1 purchase order, {len(rows)} rows (materials short after supply)"


def receive(bench: Bench) -> str:
    from makeline.purchasing.services import receive_all

    order = receive_all(order=bench.ids["po"])
    return f"{order.rows.count()} rows received"


def produce(bench: Bench) -> str:
    from makeline.production.completion import complete
    from makeline.production.enums import OPEN
    from makeline.production.models import ManufacturingOrder

    done = 0
    open_mos = ManufacturingOrder.objects.filter(status__in=OPEN).order_by("rank", "id")
    total = open_mos.count()
    for made_to_order in (False, True):  # subassemblies (make-to-stock) first
        for mo in open_mos.filter(sales_order_row__isnull=not made_to_order):
            complete(mo=mo)
            done += 1
    return f"{done}/{total} MOs done"


def ship(bench: Bench) -> str:
    from makeline.sales.enums import FulfillmentStatus
    from makeline.sales.fulfilment import fulfil

    for order in bench.ids["orders"]:
        fulfil(order=order, status=FulfillmentStatus.DELIVERED)
    return f"{len(bench.ids['orders'])} sales orders delivered"


def checks() -> dict[str, int]:
    """Sanity of the end state: no negative stock, a clean ledger."""
    from makeline.inventory.ledger import check_ledger, ledger_totals

    negative = sum(1 for q in ledger_totals().values() if q < 0)
    return {"negative_keys": negative, "ledger_problems": len(check_ledger())}


STAGES: list[tuple[str, Callable[[Bench], str]]] = [
    ("master", master),
    ("stock", stock),
    ("sales", sales),
    ("confirm", confirm),
    ("supply", supply_subassemblies),
    ("purchase", purchase),
    ("receive", receive),
    ("produce", produce),
    ("ship", ship),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", type=wl.Shape.parse, default=wl.Shape())
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--commit-each", action="store_true")
    args = parser.parse_args()
    bench = Bench(wl.build(args.shape, seed=args.seed), commit_each=args.commit_each)
    with tempfile.TemporaryDirectory(prefix="makeline-side-by-side-") as folder:
        started = time.perf_counter()
        setup(Path(folder))
        print(f"{'migrate':10s} {time.perf_counter() - started:8.2f} s  (not counted)", flush=True)
        for name, run in STAGES:
            with stage(bench, name) as note:
                note["note"] = run(bench)
        end_state = checks()
    print(f"end state: {end_state}")
    result = {"timings": bench.timings, "notes": bench.notes, "checks": end_state}
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
