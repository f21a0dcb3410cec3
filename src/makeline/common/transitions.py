"""The one place where a document's status changes are checked against its transition table."""

from collections.abc import Mapping
from enum import StrEnum

from makeline.common.errors import InvalidTransition

type TransitionTable[S: StrEnum] = Mapping[S, frozenset[S]]


def ensure_transition[S: StrEnum](
    current: S | str, target: S, table: TransitionTable[S], *, document: str
) -> None:
    """Raise InvalidTransition unless `table` allows `current` → `target`."""
    allowed = table.get(type(target)(current), frozenset())
    if target not in allowed:
        raise InvalidTransition(
            f"{document} cannot go from {current} to {target}",
            field="status",
        )
