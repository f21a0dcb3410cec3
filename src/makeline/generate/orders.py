"""Generator stage for sales and manufacturing: open sales orders with rows and addresses,
make-to-order MOs linked to some rows, make-to-stock MOs, recipe and operation rows
copied from the BOMs and routings (what `production.orders.copy_recipe` copies).

Sales orders and make-to-stock MOs share the rank space in a seeded interleaving; a
make-to-order MO takes its sales order's rank and the number `<SO number> / n`.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from makeline.catalog.contacts import ensure_shop
from makeline.catalog.enums import AddressKind, OperationType
from makeline.catalog.models import CustomerAddress
from makeline.generate.context import BATCH, Context, Product, numbers, reserve_ranks
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder, OperationRow, RecipeRow
from makeline.sales.enums import SalesOrderStatus
from makeline.sales.models import SalesOrder, SalesOrderAddress, SalesOrderRow

MTO_SHARE = 0.7
"""Share of the MOs that are made to order (the rest are make-to-stock)."""


def _ranks(ctx: Context, n_orders: int, n_stock_mos: int) -> tuple[list[int], list[int]]:
    """Ranks for the sales orders and the make-to-stock MOs, interleaved at random."""
    ranks = reserve_ranks(n_orders + n_stock_mos)
    kinds = [0] * n_orders + [1] * n_stock_mos
    ctx.rnd.shuffle(kinds)
    orders = [r for r, k in zip(ranks, kinds, strict=True) if k == 0]
    mos = [r for r, k in zip(ranks, kinds, strict=True) if k == 1]
    return orders, mos


def sales_orders(ctx: Context) -> None:
    size = ctx.size
    n_rows_guess = size.sales_orders * sum(size.rows_per_order) // 2
    n_mto = min(int(size.manufacturing_orders * MTO_SHARE), n_rows_guess)
    order_ranks, mo_ranks = _ranks(ctx, size.sales_orders, size.manufacturing_orders - n_mto)
    ctx.stock_mo_ranks = mo_ranks
    orders = [
        _order(ctx, number, rank)
        for number, rank in zip(
            numbers(SalesOrder, "SO", size.sales_orders), order_ranks, strict=True
        )
    ]
    SalesOrder.objects.bulk_create(orders, batch_size=BATCH)
    rows = [row for order in orders for row in _rows(ctx, order)]
    SalesOrderRow.objects.bulk_create(rows, batch_size=BATCH)
    _addresses(ctx, orders)
    ctx.mto_rows = ctx.rnd.sample(rows, min(n_mto, len(rows)))
    ctx.counts.update({"sales orders": len(orders), "sales order rows": len(rows)})


def _order(ctx: Context, number: str, rank: int) -> SalesOrder:
    created = ctx.now - timedelta(days=ctx.rnd.randint(0, 30))
    return SalesOrder(
        order_no=number,
        customer_id=ctx.rnd.choice(ctx.customer_ids),
        location=ctx.location,
        status=SalesOrderStatus.NOT_SHIPPED,
        rank=rank,
        order_created_date=created,
        delivery_date=created + timedelta(days=ctx.rnd.randint(10, 40)),
        currency="EUR",
    )


def _rows(ctx: Context, order: SalesOrder) -> list[SalesOrderRow]:
    products = ctx.rnd.sample(ctx.products, ctx.rnd.randint(*ctx.size.rows_per_order))
    return [
        SalesOrderRow(
            sales_order=order,
            variant_id=p.variant_id,
            quantity=ctx.quantity(1, 5),
            price_per_unit=p.sales_price or Decimal(0),
            position=n,
        )
        for n, p in enumerate(products)
    ]


def _addresses(ctx: Context, orders: list[SalesOrder]) -> None:
    """Each order copies its customer's default bill-to and ship-to (as the service does)."""
    defaults = {
        (a.customer_id, a.entity_type): a
        for a in CustomerAddress.objects.filter(customer_id__in=ctx.customer_ids, default=True)
    }
    copies = []
    for order in orders:
        for kind in (AddressKind.BILLING, AddressKind.SHIPPING):
            source = defaults[(order.customer_id, kind)]
            copies.append(
                SalesOrderAddress(
                    sales_order=order,
                    entity_type=kind,
                    company=source.company,
                    line_1=source.line_1,
                    city=source.city,
                )
            )
    SalesOrderAddress.objects.bulk_create(copies, batch_size=BATCH)


def manufacturing_orders(ctx: Context) -> None:
    deadline = ctx.now + timedelta(days=ensure_shop().default_mo_deadline_days)
    by_variant = {p.variant_id: p for p in ctx.products + ctx.subassemblies}
    made_for: dict[int, int] = {}
    mos: list[ManufacturingOrder] = []
    for row in ctx.mto_rows:
        order = row.sales_order
        made_for[order.pk] = made_for.get(order.pk, 0) + 1
        mos.append(
            _mo(
                ctx,
                row.variant_id,
                row.quantity,
                f"{order.order_no} / {made_for[order.pk]}",
                order.rank,
                deadline,
                sales_order_row=row,
            )
        )
    stock_ranks = ctx.stock_mo_ranks
    stock_numbers = numbers(ManufacturingOrder, "MO", len(stock_ranks))
    for number, rank in zip(stock_numbers, stock_ranks, strict=True):
        pick = ctx.subassemblies if ctx.rnd.random() < 0.7 else ctx.products
        product = ctx.rnd.choice(pick)
        mos.append(_mo(ctx, product.variant_id, ctx.quantity(1, 20), number, rank, deadline))
    ManufacturingOrder.objects.bulk_create(mos, batch_size=BATCH)
    _copy_recipes(mos, by_variant)
    ctx.counts["manufacturing orders"] = len(mos)
    ctx.counts["recipe rows"] = sum(len(by_variant[m.variant_id].bom) for m in mos)


def _mo(
    ctx: Context,
    variant_id: int,
    quantity: Decimal,
    number: str,
    rank: int,
    deadline: datetime,
    sales_order_row: SalesOrderRow | None = None,
) -> ManufacturingOrder:
    started = ctx.rnd.random() < 0.1
    return ManufacturingOrder(
        order_no=number,
        variant_id=variant_id,
        location=ctx.location,
        status=ManufacturingOrderStatus.IN_PROGRESS
        if started
        else ManufacturingOrderStatus.NOT_STARTED,
        planned_quantity=quantity,
        rank=rank,
        order_created_date=ctx.now,
        production_deadline_date=deadline,
        sales_order_row=sales_order_row,
    )


def _copy_recipes(mos: list[ManufacturingOrder], by_variant: dict[int, Product]) -> None:
    recipe = (
        RecipeRow(
            manufacturing_order=mo,
            variant_id=ingredient,
            planned_quantity_per_unit=quantity,
            position=n,
        )
        for mo in mos
        for n, (ingredient, quantity) in enumerate(by_variant[mo.variant_id].bom, start=1)
    )
    RecipeRow.objects.bulk_create(recipe, batch_size=BATCH)
    operations = []
    for mo in mos:
        routing = by_variant[mo.variant_id].routing
        if routing is None:
            continue
        resource_id, seconds, cost_per_hour = routing
        operations.append(
            OperationRow(
                manufacturing_order=mo,
                operation_name="Assemble",
                resource_id=resource_id,
                type=OperationType.PROCESS,
                planned_time_per_unit=seconds,
                cost_parameter=cost_per_hour,
                cost_per_hour=cost_per_hour,
                rank=1,
            )
        )
    OperationRow.objects.bulk_create(operations, batch_size=BATCH)
