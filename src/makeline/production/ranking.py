"""Priorities in the rank space that sales orders and manufacturing orders share (Katana §1.2).

Lower ranks are served first. A make-to-order MO always has its sales order's rank: moving
either moves both. Subassembly MOs sit just above the MO they serve but never move with it.
When no integer is left between two neighbours, every open order is renumbered RANK_STEP
apart in its current order and the placement is tried again.
"""

from collections.abc import Callable, Iterable, Sequence

from django.db.models import Max, Min, QuerySet

from makeline.common import audit, locking
from makeline.common.errors import Conflict, DomainError
from makeline.common.ranking import RANK_STEP, between, raise_floor
from makeline.common.unit_of_work import atomic_service
from makeline.production.enums import ManufacturingOrderStatus
from makeline.production.models import ManufacturingOrder
from makeline.production.rules import touch_order
from makeline.sales import services as sales
from makeline.sales.enums import SalesOrderStatus
from makeline.sales.models import SalesOrder

type Gap = tuple[int | None, int | None]
type Ranked = SalesOrder | ManufacturingOrder


def open_sales_orders() -> QuerySet[SalesOrder]:
    """Sales orders (and quotes) that still hold a place in the queue."""
    return SalesOrder.objects.exclude(status=SalesOrderStatus.DELIVERED)


def open_manufacturing_orders() -> QuerySet[ManufacturingOrder]:
    return ManufacturingOrder.objects.exclude(status=ManufacturingOrderStatus.DONE)


@atomic_service
def rerank_sales_order(
    *, order: SalesOrder, before: SalesOrder | None = None, after: SalesOrder | None = None
) -> SalesOrder:
    """Place the order just above `before` (or just below `after`; neither = on top).

    Its make-to-order MOs take the same rank.
    """
    _lock(SalesOrder, [order.pk])
    order.refresh_from_db()
    _check_movable(order.status == SalesOrderStatus.DELIVERED, order.order_no, before, after)
    for other, name in ((before, "before"), (after, "after")):
        if other is not None and not open_sales_orders().filter(pk=other.pk).exists():
            raise DomainError(f"{other.order_no} is delivered and has no place", field=name)
        if other is not None and other.pk == order.pk:
            raise DomainError("an order cannot be placed next to itself", field=name)
    together = set(
        ManufacturingOrder.objects.filter(sales_order_row__sales_order=order).values_list(
            "pk", flat=True
        )
    )
    queues = (
        open_sales_orders().exclude(pk=order.pk),
        open_manufacturing_orders().exclude(pk__in=together),
    )
    rank = _place(lambda: _gap(queues, before, after))
    _move_sales_order(order, rank)
    return order


@atomic_service
def rerank_manufacturing_order(
    *,
    mo: ManufacturingOrder,
    before: ManufacturingOrder | None = None,
    after: ManufacturingOrder | None = None,
) -> ManufacturingOrder:
    """Place the MO just above `before` (or just below `after`; neither = on top) in the
    Schedule. A make-to-order MO drags its sales order (and that order's other MTO MOs)."""
    linked = ManufacturingOrder.objects.filter(pk=mo.pk).values_list(
        "sales_order_row__sales_order_id", flat=True
    )
    _lock(SalesOrder, linked)
    _lock(ManufacturingOrder, [mo.pk])
    mo.refresh_from_db()
    _check_movable(mo.status == ManufacturingOrderStatus.DONE, mo.order_no, before, after)
    together = _moving_with(mo)
    for other, name in ((before, "before"), (after, "after")):
        if other is not None and not open_manufacturing_orders().filter(pk=other.pk).exists():
            raise DomainError(f"{other.order_no} is done and has no place", field=name)
        if other is not None and other.pk in together:
            raise DomainError("an order cannot be placed next to itself", field=name)
    order = mo.sales_order_row.sales_order if mo.sales_order_row else None
    queues = (
        open_sales_orders().exclude(pk__in=[order.pk] if order else []),
        open_manufacturing_orders().exclude(pk__in=together),
    )
    rank = _place(lambda: _gap(queues, before, after))
    if order is not None:
        _move_sales_order(order, rank)
    else:
        audit.changed(mo, "rank", mo.rank, rank)
        mo.rank = rank
        mo.save(update_fields=["rank", "updated_at"])
        touch_order(mo)
    mo.refresh_from_db()
    return mo


def rank_above(mo: ManufacturingOrder) -> int:
    """A free rank just above `mo` in the shared space (for its subassembly MOs)."""
    return _place(lambda: _gap((open_sales_orders(), open_manufacturing_orders()), mo, None))


def renumber() -> None:
    """Spread every open order RANK_STEP apart, keeping their order and MTO MOs on their SO."""
    orders = dict(open_sales_orders().values_list("pk", "rank"))
    units: list[tuple[int, int, int]] = [(rank, 0, pk) for pk, rank in orders.items()]
    followers: dict[int, list[int]] = {}
    mos = open_manufacturing_orders().values_list("pk", "rank", "sales_order_row__sales_order_id")
    for pk, rank, so_id in mos:
        if so_id in orders:
            followers.setdefault(so_id, []).append(pk)
        else:
            units.append((rank, 1, pk))
    units.sort()
    new_orders, new_mos = [], []
    for n, (_, kind, pk) in enumerate(units, start=1):
        if kind == 0:
            new_orders.append(SalesOrder(pk=pk, rank=n * RANK_STEP))
            new_mos += [
                ManufacturingOrder(pk=mo, rank=n * RANK_STEP) for mo in followers.get(pk, [])
            ]
        else:
            new_mos.append(ManufacturingOrder(pk=pk, rank=n * RANK_STEP))
    SalesOrder.objects.bulk_update(new_orders, ["rank"])
    ManufacturingOrder.objects.bulk_update(new_mos, ["rank"])
    raise_floor(len(units) * RANK_STEP)


