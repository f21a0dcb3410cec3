"""Generator stages for the catalog: suppliers, customers, items with variants, BOMs and
routings, written with bulk_create in dependency order.

Materials are bought (a default supplier, a lead time of 3/7/14 days, a purchase UoM for
about one in five); subassemblies sit on `size.depth` levels, each level using the one
below it, the last one only materials; finished products use level-1 subassemblies and
materials.
"""

from decimal import Decimal

from makeline.catalog.enums import AddressKind, ItemKind, OperationType
from makeline.catalog.models import (
    BomRow,
    Customer,
    CustomerAddress,
    Item,
    Resource,
    RoutingRow,
    Supplier,
    Variant,
)
from makeline.generate.context import BATCH, Context, Product

CITIES = ("Lyon", "Porto", "Gent", "Brno", "Turku", "Graz", "Cork", "Split")
PURCHASE_UOMS = (("box", Decimal(10)), ("pack", Decimal(25)), ("crate", Decimal(50)))


def partners(ctx: Context) -> None:
    suppliers = Supplier.objects.bulk_create(
        [Supplier(name=f"{ctx.tag} Supplier {i:04d}") for i in range(1, ctx.size.suppliers + 1)],
        batch_size=BATCH,
    )
    customers = Customer.objects.bulk_create(
        [
            Customer(name=f"{ctx.tag} Customer {i:05d}", email=f"buyer{i}@example.com")
            for i in range(1, ctx.size.customers + 1)
        ],
        batch_size=BATCH,
    )
    addresses = [
        CustomerAddress(
            customer=c,
            entity_type=kind,
            default=True,
            company=c.name,
            line_1=f"{ctx.rnd.randint(1, 200)} Main Street",
            city=ctx.rnd.choice(CITIES),
        )
        for c in customers
        for kind in (AddressKind.BILLING, AddressKind.SHIPPING)
    ]
    CustomerAddress.objects.bulk_create(addresses, batch_size=BATCH)
    ctx.supplier_ids = [s.pk for s in suppliers]
    ctx.customer_ids = [c.pk for c in customers]
    ctx.counts.update(suppliers=len(suppliers), customers=len(customers))


def items(ctx: Context) -> None:
    """Materials, subassemblies and finished products, one variant each."""
    size, rnd = ctx.size, ctx.rnd
    specs: list[tuple[Item, Variant]] = []
    for i in range(1, size.materials + 1):
        uom, rate = rnd.choice(PURCHASE_UOMS) if rnd.random() < 0.2 else ("", None)
        item = Item(
            kind=ItemKind.MATERIAL,
            name=f"{ctx.tag} Material {i:05d}",
            uom=rnd.choice(("pcs", "pcs", "kg", "m")),
            is_sellable=False,
            is_producible=False,
            is_purchasable=True,
            default_supplier_id=rnd.choice(ctx.supplier_ids),
            purchase_uom=uom,
            purchase_uom_conversion_rate=rate,
        )
        price = Decimal(rnd.randint(20, 2000)) / 100 * (rate or 1)
        variant = Variant(
            sku=f"{ctx.tag}-MAT-{i:05d}", purchase_price=price, lead_time=rnd.choice((3, 7, 14))
        )
        specs.append((item, variant))
    for i in range(1, size.subassemblies + 1):
        item = Item(
            kind=ItemKind.PRODUCT,
            name=f"{ctx.tag} Subassembly {i:05d}",
            is_sellable=False,
            is_producible=True,
            is_purchasable=False,
        )
        specs.append((item, Variant(sku=f"{ctx.tag}-SUB-{i:05d}")))
    for i in range(1, size.products + 1):
        item = Item(
            kind=ItemKind.PRODUCT,
            name=f"{ctx.tag} Product {i:05d}",
            is_sellable=True,
            is_producible=True,
            is_purchasable=False,
        )
        price = Decimal(rnd.randint(50, 500))
        specs.append((item, Variant(sku=f"{ctx.tag}-FIN-{i:05d}", sales_price=price)))
    _save_items(ctx, specs)


def _save_items(ctx: Context, specs: list[tuple[Item, Variant]]) -> None:
    Item.objects.bulk_create([item for item, _ in specs], batch_size=BATCH)
    for item, variant in specs:
        variant.item = item
    Variant.objects.bulk_create([variant for _, variant in specs], batch_size=BATCH)
    for item, variant in specs:
        if item.kind == ItemKind.MATERIAL:
            ctx.material_ids.append(variant.pk)
            assert item.default_supplier_id is not None
            ctx.supplier_of[variant.pk] = item.default_supplier_id
            ctx.price_of[variant.pk] = (variant.purchase_price, item.conversion_rate)
        elif item.is_sellable:
            ctx.products.append(Product(variant.pk, sales_price=variant.sales_price))
        else:
            ctx.subassemblies.append(Product(variant.pk))
    ctx.counts["items"] = len(specs)


def boms(ctx: Context) -> None:
    """BOM rows by level (no cycles by construction) and one routing row per producible."""
    size = ctx.size
    levels: list[list[Product]] = [ctx.subassemblies[k :: size.depth] for k in range(size.depth)]
    for k, level in enumerate(levels):
        below = levels[k + 1] if k + 1 < len(levels) else []
        for sub in level:
            _fill(ctx, sub, below, subs=(1, 2) if below else (0, 0))
    for product in ctx.products:
        _fill(ctx, product, levels[0], subs=(1, 3))
    rows = [
        BomRow(
            product_variant_id=p.variant_id,
            ingredient_variant_id=ingredient,
            quantity=quantity,
            rank=n,
        )
        for p in ctx.subassemblies + ctx.products
        for n, (ingredient, quantity) in enumerate(p.bom, start=1)
    ]
    BomRow.objects.bulk_create(rows, batch_size=BATCH)
    ctx.counts["bom rows"] = len(rows)
    _routings(ctx)


def _fill(ctx: Context, product: Product, below: list[Product], *, subs: tuple[int, int]) -> None:
    rnd = ctx.rnd
    width = rnd.randint(*ctx.size.bom_width)
    n_subs = min(rnd.randint(*subs), len(below))
    for sub in rnd.sample(below, n_subs):
        product.bom.append((sub.variant_id, Decimal(rnd.randint(1, 2))))
    for material in rnd.sample(ctx.material_ids, max(1, width - n_subs)):
        quantity = Decimal(rnd.randint(1, 20)) / 4  # quarters: 0.25 … 5
        product.bom.append((material, quantity))


def _routings(ctx: Context) -> None:
    resources = Resource.objects.bulk_create(
        [
            Resource(name=f"{ctx.tag} {name}", cost_per_hour=Decimal(rate))
            for name, rate in (("Assembly bench", 35), ("Paint booth", 50), ("CNC", 80))
        ]
    )
    ctx.resource_ids = [r.pk for r in resources]
    rows = []
    for product in ctx.subassemblies + ctx.products:
        resource = ctx.rnd.choice(resources)
        seconds = Decimal(ctx.rnd.randint(60, 900))
        product.routing = (resource.pk, seconds, resource.cost_per_hour)
        rows.append(
            RoutingRow(
                product_variant_id=product.variant_id,
                operation_name="Assemble",
                resource=resource,
                type=OperationType.PROCESS,
                planned_time_per_unit=seconds,
                cost_parameter=resource.cost_per_hour,
                rank=1,
            )
        )
    RoutingRow.objects.bulk_create(rows, batch_size=BATCH)
