"""Today (g on the caseload): what needs doing, grouped by when; enter opens the record; tasks
added, done with a note and moved with a reason; shown at start when something is overdue;
a supervisor picks the team."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from store.service import Store
from tests.tui.test_team import team_db
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.pickers import CasePickerScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.form import FormScreen
from tui.screens.today.screen import NOT_MOVABLE, TodayScreen
from tui.screens.today.whose import WhosePicker

from .helpers import burst, focus, loaded, type_text, visible_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]


def today(app: CaselineApp) -> TodayScreen:
    screen = app.screen
    assert isinstance(screen, TodayScreen), screen
    return screen


def error(app: CaselineApp, field: str) -> str:
    return str(app.screen.query_one(f"#error-{field}", Static).render())


def messages(app: CaselineApp) -> list[str]:
    return [n.message for n in app._notifications]


async def open_today(pilot: Pilot[None]) -> TodayScreen:
    await loaded(pilot)
    await pilot.press("g")
    await until(pilot, lambda: isinstance(pilot.app.screen, TodayScreen))
    screen = today(pilot.app)  # type: ignore[arg-type]
    await until(pilot, lambda: screen.agenda is not None)
    await loaded(pilot)
    return screen


async def highlight(pilot: Pilot[None], screen: TodayScreen, wanted: str) -> None:
    """Press down until the highlighted line's title says ``wanted``."""
    for _ in range(40):
        item = screen.highlighted
        if item is not None and wanted in item.title:
            return
        await pilot.press("down")
    raise AssertionError(f"no line says {wanted!r}")


async def test_g_shows_what_needs_doing_grouped_by_when(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_today(pilot)
        shown = visible_text(app)
        # Łukasz: no note since 2 Oct, review overdue since 1 Nov; four cases with no summary;
        # Siobhán's note is due today (last contact 16 Nov).
        assert "Overdue (6)" in shown and "Today (1)" in shown
        assert "This week (0)" in shown and "Later (0)" in shown
        assert "No note for 52 days" in shown and "Plan review 22 days overdue" in shown
        assert "A note is due" in shown
        assert "6 overdue · 1 today · 0 this week · 0 later" in shown
        assert screen.agenda is not None and screen.agenda.who == "Sam Okafor"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))


async def test_enter_opens_the_record_a_line_is_about(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_today(pilot)
        await highlight(pilot, screen, "Plan review")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        case_file = app.screen
        assert isinstance(case_file, CaseFileScreen)
        assert case_file.initial_tab == "plan"
        assert case_file.detail is not None and case_file.detail.client_name == "Łukasz Nowak"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await highlight(pilot, screen, "No case summary")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        assert app.screen.initial_tab == "summary"  # type: ignore[attr-defined]


async def test_a_task_added_then_done_with_a_note(make_app: MakeApp, seeded_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_today(pilot)
        await highlight(pilot, screen, "Plan review")  # on Łukasz's case
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+s")  # blank: refused at the fields
        await until(pilot, lambda: "Say what is to be done" in error(app, "title"))
        assert "By when?" in error(app, "due_on")
        await type_text(pilot, "Ring the housing officer")
        await focus(pilot, "#due_on")
        await type_text(pilot, "not a day")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "not a day" in error(app, "due_on"))
        await focus(pilot, "#due_on")
        await pilot.press("ctrl+u")
        await type_text(pilot, "yesterday")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await until(pilot, lambda: "Overdue (7)" in visible_text(app))
        await highlight(pilot, screen, "Ring the housing officer")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Say what was done" in error(app, "note"))
        await type_text(pilot, "Spoke to her: repairs booked.")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await until(pilot, lambda: "Overdue (6)" in visible_text(app))
        assert "Task done." in messages(app)
    store = Store.open(seeded_db)
    try:
        me = store.workers.ensure("sam.okafor")
        [task] = store.reminders.tasks(me, 2)
        assert (task.title, task.done_note) == (
            "Ring the housing officer",
            "Spoke to her: repairs booked.",
        )
    finally:
        store.close()


async def test_a_task_moved_with_a_reason_and_a_rule_that_cannot_be(
    make_app: MakeApp, seeded_db: Path
) -> None:
    store = Store.open(seeded_db)
    try:
        me = store.workers.ensure("sam.okafor")
        store.reminders.add_task(me, 1, {"title": "Book the interpreter", "due_on": "yesterday"})
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_today(pilot)
        await highlight(pilot, screen, "Plan review")
        await pilot.press("m")
        await until(pilot, lambda: NOT_MOVABLE in messages(app))
        assert isinstance(app.screen, TodayScreen)
        await highlight(pilot, screen, "Book the interpreter")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await type_text(pilot, "yesterday")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "today or a later day" in error(app, "due_on"))
        assert "Say why" in error(app, "reason")
        await focus(pilot, "#due_on")
        await pilot.press("ctrl+u")
        await type_text(pilot, "+2w")
        await focus(pilot, "#reason")
        await type_text(pilot, "Interpreter away this week")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await until(pilot, lambda: "Later (1)" in visible_text(app))
        assert "Book the interpreter" in visible_text(app)


async def test_a_task_on_a_case_chosen_first(make_app: MakeApp, tmp_path: Path) -> None:
    """With no line to take its case from, a task asks for the case first. The words typed
    straight after the enter that chose it go into the task: the picker dismissed with the
    case, and they reached Today first (whose a, m and r are keys of its own)."""
    db = tmp_path / "one.db"
    store = Store.open(db)
    try:
        me = store.workers.ensure("sam.okafor")
        store.cases.create(me, {"client_name": "Aisha Bello", "allocated_on": "today"})
    finally:
        store.close()
    app = make_app(db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(pilot)
        assert "Nothing needs doing" in visible_text(app)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, CasePickerScreen))
        picker = app.screen
        await until(pilot, lambda: picker.query_one("#cases", OptionList).option_count == 1)
        burst(app, "enter", *"ring a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await until(pilot, lambda: getattr(app.focused, "value", None) == "ring a")
        assert "Aisha Bello" in visible_text(app) and picker not in app.screen_stack


async def test_shown_at_start_when_something_is_overdue(make_app: MakeApp) -> None:
    app = make_app(today_at_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await loaded(pilot)
        assert "Overdue (6)" in visible_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))


