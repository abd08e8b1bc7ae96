"""Opening and closing cases leaves nothing behind: the case files closed are freed, and with
them the lines their widgets drew, however many cases are opened."""

from __future__ import annotations

import asyncio
import gc
import time
import weakref
from collections.abc import Callable

from textual.widgets import TabbedContent

from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen

from .helpers import loaded

MakeApp = Callable[..., CaselineApp]
OPENS = 8


async def test_every_case_file_closed_is_freed_with_what_its_widgets_drew(
    make_app: MakeApp,
) -> None:
    app = make_app()
    screens: list[weakref.ref[object]] = []
    drawn: list[weakref.ref[object]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for _ in range(OPENS):
            await pilot.press("enter")
            await loaded(pilot)
            screen = app.screen
            assert isinstance(screen, CaseFileScreen)
            screens.append(weakref.ref(screen))
            # What a widget drew is kept with it (its styles cache): freed with it, or not.
            drawn.append(weakref.ref(screen.query_one(TabbedContent)._styles_cache))
            del screen
            await pilot.press("escape")
            await loaded(pilot)
            assert isinstance(app.screen, CaseloadScreen)
            await pilot.press("down")
        # A background thread would keep the context of the last store call it ran (Textual's
        # active worker, and through it that call's screen) until it ran another; run_store
        # lets go of it as each call ends, so no case file closed is held. (A thread still
        # ending as the app closes, on a busy machine, is given a moment.)
        deadline = time.monotonic() + 2
        while True:
            gc.collect()
            alive = [i for i, s in enumerate(screens) if s() is not None]
            if not alive or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.05)
        assert alive == []
        # And a screen freed is freed whole: nothing its widgets drew stays behind.
        kept = [i for i, d in enumerate(drawn) if d() is not None and i not in alive]
        assert kept == []
