"""Reading again only when something changed: the one place a screen asks the store whether
anything was written since it last read what it shows (coming back to the caseload from a case,
or to a case from a note, reads nothing when nothing was written meanwhile).

A screen reads ``versioned(store, read)`` instead of ``read``: the store's version is taken
before the records, so a write between the two makes the version differ next time and the
screen reads again (never the other way round). ``if_changed`` later compares it, off the UI
thread like every store call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from tui.workers import run_store

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from store.service import Store

T = TypeVar("T")


def versioned(store: Store, read: Callable[[], T]) -> Callable[[], tuple[int, T]]:
    """``read`` with the version of the records it read (to run in a worker thread)."""

    def read_with_version() -> tuple[int, T]:
        version = store.data_version()
        return version, read()

    return read_with_version


def if_changed(
    node: DOMNode, store: Store, seen: int | None, reread: Callable[[], object], *, name: str
) -> None:
    """Call ``reread()`` on the UI thread if anything was written since version ``seen`` (or
    if ``seen`` is None: not known); otherwise nothing."""
    if seen is None:
        reread()
        return
    run_store(
        node,
        store.data_version,
        done=lambda now: None if now == seen else reread(),
        name=name,
    )
