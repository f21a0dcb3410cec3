"""Order-level statuses, rolled up from the stored demand plans (never from a new plan).

After a replan, the orders whose rows were replanned get their roll-ups rewritten here:
manufacturing orders first (their ingredient status feeds the make-to-order sales rows),
then sales orders. Closed documents lose their plan rows: their statuses are facts.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import BomRow
from makeline.engine import IngredientAvailability, ProductAvailability, Rollup, rollup_status
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


def refresh_manufacturing_orders(mo_ids: Collection[int]) -> None:
    if not mo_ids:
        return
    ManufacturingOrderPlan.objects.filter(manufacturing_order_id__in=mo_ids).delete()
    orders = ManufacturingOrder.objects.filter(
        pk__in=mo_ids, status__in=production_enums.OPEN
    ).select_related("location")
    plans = _demand_plans(manufacturing_order_id__in=mo_ids)
    rows_by_mo: dict[int, list[int]] = defaultdict(list)
    for mo_id, row_id in RecipeRow.objects.filter(manufacturing_order_id__in=mo_ids).values_list(
        "manufacturing_order_id", "pk"
    ):
        rows_by_mo[mo_id].append(row_id)
    new = []
    for mo in orders:
        result = _mo_rollup(mo, rows_by_mo.get(mo.pk, []), plans)
        new.append(
            ManufacturingOrderPlan(
                manufacturing_order=mo,
                ingredient_availability=result.status,
                ingredient_expected_date=result.expected_on,
            )
        )
    ManufacturingOrderPlan.objects.bulk_create(new)


def _demand_plans(**filters: object) -> dict[str, DemandPlan]:
    return {d.demand_id: d for d in DemandPlan.objects.filter(**filters)}


def _mo_rollup(
    mo: ManufacturingOrder, row_ids: list[int], plans: dict[str, DemandPlan]
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


def refresh_sales_orders(order_ids: Collection[int]) -> None:
    if not order_ids:
        return
    SalesRowPlan.objects.filter(sales_order_id__in=order_ids).delete()
    SalesOrderPlan.objects.filter(sales_order_id__in=order_ids).delete()
    orders = list(
        SalesOrder.objects.filter(pk__in=order_ids, status__in=sales_enums.OPEN)
        .select_related("location")
        .prefetch_related("rows__variant__item", "rows__fulfillment_rows")
    )
    context = _SalesContext.load(orders)
    row_plans, order_plans = [], []
    for order in orders:
        statuses = [context.row_status(order, row) for row in order.rows.all()]
        row_plans += [
            SalesRowPlan(
                sales_order_row=row,
                sales_order=order,
                product_availability=p.status,
                product_expected_date=p.expected_on,
                ingredient_availability=i.status,
                ingredient_expected_date=i.expected_on,
            )
            for row, (p, i) in zip(order.rows.all(), statuses, strict=True)
        ]
        if statuses:
            product = rollup_status(p for p, _ in statuses)
            ingredient = rollup_status(i for _, i in statuses)
            order_plans.append(
                SalesOrderPlan(
                    sales_order=order,
                    product_availability=product.status,
                    product_expected_date=product.expected_on,
                    ingredient_availability=ingredient.status,
                    ingredient_expected_date=ingredient.expected_on,
                )
            )
    SalesRowPlan.objects.bulk_create(row_plans)
    SalesOrderPlan.objects.bulk_create(order_plans)


class _SalesContext:
    """What the row statuses of some orders need, loaded with a fixed number of queries."""

    def __init__(
        self,
        plans: dict[str, DemandPlan],
        hypothetical: dict[int, list[DemandPlan]],
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
        hypothetical: dict[int, list[DemandPlan]] = defaultdict(list)
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
        if row.variant_id not in self.products_with_bom:
            return Rollup(I.NO_RECIPE, None)
        needs = self.hypothetical.get(row.pk)
        if not needs:
            return Rollup(I.NOT_APPLICABLE, None)  # in stock, expected or picked: nothing to make
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
