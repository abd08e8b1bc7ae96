"""Two people editing the same record: the second save from the same version is refused, says
whose change came first and when, carries what the record says now, and can be sent again on
top of that version deliberately."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from store.cases.records import CaseDetail
from store.common.errors import Conflict
from store.common.records import WorkerInfo
from store.core import migrations
from store.core.db import Database
from store.plans.records import PlanInfo
from store.service import Store
from tests.store.test_chronology import entry
from tests.store.test_conferences import gp, minutes, sister  # noqa: F401  (fixtures)
from tests.store.test_plans import GOOD_GOAL

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]
WHEN = "(23 Nov 2026 10:00)"  # the frozen clock, in local time


@pytest.fixture
def case(make_case: MakeCase) -> CaseDetail:
    return make_case(client_name="Dana Reyes", allocated_on="1/6/2026")


@pytest.fixture
def plan(store: Store, me: WorkerInfo, case: CaseDetail) -> PlanInfo:
    return store.plans.start(me, case.id, {"started_on": "1/9/2026", "review_interval": "6 weeks"})


def refused(save: Callable[[], Any]) -> Conflict:
    with pytest.raises(Conflict) as caught:
        save()
    return caught.value


def assert_names_priya(conflict: Conflict, what: str) -> None:
    assert str(conflict).startswith(f"Priya Nair {what} {WHEN}"), str(conflict)
    assert conflict.changed_by == "Priya Nair"
    assert conflict.changed_at is not None


# --- the case summary --------------------------------------------------------------------------


def test_summary_saved_from_an_older_version_is_refused(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    first = store.case_file.save_summary(me, case.id, "## Background\n\nReferred by the GP.")
    theirs = store.case_file.save_summary(other, case.id, "Priya's summary", base=first.id)
    conflict = refused(
        lambda: store.case_file.save_summary(me, case.id, "Sam's summary", base=first.id)
    )
    assert_names_priya(conflict, "saved a new version of the summary")
    assert conflict.current == {"body": "Priya's summary"}
    assert conflict.version == theirs.id
    assert store.case_file.summary(me, case.id) == theirs
    # Having seen theirs, saving again on top of it is deliberate, and both versions stay.
    mine = store.case_file.save_summary(me, case.id, "Sam's summary", base=conflict.version)
    assert [v.body for v in store.case_file.summary_versions(me, case.id)] == [
        "Sam's summary",
        "Priya's summary",
        "## Background\n\nReferred by the GP.",
    ]
    assert mine.author_name == "Sam Okafor"


def test_first_summary_written_by_two_people_at_once(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    store.case_file.save_summary(other, case.id, "Priya's", base=None)
    conflict = refused(lambda: store.case_file.save_summary(me, case.id, "Sam's", base=None))
    assert_names_priya(conflict, "saved a new version of the summary")
    assert store.case_file.summary(me, case.id).body == "Priya's"  # type: ignore[union-attr]


def test_summary_with_the_same_text_as_now_is_not_a_conflict(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    theirs = store.case_file.save_summary(other, case.id, "Agreed wording", base=None)
    assert store.case_file.save_summary(me, case.id, "Agreed wording", base=None) == theirs


# --- the case file -----------------------------------------------------------------------------


def test_client_details(store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail) -> None:
    opened = store.case_file.client(me, case.client_id)
    store.case_file.update_client(
        other, case.client_id, {"phone": "07700 900123"}, version=opened.version
    )
    conflict = refused(
        lambda: store.case_file.update_client(
            me, case.client_id, {"phone": "07700 900456"}, version=opened.version
        )
    )
    assert_names_priya(conflict, "changed this client's details")
    assert conflict.current["phone"] == "07700 900123"
    assert conflict.current["name"] == "Dana Reyes"
    saved = store.case_file.update_client(
        me, case.client_id, {"phone": "07700 900456"}, version=conflict.version
    )
    assert saved.phone == "07700 900456"


def test_contact(store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail) -> None:
    contact = store.case_file.add_contact(me, case.client_id, {"name": "Rosa Reyes"})
    store.case_file.update_contact(
        other, contact.id, {"phone": "07700 900123"}, version=contact.version
    )
    conflict = refused(
        lambda: store.case_file.update_contact(
            me, contact.id, {"notes": "Mine"}, version=contact.version
        )
    )
    assert_names_priya(conflict, "changed this contact")
    assert (conflict.current["name"], conflict.current["phone"]) == ("Rosa Reyes", "07700 900123")
    assert conflict.version is not None
    saved = store.case_file.update_contact(
        me, contact.id, {"notes": "Mine"}, version=conflict.version
    )
    assert (saved.phone, saved.notes) == ("07700 900123", "Mine")


def test_contact_removed_meanwhile_cannot_be_saved_over(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    contact = store.case_file.add_contact(me, case.client_id, {"name": "Rosa Reyes"})
    store.case_file.remove_contact(other, contact.id, version=contact.version)
    conflict = refused(
        lambda: store.case_file.update_contact(
            me, contact.id, {"notes": "x"}, version=contact.version
        )
    )
    assert_names_priya(conflict, "removed this contact from the support network")
    assert conflict.version is None


def test_professional(store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail) -> None:
    pro = store.case_file.add_professional(
        me, case.id, {"name": "Dr Amir Khan", "started_on": "1/6/2026"}
    )
    store.case_file.update_professional(other, pro.id, {"role": "GP"}, version=pro.version)
    conflict = refused(
        lambda: store.case_file.update_professional(
            me, pro.id, {"role": "Doctor"}, version=pro.version
        )
    )
    assert_names_priya(conflict, "changed this professional's details")
    assert (conflict.current["role"], conflict.current["started_on"]) == ("GP", "01 Jun 2026")


# --- the chronology ----------------------------------------------------------------------------


def test_manual_chronology_entry(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    item = store.chronology.add(me, case.id, entry())
    store.chronology.update(other, item.id, {"title": "Police attended"}, version=1)
    conflict = refused(lambda: store.chronology.update(me, item.id, {"title": "Mine"}, version=1))
    assert_names_priya(conflict, "changed this chronology entry")
    assert conflict.current["title"] == "Police attended"
    assert conflict.current["occurred_on"] == "03 Nov 2026"


def test_analysis_of_an_automatic_entry(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    (auto,) = store.chronology.entries(me, case.id)
    store.chronology.annotate(other, auto.id, "Priya's analysis", version=auto.version)
    conflict = refused(
        lambda: store.chronology.annotate(me, auto.id, "Sam's", version=auto.version)
    )
    assert_names_priya(conflict, "changed this chronology entry")
    assert conflict.current["analysis"] == "Priya's analysis"
    assert conflict.version is not None
    saved = store.chronology.annotate(me, auto.id, "Sam's", version=conflict.version)
    assert saved.analysis == "Sam's"


# --- the service plan --------------------------------------------------------------------------


def test_goal_reworded_by_two_people(
    store: Store, me: WorkerInfo, other: WorkerInfo, plan: PlanInfo
) -> None:
    goal = store.plans.add_goal(me, plan.id, GOOD_GOAL)
    store.plans.update_goal(other, goal.id, {**GOOD_GOAL, "target": "2 of 3"}, version=goal.version)
    conflict = refused(
        lambda: store.plans.update_goal(
            me, goal.id, {**GOOD_GOAL, "target": "4"}, version=goal.version
        )
    )
    assert_names_priya(conflict, "changed goal 1")
    assert conflict.current["target"] == "2 of 3"
    assert conflict.current["client_agreed"] == "yes"


def test_action_status_changed_by_two_people(
    store: Store, me: WorkerInfo, other: WorkerInfo, plan: PlanInfo
) -> None:
    goal = store.plans.add_goal(me, plan.id, GOOD_GOAL)
    action = store.plans.add_action(
        me, goal.id, {"what": "Book", "owner": "worker", "due_on": "+1w"}
    )
    form = {"what": "Book", "owner": "worker", "due_on": "+1w"}
    store.plans.update_action(
        other, action.id, {**form, "status": "done", "status_note": "Booked"}, version=1
    )
    conflict = refused(
        lambda: store.plans.update_action(me, action.id, {**form, "status": "dropped"}, version=1)
    )
    assert_names_priya(conflict, "changed this action")
    assert (conflict.current["status"], conflict.current["status_note"]) == ("done", "Booked")


def test_plan_schedule_changed_by_two_people(
    store: Store, me: WorkerInfo, other: WorkerInfo, plan: PlanInfo
) -> None:
    form = {"started_on": "1/9/2026"}
    store.plans.update_schedule(
        other, plan.id, {**form, "review_interval": "3 months"}, version=plan.version
    )
    conflict = refused(
        lambda: store.plans.update_schedule(
            me, plan.id, {**form, "review_interval": "monthly"}, version=plan.version
        )
    )
    assert_names_priya(conflict, "changed this plan's start and reviews")
    assert conflict.current["review_interval"] == "3 months"
    assert conflict.current["started_on"] == "01 Sep 2026"


# --- draft minutes -----------------------------------------------------------------------------


def test_draft_minutes_saved_by_two_people(
    store: Store,
    me: WorkerInfo,
    other: WorkerInfo,
    case: CaseDetail,
    minutes: dict[str, Any],  # noqa: F811
) -> None:
    draft = store.conferences.start(me, case.id)
    store.conferences.save(other, draft.id, minutes, version=draft.version)
    conflict = refused(
        lambda: store.conferences.save(me, draft.id, {"place": "Mine"}, version=draft.version)
    )
    assert_names_priya(conflict, "saved these minutes")
    assert "Hillside Family Centre, room 2" in conflict.current["minutes"]
    assert conflict.version is not None
    saved = store.conferences.save(me, draft.id, {"place": "Mine"}, version=conflict.version)
    assert saved.place == "Mine"


def test_next_meeting_of_finalised_minutes_set_by_two_people(
    store: Store,
    me: WorkerInfo,
    other: WorkerInfo,
    case: CaseDetail,
    minutes: dict[str, Any],  # noqa: F811
) -> None:
    from tests.store.test_conferences import final

    done = final(store, me, case.id, minutes)
    store.conferences.set_next_meeting(
        other, done.id, {"next_meeting_on": "8/1/2027"}, version=done.version
    )
    conflict = refused(
        lambda: store.conferences.set_next_meeting(
            me, done.id, {"next_meeting_on": "15/1/2027"}, version=done.version
        )
    )
    assert_names_priya(conflict, "changed these minutes")
    assert conflict.current == {"next_meeting_on": "08 Jan 2027"}


def test_meeting_action_marked_done_by_two_people(
    store: Store,
    me: WorkerInfo,
    other: WorkerInfo,
    case: CaseDetail,
    minutes: dict[str, Any],  # noqa: F811
) -> None:
    from tests.store.test_conferences import final

    action = final(store, me, case.id, minutes).actions[0]
    store.conferences.set_action_status(
        other, action.id, {"status": "done", "note": "Emailed"}, version=action.version
    )
    conflict = refused(
        lambda: store.conferences.set_action_status(
            me, action.id, {"status": "done", "note": "Posted"}, version=action.version
        )
    )
    assert_names_priya(conflict, "changed this action")
    assert conflict.current == {"status": "done", "note": "Emailed"}


def test_draft_minutes_from_a_version_7_database_name_who_started_them(db_path: Path) -> None:
    database = Database(db_path)
    database.bind()
    stamp = "2026-11-20 09:00:00"
    with database.writing() as db:
        migrations.upgrade(db, str(db_path), target=7)
        for worker_id, username, name in ((1, "sam.okafor", "Sam Okafor"), (2, "jo", "Jo Marsh")):
            db.execute_sql(
                "INSERT INTO worker (id, username, display_name, role, active, created_at, "
                "updated_at) VALUES (?, ?, ?, 'worker', 1, ?, ?)",
                (worker_id, username, name, stamp, stamp),
            )
        db.execute_sql(
            "INSERT INTO client (id, name, name_key, address, phone, language, identifiers,"
            " created_at, updated_at, version) VALUES (1, 'Ada Byron', 'ada byron', '', '', '',"
            " '', ?, ?, 1)",
            (stamp, stamp),
        )
        db.execute_sql(
            'INSERT INTO "case" (id, ref, client_id, status, worker_id, allocated_on, opened_on,'
            " closure_reason, closing_summary, has_plan, created_at, updated_at, version) VALUES"
            " (1, 'CL-2026-0001', 1, 'open', 1, '2026-01-05', '2026-01-05', '', '', 0, ?, ?, 1)",
            (stamp, stamp),
        )
        db.execute_sql(
            "INSERT INTO conference (id, case_id, status, place, conference_type, chair,"
            " minute_taker, client_attended, client_views, information_shared, decisions,"
            " created_at, created_by_id, updated_at, version) VALUES (1, 1, 'draft', 'Room 2',"
            " '', '', '', 0, '', '', '', ?, 2, ?, 3)",
            (stamp, stamp),
        )
    database.close()
    store = Store.open(db_path)
    try:
        assert store.schema_version() == migrations.LATEST >= 8
        me = store.workers.ensure("sam.okafor")
        conflict = refused(lambda: store.conferences.save(me, 1, {"place": "Mine"}, version=2))
        assert str(conflict).startswith("Jo Marsh saved these minutes (20 Nov 2026 09:00)")
        assert "Room 2" in conflict.current["minutes"]
        assert store.conferences.save(me, 1, {"place": "Mine"}, version=3).place == "Mine"
    finally:
        store.close()
