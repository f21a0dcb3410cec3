"""Roll-ups of row statuses into order statuses, and the missing-materials figures of a row.

These are functions over values, never stored state: an SO's status is the worst of its rows'
statuses, an MO's ingredient status the worst of its recipe rows'. Each enum has its own
order, best first, listed in `_ORDER` (see docs/planning.md for why).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from makeline.engine.model import (
    ZERO,
    Availability,
    Coverage,
    IngredientAvailability,
    ProductAvailability,
)

type AnyStatus = Availability | IngredientAvailability | ProductAvailability

_I = IngredientAvailability
_P = ProductAvailability

# Best first. NOT_APPLICABLE and PROCESSED come before IN_STOCK so that they only win when
# every row is such: a finished row does not make an order's other rows any better or worse.
_ORDER: dict[type[AnyStatus], tuple[AnyStatus, ...]] = {
    Availability: (Availability.IN_STOCK, Availability.EXPECTED, Availability.NOT_AVAILABLE),
    IngredientAvailability: (
        _I.NOT_APPLICABLE,
        _I.PROCESSED,
        _I.IN_STOCK,
        _I.EXPECTED,
        _I.NO_RECIPE,  # nothing can be made without a recipe: worse than waiting for a PO
        _I.NOT_AVAILABLE,
    ),
    ProductAvailability: (_P.NOT_APPLICABLE, _P.PICKED, _P.IN_STOCK, _P.EXPECTED, _P.NOT_AVAILABLE),
}
# Enum members of different enums compare equal as strings, so index by (type, value).
_SEVERITY = {(type(v), v): i for order in _ORDER.values() for i, v in enumerate(order)}


def severity(status: AnyStatus) -> int:
    """0 for the best value of the status's enum, growing towards the worst."""
    return _SEVERITY[(type(status), status)]


def worst[S: (Availability, IngredientAvailability, ProductAvailability)](
    statuses: Iterable[S],
) -> S:
    """The worst of some statuses of one enum. Raises ValueError when there are none."""
    found: S | None = None
    for status in statuses:
        if found is None:
            found = status
        elif type(status) is not type(found):
            raise TypeError(f"cannot mix {type(found).__name__} and {type(status).__name__}")
        elif severity(status) > severity(found):
            found = status
    if found is None:
        raise ValueError("no status to roll up")
    return found


class Dated[S: (Availability, IngredientAvailability, ProductAvailability)](Protocol):
    """Anything with a status and an expected date: a `Coverage`, a `Rollup`, a model row."""

    @property
    def status(self) -> S: ...

    @property
    def expected_on(self) -> date | None: ...


@dataclass(frozen=True, slots=True)
class Rollup[S: (Availability, IngredientAvailability, ProductAvailability)]:
    status: S
    expected_on: date | None


def rollup_status[S: (Availability, IngredientAvailability, ProductAvailability)](
    rows: Iterable[Dated[S]],
) -> Rollup[S]:
    """Worst status of the rows, with the latest of the rows' expected dates.

    Rollups nest (an SO of rows, a list of SOs). Raises ValueError for no rows: an order
    without rows has no availability, the caller decides what to show.
    """
    rows = list(rows)
    dates = [row.expected_on for row in rows if row.expected_on is not None]
    return Rollup(worst(row.status for row in rows), max(dates, default=None))


@dataclass(frozen=True, slots=True)
class MissingMaterial:
    """One line of a missing-materials list. `in_stock + expected + missing == required`."""

    required: Decimal
    in_stock: Decimal
    expected: Decimal
    missing: Decimal


def missing(required: Decimal, coverage: Coverage | None) -> MissingMaterial:
    """Split a recipe row's required quantity into in stock, expected and missing.

    Pass the open required quantity (the demand's quantity); then `missing` equals the
    coverage's shortage. `coverage` None (no open demand was planned) means nothing is covered.
    """
    if coverage is None:
        return MissingMaterial(required, ZERO, ZERO, max(required, ZERO))
    in_stock = min(coverage.from_stock, max(required, ZERO))
    expected = min(coverage.from_expected, max(required - in_stock, ZERO))
    return MissingMaterial(required, in_stock, expected, max(required - in_stock - expected, ZERO))
