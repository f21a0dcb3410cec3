"""Makeline's planning engine: priority allocation of stock and expected supply to demand.

Pure standard library, no I/O, no clock. Everything is per (variant_id, location_id) key and
keys are independent, so a replan of the touched keys merged into the previous plan equals a
full replan. The rules are written down, with examples, in docs/planning.md.
"""

from makeline.engine.explain import Explanation, Take, explain
from makeline.engine.model import (
    Allocation,
    Availability,
    Coverage,
    Demand,
    DemandKind,
    IngredientAvailability,
    Key,
    KeyFigures,
    ProductAvailability,
    Stock,
    Supply,
    SupplyKind,
)
from makeline.engine.plan import Plan, plan
from makeline.engine.rollup import (
    Dated,
    MissingMaterial,
    Rollup,
    missing,
    rollup_status,
    severity,
    worst,
)

__all__ = [
    "Allocation",
    "Availability",
    "Coverage",
    "Dated",
    "Demand",
    "DemandKind",
    "Explanation",
    "IngredientAvailability",
    "Key",
    "KeyFigures",
    "MissingMaterial",
    "Plan",
    "ProductAvailability",
    "Rollup",
    "Stock",
    "Supply",
    "SupplyKind",
    "Take",
    "explain",
    "missing",
    "plan",
    "rollup_status",
    "severity",
    "worst",
]
