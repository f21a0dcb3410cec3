"""Order-level statuses, rolled up from the stored demand plans (never from a new plan).

After a replan, the orders whose rows were replanned get their roll-ups rewritten here:
manufacturing orders first (their ingredient status feeds the make-to-order sales rows),
then sales orders. Closed documents lose their plan rows: their statuses are facts.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from django.db.models import Q

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import BomRow
from makeline.common import events
from makeline.common.keys import narrow
from makeline.engine import IngredientAvailability, ProductAvailability, Rollup, rollup_status
from makeline.planning import store
from makeline.planning.models import (
    DemandPlan,
    ManufacturingOrderPlan,
    SalesOrderPlan,
    SalesRowPlan,
)
from makeline.production import enums as production_enums
from makeline.production.models import ManufacturingOrder, RecipeRow
from makeline.sales import enums as sales_enums
from makeline.sales.models import SalesOrder, SalesOrderRow

I = IngredientAvailability  # noqa: E741 - Katana's enum, read as a prefix
P = ProductAvailability


type Key = tuple[int, int]


def refresh(
    *,
    sales_order_ids: set[int],
    manufacturing_order_ids: set[int],
    touched: frozenset[Key] | None,
) -> None:
    """Rewrite the roll-ups that may have changed. Most follow from demand rows that changed
    (the ids given); a few statuses do not rest on a demand row and are caught at the
    touched keys: service rows (always Not applicable, Picked once fulfilled) and MOs without
    recipe rows or not yet rolled up (No recipe). Then the sales orders whose make-to-order
    MO's roll-up changed. `touched` None means everything (a full replan)."""
    if touched is None:
        _refresh_mos(None)
        _refresh_sales_orders(None)
        return
    mos = manufacturing_order_ids | _mos_without_demand_at(touched)
    changed_mos = _refresh_mos(mos)
    linked = set(
        ManufacturingOrder.objects.filter(
            pk__in=changed_mos, sales_order_row__isnull=False
        ).values_list("sales_order_row__sales_order_id", flat=True)
    )
    _refresh_sales_orders(sales_order_ids | _orders_with_services_at(touched) | linked)


def _mos_without_demand_at(keys: frozenset[Key]) -> set[int]:
    qs = narrow(
        ManufacturingOrder.objects.filter(Q(plan__isnull=True) | Q(recipe_rows__isnull=True)),
        keys,
        variant="variant_id",
        location="location_id",
    )
    rows = qs.values_list("pk", "variant_id", "location_id").distinct()
    return {pk for pk, v, loc in rows if (v, loc) in keys}


def _orders_with_services_at(keys: frozenset[Key]) -> set[int]:
    qs = narrow(
        SalesOrderRow.objects.filter(variant__item__kind=ItemKind.SERVICE),
        keys,
        variant="variant_id",
        location="sales_order__location_id",
    )
    rows = qs.values_list("sales_order_id", "variant_id", "sales_order__location_id")
    return {order for order, v, loc in rows if (v, loc) in keys}


_MO_COLUMNS = ("ingredient_availability", "ingredient_expected_date")


def _refresh_mos(ids: set[int] | None) -> set[int]:
    """Rewrite MO roll-ups; return the ids whose stored roll-up changed."""
    if ids is not None and not ids:
        return set()
    scope = {} if ids is None else {"pk__in": ids}
    orders = ManufacturingOrder.objects.filter(
        status__in=production_enums.OPEN, **scope
    ).select_related("location")
    where = {} if ids is None else {"manufacturing_order_id__in": ids}
    plans = _demand_plans(kind="mo", **where)
    rows_by_mo: dict[int, list[int]] = defaultdict(list)
    open_ids = [mo.pk for mo in orders]
    for mo_id, row_id in RecipeRow.objects.filter(manufacturing_order_id__in=open_ids).values_list(
        "manufacturing_order_id", "pk"
    ):
        rows_by_mo[mo_id].append(row_id)
    new = {}
    for mo in orders:
        result = _mo_rollup(mo, rows_by_mo.get(mo.pk, []), plans)
        new[mo.pk] = (str(result.status), result.expected_on)
    old = store.stored(ManufacturingOrderPlan, _MO_COLUMNS, **where)
    return store.write_diff(ManufacturingOrderPlan, _MO_COLUMNS, new, old)


class _Stored(NamedTuple):
    """The few columns of a stored demand plan that roll-ups read (no model instances:
    a full replan of a large shop reads hundreds of thousands)."""

    kind: str
    status: str
    expected_date: date | None
    sales_order_row_id: int | None


def _demand_plans(**filters: object) -> dict[str, _Stored]:
    rows = DemandPlan.objects.filter(**filters).values_list(
        "demand_id", "kind", "status", "expected_date", "sales_order_row_id"
    )
    return {row[0]: _Stored(*row[1:]) for row in rows}


def _mo_rollup(
    mo: ManufacturingOrder, row_ids: list[int], plans: dict[str, _Stored]
) -> Rollup[IngredientAvailability]:
    if not mo.location.manufacturing_allowed:
        return Rollup(I.NOT_APPLICABLE, None)
    if not row_ids:
        return Rollup(I.NO_RECIPE, None)
    rows = []
    for row_id in row_ids:
        plan = plans.get(f"mo:{row_id}")
        # No open demand left: the row is consumed (or a service, which needs no stock).
        rows.append(
            Rollup(I(plan.status), plan.expected_date) if plan else Rollup(I.PROCESSED, None)
        )
    return rollup_status(rows)


_ROW_COLUMNS = (
    "sales_order_id",
    "product_availability",
    "product_expected_date",
    "ingredient_availability",
    "ingredient_expected_date",
)
_ORDER_COLUMNS = _ROW_COLUMNS[1:]


