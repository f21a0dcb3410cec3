"""Every error the API answers with, in Katana's bodies (reference §2.2). The one place
that turns exceptions into responses; `install(api)` registers the handlers.

- schema errors (unknown field, wrong type, missing field, bad query value) → 422 with
  Ajv-style details;
- DomainError → 422 with its message and a detail for its `field`;
- NotFound about the object in the URL (no `field`) → 404; a NotFound about an id given in
  the body (`field` set) is a 422, because the request, not the URL, is wrong;
- bad key → 401, a key whose user's role does not allow the request → 403 (our
  extension: Katana has no 403), over the rate limit → 429 + Retry-After, broken JSON → 400;
- anything else → 500 without a traceback (it is logged).
"""

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from makeline.api.ajv import ajv_detail
from makeline.api.auth import Forbidden
from makeline.api.ratelimit import RateLimited
from makeline.common.errors import DomainError, NotFound

logger = logging.getLogger("makeline.api")

NAMES = {
    400: ("BadRequest", "Bad Request"),
    401: ("UnauthorizedError", "Unauthorized"),
    403: ("ForbiddenError", "Forbidden"),
    404: ("NotFoundError", "Not found"),
    405: ("MethodNotAllowedError", "Method Not Allowed"),
    422: ("UnprocessableEntityError", "Unprocessable Entity"),
    429: ("TooManyRequests", "Too Many Requests"),
    500: ("InternalServerError", "Internal Server Error"),
}
INVALID_BODY = "The request body is invalid. See error object details property for more info."


def error_body(status: int, message: str | None = None) -> dict[str, Any]:
    name, default_message = NAMES.get(status, ("Error", "Error"))
    return {"statusCode": status, "name": name, "message": message or default_message}


def validation_body(details: list[dict[str, Any]], message: str = INVALID_BODY) -> dict[str, Any]:
    return {**error_body(422, message), "code": "VALIDATION_FAILED", "details": details}


def install(api: NinjaAPI) -> None:
    """Register the handlers on `api` (replacing django-ninja's defaults)."""
    handlers: list[tuple[type[Exception], Callable[[NinjaAPI, HttpRequest, Any], HttpResponse]]] = [
        (ValidationError, _on_validation),
        (DomainError, _on_domain),
        (RateLimited, _on_rate_limited),
        (AuthenticationError, lambda api, request, exc: _answer(api, request, error_body(401))),
        (Forbidden, lambda api, request, exc: _answer(api, request, error_body(403))),
        (HttpError, _on_http_error),
        (Http404, lambda api, request, exc: _answer(api, request, error_body(404))),
        (Exception, _on_unexpected),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, functools.partial(handler, api))


def _answer(api: NinjaAPI, request: HttpRequest, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=body["statusCode"])


def _on_validation(api: NinjaAPI, request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = [ajv_detail({**e, "loc": _relative(e.get("loc", ()))}) for e in exc.errors]
    return _answer(api, request, validation_body(details))


def _on_domain(api: NinjaAPI, request: HttpRequest, exc: DomainError) -> HttpResponse:
    if isinstance(exc, NotFound) and not exc.field:
        return _answer(api, request, error_body(404))
    # Ajv paths: ".field" for a property, "[0].field" for an item of a top-level array.
    path = "" if not exc.field else exc.field if exc.field.startswith("[") else f".{exc.field}"
    detail = {"path": path, "code": "domain", "message": exc.message, "info": {}}
    return _answer(api, request, validation_body([detail], exc.message))


def _on_rate_limited(api: NinjaAPI, request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = _answer(api, request, error_body(429))
    response["Retry-After"] = str(exc.state.retry_after)
    return response


def _on_http_error(api: NinjaAPI, request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _answer(api, request, error_body(exc.status_code if exc.status_code in NAMES else 400))


def _on_unexpected(api: NinjaAPI, request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API request failed: %s %s", request.method, request.path)
    return _answer(api, request, error_body(500))


def _relative(loc: Any) -> tuple[Any, ...]:
    # django-ninja prefixes the source ("body", "query", "path") and, for a body, the name
    # of the view's argument; Ajv paths start at the body (or the query string) itself.
    parts = tuple(loc)
    if parts[:1] == ("body",):
        return parts[2:]
    return parts[1:]
