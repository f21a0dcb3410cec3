"""`Idempotency-Key` on API POSTs (our extension, docs/api.md): a retried POST gets the
stored answer of the first one instead of acting twice.

Same key (per API key) + same body → the first answer again (status and body), no second
effect; same key + another body → 422. The first request stores a placeholder inside the
transaction that runs it, so a concurrent retry waits for it (unique key) instead of acting
too. Only successful answers (2xx) are kept: after a refusal nothing happened, so the
retry runs again. Keys expire after 24 hours.
"""

import functools
import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

from makeline.access.models import IdempotencyRecord
from makeline.api.errors import validation_body
from makeline.api.keys import active_key

HEADER = "Idempotency-Key"
LIFETIME = timedelta(hours=24)
REUSED = "This Idempotency-Key was already used with a different request body; use a new key."
BUSY = "A request with this Idempotency-Key is still running; retry in a moment."


def with_idempotency(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap the API's view run: POSTs carrying the header are answered at most once."""

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        key = request.headers.get(HEADER, "").strip()
        api_key_id = _api_key_id(request) if request.method == "POST" and key else None
        if api_key_id is None:
            return run(request, *args, **kwargs)
        body_hash = hashlib.sha256(request.body).hexdigest()
        _expire()
        stored = _stored(api_key_id, key)
        if stored is not None:
            return _replay(stored, body_hash)
        try:
            with transaction.atomic():
                return _first(run, request, args, kwargs, api_key_id, key, body_hash)
        except IntegrityError:  # a concurrent request with this key won
            stored = _stored(api_key_id, key)
            return _replay(stored, body_hash) if stored else _refuse(BUSY)

    return wrapper


def _first(
    run: Callable[..., HttpResponseBase],
    request: HttpRequest,
    args: Any,
    kwargs: Any,
    api_key_id: int,
    key: str,
    body_hash: str,
) -> HttpResponseBase:
    with transaction.atomic():  # a savepoint, so a lost race leaves the transaction usable
        record = IdempotencyRecord.objects.create(
            key=key, api_key_id=api_key_id, body_hash=body_hash
        )
    response = run(request, *args, **kwargs)
    if 200 <= response.status_code < 300 and isinstance(response, HttpResponse):
        record.status = response.status_code
        record.response_body = response.content
        record.save(update_fields=["status", "response_body"])
    else:
        record.delete()
    return response


def _replay(record: IdempotencyRecord, body_hash: str) -> HttpResponse:
    if record.body_hash != body_hash:
        return _refuse(REUSED)
    if record.status == 0:
        return _refuse(BUSY)
    response = HttpResponse(
        bytes(record.response_body), status=record.status, content_type="application/json"
    )
    response["Idempotent-Replayed"] = "true"
    return response


def _refuse(message: str) -> JsonResponse:
    detail = {"path": "", "code": "idempotency", "message": message, "info": {}}
    return JsonResponse(validation_body([detail], message), status=422)


def _stored(api_key_id: int, key: str) -> IdempotencyRecord | None:
    return IdempotencyRecord.objects.filter(api_key_id=api_key_id, key=key).first()


def _expire() -> None:
    IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - LIFETIME).delete()


def _api_key_id(request: HttpRequest) -> int | None:
    # The bearer key is authenticated again by the view itself; this only scopes the key.
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    api_key = active_key(token.strip())
    return None if api_key is None else api_key.pk
