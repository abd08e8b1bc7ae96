"""A team's caseloads for supervision: who may see them, whose are shown, and the counts,
which follow the caseload's own flags."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from store.common.errors import NotPermitted
from store.common.records import WorkerInfo
from store.core.models import Case
from store.service import Store

ADMIN_PASSPHRASE = "the admin's passphrase"


def staffed(store: Store) -> dict[str, WorkerInfo]:
    """An administrator and five workers: two teams of two, and a manager and an auditor."""
    admin = store.workers.init_administrator("admin", "Ada Admin", ADMIN_PASSPHRASE)
    people = {"admin": admin}
    for login, role, team in (
        ("sue.super", "supervisor", "North"),
        ("nia.north", "worker", "North"),
        ("sam.south", "worker", "South"),
        ("meg.manager", "manager", ""),
        ("ari.auditor", "auditor", ""),
        ("ned.noteam", "supervisor", ""),
    ):
        people[login] = store.workers.add(admin, login=login, role=role, team=team)
    return people


def case_for(store: Store, worker: WorkerInfo, name: str, **columns: object) -> int:
    case = store.cases.create(worker, {"client_name": name, "allocated_on": "2026-01-05"})
    if columns:
        with store.database.writing():
            Case.update(**columns).where(Case.id == case.id).execute()  # type: ignore[arg-type]
    return case.id


def test_a_supervisor_sees_their_team_counted_by_the_caseloads_flags(store: Store) -> None:
    people = staffed(store)
    nia, sue = people["nia.north"], people["sue.super"]
    recent = datetime(2026, 11, 22, 9, 0)  # the day before the frozen "today"
    case_for(store, nia, "Aisha Bello", last_contact_at=recent)  # nothing needed
    case_for(store, nia, "Ben Cole")  # no note since allocated in January: "contact"
    case_for(
        store, nia, "Cara Dunn", last_contact_at=recent, next_review_on=date(2026, 11, 1)
    )  # the plan's review is overdue
    case_for(
        store, nia, "Dev Eze", last_contact_at=recent, next_action_due_on=date(2026, 11, 20)
    )  # a conference action is overdue
    case_for(store, nia, "Eve Fox", status="referral")
    case_for(store, nia, "Old Case", status="closed", closed_on=date(2025, 1, 1))
    case_for(store, people["sam.south"], "Sam's Client")
    load = store.cases.team_load(sue)
    assert load.team == "North"
    assert [w.login for w in load.workers] == ["nia.north", "sue.super"]
    nia_load = load.workers[0]
    assert (nia_load.open_cases, nia_load.referrals) == (4, 1)
    assert (nia_load.no_recent_note, nia_load.reviews_overdue, nia_load.actions_overdue) == (
        1,
        1,
        1,
    )
    assert nia_load.needing_attention == 3
    assert load.workers[1].open_cases == 0


def test_managers_and_auditors_see_everyone_and_workers_see_nothing(store: Store) -> None:
    people = staffed(store)
    case_for(store, people["sam.south"], "Sam's Client")
    everyone = {p.username for p in people.values()}
    for reader in ("meg.manager", "ari.auditor"):
        load = store.cases.team_load(people[reader])
        assert load.team == "" and {w.login for w in load.workers} == everyone
        assert load.workers[0].login == "sam.south"  # the busiest first
    for refused in ("nia.north", "admin"):
        with pytest.raises(NotPermitted, match="supervisors, managers and auditors"):
            store.cases.team_load(people[refused])
    with pytest.raises(NotPermitted, match="no team"):
        store.cases.team_load(people["ned.noteam"])


def test_a_deactivated_worker_is_left_out(store: Store) -> None:
    people = staffed(store)
    store.workers.deactivate(people["admin"], "nia.north")
    load = store.cases.team_load(people["sue.super"])
    assert [w.login for w in load.workers] == ["sue.super"]


def test_a_role_taken_away_since_signing_in_is_refused(store: Store) -> None:
    people = staffed(store)
    store.workers.set_role(people["admin"], "sue.super", "worker")
    with pytest.raises(NotPermitted):
        store.cases.team_load(people["sue.super"])  # the WorkerInfo still says supervisor
