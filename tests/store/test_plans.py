"""Service plans: SMART goals, actions and their owners, reviews, next review dates, versions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

import peewee
import pytest

from store.cases.records import CaseDetail
from store.common import dates
from store.common.errors import Conflict, InvalidInput
from store.common.records import WorkerInfo
from store.core.models import PlanGoalVersion, PlanReview, ServicePlan
from store.plans.info import next_review_due
from store.plans.records import PlanInfo
from store.plans.render import goal_markdown, plan_markdown
from store.service import Store
from tests.conftest import FROZEN_NOW

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

TODAY = FROZEN_NOW.date()  # Monday 23 November 2026
MakeCase = Callable[..., CaseDetail]

GOOD_GOAL = {
    "domain": "health",
    "change": "Attend three diabetes education classes at the health centre",
    "measure": "classes attended, from the centre's register",
    "target": "3 of 3",
    "relevance": "I want to be well enough to look after my grandson",
    "target_on": "1/2/2027",
    "client_agreed": "yes",
    "achievable": "yes",
    "achievable_note": "",
}


def goal(**changes: str) -> dict[str, str]:
    return {**GOOD_GOAL, **changes}


@pytest.fixture
def case(make_case: MakeCase) -> CaseDetail:
    return make_case(client_name="Dana Reyes", allocated_on="1/6/2026")


@pytest.fixture
def plan(store: Store, me: WorkerInfo, case: CaseDetail) -> PlanInfo:
    return store.plans.start(me, case.id, {"started_on": "1/9/2026", "review_interval": "6 weeks"})


def review_data(plan: PlanInfo, held_on: str, **per_goal: tuple[str, str, str]) -> dict[str, str]:
    """A review rating every open goal 'progressing / continue' unless given (rating,
    evidence, decision) for 'g<position>'."""
    data = {"held_on": held_on, "client_present": "yes", "client_views": "“It's going OK.”"}
    for g in plan.open_goals:
        rating, evidence, decision = per_goal.get(
            f"g{g.position}", ("progressing", "Seen at the home visit", "continue")
        )
        data |= {
            f"rating_{g.id}": rating,
            f"evidence_{g.id}": evidence,
            f"decision_{g.id}": decision,
        }
    return data


# --- SMART checks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"measure": ""}, "measure", "No measure"),
        ({"target": ""}, "target", "No target"),
        ({"target_on": ""}, "target_on", "No target date"),
        ({"target_on": "1/11/2026"}, "target_on", "in the past"),
        ({"target_on": "1/1/2031"}, "target_on", "three years ahead"),
        ({"target_on": "31/2/2027"}, "target_on", ""),
        ({"change": ""}, "change", "Specific"),
        ({"relevance": ""}, "relevance", "client"),
        ({"domain": ""}, "domain", "Choose the need"),
        ({"domain": "spiritual"}, "domain", 'No need "spiritual"'),
        ({"client_agreed": "maybe"}, "client_agreed", "yes or no"),
        ({"change": "get healthier", "measure": ""}, "change", "names no change"),
        ({"change": "improve", "measure": ""}, "change", "names no change"),
        ({"change": "be better", "measure": ""}, "change", "names no change"),
        ({"change": "Feel more positive about things", "measure": ""}, "change", "no change"),
    ],
)
def test_a_goal_that_is_not_smart_says_which_part_is_missing(
    store: Store, me: WorkerInfo, plan: PlanInfo, changes: dict[str, str], field: str, says: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        store.plans.add_goal(me, plan.id, goal(**changes))
    assert field in exc.value.errors, exc.value.errors
    assert says in exc.value.errors[field]
    assert store.plans.current(me, plan.case_id).goals == ()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "changes",
    [
        {},
        # A vague word is fine once a measure pins the change down.
        {"change": "Improve sleep", "measure": "hours slept, from her sleep diary"},
        {"client_agreed": "no", "achievable": "no", "achievable_note": "Waiting list is long"},
        {"target_on": "today"},
        {"domain": "Mental Health"},
    ],
)
def test_smart_goals_are_accepted(
    store: Store, me: WorkerInfo, plan: PlanInfo, changes: dict[str, str]
) -> None:
    added = store.plans.add_goal(me, plan.id, goal(**changes))
    assert added.position == 1
    assert added.current.change == goal(**changes)["change"]
    assert added.current.domain == goal(**changes)["domain"].lower()


def test_every_missing_part_is_reported_at_once(
    store: Store, me: WorkerInfo, plan: PlanInfo
) -> None:
    with pytest.raises(InvalidInput) as exc:
        store.plans.add_goal(me, plan.id, {"domain": "health", "change": "get healthier"})
    assert set(exc.value.errors) >= {"change", "measure", "target", "relevance", "target_on"}


# --- next review ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "every", "unit", "held", "expected"),
    [
        (date(2026, 1, 31), 1, "months", [], date(2026, 2, 28)),
        (date(2028, 1, 31), 1, "months", [], date(2028, 2, 29)),
        # Held on the day: the rhythm keeps the month end.
        (date(2026, 1, 31), 1, "months", [date(2026, 2, 28)], date(2026, 3, 31)),
        (date(2026, 1, 31), 1, "months", [date(2026, 2, 28), date(2026, 3, 31)], date(2026, 4, 30)),
        # Held late or early: one interval from the review.
        (date(2026, 1, 31), 1, "months", [date(2026, 3, 10)], date(2026, 4, 10)),
        (date(2026, 1, 31), 1, "months", [date(2026, 2, 20)], date(2026, 3, 20)),
        (date(2026, 9, 1), 6, "weeks", [], date(2026, 10, 13)),
        (date(2026, 9, 1), 6, "weeks", [date(2026, 10, 13)], date(2026, 11, 24)),
        (date(2026, 11, 30), 3, "months", [], date(2027, 2, 28)),
        (date(2026, 9, 1), 28, "days", [], date(2026, 9, 29)),
    ],
)
def test_next_review_from_an_interval(
    start: date, every: int, unit: str, held: list[date], expected: date
) -> None:
    assert next_review_due(start, every, unit, (), held) == expected


def test_next_review_from_fixed_dates() -> None:
    fixed = (date(2026, 10, 1), date(2027, 1, 15))
    start = date(2026, 9, 1)
    assert next_review_due(start, None, "", fixed, []) == date(2026, 10, 1)
    assert next_review_due(start, None, "", fixed, [date(2026, 10, 2)]) == date(2027, 1, 15)
    assert next_review_due(start, None, "", fixed, [date(2027, 1, 15)]) is None


def test_the_caseload_shows_the_plans_next_review(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    (row,) = store.cases.caseload(me)
    assert (row.next_review_on, row.has_plan) == (None, False)
    store.plans.start(me, case.id, {"started_on": "31/8/2026", "review_interval": "1 month"})
    (row,) = store.cases.caseload(me)
    # Due 30 Sep 2026 and not reviewed: overdue on 23 Nov.
    assert (row.next_review_on, row.has_plan) == (date(2026, 9, 30), True)
    assert "review" in row.flags
    plan = store.plans.current(me, case.id)
    assert plan is not None
    store.plans.add_goal(me, plan.id, goal())
    plan = store.plans.current(me, case.id)
    assert plan is not None
    store.plans.review(me, plan.id, review_data(plan, "30/9/2026"))
    (row,) = store.cases.caseload(me)
    assert row.next_review_on == date(2026, 10, 31)


def test_a_plan_with_its_fixed_dates_used_up_has_no_next_review(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    plan = store.plans.start(me, case.id, {"started_on": "1/9/2026", "review_dates": "1/10/2026"})
    assert plan.review_dates == (date(2026, 10, 1),)
    store.plans.add_goal(me, plan.id, goal())
    plan = store.plans.get(me, plan.id)
    store.plans.review(me, plan.id, review_data(plan, "2/10/2026"))
    (row,) = store.cases.caseload(me)
    assert (row.next_review_on, row.has_plan) == (None, True)
    assert store.plans.get(me, plan.id).schedule_text == "on 01 Oct 2026"


@pytest.mark.parametrize(
    ("data", "field", "says"),
    [
        ({"review_interval": ""}, "review_interval", "When will the plan be reviewed"),
        ({"review_interval": "soon"}, "review_interval", "Not a review interval"),
        ({"review_interval": "0 weeks"}, "review_interval", "at least a day"),
        ({"review_interval": "3 years"}, "review_interval", "two years"),
        ({"review_interval": "6 weeks", "review_dates": "1/1/2027"}, "review_interval", "not both"),
        ({"review_dates": "1/8/2026"}, "review_dates", "after the plan starts"),
        ({"review_dates": "1/1/2027, someday"}, "review_dates", "someday"),
        ({"started_on": "1/1/2026", "review_interval": "6 weeks"}, "started_on", "opened"),
        ({"started_on": "1/6/2027", "review_interval": "6 weeks"}, "started_on", "three months"),
    ],
)
def test_bad_plan_schedules_are_refused(
    store: Store, me: WorkerInfo, case: CaseDetail, data: dict[str, str], field: str, says: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        store.plans.start(me, case.id, {"started_on": "1/9/2026", **data})
    assert says in exc.value.errors.get(field, ""), exc.value.errors
    assert store.plans.current(me, case.id) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6 weeks", (6, "weeks")),
        ("every 3 months", (3, "months")),
        ("6w", (6, "weeks")),
        ("1 year", (12, "months")),
        ("Quarterly", (3, "months")),
        ("every fortnightly", (2, "weeks")),
        ("28 days", (28, "days")),
    ],
)
def test_review_intervals_as_typed(typed: str, expected: tuple[int, str]) -> None:
    assert dates.parse_interval(typed) == expected


# --- actions ----------------------------------------------------------------------------------


def test_actions_have_owners_from_the_case(
    store: Store, me: WorkerInfo, case: CaseDetail, plan: PlanInfo
) -> None:
    contact = store.case_file.add_contact(
        me, case.client_id, {"name": "Rosa Reyes", "relationship": "sister"}
    )
    pro = store.case_file.add_professional(
        me, case.id, {"name": "Dr Amir Khan", "agency": "Hillside GP"}
    )
    owners = dict(store.plans.action_owners(me, case.id))
    assert f"contact:{contact.id}" in owners and f"professional:{pro.id}" in owners
    g = store.plans.add_goal(me, plan.id, goal())
    due = "1/12/2026"
    store.plans.add_action(me, g.id, {"what": "Book the classes", "owner": "client", "due_on": due})
    store.plans.add_action(
        me, g.id, {"what": "Lift to class", "owner": f"contact:{contact.id}", "due_on": due}
    )
    store.plans.add_action(
        me, g.id, {"what": "Refer", "owner": f"professional:{pro.id}", "due_on": due}
    )
    store.plans.add_action(me, g.id, {"what": "Check in", "owner": "worker", "due_on": due})
    store.plans.add_action(
        me, g.id, {"what": "Childcare", "owner": "family", "owner_name": "Grandad", "due_on": due}
    )
    actions = store.plans.current(me, case.id).goals[0].actions  # type: ignore[union-attr]
    assert [(a.owner_kind, a.owner_text) for a in actions] == [
        ("client", "client"),
        ("family", "Rosa Reyes (sister)"),
        ("professional", "Dr Amir Khan (Hillside GP)"),
        ("worker", "worker"),
        ("family", "Grandad"),
    ]
    assert actions[2].professional_id == pro.id
    plan = store.plans.get(me, plan.id)
    assert plan.owner_counts() == {"client": 1, "family": 2, "professional": 1, "worker": 1}


@pytest.mark.parametrize(
    ("data", "field", "says"),
    [
        ({"what": ""}, "what", "what will be done"),
        ({"owner": ""}, "owner", "Who will do it"),
        ({"owner": "contact:999"}, "owner", "pick from the list"),
        ({"owner": "family", "owner_name": ""}, "owner_name", "Give the name"),
        ({"due_on": ""}, "due_on", "due date"),
        ({"due_on": "1/1/2031"}, "due_on", "three years"),
        ({"status": "nearly"}, "status", 'No status "nearly"'),
    ],
)
def test_bad_actions_are_refused(
    store: Store, me: WorkerInfo, plan: PlanInfo, data: dict[str, str], field: str, says: str
) -> None:
    g = store.plans.add_goal(me, plan.id, goal())
    with pytest.raises(InvalidInput) as exc:
        store.plans.add_action(
            me, g.id, {"what": "Call", "owner": "worker", "due_on": "+1w", **data}
        )
    assert says in exc.value.errors.get(field, ""), exc.value.errors


def test_an_action_update_is_kept_in_the_history_and_checks_its_version(
    store: Store, me: WorkerInfo, plan: PlanInfo
) -> None:
    g = store.plans.add_goal(me, plan.id, goal())
    a = store.plans.add_action(me, g.id, {"what": "Call", "owner": "worker", "due_on": "+1w"})
    done = store.plans.update_action(
        me,
        a.id,
        {
            "what": "Call",
            "owner": "worker",
            "due_on": "+1w",
            "status": "done",
            "status_note": "Rang",
        },
        version=a.version,
    )
    assert (done.status, done.status_note, done.version) == ("done", "Rang", 2)
    with pytest.raises(Conflict):
        store.plans.update_action(
            me, a.id, {"what": "x", "owner": "worker", "due_on": "+1w"}, version=a.version
        )
    history = store.case_file.history(me, "plan_action", a.id)
    assert {c.field for c in history} >= {"status", "status_note"}


# --- reviews ----------------------------------------------------------------------------------


def test_a_review_must_rate_every_open_goal_or_say_why_not(
    store: Store, me: WorkerInfo, plan: PlanInfo
) -> None:
    g1 = store.plans.add_goal(me, plan.id, goal())
    g2 = store.plans.add_goal(
        me, plan.id, goal(domain="housing", change="Move to a two-bedroom flat")
    )
    base = {"held_on": "13/10/2026", "client_present": "no", "client_views": "By phone: “fine”"}
    rated = {
        f"rating_{g1.id}": "achieved",
        f"evidence_{g1.id}": "Certificate",
        f"decision_{g1.id}": "close goal",
    }
    with pytest.raises(InvalidInput) as exc:
        store.plans.review(me, plan.id, {**base, **rated})
    assert exc.value.errors == {
        f"rating_{g2.id}": "Rate the progress, or say why this goal was not reviewed."
    }
    with pytest.raises(InvalidInput) as exc:
        store.plans.review(me, plan.id, {**base, **rated, f"rating_{g2.id}": "progressing"})
    assert set(exc.value.errors) == {f"evidence_{g2.id}"}
    review = store.plans.review(
        me, plan.id, {**base, **rated, f"not_rated_{g2.id}": "Housing officer on leave"}
    )
    assert [(r.rating, r.not_rated_reason) for r in review.ratings] == [
        ("achieved", ""),
        ("", "Housing officer on leave"),
    ]
    after = store.plans.get(me, plan.id)
    assert [(g.status, g.closed_on) for g in after.goals] == [
        ("achieved", date(2026, 10, 13)),
        ("open", None),
    ]
    assert [g.id for g in after.open_goals] == [g2.id]


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        ({"held_on": "24/11/2026"}, "held_on", "future"),
        ({"held_on": "31/8/2026"}, "held_on", "before the plan started"),
        ({"client_views": ""}, "client_views", "client's views"),
        ({"client_present": "perhaps"}, "client_present", "yes or no"),
    ],
)
def test_bad_reviews_are_refused(
    store: Store, me: WorkerInfo, plan: PlanInfo, fields: dict[str, str], field: str, says: str
) -> None:
    store.plans.add_goal(me, plan.id, goal())
    plan = store.plans.get(me, plan.id)
    with pytest.raises(InvalidInput) as exc:
        store.plans.review(me, plan.id, {**review_data(plan, "13/10/2026"), **fields})
    assert says in exc.value.errors.get(field, ""), exc.value.errors


def test_a_review_writes_the_chronology_and_keeps_the_goal_as_it_stood(
    store: Store, me: WorkerInfo, case: CaseDetail, plan: PlanInfo
) -> None:
    g = store.plans.add_goal(me, plan.id, goal())
    plan = store.plans.get(me, plan.id)
    first = store.plans.review(me, plan.id, review_data(plan, "13/10/2026"))
    # Reworded after the review: a reason is needed, and the review keeps the old wording.
    current = store.plans.get(me, plan.id).goals[0]
    with pytest.raises(InvalidInput) as exc:
        store.plans.update_goal(me, g.id, goal(target="4 of 4"), version=current.version)
    assert "say why" in exc.value.errors["reason"]
    changed = store.plans.update_goal(
        me, g.id, goal(target="4 of 4", reason="A fourth class added"), version=current.version
    )
    assert [v.target for v in changed.versions] == ["3 of 3", "4 of 4"]
    plan = store.plans.get(me, plan.id)
    second = store.plans.review(me, plan.id, review_data(plan, "20/11/2026"))
    history = store.plans.get(me, plan.id).goals[0].ratings
    assert [r.review_id for r in history] == [first.id, second.id]
    assert [r.goal.target for r in history] == ["3 of 3", "4 of 4"]
    # Inline: the goal's section shows both reviews and the wording judged by the first.
    text = goal_markdown(store.plans.get(me, plan.id).goals[0])
    assert text.index("13 Oct 2026") < text.index("20 Nov 2026")
    assert "The goal as it stood then" in text and "target: 3 of 3" in text
    entries = [e for e in store.chronology.entries(me, case.id) if e.category == "plan"]
    assert [(e.title, e.source_kind) for e in entries] == [
        ("Service plan 1 started", "plan"),
        ("Service plan 1 reviewed", "plan_review"),
        ("Service plan 1 reviewed", "plan_review"),
    ]
    assert entries[1].source_id == first.id
    assert "Goal 1 (health): progressing; continue" in entries[1].details
    assert "Next review: 24 Nov 2026" in entries[1].details


def test_a_review_cannot_be_dated_before_the_last_one(
    store: Store, me: WorkerInfo, plan: PlanInfo
) -> None:
    store.plans.add_goal(me, plan.id, goal())
    plan = store.plans.get(me, plan.id)
    store.plans.review(me, plan.id, review_data(plan, "13/10/2026"))
    with pytest.raises(InvalidInput) as exc:
        store.plans.review(me, plan.id, review_data(store.plans.get(me, plan.id), "1/10/2026"))
    assert "before the last one (13 Oct 2026)" in exc.value.errors["held_on"]


def test_reviews_and_goal_versions_cannot_be_changed_in_the_database(
    store: Store, me: WorkerInfo, plan: PlanInfo
) -> None:
    store.plans.add_goal(me, plan.id, goal())
    plan = store.plans.get(me, plan.id)
    store.plans.review(me, plan.id, review_data(plan, "13/10/2026"))
    with (
        store.database.writing() as written,
        pytest.raises((peewee.IntegrityError, sqlite3.IntegrityError)),
        written.atomic(),
    ):
        PlanReview.update(client_views="edited").execute()
    with (
        store.database.writing() as written,
        pytest.raises((peewee.IntegrityError, sqlite3.IntegrityError)),
        written.atomic(),
    ):
        PlanGoalVersion.delete().execute()


# --- plan versions ----------------------------------------------------------------------------


def test_a_new_plan_ends_the_old_one_and_carries_open_goals_over(
    store: Store, me: WorkerInfo, case: CaseDetail, plan: PlanInfo
) -> None:
    g1 = store.plans.add_goal(me, plan.id, goal())
    store.plans.add_goal(me, plan.id, goal(domain="housing", change="Move to a two-bedroom flat"))
    store.plans.add_action(me, g1.id, {"what": "Book", "owner": "client", "due_on": "+1w"})
    plan = store.plans.get(me, plan.id)
    store.plans.review(
        me, plan.id, review_data(plan, "13/10/2026", g2=("achieved", "Moved in", "close goal"))
    )
    new = store.plans.start(me, case.id, {"started_on": "1/11/2026", "review_interval": "3 months"})
    assert new.number == 2 and new.is_current
    assert [(g.position, g.current.domain, g.carried_from_plan) for g in new.goals] == [
        (1, "health", 1)
    ]
    assert new.goals[0].current.reason == "Carried over from plan 1"
    assert [a.what for a in new.goals[0].actions] == ["Book"]
    old = store.plans.get(me, plan.id)
    assert (old.status, old.ended_on, old.next_review_on) == ("ended", date(2026, 11, 1), None)
    assert [p.number for p in store.plans.for_case(me, case.id)] == [2, 1]
    (row,) = store.cases.caseload(me)
    assert row.next_review_on == date(2027, 2, 1)
    # The earlier plan is kept as it was: the store refuses, and so does the database.
    with pytest.raises(InvalidInput) as exc:
        store.plans.add_goal(me, old.id, goal())
    assert "earlier plan" in exc.value.errors["form"]
    with pytest.raises(InvalidInput):
        store.plans.review(me, old.id, review_data(old, "20/11/2026"))
    with (
        store.database.writing() as written,
        pytest.raises((peewee.IntegrityError, sqlite3.IntegrityError)),
        written.atomic(),
    ):
        ServicePlan.update(review_every=1).where(ServicePlan.id == old.id).execute()


def test_a_new_plan_can_start_empty_and_not_before_the_last_review(
    store: Store, me: WorkerInfo, case: CaseDetail, plan: PlanInfo
) -> None:
    store.plans.add_goal(me, plan.id, goal())
    plan = store.plans.get(me, plan.id)
    store.plans.review(me, plan.id, review_data(plan, "13/10/2026"))
    with pytest.raises(InvalidInput) as exc:
        store.plans.start(me, case.id, {"started_on": "1/10/2026", "review_interval": "6 weeks"})
    assert "last reviewed (13 Oct 2026)" in exc.value.errors["started_on"]
    new = store.plans.start(
        me, case.id, {"started_on": "13/10/2026", "review_interval": "6w"}, carry_over=False
    )
    assert new.goals == ()


def test_a_closed_case_plan_cannot_change(
    store: Store, me: WorkerInfo, case: CaseDetail, plan: PlanInfo
) -> None:
    detail = store.cases.get(me, case.id)
    store.cases.close(
        me,
        case.id,
        {"reason": "work completed", "open_items_reason": "Closed before the checklist"},
        version=detail.version,
    )
    with pytest.raises(InvalidInput) as exc:
        store.plans.add_goal(me, plan.id, goal())
    assert "closed" in exc.value.errors["form"]


def test_changing_the_schedule_moves_the_next_review(
    store: Store, me: WorkerInfo, plan: PlanInfo
) -> None:
    changed = store.plans.update_schedule(
        me, plan.id, {"started_on": "1/9/2026", "review_interval": "3 months"}, version=plan.version
    )
    assert changed.next_review_on == date(2026, 12, 1)
    assert store.cases.get(me, plan.case_id).next_review_on == date(2026, 12, 1)
    with pytest.raises(Conflict):
        store.plans.update_schedule(
            me,
            plan.id,
            {"started_on": "1/9/2026", "review_interval": "1 month"},
            version=plan.version,
        )
    history = store.case_file.history(me, "service_plan", plan.id)
    assert {(c.field, c.old_value, c.new_value) for c in history} == {
        ("review_every", "6", "3"),
        ("review_unit", "weeks", "months"),
    }


# --- rendering --------------------------------------------------------------------------------


def test_the_plan_document_shows_each_goal_with_its_history_and_escapes_user_text(
    store: Store, me: WorkerInfo, plan: PlanInfo
) -> None:
    g = store.plans.add_goal(me, plan.id, goal(change="Attend **three** classes [/] <b>"))
    store.plans.add_action(me, g.id, {"what": "Ring #1", "owner": "client", "due_on": "1/11/2026"})
    plan = store.plans.get(me, plan.id)
    store.plans.review(
        me,
        plan.id,
        review_data(plan, "13/10/2026", g1=("progressing", "Went to 1\nof 3", "continue")),
    )
    text = plan_markdown(store.plans.get(me, plan.id), title="Plan for Dana")
    assert text.startswith("# Plan for Dana\n")
    assert "Attend \\*\\*three\\*\\* classes \\[/\\] \\<b\\>" in text
    assert "Ring \\#1" in text and "**overdue**" in text
    assert "the client owns 1 of 1 (100%)" in text
    assert "**13 Oct 2026 — progressing**, decision: continue." in text
    assert "  > Went to 1\n  > of 3" in text
    assert text.index("## Goal 1") < text.index("### Actions") < text.index("### Reviews")


def test_typed_lines_that_look_like_lists_or_rules_read_as_typed(
    store: Store, me: WorkerInfo, plan: PlanInfo
) -> None:
    store.plans.add_goal(me, plan.id, goal())
    plan = store.plans.get(me, plan.id)
    evidence = "- paid\n2. late\n===\n12 payments"
    store.plans.review(
        me, plan.id, review_data(plan, "13/10/2026", g1=("progressing", evidence, "continue"))
    )
    text = goal_markdown(store.plans.get(me, plan.id).goals[0])
    assert "  > \\- paid\n  > 2\\. late\n  > \\===\n  > 12 payments" in text
