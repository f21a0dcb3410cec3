"""What stands behind a figure of the inventory list (Katana's "Inventory intel"), and the
dated events that make up an item's projected stock.

- In stock: the latest stock moves.
- Committed: the open sales rows and recipe rows planned at the key (the stored plan's
  demand rows, hypothetical "if made to order" needs left out: they commit nothing).
- Expected: the unreceived rows of open purchase orders and the remaining output of open
  manufacturing orders.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from makeline.catalog.models import Location
from makeline.common.fields import ZERO
from makeline.inventory import selectors as inventory
from makeline.inventory.models import StockMove
from makeline.planning.models import DemandKind, DemandPlan
from makeline.production import enums as production
from makeline.production.models import ManufacturingOrder, Production
from makeline.purchasing import selectors as purchasing

_DEC = DecimalField(max_digits=24, decimal_places=6)


@dataclass(frozen=True, slots=True)
class Event:
    """One order behind a figure: + supply or − demand, dated when it is due."""

    kind: str  # "Sales order", "Manufacturing order", "Purchase order", "Ingredient of"
    order_no: str
    order_id: int
    quantity: Decimal  # signed: + expected in, − committed out
    when: date | None
    location: str


def recent_moves(variant_id: int, location_id: int | None, limit: int = 25) -> list[StockMove]:
    return list(inventory.movements(variant_id=variant_id, location_id=location_id)[:limit])


def committed(variant_id: int, location_id: int | None) -> list[Event]:
    """Open sales rows and recipe rows at the key(s), with their due dates."""
    where = Q(variant_id=variant_id) & ~Q(kind=DemandKind.HYPOTHETICAL)
    if location_id is not None:
        where &= Q(location_id=location_id)
    plans = (
        DemandPlan.objects.filter(where)
        .select_related("sales_order", "manufacturing_order", "location")
        .order_by("rank", "demand_id")
    )
    return [_demand_event(p) for p in plans]


def _demand_event(plan: DemandPlan) -> Event:
    if plan.sales_order is not None:
        order = plan.sales_order
        return Event(
            "Sales order",
            order.order_no,
            order.pk,
            -plan.quantity,
            _day(order.delivery_date),
            plan.location.name,
        )
    mo = plan.manufacturing_order
    assert mo is not None  # a recipe row's demand belongs to its MO
    return Event(
        "Ingredient of",
        mo.order_no,
        mo.pk,
        -plan.quantity,
        _day(mo.production_deadline_date),
        plan.location.name,
    )


def expected(variant_id: int, location_id: int | None) -> list[Event]:
    """Unreceived open PO rows (stock UoM) and open MOs' remaining output, by due date."""
    locations = {loc.pk: loc.name for loc in Location.objects.all()}
    keys = [(variant_id, loc) for loc in locations if location_id in (None, loc)]
    events = [
        Event(
            "Purchase order",
            r.order_no,
            r.purchase_order_id,
            r.quantity,
            _day(r.arrival_date),
            locations.get(r.location_id, ""),
        )
        for r in purchasing.open_supply_rows(keys)
    ]
    events += _open_output(variant_id, location_id, locations)
    return sorted(events, key=lambda e: (e.when or date.max, e.order_no))


def _open_output(variant_id: int, location_id: int | None, names: dict[int, str]) -> list[Event]:
    completed = Subquery(
        Production.objects.filter(manufacturing_order=OuterRef("pk"), reverted_at__isnull=True)
        .values("manufacturing_order")
        .annotate(q=Sum("quantity"))
        .values("q"),
        output_field=_DEC,
    )
    qs = ManufacturingOrder.objects.filter(variant_id=variant_id, status__in=production.OPEN)
    if location_id is not None:
        qs = qs.filter(location_id=location_id)
    rows = qs.annotate(done=Coalesce(completed, Value(ZERO), output_field=_DEC)).values_list(
        "pk", "order_no", "planned_quantity", "done", "production_deadline_date", "location_id"
    )
    return [
        Event("Manufacturing order", no, pk, planned - done, _day(deadline), names.get(loc, ""))
        for pk, no, planned, done, deadline, loc in rows
        if planned - done > 0
    ]


def _day(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value else None
