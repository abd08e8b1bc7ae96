"""What needs doing: every rule at its boundary days (the day before, the day of, the day
after), the agenda grouped by when, the record-health line, the caseload's flags agreeing with
both, and tasks added, done with a note and moved with a reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import peewee as pw
import pytest
from playhouse.test_utils import count_queries

from store.common import dates
from store.common import reminders as rules
from store.common.errors import Conflict, InvalidInput, NotPermitted
from store.common.records import WorkerInfo
from store.core.models import AuditEvent, Task
from store.reminders.models import TaskMove
from store.reminders.records import Agenda, ItemKind
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

NOTE = {"note_type": "home visit", "body": "Visited at home."}
TODAY = date(2026, 11, 23)  # the tests' frozen clock (tests/conftest.py)


def kinds(agenda: Agenda, case_id: int | None = None) -> dict[ItemKind, str]:
    """{kind: bucket} of the agenda's items (of one case)."""
    return {i.kind: i.bucket.value for i in agenda.items if case_id is None or i.case_id == case_id}


def flags_on(store: Store, me: WorkerInfo, case_id: int, day: date) -> tuple[str, ...]:
    with dates.frozen(datetime.combine(day, datetime.min.time()).replace(hour=10)):
        [row] = [r for r in store.cases.caseload(me) if r.id == case_id]
    return row.flags


# --- the rules themselves ----------------------------------------------------------------------


def test_buckets_at_their_edges() -> None:
    day = date(2026, 11, 23)
    assert rules.bucket(day - timedelta(days=1), day) is rules.Bucket.OVERDUE
    assert rules.bucket(day, day) is rules.Bucket.TODAY
    assert rules.bucket(day + timedelta(days=1), day) is rules.Bucket.WEEK
    assert rules.bucket(day + timedelta(days=7), day) is rules.Bucket.WEEK
    assert rules.bucket(day + timedelta(days=8), day) is rules.Bucket.LATER


def test_contact_is_due_a_set_number_of_days_after_the_last_note() -> None:
    last = datetime(2026, 11, 10, 10, 0)  # naive UTC
    assert rules.contact_due_on(last, None, 7) == date(2026, 11, 17)
    assert rules.contact_due_on(None, date(2026, 11, 1), 7) == date(2026, 11, 8)
    assert rules.contact_due_on(None, None, 7) is None
    due = rules.contact_due_on(last, None, 10)
    for today, flagged in ((date(2026, 11, 20), False), (date(2026, 11, 21), True)):
        assert (
            "contact" in rules.case_flags("open", None, last, None, today, contact_days=10)
        ) is (flagged)
        assert rules.overdue(due, today) is flagged


def test_a_summary_is_due_months_after_it_was_written() -> None:
    written = datetime(2026, 8, 23, 9, 0)
    assert rules.summary_due_on(written, date(2026, 1, 1), 3) == date(2026, 11, 23)
    assert rules.summary_due_on(None, date(2026, 1, 5), 3) == date(2026, 4, 5)
    assert rules.summary_months_old(written, date(2026, 11, 22)) == 2
    assert rules.summary_months_old(written, date(2026, 11, 23)) == 3


def test_consent_expiring_and_expired() -> None:
    due = date(2026, 12, 1)
    assert rules.consent_flag(due, date(2026, 11, 23), 7) == ""
    assert rules.consent_flag(due, date(2026, 11, 24), 7) == "consent expiring"
    assert rules.consent_flag(due, due, 7) == "consent expiring"
    assert rules.consent_flag(due, date(2026, 12, 2), 7) == "consent expired"


# --- each rule on a real case, through the agenda, the health line and the caseload ------------


@pytest.fixture
def case(make_case: Callable[..., Any]) -> Any:
    return make_case(allocated_on="1/11/2026")


