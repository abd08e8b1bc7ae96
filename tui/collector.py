"""Full garbage collections while nobody is typing, not in the middle of a keystroke.

A full collection of the cyclic garbage collector looks at every object the app holds that was
not frozen at start-up (``CaselineApp.started``): with all workers' cases listed and a case of
500 notes open, some 75,000 objects, 45 to 85 ms on a 2-core machine. Python starts one after
every tenth collection of the middle generation, wherever that falls: in the turn of a key, in
the first frame of a tab. The app starts them itself instead, once the keyboard has been quiet
for a moment (``QUIET_SECONDS``); the two younger generations are still collected as Python
always does them (a few milliseconds at most). If typing goes on for so long that a full
collection is well overdue (``OVERDUE``), it runs anyway: memory stays bounded.

Python's own thresholds are put back when the app ends (the test suite runs many apps in one
process).
"""

from __future__ import annotations

import gc
from collections.abc import Callable

QUIET_SECONDS = 1.0  # the keyboard quiet this long: a full collection that is due may run
CHECK_SECONDS = 0.5  # how often to look
DUE = 10  # middle-generation collections since the last full one: Python's own threshold
OVERDUE = 20  # ... and this many: it runs even while the typing goes on
NEVER = 1_000_000  # as the third threshold: Python never starts a full collection itself


def pending() -> int:
    """Collections of the middle generation since the last full collection."""
    return gc.get_count()[2]


class IdleCollector:
    """Makes the full collections itself, when the keyboard has been quiet (``check``).

    ``quiet_for`` says how long it has been since the last key; ``pending`` and ``collect``
    are replaceable in tests."""

    def __init__(
        self,
        quiet_for: Callable[[], float],
        *,
        pending: Callable[[], int] = pending,
        collect: Callable[[], object] = gc.collect,
    ) -> None:
        self._quiet_for = quiet_for
        self._pending = pending
        self._collect = collect
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        """From now on Python collects the younger generations only."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            first, middle, _full = self._thresholds
            gc.set_threshold(first, middle, NEVER)

    def stop(self) -> None:
        """Python's thresholds as they were."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def check(self) -> bool:
        """Collect everything if a full collection is due and the keyboard is quiet, or if it
        is well overdue; True if it did."""
        if self._thresholds is None:
            return False
        waiting = self._pending()
        if waiting >= OVERDUE or (waiting >= DUE and self._quiet_for() >= QUIET_SECONDS):
            self._collect()
            return True
        return False
