"""Writing the stored plan: only the rows that changed, in a few set-based statements.

A replan usually changes a handful of rows among thousands at the keys it replans, and a
full replan of a large shop writes hundreds of thousands. Both go through `write_diff`:
compare the new rows with the stored ones by primary key, delete what vanished or changed,
insert what is new or changed — with `executemany` on plain tuples rather than model
instances, which is where the time of a large replan used to go.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection, models

from makeline.common.fields import QUANTITY_PLACES

type Row = tuple[Any, ...]

_PLACES = Decimal(1).scaleb(-QUANTITY_PLACES)
_CHUNK = 500


def quantity(value: Decimal) -> Decimal:
    """A quantity as the database keeps it (6 places), so stored and new rows compare equal."""
    return value.quantize(_PLACES, rounding=ROUND_HALF_UP)


def stored(model: type[models.Model], columns: Sequence[str], **filters: Any) -> dict[Any, Row]:
    """Stored rows of `model` (matching `filters`) as {pk: (columns…)}."""
    pk = _pk(model).attname
    rows = model._default_manager.filter(**filters).values_list(pk, *columns)
    return {row[0]: tuple(row[1:]) for row in rows}


def write_diff(
    model: type[models.Model],
    columns: Sequence[str],
    new: Mapping[Any, Row],
    old: Mapping[Any, Row],
) -> set[Any]:
    """Make the stored rows `old` look like `new`; return the primary keys that changed."""
    gone = [pk for pk, row in old.items() if new.get(pk) != row]
    added = [pk for pk, row in new.items() if old.get(pk) != row]
    delete(model, gone)
    insert(model, columns, [(pk, *new[pk]) for pk in added])
    return set(gone) | set(added)


def delete(model: type[models.Model], pks: Sequence[Any]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(_column(_pk(model)))
    with connection.cursor() as cursor:
        for start in range(0, len(pks), _CHUNK):
            chunk = pks[start : start + _CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({marks})", list(chunk))


def delete_all(model: type[models.Model]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def insert(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Row], *, with_pk: bool = True
) -> None:
    """Insert rows given as (pk, columns…) tuples of Python values, or (columns…) tuples when
    the table numbers its rows itself (`with_pk=False`)."""
    fields: list[Any] = [model._meta.get_field(c) for c in columns]
    if with_pk:
        fields.insert(0, _pk(model))
    names = ", ".join(connection.ops.quote_name(_column(f)) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    adapt = [_adapter(f) for f in fields]
    params = [[a(v) for a, v in zip(adapt, row, strict=True)] for row in rows]
    if not params:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", params)


def _pk(model: type[models.Model]) -> models.Field[Any, Any]:
    pk = model._meta.pk
    assert pk is not None  # every concrete model has one
    return pk


def _column(field: Any) -> str:
    column: str = field.column
    return column


def _adapter(field: Any) -> Any:
    ops = connection.ops
    if isinstance(field, models.DecimalField):
        return lambda v: (
            None
            if v is None
            else ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
        )
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    return _same


def _same(value: Any) -> Any:
    return value
