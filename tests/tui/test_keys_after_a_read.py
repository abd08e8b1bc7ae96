"""Keys that read something before they open a form, with the keys typed straight after them
in one burst (a slow link delivers them together). The read is held up here until every key
has been handed on, as a busy database would hold it: the keys wait for the form and are typed
into it, rather than acting on the screen beneath (`y`, `e`, `s`, `t` are the case file's)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file import opening
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.choice import ChoiceScreen
from tui.screens.export import ExportScreen
from tui.screens.form import FormScreen
from tui.screens.meetings.conferences import ConferencesScreen
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.widgets.date_field import DateInput

from .held import Held, closed_again
from .helpers import burst, form_shown, loaded, on_tab, pushed, type_text
from .test_assessment_ui import assessed, editor_open, open_assessment
from .test_conferences_ui import _with_meeting
from .test_consent_ui import _with_consent
from .test_notes_ui import GOOD_NOTE
from .test_plan_ui import _with_plan, open_plan
from .test_referrals_ui import _referral
from .waiting import until

MakeApp = Callable[..., CaselineApp]
Hold = Callable[[Any, str], Held]


async def open_case(pilot: Pilot[None]) -> CaseFileScreen:
    await loaded(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, CaseFileScreen))
    screen = pilot.app.screen
    assert isinstance(screen, CaseFileScreen)
    await until(pilot, lambda: screen.detail is not None)
    await loaded(pilot)
    return screen


@pytest.mark.parametrize(
    ("key", "owner", "read"),
    [("t", "workers", "active"), ("L", "cases", "restriction"), ("H", "handover", "pack")],
    ids=["transfer", "restriction", "handover-export"],
)
async def test_escape_straight_after_the_key_closes_what_it_opened(
    make_app: MakeApp,
    hold: Hold,
    key: str,
    owner: str,
    read: str,
) -> None:
    """The form's first field is a choice (a worker, yes or no) or the export's file name:
    escape, typed with the key, closes that, and the case stays open. Before, it closed the
    case, and the form opened over the caseload once the read was done."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        case_file = await open_case(pilot)
        held = hold(getattr(app.store, owner), read)
        await closed_again(pilot, held, key, ExportScreen if key == "H" else FormScreen)
        assert app.screen is case_file


async def test_the_date_typed_after_n_goes_into_the_next_meeting(
    make_app: MakeApp, seeded_db: Path, hold: Hold
) -> None:
    _with_meeting(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot)
        await pilot.press("M")
        await until(pilot, lambda: isinstance(app.screen, ConferencesScreen))
        await loaded(pilot)
        held = hold(app.store.conferences, "get")
        burst(app, "N", "ctrl+u", *"+6w")
        await held.release_once_typed(pilot)
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["next_meeting_on"] == "+6w")
        assert [type(s) for s in app.screen_stack[2:]] == [ConferencesScreen, FormScreen]


