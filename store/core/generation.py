"""Whether what a screen shows could have changed since it was read: a count of the commits
that may have changed it, this process's own and anyone else's, leaving out the audit of a
reading (opening a case writes that it was opened, and changes nothing shown).

A screen keeps the count read with its records and, coming back into view, reads them again
only if the count has moved (``Store.data_version``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from store.core.dialect import ChangeWatch

_unseen = threading.local()


@contextmanager
def unseen() -> Iterator[None]:
    """Commits made inside (on this thread) change nothing a screen shows: the audit trail's
    note that a record was opened."""
    _unseen.on = True
    try:
        yield
    finally:
        _unseen.on = False


class Generation(ChangeWatch):
    """The count: told of each of this process's commits as a watch is (``Database.writing``),
    and finding others' by SQLite's ``data_version``, as a watch does."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._count = 0

    def count(self) -> int:
        with self._lock:
            version = self._read()
            if version != self._version:  # someone else committed
                self._version = version
                self._count += 1
            return self._count

    def before_own_commit(self) -> None:
        with self._lock:
            if self._read() != self._version:
                self._count += 1

    def after_own_commit(self) -> None:
        with self._lock:
            version = self._read()
            # A transaction that wrote nothing leaves the version as it was: no change.
            if version != self._version and not getattr(_unseen, "on", False):
                self._count += 1
            self._version = version