async def test_not_shown_at_start_when_nothing_is_overdue(
    make_app: MakeApp, tmp_path: Path
) -> None:
    db = tmp_path / "calm.db"
    store = Store.open(db)
    try:
        me = store.workers.ensure("sam.okafor")
        case = store.cases.create(me, {"client_name": "Ada Byron"})
        store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "today"})
    finally:
        store.close()
    app = make_app(db=db, today_at_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: not app.workers)
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)


async def test_a_supervisor_picks_the_team(tmp_path: Path) -> None:
    db, people = team_db(tmp_path)
    store = Store.open(db)
    try:
        [case] = store.cases.caseload(people["nia.north"])[:1]
        store.reminders.add_task(
            people["nia.north"], case.id, {"title": "Ring the GP", "due_on": "tomorrow"}
        )
    finally:
        store.close()
    app = CaselineApp(db=db, me=people["sue.super"])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_today(pilot)
        assert "Ring the GP" not in visible_text(app)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, WhosePicker))
        await pilot.press("down", "enter")  # the whole team
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await until(pilot, lambda: screen.agenda is not None and screen.agenda.team)
        await loaded(pilot)
        shown = visible_text(app)
        assert "Today · team North" in shown
        assert "Ring the GP · " in shown  # with whose it is
        options = screen.query_one(OptionList)
        assert options.option_count > 1


async def test_the_case_file_shows_the_record_health_the_agenda_finds(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_today(pilot)
        await highlight(pilot, screen, "No note for 52 days")  # Łukasz
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        health = app.screen.query_one("#case-health", Static)
        await until(pilot, lambda: health.has_class("-shown"))
        assert str(health.render()) == (
            "Record: no case summary yet · review 22 days overdue · no note for 52 days"
        )


async def test_a_case_with_nothing_due_shows_no_health_line(
    make_app: MakeApp, tmp_path: Path
) -> None:
    db = tmp_path / "calm.db"
    store = Store.open(db)
    try:
        me = store.workers.ensure("sam.okafor")
        store.cases.create(me, {"client_name": "Ada Byron"})
    finally:
        store.close()
    app = make_app(db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        health = app.screen.query_one("#case-health", Static)
        assert not health.has_class("-shown") and not health.display


async def test_k_in_the_case_file_lists_its_tasks(make_app: MakeApp, seeded_db: Path) -> None:
    from tui.screens.today.tasks import TasksScreen

    store = Store.open(seeded_db)
    try:
        me = store.workers.ensure("sam.okafor")
        task = store.reminders.add_task(me, 1, {"title": "Book the interpreter", "due_on": "fri"})
        store.reminders.move(me, task.id, {"due_on": "+2w", "reason": "Away"}, version=1)
        store.reminders.add_task(me, 1, {"title": "Ring the GP", "due_on": "yesterday"})
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")  # the first case by name: Aisha Bello, case 1
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, TasksScreen))
        screen = app.screen
        assert isinstance(screen, TasksScreen)
        await until(pilot, lambda: screen.tasks is not None)
        await loaded(pilot)
        assert [t.title for t in screen.tasks or []] == ["Ring the GP", "Book the interpreter"]
        await pilot.press("down")
        await until(pilot, lambda: "Moved 27 Nov 2026 → 07 Dec 2026" in visible_text(app))
        await pilot.press("up", "x")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await type_text(pilot, "Rang: appointment on Monday.")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TasksScreen))
        await until(pilot, lambda: "done 23 Nov 2026" in visible_text(app))


async def test_a_long_group_says_how_many_more(make_app: MakeApp, monkeypatch: object) -> None:
    import tui.screens.today.screen as today_screen

    monkeypatch.setattr(today_screen, "GROUP_MAX", 2)  # type: ignore[attr-defined]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(pilot)
        shown = visible_text(app)
        assert "Overdue (6)" in shown and "… and 4 more: w shows one worker's" in shown
        assert "6 overdue · 1 today" in shown


async def test_a_task_moved_meanwhile_is_shown_and_the_note_kept(
    make_app: MakeApp, seeded_db: Path
) -> None:
    from tests.tui.test_conflicts_ui import notice_of

    store = Store.open(seeded_db)
    try:
        me, priya = store.workers.ensure("sam.okafor"), store.workers.ensure("priya.nair")
        task = store.reminders.add_task(me, 1, {"title": "Ring the GP", "due_on": "yesterday"})
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_today(pilot)
            await highlight(pilot, screen, "Ring the GP")
            await pilot.press("x")
            await until(pilot, lambda: isinstance(app.screen, FormScreen))
            store.reminders.move(priya, task.id, {"due_on": "fri", "reason": "GP shut"}, version=1)
            await type_text(pilot, "Rang: appointment on Monday.")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: notice_of(app)[0])
            _shown, message, theirs = notice_of(app)
            assert message.startswith("Priya Nair changed this task")
            assert "27 Nov 2026" in theirs
            assert isinstance(app.screen, FormScreen)
            assert app.screen.values()["note"] == "Rang: appointment on Monday."
            await pilot.press("ctrl+s")  # having seen theirs: done on top of the move
            await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert store.reminders.task(me, task.id).done
    finally:
        store.close()
