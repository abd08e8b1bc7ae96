"""`enter` then more keys in one burst on the other lists and tables that open a record: the
chronology, the team's workers, the directory of services, a case's consents, a meeting's
actions and the new-case form's existing clients. Each posted its choice as a message (or
dismissed its screen with it), handled after the keys already queued behind `enter`: `enter
escape` left the list's screen, then opened the record over the screen beneath."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.service import Store
from tests.tui.test_chronology_ui import add_entries, open_chronology
from tests.tui.test_conferences_ui import _with_meeting
from tests.tui.test_consent_ui import _open_consents, _with_consent
from tests.tui.test_directory_ui import DEBT, FOOD_BANK, ZOE, open_directory
from tests.tui.test_team import team_db
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.caseload.team import TeamScreen
from tui.screens.consent.detail import ConsentDetailScreen
from tui.screens.consent.screen import ConsentScreen
from tui.screens.directory.screen import DirectoryScreen
from tui.screens.directory.service import ServiceScreen
from tui.screens.form import FormScreen
from tui.screens.meetings.conferences import ConferencesScreen
from tui.screens.notes.note_view import NoteViewScreen
from tui.screens.supervision.record import SupervisionScreen

from .helpers import duplicates_checked, loaded, type_text
from .test_enter_then_keys import burst, enter_then_escape, on_tab
from .test_new_case import open_form
from .waiting import until

MakeApp = Callable[..., CaselineApp]


async def test_enter_then_escape_on_the_chronology_opens_the_note_and_comes_back(
    make_app: MakeApp, seeded_db: Path
) -> None:
    add_entries(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chronology(pilot)
        await pilot.press("end")  # the significant note, last
        await enter_then_escape(pilot, app, "chron-table", NoteViewScreen)
        assert [type(s) for s in app.screen_stack] == [CaseloadScreen, CaseFileScreen]
        assert on_tab(app, "chronology")


async def test_enter_then_escape_on_a_teams_worker_opens_their_supervision_and_comes_back(
    tmp_path: Path,
) -> None:
    db, people = team_db(tmp_path)
    app = CaselineApp(db=db, me=people["sue.super"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen))
        await loaded(pilot)
        await enter_then_escape(pilot, app, "team-table", SupervisionScreen)
        assert isinstance(app.screen, TeamScreen)


async def test_enter_then_escape_on_a_service_reads_it_and_comes_back(
    make_app: MakeApp, seeded_db: Path
) -> None:
    store = Store.open(seeded_db)
    try:
        me = store.workers.named("sam.okafor")
        for service in (FOOD_BANK, ZOE, DEBT):
            store.resources.add(me, service)
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        await pilot.press("down")  # from the search box to the list
        await enter_then_escape(pilot, app, "directory-table", ServiceScreen)
        assert isinstance(app.screen, DirectoryScreen)


async def test_enter_then_escape_on_a_consent_opens_it_and_comes_back(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _with_consent(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_consents(pilot, app)
        app.screen.query_one("#consents").focus()
        await enter_then_escape(pilot, app, "consents", ConsentDetailScreen)
        assert isinstance(app.screen, ConsentScreen)


async def test_enter_then_escape_on_a_meetings_action_opens_its_form_and_comes_back(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _with_meeting(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        await pilot.press("M")
        await until(pilot, lambda: isinstance(app.screen, ConferencesScreen))
        await loaded(pilot)
        await pilot.press("tab")  # to the actions
        await enter_then_escape(pilot, app, "actions", FormScreen)
        assert isinstance(app.screen, ConferencesScreen)


async def test_a_tabs_number_typed_with_the_enter_that_opened_an_existing_client_opens_it_there(
    make_app: MakeApp,
) -> None:
    """The new-case form's list of existing clients dismissed with the case, opened by the
    caseload a message later: the `3` typed straight after `enter` was lost."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "lukasz nowak")
        await duplicates_checked(pilot)
        await pilot.press("ctrl+s")  # stops to show the existing client, and goes to it
        await until(pilot, lambda: app.focused is not None and app.focused.id == "duplicates")
        burst(app, "enter", "3")
        await until(pilot, lambda: on_tab(app, "notes"))
        await loaded(pilot)
        assert app.screen.detail.client_name == "Łukasz Nowak"  # type: ignore[attr-defined]
        assert [type(s) for s in app.screen_stack] == [CaseloadScreen, CaseFileScreen]