async def test_escape_straight_after_x_on_the_plan_closes_the_export(
    make_app: MakeApp, seeded_db: Path, hold: Hold
) -> None:
    _with_plan(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await until(pilot, lambda: pane.plan is not None)
        await loaded(pilot)
        case_file = app.screen
        held = hold(app.store.cases, "get")
        await closed_again(pilot, held, "x", ExportScreen)
        assert app.screen is case_file


async def test_the_day_typed_with_tab_after_the_worker_goes_into_the_transfer(
    make_app: MakeApp, hold: Hold
) -> None:
    """`t`, then `tab` out of the worker's choice and the day, in one burst: the choice box
    takes its keys in order, so the day goes into the next field, not into the choice box
    before `tab` had moved on from it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot)
        held = hold(app.store.workers, "active")
        burst(app, "t", "tab", "ctrl+u", *"yesterday")
        await held.release_once_typed(pilot)
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["on"] == "yesterday")
        assert "worker" in form.values()  # the transfer's


async def test_words_typed_after_choosing_one_of_a_goals_actions_go_into_it(
    make_app: MakeApp, seeded_db: Path, hold: Hold
) -> None:
    """`s` on a goal of two actions asks which; `2` and the words after it, together: who may
    own the action is read before its form opens, and the words wait for the form."""
    plan = _with_plan(seeded_db)
    store = Store.open(seeded_db)
    try:
        me = store.workers.ensure("sam.okafor")
        what = {"what": "Ask for a rent statement", "owner": "worker", "due_on": "1/12/2026"}
        store.plans.add_action(me, plan.goals[0].id, what)
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("down", "s")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        held = hold(app.store.plans, "action_owners")
        burst(app, "2", "end", *" now")
        await held.release_once_typed(pilot)
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["what"] == "Ask for a rent statement now")


async def test_the_date_typed_after_starting_from_the_last_assessment_goes_into_it(
    make_app: MakeApp, seeded_db: Path, hold: Hold
) -> None:
    """`N` asks how to start; `l` and a date typed with it: the draft is made before its
    editor opens (held up here), and the date waits for the editor rather than going to the
    assessment tab, whose keys `e`, `d`, `o` are."""
    assessed(seeded_db, "high need")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("N")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        held = hold(app.store.assessments, "start")
        burst(app, "l", "ctrl+u", *"yesterday")
        await held.release_once_typed(pilot)
        await editor_open(pilot)
        await until(pilot, lambda: app.screen.query_one("#as_at", DateInput).value == "yesterday")


async def test_a_key_typed_while_a_form_saves_acts_on_the_screen_beneath(
    make_app: MakeApp, hold: Hold
) -> None:
    """ctrl+s and `5` together, the save waiting for the database: `5` is not typed into the
    form about to close, and lost; once saved, it shows the case's plan."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        case_file = await open_case(pilot)
        await pilot.press("L")
        await form_shown(pilot)
        held = hold(app.store.cases, "restrict")
        burst(app, "ctrl+s", "5")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: app.screen is case_file)
        await until(pilot, lambda: on_tab(app, "plan"))
        await loaded(pilot)
        assert app.screen is case_file


async def test_a_key_typed_as_escape_closes_a_form_acts_on_the_screen_beneath(
    make_app: MakeApp, hold: Hold, monkeypatch: pytest.MonkeyPatch
) -> None:
    """escape and `5` together: the form forgets any draft it kept (held up here) before it
    closes; `5` waits, and shows the case's plan rather than being typed into the form."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        case_file = await open_case(pilot)
        await pilot.press("L")
        form = await form_shown(pilot)
        drafts = SimpleNamespace(forget=lambda: None)
        held = hold(drafts, "forget")
        monkeypatch.setattr(form, "_draft_forgetter", lambda: drafts.forget)
        burst(app, "escape", "5")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: app.screen is case_file)
        await until(pilot, lambda: on_tab(app, "plan"))
        assert form not in app.screen_stack


async def test_words_typed_after_g_on_the_assessment_go_into_the_goal(
    make_app: MakeApp, seeded_db: Path, hold: Hold
) -> None:
    """`G` reads the case's plan before the goal form opens (held up here): `tab` and the
    words typed with it wait, and finish the goal's change rather than being the case file's
    keys (`n` a note)."""
    assessed(seeded_db, "high need", plan=True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        held = hold(app.store.plans, "current")
        burst(app, "G", "tab", "end", *" now")
        await held.release_once_typed(pilot)
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["change"] == "Rent arrears, month 6. now")


async def test_a_key_typed_as_the_assessment_is_left_as_typed_acts_on_the_screen_beneath(
    make_app: MakeApp, hold: Hold, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The assessment can't be saved as typed (a date still to come): escape said so; escape
    again with `5` keeps it as typed (the write held up here) and closes the editor, and `5`
    waits for it and shows the case's plan, rather than being typed into the editor."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        case_file = app.screen
        await pilot.press("N")
        await editor_open(pilot)
        editor = app.screen
        as_at = editor.query_one("#as_at", DateInput)
        burst(app, "ctrl+u", *"+2d")
        await until(pilot, lambda: as_at.value == "+2d")
        await pilot.press("escape")  # not saved: a day still to come
        await until(
            pilot, lambda: "still to come" in str(editor.query_one("#error-as_at").render())
        )
        kept = SimpleNamespace(write=lambda: True)
        held = hold(kept, "write")
        monkeypatch.setattr(editor, "_draft_writer", lambda values: kept.write)
        burst(app, "escape", "5")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: app.screen is case_file)
        await until(pilot, lambda: on_tab(app, "plan"))
        assert editor not in app.screen_stack
        assert as_at.value == "+2d"  # nothing typed into it


@pytest.mark.parametrize("closing", ["ctrl+s", "k"])
async def test_a_key_typed_as_a_note_is_saved_acts_on_the_screen_beneath(
    make_app: MakeApp, seeded_db: Path, hold: Hold, closing: str
) -> None:
    """ctrl+s (the note finalised) or escape then `k` (kept as a draft), the write held up
    here, and `5` with it: `5` is not typed into the note about to close, and lost; once the
    note is written it shows the case's plan."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        case_file = await open_case(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        await loaded(pilot)
        await type_text(pilot, GOOD_NOTE)
        if closing == "k":
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
            held = hold(app.store.notes, "save_draft")
        else:
            held = hold(app.store.notes, "finalise")
        burst(app, closing, "5")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: app.screen is case_file)
        await until(pilot, lambda: on_tab(app, "plan"))
    store = Store.open(seeded_db)
    me = store.workers.ensure("sam.okafor")
    written = (
        [d.state["body"] for d in store.notes.drafts(me)]
        if closing == "k"
        else [n.first_line for n in store.notes.for_case(me, case_file.case_id)]
    )
    store.close()
    assert GOOD_NOTE in written  # as typed: no `5` at its end