def test_no_note_for_a_week(store: Store, me: WorkerInfo, case: Any) -> None:
    store.notes.finalise(me, case.id, {**NOTE, "contact_at": "10/11/2026 10:00"})
    store.case_file.save_summary(me, case.id, "Where things stand.")
    for day, expected, flagged in (
        (date(2026, 11, 16), None, False),
        (date(2026, 11, 17), "today", False),
        (date(2026, 11, 18), "overdue", True),
    ):
        agenda = store.reminders.agenda(me, today=day)
        assert kinds(agenda, case.id).get(ItemKind.CONTACT) == expected, day
        assert ("contact" in flags_on(store, me, case.id, day)) is flagged
    health = store.reminders.health(me, case.id, today=date(2026, 11, 18))
    assert health.line == "no note for 8 days"


def test_contact_days_come_from_the_config(store: Store, me: WorkerInfo, case: Any) -> None:
    store.notes.finalise(me, case.id, {**NOTE, "contact_at": "10/11/2026 10:00"})
    store.use_rules(contact_days=10, summary_months=3)
    assert kinds(store.reminders.agenda(me, today=date(2026, 11, 20)))[ItemKind.CONTACT] == "today"
    assert "contact" not in flags_on(store, me, case.id, date(2026, 11, 20))
    assert kinds(store.reminders.agenda(me, today=date(2026, 11, 21)))[ItemKind.CONTACT] == (
        "overdue"
    )
    assert "contact" in flags_on(store, me, case.id, date(2026, 11, 21))


def test_a_summary_older_than_three_months(store: Store, me: WorkerInfo, case: Any) -> None:
    store.case_file.save_summary(me, case.id, "Where things stand.")  # 23 Nov 2026
    for day, expected in (
        (date(2027, 2, 15), None),  # due in 8 days: later, not shown
        (date(2027, 2, 16), "this week"),
        (date(2027, 2, 22), "this week"),
        (date(2027, 2, 23), "today"),
        (date(2027, 2, 24), "overdue"),
    ):
        agenda = store.reminders.agenda(me, today=day)
        assert kinds(agenda, case.id).get(ItemKind.SUMMARY) == expected, day
    line = store.reminders.health(me, case.id, today=date(2027, 2, 24)).line
    assert line.startswith("summary 3 months old")


def test_a_case_with_no_summary(store: Store, me: WorkerInfo, case: Any) -> None:
    """Due three months after the allocation (1 Nov 2026)."""

    def summary(day: date) -> list[tuple[str, str, str]]:
        return [
            (i.title, i.bucket.value, i.tab)
            for i in store.reminders.agenda(me, today=day).items
            if i.kind is ItemKind.SUMMARY
        ]

    assert summary(date(2027, 1, 24)) == []
    assert summary(date(2027, 2, 1)) == [("The case summary is due", "today", "summary")]
    assert summary(date(2027, 2, 2)) == [("No case summary yet", "overdue", "summary")]


def test_a_plan_review_due_then_overdue(store: Store, me: WorkerInfo, case: Any) -> None:
    store.plans.start(me, case.id, {"started_on": "1/11/2026", "review_interval": "6 weeks"})
    # Next review: 13 Dec 2026.
    for day, expected, title, flagged in (
        (date(2026, 12, 5), None, "", False),
        (date(2026, 12, 12), "this week", "Plan review due", False),
        (date(2026, 12, 13), "today", "Plan review due today", False),
        (date(2026, 12, 16), "overdue", "Plan review 3 days overdue", True),
    ):
        items = [
            i for i in store.reminders.agenda(me, today=day).items if i.kind is ItemKind.REVIEW
        ]
        assert [(i.bucket.value, i.title) for i in items] == (
            [(expected, title)] if expected else []
        )
        assert ("review" in flags_on(store, me, case.id, day)) is flagged
    line = store.reminders.health(me, case.id, today=date(2026, 12, 16)).line
    assert "review 3 days overdue" in line


