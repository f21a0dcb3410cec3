"""Why a demand got the status it got: who was served before it and took what it lacked.

Computed on demand from a plan's stored service order and allocations, so planning itself
pays nothing for it. The explanation is data; `describe()` renders plain English lines.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from makeline.engine.allocate import pieces
from makeline.engine.model import Allocation, Availability, Demand, DemandKind
from makeline.engine.plan import KeyResult, Plan


@dataclass(frozen=True, slots=True)
class Take:
    """What one demand served earlier took from stock (`supply_id` None) or a supply."""

    demand_id: str
    rank: int
    kind: DemandKind
    hypothetical: bool
    supply_id: str | None
    quantity: Decimal
    available_on: date | None


@dataclass(frozen=True, slots=True)
class Explanation:
    """(a) `taken_before`: earlier-served takes of what this demand lacked, in service order;
    (b) `covered_by`: this demand's own allocations; (c) `missing`: the uncovered quantity."""

    demand_id: str
    rank: int
    kind: DemandKind
    quantity: Decimal
    status: Availability
    expected_on: date | None
    position: int  # 0-based place in its key's service order
    taken_before: tuple[Take, ...]
    covered_by: tuple[Allocation, ...]
    missing: Decimal

    def describe(self) -> str:
        """One plain English sentence per line."""
        lines = [
            f"{_who(t.demand_id, t.kind, t.rank, t.hypothetical)} took {_what(t)}"
            for t in self.taken_before
        ]
        lines += [f"{self.demand_id} gets {_what(a)}" for a in self.covered_by]
        if self.missing:
            lines.append(f"{self.demand_id} is short of {_qty(self.missing)}")
        lines.append(f"{self.demand_id} is {self.status.value}{_when(self)}")
        return "\n".join(lines)


def explain(plan: Plan, demand_id: str) -> Explanation:
    """Explain one planned demand (KeyError if the plan does not hold it)."""
    demand = plan.demand(demand_id)
    result = plan.key_result((demand.variant_id, demand.location_id))
    assert result is not None  # a planned demand always has its key's result
    position = next(i for i, row in enumerate(result.rows) if row[0].id == demand_id)
    row = result.rows[position]
    return Explanation(
        demand_id=demand_id,
        rank=demand.rank,
        kind=demand.kind,
        quantity=demand.quantity,
        status=row[1],
        expected_on=row[2],
        position=position,
        taken_before=_taken_before(result, position),
        covered_by=plan.allocations_for(demand_id),
        missing=row[5],
    )


def _taken_before(result: KeyResult, position: int) -> tuple[Take, ...]:
    """Earlier takes that this demand would otherwise have had.

    Nothing if it got everything from stock. Otherwise every earlier take of stock, and every
    earlier take of a free supply: all of them when it is short, else only those of supplies
    up to the last one it used (they are why it waits that long). A pegged demand's take of
    its own supply is never listed: nobody else could have had that.
    """
    row = result.rows[position]
    if row[3] == row[0].quantity:
        return ()
    order = {s.id: i for i, s in enumerate(result.supplies)}
    pegged_to = {s.id: s.pegged_to for s in result.supplies}
    used = [order[p[0]] for p in row[6] if p[0] is not None and pegged_to[p[0]] != row[0].id]
    limit = len(order) if row[5] or not used else max(used)
    takes: list[Take] = []
    for earlier in result.rows[:position]:
        demand = earlier[0]
        for supply_id, quantity, available_on in pieces(earlier):
            if supply_id is not None and (
                pegged_to[supply_id] == demand.id or order[supply_id] > limit
            ):
                continue
            takes.append(_take(demand, supply_id, quantity, available_on))
    return tuple(takes)


def _take(demand: Demand, supply_id: str | None, quantity: Decimal, on: date | None) -> Take:
    return Take(demand.id, demand.rank, demand.kind, demand.hypothetical, supply_id, quantity, on)


def _who(demand_id: str, kind: DemandKind, rank: int, hypothetical: bool) -> str:
    label = "sales row" if kind is DemandKind.SALES_ROW else "recipe row"
    prefix = "hypothetical " if hypothetical else ""
    return f"{demand_id} ({prefix}{label}, rank {rank})"


def _what(piece: Take | Allocation) -> str:
    if piece.supply_id is None:
        return f"{_qty(piece.quantity)} from stock"
    on = f" expected {piece.available_on.isoformat()}" if piece.available_on else ""
    return f"{_qty(piece.quantity)} from {piece.supply_id}{on}"


def _when(e: Explanation) -> str:
    if e.expected_on is None:
        return ""
    if e.status is Availability.EXPECTED:
        return f" on {e.expected_on.isoformat()}"
    return f" (what it gets is expected by {e.expected_on.isoformat()})"


def _qty(quantity: Decimal) -> str:
    # normalize() drops trailing zeros; format "f" keeps 100 from printing as 1E+2
    return format(quantity.normalize(), "f")
