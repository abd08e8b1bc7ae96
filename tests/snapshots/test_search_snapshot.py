"""How searching everywhere looks at 80x24: ctrl+f on the caseload, a word typed, the notes
found on two cases with the word highlighted, and a chronology entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.snapshots.test_screens import settle
from tests.tui.conftest import seeded
from tests.tui.test_search_ui import add_records
from tests.tui.waiting import until
from tui.app import CaselineApp
from tui.screens.search.screen import SearchScreen


def searchable(path: Path) -> None:
    seeded(path)
    add_records(path)


@pytest.fixture
def search_db(tmp_path: Path, prebuilt: Callable[[Path, Callable[[Path], object]], Path]) -> Path:
    return prebuilt(tmp_path / "search.db", searchable)


def test_search_results_80x24(snap_compare: Any, search_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(pilot.app.screen, SearchScreen))
        await pilot.press(*"rent")
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        await until(pilot, lambda: len(screen.hits) == 2)
        await settle(pilot)

    app = CaselineApp(db=search_db, worker="sam.okafor")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
