"""Reading a case for its file, and painting it once, read.

A case opened used to be painted six or seven times over: empty ("Loading…"), then as each
part arrived (the case, its record health a second read later, the focus, the footer). Now
the case and its health are read together in one thread, and the screen is first painted
once they are shown (``hold_first_paint``): its first frame is the case, and the only one
(its summary, the tab's underline, the lists and the notices on show are in it, and the
screen is not drawn whole again: ``tui.widgets.textual_fixes``, 6, 9 and 10, and
``textual_fixes_more``, 12). A read that takes longer than ``FIRST_PAINT_WAIT`` (a database
on a slow disk) lets the screen paint "Loading…" meanwhile. Keys typed in that moment wait
for the case, in order (the case file's keys, `I`, `M`, `e`, act on the case read), for at
most two seconds (``tui.widgets.held_input.HOLD_AT_MOST_SECONDS``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.widgets import TabbedContent

from tui.screens.chronology.pane import ChronologyTable
from tui.widgets.held_input import HoldsInput
from tui.widgets.markdown import SafeMarkdown
from tui.widgets.textual_fixes import underline_at_once
from tui.widgets.textual_fixes_more import notices_now

if TYPE_CHECKING:
    from textual.screen import Screen

    from store.case_file.records import CaseFile
    from store.common.records import WorkerInfo
    from store.reminders.records import CaseHealth
    from store.service import Store

# A case read: its file, its chronology's folded text, the store's version then, its health.
Shown = tuple["CaseFile", dict[int, str] | None, int, "CaseHealth"]

FIRST_PAINT_WAIT = 0.5  # seconds the first paint waits for the case to be read


def case_reader(
    store: Store,
    me: WorkerInfo,
    case_id: int,
    *,
    notes: tuple[str, str | None] | None,
    plan: bool,
    opening: bool,
) -> Callable[..., Shown]:
    """The read of the case (to run in a worker thread, with the reason for opening a
    restricted case when it is asked for): the file with what the built tabs need, the
    chronology's keys, the store's version and the record's health."""

    def read(reason: str | None = None) -> Shown:
        # The version before the read (a write in between: read again next time); after
        # it when opening, which is audited, a write of our own.
        version = None if opening else store.data_version()
        loaded = store.case_file.view(
            me, case_id, notes=notes, plan=plan, opening=opening, reason=reason
        )
        if version is None:
            version = store.data_version()
        health = store.reminders.health(me, case_id)
        return loaded, ChronologyTable.keys_for(loaded.chronology), version, health

    return read


async def hold_first_paint(screen: Screen[Any], shown: asyncio.Event) -> None:
    """Wait (in the screen's ``on_mount``, before which nothing of it is painted) until the
    case is shown or could not be, its summary's Markdown mounted (which holds every update
    of the app while it is), or ``FIRST_PAINT_WAIT`` has passed; then put in what Textual
    would draw in frames of its own after the first: the tab's underline and the notices."""

    async def ready() -> None:
        await shown.wait()
        for markdown in screen.query(SafeMarkdown):
            await markdown.shown()

    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(ready(), FIRST_PAINT_WAIT)
    if isinstance(screen, HoldsInput) and not shown.is_set():
        screen.hold_input_until(shown)
    underline_at_once(screen.query_one(TabbedContent))
    await notices_now(screen)


def focus_first(screen: Screen[Any], selector: str) -> None:
    """Focus the first widget matching ``selector``, as the screen comes up, without
    scrolling to it: a tab is shown from its top."""
    found = screen.query(selector)
    if found and screen.focused is None:
        screen.set_focus(found.first(), scroll_visible=False)
