"""The unit of work: one database transaction per business operation, plus what must happen
inside it just before it commits.

Every service runs inside `unit_of_work()` (or the `@atomic_service` decorator). Services
that change supply or demand call `touch(variant_id, location_id)`; when the outermost unit
of work ends without an error, the registered before-commit hooks run with every touched
(variant, location) pair, still inside the transaction. The planning app registers the
incremental replan there, so a committed change never leaves stale availability behind and
lower apps never import planning. After-commit work (webhooks) uses `on_commit` as usual.
"""

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

type Key = tuple[int, int]
type Hook = Callable[[frozenset[Key]], None]

_hooks: list[Hook] = []
_local = threading.local()


def register_before_commit(hook: Hook) -> None:
    """Run `hook(touched_keys)` at the end of every outermost unit of work that touched keys."""
    if hook not in _hooks:
        _hooks.append(hook)


def touch(variant_id: int, location_id: int) -> None:
    """Record that supply or demand of this variant at this location changed."""
    touched: set[Key] | None = getattr(_local, "touched", None)
    if touched is None:
        raise RuntimeError("touch() outside a unit of work")
    touched.add((variant_id, location_id))


def touch_all(keys: set[Key] | frozenset[Key]) -> None:
    for variant_id, location_id in keys:
        touch(variant_id, location_id)


@contextmanager
def unit_of_work() -> Iterator[None]:
    """A transaction; the outermost one runs the before-commit hooks on what was touched."""
    outermost = getattr(_local, "touched", None) is None
    if outermost:
        _local.touched = set()
    try:
        with transaction.atomic():
            yield
            if outermost:
                _flush()
    finally:
        if outermost:
            _local.touched = None


def _flush() -> None:
    # Hooks may touch more keys (a replan does not, but keep the loop honest).
    while _local.touched:
        keys = frozenset(_local.touched)
        _local.touched = set()
        for hook in _hooks:
            hook(keys)


def atomic_service[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Decorate a service so it runs in a unit of work."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with unit_of_work():
            return func(*args, **kwargs)

    return wrapper


def pending_keys() -> frozenset[Key]:
    """The keys touched so far in the current unit of work (for tests and diagnostics)."""
    touched: Any = getattr(_local, "touched", None)
    return frozenset(touched or ())
