"""Creating a case from the caseload with the keyboard: valid, invalid, duplicates, cancel."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, OptionList, Static

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.case_table import CaseTable
from tui.screens.caseload.new_case import FIELDS, NewCaseScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.confirm import ConfirmScreen

from .helpers import burst, duplicates_checked, loaded, names, on_tab, type_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]


def error(app: CaselineApp, field: str) -> str:
    widget = app.screen.query_one(f"#error-{field}", Static)
    return str(widget.render()) if widget.display else ""


async def open_form(pilot: object) -> None:
    await loaded(pilot)
    await pilot.press("a")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_create_a_case_with_the_keyboard(make_app: MakeApp, seeded_db: object) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert app.focused is app.screen.query_one("#client_name", Input)
        for i, text in enumerate(
            ("Grace Hopper", "9/12/1986", "2 Mill Lane, York", "07700 900456")
        ):
            if i:
                await pilot.press("tab")
            await type_text(pilot, text)
        hint = str(app.screen.query_one("#hint-date_of_birth", Static).render())
        assert hint == "Tue 09 Dec 1986 (age 39)"
        await duplicates_checked(pilot)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert "Grace Hopper" in names(app)
        highlighted = app.screen.query_one(CaseTable).highlighted
        assert highlighted is not None and highlighted.client_name == "Grace Hopper"
        assert highlighted.ref == "CL-2026-0002"  # one 2026 case was in the seed
    store = Store.open(seeded_db)  # type: ignore[arg-type]
    me = store.workers.ensure("sam.okafor")
    case = store.cases.get(me, highlighted.id)
    assert (case.address, case.phone) == ("2 Mill Lane, York", "07700 900456")
    assert store.chronology.entries(me, case.id)[0].title == "Case allocated to Sam Okafor"
    store.close()


async def test_ctrl_s_typed_straight_after_the_name_saves_once_the_check_has_run(
    make_app: MakeApp,
) -> None:
    """Typed in one go, ctrl+s comes before the duplicate check has seen the name: the case
    is saved once it has (and found nobody), without a second ctrl+s."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await pilot.press(*"Grace Hopper", "tab", *"9/12/1986", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await loaded(pilot)
        assert "Grace Hopper" in names(app)


async def test_invalid_input_is_shown_at_the_field_and_nothing_is_saved(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await pilot.press("tab")
        await type_text(pilot, "31/02/2026")
        await pilot.press("tab", "tab")
        await type_text(pilot, "not a phone")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewCaseScreen)
        assert error(app, "client_name") == "Client name is required."
        assert "There is no 31 February 2026" in error(app, "date_of_birth")
        assert "Phone may contain digits" in error(app, "phone")
        assert app.focused is app.screen.query_one("#client_name", Input)
        # Fixing a field clears its message.
        await type_text(pilot, "Ada Lovelace")
        assert error(app, "client_name") == ""
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert "Ada Lovelace" not in names(app)


async def test_allocation_date_in_the_future_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Ada Lovelace")
        app.screen.query_one("#allocated_on", Input).focus()
        await pilot.press(*"+1w", "ctrl+s")
        await pilot.pause()
        assert "can't be in the future" in error(app, "allocated_on")


async def test_possible_duplicates_are_shown_and_can_be_opened_instead(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "lukasz nowak")
        await duplicates_checked(pilot)
        await pilot.pause()
        options = app.screen.query_one("#duplicates", OptionList)
        assert options.display and options.option_count == 1
        assert "Łukasz Nowak" in str(options.get_option_at_index(0).prompt)
        # The first save stops to show them; enter opens the existing case instead.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewCaseScreen)
        assert app.focused is options
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert app.screen.detail is not None and app.screen.detail.client_name == "Łukasz Nowak"


async def test_saving_anyway_after_seeing_duplicates(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Aisha Bello")
        await duplicates_checked(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewCaseScreen)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert names(app).count("Aisha Bello") == 2


async def test_escape_on_an_empty_form_just_goes_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)


async def test_escape_then_keep_editing_keeps_what_was_typed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Half Typed")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # the safe answer: keep editing
        assert isinstance(app.screen, NewCaseScreen)
        assert app.screen.query_one("#client_name", Input).value == "Half Typed"


