"""A signed-in client for the screens, with quick password hashing."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.fixtures import Settings

PASSWORD = "correct horse"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    # The production hasher is slow on purpose; tests only need a working one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def static_root(settings: Settings, tmp_path: Path) -> None:
    # WhiteNoise warns when STATIC_ROOT does not exist yet (collectstatic has not run).
    settings.STATIC_ROOT = tmp_path


@pytest.fixture
def person(db: None) -> User:
    return User.objects.create_user(username="maria", password=PASSWORD)


@pytest.fixture
def signed_in(client: Client, person: User) -> Client:
    client.force_login(person)
    return client
