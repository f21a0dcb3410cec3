"""Operation rows of one MO as documents: add, edit the planned figures, delete.

Like recipe rows, an MO's operation rows are its own copy of the product's routing and may
be edited per job (Katana §1.7). Status and logged time go through
`makeline.production.operations.update_operation`, which also drives the MO's status;
`update_operation_row` here hands those over to it. Operation rows hold neither demand nor
supply, so nothing here touches planning.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Max

from makeline.catalog.enums import OperationType
from makeline.catalog.models import Resource
from makeline.common.errors import Conflict, DomainError, InvalidQuantity
from makeline.common.unit_of_work import atomic_service
from makeline.production import operations
from makeline.production.enums import ManufacturingOrderStatus, OperationStatus
from makeline.production.models import ManufacturingOrder, OperationRow
from makeline.production.rules import check_not_done, lock

M = ManufacturingOrderStatus
_PLAN_FIELDS = frozenset(
    {"operation_name", "resource", "type", "planned_time_per_unit", "cost_parameter"}
)
_RUN_FIELDS = frozenset({"status", "total_actual_time", "cost_per_hour"})


@atomic_service
def add_operation_row(
    *,
    mo: ManufacturingOrder,
    operation_name: str,
    resource: Resource,
    type: OperationType = OperationType.PROCESS,
    planned_time_per_unit: Decimal = Decimal(0),
    cost_parameter: Decimal | None = None,
    cost_per_hour: Decimal | None = None,
) -> OperationRow:
    """Add an operation (NOT_STARTED) at the end of the MO's operations; not on a done MO.

    The hourly cost defaults to the resource's, and so does the cost parameter of an
    hourly (process or setup) operation.
    """
    lock(mo)
    check_not_done(mo, what="its operations")
    hourly = resource.cost_per_hour if cost_per_hour is None else cost_per_hour
    if cost_parameter is None:
        hourly_type = type in (OperationType.PROCESS, OperationType.SETUP)
        cost_parameter = hourly if hourly_type else Decimal(0)
    _check_figures(planned_time_per_unit, cost_parameter, hourly)
    last = mo.operation_rows.aggregate(r=Max("rank"))["r"] or 0
    return OperationRow.objects.create(
        manufacturing_order=mo,
        operation_name=operation_name.strip(),
        resource=resource,
        type=type,
        planned_time_per_unit=planned_time_per_unit,
        cost_parameter=cost_parameter,
        cost_per_hour=hourly,
        rank=last + 1,
    )


@atomic_service
def update_operation_row(*, operation_row: OperationRow, changes: dict[str, Any]) -> OperationRow:
    """Edit an operation row: planned figures (not on a done MO), then status and logged
    time through `operations.update_operation` (which may start or complete the MO)."""
    mo = lock(operation_row.manufacturing_order)
    operation_row.refresh_from_db()
    unknown = sorted(set(changes) - _PLAN_FIELDS - _RUN_FIELDS)
    if unknown:
        raise DomainError(f"{unknown[0]} cannot be changed here", field=unknown[0])
    plan = {
        key: value
        for key, value in changes.items()
        if key in _PLAN_FIELDS and getattr(operation_row, key) != value
    }
    if plan:
        check_not_done(mo, what="its operations")
        _check_figures(
            plan.get("planned_time_per_unit", operation_row.planned_time_per_unit),
            plan.get("cost_parameter", operation_row.cost_parameter),
            operation_row.cost_per_hour,
        )
        for key, value in plan.items():
            setattr(operation_row, key, value)
        operation_row.save()
    run = {key: changes[key] for key in _RUN_FIELDS if changes.get(key) is not None}
    if run:
        if "status" in run:
            run["status"] = OperationStatus(run["status"])
        return operations.update_operation(operation_row=operation_row, **run)
    return operation_row


@atomic_service
def delete_operation_row(*, operation_row: OperationRow) -> None:
    """Remove an operation from an MO that is not done (a done MO keeps its costing)."""
    mo = lock(operation_row.manufacturing_order)
    if mo.status == M.DONE:
        raise Conflict(
            f"{mo.order_no} is done: revert it to an open status before removing operations",
            field="status",
        )
    operation_row.delete()


def _check_figures(seconds: Decimal, cost_parameter: Decimal, cost_per_hour: Decimal) -> None:
    if seconds is None or seconds < 0:
        raise InvalidQuantity("planned time must not be negative", field="planned_time_per_unit")
    if cost_parameter is None or cost_parameter < 0:
        raise InvalidQuantity("cost parameter must not be negative", field="cost_parameter")
    if cost_per_hour < 0:
        raise InvalidQuantity("cost per hour must not be negative", field="cost_per_hour")
