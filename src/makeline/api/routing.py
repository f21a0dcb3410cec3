"""Product operation rows on the wire (our RoutingRow; times in seconds).

Katana renamed two fields and kept the old names as deprecated aliases:
planned_time_per_unit → planned_time_parameter and cost_per_hour → cost_parameter. Both
are accepted; the new name wins when a body has both.
"""

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from makeline.api.common import number, referenced
from makeline.catalog import services
from makeline.catalog.enums import OperationType
from makeline.catalog.models import Resource, RoutingRow

_HOURLY = (OperationType.PROCESS, OperationType.SETUP)
SECONDS_PER_HOUR = Decimal(3600)


def routing_rows() -> QuerySet[RoutingRow]:
    return RoutingRow.objects.select_related("product_variant", "resource")


def operation_row_out(row: RoutingRow) -> dict[str, Any]:
    seconds, cost = row.planned_time_per_unit, row.cost_parameter
    per_unit: Decimal | None = None
    if row.type == OperationType.PROCESS:
        per_unit = seconds / SECONDS_PER_HOUR * cost
    elif row.type == OperationType.PER_UNIT:
        per_unit = cost
    return {
        "product_operation_row_id": row.pk,
        "product_id": row.product_variant.item_id,
        "product_variant_id": row.product_variant_id,
        "operation_name": row.operation_name,
        "type": row.type,
        "resource_id": row.resource_id,
        "resource_name": row.resource.name,
        "cost_parameter": number(cost),
        "cost_per_hour": number(cost) if row.type in _HOURLY else None,
        "planned_cost_per_unit": number(per_unit),
        "planned_time_parameter": number(seconds),
        "planned_time_per_unit": number(seconds),
        "rank": row.rank,
        "group_boundary": None,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def operation_row_changes(sent: dict[str, Any]) -> dict[str, Any]:
    """A create item or update body as routing-row fields."""
    changes = dict(sent)
    time = changes.pop("planned_time_parameter", None)
    old_time = changes.pop("planned_time_per_unit", None)
    if time is not None or old_time is not None:
        changes["planned_time_per_unit"] = Decimal(time if time is not None else old_time)
    cost = changes.pop("cost_parameter", None)
    old_cost = changes.pop("cost_per_hour", None)
    if cost is not None or old_cost is not None:
        changes["cost_parameter"] = cost if cost is not None else old_cost
    resource_id = changes.pop("resource_id", None)
    resource_name = changes.pop("resource_name", None)
    if resource_id is not None:
        changes["resource"] = referenced(Resource.objects.all(), resource_id, field="resource_id")
    elif resource_name:
        # Katana: a resource name that matches none creates the resource.
        changes["resource"] = services.create_resource(name=resource_name)
    return changes
