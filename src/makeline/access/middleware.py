"""Two middlewares for the screens: who acts (for the audit trail) and what they may do.

`AccessMiddleware` guards every screen in the "web" URL namespaces with the table in
roles.py (so a new screen is covered without touching it): signed-out visitors go to the
sign-in page, a signed-in user without the capability gets the 403 page. The API (/v1)
checks its keys itself (makeline.api.auth); the admin has Django's own checks.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from makeline.access.roles import forbidden, may, web_capability
from makeline.common.audit import reset_actor, set_actor


class ActorMiddleware:
    """Make the signed-in user the actor of whatever this request changes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        token = set_actor(user_id, "web")
        try:
            return self.get_response(request)
        finally:
            reset_actor(token)


class AccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.namespaces[:1] != ["web"]:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        needed = web_capability(request.method or "GET", match.namespace, match.url_name)
        return None if may(request.user, needed) else forbidden(request)
