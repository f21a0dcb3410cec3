"""Turn the open documents into the engine's inputs, for some (variant, location) keys or all.

One query per source, whatever the number of documents: stock from the ledger, open sales
rows, open recipe rows, hypothetical "make to order" needs, open MO output and open PO rows.
Demand and supply ids say where they come from: `so:<row>`, `mo:<recipe row>`,
`hy:<sales row>:<ingredient variant>`, `po:<row>`, `out:<mo>`.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from makeline import engine
from makeline.catalog.enums import ItemKind
from makeline.catalog.models import BomRow
from makeline.engine import Demand, DemandKind, Key, Stock, Supply, SupplyKind
from makeline.inventory.selectors import on_hand_by_key
from makeline.planning.models import DemandPlan
from makeline.production import enums as production_enums
from makeline.production.models import (
    ManufacturingOrder,
    Production,
    ProductionIngredient,
    RecipeRow,
)
from makeline.purchasing import enums as purchasing_enums
from makeline.purchasing.models import PurchaseOrderRow
from makeline.sales import enums as sales_enums
from makeline.sales.models import FulfillmentRow, SalesOrderRow

ZERO = Decimal(0)
_DEC = DecimalField(max_digits=24, decimal_places=6)


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


def _in_scope(variant_id: int, location_id: int, keys: frozenset[Key] | None) -> bool:
    return keys is None or (variant_id, location_id) in keys


def _narrow[M: QuerySet](qs: M, keys: frozenset[Key] | None, prefix: str = "") -> M:  # type: ignore[type-arg]
    """Cut a queryset down to the variants and locations of `keys` (exact pairs filtered later)."""
    if keys is None:
        return qs
    return qs.filter(
        **{
            f"{prefix}variant_id__in": {k[0] for k in keys},
            f"{prefix}location_id__in": {k[1] for k in keys},
        }
    )


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
    """Everything the engine needs to plan `keys` (every key when None)."""
    snap = Snapshot()
    snap.stock = [Stock(v, loc, q) for (v, loc), q in on_hand_by_key(keys).items()]
    _load_purchase_supply(snap, keys)
    _load_production_supply(snap, keys)
    _load_sales_demand(snap, keys)
    _load_recipe_demand(snap, keys)
    return snap


def _fulfilled() -> Subquery:
    return Subquery(
        FulfillmentRow.objects.filter(sales_order_row=OuterRef("pk"))
        .values("sales_order_row")
        .annotate(q=Sum("quantity"))
        .values("q"),
        output_field=_DEC,
    )


def open_sales_rows(keys: frozenset[Key] | None) -> Any:
    """Open rows of open sales orders with stocked variants, annotated with `open_quantity`."""
    qs = SalesOrderRow.objects.filter(sales_order__status__in=sales_enums.OPEN).exclude(
        variant__item__kind=ItemKind.SERVICE
    )
    if keys is not None:
        qs = qs.filter(
            variant_id__in={k[0] for k in keys},
            sales_order__location_id__in={k[1] for k in keys},
        )
    return qs.annotate(
        open_quantity=F("quantity") - Coalesce(_fulfilled(), Value(ZERO), output_field=_DEC)
    )


def _load_sales_demand(snap: Snapshot, keys: frozenset[Key] | None) -> None:
    rows = open_sales_rows(keys).values_list(
        "pk",
        "variant_id",
        "sales_order__location_id",
        "open_quantity",
        "sales_order__rank",
        "sales_order_id",
        "linked_manufacturing_order__id",
        "linked_manufacturing_order__status",
    )
    for pk, variant_id, location_id, open_qty, rank, order_id, mo_id, mo_status in rows:
        if open_qty <= 0 or not _in_scope(variant_id, location_id, keys):
            continue
        demand_id = f"so:{pk}"
        snap.demands.append(
            Demand(
                demand_id,
                variant_id,
                location_id,
                open_qty,
                rank,
                DemandKind.SALES_ROW,
                pk,
                pegged=mo_id is not None,
                pegged_supply_open=mo_status in production_enums.OPEN,
            )
        )
        snap.origins[demand_id] = (order_id, pk, None, None)


def _consumed() -> Subquery:
    return Subquery(
        ProductionIngredient.objects.filter(
            recipe_row=OuterRef("pk"), production__reverted_at__isnull=True
        )
        .values("recipe_row")
        .annotate(q=Sum("quantity"))
        .values("q"),
        output_field=_DEC,
    )


def _load_recipe_demand(snap: Snapshot, keys: frozenset[Key] | None) -> None:
    qs = RecipeRow.objects.filter(manufacturing_order__status__in=production_enums.OPEN).exclude(
        variant__item__kind=ItemKind.SERVICE
    )
    if keys is not None:
        qs = qs.filter(
            variant_id__in={k[0] for k in keys},
            manufacturing_order__location_id__in={k[1] for k in keys},
        )
    rows = qs.annotate(
        remaining=F("planned_quantity_per_unit") * F("manufacturing_order__planned_quantity")
        - Coalesce(_consumed(), Value(ZERO), output_field=_DEC)
    ).values_list(
        "pk",
        "variant_id",
        "manufacturing_order__location_id",
        "remaining",
        "manufacturing_order__rank",
        "manufacturing_order_id",
    )
    for pk, variant_id, location_id, remaining, rank, mo_id in rows:
        if remaining <= 0 or not _in_scope(variant_id, location_id, keys):
            continue
        demand_id = f"mo:{pk}"
        snap.demands.append(
            Demand(demand_id, variant_id, location_id, remaining, rank, DemandKind.RECIPE_ROW, pk)
        )
        snap.origins[demand_id] = (None, None, mo_id, pk)


type Candidate = tuple[int, int, int]  # (sales row id, product variant id, location id)


def hypothetical_demand(
    keys: frozenset[Key] | None, short_rows: Callable[[list[Candidate]], set[int]]
) -> Snapshot:
    """What "make to order" would need, per BOM ingredient, for every open sales row of a
    producible product that has no make-to-order MO and that stock and expected supply
    cannot cover (`short_rows` picks those among the candidates): a row that is in stock or
    expected needs nothing made, so it asks for nothing."""
    snap = Snapshot()
    needs = _ingredient_needs(keys)
    if not needs:
        return snap
    rows = open_sales_rows(None).filter(
        variant_id__in=needs.keys(),
        linked_manufacturing_order__isnull=True,
        sales_order__location__manufacturing_allowed=True,
    )
    if keys is not None:
        rows = rows.filter(sales_order__location_id__in={k[1] for k in keys})
    found = [
        r
        for r in rows.values_list(
            "pk",
            "variant_id",
            "sales_order__location_id",
            "open_quantity",
            "sales_order__rank",
            "sales_order_id",
        )
        if r[3] > 0
    ]
    short = short_rows([(pk, v, loc) for pk, v, loc, *_ in found])
    for pk, variant_id, location_id, open_qty, rank, order_id in found:
        if pk not in short:
            continue
        for ingredient, per_unit in needs[variant_id]:
            if not _in_scope(ingredient, location_id, keys):
                continue
            demand_id = f"hy:{pk}:{ingredient}"
            snap.demands.append(
                Demand(
                    demand_id,
                    ingredient,
                    location_id,
                    open_qty * per_unit,
                    rank,
                    DemandKind.SALES_ROW,
                    pk,
                    hypothetical=True,
                )
            )
            snap.origins[demand_id] = (order_id, pk, None, None)
    return snap


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


def _completed() -> Subquery:
    return Subquery(
        Production.objects.filter(manufacturing_order=OuterRef("pk"), reverted_at__isnull=True)
        .values("manufacturing_order")
        .annotate(q=Sum("quantity"))
        .values("q"),
        output_field=_DEC,
    )


def _load_production_supply(snap: Snapshot, keys: frozenset[Key] | None) -> None:
    qs = _narrow(ManufacturingOrder.objects.filter(status__in=production_enums.OPEN), keys)
    rows = qs.annotate(
        remaining=F("planned_quantity") - Coalesce(_completed(), Value(ZERO), output_field=_DEC)
    ).values_list(
        "pk",
        "variant_id",
        "location_id",
        "remaining",
        "production_deadline_date",
        "sales_order_row_id",
    )
    for pk, variant_id, location_id, remaining, deadline, row_id in rows:
        if remaining <= 0 or not _in_scope(variant_id, location_id, keys):
            continue
        snap.supplies.append(
            Supply(
                f"out:{pk}",
                variant_id,
                location_id,
                remaining,
                _day(deadline),
                SupplyKind.PRODUCTION,
                pegged_to=f"so:{row_id}" if row_id else None,
            )
        )


def _load_purchase_supply(snap: Snapshot, keys: frozenset[Key] | None) -> None:
    qs = PurchaseOrderRow.objects.filter(
        purchase_order__status__in=purchasing_enums.OPEN, received_date__isnull=True
    )
    if keys is not None:
        qs = qs.filter(
            variant_id__in={k[0] for k in keys},
            purchase_order__location_id__in={k[1] for k in keys},
        )
    rows = qs.values_list(
        "pk",
        "variant_id",
        "purchase_order__location_id",
        "quantity",
        "purchase_uom_conversion_rate",
        "arrival_date",
        "purchase_order__expected_arrival_date",
        "purchase_order__order_created_date",
    )
    for pk, variant_id, location_id, qty, rate, arrival, expected, created in rows:
        if not _in_scope(variant_id, location_id, keys):
            continue
        snap.supplies.append(
            Supply(
                f"po:{pk}",
                variant_id,
                location_id,
                qty * rate,
                _day(arrival or expected or created),
                SupplyKind.PURCHASE,
            )
        )


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
