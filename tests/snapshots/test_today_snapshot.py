"""How today looks at 80x24: the seeded caseload's overdue contact, review and summaries, a
note due today, and tasks overdue, this week and later (one moved)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from store.service import Store
from tests.snapshots.test_screens import settle
from tests.tui.conftest import seed
from tui.app import CaselineApp

TASKS = (
    (1, "Ring the housing officer about the repairs", "last fri"),
    (2, "Send the benefits form", "thu"),
    (4, "Book the interpreter for the review", "+3w"),
)


def with_tasks(path: Path) -> None:
    store = Store.open(path)
    try:
        me, cases = seed(store)
        for n, title, due in TASKS:
            task = store.reminders.add_task(me, cases[n - 1].id, {"title": title, "due_on": due})
        store.reminders.move(
            me, task.id, {"due_on": "+4w", "reason": "Interpreter away"}, version=1
        )
    finally:
        store.close()


@pytest.fixture
def today_db(tmp_path: Path, prebuilt: Callable[[Path, Callable[[Path], object]], Path]) -> Path:
    return prebuilt(tmp_path / "today.db", with_tasks)


def test_today_80x24(snap_compare: Any, today_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)

    app = CaselineApp(db=today_db, worker="sam.okafor")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
