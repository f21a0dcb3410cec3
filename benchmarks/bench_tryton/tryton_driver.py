"""Drive the make-to-order chain through Tryton 8.2, server side (runs in Tryton's venv).

    .bench/tryton-venv/bin/python benchmarks/bench_tryton/tryton_driver.py --shape 50,100,300,200,3

Adapted from the reference workload (shared/reference/tryton-bench/bench_server.py): direct
model calls through the Pool, one transaction per stage, retried with the table lock the
way Tryton's RPC dispatcher does on a TransactionError, and queued tasks run after commit
as the dispatcher does without a worker. That is Tryton at its fastest (no client round
trips), the fair side to compare with Makeline's services. The shop comes from
workload.py, so both drivers see identical data. Prints one line per stage and, last, a
`RESULT {json}` line that run.py reads.

Environment (set by run.py): TRYTOND_DATABASE_URI=sqlite://, DB_NAME, TRYTOND_DATABASE__PATH,
DB_CACHE (module activation is cached there after the first run, which takes ~85 s).
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import workload as wl

MODULES = ["sale_supply_production", "stock_supply_production", "purchase_request"]
SUPPLY_PERIOD = dt.timedelta(days=60)

type Pool = Any
type Stage = Callable[[Pool], str]


class Bench:
    """What the stages share: the workload, ids made by earlier stages, the timings."""

    def __init__(self, work: wl.Workload) -> None:
        self.work = work
        self.ids: dict[str, Any] = {}
        self.timings: dict[str, float] = {}
        self.notes: dict[str, str] = {}


def activate() -> tuple[Any, dict[str, Any], int]:
    """Create (or restore from DB_CACHE) the database with the modules, a company, a chart."""
    from proteus import Model
    from trytond.modules.account.tests.tools import create_chart, get_accounts
    from trytond.modules.company.tests.tools import create_company
    from trytond.tests.tools import activate_modules

    config = activate_modules(MODULES, create_company, create_chart)
    accounts = get_accounts()
    for name in ("purchase.configuration", "production.configuration"):
        singleton = Model.get(name)(1)
        singleton.supply_period = SUPPLY_PERIOD
        singleton.save()
    accounts_ids = {"revenue": accounts["revenue"].id, "expense": accounts["expense"].id}
    return config, accounts_ids, config.user


def run_stage(bench: Bench, name: str, stage: Stage, user: int, context: dict[str, Any]) -> None:
    """One transaction; on TransactionError retry with what it asks for (the table lock)."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction, TransactionError
    from trytond.worker import run_task

    extras: dict[str, Any] = {}
    database = os.environ["DB_NAME"]
    while True:
        with Transaction().start(database, user, context=context, **extras) as tx:
            try:
                started = time.perf_counter()
                note = stage(Pool())
                tx.commit()
                tasks = list(tx.tasks)
                tx.tasks.clear()
            except TransactionError as error:
                tx.rollback()
                tx.tasks.clear()
                error.fix(extras)
                continue
        while tasks:  # what the dispatcher does after commit when no worker runs
            run_task(database, tasks.pop())
        bench.timings[name] = time.perf_counter() - started
        bench.notes[name] = note
        print(f"{name:10s} {bench.timings[name]:8.2f} s  {note}", flush=True)
        return


