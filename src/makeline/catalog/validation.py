"""Small input checks shared by the catalog's services."""

from typing import Any

from makeline.common.errors import DomainError


def required(value: str, field_name: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(f"{field_name.replace('_', ' ')} is required", field=field_name)
    return value


def default(value: bool | None, default: bool) -> bool:
    return default if value is None else value


def assign(obj: Any, changes: dict[str, Any], *, allowed: frozenset[str]) -> None:
    unknown = set(changes) - allowed
    if unknown:
        name = sorted(unknown)[0]
        raise DomainError(f"{name} cannot be changed here", field=name)
    for key, value in changes.items():
        setattr(obj, key, value)


def address_fields(fields: dict[str, str]) -> dict[str, str]:
    allowed = {
        "first_name",
        "last_name",
        "company",
        "phone",
        "line_1",
        "line_2",
        "city",
        "state",
        "zip",
        "country",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(f"unknown address field {sorted(unknown)[0]}", field=sorted(unknown)[0])
    return {k: v or "" for k, v in fields.items()}
