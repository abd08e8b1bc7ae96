"""Counts agree with their nouns ("1 review", "1 entry"), and the forms' headers say what they
are about the same way: the case (ref and client) for the network and the professionals, the
meeting (type and date) for an amendment to its minutes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.choice import ChoiceScreen
from tui.screens.form import FormScreen
from tui.screens.meetings.conferences import ConferencesScreen

from .helpers import loaded, type_text, visible_text
from .test_conferences_ui import _with_meeting
from .test_plan_ui import GOAL, _case_id, open_plan

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"


def _with_earlier_plans(db: Path) -> None:
    """Plan 1 (one goal, reviewed once), plan 2 (nothing) and the current plan 3."""
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        case_id = _case_id(db)
        plan = store.plans.start(me, case_id, {"started_on": "1/6/2026", "review_interval": "6w"})
        goal = store.plans.add_goal(me, plan.id, GOAL)
        store.plans.review(
            me,
            plan.id,
            {
                "held_on": "1/7/2026",
                "client_present": "yes",
                "client_views": "It's going OK.",
                f"rating_{goal.id}": "progressing",
                f"evidence_{goal.id}": "Rent statements",
                f"decision_{goal.id}": "continue",
            },
        )
        for started in ("1/8/2026", "1/10/2026"):
            store.plans.start(
                me,
                case_id,
                {"started_on": started, "review_interval": "6 weeks"},
                carry_over=False,
            )
    finally:
        store.close()


async def test_counts_of_one_read_in_the_singular(make_app: MakeApp, seeded_db: Path) -> None:
    _with_earlier_plans(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("P")
        await loaded(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        text = visible_text(app)
        assert "1 goal · 1 review" in text and "0 goals · 0 reviews" in text
        await pilot.press("escape")
        await pilot.press("4")  # the chronology of a case allocated and given three plans
        await loaded(pilot)
        state = str(app.screen.query_one("#chron-state", Static).render())
        count = len(app.screen.query_one("#chron-table").rows)  # type: ignore[attr-defined]
        assert state.startswith(f"{count} entries · ")
        await pilot.press("slash")
        await type_text(pilot, "allocated")
        await loaded(pilot)
        state = str(app.screen.query_one("#chron-state", Static).render())
        assert state.startswith(f"1 of {count} entries · ")


async def test_a_single_entry_is_one_entry(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "4")  # a new case: only its allocation so far
        await loaded(pilot)
        state = str(app.screen.query_one("#chron-state", Static).render())
        assert state.startswith("1 entry · oldest first")


async def test_network_and_professional_forms_name_the_case_alike(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        detail = app.screen.detail
        assert detail is not None
        label = f"{detail.ref} · Aisha Bello"
        subtitles = []
        for key in ("c", "p"):
            await pilot.press(key)
            await loaded(pilot)
            assert isinstance(app.screen, FormScreen)
            subtitles.append(str(app.screen.query_one(".who", Static).render()))
            await pilot.press("escape")
            await loaded(pilot)
        assert subtitles == [label, label]


async def test_the_amendment_form_names_the_meeting(make_app: MakeApp, seeded_db: Path) -> None:
    _with_meeting(seeded_db)  # a core group on 2 Nov 2026 at 14:00
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "M")
        await loaded(pilot)
        assert isinstance(app.screen, ConferencesScreen)
        label = app.screen.label
        await pilot.press("A")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        subtitle = str(app.screen.query_one(".who", Static).render())
        assert subtitle.startswith("Core group of ") and "02 Nov 2026 14:00" in subtitle
        assert subtitle.endswith(f" · {label}")