def test_plan_actions_by_their_due_dates(store: Store, me: WorkerInfo, case: Any) -> None:
    from tests.store.test_plans import GOOD_GOAL

    plan = store.plans.start(me, case.id, {"started_on": "1/11/2026", "review_interval": "6 weeks"})
    goal = store.plans.add_goal(me, plan.id, GOOD_GOAL)
    for what, due in (("Ring the GP", "20/11/2026"), ("Book the class", "23/11/2026")):
        store.plans.add_action(me, goal.id, {"what": what, "owner": "worker", "due_on": due})
    store.plans.add_action(me, goal.id, {"what": "Go", "owner": "client", "due_on": "21/12/2026"})
    # Beyond four weeks it waits in the plan.
    store.plans.add_action(me, goal.id, {"what": "Far", "owner": "client", "due_on": "22/12/2026"})
    items = [i for i in store.reminders.agenda(me).items if i.kind is ItemKind.PLAN_ACTION]
    assert [(i.title, i.bucket.value, i.tab) for i in items] == [
        ("Plan action: Ring the GP", "overdue", "plan"),
        ("Plan action: Book the class", "today", "plan"),
        ("Plan action: Go", "later", "plan"),
    ]
    assert "1 action overdue · 1 action due today" in store.reminders.health(me, case.id).line


def test_drafts_not_finalised(store: Store, me: WorkerInfo, case: Any) -> None:
    draft = store.notes.save_draft(me, case.id, {**NOTE, "contact_at": "today 9:00"})
    store.conferences.start(me, case.id)
    store.assessments.start(me, case.id)
    agenda = store.reminders.agenda(me)
    found = {i.kind: (i.bucket.value, i.record_kind) for i in agenda.items if i.case_id == case.id}
    assert found[ItemKind.DRAFT_NOTE] == ("today", "draft")
    assert found[ItemKind.DRAFT_MINUTES] == ("today", "conference")
    assert found[ItemKind.DRAFT_ASSESSMENT] == ("today", "assessment")
    [note] = [i for i in agenda.items if i.kind is ItemKind.DRAFT_NOTE]
    assert (note.record_id, note.author_id) == (draft, me.id)
    assert store.reminders.health(me, case.id).line.endswith("3 drafts")
    # Tomorrow they are overdue.
    later = store.reminders.agenda(me, today=TODAY + timedelta(days=1))
    assert kinds(later, case.id)[ItemKind.DRAFT_NOTE] == "overdue"


def test_someone_elses_draft_note_is_theirs(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: Any
) -> None:
    store.notes.save_draft(other, case.id, {**NOTE, "contact_at": "today 9:00"})
    assert ItemKind.DRAFT_NOTE not in kinds(store.reminders.agenda(me), case.id)
    # The record's health counts every draft on it.
    assert "1 draft" in store.reminders.health(me, case.id).line


def test_a_referral_to_chase_and_to_escalate(store: Store, me: WorkerInfo, case: Any) -> None:
    referral = store.referrals.create(
        me,
        case.id,
        {
            "agency": "Food bank",
            "referred_on": "10/11/2026",
            "reason": "No food",
            "shared": "Name",
            "lawful_reason": "Safeguarding",
        },
    )
    chase = {"chased_on": "20/11/2026", "method": "phone", "contacted": "Desk"}
    store.referrals.chase(me, referral.id, {**chase, "next_chase_on": "25/11/2026"})
    items = [i for i in store.reminders.agenda(me).items if i.kind is ItemKind.CHASE]
    assert [(i.title, i.bucket.value, i.record_id) for i in items] == [
        ("Chase the referral to Food bank", "this week", referral.id)
    ]
    day = date(2026, 11, 26)
    assert kinds(store.reminders.agenda(me, today=day), case.id)[ItemKind.CHASE] == "overdue"
    for _ in range(2):
        store.referrals.chase(me, referral.id, chase)
    assert ItemKind.ESCALATE in kinds(store.reminders.agenda(me), case.id)
    assert "escalate" in flags_on(store, me, case.id, TODAY)


def test_a_consent_expiring(store: Store, me: WorkerInfo, case: Any) -> None:
    store.consent.add(
        me,
        case.id,
        {
            "share_what": "Housing needs",
            "recipient": "Northside Housing",
            "given_on": "1/11/2026",
            "expires_on": "20/12/2026",
        },
    )
    for day, expected in (
        (date(2026, 11, 19), None),
        (date(2026, 11, 20), "later"),
        (date(2026, 12, 20), "today"),
        (date(2026, 12, 21), "overdue"),
    ):
        assert kinds(store.reminders.agenda(me, today=day), case.id).get(ItemKind.CONSENT) == (
            expected
        )
        assert ("consent" in flags_on(store, me, case.id, day)) is (expected is not None)


