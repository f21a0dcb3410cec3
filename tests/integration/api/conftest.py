"""An API client for the tests: sends the bearer key, decodes the answer and checks every
answer against Katana's spec (tests/integration/api/conformance.py)."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.fixtures import Settings

from makeline.api.keys import IssuedKey, create_api_key
from tests.integration.api.conformance import assert_conforms


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    headers: Mapping[str, str]

    @property
    def data(self) -> list[dict[str, Any]]:
        assert isinstance(self.body, dict), self.body
        return self.body["data"]  # type: ignore[no-any-return]

    @property
    def pagination(self) -> dict[str, str]:
        return json.loads(self.headers["X-Pagination"])  # type: ignore[no-any-return]


class Api:
    """Requests to /v1 as one key; `token=None` sends no Authorization header."""

    def __init__(self, client: Client, token: str | None) -> None:
        self.client = client
        self.token = token

    def as_token(self, token: str | None) -> "Api":
        return Api(self.client, token)

    def get(self, path: str, **params: Any) -> Answer:
        return self._call("get", path, params)

    def post(self, path: str, body: Any) -> Answer:
        return self._call("post", path, json.dumps(body))

    def patch(self, path: str, body: Any) -> Answer:
        return self._call("patch", path, json.dumps(body))

    def delete(self, path: str) -> Answer:
        return self._call("delete", path, None)

    def _call(self, method: str, path: str, data: Any) -> Answer:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token is not None else {}
        extra: dict[str, Any] = {} if method == "get" else {"content_type": "application/json"}
        response = getattr(self.client, method)(f"/v1{path}", data, headers=headers, **extra)
        body = json.loads(response.content) if response.content else None
        assert_conforms(method, path, response.status_code, body)
        return Answer(response.status_code, body, response.headers)


@pytest.fixture(autouse=True)
def api_urls_only(settings: Settings) -> None:
    settings.ROOT_URLCONF = "tests.integration.api.urls"


@pytest.fixture
def api_user(db: None) -> User:
    return User.objects.create_user("api-robot", email="robot@example.com", first_name="Ro")


@pytest.fixture
def issued_key(api_user: User) -> IssuedKey:
    return create_api_key(name="tests", user=api_user)


@pytest.fixture
def api(client: Client, issued_key: IssuedKey) -> Api:
    return Api(client, issued_key.token)