async def opened_then_closed(
    pilot: Pilot[None], held: Held, opens: list[type[Screen[Any]]], opened: str, back_on: str
) -> None:
    """The held read released once every key has come: the last screen opened is
    ``opened`` (what the waiting `enter` opened), and the `escape` typed after it has closed
    it again, back on a ``back_on``."""
    app = pilot.app
    await held.release_once_typed(pilot)
    await until(pilot, lambda: [kind.__name__ for kind in opens][-1:] == [opened])
    await until(pilot, lambda: type(app.screen).__name__ == back_on)
    await loaded(pilot)


@pytest.mark.parametrize(
    ("tab", "words", "owner", "read", "opened"),
    [
        ("3", "boiler", "notes", "for_case", "NoteViewScreen"),
        ("4", "allocated", "case_file", "view", "ChronologyEntryScreen"),
    ],
    ids=["notes", "chronology"],
)
async def test_enter_on_a_tab_not_yet_filled_waits_for_its_records_and_the_keys_after_it(
    make_app: MakeApp,
    seeded_db: Path,
    hold: Hold,
    monkeypatch: pytest.MonkeyPatch,
    tab: str,
    words: str,
    owner: str,
    read: str,
    opened: str,
) -> None:
    """`enter`, the tab's number, `/`, words, `enter`, `enter` and `escape` in one burst from
    the caseload, the tab's records held up past the case file's first paint (a slow disk):
    the last `enter` waits for them and opens the first record found, and the `escape` typed
    after it closes that record again (before, that `enter` found the list empty and opened
    nothing, and the `escape` left the case)."""
    monkeypatch.setattr(opening, "FIRST_PAINT_WAIT", 0.0)
    store = Store.open(seeded_db)
    me = store.workers.ensure("sam.okafor")
    first = store.cases.caseload(me)[0]
    note = {"contact_at": "today 9:00", "note_type": "phone call", "body": GOOD_NOTE}
    store.notes.finalise(me, first.id, note)
    store.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        opens = pushed(app)
        held = hold(getattr(app.store, owner), read)
        burst(app, "enter", tab, "slash", *words, "enter", "enter", "escape")
        await opened_then_closed(pilot, held, opens, opened, "CaseFileScreen")
        assert on_tab(app, {"3": "notes", "4": "chronology"}[tab])


