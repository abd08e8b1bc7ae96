"""Who may do what to a case: every role against a case that is their own, their team's,
another team's and nobody's, through the real service calls (role x record x action).

The expected table is written out here, not read from ``store.core.permissions``, so a change
to the rules has to be made in both places on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from store.assessments.models import Assessment
from store.common.errors import NotFound, NotPermitted, StoreError
from store.common.records import WorkerInfo
from store.core.models import AuditEvent, Case
from store.referrals.models import Referral
from store.service import Store
from tests.conftest import Prebuilt, new_database
from tests.store.test_plans import GOOD_GOAL

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

ADMIN_PASSPHRASE = "the admin's passphrase"
ROLES = ("worker", "supervisor", "manager", "auditor", "administrator")
RELATIONS = ("own", "team", "other", "unallocated")

# What each role may do to a case standing so to them: R read, W write, M manage.
EXPECTED = {
    "worker": {"own": "RWM", "team": "", "other": "", "unallocated": ""},
    "supervisor": {"own": "RWM", "team": "RWM", "other": "", "unallocated": "RWM"},
    "manager": {"own": "RWM", "team": "RWM", "other": "RWM", "unallocated": "RWM"},
    "auditor": {"own": "R", "team": "R", "other": "R", "unallocated": "R"},
    "administrator": {"own": "", "team": "", "other": "", "unallocated": ""},
}

NOTE = {"contact_at": "today 9:30", "note_type": "home visit", "body": "Visited at home."}
REFERRAL = {
    "agency": "Food bank",
    "referred_on": "2/6/2026",
    "reason": "No food",
    "shared": "Name and address",
    "lawful_reason": "Safeguarding",
}
EDITED_REFERRAL = {k: v for k, v in REFERRAL.items() if k != "lawful_reason"}
CHASE = {"chased_on": "today", "method": "phone", "contacted": "Duty desk"}
INCOMING = {"source": "self", "reason": "Asked for help", "received_on": "1/6/2026"}
TASK = {"title": "Ring the school", "due_on": "+1w"}
CONSENT = {"share_what": "Housing needs", "recipient": "Northside Housing", "given_on": "today"}

Action = Callable[[Store, WorkerInfo, int, dict[str, int]], Any]


def _summary_versions(s: Store, a: WorkerInfo, c: int, r: dict[str, int]) -> Any:
    return s.case_file.summary_versions(a, c, opening=True)


# (what, access, the call). Each reaches the record its own way: by the case, the client, a
# note, an entry, a plan, a goal, a meeting, a contact or a professional of that case.
ACTIONS: list[tuple[str, str, Action]] = [
    ("open the case file", "R", lambda s, a, c, r: s.case_file.view(a, c, opening=True)),
    ("read the case", "R", lambda s, a, c, r: s.cases.get(a, c)),
    ("read the client", "R", lambda s, a, c, r: s.case_file.client(a, r["client"])),
    ("read the network", "R", lambda s, a, c, r: s.case_file.contacts(a, r["client"])),
    ("read the notes", "R", lambda s, a, c, r: s.notes.for_case(a, c)),
    ("open a note", "R", lambda s, a, c, r: s.notes.get(a, r["note"], opening=True)),
    ("read the chronology", "R", lambda s, a, c, r: s.chronology.entries(a, c)),
    ("open an entry", "R", lambda s, a, c, r: s.chronology.entry(a, r["entry"])),
    ("read the plan", "R", lambda s, a, c, r: s.plans.get(a, r["plan"], opening=True)),
    ("read the meetings", "R", lambda s, a, c, r: s.conferences.meetings(a, c)),
    ("read minutes", "R", lambda s, a, c, r: s.conferences.minutes(a, r["meeting"])),
    ("read summaries", "R", _summary_versions),
    ("read the history", "R", lambda s, a, c, r: s.case_file.case_history_lines(a, c)),
    ("read one record's history", "R", lambda s, a, c, r: s.case_file.history(a, "case", c)),
    ("read the handover pack", "R", lambda s, a, c, r: s.handover.pack(a, c)),
    ("write a note", "W", lambda s, a, c, r: s.notes.finalise(a, c, NOTE)),
    ("keep a draft", "W", lambda s, a, c, r: s.notes.save_draft(a, c, NOTE)),
    (
        "amend a note",
        "W",
        lambda s, a, c, r: s.notes.amend(a, r["note"], reason="Wrong day", body="Tuesday."),
    ),
    (
        "add to the chronology",
        "W",
        lambda s, a, c, r: s.chronology.add(
            a, c, {"occurred_on": "1/6/2026", "title": "Moved", "category": "housing"}
        ),
    ),
    (
        "annotate an entry",
        "W",
        lambda s, a, c, r: s.chronology.annotate(a, r["entry"], "Matters.", version=1),
    ),
    ("write the summary", "W", lambda s, a, c, r: s.case_file.save_summary(a, c, "Summary.")),
    (
        "change the client",
        "W",
        lambda s, a, c, r: s.case_file.update_client(
            a, r["client"], {"phone": "0161 496 0000"}, version=1
        ),
    ),
    (
        "add to the network",
        "W",
        lambda s, a, c, r: s.case_file.add_contact(a, r["client"], {"name": "Jo Smith"}),
    ),
    (
        "add a professional",
        "W",
        lambda s, a, c, r: s.case_file.add_professional(a, c, {"name": "Dr Patel"}),
    ),
    ("add a goal", "W", lambda s, a, c, r: s.plans.add_goal(a, r["plan"], GOOD_GOAL)),
    ("start a meeting", "W", lambda s, a, c, r: s.conferences.start(a, c)),
    ("read the assessments", "R", lambda s, a, c, r: s.assessments.overview(a, c)),
    ("open an assessment", "R", lambda s, a, c, r: s.assessments.get(a, r["assessment"])),
    (
        "compare assessments",
        "R",
        lambda s, a, c, r: s.assessments.compare(a, r["assessment"], r["assessment_draft"]),
    ),
    ("read the ratings over time", "R", lambda s, a, c, r: s.assessments.ratings(a, c)),
    (
        "save a draft assessment",
        "W",
        lambda s, a, c, r: s.assessments.save_draft(
            a, r["assessment_draft"], {"summary": "Settled."}, version=1
        ),
    ),
    (
        "finalise an assessment",
        "W",
        lambda s, a, c, r: s.assessments.finalise(
            a, r["assessment_draft"], version=_assessment_version(s, r["assessment_draft"])
        ),
    ),
    (
        "amend an assessment",
        "W",
        lambda s, a, c, r: s.assessments.amend(a, r["assessment"], reason="Typo", body="Rent."),
    ),
    ("start an assessment", "W", lambda s, a, c, r: s.assessments.start(a, c, copy_last=True)),
    ("read the referrals", "R", lambda s, a, c, r: s.referrals.for_case(a, c)),
    ("search the case's records", "R", lambda s, a, c, r: s.search.search(a, "visit", case_id=c)),
    ("open a referral", "R", lambda s, a, c, r: s.referrals.get(a, r["referral"], opening=True)),
    ("make a referral", "W", lambda s, a, c, r: s.referrals.create(a, c, REFERRAL)),
    (
        "change a referral's status",
        "W",
        lambda s, a, c, r: s.referrals.change_status(
            a, r["referral"], {"status": "accepted"}, version=1
        ),
    ),
    (
        "correct a referral's details",
        "W",
        lambda s, a, c, r: s.referrals.edit(
            a,
            r["referral"],
            {**EDITED_REFERRAL, "reason": "No food, no money", "why": "Typo"},
            version=_referral_version(s, r["referral"]),
        ),
    ),
    ("chase a referral", "W", lambda s, a, c, r: s.referrals.chase(a, r["referral"], CHASE)),
    ("record a referral in", "W", lambda s, a, c, r: s.referrals.add_incoming(a, c, INCOMING)),
    (
        "decide a referral in",
        "W",
        lambda s, a, c, r: s.referrals.update_incoming(
            a, r["incoming"], {**INCOMING, "decision": "allocated"}, version=1
        ),
    ),
    (
        "read the closure checklist",
        "R",
        lambda s, a, c, r: s.cases.closure_checklist(a, c, opening=True),
    ),
    (
        "tick the closure checklist",
        "M",
        lambda s, a, c, r: s.cases.mark_closure_item(
            a, c, "achievements", {"state": "done"}, version=0
        ),
    ),
    ("read the consents", "R", lambda s, a, c, r: s.consent.for_case(a, c)),
    ("read a consent's history", "R", lambda s, a, c, r: s.consent.history(a, r["consent"])),
    ("read the sharing log", "R", lambda s, a, c, r: s.consent.sharing_log(a, c)),
    (
        "log a sharing with an export",
        "R",
        lambda s, a, c, r: s.consent.share(
            a,
            c,
            recipient="Family court",
            what="Handover pack",
            consent_id=None,
            lawful_reason="Court order",
            source="export",
        ),
    ),
    ("record a consent", "W", lambda s, a, c, r: s.consent.add(a, c, CONSENT)),
    (
        "change a consent",
        "W",
        lambda s, a, c, r: s.consent.update(a, r["consent"], {"how": "verbal"}, version=1),
    ),
    (
        "withdraw a consent",
        "W",
        lambda s, a, c, r: s.consent.withdraw(
            a, r["consent2"], {"withdrawn_on": "today", "reason": "Asked to stop"}, version=1
        ),
    ),
    ("read the tasks", "R", lambda s, a, c, r: s.reminders.tasks(a, c)),
    ("read a task", "R", lambda s, a, c, r: s.reminders.task(a, r["task"])),
    ("read the record's health", "R", lambda s, a, c, r: s.reminders.health(a, c)),
    ("add a task", "W", lambda s, a, c, r: s.reminders.add_task(a, c, TASK)),
    (
        "do a task",
        "W",
        lambda s, a, c, r: s.reminders.done(a, r["task"], {"note": "Rang them."}, version=1),
    ),
    (
        "move a task",
        "W",
        lambda s, a, c, r: s.reminders.move(
            a, r["task2"], {"due_on": "+2w", "reason": "School closed"}, version=1
        ),
    ),
    (
        "close the case",
        "M",
        lambda s, a, c, r: s.cases.close(
            a,
            c,
            {"reason": "work completed", "open_items_reason": "Client moved away suddenly"},
            version=_case_version(s, c),
        ),
    ),
]


def _assessment_version(store: Store, assessment_id: int) -> int:
    with store.database.reading():
        return int(Assessment.get_by_id(assessment_id).version)


def _referral_version(store: Store, referral_id: int) -> int:
    with store.database.reading():
        return int(Referral.get_by_id(referral_id).version)


def _case_version(store: Store, case_id: int) -> int:
    with store.database.reading():
        return int(Case.get_by_id(case_id).version)


def staffed(store: Store) -> dict[str, WorkerInfo]:
    """One of each role in team North, a worker of team South, and who holds which case."""
    admin = store.workers.init_administrator("ada.admin", "Ada Admin", ADMIN_PASSPHRASE)
    people = {"administrator": admin}
    for login, role, team in (
        ("wes.worker", "worker", "North"),
        ("sue.super", "supervisor", "North"),
        ("meg.manager", "manager", "North"),
        ("aud.auditor", "auditor", "North"),
        ("nia.north", "worker", "North"),
        ("sol.south", "worker", "South"),
    ):
        people[login] = store.workers.add(admin, login=login, role=role, team=team)
    return people


ACTOR = {
    "worker": "wes.worker",
    "supervisor": "sue.super",
    "manager": "meg.manager",
    "auditor": "aud.auditor",
    "administrator": "administrator",
}


def build(path: Path, role: str, relation: str) -> tuple[Store, WorkerInfo, int, dict[str, Any]]:
    """A database where the case stands to an actor of ``role`` as ``relation`` says, with a
    note, an entry, a plan with a goal and a meeting, all made by whoever holds it."""
    store = Store.open(path)
    people = staffed(store)
    actor = people[ACTOR[role]]
    holder = {
        "own": people["nia.north"],  # reallocated to the actor below
        "team": people["nia.north"],
        "other": people["sol.south"],
        "unallocated": people["nia.north"],
    }[relation]
    case = store.cases.create(holder, {"client_name": "Dana Reyes", "allocated_on": "1/6/2026"})
    note = store.notes.finalise(
        holder, case.id, {**NOTE, "significant": "yes", "chronology_title": "Visit"}
    )
    entry = store.chronology.add(
        holder, case.id, {"occurred_on": "2/6/2026", "title": "School", "category": "education"}
    )
    plan = store.plans.start(
        holder, case.id, {"started_on": "1/6/2026", "review_interval": "6 weeks"}
    )
    meeting = store.conferences.start(holder, case.id)
    begun = store.assessments.start(holder, case.id)
    store.assessments.save_draft(
        holder, begun.id, {"summary": "Arrears.", "d4_rating": "high need"}, version=1
    )
    assessment = store.assessments.finalise(holder, begun.id, version=2)
    assessment_draft = store.assessments.start(holder, case.id, copy_last=True)
    referral = store.referrals.create(holder, case.id, REFERRAL)
    incoming = store.referrals.add_incoming(holder, case.id, INCOMING)
    consents = [store.consent.add(holder, case.id, CONSENT).id for _ in range(2)]
    tasks = [store.reminders.add_task(holder, case.id, TASK).id for _ in range(2)]
    with store.database.writing():
        if relation == "own":
            Case.update(worker=actor.id).where(Case.id == case.id).execute()
        elif relation == "unallocated":
            Case.update(worker=None).where(Case.id == case.id).execute()
    records = {
        "client": case.client_id,
        "note": note.id,
        "entry": entry.id,
        "plan": plan.id,
        "meeting": meeting.id,
        "assessment": assessment.id,
        "assessment_draft": assessment_draft.id,
        "referral": referral.id,
        "incoming": incoming.id,
        "consent": consents[0],
        "consent2": consents[1],
        "task": tasks[0],
        "task2": tasks[1],
        "relation": relation,
    }
    return store, actor, case.id, records


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_every_kind_of_case(
    tmp_path: Path, prebuilt: Prebuilt, role: str, relation: str
) -> None:
    store, actor, case_id, records = build(
        prebuilt(tmp_path / "roles.db", new_database), role, relation
    )
    try:
        allowed = EXPECTED[role][relation]
        outcomes = {}
        for what, _, call in ACTIONS:
            try:
                call(store, actor, case_id, records)
            except NotPermitted:
                outcomes[what] = "refused"
            except StoreError as exc:  # let through, then refused for something else
                outcomes[what] = f"failed: {exc}"
            else:
                outcomes[what] = "done"
        expected = {
            what: ("done" if access in allowed else "refused") for what, access, _ in ACTIONS
        }
        assert outcomes == expected
    finally:
        store.close()


@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_only_the_cases_a_role_may_read(
    tmp_path: Path, prebuilt: Prebuilt, role: str
) -> None:
    store = Store.open(prebuilt(tmp_path / "lists.db", new_database))
    try:
        people = staffed(store)
        for login in ("wes.worker", "nia.north", "sol.south", "sue.super"):
            store.cases.create(people[login], {"client_name": f"Client of {login}"})
        actor = people[ACTOR[role]]
        every = {row.client_name for row in store.cases.caseload(actor, scope="all")}
        found = {row.client_name for row in store.cases.find(actor, "client of")}
        expected = {
            "worker": {"Client of wes.worker"},
            "supervisor": {
                "Client of wes.worker",
                "Client of nia.north",
                "Client of sue.super",
            },
            "manager": {
                f"Client of {p}" for p in ("wes.worker", "nia.north", "sol.south", "sue.super")
            },
            "auditor": {
                f"Client of {p}" for p in ("wes.worker", "nia.north", "sol.south", "sue.super")
            },
            "administrator": set(),
        }[role]
        assert every == expected
        assert found == expected
    finally:
        store.close()


def test_a_refusal_says_whom_to_ask_and_is_audited(tmp_path: Path, prebuilt: Prebuilt) -> None:
    store, actor, case_id, _ = build(
        prebuilt(tmp_path / "refused.db", new_database), "worker", "team"
    )
    try:
        with pytest.raises(NotPermitted, match="is Nia North's: ask them or their supervisor"):
            store.case_file.view(actor, case_id, opening=True)
        with store.database.reading():
            refusals = list(
                AuditEvent.select().where(
                    AuditEvent.action == "access-refused", AuditEvent.worker == actor.id
                )
            )
        assert [(e.case_id, e.record_kind) for e in refusals] == [(case_id, "case")]
        assert "CaseFileService.view" in refusals[0].detail
    finally:
        store.close()


def test_a_role_changed_by_an_administrator_applies_at_once(
    tmp_path: Path, prebuilt: Prebuilt
) -> None:
    store, actor, case_id, _ = build(
        prebuilt(tmp_path / "changed.db", new_database), "worker", "team"
    )
    try:
        admin = store.workers.named("ada.admin")
        store.workers.set_role(admin, "wes.worker", "supervisor")
        assert store.case_file.view(actor, case_id).detail.id == case_id  # same WorkerInfo
        store.workers.deactivate(admin, "wes.worker")
        with pytest.raises(NotPermitted, match="signed-in, active worker"):
            store.cases.get(actor, case_id)
    finally:
        store.close()


def test_a_missing_record_is_not_found_rather_than_refused(
    tmp_path: Path, prebuilt: Prebuilt
) -> None:
    store, actor, _, _ = build(prebuilt(tmp_path / "missing.db", new_database), "worker", "own")
    try:
        for call in (
            lambda: store.cases.get(actor, 999),
            lambda: store.notes.get(actor, 999),
            lambda: store.case_file.contacts(actor, 999),
            lambda: store.plans.update_goal(actor, 999, {}, version=1),
        ):
            with pytest.raises(NotFound):
                call()
    finally:
        store.close()


def test_only_practitioners_open_cases_and_only_for_whom_they_may_allocate(
    tmp_path: Path,
    prebuilt: Prebuilt,
) -> None:
    store = Store.open(prebuilt(tmp_path / "create.db", new_database))
    try:
        people = staffed(store)
        for login in ("aud.auditor", "administrator"):
            with pytest.raises(NotPermitted, match="doesn't open cases"):
                store.cases.create(people[login], {"client_name": "Lee Chan"})
            with pytest.raises(NotPermitted):
                store.cases.possible_duplicates(people[login], "Lee Chan")
        with pytest.raises(NotPermitted, match="can't allocate a case to Nia North"):
            store.cases.create(
                people["wes.worker"], {"client_name": "Lee Chan", "worker": "nia.north"}
            )
        made = store.cases.create(
            people["sue.super"], {"client_name": "Lee Chan", "worker": "nia.north"}
        )
        assert made.worker_name == "Nia North"
        with pytest.raises(NotPermitted, match="can't allocate a case to Sol South"):
            store.cases.create(
                people["sue.super"], {"client_name": "Kim Ode", "worker": "sol.south"}
            )
        # Anyone who may open a case learns that a possible duplicate exists and who holds it.
        found = store.cases.possible_duplicates(people["sol.south"], "Lee Chan")
        assert [(c.name, c.cases[0][3]) for c in found] == [("Lee Chan", "Nia North")]
    finally:
        store.close()
