"""A case's meetings with real keys: the list, the minutes as a document, and an action
followed up (marked done with a note), which clears the caseload's flag."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.form import FormScreen
from tui.screens.meetings.conferences import ConferencesScreen, MinutesScreen

from .helpers import loaded, type_text, visible_text

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"
CLIENT = "Aisha Bello"  # first on the seeded caseload


def _with_meeting(db: Path) -> int:
    """A finalised core group of 2 Nov 2026 with an action now overdue; returns the case id."""
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        case_id = next(r.id for r in store.cases.caseload(me) if r.client_name == CLIENT)
        gp = store.case_file.add_professional(
            me, case_id, {"name": "Dr Amir Khan", "agency": "Hillside GP"}
        )
        draft = store.conferences.start(me, case_id)
        saved = store.conferences.save(
            me,
            draft.id,
            {
                "held_at": "2/11/2026 14:00",
                "place": "Hillside GP, room 2",
                "conference_type": "core group",
                "chair": "Sam Okafor",
                "minute_taker": "Sam Okafor",
                "client_attended": "yes",
                "client_views": "I want the letters to stop.",
                "decisions": "Refer to debt advice\nMeet again in six weeks",
                "attendees": [
                    {"who": "worker", "role": "allocated worker"},
                    {"who": "client"},
                    {"who": f"professional:{gp.id}", "role": "GP"},
                ],
                "actions": [
                    {
                        "what": "Write to the landlord about the arrears",
                        "owner": "worker",
                        "due_on": "16/11/2026",
                    },
                ],
            },
            version=draft.version,
        )
        store.conferences.finalise(me, draft.id, version=saved.version)
        return case_id
    finally:
        store.close()


async def test_meetings_are_listed_read_and_their_actions_followed_up(
    make_app: MakeApp, seeded_db: Path
) -> None:
    case_id = _with_meeting(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        row = next(r for r in app.screen.query_one("CaseTable").rows if r.id == case_id)  # type: ignore[attr-defined]
        assert "actions" in row.flags
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await pilot.press("M")
        await loaded(pilot)
        assert isinstance(app.screen, ConferencesScreen)
        text = visible_text(app)
        assert "02 Nov 2026 14:00  core group" in text and "1 open action" in text
        assert "Write to the landlord about the arrears" in text and "overdue" in text
        await pilot.press("enter")  # the minutes
        await loaded(pilot)
        assert isinstance(app.screen, MinutesScreen)
        text = visible_text(app)
        assert "Hillside GP, room 2" in text and "Refer to debt advice" in text
        await pilot.press("escape")
        await loaded(pilot)
        await pilot.press("tab")  # to the actions
        await pilot.press("d")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # done, but nothing said about what was done
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Letter sent 20/11")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, ConferencesScreen)
        assert "done 23 Nov 2026" in visible_text(app)
    store = Store.open(seeded_db)
    me = store.workers.ensure(ME)
    (action,) = store.conferences.case_actions(me, case_id)
    row = next(r for r in store.cases.caseload(me) if r.id == case_id)
    store.close()
    assert (action.status, action.status_note) == ("done", "Letter sent 20/11")
    assert "actions" not in row.flags


async def test_the_chronology_opens_a_meetings_minutes(make_app: MakeApp, seeded_db: Path) -> None:
    _with_meeting(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        await pilot.press("4")
        await loaded(pilot)
        table = app.screen.query_one("#chron-table")
        rows = list(table.rows)  # type: ignore[attr-defined]
        table.cursor_row = next(i for i, r in enumerate(rows) if r.source_kind == "conference")  # type: ignore[attr-defined]
        table.focus()
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, MinutesScreen)
        assert "I want the letters to stop" in visible_text(app)
