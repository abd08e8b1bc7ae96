"""Searching everywhere from the keyboard: ctrl+f from the caseload and from a case file (which
searches that case until ``a`` widens it), results as one types, enter opening the record,
hostile text typed and pasted, and finalising moved off ctrl+f in the note and minutes
editors (f9), where ctrl+f searches instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.chronology.entry import ChronologyEntryScreen
from tui.screens.form import FormScreen
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.screens.notes.note_view import NoteViewScreen
from tui.screens.search.screen import SearchScreen

from .helpers import burst, loaded, type_text, visible_text
from .test_minutes_editor import open_editor as open_minutes_editor
from .waiting import until

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"
NOTE = {"contact_at": "20/11/2026 9:30", "note_type": "home visit"}


def add_records(db: Path) -> dict[str, int]:
    """Notes about rent arrears on two cases (Aisha Bello's, first on the caseload, and Tom
    Gallagher's), and a chronology entry on Aisha's."""
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        ids = {r.client_name: r.id for r in store.cases.caseload(me)}
        aisha, tom = ids["Aisha Bello"], ids["Tom Gallagher"]
        store.notes.finalise(
            me, aisha, {**NOTE, "body": "Talked through the rent arrears and a payment plan."}
        )
        store.notes.finalise(
            me, tom, {**NOTE, "body": "Rent arrears letter from the council; [b]not markup[/b]."}
        )
        entry = store.chronology.add(
            me,
            aisha,
            {"occurred_on": "21/11/2026", "title": "Eviction notice", "category": "housing"},
        )
        return {"aisha": aisha, "tom": tom, "entry": entry.id}
    finally:
        store.close()


@pytest.fixture
def search_db(seeded_db: Path) -> Path:
    add_records(seeded_db)
    return seeded_db


def results(app: CaselineApp) -> list[str]:
    screen = app.screen
    if not isinstance(screen, SearchScreen):
        return []
    return [f"{h.kind}:{h.client_name}" for h in screen.hits]


async def open_search(pilot: Pilot[None]) -> SearchScreen:
    await pilot.press("ctrl+f")
    await until(pilot, lambda: isinstance(pilot.app.screen, SearchScreen))
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    assert isinstance(pilot.app.focused, Input)  # typing searches at once
    return screen


async def test_ctrl_f_on_the_caseload_searches_as_one_types_and_enter_opens_the_note(
    make_app: MakeApp, search_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await open_search(pilot)
        await pilot.press(*"arrea")  # the last word is a prefix while it is typed
        await until(pilot, lambda: len(results(app)) == 2)
        assert results(app) == ["note:Tom Gallagher", "note:Aisha Bello"] or results(app) == [
            "note:Aisha Bello",
            "note:Tom Gallagher",
        ]
        text = visible_text(app)
        assert "2 records, newest first" in text
        assert "[b]not markup[/b]" in text  # a record's text is shown as it is
        await pilot.press("down")  # from the box to the results
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, NoteViewScreen))
        await loaded(pilot)
        await pilot.press("escape")  # back where search was opened from
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))


async def test_words_enter_enter_in_one_burst_open_the_first_record_found(
    make_app: MakeApp, search_db: Path
) -> None:
    """Typed faster than the pause that searches (a slow link sends it all at once): `enter`
    in the box searches at once, the `enter` after it waits for the answer and opens its first
    record, and the key after that acts there. Before, both enters were spent in the box."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await open_search(pilot)
        burst(app, *"arrears", "enter", "enter", "m")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await until(pilot, lambda: "Amend note" in visible_text(app))
        assert isinstance(app.screen_stack[-2], NoteViewScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, NoteViewScreen))
        await pilot.press("escape")  # the search was left for the note
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))

        await open_search(pilot)  # nothing found: the box again, and the keys go on there
        burst(app, *"zebra", "enter", "enter", *"s")
        await until(pilot, lambda: "Nothing found" in visible_text(app))
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await until(pilot, lambda: screen.box.value == "zebras")
        assert app.focused is screen.box


