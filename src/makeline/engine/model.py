"""Values into and out of the planning engine: inputs, enums and per-demand results.

Everything here is a frozen, slotted dataclass or a string enum. Nothing here computes a plan:
the allocation lives in `allocate`, the grouping and the lookups in `plan`. Enum values equal
their names because those are Katana's wire values, so the web layer can emit them unchanged.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

type Key = tuple[int, int]
"""(variant_id, location_id): the unit of planning. Keys never interact."""

ZERO = Decimal(0)


class SupplyKind(StrEnum):
    # The string order is the tie-break at equal dates: PRODUCTION sorts before PURCHASE.
    PRODUCTION = "PRODUCTION"
    PURCHASE = "PURCHASE"


class DemandKind(StrEnum):
    # The string order is the tie-break at equal rank: RECIPE_ROW sorts before SALES_ROW.
    RECIPE_ROW = "RECIPE_ROW"
    SALES_ROW = "SALES_ROW"


class Availability(StrEnum):
    """What the engine computes for one demand."""

    IN_STOCK = "IN_STOCK"
    EXPECTED = "EXPECTED"
    NOT_AVAILABLE = "NOT_AVAILABLE"


class IngredientAvailability(StrEnum):
    """Katana's ingredient status of an SO row, MO, MO recipe row or OPO."""

    PROCESSED = "PROCESSED"
    IN_STOCK = "IN_STOCK"
    EXPECTED = "EXPECTED"
    NOT_AVAILABLE = "NOT_AVAILABLE"
    NO_RECIPE = "NO_RECIPE"
    NOT_APPLICABLE = "NOT_APPLICABLE"


class ProductAvailability(StrEnum):
    """Katana's sales-item status of an SO row or SO."""

    IN_STOCK = "IN_STOCK"
    EXPECTED = "EXPECTED"
    PICKED = "PICKED"
    NOT_AVAILABLE = "NOT_AVAILABLE"
    NOT_APPLICABLE = "NOT_APPLICABLE"


@dataclass(frozen=True, slots=True)
class Stock:
    """On hand now. Several rows of one key add up; a negative total counts as 0 available."""

    variant_id: int
    location_id: int
    quantity: Decimal

    @property
    def key(self) -> Key:
        return (self.variant_id, self.location_id)


@dataclass(frozen=True, slots=True)
class Supply:
    """An open PO row (date = arrival) or the remaining output of an open MO (date = deadline).

    `pegged_to` names the one demand this supply is reserved for (a make-to-order MO's output
    is pegged to its sales row). Drafts never reach the engine: the caller filters them.
    """

    id: str
    variant_id: int
    location_id: int
    quantity: Decimal
    available_on: date
    kind: SupplyKind
    pegged_to: str | None = None

    def __post_init__(self) -> None:
        if self.quantity < ZERO:
            raise ValueError(f"supply {self.id}: negative quantity {self.quantity}")

    @property
    def key(self) -> Key:
        return (self.variant_id, self.location_id)


@dataclass(frozen=True, slots=True)
class Demand:
    """An open sales row or MO recipe row, or a hypothetical "what if we made it" recipe row.

    `rank`: lower is served first; SOs and MOs share one rank space. `sequence`: stable
    tie-break (the row id). `pegged`: a sales row linked to a make-to-order MO, which is still
    open when `pegged_supply_open`. `hypothetical`: served from what every real demand left.
    """

    id: str
    variant_id: int
    location_id: int
    quantity: Decimal
    rank: int
    kind: DemandKind
    sequence: int
    pegged: bool = False
    pegged_supply_open: bool = False
    hypothetical: bool = False

    def __post_init__(self) -> None:
        if not self.quantity > ZERO:
            raise ValueError(f"demand {self.id}: open quantity must be > 0, got {self.quantity}")

    @property
    def key(self) -> Key:
        return (self.variant_id, self.location_id)


@dataclass(frozen=True, slots=True)
class Allocation:
    """One piece of a demand's coverage: from stock (`supply_id` None) or from one supply."""

    demand_id: str
    supply_id: str | None
    quantity: Decimal
    available_on: date | None


@dataclass(frozen=True, slots=True)
class Coverage:
    """How one demand is covered. `from_stock + from_expected + shortage == quantity`.

    `late` is True when `expected_on` is before the plan's `today` (an overdue PO or MO).
    """

    demand_id: str
    status: Availability
    expected_on: date | None
    from_stock: Decimal
    from_expected: Decimal
    shortage: Decimal
    late: bool = False


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """The inventory figures of one (variant, location) after planning.

    `in_stock` is the raw on-hand total (may be negative). `committed` and `shortage` sum the
    real demands only; `free_stock_after` and `free_expected_after` are what the real demands
    left (what hypothetical demands were served from). `missing_or_excess` is Katana's
    calculated stock without safety stock: in_stock - committed + expected.
    """

    in_stock: Decimal
    committed: Decimal
    expected: Decimal
    free_stock_after: Decimal
    free_expected_after: Decimal
    shortage: Decimal
    missing_or_excess: Decimal
