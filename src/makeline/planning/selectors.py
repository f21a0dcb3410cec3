"""Planning reads: statuses, inventory figures, explanations and missing-materials lists.

Everything here reads the stored plan (or facts of the documents); nothing plans.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from makeline import engine
from makeline.catalog.models import BomRow, Variant
from makeline.inventory import selectors as inventory
from makeline.planning.models import (
    DemandPlan,
    KeyPlan,
    ManufacturingOrderPlan,
    SalesOrderPlan,
    SalesRowPlan,
)
from makeline.planning.snapshot import load_complete
from makeline.production import enums as production_enums
from makeline.production.models import ManufacturingOrder, RecipeRow
from makeline.purchasing.models import PurchaseOrderRow
from makeline.sales import enums as sales_enums
from makeline.sales.models import SalesOrder, SalesOrderRow

ZERO = Decimal(0)
M = production_enums.ManufacturingOrderStatus
_FULFILLED = frozenset(
    {sales_enums.SalesOrderStatus.PACKED, sales_enums.SalesOrderStatus.DELIVERED}
)


@dataclass(frozen=True, slots=True)
class Status:
    status: str | None
    expected_date: date | None = None


@dataclass(frozen=True, slots=True)
class SalesOrderStatuses:
    product: Status
    ingredients: Status
    production: str


def sales_order_statuses(order: SalesOrder) -> SalesOrderStatuses:
    """The Sell-screen statuses of one order (see `sales_order_statuses_many` for lists)."""
    return sales_order_statuses_many([order])[order.pk]


def sales_order_statuses_many(orders: Iterable[SalesOrder]) -> dict[int, SalesOrderStatuses]:
    """Statuses of many orders in three queries, whatever their number."""
    orders = list(orders)
    ids = [o.pk for o in orders]
    plans = {p.sales_order_id: p for p in SalesOrderPlan.objects.filter(sales_order_id__in=ids)}
    production = production_statuses(ids)
    result = {}
    for order in orders:
        plan = plans.get(order.pk)
        result[order.pk] = SalesOrderStatuses(
            product=_order_product(order, plan),
            ingredients=_order_ingredients(order, plan),
            production=production.get(order.pk, "NONE"),
        )
    return result


def _order_product(order: SalesOrder, plan: SalesOrderPlan | None) -> Status:
    if plan is not None:
        return Status(plan.product_availability, plan.product_expected_date)
    if order.status in (
        sales_enums.SalesOrderStatus.DELIVERED,
        sales_enums.SalesOrderStatus.PACKED,
    ):
        return Status("PICKED")
    return Status(None)  # a quote: it commits nothing, so it is not planned


def _order_ingredients(order: SalesOrder, plan: SalesOrderPlan | None) -> Status:
    if plan is not None:
        return Status(plan.ingredient_availability, plan.ingredient_expected_date)
    if order.status in _FULFILLED:
        return Status("NOT_APPLICABLE")
    return Status(None)


def production_statuses(order_ids: list[int]) -> dict[int, str]:
    """Katana's SO production status from its make-to-order MOs [Inf rule, docs/planning.md]:
    BLOCKED if any is blocked, else IN_PROGRESS if any started, else DONE if all are done,
    else NOT_STARTED; NONE without make-to-order MOs."""
    by_order: dict[int, list[str]] = defaultdict(list)
    for order_id, status in ManufacturingOrder.objects.filter(
        sales_order_row__sales_order_id__in=order_ids
    ).values_list("sales_order_row__sales_order_id", "status"):
        by_order[order_id].append(status)
    return {order_id: _production(statuses) for order_id, statuses in by_order.items()}


def _production(statuses: list[str]) -> str:
    if M.BLOCKED in statuses:
        return "BLOCKED"
    if all(s == M.DONE for s in statuses):
        return "DONE"
    if any(s in (M.IN_PROGRESS, M.PARTIALLY_COMPLETED, M.DONE) for s in statuses):
        return "IN_PROGRESS"
    return "NOT_STARTED"


@dataclass(frozen=True, slots=True)
class RowStatuses:
    product: Status
    ingredients: Status


def sales_row_statuses(rows: Iterable[SalesOrderRow]) -> dict[int, RowStatuses]:
    """Row statuses from the stored plan; rows of closed orders get their fixed statuses."""
    rows = list(rows)
    plans = {p.sales_order_row_id: p for p in SalesRowPlan.objects.filter(sales_order_row__in=rows)}
    closed = _closed_row_statuses([r for r in rows if r.pk not in plans])
    result = {}
    for row in rows:
        plan = plans.get(row.pk)
        result[row.pk] = (
            RowStatuses(
                Status(plan.product_availability, plan.product_expected_date),
                Status(plan.ingredient_availability, plan.ingredient_expected_date),
            )
            if plan
            else closed.get(row.pk, RowStatuses(Status(None), Status(None)))
        )
    return result


def _closed_row_statuses(rows: list[SalesOrderRow]) -> dict[int, RowStatuses]:
    """Fulfilled orders: the rows are PICKED, and what was made for them is PROCESSED."""
    if not rows:
        return {}
    fulfilled = set(
        SalesOrderRow.objects.filter(
            pk__in=[r.pk for r in rows], sales_order__status__in=_FULFILLED
        ).values_list("pk", flat=True)
    )
    made = set(
        ManufacturingOrder.objects.filter(sales_order_row__in=fulfilled).values_list(
            "sales_order_row_id", flat=True
        )
    )
    return {
        row_id: RowStatuses(
            Status("PICKED"), Status("PROCESSED" if row_id in made else "NOT_APPLICABLE")
        )
        for row_id in fulfilled
    }


def manufacturing_order_status(mo: ManufacturingOrder) -> Status:
    """Katana's MO ingredient availability; PROCESSED once done."""
    if mo.status == M.DONE:
        return Status("PROCESSED")
    plan = ManufacturingOrderPlan.objects.filter(manufacturing_order=mo).first()
    return (
        Status(plan.ingredient_availability, plan.ingredient_expected_date)
        if plan
        else Status(None)
    )


