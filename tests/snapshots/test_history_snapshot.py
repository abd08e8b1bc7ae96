"""How a case's history of changes looks at 80x24, on the seeded demo data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from store.service import Store
from tests.snapshots.test_screens import ME, app_for, demo_db, settle

__all__ = ["demo_db"]  # the fixture, shared with the other snapshots


def _case_with_most_history(path: Path) -> int:
    store = Store.open(path)
    me = store.workers.ensure(ME)
    try:
        counts = {
            row.id: len(store.case_file.case_history(me, row.id))
            for row in store.cases.caseload(me)
        }
    finally:
        store.close()
    return max(counts, key=lambda case_id: (counts[case_id], -case_id))


def test_history_80x24(snap_compare: Any, demo_db: Path) -> None:
    case_id = _case_with_most_history(demo_db)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_case(case_id)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)
