"""Requests per minute per API key, counted in Django's cache (fixed one-minute windows).

`settings.MAKELINE_API_RATE_LIMIT` (env MAKELINE_API_RATE_LIMIT) sets the limit; 0 switches
it off, the default for a self-hosted shop. Katana's own limit is 60. With several server
processes the cache must be shared (e.g. Redis or the database cache) for one count per key;
the default local-memory cache counts per process.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60


@dataclass(frozen=True, slots=True)
class RateState:
    limit: int
    remaining: int
    reset_ms: int  # epoch milliseconds when the window ends (Katana's X-Ratelimit-Reset)
    retry_after: int  # whole seconds until then

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0

    def headers(self) -> dict[str, str]:
        return {
            "X-Ratelimit-Limit": str(self.limit),
            "X-Ratelimit-Remaining": str(max(self.remaining, 0)),
            "X-Ratelimit-Reset": str(self.reset_ms),
        }


class RateLimited(Exception):
    """The key used up its requests for this window."""

    def __init__(self, state: RateState) -> None:
        super().__init__("Too Many Requests")
        self.state = state


def configured_limit() -> int:
    return int(getattr(settings, "MAKELINE_API_RATE_LIMIT", 0) or 0)


def count_request(key_id: int, *, now: float | None = None) -> RateState | None:
    """Count one request of this key; None when rate limiting is off."""
    limit = configured_limit()
    if limit <= 0:
        return None
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    counter = f"makeline:api-rate:{key_id}:{window}"
    cache.add(counter, 0, timeout=WINDOW_SECONDS * 2)
    try:
        used = cache.incr(counter)
    except ValueError:  # the entry expired between add and incr
        cache.set(counter, 1, timeout=WINDOW_SECONDS * 2)
        used = 1
    reset = (window + 1) * WINDOW_SECONDS
    return RateState(
        limit=limit,
        remaining=limit - used,
        reset_ms=reset * 1000,
        retry_after=max(1, math.ceil(reset - now)),
    )
