"""Issuing, finding and revoking API keys (services and the one selector the auth needs).

A key is `secrets.token_urlsafe(32)` (43 characters); the database keeps its SHA-256 hash
and its first 8 characters, never the key.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from makeline.api.models import ApiKey
from makeline.common.errors import Conflict, DomainError, NotFound
from makeline.common.unit_of_work import atomic_service

PREFIX_LENGTH = 8
# Writing last_used_at on every request would turn each read into a write; once a minute
# is precise enough to tell a key in use from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class IssuedKey:
    api_key: ApiKey
    token: str  # the only time the full key exists outside the client


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@atomic_service
def create_api_key(*, name: str, user: User) -> IssuedKey:
    """Make a new key acting as `user`; the returned token is never stored."""
    name = (name or "").strip()
    if not name:
        raise DomainError("the key needs a name", field="name")
    if ApiKey.objects.filter(name=name, revoked_at__isnull=True).exists():
        raise Conflict(f"an active key named {name!r} exists already", field="name")
    if not user.is_active:
        raise DomainError(f"user {user.username!r} is not active", field="user")
    token = secrets.token_urlsafe(32)
    api_key = ApiKey.objects.create(
        name=name, user=user, prefix=token[:PREFIX_LENGTH], key_hash=hash_token(token)
    )
    return IssuedKey(api_key=api_key, token=token)


@atomic_service
def revoke_api_key(*, name_or_prefix: str) -> ApiKey:
    """Revoke the one active key with this name or prefix (refuses an ambiguous match)."""
    wanted = (name_or_prefix or "").strip()
    matches = list(
        ApiKey.objects.filter(revoked_at__isnull=True).filter(Q(name=wanted) | Q(prefix=wanted))
    )
    if not wanted or not matches:
        raise NotFound(f"no active key is named or starts with {wanted!r}", field="name")
    if len(matches) > 1:
        raise Conflict(
            f"{len(matches)} active keys match {wanted!r}; give the full name", field="name"
        )
    api_key = matches[0]
    api_key.revoked_at = timezone.now()
    api_key.save(update_fields=["revoked_at"])
    return api_key


def active_key(token: str) -> ApiKey | None:
    """The active key for a bearer token, with its user, or None."""
    if len(token) < PREFIX_LENGTH:
        return None
    candidates = ApiKey.objects.select_related("user").filter(
        prefix=token[:PREFIX_LENGTH], revoked_at__isnull=True, user__is_active=True
    )
    digest = hash_token(token)
    for api_key in candidates:
        if secrets.compare_digest(api_key.key_hash, digest):
            return api_key
    return None


def record_use(api_key: ApiKey) -> None:
    """Note that the key was used now (at most one write a minute per key)."""
    now = timezone.now()
    if api_key.last_used_at and now - api_key.last_used_at < LAST_USED_PRECISION:
        return
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    api_key.last_used_at = now