async def test_ctrl_f_in_a_case_file_searches_that_case_and_a_widens_it(
    make_app: MakeApp, search_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")  # Aisha Bello's case
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        screen = await open_search(pilot)
        await type_text(pilot, "rent arrears ")
        await until(pilot, lambda: results(app) == ["note:Aisha Bello"])
        assert "Search in CL-" in visible_text(app)
        assert "Aisha Bello (a: all cases)" in visible_text(app)
        await pilot.press("escape")  # the box to the results: the keys are the screen's
        assert not isinstance(app.focused, Input)
        await pilot.press("a")
        await until(pilot, lambda: len(results(app)) == 2)
        assert "in all your cases (a: this case)" in visible_text(app)
        await pilot.press("a")  # this case again
        await until(pilot, lambda: results(app) == ["note:Aisha Bello"])
        screen.box.value = "eviction"
        await until(pilot, lambda: results(app) == ["chronology:Aisha Bello"])
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChronologyEntryScreen))
        await loaded(pilot)
        assert "Eviction notice" in visible_text(app)


async def test_the_kind_and_order_filters_narrow_and_reorder(
    make_app: MakeApp, search_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await open_search(pilot)
        await type_text(pilot, "rent eviction")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.box.value = "notice"
        await until(pilot, lambda: results(app) == ["chronology:Aisha Bello"])
        await pilot.press("escape", "k")
        await loaded(pilot)
        await pilot.press("n")  # notes only
        await until(pilot, lambda: results(app) == [] and screen.kind == "notes")
        assert "Nothing found" in visible_text(app)
        await pilot.press("b")
        await until(pilot, lambda: screen.best)
        assert "best first (b)" in visible_text(app)


HOSTILE = ["(((\"AND* NOT -o'brien", "\x1b[31mrent\x07", "🙂 ** :: {body}: rent^"]


@pytest.mark.parametrize("text", HOSTILE, ids=["syntax", "escapes", "emoji"])
async def test_hostile_text_typed_or_pasted_never_breaks_the_search(
    make_app: MakeApp, search_db: Path, text: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = await open_search(pilot)
        await pilot.press(*[key for key in text if key.isprintable()])  # typed, key by key
        await loaded(pilot)
        screen.box.value = ""
        app.post_message(events.Paste(text))  # pasted, control characters and all
        await loaded(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert "\x1b" not in visible_text(app)
        assert "Error" not in visible_text(app)


async def test_in_the_note_editor_ctrl_f_searches_and_f9_finalises(
    make_app: MakeApp, search_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Boiler repaired 20/11. Agreed: review the ceiling 1/12.")
        await open_search(pilot)  # ctrl+f: search, never finalise
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        # ctrl+e is the end of the line, as in the editors people know, and never finalises.
        body = app.screen.query_one("#body", TextArea)
        body.focus()
        await pilot.press("home", "ctrl+e")
        assert isinstance(app.screen, NoteEditorScreen)
        assert body.cursor_location[1] == len(body.document.get_line(body.cursor_location[0]))
        await pilot.press("f9")
        await loaded(pilot)
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
    store = Store.open(search_db)
    try:
        me = store.workers.ensure(ME)
        assert [h.kind for h in store.search.search(me, "ceiling").hits] == ["note"]
    finally:
        store.close()


async def test_in_the_minutes_editor_ctrl_f_searches_and_never_finalises(
    make_app: MakeApp, search_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_minutes_editor(pilot)
        await open_search(pilot)
        assert "Finalise these minutes?" not in visible_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is editor)
        await pilot.press("f9")  # finalising is asked about on its own key
        await loaded(pilot)
        assert "Finalise these minutes?" in visible_text(app)


async def test_a_date_range_is_typed_as_dates_and_a_bad_one_is_refused_at_its_field(
    make_app: MakeApp, search_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = await open_search(pilot)
        await type_text(pilot, "rent eviction")
        screen.box.value = "arrears"
        await until(pilot, lambda: len(results(app)) == 2)
        await pilot.press("escape", "d")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await type_text(pilot, "the 45th")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)  # refused, kept as typed
        assert "the 45th" in visible_text(app)
        app.screen.query_one("#since", Input).value = "21/11/2026"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        await until(pilot, lambda: results(app) == [] and screen.since is not None)
        assert "21 Nov 2026 to today (d)" in visible_text(app)
        screen.box.value = "eviction"
        await until(pilot, lambda: results(app) == ["chronology:Aisha Bello"])
