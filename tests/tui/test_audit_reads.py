"""Opening a record in the app is audited once per opening: switching tabs, refreshing and
showing a colleague's change read the records again without adding to the audit trail."""

from __future__ import annotations

from pathlib import Path

from store.core.models import AuditEvent
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.history import HistoryScreen
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen

from .helpers import loaded
from .waiting import until


def opened(db: Path) -> list[tuple[str, int | None]]:
    """The openings in the audit trail, oldest first: (action, case id)."""
    store = Store.open(db)
    try:
        with store.database.reading():
            query = (
                AuditEvent.select(AuditEvent.action, AuditEvent.case)
                .where(AuditEvent.action.endswith("-opened"))
                .order_by(AuditEvent.id)
            )
            return [(action, case) for action, case in query.tuples()]
    finally:
        store.close()


async def test_a_case_file_opened_is_one_row_however_often_it_is_read_again(
    seeded_db: Path,
) -> None:
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")  # Aisha Bello, case 1
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        await until(pilot, lambda: opened(seeded_db) == [("case-file-opened", 1)])
        app.look_for_changes()  # the first look is where changes are counted from
        await loaded(pilot)
        for key in ("2", "3", "4", "5", "1", "ctrl+r"):
            await pilot.press(key)
            await loaded(pilot)
        store = Store.open(seeded_db)
        try:
            priya = store.workers.ensure("priya.nair")
            store.case_file.add_contact(priya, 1, {"name": "Grace Bello"})
        finally:
            store.close()
        app.look_for_changes()  # a colleague's change: the case file reads it again
        await loaded(pilot)
        await pilot.press("h")  # the case's history: an opening of its own
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await loaded(pilot)
        await pilot.press("escape")  # back: the case file is read again, not opened
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        assert opened(seeded_db) == [("case-file-opened", 1), ("case-history-opened", 1)]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await pilot.press("enter")  # opened again: a second opening
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        await until(pilot, lambda: len(opened(seeded_db)) == 3)
        assert opened(seeded_db)[-1] == ("case-file-opened", 1)
