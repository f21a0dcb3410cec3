"""Signed-in clients and API keys per role, with quick password hashing."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from pytest_django.fixtures import Settings

from makeline.api.keys import create_api_key


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def static_root(settings: Settings, tmp_path: Path) -> None:
    settings.STATIC_ROOT = tmp_path


def make_user(role: str) -> User:
    """A user with this role (admin: a superuser, as `makeline user create --role admin`)."""
    name = role.replace(" ", "-")
    if role == "admin":
        return User.objects.create_superuser(name, password="x")
    user = User.objects.create_user(name, password="x")
    user.groups.add(Group.objects.get_or_create(name=role)[0])  # flushed by e2e tests
    return user


@pytest.fixture
def browser(db: None) -> Callable[[str], Client]:
    """`browser("planner")`: a client signed in as a new user with that role."""

    def sign_in(role: str) -> Client:
        client = Client()
        client.force_login(make_user(role))
        return client

    return sign_in


class KeyClient:
    """Raw requests to /v1 with one bearer key (no spec check: 403 is our extension)."""

    def __init__(self, token: str) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **params: Any) -> tuple[int, Any]:
        response = self.client.get(f"/v1{path}", params, headers=self.headers)
        return response.status_code, json.loads(response.content or b"null")

    def post(self, path: str, body: Any, **headers: str) -> tuple[int, Any]:
        response = self.client.post(
            f"/v1{path}",
            json.dumps(body),
            content_type="application/json",
            headers={**self.headers, **headers},
        )
        return response.status_code, json.loads(response.content or b"null")

    def patch(self, path: str, body: Any) -> tuple[int, Any]:
        response = self.client.patch(
            f"/v1{path}", json.dumps(body), content_type="application/json", headers=self.headers
        )
        return response.status_code, json.loads(response.content or b"null")


@pytest.fixture
def api_as(db: None) -> Callable[[str], KeyClient]:
    """`api_as("viewer")`: an API client whose key acts as a new user with that role."""

    def issue(role: str) -> KeyClient:
        return KeyClient(create_api_key(name=f"key of {role}", user=make_user(role)).token)

    return issue
