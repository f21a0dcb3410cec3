"""List endpoints: Katana's common filters and offset paging with the X-Pagination header.

A list view takes `filters: Query[SomeParams]` (a subclass of ListParams) and the temporal
`response: HttpResponse`, narrows its queryset with `matching(...)` for its own filters,
and returns `{"data": paginate(queryset, filters, response)}`. paginate issues two queries
(a count and the page) plus one per prefetch, however long the list.

Every integer parameter of a list other than `limit` and `page` is an id filter (`ids`,
`location_id`, `sales_order_ids`, ...) and must be a possible id (1..MAX_ID, like an id in a
body); outside that range it is a 422 on that parameter, never a number the database cannot
compare (SQLite overflows past 2**63: the fuzzer found that 500). Date-times must exist in
UTC too (see schemas.base.storable_moment).
"""

import json
import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpResponse
from ninja import Field, Schema
from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from makeline.api.schemas.base import MAX_ID, storable_moment

DEFAULT_LIMIT = 50
MAX_LIMIT = 250  # Katana cuts larger limits to 250 silently
NOT_IDS = frozenset({"limit", "page"})


class ListParams(Schema):
    """Query parameters every Katana list takes."""

    limit: int = Field(DEFAULT_LIMIT, ge=1)
    page: int = Field(1, ge=1)
    ids: list[int] | None = None
    created_at_min: datetime | None = None
    created_at_max: datetime | None = None
    updated_at_min: datetime | None = None
    updated_at_max: datetime | None = None
    include_deleted: bool = False

    @field_validator("*", mode="after")
    @classmethod
    def _storable_filters(cls, value: Any, info: ValidationInfo) -> Any:
        """Applies to the filters of every subclass too ("*" covers their fields)."""
        if info.field_name in NOT_IDS:
            return value
        value = storable_moment(value)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, bool) or not isinstance(item, int):
                continue
            if item < 1:
                raise PydanticCustomError(
                    "greater_than_equal", "Input should be greater than or equal to 1", {"ge": 1}
                )
            if item > MAX_ID:
                raise PydanticCustomError(
                    "less_than_equal",
                    f"Input should be less than or equal to {MAX_ID}",
                    {"le": MAX_ID},
                )
        return value


class ArchivableListParams(ListParams):
    """Items and variants can also be archived, and are hidden then unless asked for."""

    include_archived: bool = False


def matching[M: Model](
    queryset: QuerySet[M], params: Schema, lookups: Mapping[str, str]
) -> QuerySet[M]:
    """Filter by each given parameter: `lookups` maps parameter name → ORM lookup."""
    for name, lookup in lookups.items():
        value = getattr(params, name, None)
        if value is not None:
            queryset = queryset.filter(**{lookup: value})
    return queryset


def paginate[M: Model](
    queryset: QuerySet[M],
    params: ListParams,
    response: HttpResponse,
    *,
    created: str | None = "created_at",
    updated: str | None = "updated_at",
) -> list[M]:
    """Apply the common filters, cut out the page and set X-Pagination on `response`.

    `created`/`updated` name the timestamp columns (None: the model has none, the filter is
    ignored). Rows come in id order, so pages are stable while rows are added.
    """
    queryset = _common_filters(queryset, params, created=created, updated=updated)
    limit = min(params.limit, MAX_LIMIT)
    offset = (params.page - 1) * limit
    total = queryset.count()
    rows = list(queryset.order_by("pk")[offset : offset + limit]) if offset < total else []
    response["X-Pagination"] = pagination_header(total=total, page=params.page, limit=limit)
    return rows


def pagination_header(*, total: int, page: int, limit: int) -> str:
    """Katana's header: a JSON object whose values are all strings."""
    pages = math.ceil(total / limit)
    values = {
        "total_records": total,
        "total_pages": pages,
        "offset": (page - 1) * limit,
        "page": page,
        "first_page": "true" if page == 1 else "false",
        "last_page": "true" if page >= pages else "false",
    }
    return json.dumps({key: str(value) for key, value in values.items()}, separators=(",", ":"))


def _common_filters[M: Model](
    queryset: QuerySet[M], params: ListParams, *, created: str | None, updated: str | None
) -> QuerySet[M]:
    fields = {f.name for f in queryset.model._meta.get_fields()}
    lookups: dict[str, Any] = {}
    if params.ids is not None:
        lookups["pk__in"] = params.ids
    for column, low, high in (
        (created, params.created_at_min, params.created_at_max),
        (updated, params.updated_at_min, params.updated_at_max),
    ):
        if column and low is not None:
            lookups[f"{column}__gte"] = low
        if column and high is not None:
            lookups[f"{column}__lte"] = high
    if "deleted_at" in fields and not params.include_deleted:
        lookups["deleted_at__isnull"] = True
    if "archived_at" in fields and not getattr(params, "include_archived", True):
        lookups["archived_at__isnull"] = True
    return queryset.filter(**lookups)
