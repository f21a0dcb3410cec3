"""Planning writes: replan some (variant, location) keys, or everything, and store the plan.

`replan_keys` runs inside the unit of work of every committing change (registered in
apps.py), on the keys the change touched plus the keys that depend on them through BOMs.
`replan_all` rebuilds the whole stored plan (`makeline replan`). Both give the same stored
rows: the engine plans keys independently, and only rows that changed are rewritten.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from makeline import engine
from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Variant
from makeline.common import events, locking
from makeline.engine import Key
from makeline.inventory.selectors import safety_stock_by_key
from makeline.planning import rollups, store
from makeline.planning.models import DemandPlan, KeyPlan
from makeline.planning.snapshot import Snapshot, expand_keys, load_complete

DEMAND_COLUMNS = (
    "kind",
    "variant_id",
    "location_id",
    "sales_order_id",
    "sales_order_row_id",
    "manufacturing_order_id",
    "recipe_row_id",
    "rank",
    "quantity",
    "status",
    "expected_date",
    "from_stock",
    "from_expected",
    "shortage",
    "is_late",
)
ZERO = Decimal(0)
KEY_COLUMNS = ("variant_id", "location_id", "in_stock", "committed", "expected", "free_stock")


def replan_keys(keys: Iterable[Key]) -> None:
    """Replan the touched keys and whatever depends on them; store what changed."""
    touched = frozenset(keys)
    scope = expand_keys(touched)
    if scope:
        _replan(scope, touched)


def replan_all() -> int:
    """Rebuild the whole stored plan; returns the number of planned demands."""
    return _replan(None, None)


@transaction.atomic
def _replan(scope: frozenset[Key] | None, touched: frozenset[Key] | None) -> int:
    # One replan at a time writes the stored plan (last in the global lock order).
    locking.lock_plan()
    snap = load_complete(scope)
    plan = engine.plan(
        snap.stock, snap.supplies, snap.demands, today=timezone.localdate(), keys=scope
    )
    new = _demand_rows(plan, snap)
    old = _stored_demands(scope)
    changed = store.write_diff(DemandPlan, DEMAND_COLUMNS, new, old)
    _announce_in_stock(changed, new, old)
    _announce_out_of_stock(_write_keys(plan, scope))
    orders, mos = _orders_of(changed, new, old)
    rollups.refresh(sales_order_ids=orders, manufacturing_order_ids=mos, touched=touched)
    return len(plan)


def _demand_rows(plan: engine.Plan, snap: Snapshot) -> dict[str, store.Row]:
    q = store.quantity
    rows: dict[str, store.Row] = {}
    for key in plan.keys:
        for demand_id in plan.service_order(key):
            demand, cover = plan.demand(demand_id), plan.coverage(demand_id)
            order_id, row_id, mo_id, recipe_row_id = snap.origins[demand_id]
            rows[demand_id] = (
                demand_id.split(":", 1)[0],
                demand.variant_id,
                demand.location_id,
                order_id,
                row_id,
                mo_id,
                recipe_row_id,
                demand.rank,
                q(demand.quantity),
                str(cover.status),
                cover.expected_on,
                q(cover.from_stock),
                q(cover.from_expected),
                q(cover.shortage),
                cover.late,
            )
    return rows


def _stored_demands(scope: frozenset[Key] | None) -> dict[str, store.Row]:
    if scope is None:
        return store.stored(DemandPlan, DEMAND_COLUMNS)
    rows = store.stored(
        DemandPlan,
        DEMAND_COLUMNS,
        variant_id__in={k[0] for k in scope},
        location_id__in={k[1] for k in scope},
    )
    return {pk: row for pk, row in rows.items() if (row[1], row[2]) in scope}


def _write_keys(
    plan: engine.Plan, scope: frozenset[Key] | None
) -> dict[Key, tuple[store.Row | None, store.Row]]:
    """Rewrite the changed inventory figures; return {key: (old figures, new figures)}."""
    q = store.quantity
    new: dict[Key, store.Row] = {}
    for key in plan.keys:
        f = plan.figures(key)
        new[key] = (q(f.in_stock), q(f.committed), q(f.expected), q(f.free_stock_after))
    stored = KeyPlan.objects.all()
    if scope is not None:
        stored = stored.filter(
            variant_id__in={k[0] for k in scope}, location_id__in={k[1] for k in scope}
        )
    old: dict[Key, tuple[int, store.Row]] = {}
    for pk, variant, location, *figures in stored.values_list("pk", *KEY_COLUMNS):
        if scope is None or (variant, location) in scope:
            old[(variant, location)] = (pk, tuple(figures))
    store.delete(KeyPlan, [pk for key, (pk, row) in old.items() if new.get(key) != row])
    changed = {
        key: (old[key][1] if key in old else None, row)
        for key, row in new.items()
        if key not in old or old[key][1] != row
    }
    store.insert(
        KeyPlan, KEY_COLUMNS, [(*key, *row) for key, (_, row) in changed.items()], with_pk=False
    )
    return changed


def _announce_in_stock(
    changed: set[str], new: dict[str, store.Row], old: dict[str, store.Row]
) -> None:
    """`manufacturing_order_recipe_row.ingredients_in_stock` when a recipe row became IN_STOCK."""
    for demand_id in sorted(changed):
        row, before = new.get(demand_id), old.get(demand_id)
        if (
            row
            and row[0] == "mo"
            and row[9] == "IN_STOCK"
            and (before is None or before[9] != "IN_STOCK")
        ):
            events.emit(
                "manufacturing_order_recipe_row.ingredients_in_stock",
                object_id=row[6],
                status="IN_STOCK",
            )


def _announce_out_of_stock(changed: dict[Key, tuple[store.Row | None, store.Row]]) -> None:
    """`current_inventory.*_out_of_stock` when calculated stock falls to zero or below."""
    if not changed:
        return
    safety = safety_stock_by_key(changed.keys())
    kinds = dict(
        Variant.objects.filter(pk__in={k[0] for k in changed}).values_list("pk", "item__kind")
    )

    def calculated(key: Key, figures: store.Row) -> Decimal:
        in_stock, committed, expected, _ = figures
        return Decimal(in_stock - committed + expected - safety.get(key, ZERO))

    for key, (before, after) in sorted(changed.items()):
        if calculated(key, after) > 0 or (before is not None and calculated(key, before) <= 0):
            continue
        kind = "product" if kinds.get(key[0]) == ItemKind.PRODUCT else "material"
        if kinds.get(key[0]) in (ItemKind.PRODUCT, ItemKind.MATERIAL):
            events.emit(f"current_inventory.{kind}_out_of_stock", object_id=key[0])


def _orders_of(
    changed: set[str], new: dict[str, store.Row], old: dict[str, store.Row]
) -> tuple[set[int], set[int]]:
    """Sales orders and MOs with a demand row that appeared, vanished or changed."""
    orders: set[int] = set()
    mos: set[int] = set()
    for demand_id in changed:
        for row in (new.get(demand_id), old.get(demand_id)):
            if row is not None:
                if row[3]:
                    orders.add(row[3])
                if row[5]:
                    mos.add(row[5])
    return orders, mos
