"""`enter` on a list and the keys typed straight after it, in one burst (a slow SSH link
delivers them together): the keys act on what `enter` opened, not on the list's screen.

`enter` used to post the list's choice as a message, handled after the keys already queued
behind it: on Today, `enter 3` opened the case on the line's own tab, the `3` lost; on a
case's notes, `enter escape` left the case and then opened the note over the caseload. The
tests of the chronology, the directory, consents, the team, the new-case form and Today's tasks
each try the same on their own lists (``tests.tui.helpers.burst``, ``enter_then_escape``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, OptionList, TextArea

from store.service import Store
from tests.tui.test_conferences_ui import _with_meeting
from tests.tui.test_referrals_ui import _referral, open_referrals
from tests.tui.test_today_ui import highlight, open_today
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.pickers import CasePickerScreen, DraftsScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.form import FormScreen
from tui.screens.meetings.conferences import ConferencesScreen, MinutesScreen
from tui.screens.notes.draft_offer import DraftOfferScreen
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.screens.notes.note_view import NoteViewScreen
from tui.screens.referrals.view import ReferralScreen
from tui.screens.search.screen import SearchScreen

from .held import Held
from .helpers import (
    burst,
    enter_then_escape,
    loaded,
    on_tab,
    palette_finds,
    type_text,
    visible_text,
)
from .waiting import until

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"


def write(db: Path, *, note: str = "", summary: str = "", contact: str = "") -> None:
    """On Aisha Bello's case (the first on the caseload): a note, a summary, a contact."""
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        case = next(r.id for r in store.cases.caseload(me) if r.client_name == "Aisha Bello")
        if note:
            store.notes.finalise(
                me, case, {"contact_at": "today 9:00", "note_type": "phone call", "body": note}
            )
        if summary:
            store.case_file.save_summary(me, case, summary)
        if contact:
            client = store.cases.get(me, case).client_id
            store.case_file.add_contact(me, client, {"name": contact})
    finally:
        store.close()


