"""Manufacturing orders on the wire: the queryset a page reads and `mo_page`, which turns a
page of MOs into Katana's objects with their computed fields in a fixed number of queries.

Computed fields come from below: ingredient availability from the stored plan
(`planning.selectors`), costs from `production.costs`, progress from live productions.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from makeline.api.common import number
from makeline.common.errors import DomainError
from makeline.common.fields import ZERO
from makeline.planning import selectors as planning
from makeline.production import costs
from makeline.production.models import ManufacturingOrder

_LIVE = Q(productions__reverted_at__isnull=True)


def manufacturing_orders() -> QuerySet[ManufacturingOrder]:
    """MOs with what `mo_page` reads: progress, operations and the linked sales order."""
    return (
        ManufacturingOrder.objects.select_related("sales_order_row__sales_order")
        .prefetch_related("operation_rows")
        .annotate(
            completed=Coalesce(Sum("productions__quantity", filter=_LIVE), ZERO),
            partials=Count("productions", filter=_LIVE & Q(productions__is_final=False)),
        )
    )


def mo_page(mos: Iterable[ManufacturingOrder]) -> list[dict[str, Any]]:
    """Katana's objects for MOs loaded through `manufacturing_orders()`."""
    mos = list(mos)
    statuses = planning.manufacturing_order_statuses_many(mos)
    all_costs = costs.mo_costs_many(mos)
    return [_mo_out(mo, statuses[mo.pk], all_costs[mo.pk]) for mo in mos]


def mo_out(pk: int) -> dict[str, Any]:
    """One MO, read fresh (after a write)."""
    (out,) = mo_page(manufacturing_orders().filter(pk=pk))
    return out


def _mo_out(mo: ManufacturingOrder, status: planning.Status, cost: costs.Costs) -> dict[str, Any]:
    completed = Decimal(mo.completed)  # type: ignore[attr-defined]
    operations = list(mo.operation_rows.all())
    quantity = costs.costed_quantity(mo)
    row = mo.sales_order_row
    return {
        "id": mo.pk,
        "status": mo.status,
        "order_no": mo.order_no,
        "variant_id": mo.variant_id,
        "planned_quantity": number(mo.planned_quantity),
        "actual_quantity": number(mo.actual_quantity),
        "completed_quantity": number(completed),
        "remaining_quantity": number(max(ZERO, mo.planned_quantity - completed)),
        "includes_partial_completions": mo.partials > 0,  # type: ignore[attr-defined]
        "batch_transactions": [],
        "location_id": mo.location_id,
        "order_created_date": mo.order_created_date,
        "production_deadline_date": mo.production_deadline_date,
        "done_date": mo.done_date,
        "additional_info": mo.additional_info,
        "is_linked_to_sales_order": row is not None,
        "ingredient_availability": status.status,
        "total_cost": number(cost.total_cost),
        "total_actual_time": number(sum((o.total_actual_time or ZERO for o in operations), ZERO)),
        "total_planned_time": number(
            sum((costs.planned_operation_time(o, quantity) for o in operations), ZERO)
        ),
        "sales_order_id": row.sales_order_id if row else None,
        "sales_order_row_id": row.pk if row else None,
        "sales_order_delivery_deadline": row.sales_order.delivery_date if row else None,
        "material_cost": number(cost.material_cost),
        "subassemblies_cost": number(cost.subassemblies_cost),
        "operations_cost": number(cost.operations_cost),
        "serial_numbers": [],
        "created_at": mo.created_at,
        "updated_at": mo.updated_at,
        "deleted_at": None,
    }


def wire_date(day: date | None) -> datetime | None:
    """A plan date (a day) as Katana's date-time: midnight UTC of that day."""
    return None if day is None else datetime.combine(day, time.min, tzinfo=UTC)


@contextmanager
def renamed_fields(names: dict[str, str]) -> Iterator[None]:
    """Point a DomainError raised inside at the request's name for the service's input."""
    try:
        yield
    except DomainError as exc:
        exc.field = names.get(exc.field or "", exc.field)
        raise