def _refresh_sales_orders(ids: set[int] | None) -> None:
    if ids is not None and not ids:
        return
    scope = {} if ids is None else {"pk__in": ids}
    orders = list(
        SalesOrder.objects.filter(status__in=sales_enums.OPEN, **scope)
        .select_related("location")
        .prefetch_related("rows__variant__item", "rows__fulfillment_rows")
    )
    context = _SalesContext.load(orders)
    new_rows: dict[int, store.Row] = {}
    new_orders: dict[int, store.Row] = {}
    for order in orders:
        statuses = [(row, *context.row_status(order, row)) for row in order.rows.all()]
        for row, p, i in statuses:
            new_rows[row.pk] = (
                order.pk,
                str(p.status),
                p.expected_on,
                str(i.status),
                i.expected_on,
            )
        if statuses:
            product = rollup_status(p for _, p, _ in statuses)
            ingredient = rollup_status(i for _, _, i in statuses)
            new_orders[order.pk] = (
                str(product.status),
                product.expected_on,
                str(ingredient.status),
                ingredient.expected_on,
            )
    where = {} if ids is None else {"sales_order_id__in": ids}
    store.write_diff(
        SalesRowPlan, _ROW_COLUMNS, new_rows, store.stored(SalesRowPlan, _ROW_COLUMNS, **where)
    )
    changed = store.write_diff(
        SalesOrderPlan,
        _ORDER_COLUMNS,
        new_orders,
        store.stored(SalesOrderPlan, _ORDER_COLUMNS, **where),
    )
    for order_id in sorted(changed & new_orders.keys()):
        # Katana: "availability or expected date of products or ingredients changed".
        events.emit(
            "sales_order.availability_updated", object_id=order_id, status=new_orders[order_id][0]
        )


class _SalesContext:
    """What the row statuses of some orders need, loaded with a fixed number of queries."""

    def __init__(
        self,
        plans: dict[str, _Stored],
        hypothetical: dict[int, list[_Stored]],
        products_with_bom: set[int],
        linked: dict[int, tuple[str, Rollup[IngredientAvailability] | None]],
    ) -> None:
        self.plans = plans
        self.hypothetical = hypothetical
        self.products_with_bom = products_with_bom
        self.linked = linked

    @classmethod
    def load(cls, orders: Iterable[SalesOrder]) -> "_SalesContext":
        ids = [o.pk for o in orders]
        plans = _demand_plans(sales_order_id__in=ids)
        hypothetical: dict[int, list[_Stored]] = defaultdict(list)
        for plan in plans.values():
            if plan.kind == "hy" and plan.sales_order_row_id:
                hypothetical[plan.sales_order_row_id].append(plan)
        variant_ids = {r.variant_id for o in orders for r in o.rows.all()}
        with_bom = set(
            BomRow.objects.filter(product_variant_id__in=variant_ids).values_list(
                "product_variant_id", flat=True
            )
        )
        return cls(plans, hypothetical, with_bom, _linked_orders(ids))

    def row_status(
        self, order: SalesOrder, row: SalesOrderRow
    ) -> tuple[Rollup[ProductAvailability], Rollup[IngredientAvailability]]:
        return self._product(row), self._ingredient(order, row)

    def _product(self, row: SalesOrderRow) -> Rollup[ProductAvailability]:
        if row.variant.item.kind == ItemKind.SERVICE:
            return Rollup(P.NOT_APPLICABLE, None)
        if any(True for _ in row.fulfillment_rows.all()):
            return Rollup(P.PICKED, None)
        plan = self.plans.get(f"so:{row.pk}")
        if plan is None:
            return Rollup(P.PICKED, None)
        return Rollup(P(plan.status), plan.expected_date)

    def _ingredient(self, order: SalesOrder, row: SalesOrderRow) -> Rollup[IngredientAvailability]:
        linked = self.linked.get(row.pk)
        if linked is not None:
            status, rollup = linked
            if status == production_enums.ManufacturingOrderStatus.DONE or rollup is None:
                return Rollup(I.PROCESSED, None)
            return Rollup(rollup.status, rollup.expected_on)
        item = row.variant.item
        if not (item.kind == ItemKind.PRODUCT and item.is_producible):
            return Rollup(I.NOT_APPLICABLE, None)
        if not order.location.manufacturing_allowed:
            return Rollup(I.NOT_APPLICABLE, None)
        plan = self.plans.get(f"so:{row.pk}")
        if plan is None or plan.status != "NOT_AVAILABLE":
            return Rollup(I.NOT_APPLICABLE, None)  # in stock, expected or picked: nothing to make
        if row.variant_id not in self.products_with_bom:
            return Rollup(I.NO_RECIPE, None)
        needs = self.hypothetical.get(row.pk, [])
        return rollup_status(Rollup(I(p.status), p.expected_date) for p in needs)


def _linked_orders(
    order_ids: list[int],
) -> dict[int, tuple[str, Rollup[IngredientAvailability] | None]]:
    """Sales row id → (its make-to-order MO's status, that MO's ingredient roll-up)."""
    linked: dict[int, tuple[str, Rollup[IngredientAvailability] | None]] = {}
    rows = ManufacturingOrder.objects.filter(
        sales_order_row__sales_order_id__in=order_ids
    ).values_list(
        "sales_order_row_id",
        "status",
        "plan__ingredient_availability",
        "plan__ingredient_expected_date",
    )
    for row_id, status, availability, expected in rows:
        rollup = Rollup(I(availability), expected) if availability else None
        linked[row_id] = (status, rollup)
    return linked
