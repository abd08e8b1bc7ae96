"""A colleague saves first: the editor stays open with what was typed, shows whose version
came first and what it says, and ctrl+s again saves over it deliberately."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static, TextArea

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.case_file.summary_editor import SummaryEditorScreen
from tui.screens.form import FormScreen
from tui.widgets.conflict import ConflictNotice

from .helpers import focus, loaded
from .ui_thread import UiThreadWatch

MakeApp = Callable[..., CaselineApp]


async def open_first_case(pilot: object) -> CaseFileScreen:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await loaded(pilot)  # type: ignore[arg-type]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, CaseFileScreen)
    return screen


def notice_of(app: CaselineApp) -> tuple[bool, str, str]:
    """Whether the conflict notice is on show, its message, and the other version's text."""
    notice = app.screen.query_one(ConflictNotice)
    message = str(notice.query_one("#conflict-message", Static).render())
    theirs = notice.query_one("#conflict-theirs", TextArea).text
    return notice.display and notice.has_class("-shown"), message, theirs


async def test_summary_saved_meanwhile_is_shown_and_nothing_typed_is_lost(
    make_app: MakeApp, seeded_db: Path
) -> None:
    store = Store.open(seeded_db)
    me, priya = store.workers.ensure("sam.okafor"), store.workers.ensure("priya.nair")
    first = store.case_file.save_summary(me, 1, "## Background\n\nReferred by the GP.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("2", "e")
        await loaded(pilot)
        editor = app.screen
        assert isinstance(editor, SummaryEditorScreen)
        assert notice_of(app)[0] is False
        # Priya saves her version while Sam is still typing his.
        store.case_file.save_summary(priya, 1, "Priya's summary: moved to Leeds.", base=first.id)
        area = editor.query_one("#summary-text", TextArea)
        area.load_text("Sam's summary: housing found.")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is editor  # refused, and still open
        shown, message, theirs = notice_of(app)
        assert shown
        assert "Priya Nair saved a new version of the summary" in message
        assert "ctrl+s again saves yours over theirs" in message
        assert theirs == "Priya's summary: moved to Leeds."
        assert area.text == "Sam's summary: housing found."
        # Having read hers, Sam saves his on top of it.
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
    assert [v.body for v in store.case_file.summary_versions(me, 1)] == [
        "Sam's summary: housing found.",
        "Priya's summary: moved to Leeds.",
        "## Background\n\nReferred by the GP.",
    ]
    store.close()


async def test_client_details_changed_meanwhile_are_shown_in_the_form(
    make_app: MakeApp, seeded_db: Path
) -> None:
    store = Store.open(seeded_db)
    priya = store.workers.ensure("priya.nair")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("e")
        await loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        opened = store.case_file.client(priya, 1)
        store.case_file.update_client(priya, 1, {"phone": "0113 496 0000"}, version=opened.version)
        language = form.query_one("#language", Input)
        language.focus()
        await pilot.press(*"Hausa")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is form
        shown, message, theirs = notice_of(app)
        assert shown
        assert "Priya Nair changed this client's details" in message
        assert "Phone: 0113 496 0000" in theirs.splitlines()
        assert "Name: Aisha Bello" in theirs.splitlines()
        assert language.value == "Hausa"  # what Sam typed is still there
        # Her version can be reached with tab, to select and copy from.
        await pilot.press("tab", "tab")
        assert app.focused is form.query_one("#conflict-theirs")
        # Sam copies her phone number into his form, then saves on top of her version.
        form.query_one("#phone", Input).value = "0113 496 0000"
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is screen
    now = store.case_file.client(priya, 1)
    assert (now.phone, now.language) == ("0113 496 0000", "Hausa")
    store.close()


async def test_draft_minutes_saved_meanwhile_are_shown_and_saved_over_on_purpose(
    make_app: MakeApp, seeded_db: Path
) -> None:
    from .test_minutes_editor import fill_meeting, open_editor, type_into

    store = Store.open(seeded_db)
    priya = store.workers.ensure("priya.nair")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_editor(pilot)
        await fill_meeting(pilot, editor)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert "saved" in str(editor.query_one("#draft-status", Static).render())
        assert editor.conference_id is not None
        # Priya opens the same draft and saves her own wording first.
        store.conferences.save(
            priya, editor.conference_id, {"place": "Priya's room"}, version=editor.version
        )
        place = editor.query_one("#place", Input)
        await type_into(pilot, place, "Sam's room")
        # Leaving the field saves the page: it finds hers, shows it, and saves nothing over it.
        await focus(pilot, "#chair")
        await loaded(pilot)
        shown, message, theirs = notice_of(app)
        assert shown
        assert "Priya Nair saved these minutes" in message
        assert "press ctrl+s twice" in message
        assert "Priya's room" in theirs
        assert place.value == "Sam's room"
        assert store.conferences.get(priya, editor.conference_id).place == "Priya's room"
        # The first ctrl+s is answered with her version; it still saves nothing over it.
        await pilot.press("ctrl+s")
        await loaded(pilot)
        shown, message, theirs = notice_of(app)
        assert shown and "ctrl+s again saves yours over theirs" in message
        assert store.conferences.get(priya, editor.conference_id).place == "Priya's room"
        # Having read hers, ctrl+s again puts his on top.
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert notice_of(app)[0] is False
        assert store.conferences.get(priya, editor.conference_id).place == "Sam's room"
    store.close()


def test_the_other_version_reads_in_the_forms_order_with_the_rest_after() -> None:
    from store.common.errors import Conflict
    from tui.widgets.conflict import conflict_text

    conflict = Conflict(
        "Priya Nair changed goal 1 after you opened it.",
        current={"status": "closed", "target": "2 of 3", "change": "Attend\nthree classes"},
        version=3,
    )
    labels = {"change": "What changes", "target": "Target", "reason": "Why changed"}
    assert conflict_text(conflict, labels).splitlines() == [
        "What changes: Attend",
        "    three classes",
        "Target: 2 of 3",
        "Status: closed",
    ]


async def test_a_draft_restored_after_a_colleague_saved_does_not_undo_their_change(
    make_app: MakeApp, seeded_db: Path, ui_thread_watch: UiThreadWatch
) -> None:
    store = Store.open(seeded_db)
    priya = store.workers.ensure("priya.nair")
    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_first_case(pilot)
        await pilot.press("e")
        await loaded(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#language", Input).focus()
        await pilot.press(*"Hausa")
        with ui_thread_watch.hanging_up():
            assert form.save_draft_now()  # as when the terminal goes away
    # Meanwhile Priya changes the phone number.
    opened = store.case_file.client(priya, 1)
    store.case_file.update_client(priya, 1, {"phone": "0113 496 0000"}, version=opened.version)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_case(pilot)
        await pilot.press("e")
        await loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#language", Input).value == "Hausa"  # restored
        assert form.query_one("#phone", Input).value == "07700 900123"  # as typed on
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is form
        shown, message, theirs = notice_of(app)
        assert shown and "Priya Nair changed this client's details" in message
        assert "Phone: 0113 496 0000" in theirs.splitlines()
    assert store.case_file.client(priya, 1).phone == "0113 496 0000"  # not put back
    store.close()


async def test_minutes_kept_after_a_refusal_are_refused_again_when_reopened(
    make_app: MakeApp, seeded_db: Path
) -> None:
    from .test_minutes_editor import editor_ready, fill_meeting, open_editor, type_into

    store = Store.open(seeded_db)
    priya = store.workers.ensure("priya.nair")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_editor(pilot)
        await fill_meeting(pilot, editor)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        conference_id = editor.conference_id
        assert conference_id is not None
        store.conferences.save(
            priya, conference_id, {"place": "Priya's room"}, version=editor.version
        )
        await type_into(pilot, editor.query_one("#place", Input), "Sam's room")
        await pilot.press("escape")  # closed: his page is kept as typed
        await loaded(pilot)
        assert not isinstance(app.screen, type(editor))
        assert store.conferences.get(priya, conference_id).place == "Priya's room"
        await pilot.press("e")  # the draft, highlighted in the meetings list
        reopened = await editor_ready(pilot)
        assert reopened.query_one("#place", Input).value == "Sam's room"
        await pilot.press("ctrl+s")
        await loaded(pilot)
        shown, message, theirs = notice_of(app)
        assert shown and "Priya Nair saved these minutes" in message
        assert "Priya's room" in theirs
        assert store.conferences.get(priya, conference_id).place == "Priya's room"
    store.close()