def _check_movable(closed: bool, order_no: str, before: object, after: object) -> None:
    if closed:
        raise Conflict(f"{order_no} is closed and has no place in the queue", field="rank")
    if before is not None and after is not None:
        raise DomainError("give either the order to go above or the one to go below", field="after")


def _moving_with(mo: ManufacturingOrder) -> set[int]:
    """The MO and, if it is make-to-order, every other MO linked to the same sales order."""
    if mo.sales_order_row is None:
        return {mo.pk}
    so_id = mo.sales_order_row.sales_order_id
    linked = ManufacturingOrder.objects.filter(sales_order_row__sales_order_id=so_id)
    return {mo.pk, *linked.values_list("pk", flat=True)}


type Queues = tuple[QuerySet[SalesOrder], QuerySet[ManufacturingOrder]]


def _gap(queues: Queues, before: Ranked | None, after: Ranked | None) -> Gap:
    """The ranks of the two neighbours the moved orders go between, fresh from the DB.

    Neighbours are looked up in the whole shared space so the placement is "just above
    `before`" (or "just below `after`") without tying with an order of the other kind.
    """
    if before is not None:
        below = type(before).objects.values_list("rank", flat=True).get(pk=before.pk)
        return _edge(queues, Max, rank__lt=below), below
    if after is not None:
        above = type(after).objects.values_list("rank", flat=True).get(pk=after.pk)
        return above, _edge(queues, Min, rank__gt=above)
    return None, _edge(queues, Min)


def _edge(queues: Queues, aggregate: type[Max] | type[Min], **filters: int) -> int | None:
    found = [qs.filter(**filters).aggregate(r=aggregate("rank"))["r"] for qs in queues]
    ranks: list[int] = [int(rank) for rank in found if rank is not None]
    if not ranks:
        return None
    return max(ranks) if aggregate is Max else min(ranks)


def _lock(model: type[Ranked], ids: Iterable[int | None]) -> None:
    """Take the rank queue, then the orders about to move (common.locking's order).

    Reranks queue behind each other, so each reads the neighbours' ranks only after the
    previous one committed (no two orders get the same free rank), and the moved orders
    are re-read after the lock (a concurrent delivery or Done is seen).
    """
    locking.lock_rank_queue()
    locking.lock(model, ids)


def _place(gap: Callable[[], Gap]) -> int:
    # A rank is free only while nobody else places one (rank_above comes here directly).
    locking.lock_rank_queue()
    rank = between(*gap())
    if rank is None:
        renumber()
        rank = between(*gap())
    if rank is None:  # pragma: no cover - renumbering always leaves RANK_STEP gaps
        raise Conflict("could not find a free rank; try again", field="rank")
    return rank


def _move_sales_order(order: SalesOrder, rank: int) -> None:
    sales.set_rank(order=order, rank=rank)  # touches every row of the order
    linked = list(ManufacturingOrder.objects.filter(sales_order_row__sales_order=order))
    ManufacturingOrder.objects.filter(pk__in=[mo.pk for mo in linked]).update(rank=rank)
    for mo in linked:
        touch_order(mo)


@atomic_service
def rerank_manufacturing_orders(
    *,
    mos: Sequence[ManufacturingOrder],
    before: ManufacturingOrder | None = None,
    after: ManufacturingOrder | None = None,
    at_bottom: bool = False,
) -> list[ManufacturingOrder]:
    """Place `mos` as one block, in the order given, just above `before`, just below
    `after`, at the bottom of the Schedule, or (none of them) on top.

    A make-to-order MO brings the other MOs of its sales order, where it is first listed.
    Returns every MO moved, in its new order. Placing twice gives the same order.
    """
    if sum(x is not None for x in (before, after)) + at_bottom > 1:
        raise DomainError("give one place: before, after or the bottom", field="after")
    moving: set[int] = set()
    for mo in mos:
        if mo.status == ManufacturingOrderStatus.DONE:
            raise Conflict(f"{mo.order_no} is done and has no place in the queue", field="mos")
        moving |= _moving_with(mo)
    for other, name in ((before, "before"), (after, "after")):
        if other is not None and (other.pk in moving or _moving_with(other) & moving):
            raise DomainError("orders cannot be placed next to themselves", field=name)
    if at_bottom:
        after = open_manufacturing_orders().exclude(pk__in=moving).order_by("rank", "pk").last()
    placed: list[int] = []
    previous: ManufacturingOrder | None = None
    for mo in mos:
        if mo.pk in placed:
            continue  # moved already with an MO of the same sales order
        if previous is None:
            rerank_manufacturing_order(mo=mo, before=before, after=after)
        else:
            rerank_manufacturing_order(mo=mo, after=previous)
        group = sorted(_moving_with(mo) - {mo.pk})
        placed += [mo.pk, *group]
        previous = ManufacturingOrder.objects.get(pk=(group or [mo.pk])[-1])
    by_id = ManufacturingOrder.objects.in_bulk(placed)
    return [by_id[pk] for pk in placed]
