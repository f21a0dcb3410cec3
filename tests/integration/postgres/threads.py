"""Run a function in several threads at once, each on its own database connection.

The threads wait at a barrier so they hit the database together; each one closes its
connections when done (the test's own connection is the main thread's). A thread's result
is what the function returned, or the exception it raised: tests assert on both.
"""

import threading
from collections.abc import Callable

from django.db import connections

TIMEOUT = 30.0


def race[T](n: int, work: Callable[[int], T]) -> list[T | BaseException]:
    """Call `work(0)` … `work(n - 1)` in n threads started together; return their outcomes."""
    barrier = threading.Barrier(n)
    outcomes: list[T | BaseException] = [TimeoutError("never ran")] * n

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=TIMEOUT)
            outcomes[i] = work(i)
        except BaseException as exc:  # collected, the test decides what is acceptable
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    hung = [i for i, thread in enumerate(threads) if thread.is_alive()]
    assert not hung, f"threads {hung} still running after {TIMEOUT}s: a lock is never released"
    return outcomes


def failures(outcomes: list[object]) -> list[BaseException]:
    return [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
