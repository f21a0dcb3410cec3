"""Operation rows of an MO: status and logged time, and how they drive the MO's status.

Katana §1.7: once any operation is in progress or done, a not started (or blocked) MO is in
progress; when every operation is done, the MO is done (completed at its planned figures).
On a done MO only the logged time of an operation can still change.
"""

from decimal import Decimal

from django.utils import timezone

from makeline.common import audit, events
from makeline.common.errors import Conflict, InvalidQuantity
from makeline.common.transitions import ensure_transition
from makeline.common.unit_of_work import atomic_service, touch
from makeline.production import completion
from makeline.production.enums import (
    OPERATION_TRANSITIONS,
    TRANSITIONS,
    ManufacturingOrderStatus,
    OperationStatus,
)
from makeline.production.models import ManufacturingOrder, OperationRow
from makeline.production.rules import lock

M = ManufacturingOrderStatus
Op = OperationStatus
_STARTS_THE_ORDER = frozenset({Op.IN_PROGRESS, Op.COMPLETED})


@atomic_service
def update_operation(
    *,
    operation_row: OperationRow,
    status: OperationStatus | None = None,
    total_actual_time: Decimal | None = None,
    cost_per_hour: Decimal | None = None,
) -> OperationRow:
    """Change an operation's status and/or its logged time (seconds) or hourly cost."""
    mo = lock(operation_row.manufacturing_order)
    operation_row.refresh_from_db()
    if mo.status == M.DONE and (status is not None or cost_per_hour is not None):
        raise Conflict(
            f"{mo.order_no} is done: only the logged time of its operations can change",
            field="status" if status is not None else "cost_per_hour",
        )
    _check_figures(total_actual_time, cost_per_hour)
    if total_actual_time is not None:
        operation_row.total_actual_time = total_actual_time
    if cost_per_hour is not None:
        operation_row.cost_per_hour = cost_per_hour
    changed_status = status is not None and status != operation_row.status
    if status is not None and changed_status:
        ensure_transition(operation_row.status, status, OPERATION_TRANSITIONS, document="operation")
        operation_row.status = status
        operation_row.completed_at = timezone.now() if status == Op.COMPLETED else None
    operation_row.save()
    if changed_status:
        events.emit_status(
            "manufacturing_order_operation_row", object_id=operation_row.pk, status=status or ""
        )
        _follow_operations(mo)
    return operation_row


def _check_figures(total_actual_time: Decimal | None, cost_per_hour: Decimal | None) -> None:
    if total_actual_time is not None and total_actual_time < 0:
        raise InvalidQuantity("logged time must not be negative", field="total_actual_time")
    if cost_per_hour is not None and cost_per_hour < 0:
        raise InvalidQuantity("cost per hour must not be negative", field="cost_per_hour")


def _follow_operations(mo: ManufacturingOrder) -> None:
    statuses = set(
        OperationRow.objects.filter(manufacturing_order=mo).values_list("status", flat=True)
    )
    if statuses & _STARTS_THE_ORDER and mo.status in (M.NOT_STARTED, M.BLOCKED):
        ensure_transition(mo.status, M.IN_PROGRESS, TRANSITIONS, document="manufacturing order")
        audit.changed(mo, "status", mo.status, M.IN_PROGRESS)
        mo.status = M.IN_PROGRESS
        mo.save(update_fields=["status", "updated_at"])
        events.emit_status("manufacturing_order", object_id=mo.pk, status=mo.status)
        touch(mo.variant_id, mo.location_id)
    if statuses == {Op.COMPLETED} and mo.status != M.DONE:
        completion.complete(mo=mo)
