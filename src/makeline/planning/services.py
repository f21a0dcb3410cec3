"""Planning writes: replan some (variant, location) keys, or everything, and store the plan.

`replan_keys` runs inside the unit of work of every committing change (registered in
apps.py), on the keys the change touched plus the keys that depend on them through BOMs.
`replan_all` rebuilds the whole stored plan (`makeline replan`). Both give the same stored
rows for a key: the engine plans keys independently.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from makeline import engine
from makeline.engine import Key
from makeline.planning import rollups
from makeline.planning.models import AllocationPlan, DemandPlan, KeyPlan
from makeline.planning.snapshot import Snapshot, expand_keys, load_complete
from makeline.production.models import ManufacturingOrder


def replan_keys(keys: Iterable[Key]) -> None:
    """Replan the touched keys and whatever depends on them; store the results."""
    scope = expand_keys(keys)
    if scope:
        _replan(scope)


def replan_all() -> int:
    """Rebuild the whole stored plan; returns the number of planned demands."""
    return _replan(None)


@transaction.atomic
def _replan(scope: frozenset[Key] | None) -> int:
    snap = load_complete(scope)
    plan = engine.plan(
        snap.stock, snap.supplies, snap.demands, today=timezone.localdate(), keys=scope
    )
    old_orders, old_mos = _delete_stored(scope)
    new_orders, new_mos = _store(plan, snap)
    rollups.refresh_manufacturing_orders(old_mos | new_mos)
    linked = _orders_of_linked(old_mos | new_mos)
    rollups.refresh_sales_orders(old_orders | new_orders | linked)
    return len(plan)


def _stored_at(scope: frozenset[Key] | None) -> list[DemandPlan]:
    qs = DemandPlan.objects.all()
    if scope is not None:
        qs = qs.filter(variant_id__in={k[0] for k in scope}, location_id__in={k[1] for k in scope})
    return [
        d
        for d in qs.only(
            "pk", "variant_id", "location_id", "sales_order_id", "manufacturing_order_id"
        )
        if scope is None or (d.variant_id, d.location_id) in scope
    ]


def _delete_stored(scope: frozenset[Key] | None) -> tuple[set[int], set[int]]:
    old = _stored_at(scope)
    orders = {d.sales_order_id for d in old if d.sales_order_id}
    mos = {d.manufacturing_order_id for d in old if d.manufacturing_order_id}
    if scope is None:
        AllocationPlan.objects.all().delete()
        DemandPlan.objects.all().delete()
        KeyPlan.objects.all().delete()
    else:
        ids = [d.pk for d in old]
        for start in range(0, len(ids), 500):
            DemandPlan.objects.filter(pk__in=ids[start : start + 500]).delete()
        keyplans = KeyPlan.objects.filter(
            variant_id__in={k[0] for k in scope}, location_id__in={k[1] for k in scope}
        ).values_list("pk", "variant_id", "location_id")
        KeyPlan.objects.filter(pk__in=[pk for pk, v, loc in keyplans if (v, loc) in scope]).delete()
    return orders, mos


def _store(plan: engine.Plan, snap: Snapshot) -> tuple[set[int], set[int]]:
    demands, allocations, figures = [], [], []
    orders: set[int] = set()
    mos: set[int] = set()
    for key in plan.keys:
        for position, demand_id in enumerate(plan.service_order(key)):
            row = _demand_row(plan, snap, demand_id, position)
            demands.append(row)
            orders.update([row.sales_order_id] if row.sales_order_id else [])
            mos.update([row.manufacturing_order_id] if row.manufacturing_order_id else [])
            allocations += [
                AllocationPlan(
                    demand_id=demand_id,
                    variant_id=key[0],
                    location_id=key[1],
                    supply_id=a.supply_id or "",
                    quantity=a.quantity,
                    available_date=a.available_on,
                )
                for a in plan.allocations_for(demand_id)
            ]
        f = plan.figures(key)
        figures.append(
            KeyPlan(
                variant_id=key[0],
                location_id=key[1],
                in_stock=f.in_stock,
                committed=f.committed,
                expected=f.expected,
                free_stock=f.free_stock_after,
            )
        )
    DemandPlan.objects.bulk_create(demands, batch_size=2000)
    AllocationPlan.objects.bulk_create(allocations, batch_size=2000)
    KeyPlan.objects.bulk_create(figures, batch_size=2000)
    return orders, mos


def _demand_row(plan: engine.Plan, snap: Snapshot, demand_id: str, position: int) -> DemandPlan:
    demand = plan.demand(demand_id)
    coverage = plan.coverage(demand_id)
    order_id, row_id, mo_id, recipe_row_id = snap.origins[demand_id]
    return DemandPlan(
        demand_id=demand_id,
        kind=demand_id.split(":", 1)[0],
        variant_id=demand.variant_id,
        location_id=demand.location_id,
        sales_order_id=order_id,
        sales_order_row_id=row_id,
        manufacturing_order_id=mo_id,
        recipe_row_id=recipe_row_id,
        rank=demand.rank,
        position=position,
        quantity=demand.quantity,
        status=coverage.status,
        expected_date=coverage.expected_on,
        from_stock=coverage.from_stock,
        from_expected=coverage.from_expected,
        shortage=coverage.shortage,
        is_late=coverage.late,
    )


def _orders_of_linked(mo_ids: set[int]) -> set[int]:
    """Sales orders whose make-to-order MOs were replanned (their ingredient status follows)."""
    return set(
        ManufacturingOrder.objects.filter(pk__in=mo_ids, sales_order_row__isnull=False).values_list(
            "sales_order_row__sales_order_id", flat=True
        )
    )