def test_a_closed_case_needs_nothing(store: Store, me: WorkerInfo, case: Any) -> None:
    store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "yesterday"})
    store.cases.close(
        me,
        case.id,
        {"reason": "work completed", "open_items_reason": "Moved away"},
        version=store.cases.get(me, case.id).version,
    )
    assert kinds(store.reminders.agenda(me), case.id) == {}


def test_the_flags_and_the_agenda_agree(
    store: Store, me: WorkerInfo, make_case: Callable[..., Any]
) -> None:
    """Over a spread of cases and days: a case flagged contact / review has that item overdue."""
    made = []
    for n in range(6):
        case = make_case(allocated_on=f"{n + 1}/10/2026")
        store.notes.finalise(me, case.id, {**NOTE, "contact_at": f"{10 + n * 2}/11/2026 10:00"})
        if n % 2:
            store.plans.start(
                me, case.id, {"started_on": f"{n + 1}/10/2026", "review_interval": "6 weeks"}
            )
        made.append(case.id)
    for offset in range(0, 30, 3):
        day = TODAY + timedelta(days=offset)
        agenda = store.reminders.agenda(me, today=day)
        for cid in made:
            flags = flags_on(store, me, cid, day)
            found = kinds(agenda, cid)
            assert ("contact" in flags) is (found.get(ItemKind.CONTACT) == "overdue"), (cid, day)
            assert ("review" in flags) is (found.get(ItemKind.REVIEW) == "overdue"), (cid, day)
            health = store.reminders.health(me, cid, today=day)
            assert {i.kind: i.bucket.value for i in health.items} == found
            assert ("no note for" in health.line) is ("contact" in flags)
            assert ("review" in health.line) is (found.get(ItemKind.REVIEW) in ("overdue", "today"))


def test_the_agenda_reads_a_fixed_number_of_queries(
    store: Store, me: WorkerInfo, make_case: Callable[..., Any]
) -> None:
    def queries() -> int:
        with count_queries() as counter:
            store.reminders.agenda(me)
        return int(counter.count)

    case = make_case()
    store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "tomorrow"})
    few = queries()
    for _ in range(8):
        case = make_case()
        store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "tomorrow"})
        store.notes.save_draft(me, case.id, {**NOTE, "contact_at": "today 9:00"})
    assert queries() == few


# --- whose agenda -------------------------------------------------------------------------------


def test_a_supervisor_sees_a_worker_of_their_team_or_the_team(store: Store) -> None:
    admin = store.workers.init_administrator("ada.admin", "Ada Admin", "the admin's passphrase")
    sue = store.workers.add(admin, login="sue.super", role="supervisor", team="North")
    nia = store.workers.add(admin, login="nia.north", role="worker", team="North")
    wes = store.workers.add(admin, login="wes.worker", role="worker", team="North")
    sol = store.workers.add(admin, login="sol.south", role="worker", team="South")
    for who in (nia, wes, sol):
        case = store.cases.create(who, {"client_name": f"Client of {who.username}"})
        store.reminders.add_task(
            who, case.id, {"title": f"Task of {who.username}", "due_on": "fri"}
        )

    def titles(agenda: Agenda) -> set[str]:
        return {i.title for i in agenda.items if i.kind is ItemKind.TASK}

    assert titles(store.reminders.agenda(nia)) == {"Task of nia.north"}
    assert store.reminders.agenda(nia).who == nia.display_name
    assert titles(store.reminders.agenda(sue, worker_id=nia.id)) == {"Task of nia.north"}
    team = store.reminders.agenda(sue, team=True)
    assert titles(team) == {"Task of nia.north", "Task of wes.worker"}
    assert team.who == "team North"
    with pytest.raises(NotPermitted):
        store.reminders.agenda(sue, worker_id=sol.id)
    with pytest.raises(NotPermitted):
        store.reminders.agenda(nia, worker_id=wes.id)
    with pytest.raises(NotPermitted):
        store.reminders.agenda(nia, team=True)