def manufacturing_order_statuses_many(mos: Iterable[ManufacturingOrder]) -> dict[int, Status]:
    """`manufacturing_order_status` of many MOs in one query (PROCESSED once done)."""
    mos = list(mos)
    open_ids = [mo.pk for mo in mos if mo.status != M.DONE]
    plans = {
        p.manufacturing_order_id: Status(p.ingredient_availability, p.ingredient_expected_date)
        for p in ManufacturingOrderPlan.objects.filter(manufacturing_order_id__in=open_ids)
    }
    return {
        mo.pk: Status("PROCESSED") if mo.status == M.DONE else plans.get(mo.pk, Status(None))
        for mo in mos
    }


def recipe_row_statuses(rows: Iterable[RecipeRow]) -> dict[int, Status]:
    rows = list(rows)
    plans = {p.recipe_row_id: p for p in DemandPlan.objects.filter(recipe_row__in=rows)}
    result = {}
    for row in rows:
        plan = plans.get(row.pk)
        result[row.pk] = Status(plan.status, plan.expected_date) if plan else Status("PROCESSED")
    return result


@dataclass(frozen=True, slots=True)
class InventoryFigures:
    """Katana §1.1: calculated stock = in stock − committed + expected − safety stock."""

    in_stock: Decimal
    committed: Decimal
    expected: Decimal
    safety_stock: Decimal

    @property
    def missing_or_excess(self) -> Decimal:
        return self.in_stock - self.committed + self.expected - self.safety_stock


