"""A record just added is the one highlighted when its form closes: a contact, a professional,
a chronology entry, a goal, an action's goal, and minutes just written (so that the meeting
keys, such as N for the next meeting, act on the meeting just written)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.widgets import OptionList

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.chronology.pane import ChronologyTable
from tui.screens.form import FormScreen
from tui.screens.meetings.conferences import ConferencesScreen
from tui.screens.plan.pane import GoalBlock

from .helpers import choose, focus, loaded, type_text
from .test_conferences_ui import _with_meeting
from .test_minutes_editor import editor_ready, fill_meeting
from .test_plan_ui import _case_id, _with_plan, open_plan
from .waiting import until

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"


def _with_people(db: Path) -> None:
    """The first case with someone in its support network and a professional already."""
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        case_id = _case_id(db)
        client_id = store.cases.get(me, case_id).client_id
        store.case_file.add_contact(me, client_id, {"name": "Anne Bello", "relationship": "mother"})
        store.case_file.add_professional(
            me, case_id, {"name": "Dr Amir Khan", "agency": "Hillside GP"}
        )
    finally:
        store.close()


def _highlighted(app: CaselineApp, selector: str) -> str:
    option = app.screen.query_one(selector, OptionList).highlighted_option
    assert option is not None
    return str(option.prompt)


async def test_a_new_contact_and_a_new_professional_are_highlighted(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _with_people(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert _highlighted(app, "#contacts").startswith("Anne Bello")
        await pilot.press("c")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Zainab Bello")
        await pilot.press("tab")
        await type_text(pilot, "sister")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert _highlighted(app, "#contacts").startswith("Zainab Bello (sister)")
        assert app.focused is app.screen.query_one("#contacts")
        await pilot.press("p")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Zoe Young")
        await pilot.press("tab")
        await type_text(pilot, "Oak Primary")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert _highlighted(app, "#professionals").startswith("Zoe Young · Oak Primary")
        assert app.focused is app.screen.query_one("#professionals")


async def test_a_new_chronology_entry_is_highlighted(make_app: MakeApp, seeded_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        await pilot.press("4")
        await loaded(pilot)
        table = app.screen.query_one(ChronologyTable)
        assert table.highlighted is not None
        assert table.highlighted.title != "Police called to the flat"
        await pilot.press("a")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await focus(pilot, "#title")
        await type_text(pilot, "Police called to the flat")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert table.highlighted is not None
        assert table.highlighted.title == "Police called to the flat"
        assert table.cursor_row == len(table.rows) - 1  # oldest first: the newest is last


async def test_a_new_goal_is_focused(make_app: MakeApp, seeded_db: Path) -> None:
    _with_plan(seeded_db, goals=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await pilot.press("down")  # onto goal 1
        assert isinstance(app.focused, GoalBlock)
        await pilot.press("g")
        assert isinstance(app.screen, FormScreen)
        await choose(pilot, "health")
        for field, value in (
            ("change", "Go to three diabetes classes"),
            ("measure", "classes attended"),
            ("target", "3 of 3"),
            ("relevance", "I want to see my grandson grow up"),
            ("target_on", "+2m"),
        ):
            await focus(pilot, f"#{field}")
            await type_text(pilot, value)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert pane.plan is not None and len(pane.plan.goals) == 2
        focused = app.focused
        assert isinstance(focused, GoalBlock)
        assert focused.goal.current.change == "Go to three diabetes classes"


async def test_a_new_action_shows_in_its_goal(make_app: MakeApp, seeded_db: Path) -> None:
    _with_plan(seeded_db, goals=3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await pilot.press("down")  # onto goal 1, taller than the screen: its end out of sight
        await until(pilot, lambda: isinstance(app.focused, GoalBlock))
        assert isinstance(app.focused, GoalBlock)
        goal_id = app.focused.goal.id
        scroll = pane.query_one("#plan-scroll")
        assert app.focused.region.bottom > scroll.region.bottom
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await loaded(pilot)
        await type_text(pilot, "Ring the housing officer")
        await pilot.press("tab")
        await choose(pilot, "Client: Aisha Bello")
        await focus(pilot, "#due_on")
        await pilot.press(*"fri", "ctrl+s")
        # Saved in a worker: the form goes, the plan is read again and the goal focused.
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)

        def new_action_shown() -> bool:
            focused = app.focused
            return (
                isinstance(focused, GoalBlock)
                and focused.goal.id == goal_id
                and "Ring the housing officer" in [a.what for a in focused.goal.actions]
                # The goal's end, where the new action is, is in view.
                and scroll.region.y <= focused.region.bottom - 1 <= scroll.region.bottom
            )

        await until(pilot, new_action_shown)


async def test_next_meeting_acts_on_the_minutes_just_written(
    make_app: MakeApp, seeded_db: Path
) -> None:
    case_id = _with_meeting(seeded_db)  # a finalised core group of 2 Nov 2026
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        await pilot.press("M")
        await loaded(pilot)
        assert isinstance(app.screen, ConferencesScreen)
        assert "02 Nov 2026" in _highlighted(app, "#meetings")
        await pilot.press("a")
        screen = await editor_ready(pilot)
        await fill_meeting(pilot, screen)  # held 23 Nov 2026
        await pilot.press("f9")
        await loaded(pilot)
        await pilot.press("y")
        await loaded(pilot)
        assert isinstance(app.screen, ConferencesScreen)
        assert "23 Nov 2026" in _highlighted(app, "#meetings")
        await pilot.press("N")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, "4/1/2027")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, ConferencesScreen)
    store = Store.open(seeded_db)
    try:
        me = store.workers.ensure(ME)
        nexts = {
            dates_text(m.held_at): store.conferences.get(me, m.id).next_meeting_on
            for m in store.conferences.for_case(me, case_id)
        }
    finally:
        store.close()
    assert nexts == {"2026-11-02": None, "2026-11-23": date(2027, 1, 4)}


def dates_text(held_at: object) -> str:
    return str(held_at)[:10]
