"""How the close form with its closure checklist looks at 80x24, on the seeded demo data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.containers import VerticalScroll
from textual.pilot import Pilot

from store.service import Store
from tests.snapshots.test_screens import ME, app_for, demo_db, settle
from tests.tui.waiting import until
from tui.screens.case_file.closing import ClosureChecklistList

__all__ = ["demo_db"]  # the fixture, shared with the other snapshots


def _first_case_partly_checked(path: Path) -> int:
    """The first of the worker's open cases with a plan (so every hint has something to say),
    with one item ticked and one not applicable."""
    store = Store.open(path)
    try:
        me = store.workers.ensure(ME)
        case_id = next(row.id for row in store.cases.caseload(me) if row.has_plan)
        store.cases.mark_closure_item(me, case_id, "achievements", {"state": "done"}, version=0)
        store.cases.mark_closure_item(
            me,
            case_id,
            "independence",
            {"state": "not applicable", "reason": "Manages her own appointments"},
            version=0,
        )
    finally:
        store.close()
    return case_id


def test_close_form_with_checklist_80x24(snap_compare: Any, demo_db: Path) -> None:
    case_id = _first_case_partly_checked(demo_db)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_case(case_id)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        checklist = pilot.app.screen.query_one(ClosureChecklistList)
        # Loaded, highlighted and focused, with nothing else (the form's first field) about to
        # take the focus: under load these arrive in any order.
        await until(
            pilot,
            lambda: (
                checklist.option_count == 6
                and checklist.highlighted == 0
                and pilot.app.focused is checklist
            ),
        )
        await settle(pilot)
        # Focusing the list may scroll the form a line or not, by timing: show it from the top.
        pilot.app.screen.query_one("#form", VerticalScroll).scroll_home(animate=False)
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)