def inventory_figures(*, variant_id: int, location_id: int) -> InventoryFigures:
    key = KeyPlan.objects.filter(variant_id=variant_id, location_id=location_id).first()
    safety = inventory.safety_stock(variant_id=variant_id, location_id=location_id)
    if key is None:
        in_stock = inventory.on_hand(variant_id=variant_id, location_id=location_id)
        return InventoryFigures(in_stock, ZERO, ZERO, safety)
    return InventoryFigures(key.in_stock, key.committed, key.expected, safety)


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a row has its status (the engine's explanation), with readable names for ids."""

    why: engine.Explanation
    labels: dict[str, str]

    def label(self, some_id: str | None) -> str:
        return "stock" if some_id is None else self.labels.get(some_id, some_id)

    def sentences(self) -> list[str]:
        """Plain English, one sentence per fact, naming orders by their numbers."""
        why, out = self.why, []
        for take in why.taken_before:
            source = "stock" if take.supply_id is None else self.label(take.supply_id)
            who = self.label(take.demand_id)
            out.append(f"{who} (served before) took {_qty(take.quantity)} from {source}")
        for piece in why.covered_by:
            when = f", expected {piece.available_on:%d %b}" if piece.available_on else ""
            out.append(
                f"This row gets {_qty(piece.quantity)} from {self.label(piece.supply_id)}{when}"
            )
        if why.missing:
            out.append(f"{_qty(why.missing)} is missing: nothing in stock or expected covers it")
        return out


def _qty(quantity: Decimal) -> str:
    return format(quantity.normalize(), "f")


def explanation(demand_id: str) -> Explanation | None:
    """Explain one planned row: who was served before it at its (variant, location) and took
    what it lacked, and what covers it. The key is re-planned from the documents for this
    (the plan of one key takes milliseconds), so the stored plan needs no explanation rows."""
    stored = DemandPlan.objects.filter(pk=demand_id).first()
    if stored is None:
        return None
    scope = frozenset({(stored.variant_id, stored.location_id)})
    snap = load_complete(scope)
    planned = engine.plan(
        snap.stock, snap.supplies, snap.demands, today=timezone.localdate(), keys=scope
    )
    if demand_id not in planned:
        return None
    why = engine.explain(planned, demand_id)
    ids = [t.demand_id for t in why.taken_before] + [demand_id]
    ids += [i for i in (t.supply_id for t in why.taken_before) if i]
    ids += [a.supply_id for a in why.covered_by if a.supply_id]
    return Explanation(why, labels(ids))


def labels(ids: Iterable[str]) -> dict[str, str]:
    """Readable names of demand and supply ids (SO-3, MO-2, PO-7), in a few queries."""
    by_kind: dict[str, set[int]] = defaultdict(set)
    for some_id in ids:
        kind, _, rest = some_id.partition(":")
        by_kind[kind].add(int(rest.split(":")[0]))
    names: dict[str, str] = {}
    for pk, no in SalesOrderRow.objects.filter(pk__in=by_kind["so"] | by_kind["hy"]).values_list(
        "pk", "sales_order__order_no"
    ):
        names[f"so:{pk}"] = no
        names[f"hy:{pk}"] = f"{no} (if made to order)"
    for pk, no in RecipeRow.objects.filter(pk__in=by_kind["mo"]).values_list(
        "pk", "manufacturing_order__order_no"
    ):
        names[f"mo:{pk}"] = no
    for pk, no in ManufacturingOrder.objects.filter(pk__in=by_kind["out"]).values_list(
        "pk", "order_no"
    ):
        names[f"out:{pk}"] = no
    for pk, no in PurchaseOrderRow.objects.filter(pk__in=by_kind["po"]).values_list(
        "pk", "purchase_order__order_no"
    ):
        names[f"po:{pk}"] = no
    result = {}
    for some_id in ids:
        kind, _, rest = some_id.partition(":")
        base = f"{kind}:{rest.split(':')[0]}"
        result[some_id] = names.get(base, some_id)
    return result


@dataclass(frozen=True, slots=True)
class MissingLine:
    variant: Variant
    required: Decimal
    in_stock: Decimal
    expected: Decimal
    missing: Decimal
    status: str
    expected_date: date | None
    default_supplier_id: int | None
    can_be_made: bool


def missing_materials_for_mo(mo: ManufacturingOrder) -> list[MissingLine]:
    rows = list(mo.recipe_rows.select_related("variant__item"))
    plans = {p.recipe_row_id: p for p in DemandPlan.objects.filter(recipe_row__in=rows)}
    return [_missing_line(row.variant, plans.get(row.pk)) for row in rows]


def missing_materials_for_row(row: SalesOrderRow) -> list[MissingLine]:
    """What making this row would need, per ingredient (its MTO MO's list when it has one)."""
    linked = ManufacturingOrder.objects.filter(sales_order_row=row).first()
    if linked is not None:
        return missing_materials_for_mo(linked)
    plans = {p.variant_id: p for p in DemandPlan.objects.filter(kind="hy", sales_order_row=row)}
    ingredients = BomRow.objects.filter(product_variant_id=row.variant_id).select_related(
        "ingredient_variant__item"
    )
    return [
        _missing_line(b.ingredient_variant, plans.get(b.ingredient_variant_id)) for b in ingredients
    ]


def _missing_line(variant: Variant, plan: DemandPlan | None) -> MissingLine:
    item = variant.item
    if plan is None:
        return MissingLine(
            variant,
            ZERO,
            ZERO,
            ZERO,
            ZERO,
            "PROCESSED",
            None,
            item.default_supplier_id,
            item.is_producible,
        )
    return MissingLine(
        variant,
        plan.quantity,
        plan.from_stock,
        plan.from_expected,
        plan.shortage,
        plan.status,
        plan.expected_date,
        item.default_supplier_id,
        item.is_producible,
    )
