"""Progress and cancel checks for the writers: every thousand codings, and at least twice a second.

A count alone left the progress bar still for ten seconds on a large project (a thousand
codings with long context sentences on a busy machine); the clock makes it move whatever
the pace. Reading the monotonic clock once per coding costs far less than writing the row.
"""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["Ticker", "PROGRESS_SECONDS"]

PROGRESS_SECONDS = 0.5
clock: Callable[[], float] = time.monotonic  # replaceable in tests: never a wall-clock assert


class Ticker:
    """``tick(n)`` after each coding: reports ``progress(n)`` and asks ``cancelled()`` when due."""

    def __init__(self, progress: Callable[[int], None] | None, cancelled: Callable[[], bool] | None,
                 every: int, cancel_error: type[Exception]) -> None:
        self.progress, self.cancelled, self.every, self.cancel_error = progress, cancelled, every, cancel_error
        self.last = clock()

    def __call__(self, n: int) -> None:
        now = clock()
        if n % self.every and now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        if self.cancelled is not None and self.cancelled():
            raise self.cancel_error("export cancelled")
        if self.progress is not None:
            self.progress(n)