# --- tasks --------------------------------------------------------------------------------------


def test_a_task_added_done_and_moved(store: Store, me: WorkerInfo, case: Any) -> None:
    task = store.reminders.add_task(me, case.id, {"title": " Ring the school ", "due_on": "fri"})
    assert (task.title, task.due_on, task.worker_id, task.version) == (
        "Ring the school",
        date(2026, 11, 27),  # typed on Monday 23 Nov
        me.id,
        1,
    )
    moved = store.reminders.move(
        me, task.id, {"due_on": "+2w", "reason": "School closed this week"}, version=1
    )
    assert (moved.due_on, moved.version) == (date(2026, 12, 7), 2)
    [move] = moved.moves
    assert (move.old_due_on, move.new_due_on, move.reason, move.moved_by) == (
        date(2026, 11, 27),
        date(2026, 12, 7),
        "School closed this week",
        me.display_name,
    )
    done = store.reminders.done(me, task.id, {"note": "Spoke to the head."}, version=2)
    assert (done.done, done.done_note, done.done_by) == (
        True,
        "Spoke to the head.",
        me.display_name,
    )
    assert not [i for i in store.reminders.agenda(me).items if i.kind is ItemKind.TASK]
    assert [t.id for t in store.reminders.tasks(me, case.id)] == [task.id]
    assert store.reminders.tasks(me, case.id, done=False) == []
    with store.database.reading():
        verbs = [e.action for e in AuditEvent.select().where(AuditEvent.record_kind == "task")]
    assert verbs == ["task-added", "task-moved", "task-done"]


def test_a_notes_follow_up_is_a_task_on_the_agenda(store: Store, me: WorkerInfo, case: Any) -> None:
    store.notes.finalise(
        me, case.id, {**NOTE, "contact_at": "today 9:00", "follow_up_on": "tomorrow"}
    )
    [item] = [i for i in store.reminders.agenda(me).items if i.kind is ItemKind.TASK]
    assert item.title.startswith("Follow up: ")
    assert (item.bucket.value, item.record_kind, item.movable) == ("this week", "task", True)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "due_on": "fri"}, "title", "Say what is to be done."),
        ({"title": "   ", "due_on": "fri"}, "title", "Say what is to be done."),
        ({"title": "x" * 201, "due_on": "fri"}, "title", "too long"),
        ({"title": "Ring", "due_on": ""}, "due_on", "By when?"),
        ({"title": "Ring", "due_on": "someday"}, "due_on", "someday"),
        ({"title": "Ring", "due_on": "31/2/2027"}, "due_on", ""),
        ({"title": "Ring", "due_on": "1/1/2035"}, "due_on", "three years"),
    ],
)
def test_a_task_refused(
    store: Store, me: WorkerInfo, case: Any, data: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        store.reminders.add_task(me, case.id, data)
    assert message in refused.value.errors[field]
    with store.database.reading():
        assert Task.select().count() == 0


def test_control_characters_are_taken_out_of_a_title(
    store: Store, me: WorkerInfo, case: Any
) -> None:
    task = store.reminders.add_task(
        me, case.id, {"title": "Ring\x1b[31m the\x07 school", "due_on": "fri"}
    )
    assert "\x1b" not in task.title and "\x07" not in task.title
    assert "school" in task.title


def test_a_task_four_weeks_ahead_is_listed_and_one_further_is_not(
    store: Store, me: WorkerInfo, case: Any
) -> None:
    store.reminders.add_task(me, case.id, {"title": "Near", "due_on": "21/12/2026"})
    store.reminders.add_task(me, case.id, {"title": "Far", "due_on": "22/12/2026"})
    tasks = [i for i in store.reminders.agenda(me).items if i.kind is ItemKind.TASK]
    assert [(i.title, i.bucket.value) for i in tasks] == [("Near", "later")]
    assert len(store.reminders.tasks(me, case.id)) == 2


def test_a_task_due_in_the_past_is_overdue(store: Store, me: WorkerInfo, case: Any) -> None:
    store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "last fri"})
    assert kinds(store.reminders.agenda(me), case.id)[ItemKind.TASK] == "overdue"
    assert "1 task overdue" in store.reminders.health(me, case.id).line


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"due_on": "+1w", "reason": ""}, "reason", "Say why"),
        ({"due_on": "+1w", "reason": "  "}, "reason", "Say why"),
        ({"due_on": "+1w", "reason": "x" * 501}, "reason", "too long"),
        ({"due_on": "yesterday", "reason": "Away"}, "due_on", "today or a later day"),
        ({"due_on": "", "reason": "Away"}, "due_on", "By when?"),
        ({"due_on": "not a day", "reason": "Away"}, "due_on", "not a day"),
        ({"due_on": "fri", "reason": "Away"}, "due_on", "due already"),
    ],
)
def test_a_move_refused(
    store: Store, me: WorkerInfo, case: Any, data: dict[str, str], field: str, message: str
) -> None:
    task = store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "fri"})
    with pytest.raises(InvalidInput) as refused:
        store.reminders.move(me, task.id, data, version=1)
    assert message in refused.value.errors[field]
    assert store.reminders.task(me, task.id).moves == ()


