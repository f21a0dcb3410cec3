"""Document numbers (SO-n, MO-n, PO-n, SA-n): the next free number after the highest one used."""

import re

from django.db import models

_TRAILING_NUMBER = re.compile(r"^(?P<prefix>[A-Z]+)-(?P<n>\d+)$")


def next_number(queryset: models.QuerySet[models.Model], *, field: str, prefix: str) -> str:
    """Return `PREFIX-n` with n one above the highest `PREFIX-<digits>` in `field`."""
    highest = 0
    for value in queryset.filter(**{f"{field}__startswith": f"{prefix}-"}).values_list(
        field, flat=True
    ):
        match = _TRAILING_NUMBER.match(str(value))
        if match and match["prefix"] == prefix:
            highest = max(highest, int(match["n"]))
    return f"{prefix}-{highest + 1}"