def master(bench: Bench, pool: Pool, accounts: dict[str, int]) -> str:
    """Parties, products, supplier prices with lead times, BOMs."""
    work, shape = bench.work, bench.work.shape
    party = pool.get("party.party")
    customer, supplier = party.create(
        [
            {"name": "Customer", "addresses": [("create", [{}])]},
            {"name": "Supplier", "addresses": [("create", [{}])]},
        ]
    )
    (category,) = pool.get("product.category").create(
        [
            {
                "name": "Goods",
                "accounting": True,
                "account_revenue": accounts["revenue"],
                "account_expense": accounts["expense"],
            }
        ]
    )
    (unit,) = pool.get("product.uom").search([("name", "=", "Unit")])
    template = pool.get("product.template")

    def products(prefix: str, n: int, **flags: Any) -> list[Any]:
        templates = template.create(
            [
                dict(
                    name=f"{prefix}{i:05d}",
                    default_uom=unit.id,
                    sale_uom=unit.id,
                    purchase_uom=unit.id,
                    type="goods",
                    list_price=Decimal(10),
                    account_category=category.id,
                    products=[("create", [{"cost_price": Decimal(1)}])],
                    **flags,
                )
                for i in range(n)
            ]
        )
        return [t.products[0] for t in templates]

    fins = products("FIN", shape.finished, producible=True, salable=True, supply_on_sale="always")
    subs = products("SUB", shape.subassemblies, producible=True)
    raws = products("RAW", shape.materials, purchasable=True)
    pool.get("purchase.product_supplier").create(
        [
            {
                "template": raw.template.id,
                "product": raw.id,
                "party": supplier.id,
                "lead_time": dt.timedelta(days=days),
                "prices": [("create", [{"quantity": 0, "unit_price": Decimal(1)}])],
            }
            for raw, days in zip(raws, work.lead_days, strict=True)
        ]
    )

    def bom(product: Any, inputs: list[tuple[Any, int]]) -> dict[str, Any]:
        rows = [{"product": p.id, "quantity": q, "unit": unit.id} for p, q in inputs]
        output = [{"product": product.id, "quantity": 1, "unit": unit.id}]
        return {
            "name": product.template.name,
            "inputs": [("create", rows)],
            "outputs": [("create", output)],
        }

    owners = subs + fins
    values = [
        bom(s, [(raws[m], q) for m, q in lines])
        for s, lines in zip(subs, work.sub_boms, strict=True)
    ]
    for f, sub_lines, raw_lines in zip(
        fins, work.finished_subs, work.finished_materials, strict=True
    ):
        values.append(
            bom(f, [(subs[s], q) for s, q in sub_lines] + [(raws[m], q) for m, q in raw_lines])
        )
    boms = pool.get("production.bom").create(values)
    pool.get("product.product-production.bom").create(
        [{"product": p.id, "bom": b.id} for p, b in zip(owners, boms, strict=True)]
    )
    bench.ids.update(
        customer=customer.id,
        unit=unit.id,
        fins=[p.id for p in fins],
        raws=[p.id for p in raws],
    )
    return f"{len(fins) + len(subs) + len(raws)} products, {len(boms)} BOMs"


def stock(bench: Bench, pool: Pool) -> str:
    location, move = pool.get("stock.location"), pool.get("stock.move")
    today = pool.get("ir.date").today()
    (storage,) = location.search([("code", "=", "STO")])
    (lost,) = location.search([("type", "=", "lost_found")])
    (warehouse,) = location.search([("code", "=", "WH")])
    bench.ids.update(warehouse=warehouse.id, storage=storage.id)
    moves = move.create(
        [
            {
                "product": bench.ids["raws"][m],
                "unit": bench.ids["unit"],
                "quantity": quantity,
                "from_location": lost.id,
                "to_location": storage.id,
                "effective_date": today,
            }
            for m, quantity in bench.work.opening
        ]
    )
    move.do(moves)
    return f"{len(moves)} opening-stock moves"


def sales(bench: Bench, pool: Pool) -> str:
    today = pool.get("ir.date").today()
    address = pool.get("party.party")(bench.ids["customer"]).addresses[0].id
    fins = bench.ids["fins"]
    values = [
        {
            "party": bench.ids["customer"],
            "invoice_address": address,
            "shipment_address": address,
            "sale_date": today,
            "shipping_date": today + dt.timedelta(days=due),
            "warehouse": bench.ids["warehouse"],
            "lines": [
                (
                    "create",
                    [
                        {
                            "type": "line",
                            "product": fins[f],
                            "unit": bench.ids["unit"],
                            "quantity": q,
                            "unit_price": Decimal(100),
                        }
                        for f, q in lines
                    ],
                )
            ],
        }
        for due, lines in bench.work.sales
    ]
    records = pool.get("sale.sale").create(values)
    bench.ids["sales"] = [s.id for s in records]
    return f"{len(records)} sales orders, {sum(len(s.lines) for s in records)} rows"


def confirm(bench: Bench, pool: Pool) -> str:
    """Quote, confirm, process: one production request (Tryton's MTO MO) per sale line."""
    sale = pool.get("sale.sale")
    records = sale.browse(bench.ids["sales"])
    sale.quote(records)
    sale.confirm(records)
    sale.process(records)
    bench.ids["productions"] = pool.get("production").search_count([])
    return f"{bench.ids['productions']} production requests"


def supply(bench: Bench, pool: Pool) -> str:
    """The MRP run: purchase and production requests until no new production appears."""
    production, request = pool.get("production"), pool.get("purchase.request")
    warehouse = pool.get("stock.location")(bench.ids["warehouse"])
    first, created, passes = True, True, 0
    while created:
        passes += 1
        request.generate_requests(warehouses=[warehouse])
        created = bool(production.generate_requests(clean=first, warehouses=[warehouse]))
        first = False
    extra = production.search_count([]) - bench.ids["productions"]
    requests = request.search_count([("state", "=", "draft")])
    return f"{passes} passes, +{extra} subassembly productions, {requests} purchase requests"


