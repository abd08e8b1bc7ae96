"""The case file: tabs on single keys, editing details with history, network, professionals,
the summary and its versions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static, TabbedContent, TextArea

from store.common import dates
from store.service import Store
from tests.conftest import FROZEN_NOW
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.case_file.summary_editor import SummaryEditorScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.form import FormScreen
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.widgets.safe_text_area import SafeTextArea

from .helpers import loaded, type_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]


async def open_first_case(pilot: object) -> CaseFileScreen:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await loaded(pilot)  # type: ignore[arg-type]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, CaseFileScreen)
    return screen


def text_of(screen: CaseFileScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_number_keys_switch_tabs(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        tabs = screen.query_one(TabbedContent)
        for key, tab in (("2", "summary"), ("3", "notes"), ("4", "chronology"), ("1", "overview")):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == tab
        await pilot.press("n")
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)


async def test_edit_client_details_keeps_the_old_values(make_app: MakeApp, seeded_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("e")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        phone = app.screen.query_one("#phone", Input)
        phone.value = "not a phone"
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert "Phone may contain" in str(app.screen.query_one("#error-phone", Static).render())
        phone.value = "0113 496 0000"
        app.screen.query_one("#language", Input).value = "Hausa (interpreter needed)"
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
        details = text_of(screen, "#client-details")
        assert "0113 496 0000" in details and "Hausa (interpreter needed)" in details
    store = Store.open(seeded_db)
    me = store.workers.ensure("sam.okafor")
    history = {
        c.field: (c.old_value, c.new_value) for c in store.case_file.history(me, "client", 1)
    }
    assert history["phone"] == ("07700 900123", "0113 496 0000")
    assert history["language"] == ("", "Hausa (interpreter needed)")
    store.close()


async def test_add_edit_and_remove_a_contact(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("c")
        await loaded(pilot)
        await pilot.press("ctrl+s")  # empty: the name is required
        await loaded(pilot)
        assert "required" in str(app.screen.query_one("#error-name", Static).render())
        for i, text in enumerate(("Grace Bello", "mother", "07700 900999")):
            if i:
                await pilot.press("tab")
            await type_text(pilot, text)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        contacts = screen.query_one("#contacts", OptionList)
        assert "Grace Bello" in str(contacts.get_option_at_index(0).prompt)
        # The list has the focus and its first row is highlighted: enter opens it.
        assert contacts.has_focus and contacts.highlighted == 0
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#relationship", Input).value == "mother"
        await pilot.press("ctrl+d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await loaded(pilot)
        assert app.screen is screen
        assert "No one recorded" in str(contacts.get_option_at_index(0).prompt)


async def test_add_a_professional_with_dates(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("p")
        await loaded(pilot)
        form = app.screen
        form.query_one("#name", Input).value = "Dr Claire Bradshaw"
        form.query_one("#agency", Input).value = "Hillside Medical Practice"
        form.query_one("#role", Input).value = "GP"
        form.query_one("#email", Input).value = "not-an-email"
        form.query_one("#started_on", Input).value = "1/3/2026"
        form.query_one("#ended_on", Input).value = "1/2/2026"
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert str(app.screen.query_one("#error-email", Static).render())
        assert str(app.screen.query_one("#error-ended_on", Static).render())
        form.query_one("#email", Input).value = "c.bradshaw@hillside.nhs.example"
        form.query_one("#ended_on", Input).value = ""
        await pilot.press("ctrl+s")
        await loaded(pilot)
        people = screen.query_one("#professionals", OptionList)
        assert "Dr Claire Bradshaw" in str(people.get_option_at_index(0).prompt)


async def test_write_the_summary_and_see_it_rendered(make_app: MakeApp, seeded_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_case(pilot)
        assert "none yet" in text_of(screen, "#case-details")
        await pilot.press("2", "e")
        await loaded(pilot)
        assert isinstance(app.screen, SummaryEditorScreen)
        area = app.screen.query_one(TextArea)
        area.load_text("## Background\nReferred by the GP in **March**. [red]literal[/]")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen

        def summary() -> str:
            return " ".join(str(w.render()) for w in screen.query("#summary-body *"))

        await until(
            pilot,
            lambda: (
                "updated today by Sam Okafor" in text_of(screen, "#summary-age")
                and "[red]literal[/]" in summary()
            ),
        )
        rendered = summary()
        assert "Referred by the GP in" in rendered and "[red]literal[/]" in rendered
        await pilot.press("1")
        await pilot.pause()
        assert "updated today" in text_of(screen, "#case-details")
    store = Store.open(seeded_db)
    me = store.workers.ensure("sam.okafor")
    assert len(store.case_file.summary_versions(me, 1)) == 1
    store.close()


async def test_saving_the_summary_unchanged_says_nothing_changed(
    make_app: MakeApp, seeded_db: Path
) -> None:
    store = Store.open(seeded_db)
    store.case_file.save_summary(
        store.workers.ensure("sam.okafor"), 1, "## Background\nReferred by the GP."
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("2", "e")
        await loaded(pilot)
        assert isinstance(app.screen, SummaryEditorScreen)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
        messages = [str(n.message) for n in app._notifications]
        assert "Nothing changed." in messages
        assert "Summary saved as a new version." not in messages
    store = Store.open(seeded_db)
    assert len(store.case_file.summary_versions(store.workers.ensure("sam.okafor"), 1)) == 1
    store.close()


async def test_old_summary_is_flagged(make_app: MakeApp, seeded_db: Path) -> None:
    store = Store.open(seeded_db)
    me = store.workers.ensure("sam.okafor")
    # Written in June (a summary version can't be changed afterwards, not even its date).
    dates.freeze(datetime(2026, 6, 1, 9, 0))
    try:
        store.case_file.save_summary(me, 1, "Old news.")
    finally:
        dates.freeze(FROZEN_NOW)
    store.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_case(pilot)
        assert "older than 3 months" in text_of(screen, "#case-details")


async def test_pasted_escape_sequences_never_reach_the_screen_from_the_editor(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await loaded(pilot)
        area = app.screen.query_one("#body", SafeTextArea)
        hostile = "before\x1b]52;c;SEVJTUxP\x07after\x1b[2J\tend"
        area.load_text(hostile)
        await pilot.pause()
        assert area.text == hostile  # kept exactly as pasted
        drawn = "".join(seg.text for y in range(area.size.height) for seg in area.render_line(y))
        assert "\x1b" not in drawn and "\x07" not in drawn
        assert "before" in drawn and "after" in drawn


async def test_h_shows_the_history_of_changes(make_app: MakeApp) -> None:
    from tui.screens.case_file.history import HistoryScreen, HistoryTable

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("e")
        await loaded(pilot)
        app.screen.query_one("#address", Input).value = "9 New Street, Leeds LS2 2BB"
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
        await pilot.press("h")
        await loaded(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(HistoryTable)
        assert len(table.rows) == 1
        (line,) = table.rows
        assert (line.record, line.field, line.was, line.now, line.changed_by) == (
            "Client",
            "address",
            "1 High Street, Leeds LS1 1AA",
            "9 New Street, Leeds LS2 2BB",
            "Sam Okafor",
        )


async def test_the_overview_lists_how_to_reach_people(make_app: MakeApp, seeded_db: Path) -> None:
    store = Store.open(seeded_db)
    me = store.workers.ensure("sam.okafor")
    detail = store.cases.get(me, 1)
    store.case_file.add_contact(
        me,
        detail.client_id,
        {"name": "Grace Bello", "relationship": "mother", "address": "4 Mill Road, Leeds"},
    )
    store.case_file.add_professional(
        me,
        1,
        {
            "name": "Dr Amal Haddad",
            "agency": "Hillside Medical Practice",
            "role": "GP",
            "email": "a.haddad@example.nhs.uk",
            "started_on": "3/3/2025",
        },
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await open_first_case(pilot)
        contact = str(screen.query_one("#contacts", OptionList).get_option_at_index(0).prompt)
        assert "Grace Bello (mother)" in contact and "4 Mill Road, Leeds" in contact
        pro = str(screen.query_one("#professionals", OptionList).get_option_at_index(0).prompt)
        assert "Dr Amal Haddad · GP, Hillside Medical Practice" in pro
        assert "a.haddad@example.nhs.uk" in pro and "from 03 Mar 2025" in pro


async def test_notes_filter_by_text_and_by_type(make_app: MakeApp, seeded_db: Path) -> None:
    store = Store.open(seeded_db)
    me = store.workers.ensure("sam.okafor")
    for when, kind, body in (
        ("1/11/2026 9:00", "phone call", "Rang about the boiler. Next: chase landlord."),
        ("2/11/2026 9:00", "home visit", "Visited; boiler fixed. Next: review 1/12."),
        ("3/11/2026 9:00", "phone call", "Rang school about attendance. Next: meeting."),
    ):
        store.notes.finalise(me, 1, {"contact_at": when, "note_type": kind, "body": body})
    store.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("3")
        await loaded(pilot)
        notes = screen.query_one("#notes-list", OptionList)

        def shown() -> list[str]:
            return [str(notes.get_option_at_index(i).prompt) for i in range(notes.option_count)]

        assert len(shown()) == 3
        await pilot.press("slash", *"BOILER")
        await loaded(pilot)
        assert [("boiler" in line.lower()) for line in shown()] == [True, True]
        await pilot.press("tab", "enter")  # the type drop-down
        await pilot.pause()
        while "phone call" not in str(
            screen.query_one("#notes-type").query_one("SelectOverlay").highlighted_option.prompt
        ):  # type: ignore[attr-defined]
            await pilot.press("down")
        await pilot.press("enter")
        await loaded(pilot)
        assert len(shown()) == 1 and "Rang about the boiler" in shown()[0]
        screen.query_one("#notes-text", Input).focus()
        await pilot.press("ctrl+u", *"zebra")
        await loaded(pilot)
        assert shown() == ["No notes match."]


async def test_v_reads_every_version_of_the_summary(make_app: MakeApp, seeded_db: Path) -> None:
    from tui.screens.case_file.summary_versions import SummaryVersionsScreen

    store = Store.open(seeded_db)
    me = store.workers.ensure("sam.okafor")
    for body in ("First: referred by the GP.", "Second: housing found.", "Third: [bold]closed[/]"):
        store.case_file.save_summary(me, 1, body)
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("2")
        await loaded(pilot)
        assert "3 versions, v to see them" in text_of(screen, "#summary-age")
        await pilot.press("v")
        await loaded(pilot)
        versions = app.screen
        assert isinstance(versions, SummaryVersionsScreen)
        options = versions.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(3)]
        assert [p.split("  ")[0] for p in prompts] == ["Version 3", "Version 2", "Version 1"]
        assert "(current)" in prompts[0] and "Sam Okafor" in prompts[0]

        def body() -> str:
            return " ".join(str(w.render()) for w in versions.query("#version-body *"))

        await pilot.pause()
        assert "Third: [bold]closed[/]" in body()  # literal, not markup
        await pilot.press("down", "down")
        await pilot.pause()
        assert "First: referred by the GP." in body()
        assert "Version 1, written" in str(versions.query_one("#version-head", Static).render())
        await pilot.press("escape")
        await loaded(pilot)
        assert app.screen is screen


@pytest.mark.parametrize(("key", "tab"), [("3", "notes"), ("4", "chronology"), ("5", "plan")])
async def test_a_tab_typed_with_enter_stays_when_the_first_tab_takes_the_focus(
    make_app: Callable[..., CaselineApp], key: str, tab: str
) -> None:
    """enter then a tab's number, in one step: the overview's list, focused as the screen
    comes up, used to put the overview back over the tab typed."""
    from textual.widgets import TabbedContent

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", key)
        await loaded(pilot)
        await until(pilot, lambda: app.screen.query("#tabs"))
        tabs = app.screen.query_one("#tabs", TabbedContent)
        await until(pilot, lambda: app.focused is not None)
        await pilot.pause(0.1)
        assert tabs.active == tab
        assert app.focused is not None and tab in [n.id for n in app.focused.ancestors]
