"""Document numbers (SO-n, MO-n, PO-n, SA-n): one counter per prefix, bumped under a lock.

The counter starts from the highest `PREFIX-<digits>` already used (one scan, the first
time) and then only counts up, so creating a document never reads the whole table and two
concurrent creations never get the same number. A number someone typed by hand is skipped
when the counter reaches it.
"""

import re

from django.db import models, transaction

from makeline.common.models import Counter

_TRAILING_NUMBER = re.compile(r"^(?P<prefix>[A-Z]+)-(?P<n>\d+)$")


def next_number(queryset: models.QuerySet[models.Model], *, field: str, prefix: str) -> str:
    """The next free `PREFIX-n` for `field` of the documents in `queryset`."""
    return reserve_numbers(queryset, field=field, prefix=prefix, count=1)[0]


def reserve_numbers(
    queryset: models.QuerySet[models.Model], *, field: str, prefix: str, count: int
) -> list[str]:
    """The next `count` free `PREFIX-n` numbers, in sequence, reserved for the caller."""
    with transaction.atomic():
        counter, created = Counter.objects.select_for_update().get_or_create(
            name=f"number:{prefix}"
        )
        if created:
            counter.value = _highest(queryset, field, prefix)
        numbers: list[str] = []
        n = counter.value
        while len(numbers) < count:
            wanted = [f"{prefix}-{k}" for k in range(n + 1, n + 1 + count - len(numbers))]
            n += len(wanted)
            taken = set(queryset.filter(**{f"{field}__in": wanted}).values_list(field, flat=True))
            numbers += [number for number in wanted if number not in taken]
        counter.value = n
        counter.save(update_fields=["value"])
        return numbers


def _highest(queryset: models.QuerySet[models.Model], field: str, prefix: str) -> int:
    highest = 0
    for value in queryset.filter(**{f"{field}__startswith": f"{prefix}-"}).values_list(
        field, flat=True
    ):
        match = _TRAILING_NUMBER.match(str(value))
        if match and match["prefix"] == prefix:
            highest = max(highest, int(match["n"]))
    return highest


def claim_number(number: str) -> None:
    """Note a number given by hand: when it is `PREFIX-n` beyond the counter, the counter
    moves up to it, so the next automatic number follows the highest one used (Katana)."""
    match = _TRAILING_NUMBER.match(number)
    if match is None:
        return
    with transaction.atomic():
        counter = (
            Counter.objects.select_for_update().filter(name=f"number:{match['prefix']}").first()
        )
        if counter is not None and counter.value < int(match["n"]):
            counter.value = int(match["n"])
            counter.save(update_fields=["value"])
