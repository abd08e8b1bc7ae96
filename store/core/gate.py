"""Writes held until the database file has passed its check (``PRAGMA quick_check``).

The check reads the whole file: a second or more on an agency's database. The app has it run
in a thread while the caseload is read and drawn (``Store.open(..., check_later=True)``), and
every write of this process waits here meanwhile, in whatever thread it is made: an audit row
of a record read, a draft kept, a note. A database that fails its check is never written to:
the writes waiting, and any after, are refused with the check's own message.

A large file's check may be held (``Store.open(..., hold_check=True)``) until the app has
drawn its first screen and waits for it (``Store.checked``): beside the first frame it takes a
core of a small machine from it. A write, or anyone waiting for the check, begins it at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from store.common.errors import DamagedDatabase, StoreError

# A held check begins at the latest this long after the file was opened, should nothing begin
# it (an app that never drew its first screen).
HELD_AT_MOST_SECONDS = 5.0


class WriteGate:
    """Shut until the check it waits for is over: open if it passed, refusing every write
    with the check's own error if it failed."""

    def __init__(self) -> None:
        self._over = threading.Event()
        self._begun = threading.Event()
        self._refusal: tuple[type[StoreError], str] | None = None

    def run(self, check: Callable[[], None], *, held: bool = False) -> threading.Thread:
        """Run ``check`` in a thread of its own: the gate opens if it returns, and refuses
        every write if it raises (a file that could not be checked is not written to).
        ``held``: the check waits to begin until a write, or anyone waiting for it, asks."""

        def checking() -> None:
            self._begun.wait(HELD_AT_MOST_SECONDS)
            try:
                check()
            except StoreError as exc:
                self._refusal = (type(exc), str(exc))
            except BaseException as exc:
                self._refusal = (DamagedDatabase, f"The database could not be checked: {exc}.")
            finally:
                self._over.set()

        if not held:
            self._begun.set()
        thread = threading.Thread(target=checking, name="caseline-file-check", daemon=True)
        thread.start()
        return thread

    def settled(self, *, wait: bool = True) -> bool:
        """True if the check has passed (with ``wait``, once it is over); False if it is still
        running. Raises the check's error, a new one each time, if it failed."""
        if wait:
            self._begun.set()  # a write waits for no one to ask for the check
            self._over.wait()
        elif not self._over.is_set():
            return False
        if self._refusal is not None:
            kind, message = self._refusal
            raise kind(message)
        return True
