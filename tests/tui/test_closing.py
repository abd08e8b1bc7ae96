"""Quitting while a screen is still being put up closes the app without a traceback, and a
real fault as it closes is still one."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual.css.query import NoMatches
from textual.screen import Screen

from tui.app import CaselineApp
from tui.closing import torn_down
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.notes.note_editor import NoteEditorScreen

from .helpers import loaded

MakeApp = Callable[..., CaselineApp]

SCREENS: dict[str, Callable[[], Screen[object]]] = {
    "note editor": lambda: NoteEditorScreen(1, "a case"),
    "case file": lambda: CaseFileScreen(1),
}


@pytest.mark.parametrize("turns", [0, 1, 2, 3, 5])
@pytest.mark.parametrize("screen", SCREENS)
async def test_quitting_as_a_screen_is_put_up(make_app: MakeApp, screen: str, turns: int) -> None:
    """The screen's parts, and Textual's tabs' and selects', are taken away as they mount:
    what they look for on mount is gone. Each number of turns of the loop between the push
    and the quit catches the mounting at another point."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.push_screen(SCREENS[screen]())
        for _ in range(turns):
            await asyncio.sleep(0)
        app.exit()
    assert app.return_code == 0


def test_only_what_a_closing_takes_away_is_left_quiet() -> None:
    def raised(fault: Callable[[], object]) -> BaseException:
        try:
            fault()
        except Exception as error:
            return error
        raise AssertionError("no error")

    def on_mount() -> None:
        raise ValueError("No Tab with id '--content-tab-overview'")

    def save() -> None:
        raise ValueError("a fault of the app's own")

    def query() -> None:
        raise NoMatches("No nodes match '#contact_at'")

    assert torn_down(raised(on_mount))
    assert torn_down(raised(query))
    assert not torn_down(raised(save))
