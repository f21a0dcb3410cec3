"""Shared pieces of the schemas: the request base class, constrained number types, lists."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

MAX_ID = 2_147_483_647

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Price = Annotated[Decimal, Field(ge=0, le=100_000_000_000)]
Quantity = Annotated[Decimal, Field(ge=0, le=999_999_999)]
LeadTime = Annotated[int, Field(ge=0, le=999)]
Uom = Annotated[str, Field(max_length=7)]


def storable_moment(value: Any) -> Any:
    """A date-time as the database takes it: in UTC. Refuse one that exists only in its own
    offset (0001-01-01T00:00+01:00 is in year 0 in UTC), which the database cannot store or
    compare; converting also spares PostgreSQL offsets beyond its ±15:59 (the fuzzer found
    both 500s)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=timezone.get_default_timezone())
        try:
            return aware.astimezone(UTC)
        except OverflowError:
            raise PydanticCustomError(
                "datetime_range", "should be a date-time between the years 1 and 9999 in UTC"
            ) from None
    return value


class RequestSchema(Schema):
    """A request body: unknown fields are refused (422 additionalProperties)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _storable_moments(cls, value: Any) -> Any:
        return storable_moment(value)


class Timestamps(Schema):
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Deletable(Timestamps):
    deleted_at: datetime | None = None


class ErrorResponse(Schema):
    statusCode: int  # noqa: N815 - Katana's wire name
    name: str
    message: str
