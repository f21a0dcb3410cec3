"""Bearer-key authentication, which also counts the key's requests for the rate limit,
checks the key's user may do this (roles, makeline.access) and makes that user the actor
of the audit trail."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from makeline.access.roles import api_capability, may
from makeline.api.keys import active_key, record_use
from makeline.api.models import ApiKey
from makeline.api.ratelimit import RateLimited, count_request
from makeline.common.audit import set_actor


class Forbidden(Exception):
    """The key is valid but its user's role does not allow this request (answered 403)."""


class ApiKeyAuth(HttpBearer):
    """`Authorization: Bearer <key>`; sets request.auth to the ApiKey (user: api_key.user)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        api_key = active_key(token.strip())
        if api_key is None:
            return None
        state = count_request(api_key.pk)
        # The headers go on every answer to this key, the 429 included (see site.py).
        request_any: Any = request
        request_any.rate_state = state
        if state is not None and state.exceeded:
            raise RateLimited(state)
        record_use(api_key)
        if not may(api_key.user, api_capability(request.method or "GET", request.path)):
            raise Forbidden
        set_actor(api_key.user_id, "api")  # reset by the access middleware after the request
        return api_key


def key_of(request: HttpRequest) -> ApiKey:
    """The authenticated key of an API request."""
    api_key: Any = getattr(request, "auth", None)
    assert isinstance(api_key, ApiKey)
    return api_key
