"""The chronology tab, pressed as a worker would: opening it, filtering, reversing, adding,
editing with history, annotating, following an entry to its note, exporting; and the case's
transfer, closure and reopening, which write its automatic entries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TabbedContent

from store.chronology.records import ChronologyItem
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.chronology.entry import ChronologyEntryScreen
from tui.screens.chronology.pane import ChronologyTable
from tui.screens.export import ExportScreen
from tui.screens.form import FormScreen
from tui.screens.notes.note_view import NoteViewScreen
from tui.widgets.footer import CaselineFooter

from .helpers import burst, enter_then_escape, loaded, on_tab, type_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]
AISHA = 1  # the first case of the seeded caseload (Aisha Bello, allocated 10 Feb 2025)


def add_entries(db: Path) -> None:
    """Three manual entries and a significant note on Aisha's case."""
    store = Store.open(db)
    me = store.workers.ensure("sam.okafor")
    for day, category, title, details in (
        ("3/3/2025", "health", "Hospital admission", "Admitted overnight.\n\nDischarged."),
        ("4/5/2026", "housing", "Moved to temporary flat", "Flat 3, Mill Road."),
        ("1/10/2026", "incident", "Police called to the address", "Neighbour heard shouting."),
    ):
        store.chronology.add(
            me,
            AISHA,
            {
                "occurred_on": day,
                "category": category,
                "title": title,
                "details": details,
                "source_of_information": "Police (PC 1234)" if category == "incident" else "",
            },
        )
    store.notes.finalise(
        me,
        AISHA,
        {
            "contact_at": "2/11/2026 10:00",
            "note_type": "home visit",
            "body": "Aisha said the school has excluded Dan for three days.",
            "significant": True,
            "chronology_title": "School exclusion (3 days)",
        },
    )
    store.close()


@pytest.fixture
def chron_db(seeded_db: Path) -> Path:
    add_entries(seeded_db)
    return seeded_db


def chron(app: CaselineApp) -> ChronologyTable:
    return app.screen.query_one(ChronologyTable)


def titles(app: CaselineApp) -> list[str]:
    return [e.title for e in chron(app).rows]


def state(app: CaselineApp) -> str:
    return str(app.screen.query_one("#chron-state", Static).render())


def footer_keys(app: CaselineApp) -> set[str]:
    return {k.key for k in app.screen.query_one(CaselineFooter).shown}


async def open_chronology(pilot: Pilot[None]) -> CaseFileScreen:
    """From the caseload, c opens the highlighted case (Aisha) on its chronology."""
    await loaded(pilot)
    await pilot.press("c")
    await loaded(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CaseFileScreen)
    assert screen.query_one(TabbedContent).active == "chronology"
    return screen


async def type_into(pilot: Pilot[None], text: str) -> None:
    """Clear the focused input and put ``text`` in it."""
    await pilot.press("ctrl+u")
    if text:
        await type_text(pilot, text)


async def choose(pilot: Pilot[None], select_id: str, value: str) -> None:
    """Open the drop-down that has focus and move down to ``value``, then enter."""
    select = pilot.app.screen.query_one(f"#{select_id}", Select)
    assert select.has_focus
    await pilot.press("enter")
    await pilot.pause()
    for _ in range(30):
        overlay = select.query_one("SelectOverlay")
        highlighted = overlay.highlighted  # type: ignore[attr-defined]
        option = overlay.get_option_at_index(highlighted) if highlighted is not None else None  # type: ignore[attr-defined]
        if option is not None and str(option.prompt) == value:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert str(select.value) == value or any(
        str(p) == value for p, v in select._options if v == select.value
    )


