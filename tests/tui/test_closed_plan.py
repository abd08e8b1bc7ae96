"""A closed case keeps its plan to read, with no next review: nobody is due to review it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.plan.pane import PlanPane

from .helpers import loaded, type_text, visible_text
from .test_plan_ui import CLIENT, ME, _case_id, _with_plan
from .waiting import until

MakeApp = Callable[..., CaselineApp]


async def test_a_closed_case_plan_shows_no_next_review(make_app: MakeApp, seeded_db: Path) -> None:
    plan = _with_plan(seeded_db)
    assert plan.next_review_on is not None
    store = Store.open(seeded_db)
    me = store.workers.ensure(ME)
    case_id = _case_id(seeded_db)
    store.cases.close(
        me,
        case_id,
        {"reason": "work completed", "open_items_reason": "Closed before the checklist"},
        version=store.cases.get(me, case_id).version,
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("x")  # the closed cases
        await loaded(pilot)
        await pilot.press("slash")
        await type_text(pilot, CLIENT)
        await pilot.press("enter", "enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await pilot.press("5")
        await loaded(pilot)
        assert app.screen.query_one(PlanPane).plan is not None
        await until(pilot, lambda: "Started" in visible_text(app))
        text = " ".join(visible_text(app).split())  # lines wrapped at any width
        assert "no further reviews (the case is closed)" in text
        assert "next review" not in text.lower()
