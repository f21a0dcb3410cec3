"""Run a client coroutine to the end, whatever event loop the test process already has.

Playwright's sync API (the browser tests) leaves an event loop running in the main thread,
and `asyncio.run` refuses to start inside one; a short-lived thread has none.
"""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run_async[T](coroutine: Coroutine[Any, Any, T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
