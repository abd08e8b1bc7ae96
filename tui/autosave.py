"""Saving a draft in the background, on time even when the machine is busy.

The draft is written by a thread of its own, armed by the first change after the last save and
woken at its deadline by the operating system. A Textual timer runs on the event loop, behind
every keystroke and repaint waiting there, and a thread worker waits for a free thread in a
shared pool: on a loaded machine either could leave typing unsaved for several seconds, and a
killed process lost it. The thread reads the fields itself (plain values, no drawing), writes,
and tells the screen the time the write committed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from textual.message import Message


class DraftSaver:
    """Calls ``save`` in its own thread at most ``delay`` seconds after ``changed()``."""

    def __init__(
        self,
        save: Callable[[], None],
        *,
        delay: float,
        failed: Callable[[Exception], object],
        name: str = "caseline-draft-saver",
    ) -> None:
        """``save`` runs in the saver's thread and must only read the screen's fields;
        ``failed`` is told of an error (also in the saver's thread)."""
        self._save = save
        self._failed = failed
        self._delay = delay
        self._wake = threading.Condition()
        self._due: float | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def changed(self) -> None:
        """Something was typed: save within ``delay`` (the first unsaved change sets it)."""
        with self._wake:
            if self._due is None:
                self._due = time.monotonic() + self._delay
                self._wake.notify()

    def flush(self) -> None:
        """Save now (if ``save`` finds anything to save)."""
        with self._wake:
            self._due = time.monotonic()
            self._wake.notify()

    def stop(self) -> None:
        """No more saves; a save already running finishes."""
        with self._wake:
            self._stopped = True
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._stopped and (self._due is None or time.monotonic() < self._due):
                    timeout = None if self._due is None else self._due - time.monotonic()
                    self._wake.wait(timeout)
                if self._stopped:
                    return
                self._due = None  # a change from here on arms the next save
            try:
                self._save()
            except Exception as exc:
                self._failed(exc)


class DraftSaved(Message):
    """An editor's draft was written; ``at`` is when the write committed (local time)."""

    def __init__(self, at: str) -> None:
        super().__init__()
        self.at = at


class DraftFailed(Message):
    """Writing an editor's draft failed."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error