@pytest.mark.parametrize(
    ("keys", "owner", "read", "opened", "back_on"),
    [
        (("enter", "7"), "referrals", "for_case", "ReferralScreen", "CaseFileScreen"),
        (("I",), "consent", "view", "ConsentDetailScreen", "ConsentScreen"),
    ],
    ids=["referrals", "consents"],
)
async def test_enter_straight_after_the_key_that_lists_them_opens_the_first_record(
    make_app: MakeApp,
    seeded_db: Path,
    hold: Hold,
    keys: tuple[str, ...],
    owner: str,
    read: str,
    opened: str,
    back_on: str,
) -> None:
    """`enter 7` (a case's referrals) from the caseload, or `I` (its consents) in the case
    file, then `enter` and `escape`, in one burst, the list's read held up: the last `enter`
    opens its first record once read, and the `escape` closes it again. Before, that `enter`
    went to the empty list (or, for `7`, to the overview's list still focused, opening a
    contact) and the `escape` left."""
    _referral(seeded_db)
    _with_consent(seeded_db)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        if keys[0] == "I":
            await open_case(pilot)  # `I` needs the case read (typed before, it is dropped)
        await loaded(pilot)
        opens = pushed(app)
        held = hold(getattr(app.store, owner), read)
        burst(app, *keys, "enter", "escape")
        await opened_then_closed(pilot, held, opens, opened, back_on)


@pytest.mark.parametrize(
    ("start", "keys", "owner", "read", "opened", "back_on"),
    [
        ("case", ("M", "enter"), "conferences", "meetings", "MinutesScreen", "ConferencesScreen"),
        ("meetings", ("enter", "x"), "conferences", "minutes", "ExportScreen", "MinutesScreen"),
        ("case", ("K", "x"), "reminders", "tasks", "FormScreen", "TasksScreen"),
        ("caseload", ("enter", "M"), "case_file", "view", "ConferencesScreen", "CaseFileScreen"),
        ("notes", ("enter", "m"), "notes", "get", "FormScreen", "NoteViewScreen"),
        ("referrals", ("enter", "s"), "referrals", "get", "FormScreen", "ReferralScreen"),
        ("case", ("I", "e"), "consent", "view", "FormScreen", "ConsentScreen"),
        ("caseload", ("g", "x"), "reminders", "agenda", "FormScreen", "TodayScreen"),
        ("case", ("5", "a"), "plans", "current", "FormScreen", "CaseFileScreen"),
    ],
    ids=[
        "meetings-enter",
        "minutes-export",
        "tasks-done",
        "case-meetings",
        "note-amend",
        "referral-status",
        "consent-edit",
        "today-done",
        "plan-action",
    ],
)
async def test_keys_straight_after_a_screen_is_opened_act_on_what_it_reads(
    make_app: MakeApp,
    seeded_db: Path,
    hold: Hold,
    monkeypatch: pytest.MonkeyPatch,
    start: str,
    keys: tuple[str, ...],
    owner: str,
    read: str,
    opened: str,
    back_on: str,
) -> None:
    """`M enter` (a case's meetings, the first one's minutes), `enter x` (a meeting's minutes,
    exported), `K x` (a case's tasks, the first one done), `enter M` (a case, read past its
    first paint, and its meetings), `g x` (Today's first line, a task, done), `5 a` (an
    action added to the plan's first goal, once the goals are read) and the like,
    then `escape`, in one burst, what the screen shows held up: the keys wait for it and
    act on it, and the `escape` closes what they opened. Before, they found nothing to act
    on and were lost, and the `escape` closed the screen itself."""
    monkeypatch.setattr(opening, "FIRST_PAINT_WAIT", 0.0)
    _with_meeting(seeded_db)
    _referral(seeded_db)
    _with_consent(seeded_db)
    _with_plan(seeded_db)
    store = Store.open(seeded_db)
    try:
        me = store.workers.ensure("sam.okafor")
        # Overdue the longest: the first line of Today too.
        store.reminders.add_task(me, 1, {"title": "Ring the GP", "due_on": "1/1/2021"})
        first = store.cases.caseload(me)[0].id
        note = {"contact_at": "today 9:00", "note_type": "phone call", "body": GOOD_NOTE}
        store.notes.finalise(me, first, note)
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        if start != "caseload":
            case_file = await open_case(pilot)
        if start == "meetings":
            await pilot.press("M")
            await until(pilot, lambda: isinstance(app.screen, ConferencesScreen))
            await loaded(pilot)
        if start in ("notes", "referrals"):
            await pilot.press({"notes": "3", "referrals": "7"}[start])
            await until(pilot, lambda: case_file.focus_in(start))
            await loaded(pilot)
        opens = pushed(app)
        held = hold(getattr(app.store, owner), read)
        burst(app, *keys, "escape")
        await opened_then_closed(pilot, held, opens, opened, back_on)
