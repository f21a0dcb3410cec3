"""Purchasing test fixtures."""

import pytest

from makeline.common import unit_of_work


@pytest.fixture
def touched(monkeypatch: pytest.MonkeyPatch) -> set[tuple[int, int]]:
    """The (variant, location) pairs the services touch, instead of running the replan."""
    keys: set[tuple[int, int]] = set()
    monkeypatch.setattr(unit_of_work, "_hooks", [keys.update])
    return keys
