"""Other workers' changes show up without a restart: the caseload and an open case file read
the records again when the database changes, keeping the cursor and what is typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from tests.terminal import ROOT
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen

from .helpers import loaded, names, table, visible_text
from .waiting import until


async def looked(app: CaselineApp, pilot: object) -> None:
    app.look_for_changes()
    await loaded(pilot)  # type: ignore[arg-type]


def as_a_colleague(db: Path, code: str) -> None:
    """Run ``code`` (with ``store`` open on ``db`` and ``priya`` signed in) in another process,
    as a colleague's Caseline would: this process's own writes are not others' changes."""
    program = (
        "import sys\n"
        "from store.service import Store\n"
        "store = Store.open(sys.argv[1])\n"
        "priya = store.workers.ensure('priya.nair')\n" + code + "\nstore.close()\n"
    )
    subprocess.run([sys.executable, "-c", program, str(db)], check=True, cwd=ROOT, timeout=60)


def colleague_adds_a_case(db: Path, name: str) -> None:
    as_a_colleague(
        db, f"store.cases.create(priya, {{'client_name': {name!r}, 'worker': 'sam.okafor'}})"
    )


async def test_a_case_a_colleague_allocates_appears_with_the_cursor_kept(
    make_app: object, seeded_db: Path
) -> None:
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await looked(app, pilot)  # the first look is where changes are counted from
        await pilot.press("down", "down")
        before = table(app).highlighted
        assert before is not None
        await looked(app, pilot)
        assert "Ada Quinn" not in names(app)  # nothing changed: nothing read again
        colleague_adds_a_case(seeded_db, "Ada Quinn")
        await looked(app, pilot)
        await until(pilot, lambda: "Ada Quinn" in names(app))
        assert table(app).highlighted == before or table(app).highlighted.id == before.id


async def test_an_open_case_file_shows_a_colleagues_contact_and_keeps_the_filter(
    make_app: object, seeded_db: Path
) -> None:
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CaseFileScreen) and screen.detail is not None
        client_id = screen.detail.client_id
        await looked(app, pilot)
        await pilot.press("slash", *"boil")
        as_a_colleague(
            seeded_db,
            f"store.case_file.add_contact(priya, {client_id}, "
            "{'name': 'Grace Bello', 'relationship': 'sister'})",
        )
        await looked(app, pilot)
        await pilot.press("escape", "1")  # out of the filter box, to the overview
        await until(pilot, lambda: "Grace Bello" in visible_text(app))
        assert screen.query_one("#notes-text", Input).value == "boil"


async def test_the_apps_own_writes_are_not_taken_for_a_colleagues(
    make_app: object, seeded_db: Path
) -> None:
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await looked(app, pilot)
        refreshed: list[str] = []
        await pilot.press("enter")  # opening the case writes to the audit trail
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        screen = app.screen
        original = screen.records_changed  # type: ignore[attr-defined]

        def counted() -> None:
            refreshed.append("case file")
            original()

        screen.records_changed = counted  # type: ignore[attr-defined]
        await looked(app, pilot)
        assert refreshed == []
        colleague_adds_a_case(seeded_db, "Ada Quinn")
        await looked(app, pilot)
        assert refreshed == ["case file"]
