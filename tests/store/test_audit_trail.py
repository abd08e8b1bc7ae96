"""The audit trail of the records: every write to a record and every opening of one adds its
row, naming the case, the record and who; a read that is not an opening adds none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.conferences.records import ConferenceInfo
from store.core.models import AuditEvent
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]

GOAL = {
    "domain": "health",
    "change": "Attend three diabetes education classes at the health centre",
    "measure": "classes attended, from the centre's register",
    "target": "3 of 3",
    "relevance": "I want to be well enough to look after my grandson",
    "target_on": "1/2/2027",
    "client_agreed": "yes",
    "achievable": "yes",
}
MINUTES = {
    "held_at": "20/11/2026 14:00",
    "conference_type": "core group",
    "chair": "Jo Marsh",
    "attendees": [{"who": "worker"}],
    "actions": [{"what": "Call the GP", "owner": "attendee:0", "due_on": "30/11/2026"}],
}


@dataclass
class World:
    """A case with one of every kind of record on it, and who acts on them."""

    store: Store
    me: WorkerInfo
    case: CaseDetail
    closed: CaseDetail  # a closed case, to reopen
    plan_id: int
    goal_id: int
    goal_version: int
    action_id: int
    action_version: int
    note_id: int
    entry_id: int
    entry_version: int
    contact_id: int
    contact_version: int
    professional_id: int
    professional_version: int
    minutes: ConferenceInfo  # finalised
    draft: ConferenceInfo


@pytest.fixture
def world(store: Store, me: WorkerInfo, other: WorkerInfo, make_case: MakeCase) -> World:
    case = make_case(client_name="Dana Reyes", allocated_on="1/6/2026")
    closed = make_case(client_name="Eli Stone", allocated_on="1/6/2026")
    closed = store.cases.close(
        me,
        closed.id,
        {
            "closed_on": "1/11/2026",
            "reason": "other",
            "open_items_reason": "Closed before the checklist",
        },
        version=closed.version,
    )
    plan = store.plans.start(me, case.id, {"started_on": "1/9/2026", "review_interval": "6 weeks"})
    goal = store.plans.add_goal(me, plan.id, GOAL)
    action = store.plans.add_action(
        me, goal.id, {"what": "Book the classes", "owner": "client", "due_on": "+1w"}
    )
    note = store.notes.finalise(
        me, case.id, {"contact_at": "today 9:30", "note_type": "home visit", "body": "Seen."}
    )
    entry = store.chronology.add(
        me, case.id, {"occurred_on": "3/11/2026", "category": "health", "title": "GP review"}
    )
    contact = store.case_file.add_contact(me, case.client_id, {"name": "Ann Lee"})
    pro = store.case_file.add_professional(me, case.id, {"name": "Dr Hart", "role": "GP"})
    started = store.conferences.start(me, case.id, MINUTES)
    minutes = store.conferences.finalise(me, started.id, version=started.version)
    draft = store.conferences.start(me, case.id, {"conference_type": "core group"})
    return World(
        store=store,
        me=me,
        case=case,
        closed=closed,
        plan_id=plan.id,
        goal_id=goal.id,
        goal_version=goal.version,
        action_id=action.id,
        action_version=action.version,
        note_id=note.id,
        entry_id=entry.id,
        entry_version=entry.version,
        contact_id=contact.id,
        contact_version=contact.version,
        professional_id=pro.id,
        professional_version=pro.version,
        minutes=minutes,
        draft=draft,
    )


def _newest(store: Store) -> int:
    with store.database.reading():
        return int(AuditEvent.select(AuditEvent.id).order_by(AuditEvent.id.desc()).scalar() or 0)


def _since(store: Store, after: int) -> list[tuple[Any, ...]]:
    with store.database.reading():
        return [
            (e.action, e.record_kind, e.record_id, e.case_id, e.login, e.origin != "")
            for e in AuditEvent.select().where(AuditEvent.id > after).order_by(AuditEvent.id)
        ]


def _itself(case: CaseDetail) -> tuple[int, int]:
    return case.id, case.id


# (action, record kind, what to do: returns (the case, the record) it should name)
Write = Callable[[World], tuple[int, int]]
WRITES: list[tuple[str, str, Write]] = [
    (
        "case-created",
        "case",
        lambda w: _itself(w.store.cases.create(w.me, {"client_name": "New Person"})),
    ),
    (
        "case-transferred",
        "case",
        lambda w: (
            w.store.cases.transfer(
                w.me,
                w.case.id,
                {"worker": "priya.nair", "on": "20/11/2026", "reason": "Moving team"},
                version=w.case.version,
            ).id,
            w.case.id,
        ),
    ),
    (
        "case-closed",
        "case",
        lambda w: (
            w.store.cases.close(
                w.me,
                w.case.id,
                {
                    "closed_on": "20/11/2026",
                    "reason": "other",
                    "open_items_reason": "Closed before the checklist",
                },
                version=w.case.version,
            ).id,
            w.case.id,
        ),
    ),
    (
        "case-reopened",
        "case",
        lambda w: (
            w.store.cases.reopen(
                w.me,
                w.closed.id,
                {"reopened_on": "20/11/2026", "reason": "Back"},
                version=w.closed.version,
            ).id,
            w.closed.id,
        ),
    ),
    (
        "note-finalised",
        "note",
        lambda w: (
            w.case.id,
            w.store.notes.finalise(
                w.me,
                w.case.id,
                {"contact_at": "today 9:00", "note_type": "phone call", "body": "Rang."},
            ).id,
        ),
    ),
    (
        "note-amended",
        "note",
        lambda w: (
            w.case.id,
            w.store.notes.amend(w.me, w.note_id, reason="Typo", body="Seen at home.").id,
        ),
    ),
    (
        "chronology-entry-added",
        "chronology_entry",
        lambda w: (
            w.case.id,
            w.store.chronology.add(
                w.me, w.case.id, {"occurred_on": "4/11/2026", "category": "health", "title": "X"}
            ).id,
        ),
    ),
    (
        "chronology-entry-updated",
        "chronology_entry",
        lambda w: (
            w.case.id,
            w.store.chronology.update(
                w.me, w.entry_id, {"title": "GP review (annual)"}, version=w.entry_version
            ).id,
        ),
    ),
    (
        "chronology-entry-annotated",
        "chronology_entry",
        lambda w: (
            w.case.id,
            w.store.chronology.annotate(
                w.me, w.entry_id, "Health is steadier.", version=w.entry_version
            ).id,
        ),
    ),
    (
        "client-updated",
        "client",
        lambda w: (
            w.case.id,
            w.store.case_file.update_client(
                w.me, w.case.client_id, {"phone": "01234 567890"}, version=1
            ).id,
        ),
    ),
    (
        "contact-added",
        "contact",
        lambda w: (
            w.case.id,
            w.store.case_file.add_contact(w.me, w.case.client_id, {"name": "Bo Lee"}).id,
        ),
    ),
    (
        "contact-updated",
        "contact",
        lambda w: (
            w.case.id,
            w.store.case_file.update_contact(
                w.me, w.contact_id, {"phone": "07700 900123"}, version=w.contact_version
            ).id,
        ),
    ),
    (
        "contact-removed",
        "contact",
        lambda w: (
            w.case.id,
            w.store.case_file.remove_contact(w.me, w.contact_id, version=w.contact_version)
            or w.contact_id,
        ),
    ),
    (
        "professional-added",
        "professional",
        lambda w: (
            w.case.id,
            w.store.case_file.add_professional(w.me, w.case.id, {"name": "Dr Reid"}).id,
        ),
    ),
    (
        "professional-updated",
        "professional",
        lambda w: (
            w.case.id,
            w.store.case_file.update_professional(
                w.me, w.professional_id, {"phone": "0161 496 0000"}, version=w.professional_version
            ).id,
        ),
    ),
    (
        "professional-removed",
        "professional",
        lambda w: (
            w.case.id,
            w.store.case_file.remove_professional(
                w.me, w.professional_id, version=w.professional_version
            )
            or w.professional_id,
        ),
    ),
    (
        "summary-saved",
        "summary_version",
        lambda w: (w.case.id, w.store.case_file.save_summary(w.me, w.case.id, "Doing well.").id),
    ),
    (
        "plan-started",
        "service_plan",
        lambda w: (
            w.case.id,
            w.store.plans.start(
                w.me, w.case.id, {"started_on": "20/11/2026", "review_interval": "3 months"}
            ).id,
        ),
    ),
    (
        "plan-updated",
        "service_plan",
        lambda w: (
            w.case.id,
            w.store.plans.update_schedule(
                w.me, w.plan_id, {"review_interval": "1 month"}, version=1
            ).id,
        ),
    ),
    (
        "goal-added",
        "plan_goal",
        lambda w: (w.case.id, w.store.plans.add_goal(w.me, w.plan_id, GOAL).id),
    ),
    (
        "goal-updated",
        "plan_goal",
        lambda w: (
            w.case.id,
            w.store.plans.update_goal(
                w.me, w.goal_id, {**GOAL, "target": "2 of 3"}, version=w.goal_version
            ).id,
        ),
    ),
    (
        "action-added",
        "plan_action",
        lambda w: (
            w.case.id,
            w.store.plans.add_action(
                w.me, w.goal_id, {"what": "Ring", "owner": "worker", "due_on": "+1w"}
            ).id,
        ),
    ),
    (
        "action-updated",
        "plan_action",
        lambda w: (
            w.case.id,
            w.store.plans.update_action(
                w.me,
                w.action_id,
                {"what": "Book the classes", "owner": "client", "due_on": "+2w"},
                version=w.action_version,
            ).id,
        ),
    ),
    (
        "minutes-started",
        "conference",
        lambda w: (w.case.id, w.store.conferences.start(w.me, w.case.id).id),
    ),
    (
        "minutes-finalised",
        "conference",
        lambda w: (
            w.case.id,
            w.store.conferences.finalise(
                w.me,
                w.store.conferences.save(w.me, w.draft.id, MINUTES, version=w.draft.version).id,
                version=w.draft.version + 1,
            ).id,
        ),
    ),
    (
        "minutes-discarded",
        "conference",
        lambda w: (
            w.case.id,
            w.store.conferences.discard(w.me, w.draft.id, version=w.draft.version) or w.draft.id,
        ),
    ),
    (
        "minutes-amended",
        "conference",
        lambda w: (
            w.case.id,
            w.store.conferences.amend(w.me, w.minutes.id, {"reason": "Typo", "body": "Six."}).id,
        ),
    ),
    (
        "next-meeting-set",
        "conference",
        lambda w: (
            w.case.id,
            w.store.conferences.set_next_meeting(
                w.me, w.minutes.id, {"next_meeting_on": "1/2/2027"}, version=w.minutes.version
            ).id,
        ),
    ),
    (
        "meeting-action-done",
        "conference_action",
        lambda w: (
            w.case.id,
            w.store.conferences.set_action_status(
                w.me,
                w.minutes.actions[0].id,
                {"status": "done", "note": "Rang the GP."},
                version=w.minutes.actions[0].version,
            ).id,
        ),
    ),
]


@pytest.mark.parametrize(("action", "kind", "write"), WRITES, ids=[w[0] for w in WRITES])
def test_every_write_to_a_record_adds_one_row_naming_it(
    world: World, action: str, kind: str, write: Write
) -> None:
    before = _newest(world.store)
    case_id, record_id = write(world)
    assert _since(world.store, before) == [(action, kind, record_id, case_id, "sam.okafor", True)]


# (action, record kind, the record it names (None: the case's), the reading that opens it)
Read = Callable[[World, bool], object]
READS: list[tuple[str, str, Callable[[World], int | None], Read]] = [
    (
        "case-file-opened",
        "case-file",
        lambda w: w.case.id,
        lambda w, o: w.store.case_file.view(w.me, w.case.id, opening=o),
    ),
    (
        "note-opened",
        "note",
        lambda w: w.note_id,
        lambda w, o: w.store.notes.get(w.me, w.note_id, opening=o),
    ),
    (
        "plan-opened",
        "plan",
        lambda w: w.plan_id,
        lambda w, o: w.store.plans.get(w.me, w.plan_id, opening=o),
    ),
    (
        "plan-opened",
        "plan",
        lambda w: w.plan_id,
        lambda w, o: w.store.plans.for_review(w.me, _review(w), opening=o),
    ),
    (
        "minutes-opened",
        "minutes",
        lambda w: w.minutes.id,
        lambda w, o: w.store.conferences.minutes(w.me, w.minutes.id, opening=o),
    ),
    (
        "case-history-opened",
        "case-history",
        lambda w: None,
        lambda w, o: w.store.case_file.case_history_lines(w.me, w.case.id, opening=o),
    ),
    (
        "summary-versions-opened",
        "summary-versions",
        lambda w: None,
        lambda w, o: w.store.case_file.summary_versions(w.me, w.case.id, opening=o),
    ),
    (
        "chronology-entry-opened",
        "chronology-entry",
        lambda w: w.entry_id,
        lambda w, o: w.store.chronology.entry(w.me, w.entry_id, opening=o),
    ),
]


def _review(w: World) -> int:
    from store.core.models import PlanReview

    with w.store.database.reading():
        found = PlanReview.select(PlanReview.id).where(PlanReview.plan == w.plan_id).scalar()
    if found is None:
        plan = w.store.plans.get(w.me, w.plan_id)
        data = {"held_on": "20/11/2026", "client_present": "yes", "client_views": "OK."}
        for g in plan.open_goals:
            data |= {
                f"rating_{g.id}": "progressing",
                f"evidence_{g.id}": "Seen.",
                f"decision_{g.id}": "continue",
            }
        found = w.store.plans.review(w.me, w.plan_id, data).id
    return int(found)


@pytest.mark.parametrize(
    ("action", "kind", "record", "read"), READS, ids=[f"{r[0]}-{i}" for i, r in enumerate(READS)]
)
def test_opening_a_record_adds_one_row_and_reading_it_again_none(
    world: World, action: str, kind: str, record: Callable[[World], int | None], read: Read
) -> None:
    _review(world)  # written before counting
    before = _newest(world.store)
    read(world, False)  # a reload, a tab, a colleague's change shown
    assert _since(world.store, before) == []
    read(world, True)
    assert _since(world.store, before) == [
        (action, kind, record(world), world.case.id, "sam.okafor", True)
    ]


def test_an_opening_names_where_it_came_from(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.5 52000 10.0.0.1 22")
    world.store.notes.get(world.me, world.note_id, opening=True)
    with world.store.database.reading():
        newest = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (newest.action, newest.origin) == ("note-opened", "ssh 10.0.0.5")
