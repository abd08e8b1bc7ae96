"""How the assessment looks at 80x24: the tab with the current assessment, and the ratings
over time of a case assessed eight times (the latest six shown, the changes marked)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from store.service import Store
from tests.snapshots.test_screens import settle
from tests.tui.conftest import seeded
from tui.app import CaselineApp

ME = "sam.okafor"
CLIENT = "Aisha Bello"  # first on the seeded caseload
# Per assessment, a month apart: the ratings of domains 1 (physical health), 2 (mental
# health), 4 (housing), 5 (finances) and 9 (safety).
RATINGS = (
    ("medium need", "high need", "high need", "high need", "high need"),
    ("medium need", "high need", "high need", "medium need", "high need"),
    ("low need", "medium need", "high need", "medium need", "medium need"),
    ("low need", "medium need", "medium need", "medium need", "medium need"),
    ("low need", "high need", "medium need", "low need", "medium need"),
    ("no need", "medium need", "low need", "low need", "low need"),
    ("no need", "low need", "low need", "low need", "low need"),
    ("no need", "low need", "no need", "low need", "low need"),
)


def assessed(path: Path) -> None:
    seeded(path)
    store = Store.open(path)
    try:
        me = store.workers.ensure(ME)
        case_id = next(r.id for r in store.cases.caseload(me) if r.client_name == CLIENT)
        for month, ratings in enumerate(RATINGS, 3):
            draft = store.assessments.start(me, case_id, copy_last=month > 3)
            values = {
                "as_at": f"1/{month}/2026",
                "summary": "Settled with her two children in the **housing association** flat; "
                "arrears cleared in the summer.",
                "goals": "- Keep the flat\n- Back to college in January",
                "d4_strengths": "Pays the rent by standing order.",
                "d4_needs": "Damp in the children's bedroom.",
                "d4_client_view": "It's home now. I just want the damp sorted.",
                "d2_strengths": "Sees her counsellor every fortnight.",
                "d2_needs": "Low mood in the winter.",
            }
            for position, rating in zip((1, 2, 4, 5, 9), ratings, strict=True):
                values[f"d{position}_rating"] = rating
            draft = store.assessments.save_draft(me, draft.id, values, version=draft.version)
            store.assessments.finalise(me, draft.id, version=draft.version)
    finally:
        store.close()


@pytest.fixture
def assessed_db(tmp_path: Path, prebuilt: Callable[[Path, Callable[[Path], object]], Path]) -> Path:
    return prebuilt(tmp_path / "assessed.db", assessed)


async def _open_tab(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)


def test_assessment_tab_80x24(snap_compare: Any, assessed_db: Path) -> None:
    app = CaselineApp(db=assessed_db, worker=ME)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_tab)


def test_ratings_over_time_80x24(snap_compare: Any, assessed_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _open_tab(pilot)
        await pilot.press("o")
        await settle(pilot)

    app = CaselineApp(db=assessed_db, worker=ME)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
