"""Warming up once the caseload is up and nobody is typing: the screens a worker opens next
find their code loaded and their CSS read, and look just as they would have without it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet

from tui.app import WARM_UP_CSS, CaselineApp
from tui.screens.notes.note_editor import NoteEditorScreen

from .helpers import loaded
from .test_keys_after_a_read import open_case
from .waiting import until

MakeApp = Callable[..., CaselineApp]


async def _case_then_note(app: CaselineApp, warm: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Open the first case, then a note on it (warmed up first, or not): what each looked like
    and how often the whole stylesheet was parsed again as they opened."""
    reparsed: list[str] = []
    reparse = Stylesheet.reparse

    def counted(sheet: Stylesheet) -> None:
        reparsed.append(type(app.screen).__name__)
        reparse(sheet)

    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        if warm:
            await app._warm_up().wait()  # as the app does once quiet (not when headless)
            await loaded(pilot)
        monkeypatch.setattr(Stylesheet, "reparse", counted)
        await open_case(pilot)
        case_file = app.export_screenshot()
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        await loaded(pilot)
        note = app.export_screenshot()
        monkeypatch.setattr(Stylesheet, "reparse", reparse)
    return reparsed, case_file, note


async def test_the_first_case_and_note_opened_after_the_warm_up_find_their_css_read(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the warm-up, opening the first case and the first note each had Textual read
    their CSS files and parse every style in the app again (15 to 45 ms on the case's
    opening); after it, neither does, and both look exactly as they did."""
    cold = await _case_then_note(make_app(), False, monkeypatch)
    warm = await _case_then_note(make_app(), True, monkeypatch)
    assert cold[0] == ["CaseloadScreen", "CaseFileScreen"]  # pushed on top of each
    assert warm[0] == []
    assert warm[1] == cold[1]
    assert warm[2] == cold[2]


def test_the_screens_warmed_up_are_those_with_css_files_of_their_own() -> None:
    import importlib

    for module, name in WARM_UP_CSS:
        screen_class = getattr(importlib.import_module(module), name)
        assert screen_class.CSS_PATH and not screen_class.CSS
