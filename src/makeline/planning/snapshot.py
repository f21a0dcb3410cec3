"""Turn the open documents into the engine's inputs, for some (variant, location) keys or all.

The apps' own selectors read their open documents (one query each, whatever the number of
documents); this module names them for the engine. Demand and supply ids say where they come
from: `so:<row>`, `mo:<recipe row>`, `hy:<sales row>:<ingredient variant>`, `po:<row>`,
`out:<mo>`.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from makeline import engine
from makeline.catalog.models import BomRow, Location
from makeline.engine import Demand, DemandKind, Key, Stock, Supply, SupplyKind
from makeline.inventory.selectors import on_hand_by_key
from makeline.planning.models import DemandPlan
from makeline.production import enums as production_enums
from makeline.production import selectors as production
from makeline.production.models import ManufacturingOrder
from makeline.purchasing import selectors as purchasing
from makeline.sales import selectors as sales

ZERO = Decimal(0)


@dataclass
class Snapshot:
    """The engine inputs of some keys, plus what the planner needs to store the results."""

    stock: list[Stock] = field(default_factory=list)
    supplies: list[Supply] = field(default_factory=list)
    demands: list[Demand] = field(default_factory=list)
    # demand id -> (sales order id, sales row id, MO id, recipe row id)
    origins: dict[str, tuple[int | None, int | None, int | None, int | None]] = field(
        default_factory=dict
    )


def _day(value: datetime | None) -> date:
    return timezone.localdate(value) if value else timezone.localdate()


def expand_keys(keys: Iterable[Key]) -> frozenset[Key]:
    """Add the keys that depend on `keys` through BOMs: a product's sales rows at a location
    ask, per ingredient, what a make-to-order would need of it there (hypothetical demand)."""
    keys = frozenset(keys)
    if not keys:
        return keys
    edges = BomRow.objects.filter(product_variant_id__in={k[0] for k in keys}).values_list(
        "product_variant_id", "ingredient_variant_id"
    )
    ingredients: dict[int, set[int]] = defaultdict(set)
    for product, ingredient in edges:
        ingredients[product].add(ingredient)
    extra = {(ing, loc) for (v, loc) in keys for ing in ingredients.get(v, ())}
    return keys | extra


def load(keys: frozenset[Key] | None) -> Snapshot:
    """Everything the engine needs to plan `keys` (every key when None), hypothetical
    demands aside (see `load_complete`)."""
    snap = Snapshot()
    snap.stock = [Stock(v, loc, q) for (v, loc), q in on_hand_by_key(keys).items()]
    snap.supplies = [
        Supply(
            f"po:{r.row_id}",
            r.variant_id,
            r.location_id,
            r.quantity,
            _day(r.arrival_date),
            SupplyKind.PURCHASE,
        )
        for r in purchasing.open_supply_rows(keys)
    ]
    _load_production(snap, keys)
    _load_sales(snap, keys)
    return snap


def _load_production(snap: Snapshot, keys: frozenset[Key] | None) -> None:
    for out in production.open_output_supply(keys):
        if out.remaining_quantity > 0:
            row = out.sales_order_row_id
            snap.supplies.append(
                Supply(
                    f"out:{out.manufacturing_order_id}",
                    out.variant_id,
                    out.location_id,
                    out.remaining_quantity,
                    _day(out.production_deadline_date),
                    SupplyKind.PRODUCTION,
                    pegged_to=f"so:{row}" if row else None,
                )
            )
    for need in production.open_recipe_demand(keys):
        if need.remaining_quantity > 0:
            demand_id = f"mo:{need.recipe_row_id}"
            snap.demands.append(
                Demand(
                    demand_id,
                    need.variant_id,
                    need.location_id,
                    need.remaining_quantity,
                    need.rank,
                    DemandKind.RECIPE_ROW,
                    need.recipe_row_id,
                )
            )
            snap.origins[demand_id] = (None, None, need.manufacturing_order_id, need.recipe_row_id)


def _load_sales(snap: Snapshot, keys: frozenset[Key] | None) -> None:
    rows = [r for r in sales.open_demand_rows(keys) if r.open_quantity > 0]
    linked = dict(
        ManufacturingOrder.objects.filter(
            sales_order_row_id__in=[r.row_id for r in rows]
        ).values_list("sales_order_row_id", "status")
    )
    for r in rows:
        demand_id = f"so:{r.row_id}"
        status = linked.get(r.row_id)
        snap.demands.append(
            Demand(
                demand_id,
                r.variant_id,
                r.location_id,
                r.open_quantity,
                r.rank,
                DemandKind.SALES_ROW,
                r.row_id,
                pegged=status is not None,
                pegged_supply_open=status in production_enums.OPEN,
            )
        )
        snap.origins[demand_id] = (r.order_id, r.row_id, None, None)


type Candidate = tuple[int, int, int]  # (sales row id, product variant id, location id)


def hypothetical_demand(
    keys: frozenset[Key] | None, short_rows: Callable[[list[Candidate]], set[int]]
) -> Snapshot:
    """What "make to order" would need, per BOM ingredient, for every open sales row of a
    producible product that has no make-to-order MO, at a location where making is allowed,
    and that stock and expected supply cannot cover (`short_rows` picks those among the
    candidates): a row that is in stock or expected needs nothing made, so it asks nothing."""
    snap = Snapshot()
    needs = _ingredient_needs(keys)
    if not needs:
        return snap
    candidates = _candidate_rows(needs, keys)
    short = short_rows([(r.row_id, r.variant_id, r.location_id) for r in candidates])
    for r in candidates:
        if r.row_id not in short:
            continue
        for ingredient, per_unit in needs[r.variant_id]:
            if keys is not None and (ingredient, r.location_id) not in keys:
                continue
            demand_id = f"hy:{r.row_id}:{ingredient}"
            snap.demands.append(
                Demand(
                    demand_id,
                    ingredient,
                    r.location_id,
                    r.open_quantity * per_unit,
                    r.rank,
                    DemandKind.SALES_ROW,
                    r.row_id,
                    hypothetical=True,
                )
            )
            snap.origins[demand_id] = (r.order_id, r.row_id, None, None)
    return snap


def _candidate_rows(
    needs: dict[int, list[tuple[int, Decimal]]], keys: frozenset[Key] | None
) -> list[sales.DemandRow]:
    """Open rows of the products in `needs`, at making locations, without an MTO MO."""
    making = Location.objects.filter(manufacturing_allowed=True)
    if keys is not None:
        making = making.filter(pk__in={k[1] for k in keys})
    locations = set(making.values_list("pk", flat=True))
    product_keys = None if keys is None else [(p, loc) for p in needs for loc in locations]
    rows = [
        r
        for r in sales.open_demand_rows(product_keys)
        if r.open_quantity > 0 and r.variant_id in needs and r.location_id in locations
    ]
    made = set(
        ManufacturingOrder.objects.filter(
            sales_order_row_id__in=[r.row_id for r in rows]
        ).values_list("sales_order_row_id", flat=True)
    )
    return [r for r in rows if r.row_id not in made]


def _ingredient_needs(keys: frozenset[Key] | None) -> dict[int, list[tuple[int, Decimal]]]:
    """Product variant → [(ingredient variant, quantity per unit)] for BOMs touching `keys`."""
    boms = BomRow.objects.filter(product_variant__item__is_producible=True)
    if keys is not None:
        boms = boms.filter(ingredient_variant_id__in={k[0] for k in keys})
    needs: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for product, ingredient, per_unit in boms.values_list(
        "product_variant_id", "ingredient_variant_id", "quantity"
    ):
        needs[product].append((ingredient, per_unit))
    return needs


def load_complete(scope: frozenset[Key] | None) -> Snapshot:
    """All inputs of `scope`: the real demands and supplies, plus the hypothetical demands
    of the sales rows that are short of their product.

    Whether a row is short is known only after its own key is planned, so plan the real
    demands first: rows at keys in scope use that plan, rows elsewhere the stored one.
    """
    snap = load(scope)
    real = engine.plan(
        snap.stock, snap.supplies, snap.demands, today=timezone.localdate(), keys=scope
    )

    def short_rows(candidates: list[Candidate]) -> set[int]:
        short, elsewhere = set(), []
        for row_id, variant_id, location_id in candidates:
            demand_id = f"so:{row_id}"
            if scope is None or (variant_id, location_id) in scope:
                if demand_id in real and real.coverage(demand_id).status == "NOT_AVAILABLE":
                    short.add(row_id)
            else:
                elsewhere.append(demand_id)
        stored = DemandPlan.objects.filter(pk__in=elsewhere, status="NOT_AVAILABLE")
        return short | {int(pk.split(":")[1]) for pk in stored.values_list("pk", flat=True)}

    extra = hypothetical_demand(scope, short_rows)
    snap.demands += extra.demands
    snap.origins.update(extra.origins)
    return snap
