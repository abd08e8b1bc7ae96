"""Hostile text in every kind of record, through every screen that shows it.

Names, contacts, professionals, notes, amendments, summaries, chronology entries and the
change history are seeded raw (as an import or an old version might have left them), then
each screen that shows them is opened: the markup must appear literally, no escape sequence
may reach the terminal, and the app must still be running.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from store.core.models import ChronologyEntry, Contact, Note, Professional
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.history import HistoryScreen
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.pickers import CasePickerScreen, DraftsScreen
from tui.screens.chronology.entry import ChronologyEntryScreen
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.screens.notes.note_view import NoteViewScreen

from .helpers import loaded, visible_text
from .waiting import until

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
OSC52 = "\x1b]52;c;SEVJTUxP\x07"
MARKUP = "[bold]B[/] [@click=app.quit]Q[/]"
HOSTILE = f"{MARKUP} {OSC52}\x1b[2J<script>x</script>"


def hostile(label: str) -> str:
    return f"{label} {HOSTILE}"


def seed(path: Path) -> None:
    store = Store.open(path)
    me = store.workers.ensure("sam")
    case = store.cases.create(me, {"client_name": "Dana Reyes"})
    contact = store.case_file.add_contact(me, case.client_id, {"name": "Placeholder"})
    pro = store.case_file.add_professional(me, case.id, {"name": "Placeholder"})
    note = store.notes.finalise(
        me,
        case.id,
        {
            "contact_at": "today 9:00",
            "note_type": "phone call",
            "body": "placeholder",
            "significant": False,
        },
    )
    store.notes.amend(me, note.id, reason=hostile("Reason"), body=hostile("Amended"))
    with store.database.writing():
        # Raw, as from a significant note; an automatic entry is guarded once written.
        ChronologyEntry.insert(
            case=case.id,
            occurred_on=note.contact_at.date(),
            category="contact",
            title=hostile("Significant"),
            source_kind="note",
            source_id=note.id,
            created_by=me.id,
        ).execute()
    store.case_file.save_summary(me, case.id, hostile("## Summary\n\nSummary"))
    entry = store.chronology.add(
        me, case.id, {"occurred_on": "today", "category": "incident", "title": "Placeholder"}
    )
    store.chronology.update(me, entry.id, {"title": "Placeholder 2"}, version=1)
    store.notes.save_draft(me, case.id, {"body": hostile("Draft")})
    with store.database.writing():
        # Raw, as an import might have left them: the store cleans these fields on the way in.
        Contact.update(name=hostile("Contact"), notes=hostile("Notes")).where(
            Contact.id == contact.id
        ).execute()
        Professional.update(name=hostile("Pro"), agency=hostile("Agency")).where(
            Professional.id == pro.id
        ).execute()
        ChronologyEntry.update(
            title=hostile("Entry"),
            details=hostile("Details"),
            analysis=hostile("Analysis"),
            source_of_information=hostile("Reported"),
        ).where(ChronologyEntry.id == entry.id).execute()
    # A final note is guarded by the database; a note written raw before it was finalised:
    with store.database.writing():
        Note.insert(
            case=case.id,
            author=me.id,
            contact_at=note.contact_at,
            note_type="home visit",
            body=hostile("Body"),
            status="final",
        ).execute()
    store.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile-records.db"
    seed(path)
    return path


def check(app: CaselineApp, *labels: str, editing: bool = False, narrow: bool = False) -> None:
    """``editing``: an editor shows the text as stored (only the control characters are
    left out of what is drawn); elsewhere escape sequences are removed whole."""
    text = visible_text(app)
    assert not CONTROL.search(text), repr(CONTROL.search(text))
    if not editing:
        assert "SEVJTUxP" not in text  # the clipboard write removed whole
    for label in labels:
        # At least the start of it, literally (narrow places cut the rest with "…").
        assert f"{label} [bold]B[/]" in text, (label, text[:3000])
    if labels and not narrow:
        assert "[@click=app.quit]Q[/]" in text  # shown whole somewhere, and inert
    assert app.is_running


async def draft_reopened(pilot: Pilot[None]) -> None:
    """Wait for the unsaved draft, which is reopened in the editor once the caseload is
    drawn (a screen pushed before it would be under it)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, NoteEditorScreen))
    await loaded(pilot)


async def test_every_case_file_tab(db: Path) -> None:
    app = CaselineApp(db=db, worker="sam")
    async with app.run_test(size=(200, 50)) as pilot:
        await draft_reopened(pilot)
        # The unsaved draft is reopened first, in the editor.
        check(app, "Draft", editing=True)
        await pilot.press("escape")  # keep it
        await loaded(pilot)
        if not isinstance(app.screen, CaseFileScreen):
            app.open_case(1)
            await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        check(app, "Contact", "Pro")
        await pilot.press("2")
        await loaded(pilot)
        check(app, "Summary")
        await pilot.press("3")
        await loaded(pilot)
        check(app, "Body")
        await pilot.press("4")
        await loaded(pilot)
        check(app, "Entry", "Significant")
        await pilot.press("end")
        await pilot.pause()
        check(app, "Details", "Analysis")  # the preview line


async def test_entry_note_and_history_screens(db: Path) -> None:
    app = CaselineApp(db=db, worker="sam")
    async with app.run_test(size=(200, 50)) as pilot:
        await draft_reopened(pilot)
        await pilot.press("escape", "k")  # leave the reopened draft, keeping it
        await loaded(pilot)
        entry = next(
            e for e in app.store.chronology.entries(app.me, 1) if e.source_kind == "manual"
        )
        app.push_screen(ChronologyEntryScreen(entry.id, "case"))
        await loaded(pilot)
        check(app, "Entry", "Details", "Analysis", "Reported")
        app.pop_screen()
        app.push_screen(NoteViewScreen(1))
        await loaded(pilot)
        check(app, "Amended", "Reason")
        app.pop_screen()
        app.push_screen(HistoryScreen(1, "case"))
        await loaded(pilot)
        assert "Placeholder 2" in visible_text(app)
        check(app)


async def test_pickers_and_the_palette(db: Path) -> None:
    app = CaselineApp(db=db, worker="sam")
    async with app.run_test(size=(200, 50)) as pilot:
        await draft_reopened(pilot)
        await pilot.press("escape", "k")  # leave the reopened draft, keeping it
        await loaded(pilot)
        app.show_drafts(app.store.notes.drafts(app.me))
        await loaded(pilot)
        assert isinstance(app.screen, DraftsScreen)
        check(app, "Draft", narrow=True)
        await pilot.press("escape")
        await loaded(pilot)
        await pilot.press("ctrl+n")
        await loaded(pilot)
        assert isinstance(app.screen, CasePickerScreen)
        check(app)
        await pilot.press("escape")
        await loaded(pilot)
        await pilot.press("ctrl+p", *"dana")
        await loaded(pilot)
        await until(pilot, lambda: "Dana Reyes" in visible_text(app))
        check(app)