@pytest.mark.parametrize("note", ["", "   ", "\x1b\x07", "x" * 2001])
def test_done_needs_a_note(store: Store, me: WorkerInfo, case: Any, note: str) -> None:
    task = store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "fri"})
    with pytest.raises(InvalidInput) as refused:
        store.reminders.done(me, task.id, {"note": note}, version=1)
    assert "note" in refused.value.errors
    assert not store.reminders.task(me, task.id).done


def test_a_done_task_is_neither_done_again_nor_moved(
    store: Store, me: WorkerInfo, case: Any
) -> None:
    task = store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "fri"})
    store.reminders.done(me, task.id, {"note": "Rang."}, version=1)
    with pytest.raises(InvalidInput, match="done already"):
        store.reminders.done(me, task.id, {"note": "Rang again."}, version=2)
    with pytest.raises(InvalidInput, match="done already"):
        store.reminders.move(me, task.id, {"due_on": "+1w", "reason": "Away"}, version=2)


def test_two_people_at_one_task(store: Store, me: WorkerInfo, other: WorkerInfo, case: Any) -> None:
    task = store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "fri"})
    store.reminders.move(other, task.id, {"due_on": "+2w", "reason": "Away"}, version=1)
    with pytest.raises(Conflict) as refused:
        store.reminders.done(me, task.id, {"note": "Rang."}, version=1)
    conflict = refused.value
    assert conflict.changed_by == other.display_name
    assert conflict.current["due"] == "07 Dec 2026"
    assert conflict.version == 2
    # Having seen theirs, the save goes on top.
    assert store.reminders.done(me, task.id, {"note": "Rang."}, version=2).done


def test_the_moves_of_a_task_are_kept(store: Store, me: WorkerInfo, case: Any) -> None:
    task = store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "fri"})
    store.reminders.move(me, task.id, {"due_on": "+2w", "reason": "Away"}, version=1)
    with (
        store.database.writing() as written,
        pytest.raises(pw.IntegrityError, match="kept as written"),
        written.atomic(),
    ):
        TaskMove.update(reason="Changed").execute()
    with (
        store.database.writing() as written,
        pytest.raises(pw.IntegrityError, match="kept as written"),
        written.atomic(),
    ):
        TaskMove.delete().execute()


def test_a_closed_case_takes_no_tasks(store: Store, me: WorkerInfo, case: Any) -> None:
    task = store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "fri"})
    store.cases.close(
        me,
        case.id,
        {"reason": "work completed", "open_items_reason": "Moved away"},
        version=store.cases.get(me, case.id).version,
    )
    with pytest.raises(InvalidInput, match="closed"):
        store.reminders.add_task(me, case.id, {"title": "Ring", "due_on": "fri"})
    with pytest.raises(InvalidInput, match="closed"):
        store.reminders.done(me, task.id, {"note": "Rang."}, version=1)
