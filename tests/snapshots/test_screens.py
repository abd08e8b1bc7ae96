"""How the screens look, at the sizes people use, on seeded demo data with a frozen clock.

Update after a deliberate change with ``pytest tests/snapshots --snapshot-update`` and look at
the report before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from store.demo.generator import generate
from store.service import Store
from tests.tui.helpers import loaded
from tests.tui.waiting import until
from tui.app import CaselineApp
from tui.screens.choice import ChoiceScreen

ME = "sam.okafor"


def demo(path: Path) -> None:
    store = Store.open(path)
    generate(
        store, me=ME, cases=150, notes_per_case=20, workers=6, seed=11, today=date(2026, 11, 23)
    )
    store.close()


@pytest.fixture
def demo_db(tmp_path: Path, prebuilt: Callable[[Path, Callable[[Path], object]], Path]) -> Path:
    return prebuilt(tmp_path / "demo.db", demo)


async def settle(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def app_for(path: Path) -> CaselineApp:
    return CaselineApp(db=path, worker=ME)


def test_caseload_80x24(snap_compare: Any, demo_db: Path) -> None:
    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=settle)


def test_caseload_all_workers_filtered_120x40(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("slash", *"an")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(120, 40), run_before=run_before)


def test_new_case_form_with_errors_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("tab", *"31/02/2026", "tab", "tab", *"phone?", "ctrl+s")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def test_case_file_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def test_help_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def test_case_file_120x40(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(120, 40), run_before=run_before)


def test_case_file_notes_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def test_case_file_summary_120x40(snap_compare: Any, demo_db: Path) -> None:
    store = Store.open(demo_db)
    me = store.workers.ensure(ME)
    case_id = next(
        r.id for r in store.cases.caseload(me) if store.case_file.summary(me, r.id) is not None
    )
    store.close()

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_case(case_id)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(120, 40), run_before=run_before)


def test_note_editor_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Home visit with Aisha and her mother. Agreed next steps.")
        pilot.app.screen.query_one("#body").cursor_blink = False
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def test_closing_a_note_asks_over_the_note_80x24(snap_compare: Any, demo_db: Path) -> None:
    """The question is asked over the note it is about, dimmed, not over a blank screen."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        pilot.app.screen.query_one("#body").cursor_blink = False
        pilot.app.post_message(events.Paste("Home visit with Aisha and her mother."))
        # Written as a draft a second later, and said so in the title: waited for, so that the
        # picture is the same on a machine however busy.
        status = pilot.app.screen.query_one("#draft-status", Static)
        await until(pilot, lambda: "draft saved" in str(status.render()))
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ChoiceScreen)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def _case_with_longest_chronology(path: Path) -> int:
    """The one of my cases with the most chronology entries (some added by hand)."""
    store = Store.open(path)
    me = store.workers.ensure(ME)
    try:
        sizes = {row.id: store.chronology.entries(me, row.id) for row in store.cases.caseload(me)}
    finally:
        store.close()
    return (
        max(
            (len(items), -case_id)
            for case_id, items in sizes.items()
            if any(i.source_kind == "manual" for i in items)
        )[1]
        * -1
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_chronology(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    case_id = _case_with_longest_chronology(demo_db)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_case(case_id)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=size, run_before=run_before)


def test_chronology_entry_80x24(snap_compare: Any, demo_db: Path) -> None:
    case_id = _case_with_longest_chronology(demo_db)
    store = Store.open(demo_db)
    me = store.workers.ensure(ME)
    manual = [i for i in store.chronology.entries(me, case_id) if i.source_kind == "manual"]
    entry = next((i for i in manual if i.analysis), manual[0])
    store.close()

    async def run_before(pilot: Pilot[Any]) -> None:
        from tui.screens.chronology.entry import ChronologyEntryScreen

        await settle(pilot)
        pilot.app.push_screen(ChronologyEntryScreen(entry.id, "snapshot"))
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


@pytest.fixture
def plan_db(tmp_path: Path) -> Path:
    """A case whose plan has two goals, actions of every owner, and two reviews (the first
    judged a goal since reworded)."""
    path = tmp_path / "plan.db"
    store = Store.open(path)
    me = store.workers.ensure(ME)
    case = store.cases.create(
        me, {"client_name": "Dana Reyes", "allocated_on": "2/6/2026", "date_of_birth": "4/5/1990"}
    )
    sister = store.case_file.add_contact(
        me, case.client_id, {"name": "Rosa Reyes", "relationship": "sister"}
    )
    gp = store.case_file.add_professional(
        me, case.id, {"name": "Dr Amir Khan", "agency": "Hillside GP"}
    )
    plan = store.plans.start(me, case.id, {"started_on": "1/8/2026", "review_interval": "6 weeks"})
    housing = store.plans.add_goal(
        me,
        plan.id,
        {
            "domain": "housing",
            "change": "Pay the rent in full each month and clear the arrears",
            "measure": "rent account statements",
            "target": "no arrears for two months",
            "relevance": "I don't want the children to lose their home",
            "target_on": "31/1/2027",
            "client_agreed": "yes",
            "achievable": "yes",
        },
    )
    health = store.plans.add_goal(
        me,
        plan.id,
        {
            "domain": "health",
            "change": "Go to three diabetes education classes at the health centre",
            "measure": "classes attended",
            "target": "3 of 3",
            "relevance": "I want to be well enough to work again",
            "target_on": "15/12/2026",
            "client_agreed": "yes",
            "achievable": "no",
            "achievable_note": "the next course may be full",
        },
    )
    for goal_id, what, owner, due in (
        (housing.id, "Set up a standing order for the rent", "client", "1/9/2026"),
        (housing.id, "Ask for a payment plan for the arrears", "worker", "15/9/2026"),
        (health.id, "Refer to the diabetes education course", f"professional:{gp.id}", "1/10/2026"),
        (health.id, "Look after the children on class days", f"contact:{sister.id}", "1/12/2026"),
    ):
        store.plans.add_action(me, goal_id, {"what": what, "owner": owner, "due_on": due})

    def review(held_on: str, views: str, housing_says: tuple[str, str, str]) -> None:
        rating, evidence, decision = housing_says
        store.plans.review(
            me,
            plan.id,
            {
                "held_on": held_on,
                "client_present": "yes",
                "client_views": views,
                f"rating_{housing.id}": rating,
                f"evidence_{housing.id}": evidence,
                f"decision_{housing.id}": decision,
                f"rating_{health.id}": "progressing",
                f"evidence_{health.id}": "Booked on the November course.",
                f"decision_{health.id}": "continue",
            },
        )

    review(
        "12/9/2026",
        "“It's hard but I'm paying.”",
        ("progressing", "August and September rent paid in full.", "change"),
    )
    reworded = store.plans.get(me, plan.id).goals[0]
    store.plans.update_goal(
        me,
        housing.id,
        {
            "domain": "housing",
            "change": "Pay the rent in full each month and clear the arrears",
            "measure": "rent account statements",
            "target": "no arrears for three months",
            "relevance": "I don't want the children to lose their home",
            "target_on": "31/1/2027",
            "client_agreed": "yes",
            "achievable": "yes",
            "reason": "Landlord asks for three months clear",
        },
        version=reworded.version,
    )
    review(
        "24/10/2026",
        "“The payment plan helps.”",
        ("progressing", "Arrears down from £640 to £210.", "continue"),
    )
    store.close()
    return path


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_plan_with_two_reviews(snap_compare: Any, plan_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(app_for(plan_db), terminal_size=size, run_before=run_before)


@pytest.fixture
def meeting_db(plan_db: Path) -> Path:
    """The plan's case, with a finalised core group: attendees, an apology, an agenda item,
    decisions, and an action now overdue beside one done."""
    store = Store.open(plan_db)
    me = store.workers.ensure(ME)
    case_id = store.cases.caseload(me)[0].id
    pros = store.case_file.professionals(me, case_id)
    draft = store.conferences.start(me, case_id)
    saved = store.conferences.save(
        me,
        draft.id,
        {
            "held_at": "2/11/2026 14:00",
            "place": "Hillside GP, room 2",
            "conference_type": "core group",
            "chair": "Sam Okafor",
            "minute_taker": "Sam Okafor",
            "client_attended": "yes",
            "client_views": "I want the letters to stop, and I want to keep the flat.",
            "information_shared": "- The GP has seen Dana twice since September.",
            "decisions": "Refer to debt advice\nMeet again in six weeks",
            "attendees": [
                {"who": "worker", "role": "allocated worker"},
                {"who": "client"},
                {"who": f"professional:{pros[0].id}", "role": "GP"},
            ],
            "apologies": [{"who": "other", "name": "Jo Price", "role": "housing officer"}],
            "agenda": [
                {"title": "Rent arrears", "discussion": "Arrears are **£210**, down from £640."}
            ],
            "actions": [
                {"what": "Write to the landlord", "owner": "worker", "due_on": "16/11/2026"},
                {
                    "what": "Book the debt advice appointment",
                    "owner": "client",
                    "due_on": "30/11/2026",
                },
            ],
        },
        version=draft.version,
    )
    store.conferences.finalise(me, draft.id, version=saved.version)
    store.close()
    return plan_db


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_meetings_and_minutes(snap_compare: Any, meeting_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        if size == (120, 40):
            await pilot.press("enter")  # the minutes
            await settle(pilot)

    assert snap_compare(app_for(meeting_db), terminal_size=size, run_before=run_before)


@pytest.fixture
def draft_minutes_db(plan_db: Path) -> Path:
    """The plan's case, with draft minutes half written: people from the case, a professional
    added on the spot, an apology, an agenda item, decisions and two actions."""
    store = Store.open(plan_db)
    me = store.workers.ensure(ME)
    case_id = store.cases.caseload(me)[0].id
    pros = store.case_file.professionals(me, case_id)
    draft = store.conferences.start(me, case_id)
    store.conferences.save(
        me,
        draft.id,
        {
            "held_at": "23/11/2026 9:30",
            "place": "Hillside GP, room 2",
            "conference_type": "core group",
            "chair": "Sam Okafor",
            "minute_taker": "Sam Okafor",
            "client_attended": "yes",
            "client_views": "I want the letters to stop, and I want to keep the flat.",
            "information_shared": "- Rent account: **£210** owed, down from £640.",
            "decisions": "Refer to debt advice\nMeet again in six weeks",
            "attendees": [
                {"who": "worker"},
                {"who": "client"},
                {"who": f"professional:{pros[0].id}", "role": "GP"},
                {"who": "new", "name": "Kim Lee", "role": "adviser", "agency": "Citizens Advice"},
            ],
            "apologies": [{"who": "other", "name": "Jo Price", "role": "housing officer"}],
            "agenda": [
                {"title": "Rent arrears", "discussion": "Arrears are down; the plan is working."}
            ],
            "actions": [
                {"what": "Book debt advice", "owner": "attendee:3", "due_on": "7/12/2026"},
                {"what": "Write to the landlord", "owner": "worker", "due_on": "30/11/2026"},
            ],
        },
        version=draft.version,
    )
    store.close()
    return plan_db


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_minutes_editor(snap_compare: Any, draft_minutes_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        if size == (120, 40):
            # An action's due date taken out: saving says so beneath it.
            pilot.app.screen.query_one("ActionRow .f-due_on").focus()
            await pilot.press("ctrl+u", "ctrl+s")
            await settle(pilot)

    assert snap_compare(app_for(draft_minutes_db), terminal_size=size, run_before=run_before)
