"""How a worker's supervision record looks at 80x24: a supervisor's draft on top, then the
finalised notes newest first, one amended."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from store.service import Store
from tests.snapshots.test_screens import settle
from tests.store.test_team_load import case_for, staffed
from tui.app import CaselineApp

SESSIONS = (
    ("4/9/2026", "Induction: the caseload, the recording standards.", ""),
    (
        "2/10/2026",
        "## Caseload\nSix cases; the Cole family takes most of the week.",
        "Shadow a case conference.",
    ),
    (
        "6/11/2026",
        "Wellbeing: a hard month. Talked through the Bello visit.",
        "Book the safeguarding refresher; move one case to Sam.",
    ),
)


def supervised(path: Path) -> None:
    store = Store.open(path)
    try:
        people = staffed(store)
        sue, nia = people["sue.super"], people["nia.north"]
        case_for(store, nia, "Aisha Bello")
        ids = [
            store.supervision.finalise(
                sue, nia.id, {"held_on": held, "body": body, "agreed_actions": actions}
            ).id
            for held, body, actions in SESSIONS
        ]
        store.supervision.amend(sue, ids[1], reason="Wrong family", body="The Dunn family.")
        store.supervision.save_draft(sue, nia.id, {"held_on": "today", "body": "Started: leave"})
    finally:
        store.close()


@pytest.fixture
def supervised_db(
    tmp_path: Path, prebuilt: Callable[[Path, Callable[[Path], object]], Path]
) -> Path:
    return prebuilt(tmp_path / "supervision.db", supervised)


def test_supervision_record_80x24(snap_compare: Any, supervised_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    app = CaselineApp(db=supervised_db, worker="sue.super")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
