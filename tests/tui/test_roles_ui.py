"""What each role is offered on screen: an auditor reads a case marked "read only" with no key
that would change it; a worker's caseload is their own; an administrator sees no case."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from store.core.models import Worker
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import NO_CASES, OWN_ONLY
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.widgets.footer import CaselineFooter

from .helpers import loaded, names, table, title, visible_text
from .waiting import until


def give_role(db: Path, login: str, role: str) -> None:
    store = Store.open(db)
    try:
        with store.database.writing():
            Worker.update(role=role).where(Worker.username == login).execute()
    finally:
        store.close()


def footer_keys(app: CaselineApp) -> str:
    footer = app.screen.query_one(CaselineFooter)
    lines = [footer.render_line(y).text for y in range(footer.size.height)]
    for widget in footer.query("*"):
        if widget.display and widget.size.height:
            lines.extend(widget.render_line(y).text for y in range(widget.size.height))
    return "\n".join(lines)


async def test_an_auditor_reads_every_case_and_is_offered_no_change(seeded_db: Path) -> None:
    give_role(seeded_db, "sam.okafor", "auditor")
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        await until(pilot, lambda: "All workers' open cases" in title(app))
        await loaded(pilot)
        assert "Priya Nair" in visible_text(app)  # a colleague's cases too
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        screen = app.screen
        await until(pilot, lambda: screen.file is not None)  # type: ignore[attr-defined]
        await loaded(pilot)
        status = str(screen.query_one("#case-status", Static).render())
        assert "read only" in status
        footer = footer_keys(app)
        assert "Note" not in footer and "Edit" not in footer and "Close" not in footer
        await pilot.press("n", "e", "c")
        await pilot.pause()
        assert app.screen is screen and not isinstance(app.screen, NoteEditorScreen)


async def test_a_supervisor_of_the_team_may_write_on_a_colleagues_case(seeded_db: Path) -> None:
    give_role(seeded_db, "sam.okafor", "supervisor")
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        await until(pilot, lambda: "My team's open cases" in title(app))
        await loaded(pilot)
        row = next(i for i, r in enumerate(table(app).rows) if r.worker_name == "Priya Nair")
        await pilot.press(*["down"] * row, "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        screen = app.screen
        await until(pilot, lambda: screen.file is not None)  # type: ignore[attr-defined]
        assert "read only" not in str(screen.query_one("#case-status", Static).render())
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))


async def test_a_worker_is_told_their_caseload_is_their_own(seeded_db: Path) -> None:
    give_role(seeded_db, "sam.okafor", "worker")
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        mine = names(app)
        assert mine
        await pilot.press("w")
        await until(
            pilot, lambda: OWN_ONLY["worker"] in [str(n.message) for n in app._notifications]
        )
        assert "My open cases" in title(app) and names(app) == mine


async def test_an_administrator_is_told_they_open_no_case_records(seeded_db: Path) -> None:
    give_role(seeded_db, "sam.okafor", "administrator")
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        assert names(app) == []
        assert "An administrator's account opens no case records" in visible_text(app)
        await pilot.press("w")
        await until(
            pilot, lambda: OWN_ONLY["administrator"] in [str(n.message) for n in app._notifications]
        )
        assert names(app) == []
        assert NO_CASES["administrator"].startswith("An administrator")