async def test_enter_then_a_tabs_number_on_today_opens_the_case_on_that_tab(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_today(pilot)
        await highlight(pilot, screen, "Plan review")  # opens the case on its plan
        burst(app, "enter", "3")
        await until(pilot, lambda: on_tab(app, "notes"))
        await loaded(pilot)
        assert on_tab(app, "notes")


async def test_enter_then_escape_on_a_cases_notes_opens_the_note_and_comes_back(
    make_app: MakeApp, seeded_db: Path
) -> None:
    write(seeded_db, note="Rang the GP about the prescription.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "3")
        await until(pilot, lambda: on_tab(app, "notes"))
        await enter_then_escape(pilot, app, "notes-list", NoteViewScreen)
        assert [type(s) for s in app.screen_stack] == [CaseloadScreen, CaseFileScreen]
        assert on_tab(app, "notes")


async def test_enter_then_a_tabs_number_on_a_search_result_acts_on_the_case_it_opened(
    make_app: MakeApp, seeded_db: Path
) -> None:
    write(seeded_db, summary="Plays the banjo at the community centre.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await type_text(pilot, "banjo")
        await until(pilot, lambda: len(getattr(app.screen, "hits", [])) == 1)
        await pilot.press("down")  # to the results
        burst(app, "enter", "3")  # the summary opens on its tab; 3 is the notes
        await until(pilot, lambda: on_tab(app, "notes"))
        await loaded(pilot)
        assert on_tab(app, "notes")
        assert not any(isinstance(s, SearchScreen) for s in app.screen_stack)


async def test_enter_then_typing_on_a_contact_types_into_the_form_it_opened(
    make_app: MakeApp, seeded_db: Path
) -> None:
    write(seeded_db, contact="Grace Bello")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")  # the case, on its overview: the support network focused
        await until(pilot, lambda: on_tab(app, "overview"))
        await until(pilot, lambda: app.focused is not None and app.focused.id == "contacts")
        await until(pilot, lambda: getattr(app.focused, "option_count", 0) == 1)
        burst(app, "enter", "end", "x", "y")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await until(pilot, lambda: getattr(app.focused, "value", None) == "Grace Belloxy")
        assert isinstance(app.focused, Input) and app.focused.value == "Grace Belloxy"


async def test_enter_then_escape_on_a_referral_opens_it_and_comes_back(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _referral(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_referrals(pilot)
        await until(pilot, lambda: getattr(app.focused, "option_count", 0) >= 1)
        await enter_then_escape(pilot, app, "referrals-list", ReferralScreen)
        assert [type(s) for s in app.screen_stack] == [CaseloadScreen, CaseFileScreen]
        assert on_tab(app, "referrals")


async def test_enter_then_escape_on_a_meeting_or_an_action_opens_it_and_comes_back(
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
        await enter_then_escape(pilot, app, "meetings", MinutesScreen)
        assert isinstance(app.screen, ConferencesScreen)
        await pilot.press("tab")  # to the actions agreed: enter opens the action's form
        await enter_then_escape(pilot, app, "actions", FormScreen)
        assert isinstance(app.screen, ConferencesScreen)


async def test_a_note_typed_straight_after_choosing_its_case_is_typed_into_the_note(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, CasePickerScreen))
        picker = app.screen
        await type_text(pilot, "aisha")
        await until(pilot, lambda: picker.query_one("#cases", OptionList).option_count == 1)
        # The case and its drafts are read before the editor opens: the keys wait meanwhile,
        # rather than typing into the picker's box or reaching the caseload (q quits there).
        burst(app, "enter", "q", "u", "i", "t", "e")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        body = app.screen.query_one("#body", TextArea)
        await until(pilot, lambda: body.text == "quite")
        assert picker not in app.screen_stack and app.is_running


async def test_the_case_chosen_is_the_one_typed_even_when_the_list_had_not_caught_up(
    make_app: MakeApp,
) -> None:
    """Typed in one burst, the letters before enter are in the picker's box before its list
    has been refilled for them: enter chooses from the list as it is for what was typed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, CasePickerScreen))
        cases = app.screen.query_one("#cases", OptionList)
        await until(pilot, lambda: cases.option_count > 1)  # the recent cases, hers not first
        assert "Siobhán" not in str(cases.get_option_at_index(0).prompt)
        burst(app, "s", "i", "o", "b", "enter", "h", "i")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        editor = app.screen
        body = editor.query_one("#body", TextArea)
        await until(pilot, lambda: body.text == "hi")
        assert "Siobhán O'Sullivan-Murphy" in editor.case_label


async def test_a_case_of_another_workers_typed_in_the_same_burst_as_ctrl_n_is_found_first(
    make_app: MakeApp,
) -> None:
    """Priya Patel's case is Priya's: found by a search of the store, which had not even
    begun when enter came."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        burst(app, "ctrl+n", "p", "a", "t", "e", "l", "enter", "o", "k")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        editor = app.screen
        body = editor.query_one("#body", TextArea)
        await until(pilot, lambda: body.text == "ok")
        assert "Priya Patel" in editor.case_label


async def test_m_typed_with_the_enter_that_opened_a_note_amends_it(
    make_app: MakeApp, seeded_db: Path
) -> None:
    """`m` reached the note before it had been read, and was dropped."""
    write(seeded_db, note="Rang the GP about the prescription.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "3")
        await until(pilot, lambda: on_tab(app, "notes"))
        await until(pilot, lambda: app.focused is not None and app.focused.id == "notes-list")
        burst(app, "enter", "m")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await until(pilot, lambda: "Amend note" in visible_text(app))
        assert isinstance(app.screen_stack[-2], NoteViewScreen)


async def test_a_click_on_a_line_of_today_opens_it_as_enter_does(make_app: MakeApp) -> None:
    """A click goes through the same ``chosen`` as enter (OptionList's click selects)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(pilot)
        await pilot.click("#today-list", offset=(10, 1))  # the first line under "Overdue"
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)


async def test_a_tabs_number_typed_with_the_enter_that_chose_a_case_from_the_palette_opens_it_there(
    make_app: MakeApp,
) -> None:
    """ "Open a case…" (the palette) chose through ``dismiss``, whose callback Textual runs a
    message later: the `3` reached the caseload first and the case opened on its overview."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await palette_finds(pilot, "open a case", "Open a case…")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CasePickerScreen))
        burst(app, "n", "o", "w", "a", "k", "enter", "3")
        await until(pilot, lambda: on_tab(app, "notes"))
        await loaded(pilot)
        assert on_tab(app, "notes") and "Łukasz Nowak" in app.screen.detail.client_name  # type: ignore[attr-defined]
        assert [type(s) for s in app.screen_stack] == [CaseloadScreen, CaseFileScreen]


def _two_drafts(db: Path) -> None:
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        store.notes.save_draft(me, 1, {"body": "first draft"})  # type: ignore[arg-type]
        store.notes.save_draft(me, 2, {"body": "second draft"})  # type: ignore[arg-type]
    finally:
        store.close()


def in_the_note(app: CaselineApp) -> str:
    """The text of the note editor on top, once it is built ("" before)."""
    found = app.screen.query("#body") if isinstance(app.screen, NoteEditorScreen) else None
    return found.first(TextArea).text if found else ""


async def test_words_typed_with_the_enter_that_reopened_a_draft_go_into_the_note(
    make_app: MakeApp, seeded_db: Path
) -> None:
    """The list of drafts at start posted its choice: the words typed straight after `enter`
    reached the list, not the note it reopened."""
    _two_drafts(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await until(pilot, lambda: getattr(app.focused, "option_count", 0) == 2)
        burst(app, "enter", "ctrl+end", "!")
        await until(pilot, lambda: in_the_note(app) == "second draft!")


async def test_enter_typed_with_d_reopens_the_first_draft_not_the_case_beneath(
    make_app: MakeApp, seeded_db: Path, hold: Callable[[object, str], Held]
) -> None:
    """`d` (the drafts, read first: held up here) then `enter` and words, in one burst on the
    caseload: the enter waits for the list of drafts and reopens the first, and the words go
    into it. Before, the enter opened the case highlighted on the caseload."""
    _two_drafts(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DraftsScreen))  # offered at start
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await loaded(pilot)
        held = hold(app.store.notes, "drafts")
        burst(app, "d", "enter", "ctrl+end", "!")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: in_the_note(app) == "second draft!")
        assert [type(s) for s in app.screen_stack] == [CaseloadScreen, NoteEditorScreen]


async def test_words_typed_with_the_enter_that_continued_a_cases_draft_go_into_the_note(
    make_app: MakeApp, seeded_db: Path
) -> None:
    """A new note on a case with drafts offers them first; that offer posted its choice too."""
    store = Store.open(seeded_db)
    try:
        me = store.workers.ensure(ME)
        case = next(r.id for r in store.cases.caseload(me) if r.client_name == "Aisha Bello")
        store.notes.save_draft(me, case, {"body": "an older note"})  # type: ignore[arg-type]
        store.notes.save_draft(me, case, {"body": "half a note"})  # type: ignore[arg-type]
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await loaded(pilot)
        await pilot.press("n")  # a note on the highlighted case, Aisha Bello's
        await until(pilot, lambda: isinstance(app.screen, DraftOfferScreen))
        await until(pilot, lambda: getattr(app.focused, "option_count", 0) == 3)
        burst(app, "enter", "ctrl+end", "!")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        body = app.screen.query_one("#body", TextArea)
        await until(pilot, lambda: body.text == "half a note!")
