"""The demo shop's contents, step by step (see loader.py). Every write goes through a service."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from makeline.catalog import contacts, services
from makeline.catalog.enums import ItemKind, OperationType
from makeline.catalog.models import Customer, Item, Location, Supplier, TaxRate, Variant
from makeline.inventory import services as inventory
from makeline.production import completion, make_to_order, orders, ranking
from makeline.production.models import ManufacturingOrder
from makeline.purchasing import orders as purchasing
from makeline.purchasing.models import PurchaseOrder
from makeline.sales import fulfilment
from makeline.sales import services as sales
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import SalesOrder

D = Decimal


@dataclass
class Demo:
    today: datetime
    location: Location
    tax: TaxRate | None = None
    suppliers: dict[str, Supplier] = field(default_factory=dict)
    customers: dict[str, Customer] = field(default_factory=dict)
    v: dict[str, Variant] = field(default_factory=dict)

    def on(self, days: int) -> datetime:
        return self.today + timedelta(days=days)


def shop(demo: Demo) -> None:
    contacts.update_shop(
        shop=contacts.ensure_shop(),
        changes={
            "legal_name": "Oak & Pine Furniture Ltd",
            "address": "12 Sawmill Lane\nGreenfield GF1 2AB\nUnited Kingdom",
            "currency": "GBP",
        },
    )
    demo.tax = contacts.create_tax_rate(name="VAT", rate=D(20), is_default_sales=True)


def partners(demo: Demo) -> None:
    for name, email in (
        ("Northwood Timber", "orders@northwood.example"),
        ("Fixings Direct", "sales@fixings.example"),
        ("Lacquer & Co", "trade@lacquer.example"),
    ):
        supplier = contacts.create_supplier(name=name, email=email, currency="GBP")
        contacts.add_supplier_address(
            supplier=supplier, fields={"line_1": "Trade Park 4", "city": "Leeds", "country": "GB"}
        )
        demo.suppliers[name] = supplier
    for name, city in (
        ("Hotel Meridian", "York"),
        ("Café Aurora", "Bath"),
        ("Studio Lind", "Bristol"),
        ("Greenleaf School", "Oxford"),
    ):
        customer = contacts.create_customer(
            name=name, email=f"buyer@{name.split()[0].lower()}.example", currency="GBP"
        )
        for kind in ("billing", "shipping"):
            contacts.add_customer_address(
                customer=customer,
                entity_type=kind,
                default=True,
                fields={"company": name, "line_1": "1 High Street", "city": city, "country": "GB"},
            )
        demo.customers[name] = customer


def _item(demo: Demo, key: str, **kwargs: object) -> Variant:
    item: Item = services.create_item(**kwargs)  # type: ignore[arg-type]
    demo.v[key] = item.variants.get()
    return demo.v[key]


def materials(demo: Demo) -> None:
    spec = services.VariantSpec
    _item(
        demo,
        "oak",
        kind=ItemKind.MATERIAL,
        name="Oak board 2 m",
        default_supplier=demo.suppliers["Northwood Timber"],
        variants=[spec(sku="MAT-OAK", purchase_price=D(18), lead_time=7)],
    )
    _item(
        demo,
        "pine",
        kind=ItemKind.MATERIAL,
        name="Pine board 2 m",
        default_supplier=demo.suppliers["Northwood Timber"],
        variants=[spec(sku="MAT-PINE", purchase_price=D(9), lead_time=7)],
    )
    _item(
        demo,
        "screws",
        kind=ItemKind.MATERIAL,
        name="Wood screw 4×40",
        default_supplier=demo.suppliers["Fixings Direct"],
        purchase_uom="box",
        purchase_uom_conversion_rate=D(100),
        variants=[spec(sku="MAT-SCREW", purchase_price=D(6), lead_time=3)],
    )
    _item(
        demo,
        "varnish",
        kind=ItemKind.MATERIAL,
        name="Clear varnish",
        uom="l",
        default_supplier=demo.suppliers["Lacquer & Co"],
        purchase_uom="can 5 l",
        purchase_uom_conversion_rate=D(5),
        variants=[spec(sku="MAT-VARNISH", purchase_price=D(45), lead_time=5)],
    )
    _item(
        demo,
        "felt",
        kind=ItemKind.MATERIAL,
        name="Felt pad",
        default_supplier=demo.suppliers["Fixings Direct"],
        variants=[spec(sku="MAT-FELT", purchase_price=D("0.2"))],
    )


def products(demo: Demo) -> None:
    spec, v = services.VariantSpec, demo.v
    _item(
        demo,
        "tabletop",
        kind=ItemKind.PRODUCT,
        name="Tabletop",
        is_sellable=False,
        variants=[spec(sku="SUB-TOP")],
    )
    _item(
        demo,
        "legs",
        kind=ItemKind.PRODUCT,
        name="Leg set",
        is_sellable=False,
        variants=[spec(sku="SUB-LEGS")],
    )
    _item(
        demo,
        "table",
        kind=ItemKind.PRODUCT,
        name="Dining table",
        variants=[spec(sku="TABLE", sales_price=D(640))],
    )
    _item(
        demo,
        "chair",
        kind=ItemKind.PRODUCT,
        name="Dining chair",
        variants=[spec(sku="CHAIR", sales_price=D(160))],
    )
    _item(
        demo,
        "shelf",
        kind=ItemKind.PRODUCT,
        name="Wall shelf",
        variants=[spec(sku="SHELF", sales_price=D(120))],
    )
    _item(
        demo,
        "cabinet",
        kind=ItemKind.PRODUCT,
        name="Custom cabinet",
        variants=[spec(sku="CUSTOM-CAB", sales_price=D(1200))],
    )
    _item(
        demo,
        "assembly",
        kind=ItemKind.SERVICE,
        name="Delivery and assembly",
        variants=[spec(sku="SRV-ASSEMBLY", sales_price=D(80))],
    )
    boms = {
        "tabletop": {"oak": "3", "varnish": "0.5", "screws": "8"},
        "legs": {"pine": "1", "screws": "16"},
        "table": {"tabletop": "1", "legs": "1", "screws": "8", "felt": "4"},
        "chair": {"pine": "1", "screws": "12", "varnish": "0.2", "felt": "4"},
        "shelf": {"pine": "2", "screws": "10", "varnish": "0.3"},
    }
    for product, ingredients in boms.items():
        for ingredient, quantity in ingredients.items():
            services.add_bom_row(
                product_variant=v[product], ingredient_variant=v[ingredient], quantity=D(quantity)
            )
    bench = services.create_resource(name="Workbench", cost_per_hour=D(40))
    booth = services.create_resource(name="Finishing booth", cost_per_hour=D(30))
    for product, steps in {
        "tabletop": [("Cut and plane", bench, 2400), ("Varnish", booth, 1800)],
        "legs": [("Turn legs", bench, 1800)],
        "table": [("Assemble", bench, 1800)],
        "chair": [("Assemble", bench, 2700), ("Varnish", booth, 900)],
        "shelf": [("Cut", bench, 900), ("Varnish", booth, 600)],
    }.items():
        for name, resource, seconds in steps:
            services.add_routing_row(
                product_variant=v[product],
                operation_name=name,
                resource=resource,
                type=OperationType.PROCESS,
                planned_time_per_unit=D(seconds),
            )


def opening_stock(demo: Demo) -> None:
    v = demo.v
    lines = [
        ("oak", 4, "18"),
        ("pine", 6, "9"),
        ("screws", 300, "0.06"),
        ("varnish", 3, "9"),
        ("felt", 40, "0.2"),
        ("chair", 6, "95"),
        ("tabletop", 1, "90"),
    ]
    inventory.adjust_stock(
        location=demo.location,
        reason="Opening stock",
        lines=[
            inventory.AdjustmentLine(variant=v[k], quantity=D(q), cost_per_unit=D(c))
            for k, q, c in lines
        ],
    )


def purchase_orders(demo: Demo) -> None:
    v = demo.v
    purchasing.create_purchase_order(
        supplier=demo.suppliers["Northwood Timber"],
        location=demo.location,
        expected_arrival_date=demo.on(6),
        rows=[purchasing.PurchaseRowSpec(variant=v["oak"], quantity=D(6))],
    )
    purchasing.create_purchase_order(
        supplier=demo.suppliers["Lacquer & Co"],
        location=demo.location,
        status="DRAFT",  # type: ignore[arg-type]
        expected_arrival_date=demo.on(9),
        rows=[purchasing.PurchaseRowSpec(variant=v["varnish"], quantity=D(2))],
    )
    received: PurchaseOrder = purchasing.create_purchase_order(
        supplier=demo.suppliers["Fixings Direct"],
        location=demo.location,
        expected_arrival_date=demo.on(-2),
        rows=[purchasing.PurchaseRowSpec(variant=v["screws"], quantity=D(2))],
    )
    from makeline.purchasing import receiving

    receiving.receive_all(order=received)


def _so(demo: Demo, customer: str, rows: list[tuple[str, int]], **kwargs: object) -> SalesOrder:
    return sales.create_sales_order(
        customer=demo.customers[customer],
        location=demo.location,
        rows=[sales.RowSpec(variant=demo.v[k], quantity=D(q), tax_rate=demo.tax) for k, q in rows],
        **kwargs,  # type: ignore[arg-type]
    )


def sales_orders(demo: Demo) -> None:
    delivered = _so(demo, "Hotel Meridian", [("chair", 2)], delivery_date=demo.on(-1))
    fulfilment.fulfil(order=delivered, status=FulfillmentStatus.DELIVERED)
    _so(demo, "Hotel Meridian", [("chair", 4), ("assembly", 1)], delivery_date=demo.on(5))
    studio = _so(demo, "Studio Lind", [("table", 2), ("chair", 4)], delivery_date=demo.on(14))
    make_to_order.make_to_order(
        sales_order_row=studio.rows.get(variant=demo.v["table"]), create_subassemblies=True
    )
    _so(demo, "Greenleaf School", [("shelf", 3)], delivery_date=demo.on(10))
    _so(
        demo,
        "Café Aurora",
        [("cabinet", 1)],
        delivery_date=demo.on(30),
        additional_info="Walnut stain, 2 doors",
    )
    _so(demo, "Café Aurora", [("table", 1), ("chair", 4)], status=SalesOrderStatus.PENDING)


def production(demo: Demo) -> None:
    chairs = orders.create_manufacturing_order(
        variant=demo.v["chair"],
        location=demo.location,
        planned_quantity=D(4),
        production_deadline_date=demo.on(4),
    )
    orders.set_status(mo=chairs, status="IN_PROGRESS")  # type: ignore[arg-type]
    done = orders.create_manufacturing_order(
        variant=demo.v["legs"], location=demo.location, planned_quantity=D(1)
    )
    completion.complete(mo=done)
    top = ManufacturingOrder.objects.filter(variant=demo.v["tabletop"]).first()
    if top is not None:
        ranking.rerank_manufacturing_order(mo=top)  # tabletops first: most of the wood is there


def counts() -> dict[str, int]:
    return {
        "items": Item.objects.count(),
        "sales orders": SalesOrder.objects.count(),
        "manufacturing orders": ManufacturingOrder.objects.count(),
        "purchase orders": PurchaseOrder.objects.count(),
    }