def purchase(bench: Bench, pool: Pool) -> str:
    """The create-purchase wizard over every draft request (groups them by supplier)."""
    from trytond.transaction import Transaction

    requests = pool.get("purchase.request").search([("state", "=", "draft")])
    wizard = pool.get("purchase.request.create_purchase", type="wizard")
    session_id, _, _ = wizard.create()
    context = {
        "active_model": "purchase.request",
        "active_ids": [r.id for r in requests],
        "active_id": requests[0].id,
    }
    with Transaction().set_context(**context):
        wizard.execute(session_id, {}, "start")
    wizard.delete(session_id)
    orders = pool.get("purchase.purchase").search([])
    return f"{len(orders)} purchase orders, {sum(len(p.lines) for p in orders)} rows"


def receive(bench: Bench, pool: Pool) -> str:
    """Confirm the purchases and receive every incoming move straight into storage.

    Same stock effect as a supplier shipment plus put-away (the reference's workaround:
    adding moves to a supplier shipment server side fails the field's domain check).
    """
    purchase_model, move = pool.get("purchase.purchase"), pool.get("stock.move")
    today = pool.get("ir.date").today()
    orders = purchase_model.search([("state", "=", "draft")])
    purchase_model.quote(orders)
    purchase_model.confirm(orders)
    purchase_model.process(orders)
    incoming = move.search([("from_location.type", "=", "supplier"), ("state", "=", "draft")])
    move.write(incoming, {"to_location": bench.ids["storage"], "effective_date": today})
    move.do(incoming)
    return f"{len(incoming)} incoming moves received"


def produce(bench: Bench, pool: Pool) -> str:
    """Every production request: draft, wait, assign, run, done; subassemblies first."""
    production = pool.get("production")
    today = pool.get("ir.date").today()
    requests = production.search([("state", "=", "request")])
    production.draft(requests)
    production.wait(requests)
    production.write(requests, {"planned_date": today, "planned_start_date": today})
    done = 0
    for prefix in ("SUB", "FIN"):
        batch = [p for p in requests if p.product.template.name.startswith(prefix)]
        production.assign_try(batch)
        assigned = production.search(
            [("id", "in", [p.id for p in batch]), ("state", "=", "assigned")]
        )
        production.run(assigned)
        production.do(assigned)
        done += len(assigned)
    return f"{done}/{len(requests)} productions done"


def ship(bench: Bench, pool: Pool) -> str:
    shipment = pool.get("stock.shipment.out")
    today = pool.get("ir.date").today()
    open_shipments = shipment.search([("state", "in", ["draft", "waiting"])])
    shipment.write(open_shipments, {"planned_date": today})
    shipment.wait([s for s in open_shipments if s.state == "draft"])
    waiting = shipment.search([("state", "=", "waiting")])
    shipment.assign_try(waiting)
    assigned = shipment.search([("state", "=", "assigned")])
    shipment.pick(assigned)
    shipment.pack(assigned)
    shipment.do(assigned)
    return f"{len(assigned)}/{len(waiting)} customer shipments done"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", type=wl.Shape.parse, default=wl.Shape())
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    bench = Bench(wl.build(args.shape, seed=args.seed))
    started = time.perf_counter()
    config, accounts, user = activate()
    activation = time.perf_counter() - started
    print(f"{'activate':10s} {activation:8.2f} s  (not counted: one-off setup)", flush=True)
    context = dict(config.context)
    stages: list[tuple[str, Stage]] = [
        ("master", lambda pool: master(bench, pool, accounts)),
        ("stock", lambda pool: stock(bench, pool)),
        ("sales", lambda pool: sales(bench, pool)),
        ("confirm", lambda pool: confirm(bench, pool)),
        ("supply", lambda pool: supply(bench, pool)),
        ("purchase", lambda pool: purchase(bench, pool)),
        ("receive", lambda pool: receive(bench, pool)),
        ("produce", lambda pool: produce(bench, pool)),
        ("ship", lambda pool: ship(bench, pool)),
    ]
    for name, stage in stages:
        run_stage(bench, name, stage, user, context)
    result = {"activation": activation, "timings": bench.timings, "notes": bench.notes}
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
