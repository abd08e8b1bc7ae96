"""The plan tab, with real keys: starting a plan, adding goals (and being told what is not
SMART), actions with their owners, a review, and the review shown inline beneath its goal."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from store.plans.records import PlanInfo
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.choice import ChoiceScreen
from tui.screens.form import FormScreen
from tui.screens.plan.pane import GoalBlock, PlanPane
from tui.screens.plan.view import PlanViewScreen
from tui.widgets import held_input

from .helpers import burst, choose, focus, form_shown, loaded, type_text, visible_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"
CLIENT = "Aisha Bello"  # first on the seeded caseload
CONFIRM_YES = "y"

GOAL = {
    "domain": "housing",
    "change": "Pay the rent in full each month and clear the arrears",
    "measure": "rent account statements",
    "target": "no arrears for two months",
    "relevance": "I don't want the children to lose their home",
    "target_on": "1/3/2027",
    "client_agreed": "yes",
    "achievable": "yes",
}


def _case_id(db: Path) -> int:
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        return next(r.id for r in store.cases.caseload(me) if r.client_name == CLIENT)
    finally:
        store.close()


def _with_plan(db: Path, goals: int = 1) -> PlanInfo:
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        case_id = _case_id(db)
        plan = store.plans.start(
            me, case_id, {"started_on": "1/9/2026", "review_interval": "6 weeks"}
        )
        for i in range(goals):
            g = store.plans.add_goal(me, plan.id, {**GOAL, "change": f"{GOAL['change']} ({i + 1})"})
            store.plans.add_action(
                me,
                g.id,
                {"what": "Set up a standing order", "owner": "client", "due_on": "1/12/2026"},
            )
        return store.plans.get(me, plan.id)
    finally:
        store.close()


async def open_plan(pilot: Pilot[None]) -> PlanPane:
    await loaded(pilot)
    await pilot.press("enter")
    await loaded(pilot)
    assert isinstance(pilot.app.screen, CaseFileScreen)
    await pilot.press("5")
    await loaded(pilot)
    return pilot.app.screen.query_one(PlanPane)


async def test_start_a_plan_with_keys(make_app: MakeApp, seeded_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        assert "No service plan yet" in visible_text(app)
        await pilot.press("N")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+u")
        await type_text(pilot, "1/9/2026")
        await pilot.press("tab")
        await type_text(pilot, "soon")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Not a review interval" in visible_text(app))
        await pilot.press("ctrl+u")
        await type_text(pilot, "6 weeks")
        await pilot.press("ctrl+s")
        # Saved in a worker: the form goes, then the plan is read again and drawn.
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
        await until(pilot, lambda: pane.plan is not None)
        assert pane.plan is not None and pane.plan.next_review_on is not None
        await until(pilot, lambda: "Service plan 1" in visible_text(app))
        text = visible_text(app)
        assert "every 6 weeks" in text and "overdue" in text
    store = Store.open(seeded_db)
    row = next(r for r in store.cases.caseload(store.workers.ensure(ME)) if r.client_name == CLIENT)
    assert row.has_plan and str(row.next_review_on) == "2026-10-13"
    store.close()


async def test_a_vague_goal_is_refused_then_a_smart_one_saved(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _with_plan(seeded_db, goals=0)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await pilot.press("g")
        assert isinstance(app.screen, FormScreen)
        await choose(pilot, "health")
        await pilot.press("tab")
        await type_text(pilot, "get healthier")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = visible_text(app)
        assert "names no change anyone could see" in text
        assert "No measure" in text and "No target date" in text
        # Fix it field by field, as a worker would.
        await focus(pilot, "#change")
        await pilot.press("end", *["backspace"] * len("get healthier"))
        await type_text(pilot, "Go to three diabetes classes")
        for field, value in (
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
        assert pane.plan is not None
        (goal,) = pane.plan.goals
        assert goal.current.change == "Go to three diabetes classes"
        assert goal.current.client_agreed and goal.current.achievable
        assert app.screen.query(GoalBlock)
        assert "Goal 1 · health · open" in visible_text(app)


async def test_add_an_action_owned_by_a_professional(make_app: MakeApp, seeded_db: Path) -> None:
    _with_plan(seeded_db)
    store = Store.open(seeded_db)
    store.case_file.add_professional(
        store.workers.ensure(ME),
        _case_id(seeded_db),
        {"name": "Dr Amir Khan", "agency": "Hillside GP"},
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await pilot.press("down")  # onto goal 1
        assert isinstance(app.focused, GoalBlock)
        await pilot.press("a")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Write to the housing officer")
        await pilot.press("tab")
        await choose(pilot, "Agency: Dr Amir Khan, Hillside GP")
        await focus(pilot, "#due_on")
        await pilot.press(*"fri", "ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert pane.plan is not None
        actions = pane.plan.goals[0].actions
        assert ("Write to the housing officer", "Dr Amir Khan (Hillside GP)") in [
            (a.what, a.owner_text) for a in actions
        ]
        assert "the client owns 1 of 2 (50%)" in visible_text(app)


async def test_words_typed_with_the_action_key_go_into_the_action(
    make_app: MakeApp, seeded_db: Path
) -> None:
    """`a` (or `s`) on a goal and the words after it in one burst: the form reads who may own
    the action first; the words wait for it and go into the form, not to the goal."""
    _with_plan(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("down")  # onto goal 1
        assert isinstance(app.focused, GoalBlock)
        typed = {}
        for key, words in (("a", "Ring the landlord"), ("s", "Standing order set up")):
            burst(app, key, *words)
            form = await form_shown(pilot)
            await until(pilot, lambda: form.values()["what"].endswith(words))  # noqa: B023
            await loaded(pilot)
            typed[key] = form.values()["what"]
            await pilot.press("escape", "y")  # discarded
            await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
            await loaded(pilot)
        assert typed == {"a": "Ring the landlord", "s": "Standing order set up"}


async def test_s_on_a_goal_of_several_actions_asks_which(
    make_app: MakeApp, seeded_db: Path
) -> None:
    plan = _with_plan(seeded_db)
    store = Store.open(seeded_db)
    try:
        store.plans.add_action(
            store.workers.ensure(ME),
            plan.goals[0].id,
            {
                "what": "Ask the landlord for a rent statement",
                "owner": "worker",
                "due_on": "1/12/2026",
            },
        )
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("down", "s")  # goal 1 has two actions: which?
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("2")
        form = await form_shown(pilot)
        assert form.values()["what"] == "Ask the landlord for a rent statement"


async def test_mark_an_action_done_with_a_note(make_app: MakeApp, seeded_db: Path) -> None:
    _with_plan(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await pilot.press("down", "s")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await focus(pilot, "#status")
        await choose(pilot, "done")
        await focus(pilot, "#status_note")
        await type_text(pilot, "Set up on 20 Nov")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert pane.plan is not None
        (action,) = pane.plan.goals[0].actions
        assert (action.status, action.status_note) == ("done", "Set up on 20 Nov")
        assert "☑" in visible_text(app)


async def test_a_review_rates_each_goal_and_shows_beneath_it(
    make_app: MakeApp, seeded_db: Path
) -> None:
    plan = _with_plan(seeded_db, goals=2)
    g1, g2 = plan.goals
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await pilot.press("R")
        assert isinstance(app.screen, FormScreen)
        form = app.screen
        await focus(pilot, "#client_views")
        await type_text(pilot, "“Things are better with the rent.”")
        await focus(pilot, f"#rating_{g1.id}")
        await choose(pilot, "progressing")
        await focus(pilot, f"#evidence_{g1.id}")
        await type_text(pilot, "Rent paid in October and November")
        await focus(pilot, f"#decision_{g1.id}")
        await choose(pilot, "continue")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Goal 2 is neither rated nor excused: nothing saved, the form says so.
        assert app.screen is form
        assert "Rate the progress, or say why" in visible_text(app)
        await focus(pilot, f"#not_rated_{g2.id}")
        await type_text(pilot, "Housing officer away")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert pane.plan is not None and len(pane.plan.reviews) == 1
        await pilot.press("down")
        text = visible_text(app)
        assert "23 Nov 2026 — progressing" in text
        assert "Rent paid in October and November" in text
        assert "1 review, last 23 Nov 2026" in text
        # The chronology has the review; enter opens the plan with the review first.
        await pilot.press("4")
        await loaded(pilot)
        table = app.screen.query_one("#chron-table")
        rows = list(table.rows)  # type: ignore[attr-defined]
        index = next(i for i, r in enumerate(rows) if r.source_kind == "plan_review")
        table.cursor_row = index  # type: ignore[attr-defined]
        table.focus()
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, PlanViewScreen)
        text = visible_text(app)
        assert "Review of 23 Nov 2026" in text and "Things are better with the rent" in text


async def test_a_new_plan_keeps_the_old_one_readable(make_app: MakeApp, seeded_db: Path) -> None:
    _with_plan(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await pilot.press("N")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # today, the same interval, carrying goals over
        await loaded(pilot)
        assert pane.plan is not None and pane.plan.number == 2
        assert "Carried over from plan 1" in visible_text(app)
        await pilot.press("P")
        await loaded(pilot)
        assert isinstance(app.screen, PlanViewScreen)
        text = visible_text(app)
        assert "Service plan 1 (earlier, read-only)" in text
        assert "ended 23 Nov 2026" in text
        await pilot.press("escape")
        assert isinstance(app.screen, CaseFileScreen)


async def test_a_closed_case_plan_can_be_read_not_changed(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _with_plan(seeded_db)
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
    async with app.run_test(size=(80, 24)) as pilot:
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
        await pilot.press("down", "g", "R", "N")
        await pilot.pause()
        assert isinstance(app.screen, CaseFileScreen)  # no form opened
        assert "Goal 1 · housing · open" in visible_text(app)
        text = visible_text(app)
        assert "N New plan" not in text and "R Review" not in text, text[-300:]


async def test_a_half_typed_review_is_kept_when_the_app_quits(
    make_app: MakeApp, seeded_db: Path
) -> None:
    plan = _with_plan(seeded_db)
    key = f"plan_review:{plan.id}"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("R")
        await focus(pilot, "#client_views")
        await type_text(pilot, "Better since the payment plan")
        await pilot.press("ctrl+q")  # quits at once, keeping what is typed
        await pilot.pause()
    store = Store.open(seeded_db)
    kept = store.forms.draft(store.workers.ensure(ME), key)
    store.close()
    assert kept is not None and kept[0]["client_views"] == "Better since the payment plan"
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert any(
            "1 unfinished form: Review of plan 1" in str(n.message) for n in again._notifications
        )
        await open_plan(pilot)
        await pilot.press("R")
        await loaded(pilot)
        form = again.screen
        assert isinstance(form, FormScreen)
        assert form.values()["client_views"] == "Better since the payment plan"
        said = [str(n.message) for n in again._notifications]
        assert any("Restored what you were typing" in m and "Escape discards it" in m for m in said)
        # Abandoning the changes forgets the draft.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(CONFIRM_YES)
        await loaded(pilot)
        assert isinstance(again.screen, CaseFileScreen)
    store = Store.open(seeded_db)
    assert store.forms.draft(store.workers.ensure(ME), key) is None
    store.close()


@pytest.mark.parametrize("draft_late", [False, True], ids=["draft-in-time", "draft-late"])
async def test_keys_typed_as_the_form_opens_go_on_top_of_its_draft(
    make_app: MakeApp, seeded_db: Path, monkeypatch: pytest.MonkeyPatch, draft_late: bool
) -> None:
    """`R` and a correction typed in one burst (a slow link): the draft is looked up in a
    thread after the form opens (here held up until the keys have come); the keys wait for it
    and then edit what it restored, rather than being typed into the form as it opened and
    then overwritten by the draft. A draft later than the keys wait for (the database busy)
    restores only the fields not typed in meanwhile: what was typed stays."""
    # In time: the form waits for the draft as long as the test holds it (on a loaded machine
    # the keys can take longer to come than the two seconds a form waits); late: it doesn't.
    monkeypatch.setattr(held_input, "HOLD_AT_MOST_SECONDS", 0.05 if draft_late else 15.0)
    plan = _with_plan(seeded_db)
    store = Store.open(seeded_db)
    try:
        kept = {"held_on": "20/11/2026", "client_views": "Better since the payment plan"}
        store.forms.save_draft(store.workers.ensure(ME), f"plan_review:{plan.id}", kept, title="R")
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        looked_up = threading.Event()
        draft = app.store.forms.draft

        def slow_draft(*args: Any) -> Any:
            looked_up.wait(15)
            return draft(*args)

        monkeypatch.setattr(app.store.forms, "draft", slow_draft)
        burst(app, "R", "end", "backspace", "5")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen)
        opened_with = form.initial["held_on"]
        await until(  # the keys have come: typed into the field, or kept for the draft
            pilot,
            lambda: (
                form.values()["held_on"] != opened_with
                or len(getattr(form, "_held_input", None) or ()) == 3
            ),
        )
        if draft_late:
            await until(pilot, lambda: form.values()["held_on"] != opened_with)
        looked_up.set()
        await until(pilot, lambda: form.values()["client_views"] != "")
        await loaded(pilot)
        corrected = opened_with[:-1] + "5" if draft_late else "20/11/2025"
        assert form.values()["held_on"] == corrected
        assert form.values()["client_views"] == "Better since the payment plan"


async def test_a_review_typed_and_left_for_a_moment_is_kept_as_a_draft(
    make_app: MakeApp, seeded_db: Path
) -> None:
    plan = _with_plan(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("R")
        await focus(pilot, "#participants")
        await pilot.press(*"Mum")
        # A pause in typing (two seconds) keeps a draft.
        store = Store.open(seeded_db)
        try:
            me, key = store.workers.ensure(ME), f"plan_review:{plan.id}"
            await until(pilot, lambda: store.forms.draft(me, key) is not None, seconds=15)
            found = store.forms.draft(me, key)
        finally:
            store.close()
        assert found is not None and found[0]["participants"] == "Mum"


async def test_saving_a_goal_unchanged_says_so_and_adds_no_version(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _with_plan(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await pilot.press("down", "e")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: any(str(n.message) == "Nothing changed." for n in app._notifications)
        )
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert pane.plan is not None and len(pane.plan.goals[0].versions) == 1
