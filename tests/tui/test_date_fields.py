"""Every date field reads the date back as it is typed ("Fri 27 Nov 2026"), the way the store
will read it, and says at once when it can't read it: in the record forms, the new-case form,
the note editor and the minutes. The clock is frozen on Monday 23 November 2026, 10:00."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from store.common.settings import Config
from tui.app import CaselineApp
from tui.screens.caseload.new_case import NewCaseScreen
from tui.screens.form import FormScreen
from tui.screens.meetings.minutes_rows import ActionRow
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.widgets.date_field import DateField

from .helpers import focus, loaded
from .test_conferences_ui import _with_meeting
from .test_minutes_editor import open_editor as open_minutes
from .test_plan_ui import _with_plan

MakeApp = Callable[..., CaselineApp]


def reading(app: CaselineApp, field: str) -> tuple[str, bool]:
    """What the field shows beside its box, and whether it is marked as a problem."""
    hint = app.screen.query_one(f"#hint-{field}", Static)
    return str(hint.render()), hint.has_class("-unreadable")


async def retype(pilot: Pilot[None], field: str, text: str) -> None:
    await focus(pilot, f"#{field}")
    await pilot.press("ctrl+u", *text)
    await pilot.pause()


async def open_case(pilot: Pilot[None], tab: str = "") -> None:
    await loaded(pilot)
    await pilot.press("enter")
    await loaded(pilot)
    if tab:
        await pilot.press(tab)
        await loaded(pilot)


async def test_a_chronology_entry_date_is_read_as_typed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "4")
        await pilot.press("a")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert reading(app, "occurred_on") == ("Mon 23 Nov 2026", False)  # "today"
        await retype(pilot, "occurred_on", "3/4/2026")
        assert reading(app, "occurred_on") == ("Fri 03 Apr 2026", False)
        await retype(pilot, "occurred_on", "last fri")
        assert reading(app, "occurred_on") == ("Fri 20 Nov 2026", False)
        await retype(pilot, "occurred_on", "31/02/2026")
        assert reading(app, "occurred_on") == ("can't read this date", True)
        await retype(pilot, "occurred_on", "someday")
        assert reading(app, "occurred_on") == ("can't read this date", True)


async def test_the_configured_date_order_is_the_one_read_back(seeded_db: Path) -> None:
    app = CaselineApp(db=seeded_db, worker="sam.okafor", config=Config(date_order="mdy"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "4")
        await pilot.press("a")
        await loaded(pilot)
        await retype(pilot, "occurred_on", "3/4/2026")
        assert reading(app, "occurred_on") == ("Wed 04 Mar 2026", False)


async def test_plan_start_and_fixed_review_dates_are_read_as_typed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "5")
        await pilot.press("N")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert reading(app, "started_on") == ("Mon 23 Nov 2026", False)
        await retype(pilot, "started_on", "")
        assert reading(app, "started_on") == ("Mon 23 Nov 2026", False)  # blank is today
        assert reading(app, "review_dates") == ("", False)
        await retype(pilot, "review_dates", "1/6/2027, 1/3/2027")
        assert reading(app, "review_dates") == ("01 Mar 2027, 01 Jun 2027", False)
        await retype(pilot, "review_dates", "fri")
        assert reading(app, "review_dates") == ("Fri 27 Nov 2026", False)  # the next Friday
        await retype(pilot, "review_dates", "1/3/2027, soon")
        assert reading(app, "review_dates") == ("can't read this date", True)


async def test_closing_a_case_reads_its_date(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot)
        await pilot.press("C")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen) and app.screen.form_title == "Close case"
        assert reading(app, "closed_on") == ("Mon 23 Nov 2026", False)
        await retype(pilot, "closed_on", "-2d")
        assert reading(app, "closed_on") == ("Sat 21 Nov 2026", False)
        await retype(pilot, "closed_on", "2026")
        assert reading(app, "closed_on") == ("can't read this date", True)


async def test_the_new_case_form_shows_a_bad_date_at_once(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await loaded(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        await retype(pilot, "date_of_birth", "9/12/1986")
        assert reading(app, "date_of_birth") == ("Tue 09 Dec 1986 (age 39)", False)
        await retype(pilot, "date_of_birth", "31/02/1986")
        assert reading(app, "date_of_birth") == ("can't read this date", True)
        assert reading(app, "allocated_on") == ("Mon 23 Nov 2026", False)  # blank: today
        await retype(pilot, "allocated_on", "mon")
        assert reading(app, "allocated_on") == ("Mon 23 Nov 2026", False)


async def test_the_note_editor_shows_a_bad_date_or_time_at_once(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert reading(app, "contact_at") == ("Mon 23 Nov 2026 10:00", False)  # blank: now
        await retype(pilot, "contact_at", "yesterday 2:30pm")
        assert reading(app, "contact_at") == ("Sun 22 Nov 2026 14:30", False)
        await retype(pilot, "contact_at", "25:00")
        assert reading(app, "contact_at") == ("can't read this time", True)
        await retype(pilot, "follow_up_on", "fri")
        assert reading(app, "follow_up_on") == ("Fri 27 Nov 2026", False)
        await retype(pilot, "follow_up_on", "fri 31st")
        assert reading(app, "follow_up_on") == ("can't read this date", True)


async def test_the_minutes_read_their_dates_as_typed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_minutes(pilot)
        assert reading(app, "held_at") == ("Mon 23 Nov 2026 10:00", False)
        await retype(pilot, "held_at", "today 2pm")
        assert reading(app, "held_at") == ("Mon 23 Nov 2026 14:00", False)
        await retype(pilot, "held_at", "today 2")
        assert reading(app, "held_at") == ("can't read this date", True)
        await retype(pilot, "next_meeting_on", "+6w")
        assert reading(app, "next_meeting_on") == ("Mon 04 Jan 2027", False)
        await retype(pilot, "next_meeting_on", "next month")
        assert reading(app, "next_meeting_on") == ("can't read this date", True)
        # An action's due date, on its row.
        await focus(pilot, "#decisions")
        await pilot.press("ctrl+o")
        await pilot.pause()
        row = screen.query(ActionRow).last()
        due = row.query_one(DateField)
        due.input.focus()
        await pilot.press(*"fri")
        await pilot.pause()
        assert str(due.query_one(".date-hint", Static).render()) == "Fri 27 Nov 2026"
        await pilot.press("ctrl+u", *"32/11")
        await pilot.pause()
        assert str(due.query_one(".date-hint", Static).render()) == "can't read this date"
        assert due.unreadable


async def test_an_actions_due_date_and_a_reviews_date_are_read_as_typed(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _with_plan(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "5")
        await pilot.press("a")  # an action for the highlighted goal
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await retype(pilot, "due_on", "fri")
        assert reading(app, "due_on") == ("Fri 27 Nov 2026", False)  # still to come
        await retype(pilot, "due_on", "fri week")
        assert reading(app, "due_on") == ("can't read this date", True)
        await pilot.press("escape", "y")
        await loaded(pilot)
        await pilot.press("R")  # review the plan
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert reading(app, "held_on") == ("Mon 23 Nov 2026", False)
        await retype(pilot, "held_on", "fri")
        assert reading(app, "held_on") == ("Fri 20 Nov 2026", False)  # the one just gone


async def test_the_next_meeting_on_the_meetings_screen_is_read_as_typed(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _with_meeting(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot)
        await pilot.press("M")
        await loaded(pilot)
        await pilot.press("N")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await retype(pilot, "next_meeting_on", "+6w")
        assert reading(app, "next_meeting_on") == ("Mon 04 Jan 2027", False)
        await retype(pilot, "next_meeting_on", "6 weeks")
        assert reading(app, "next_meeting_on") == ("can't read this date", True)
