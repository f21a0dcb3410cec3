"""A CliRunner for `makeline`, a way to stand in for an optional module, quick hashing."""

import sys
import types
from typing import Any

import pytest
from pytest_django.fixtures import Settings
from typer.testing import CliRunner


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    # The production hasher is slow on purpose; tests only need a working one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def fake_module(monkeypatch: pytest.MonkeyPatch) -> Any:
    """`fake_module(name, **attributes)` installs a module; `fake_module(name, None)` hides it."""

    def install(name: str, missing: object = (), **attributes: object) -> None:
        if missing is None:
            monkeypatch.setitem(sys.modules, name, None)
            return
        module = types.ModuleType(name)
        for key, value in attributes.items():
            setattr(module, key, value)
        monkeypatch.setitem(sys.modules, name, module)

    return install
