"""How the caseload looks at 80x24 with cases marked for a transfer of several."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.snapshots.test_screens import app_for, demo_db, settle
from tests.tui.waiting import until
from tui.screens.caseload.case_table import CaseTable

__all__ = ["demo_db"]  # the fixture, shared with the other snapshots


def test_caseload_with_marked_rows_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("space", "down", "space", "space")
        cases = pilot.app.screen.query_one(CaseTable)
        await until(pilot, lambda: len(cases.marked) == 3)
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)
