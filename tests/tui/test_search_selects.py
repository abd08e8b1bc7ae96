"""Search's enter on a record shown on a tab of the case file lands on the record itself: the
plan's goal (the last of many, scrolled into view), an action's own line under its goal, an incoming
referral highlighted in its list, an assessment's amendment at the end of the assessment;
and a record no longer there is said calmly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import OptionList

from store.service import Store
from tests.store.test_assessments import written
from tests.store.test_plans import GOOD_GOAL
from tui.app import CaselineApp
from tui.screens.assessments.pane import AssessmentScroll
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.plan.pane import GoalBlock
from tui.screens.search.screen import SearchScreen

from .helpers import form_shown, loaded, type_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"
INCOMING = {"source": "self", "reason": "Asked for help", "received_on": "1/6/2026"}


def add_records(db: Path) -> dict[str, int]:
    """On Aisha Bello's case: a plan of eight goals, the last about a marimba and with an
    action about a xylophone; a finalised assessment amended about a kazoo; five referrals in,
    the oldest about a theremin."""
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        case = next(r.id for r in store.cases.caseload(me) if r.client_name == "Aisha Bello")
        plan = store.plans.current(me, case) or store.plans.start(
            me, case, {"started_on": "1/9/2026", "review_interval": "6 weeks"}
        )
        for i in range(8):
            change = "Learn the marimba at the community centre" if i == 7 else f"Goal {i}"
            goal = store.plans.add_goal(me, plan.id, {**GOOD_GOAL, "change": change})
        store.plans.add_action(
            me, goal.id, {"what": "Find a teacher", "owner": "worker", "due_on": "+1w"}
        )
        action = store.plans.add_action(
            me, goal.id, {"what": "Borrow a xylophone", "owner": "client", "due_on": "+2w"}
        )
        final = written(store, me, case)
        store.assessments.amend(me, final.id, reason="Missed", body="She plays the kazoo.")
        oldest = store.referrals.add_incoming(
            me, case, {**INCOMING, "reason": "Theremin lessons", "received_on": "1/1/2026"}
        )
        for day in range(2, 6):
            store.referrals.add_incoming(me, case, {**INCOMING, "received_on": f"{day}/6/2026"})
        replaced = store.case_file.save_summary(me, case, "Plays the banjo.")
        store.case_file.save_summary(me, case, "Plays the banjo and the drums.")
        return {
            "case": case,
            "goal": goal.id,
            "action": action.id,
            "incoming": oldest.id,
            "summary": replaced.id,
        }
    finally:
        store.close()


async def open_found(pilot: object, words: str) -> CaseFileScreen:
    """ctrl+f, the words, enter on the one result: the case file it opens, loaded."""
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.press("ctrl+f")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, SearchScreen))  # type: ignore[arg-type]
    await type_text(pilot, words)  # type: ignore[arg-type]
    await until(pilot, lambda: len(app.screen.hits) == 1)  # type: ignore[arg-type]
    await pilot.press("down", "enter")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))  # type: ignore[arg-type]
    await loaded(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, CaseFileScreen)
    return screen


async def back(pilot: object) -> None:
    """escape: back to the caseload search was opened from."""
    await pilot.press("escape")  # type: ignore[attr-defined]
    app = pilot.app  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))  # type: ignore[arg-type]


def in_view(block: GoalBlock, scroll: VerticalScroll) -> bool:
    return scroll.region.y <= block.region.y < scroll.region.bottom


async def test_enter_on_a_search_result_highlights_the_record_on_its_tab(
    make_app: MakeApp, seeded_db: Path
) -> None:
    ids = add_records(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        # A goal far down the plan: focused and scrolled into view.
        await open_found(pilot, "marimba")
        await until(pilot, lambda: isinstance(app.focused, GoalBlock))
        assert app.focused is not None and app.focused.id == f"goal-{ids['goal']}"
        await pilot.pause()
        scroll = app.screen.query_one("#plan-scroll", VerticalScroll)
        assert scroll.scroll_y > 0 and in_view(app.focused, scroll)  # type: ignore[arg-type]
        await back(pilot)
        # An action: its own line under its goal, marked and in view; `s` changes that one.
        await open_found(pilot, "xylophone")
        await until(pilot, lambda: isinstance(app.focused, GoalBlock))
        assert app.focused is not None and app.focused.id == f"goal-{ids['goal']}"
        await until(pilot, lambda: len(app.screen.query(".-found-action")) == 1)
        await pilot.pause()
        line = app.screen.query_one(".-found-action")
        scroll = app.screen.query_one("#plan-scroll", VerticalScroll)
        assert scroll.region.y <= line.region.y < scroll.region.bottom
        await pilot.press("s")
        form = await form_shown(pilot)
        assert form.values()["what"] == "Borrow a xylophone"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await back(pilot)
        # The oldest referral in, last in its list: highlighted.
        await open_found(pilot, "theremin")
        listed = app.screen.query_one("#referrals-list", OptionList)
        await until(pilot, lambda: listed.highlighted_option is not None)
        assert listed.highlighted_option is not None
        assert listed.highlighted_option.id == f"in-{ids['incoming']}"
        await back(pilot)
        # An assessment's amendment: the end of the assessment, where the amendments are.
        await open_found(pilot, "kazoo")
        doc = app.screen.query_one(AssessmentScroll)
        await until(pilot, lambda: doc.max_scroll_y > 0 and doc.scroll_y == doc.max_scroll_y)
        await back(pilot)
        # A goal gone since, a summary replaced since: said, calmly, the tab shown as it is.
        for tab, found, says in (
            ("plan", ("plan goal", 99_999), "no longer in the case's current plan"),
            ("summary", ("summary", ids["summary"]), "has been replaced since"),
        ):
            app.push_screen(CaseFileScreen(ids["case"], tab, select=found))
            await loaded(pilot)
            await until(pilot, lambda s=says: any(s in str(n.message) for n in app._notifications))
            await back(pilot)