async def test_case_for_another_worker_shows_in_all_workers_view(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Alan Turing")
        await loaded(pilot)  # the list of workers is read after the form opens
        app.screen.query_one("#worker").value = "priya.nair"  # type: ignore[attr-defined]
        await duplicates_checked(pilot)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert app.screen.scope == "all"
        row = app.screen.query_one(CaseTable).highlighted
        assert row is not None and row.client_name == "Alan Turing"
        assert row.worker_name == "Priya Nair"


async def test_a_database_failure_on_save_keeps_the_form_and_says_why(
    make_app: MakeApp, monkeypatch: object
) -> None:
    from store.common.errors import DatabaseUnavailable

    def locked(*args: object, **kwargs: object) -> None:
        raise DatabaseUnavailable("The database is busy (locked by another program); try again.")

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Grace Hopper")
        await duplicates_checked(pilot)
        monkeypatch.setattr(app.store.cases, "create", locked)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert app.screen.query_one("#client_name", Input).value == "Grace Hopper"
        messages = [str(n.message) for n in app._notifications]
        assert any("locked by another program" in m for m in messages)
        # Once the database is free again, the same form saves.
        monkeypatch.undo()  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert "Grace Hopper" in names(app)


async def test_reference_preview_shows_the_next_number(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await loaded(pilot)
        assert app.screen.query_one("#ref", Input).placeholder == "automatic (CL-2026-0002)"


async def _type_a_known_name(pilot: object, app: CaselineApp, name: str) -> OptionList:
    await type_text(pilot, name)  # type: ignore[arg-type]
    options = app.screen.query_one("#duplicates", OptionList)
    await until(pilot, lambda: options.display and options.option_count > 0)  # type: ignore[arg-type]
    return options


async def test_ctrl_d_from_any_text_field_goes_to_the_duplicates_and_enter_opens_the_first(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        options = await _type_a_known_name(pilot, app, "lukasz nowak")
        await pilot.press("tab")
        await type_text(pilot, "1/7/1979")
        await duplicates_checked(pilot)  # the check runs again with the date of birth
        await until(pilot, lambda: options.display and options.option_count > 0)
        await pilot.press("tab")  # on to the address field
        assert app.focused is app.screen.query_one("#address", Input)
        await pilot.press("ctrl+d")
        assert app.focused is options
        assert options.highlighted == 0
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert app.screen.detail is not None and app.screen.detail.client_name == "Łukasz Nowak"


async def test_ctrl_d_in_a_text_field_deletes_as_usual_when_there_are_no_duplicates(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await pilot.press(*"Grace", "home", "ctrl+d")
        name = app.screen.query_one("#client_name", Input)
        assert name.value == "race"
        assert app.focused is name


async def test_tab_to_the_duplicates_then_enter_opens_the_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        options = await _type_a_known_name(pilot, app, "aisha bello")
        for _ in range(len(FIELDS) + 1):
            if app.focused is options:
                break
            await pilot.press("tab")
        assert app.focused is options
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert app.screen.detail is not None and app.screen.detail.client_name == "Aisha Bello"


async def test_the_duplicate_warning_is_in_the_form_and_goes_with_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        options = await _type_a_known_name(pilot, app, "Aisha Bello")
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = app.screen.query_one("#dup-note", Static)
        assert note.display and "existing client" in str(note.render())
        assert not app.query("Toast"), "a toast would cover the list"
        assert app.focused is options
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert names(app).count("Aisha Bello") == 2
        assert not any("existing client" in str(t.render()) for t in app.query("Toast"))


async def test_tab_goes_round_the_fields_never_stopping_on_the_page(make_app: MakeApp) -> None:
    """A form's page (new case, and every FormScreen) is no stop in the tab order: tabbing
    round comes back to the first field, and the page never holds the focus (holding it,
    every field under it would be restyled each time it gained or lost it)."""
    from textual.containers import VerticalScroll

    from tui.screens.form import Field, FormScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        form = FormScreen("Two fields", [Field("a", "A"), Field("b", "B")], {}, lambda **_: None)
        for screen in (app.screen, form):
            if screen is form:
                await app.push_screen(form)
                await until(pilot, lambda: app.focused is form.query_one("#a"))
            first = app.focused
            stops = [w for w in screen.focus_chain if not isinstance(w, VerticalScroll)]
            assert first in stops
            for _ in stops:
                await pilot.press("tab")
                assert not isinstance(app.focused, VerticalScroll)
            assert app.focused is first


async def test_a_tabs_number_typed_with_the_enter_that_opened_an_existing_client_opens_it_there(
    make_app: MakeApp,
) -> None:
    """The list of existing clients dismissed the form with the case, which the caseload
    opened a message later: the `3` typed straight after `enter` was lost."""
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
