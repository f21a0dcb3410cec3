"""Field factories for quantities and money, so every table stores them alike.

Quantities and money are Decimal, never float: 6 decimal places cover Katana's 5-decimal
purchase quantities and per-unit prices of cheap materials.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

QUANTITY_PLACES = 6
ZERO = Decimal(0)


def quantity_field(**kwargs: Any) -> models.DecimalField[Decimal, Decimal]:
    kwargs.setdefault("max_digits", 24)
    kwargs.setdefault("decimal_places", QUANTITY_PLACES)
    return models.DecimalField(**kwargs)


def optional_quantity_field(**kwargs: Any) -> models.DecimalField[Decimal | None, Decimal | None]:
    kwargs.setdefault("max_digits", 24)
    kwargs.setdefault("decimal_places", QUANTITY_PLACES)
    return models.DecimalField(null=True, blank=True, **kwargs)


def optional_money_field(**kwargs: Any) -> models.DecimalField[Decimal | None, Decimal | None]:
    kwargs.setdefault("max_digits", 24)
    kwargs.setdefault("decimal_places", QUANTITY_PLACES)
    return models.DecimalField(null=True, blank=True, **kwargs)


def money_field(**kwargs: Any) -> models.DecimalField[Decimal, Decimal]:
    kwargs.setdefault("max_digits", 24)
    kwargs.setdefault("decimal_places", QUANTITY_PLACES)
    kwargs.setdefault("default", ZERO)
    return models.DecimalField(**kwargs)


def status_field(choices: type[models.TextChoices], default: str) -> models.CharField[str, str]:
    return models.CharField(max_length=32, choices=choices.choices, default=default)


def status_constraint(model: str, choices: type[models.TextChoices]) -> models.CheckConstraint:
    """The database guards the status column too: only the enum's values can be stored."""
    return models.CheckConstraint(
        condition=models.Q(status__in=choices.values), name=f"{model}_status_valid"
    )
