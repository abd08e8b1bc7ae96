"""A case's audit history (`A` in the case file): shown, newest first, to a supervisor;
refused, in a notification, to a worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from store.core.models import Worker
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.audit_history import REFUSED, AuditHistoryScreen, AuditTable
from tui.screens.case_file.screen import CaseFileScreen

from .held import Held, closed_again
from .helpers import loaded, visible_text
from .waiting import until


def make_supervisor(db: Path, login: str, role: str = "supervisor") -> None:
    store = Store.open(db)
    try:
        with store.database.writing():
            Worker.update(role=role).where(Worker.username == login).execute()
    finally:
        store.close()


async def open_case(app: CaselineApp, pilot: Pilot[None]) -> None:
    await loaded(pilot)
    await pilot.press("enter")  # Aisha Bello, case 1
    await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
    await loaded(pilot)


async def test_a_supervisor_reads_the_cases_audit_history_newest_first(seeded_db: Path) -> None:
    make_supervisor(seeded_db, "sam.okafor")
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot)
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, AuditHistoryScreen))
        await loaded(pilot)
        table = app.screen.query_one(AuditTable)
        assert [row.action for row in table.rows] == ["case-file-opened", "case-created"]
        text = visible_text(app)
        assert "Audit history" in text and "Aisha Bello" in text
        assert "case-file-opened" in text and "Sam Okafor" in text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))


async def test_a_worker_is_told_only_supervisors_managers_and_auditors_see_it(
    seeded_db: Path,
) -> None:
    make_supervisor(seeded_db, "sam.okafor", role="worker")
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot)
        await pilot.press("A")
        await loaded(pilot)
        await until(pilot, lambda: REFUSED in [str(n.message) for n in app._notifications])
        assert isinstance(app.screen, CaseFileScreen)


async def test_escape_typed_with_a_closes_the_history_not_the_case(
    seeded_db: Path, hold: Callable[[Any, str], Held]
) -> None:
    """`A` and `escape` together, the history held up (a busy database): the escape waits for
    the history and closes it, back on the case. Before, it closed the case, and the history
    opened over the caseload once read."""
    make_supervisor(seeded_db, "sam.okafor")
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot)
        case_file = app.screen
        held = hold(app.store.audit, "events")
        await closed_again(pilot, held, "A", AuditHistoryScreen)
        assert app.screen is case_file