async def test_c_on_the_caseload_opens_the_chronology_oldest_first(
    make_app: MakeApp, chron_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chronology(pilot)
        assert chron(app).has_focus
        assert titles(app) == [
            "Case allocated to Sam Okafor",
            "Hospital admission",
            "Moved to temporary flat",
            "Police called to the address",
            "School exclusion (3 days)",
        ]
        assert state(app) == "5 entries · oldest first"
        # At 80 columns: date, category, event and source; summary and analysis give way.
        assert chron(app).visible_columns == ["date", "category", "title", "source"]
        header = chron(app).render_line(0).text
        assert "Date▲" in header and "Event" in header and "Source" in header
        # The keys of the chronology are in the footer only on its tab.
        assert {"a", "r", "x"} <= footer_keys(app)
        await pilot.press("1")
        await pilot.pause()
        assert not {"a", "r", "x"} & footer_keys(app)
        await pilot.press("a")  # does nothing outside the chronology
        await pilot.pause()
        assert isinstance(app.screen, CaseFileScreen)


async def test_the_preview_shows_the_highlighted_entry_in_full(
    make_app: MakeApp, chron_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chronology(pilot)
        await pilot.press("down")
        await pilot.pause()
        preview = str(app.screen.query_one("#chron-preview", Static).render())
        assert "Admitted overnight." in preview
        assert "No analysis yet" in preview


async def test_filter_by_text_period_and_category_with_the_state_in_view(
    make_app: MakeApp, chron_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_chronology(pilot)
        await pilot.press("slash")
        assert screen.query_one("#chron-text", Input).has_focus
        await type_text(pilot, "POLICE")  # case-insensitive, and finds who reported it too
        await pilot.pause()
        assert titles(app) == ["Police called to the address"]
        assert state(app) == '1 of 5 entries · oldest first · containing "POLICE"'
        await pilot.press("ctrl+u")
        await pilot.press("tab")
        await type_text(pilot, "since 1/1/2026")
        await pilot.pause()
        assert titles(app) == [
            "Moved to temporary flat",
            "Police called to the address",
            "School exclusion (3 days)",
        ]
        assert "since 01 Jan 2026" in state(app)
        await type_into(pilot, "last 2 months")  # 23 Sep to 23 Nov 2026
        await pilot.pause()
        assert titles(app) == ["Police called to the address", "School exclusion (3 days)"]
        assert "23 Sep 2026 to 23 Nov 2026" in state(app)
        await type_into(pilot, "someday soon")
        await pilot.pause()
        assert state(app).startswith('Not a period: "someday soon".')
        assert "last 6 months" in state(app)  # says what is accepted
        await type_into(pilot, "")
        await pilot.press("tab")
        await choose(pilot, "chron-category", "housing")
        assert titles(app) == ["Moved to temporary flat"]
        assert "category housing" in state(app)
        # Filters stay while the list reloads, e.g. after coming back from an entry.
        await pilot.press("escape")
        assert chron(app).has_focus
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, ChronologyEntryScreen)
        await pilot.press("escape")
        await loaded(pilot)
        assert titles(app) == ["Moved to temporary flat"]


async def test_r_reverses_the_order(make_app: MakeApp, chron_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chronology(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert titles(app)[0] == "School exclusion (3 days)"
        assert titles(app)[-1] == "Case allocated to Sam Okafor"
        assert "newest first" in state(app)
        assert "Date▼" in chron(app).render_line(0).text
        await pilot.press("r")
        await pilot.pause()
        assert titles(app)[0] == "Case allocated to Sam Okafor"


async def test_adding_an_entry_checks_every_field_then_saves(
    make_app: MakeApp, chron_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_chronology(pilot)
        await pilot.press("a")
        await loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#occurred_on", Input).has_focus
        await type_into(pilot, "31/02/2026")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is form
        date_error = str(form.query_one("#error-occurred_on", Static).render())
        assert "There is no 31 February 2026" in date_error and "Try" in date_error
        title_error = str(form.query_one("#error-title", Static).render())
        assert "Say what happened" in title_error
        await type_into(pilot, "yesterday")
        await pilot.press("tab")
        await choose(pilot, "category", "safeguarding")
        for text in (
            "Strategy discussion [bold]held[/] [@click=app.quit]x",
            "Police and school agreed a **safety plan**.",
            "Police (DS Khan)",
        ):
            await pilot.press("tab")
            await type_text(pilot, text)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
        added = chron(app).rows[-1]
        assert added.title == "Strategy discussion [bold]held[/] [@click=app.quit]x"
        assert added.category == "safeguarding"
        assert str(added.occurred_on) == "2026-11-22"
        assert added.source_of_information == "Police (DS Khan)"
        # Shown literally; the markup neither styles nor acts.
        line = chron(app).render_line(len(chron(app).rows)).text
        assert "Strategy discussion [bold]held[/]" in line
        assert app.is_running


async def test_escape_on_a_half_filled_entry_asks_first(make_app: MakeApp, chron_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chronology(pilot)
        await pilot.press("a", "tab", "tab")
        await type_text(pilot, "Something happened")
        await pilot.press("escape")
        await loaded(pilot)
        from tui.screens.confirm import ConfirmScreen

        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#title", Input).value == "Something happened"


async def test_editing_a_manual_entry_keeps_its_history(make_app: MakeApp, chron_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_chronology(pilot)
        await pilot.press("down", "down")  # Moved to temporary flat
        await pilot.press("e")
        await loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#title", Input).value == "Moved to temporary flat"
        form.query_one("#title", Input).focus()
        await type_into(pilot, "Moved to a temporary flat (Mill Road)")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
        # Read again once back (on_screen_resume): under load, after the save's worker ended.
        await until(pilot, lambda: "Moved to a temporary flat (Mill Road)" in titles(app))
        await pilot.press("enter")
        await loaded(pilot)
        entry_screen = app.screen
        assert isinstance(entry_screen, ChronologyEntryScreen)
        history = str(entry_screen.query_one("#entry-history", Static).render())
        assert "Sam Okafor: title was “Moved to temporary flat”" in history
        meta = str(entry_screen.query_one("#entry-meta", Static).render())
        assert "Source       manual" in meta and "Last changed" in meta


async def test_an_automatic_entry_can_only_be_annotated(make_app: MakeApp, chron_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_chronology(pilot)
        await pilot.press("e")  # the allocation: automatic
        await loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert [f.name for f in form.fields] == ["analysis"]
        await type_text(pilot, "Allocated after the school's second referral.")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
        first: ChronologyItem = chron(app).rows[0]
        assert first.analysis == "Allocated after the school's second referral."
        preview = str(screen.query_one("#chron-preview", Static).render())
        assert "Analysis Allocated after the school's second referral." in preview
        await pilot.press("enter")  # an allocation has no other record: the entry itself
        await loaded(pilot)
        assert isinstance(app.screen, ChronologyEntryScreen)
        meta = str(app.screen.query_one("#entry-meta", Static).render())
        assert "automatic: it can be annotated, not edited" in meta
        await pilot.press("e")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert [f.name for f in app.screen.fields] == ["analysis"]


async def test_enter_on_a_significant_note_opens_the_note(
    make_app: MakeApp, chron_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chronology(pilot)
        await pilot.press("end", "enter")
        await loaded(pilot)
        assert isinstance(app.screen, NoteViewScreen)
        texts = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "excluded Dan for three days" in texts


async def test_export_what_is_shown_to_markdown_and_html(
    make_app: MakeApp, chron_db: Path, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_chronology(pilot)
        await pilot.press("slash", *"o")  # hOspital, mOved, pOlice, schOol, allOcated
        await pilot.press("escape")
        await pilot.press("r")
        await pilot.pause()
        shown = titles(app)
        await pilot.press("x")
        await loaded(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.value.endswith(".html")
        await type_into(pilot, str(tmp_path / "nowhere" / "c.md"))
        await pilot.press("enter")
        await loaded(pilot)
        assert app.screen is dialog
        assert "does not exist" in str(dialog.query_one("#export-error", Static).render())
        await type_into(pilot, str(tmp_path / "chronology.html"))
        await pilot.press("f2")  # Markdown
        assert path_input.value == str(tmp_path / "chronology.md")
        await pilot.press("enter")
        await loaded(pilot)
        assert app.screen is screen
    text = (tmp_path / "chronology.md").read_text(encoding="utf-8")
    positions = [text.index(t) for t in shown]
    assert positions == sorted(positions)  # newest first, as on screen
    assert 'filtered: containing "o"' in text


async def test_keys_typed_straight_after_enter_wait_for_the_export_then_act_beneath(
    make_app: MakeApp, chron_db: Path, tmp_path: Path
) -> None:
    """`enter 1` in one burst on the export's path: the file is written where the path said
    when `enter` was typed, and `1` then shows the case's overview. Before, `enter` was acted
    on a message later: the `1` was typed onto the end of the path first, and the file
    written under that name, with the export left open."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_chronology(pilot)
        await pilot.press("x")
        await loaded(pilot)
        assert isinstance(app.screen, ExportScreen)
        await type_into(pilot, str(tmp_path / "chronology.md"))
        burst(app, "enter", "1")
        await until(pilot, lambda: app.screen is screen and on_tab(app, "overview"))
        assert (tmp_path / "chronology.md").is_file()
        assert not (tmp_path / "chronology.md1").exists()


async def test_transfer_close_and_reopen_from_the_case_file(
    make_app: MakeApp, chron_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_chronology(pilot)
        await pilot.press("t")
        await loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen) and form.form_title == "Transfer case"
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert "Choose the worker" in str(form.query_one("#error-worker", Static).render())
        assert "Say why" in str(form.query_one("#error-reason", Static).render())
        form.query_one("#worker", Select).focus()
        await choose(pilot, "worker", "Priya Nair")
        await pilot.press("tab")
        await type_text(pilot, "1/11/2026")
        await pilot.press("tab")
        await type_text(pilot, "Sam moves to the duty team")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
        rows = chron(app).rows
        marked = {e.title: e.before_current_allocation for e in rows}
        assert marked["Case transferred from Sam Okafor to Priya Nair"] is False
        assert marked["School exclusion (3 days)"] is False  # 2 Nov, after the transfer
        assert marked["Police called to the address"] is True
        assert "◂ before the current allocation" in state(app)
        assert "◂" in chron(app).render_line(1).text

        await pilot.press("C")
        await loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen) and form.form_title == "Close case"
        await pilot.press("tab", "tab")  # past the closure checklist and the date
        await choose(pilot, "reason", "work completed")
        await pilot.press("tab", "tab")  # past the summary: why items are still open
        await type_text(pilot, "Closed before the checklist was worked through")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
        assert "closed 23 Nov 2026" in str(screen.query_one("#case-status", Static).render())
        assert titles(app)[-1] == "Case closed"

        await pilot.press("C")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen) and app.screen.form_title == "Reopen case"
        await pilot.press("tab")
        await type_text(pilot, "Back after a new referral")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert titles(app)[-2:] == ["Case closed", "Case reopened"]
        assert str(screen.query_one("#case-status", Static).render()) == "open"


async def test_enter_then_escape_typed_together_opens_the_note_and_comes_back(
    make_app: MakeApp, chron_db: Path
) -> None:
    """Enter on an entry posted its choice, handled after the escape typed with it: the case
    was left, and the note never opened."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chronology(pilot)
        await pilot.press("end")  # the significant note, last
        await enter_then_escape(pilot, app, "chron-table", NoteViewScreen)
        assert [type(s) for s in app.screen_stack] == [CaseloadScreen, CaseFileScreen]
        assert on_tab(app, "chronology")
