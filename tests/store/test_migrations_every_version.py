"""A database left at every earlier schema version, with data, is upgraded by ``Store.open``.

For each version N from 1 to today's, a real SQLite file is built by the migration runner
stopped at N, filled with raw SQL (the models describe only today's schema) with what a worker
would have had in it then, and opened. Everything inserted must still be there, read back both
as raw rows and through the store, the records the database guards stay guarded, and a second
open changes nothing.

A new migration needs a builder here (``BUILDERS``) and a reading check (``CHECKS``): the first
test below fails until it has them.
"""

from __future__ import annotations

import hashlib
import json
import pkgutil
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from store.core import migrations, seal
from store.core.migrations import m0010_integrity
from store.service import Store
from store.workers import passphrases

VERSIONS = [version for version, _description, _step in migrations.STEPS]

FINAL_NOTE = "a finalised note is a record"
FINAL_MINUTES = "finalised minutes are a record"
KEPT = "are kept as written"
ENDED_PLAN = "an earlier service plan is kept as it was"
AUDIT = "the audit trail is kept as written"
AUTOMATIC_ENTRY = "an automatic chronology entry is a record"


@dataclass(frozen=True)
class Guarded:
    """A finalised record: the database must refuse to change ``column`` (and to delete it)."""

    table: str
    id: int
    column: str
    message: str
    delete: bool = True
    update: bool = True


@dataclass
class Built:
    """What the builders inserted, as the rows should read back after the upgrade."""

    db: pw.Database
    rows: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    guarded: list[Guarded] = field(default_factory=list)

    def insert(self, table: str, /, **values: Any) -> None:
        columns = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        self.db.execute_sql(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(values.values())
        )
        self.rows[(table, values["id"])] = dict(values)

    def update(self, table: str, row_id: int, /, **values: Any) -> None:
        assignments = ", ".join(f'"{c}" = ?' for c in values)
        self.db.execute_sql(
            f'UPDATE "{table}" SET {assignments} WHERE id = ?', (*values.values(), row_id)
        )
        self.rows[(table, row_id)].update(values)

    def guard(self, table: str, row_id: int, column: str, message: str, **kw: bool) -> None:
        self.guarded.append(Guarded(table, row_id, column, message, **kw))


def at(day: int, month: int = 2, time: str = "10:00:00") -> str:
    """A timestamp in 2026 as peewee stores it."""
    return f"2026-{month:02d}-{day:02d} {time}"


# --- what a worker had in the database at each version ---------------------------------------
# Builder N inserts what version N brought. A database at version N gets builders 1..N, so each
# uses only the columns its version had (later columns are nullable or have SQL defaults).


def fill_v1(b: Built) -> None:
    """Workers, a client with a case transferred once, notes final and draft, a chronology."""
    for worker_id, username, name in ((1, "kept", "Kept Worker"), (2, "left", "Left Worker")):
        b.insert(
            "worker",
            id=worker_id,
            username=username,
            display_name=name,
            role="worker",
            active=1,
            created_at=at(1, 1),
            updated_at=at(1, 1),
        )
    b.insert("counter", id=1, name="case_ref:2026", value=1)
    b.insert(
        "client",
        id=1,
        name="Ada Byron",
        name_key="ada byron",
        date_of_birth="1990-04-03",
        address="1 Mill Lane",
        phone="0161 496 0000",
        created_at=at(5, 1),
        updated_at=at(5, 1),
        created_by_id=2,
        version=1,
    )
    b.insert(
        "case",
        id=1,
        ref="CL-2026-0001",
        client_id=1,
        status="open",
        worker_id=1,
        allocated_on="2026-02-01",
        opened_on="2026-01-05",
        closure_reason="",
        closing_summary="",
        last_contact_at=at(3, time="09:00:00"),
        created_at=at(5, 1),
        updated_at=at(1),
        created_by_id=2,
        version=2,
    )
    b.insert(
        "allocation",
        id=1,
        case_id=1,
        worker_id=2,
        allocated_on="2026-01-05",
        ended_on="2026-02-01",
        reason="",
        created_at=at(5, 1),
        created_by_id=2,
    )
    b.insert(
        "allocation",
        id=2,
        case_id=1,
        worker_id=1,
        allocated_on="2026-02-01",
        reason="Team change",
        created_at=at(1),
        created_by_id=2,
    )
    b.insert(
        "note",
        id=1,
        case_id=1,
        author_id=1,
        contact_at=at(3, time="09:00:00"),
        note_type="home visit",
        present="Ada, her mother",
        body="Visited; agreed plan.\nMore to follow.",
        significant=1,
        status="final",
        finalised_at=at(3),
        created_at=at(3),
        updated_at=at(3),
        version=1,
    )
    b.guard("note", 1, "body", FINAL_NOTE)
    b.insert(
        "note",
        id=2,
        case_id=1,
        author_id=1,
        contact_at=at(4, time="15:00:00"),
        note_type="phone call",
        present="",
        body="Half-written thought",
        significant=0,
        status="draft",
        created_at=at(4),
        updated_at=at(4),
        version=1,
    )
    b.insert(
        "chronology_entry",
        id=1,
        case_id=1,
        allocation_id=1,
        occurred_on="2026-01-05",
        category="allocation",
        title="Case allocated to Left Worker",
        details="",
        source_kind="allocation",
        source_id=1,
        created_at=at(5, 1),
        created_by_id=2,
    )
    b.insert(
        "chronology_entry",
        id=2,
        case_id=1,
        allocation_id=2,
        occurred_on="2026-02-02",
        category="housing",
        title="Eviction notice served",
        details="Served by the landlord.",
        source_kind="manual",
        created_at=at(2),
        created_by_id=1,
    )


def fill_v2(b: Built) -> None:
    """The case file: the client's language, network, professionals, summaries, history;
    a note with a follow-up and its amendment, a draft with its fields, a task."""
    b.update("client", 1, language="Welsh", identifiers="NHS 485 777 3456")
    b.insert(
        "note",
        id=3,
        case_id=1,
        author_id=1,
        contact_at=at(6, time="11:00:00"),
        note_type="office visit",
        present="",
        body="Brought the tenancy papers.",
        significant=1,
        status="final",
        finalised_at=at(6),
        chronology_title="Tenancy papers seen",
        follow_up_on="2026-03-10",
        draft_state="",
        created_at=at(6),
        updated_at=at(6),
        version=1,
    )
    b.guard("note", 3, "note_type", FINAL_NOTE)
    b.insert(
        "note",
        id=4,
        case_id=1,
        author_id=1,
        contact_at=at(7, time="16:00:00"),
        note_type="case note",
        present="",
        body="Draft with fields",
        significant=0,
        status="draft",
        draft_state=json.dumps({"body": "Draft with fields", "note_type": "case note"}),
        created_at=at(7),
        updated_at=at(7, time="16:05:00"),
        version=1,
    )
    b.insert(
        "note_amendment",
        id=1,
        note_id=1,
        author_id=1,
        reason="Wrong day",
        body="The visit was on Tuesday.",
        created_at=at(8),
    )
    b.guard("note_amendment", 1, "body", KEPT)
    b.insert(
        "contact",
        id=1,
        client_id=1,
        name="Mary Byron",
        relationship="mother",
        phone="07700 900123",
        address="2 Mill Lane",
        notes="Visits on Sundays",
        created_at=at(6),
        updated_at=at(6),
        created_by_id=1,
        version=1,
    )
    b.insert(
        "contact",
        id=2,
        client_id=1,
        name="Former neighbour",
        relationship="friend",
        phone="",
        address="",
        notes="",
        created_at=at(6),
        updated_at=at(9),
        created_by_id=1,
        removed_at=at(9),
        version=2,
    )
    b.insert(
        "professional",
        id=1,
        case_id=1,
        name="Dr Amir Khan",
        agency="Hillside GP",
        role="GP",
        phone="0161 496 0999",
        email="a.khan@example.org",
        started_on="2026-01-10",
        created_at=at(6),
        updated_at=at(6),
        created_by_id=1,
        version=1,
    )
    for version_id, body, when in (
        (1, "## Background\nMoved in January.", at(6)),
        (2, "## Background\nMoved in January; eviction served.", at(9)),
    ):
        b.insert(
            "summary_version", id=version_id, case_id=1, body=body, author_id=1, created_at=when
        )
    b.insert(
        "record_change",
        id=1,
        table="client",
        record_id=1,
        field="phone",
        old_value="0161 000 0000",
        new_value="0161 496 0000",
        changed_by_id=1,
        changed_at=at(6),
    )
    b.guard("record_change", 1, "new_value", KEPT)
    b.insert(
        "task",
        id=1,
        case_id=1,
        worker_id=1,
        title="Follow up: office visit",
        due_on="2026-03-10",
        source_kind="note",
        source_id=3,
        created_at=at(6),
        created_by_id=1,
    )


def fill_v3(b: Built) -> None:
    """A chronology entry with who reported it, an analysis, and an edit."""
    b.insert(
        "chronology_entry",
        id=3,
        case_id=1,
        allocation_id=2,
        occurred_on="2026-02-10",
        category="school",
        title="Missed school for a week",
        details="Reported by the school.",
        source_kind="manual",
        created_at=at(10),
        created_by_id=1,
        source_of_information="School (DSL)",
        analysis="Attendance is falling.",
        version=2,
        updated_at=at(11),
    )


def fill_v4(b: Built) -> None:
    """A note finalised and amended after the database began guarding them."""
    b.insert(
        "note",
        id=5,
        case_id=1,
        author_id=2,
        contact_at=at(12, time="14:00:00"),
        note_type="phone call",
        present="",
        body="Called the landlord.",
        significant=0,
        status="final",
        finalised_at=at(12),
        chronology_title="",
        draft_state="",
        created_at=at(12),
        updated_at=at(12),
        version=1,
    )
    b.guard("note", 5, "body", FINAL_NOTE)
    b.insert(
        "note_amendment",
        id=2,
        note_id=5,
        author_id=2,
        reason="Name spelled wrong",
        body="The landlord is Mr Dyer.",
        created_at=at(13),
    )
    b.guard("note_amendment", 2, "reason", KEPT)


def fill_v5(b: Built) -> None:
    """An ended plan and a current one with a goal reworded after a review, actions, a rating."""
    plan = {"case_id": 1, "review_every": 3, "review_unit": "months", "review_dates": ""}
    b.insert(
        "service_plan",
        id=1,
        number=1,
        started_on="2026-01-10",
        status="ended",
        ended_on="2026-02-14",
        created_at=at(10, 1),
        created_by_id=2,
        updated_at=at(14),
        version=2,
        **plan,
    )
    b.guard("service_plan", 1, "review_unit", ENDED_PLAN, delete=False)
    b.insert(
        "service_plan",
        id=2,
        number=2,
        started_on="2026-02-14",
        status="current",
        created_at=at(14),
        created_by_id=1,
        updated_at=at(14),
        version=1,
        **plan,
    )
    b.update("case", 1, has_plan=1, next_review_on="2026-05-14")
    b.insert(
        "plan_goal",
        id=1,
        plan_id=2,
        position=1,
        status="open",
        created_at=at(14),
        created_by_id=1,
        updated_at=at(20),
        version=2,
    )
    goal = {
        "goal_id": 1,
        "domain": "housing",
        "measure": "A tenancy signed",
        "target": "By the summer",
        "relevance": "I want my own front door",
        "target_on": "2026-07-01",
        "client_agreed": 1,
        "achievable": 1,
        "achievable_note": "With the housing officer's help",
        "created_by_id": 1,
    }
    b.insert(
        "plan_goal_version",
        id=1,
        number=1,
        change="Ada has somewhere safe to live",
        reason="",
        created_at=at(14),
        **goal,
    )
    b.guard("plan_goal_version", 1, "change", KEPT)
    b.insert(
        "plan_goal_version",
        id=2,
        number=2,
        change="Ada has a secure tenancy",
        reason="Reworded at the review",
        created_at=at(20),
        **goal,
    )
    b.insert(
        "plan_action",
        id=1,
        goal_id=1,
        what="Call the housing office",
        owner_kind="worker",
        owner_name="",
        due_on="2026-02-20",
        status="done",
        status_note="Called on the 18th",
        created_at=at(14),
        created_by_id=1,
        updated_at=at(18),
        version=2,
    )
    b.insert(
        "plan_action",
        id=2,
        goal_id=1,
        what="Write a supporting letter",
        owner_kind="professional",
        owner_name="Dr Amir Khan",
        professional_id=1,
        due_on="2026-03-15",
        status="not started",
        status_note="",
        created_at=at(14),
        created_by_id=1,
        updated_at=at(14),
        version=1,
    )
    b.insert(
        "plan_review",
        id=1,
        plan_id=2,
        held_on="2026-02-20",
        client_present=1,
        client_views="I want to stay near my mum.",
        participants="Mary Byron (mother)",
        summary="Some progress.",
        next_review_on="2026-05-20",
        created_at=at(20),
        created_by_id=1,
    )
    b.guard("plan_review", 1, "client_views", KEPT)
    b.insert(
        "plan_review_rating",
        id=1,
        review_id=1,
        goal_id=1,
        goal_version_id=1,
        rating="progressing",
        evidence="Housing office called back",
        decision="change",
        not_rated_reason="",
    )
    b.guard("plan_review_rating", 1, "rating", KEPT)


def fill_v6(b: Built) -> None:
    """Finalised minutes with attendees, apologies, agenda, actions, an amendment and a plan
    review held in the meeting; draft minutes; the case's earliest open action."""
    minutes = {
        "case_id": 1,
        "conference_type": "core group",
        "chair": "Jo Marsh",
        "minute_taker": "Kept Worker",
        "information_shared": "School attendance is down.",
        "created_by_id": 1,
    }
    b.insert(
        "conference",
        id=1,
        status="draft",
        held_at=at(21, time="14:00:00"),
        place="Hillside Centre",
        client_attended=1,
        client_views="I don't want to move school.",
        decisions="Refer to the housing panel\nReview in six weeks",
        created_at=at(21),
        updated_at=at(21),
        version=3,
        **minutes,
    )
    for attendee_id, present, kind, name, role, agency, links in (
        (1, 1, "professional", "Dr Amir Khan", "GP", "Hillside GP", {"professional_id": 1}),
        (2, 1, "worker", "Kept Worker", "Social worker", "", {}),
        (3, 0, "contact", "Mary Byron", "mother", "", {"contact_id": 1}),
    ):
        b.insert(
            "conference_attendee",
            id=attendee_id,
            conference_id=1,
            position=attendee_id,
            present=present,
            kind=kind,
            name=name,
            role=role,
            agency=agency,
            **links,
        )
    b.insert(
        "conference_agenda_item",
        id=1,
        conference_id=1,
        position=1,
        title="Housing",
        discussion="The eviction date is set.",
    )
    b.insert(
        "conference_action",
        id=1,
        conference_id=1,
        position=1,
        what="Send the housing panel referral",
        owner_name="Dr Amir Khan",
        owner_attendee_id=1,
        due_on="2026-12-01",
        status="open",
        status_note="",
        created_at=at(21),
        created_by_id=1,
        updated_at=at(21),
        version=1,
    )
    b.insert(
        "conference_action",
        id=2,
        conference_id=1,
        position=2,
        what="Book the next meeting",
        owner_name="Kept Worker",
        owner_attendee_id=2,
        due_on="2026-02-28",
        status="done",
        status_note="Booked",
        done_at=at(22),
        done_by_id=1,
        created_at=at(21),
        created_by_id=1,
        updated_at=at(22),
        version=2,
    )
    b.update(
        "conference", 1, status="final", finalised_at=at(21, time="16:00:00"), finalised_by_id=1
    )
    b.insert(
        "conference_amendment",
        id=1,
        conference_id=1,
        author_id=1,
        reason="Omission",
        body="Mary Byron sent apologies by phone.",
        created_at=at(23),
    )
    b.insert(
        "plan_review",
        id=2,
        plan_id=2,
        held_on="2026-02-21",
        client_present=1,
        client_views="Stay near school.",
        participants="",
        summary="Reviewed in the core group.",
        next_review_on="2026-05-21",
        created_at=at(21),
        created_by_id=1,
        conference_id=1,
    )
    b.update("case", 1, next_action_due_on="2026-12-01")
    for table, column in (
        ("conference", "place"),
        ("conference_attendee", "name"),
        ("conference_agenda_item", "title"),
        ("conference_action", "what"),
    ):
        b.guard(table, 1, column, FINAL_MINUTES)
    b.guard("conference_amendment", 1, "body", KEPT)
    b.insert(
        "conference",
        id=2,
        status="draft",
        place="Room 2",
        client_attended=0,
        client_views="",
        decisions="",
        created_at=at(24),
        updated_at=at(24),
        version=1,
        **{**minutes, "conference_type": "professionals meeting", "information_shared": ""},
    )


def fill_v7(b: Built) -> None:
    """A form left half-typed."""
    b.insert(
        "form_draft",
        id=1,
        worker_id=1,
        key="client:1",
        title="Client details",
        state=json.dumps({"phone": "0161 496 0001", "address": "3 Mill Lane"}),
        updated_at=at(25),
    )


def fill_v8(b: Built) -> None:
    """Draft minutes saved last by a colleague."""
    b.insert(
        "conference",
        id=3,
        case_id=1,
        status="draft",
        place="Room 3",
        conference_type="strategy discussion",
        chair="",
        minute_taker="",
        client_attended=0,
        client_views="",
        information_shared="",
        decisions="",
        created_at=at(26),
        created_by_id=1,
        updated_at=at(27),
        updated_by_id=2,
        version=2,
    )


def fill_v9(b: Built) -> None:
    """An auditor in a team, with a passphrase, after a failed sign-in; the audit trail."""
    b.insert(
        "worker",
        id=3,
        username="audrey",
        display_name="Audrey Hale",
        role="auditor",
        active=1,
        created_at=at(28),
        updated_at=at(28),
        team="Quality",
        passphrase_hash=passphrases.hash_passphrase("a long passphrase"),
        failed_sign_ins=1,
        last_failed_at=at(28, time="09:00:00"),
        last_sign_in_at=at(28, time="09:01:00"),
    )
    for event_id, worker_id, login, action in (
        (1, None, "nobody", "sign-in-failed"),
        (2, 3, "audrey", "sign-in"),
    ):
        b.insert(
            "audit_event",
            id=event_id,
            at=at(28, time=f"09:0{event_id}:00"),
            worker_id=worker_id,
            login=login,
            action=action,
            record_kind="",
            detail="",
            origin="ssh 10.0.0.5",
        )
    b.insert(
        "audit_event",
        id=3,
        at=at(28, time="09:05:00"),
        worker_id=3,
        login="audrey",
        action="case-opened",
        record_kind="case",
        record_id=1,
        case_id=1,
        detail="",
        origin="/dev/pts/3",
    )
    b.guard("audit_event", 3, "detail", AUDIT)


def fill_v10(b: Built) -> None:
    """Every final record sealed, as the app seals them; the newly guarded records."""
    seal.seal_all(b.db, m0010_integrity.SEALED)
    b.guard("summary_version", 2, "body", KEPT)
    b.guard("chronology_entry", 1, "title", AUTOMATIC_ENTRY)
    b.guard("record_seal", 1, "chain_hash", KEPT)


TOKEN = "cl_a-script-token-made-in-version-11"
TOKEN_KEPT = "a token is kept once made"


def fill_v11(b: Built) -> None:
    """An administrator; a token of the kept worker's, used once, and a revoked one."""
    b.insert(
        "worker",
        id=4,
        username="ad.min",
        display_name="Ad Min",
        role="administrator",
        active=1,
        created_at=at(1, 3),
        updated_at=at(1, 3),
    )
    for token_id, secret, revoked_at in ((1, TOKEN, None), (2, TOKEN + "-old", at(3, 3))):
        b.insert(
            "worker_token",
            id=token_id,
            worker_id=1,
            token_hash=hashlib.sha256(secret.encode()).hexdigest(),
            label=f"script {token_id}",
            created_at=at(2, 3),
            created_by_id=4,
            expires_on=None,
            last_used_at=at(2, 3, "11:00:00") if token_id == 1 else None,
            revoked_at=revoked_at,
            revoked_by_id=4 if revoked_at else None,
        )
    b.guard("worker_token", 1, "token_hash", TOKEN_KEPT)
    b.guard("worker_token", 2, "revoked_at", TOKEN_KEPT)


def fill_v12(b: Built) -> None:
    """A supervision note about a worker, finalised, sealed and amended; one still a draft."""
    common = {"worker_id": 2, "author_id": 3, "created_at": at(28), "updated_at": at(28)}
    b.insert(
        "supervision_note",
        id=1,
        held_on="2026-02-27",
        body="## Caseload\nSteady.",
        agreed_actions="Book the refresher.",
        status="final",
        draft_state="",
        finalised_at=at(28),
        version=1,
        **common,
    )
    b.insert(
        "supervision_amendment",
        id=1,
        supervision_id=1,
        author_id=3,
        reason="Wrong course",
        body="First aid.",
        created_at=at(28, time="11:00:00"),
    )
    b.insert(
        "supervision_note",
        id=2,
        held_on=None,
        body="Half",
        agreed_actions="",
        status="draft",
        draft_state='{"held_on": "someday", "body": "Half"}',
        finalised_at=None,
        version=1,
        **common,
    )
    seal.seal_all(b.db, [seal.BY_TABLE["supervision_note"], seal.BY_TABLE["supervision_amendment"]])
    b.guard("supervision_note", 1, "body", "a finalised supervision note is a record")
    b.guard("supervision_amendment", 1, "body", KEPT)


def fill_v13(b: Built) -> None:
    """A closure checklist half worked through."""
    b.insert(
        "closure_check",
        id=1,
        case_id=1,
        item="network",
        state="not applicable",
        reason="Lives alone by choice",
        created_at=at(28),
        updated_at=at(28, time="11:00:00"),
        updated_by_id=1,
        version=2,
    )
    b.insert(
        "closure_check",
        id=2,
        case_id=1,
        item="achievements",
        state="done",
        reason="",
        created_at=at(28),
        updated_at=at(28),
        updated_by_id=2,
        version=1,
    )


def fill_v14(b: Built) -> None:
    """A second case of the client, restricted to its worker and the kept worker."""
    b.insert(
        "case",
        id=2,
        ref="CL-2025-0090",  # another year's: the next reference of 2026 stays as it was
        client_id=1,
        status="open",
        worker_id=2,
        allocated_on="2026-03-01",
        opened_on="2026-03-01",
        closure_reason="",
        closing_summary="",
        has_plan=0,
        created_at=at(1, 3),
        updated_at=at(1, 3),
        created_by_id=2,
        version=2,
        restricted=1,
        restricted_to=",1,",
        restriction_reason="Known to staff",
    )


def fill_v15(b: Built) -> None:
    """An assessment of case 1, finalised with two domains, sealed and amended; one a draft."""
    common = {"case_id": 1, "author_id": 1, "updated_by_id": 1, "copied_from": None}
    b.insert(
        "assessment",
        id=1,
        as_at="2026-02-20",
        status="final",
        summary="Settled at her mother's.",
        goals="- Keep the flat",
        finalised_at=at(21),
        created_at=at(20),
        updated_at=at(21),
        version=3,
        **common,
    )
    for domain_id, (assessment_id, position, name, rating) in enumerate(
        ((1, 1, "housing", "high need"), (1, 2, "finances", "low need"), (2, 1, "housing", "")),
        1,
    ):
        b.insert(
            "assessment_domain",
            id=domain_id,
            assessment_id=assessment_id,
            position=position,
            domain=name,
            strengths="Pays on time.",
            needs="Arrears." if position == 1 else "",
            client_view="I want to stay.",
            rating=rating,
        )
    b.insert(
        "assessment_amendment",
        id=1,
        assessment_id=1,
        author_id=1,
        reason="Wrong figure",
        body="£450.",
        created_at=at(22),
    )
    b.insert(
        "assessment",
        id=2,
        as_at="2026-02-27",
        status="draft",
        summary="Half",
        goals="",
        finalised_at=None,
        created_at=at(27),
        updated_at=at(27),
        version=1,
        **{**common, "copied_from": 1},
    )
    seal.seal_all(
        b.db,
        [
            seal.BY_TABLE["assessment"],
            seal.BY_TABLE["assessment_domain"],
            seal.BY_TABLE["assessment_amendment"],
        ],
    )
    b.guard("assessment", 1, "summary", "a finalised assessment is a record")
    b.guard("assessment_domain", 1, "rating", "a finalised assessment is a record")
    b.guard("assessment_amendment", 1, "body", KEPT)


def fill_v16(b: Built) -> None:
    """A directory: an imported organisation with one service, one gone from its package."""
    common = {"created_at": at(2, 3), "updated_at": at(2, 3), "version": 1}
    b.insert(
        "resource_organisation",
        id=1,
        name="Riverside Advice",
        name_key="riverside advice",
        description="",
        email="",
        website="https://riverside.example.org",
        hsds_source="city",
        hsds_id="org-1",
        **common,
    )
    for service_id, name, withdrawn in ((1, "Debt advice", None), (2, "Old drop-in", at(3, 3))):
        b.insert(
            "resource_service",
            id=service_id,
            organisation_id=1,
            name=name,
            name_key=name.lower(),
            description="Free, confidential.",
            eligibility="Adults living in the city",
            min_age=18,
            max_age=None,
            area="City",
            address="1 River St",
            phone="0161 496 0000",
            email="",
            website="",
            opening_hours="Mon 09:00-17:00",
            fees="Free",
            languages="English\nPolish",
            categories="Money\nDebt",
            search_key=f"{name.lower()} riverside advice money debt adults living in the city",
            category_key="|money|debt|",
            hsds_source="city",
            hsds_id=f"svc-{service_id}",
            withdrawn_at=withdrawn,
            created_by_id=None,
            **common,
        )
    # Changed by an import or by hand, but never deleted: a referral may name it.
    b.guard("resource_service", 1, "name", "a directory service is never deleted", update=False)


def fill_v17(b: Built) -> None:
    """A consent to share with the case's GP, one withdrawn, and a line of the sharing log."""
    common = {
        "case_id": 1,
        "purpose": "Joint care planning",
        "given_by": "client",
        "how": "written",
        "created_at": at(20),
        "updated_at": at(20),
        "created_by_id": 1,
        "version": 1,
    }
    b.insert(
        "consent",
        id=1,
        share_what="Health and housing needs",
        recipient="Hillside GP",
        professional_id=1,
        given_on="2026-02-20",
        expires_on="2026-12-01",
        withdrawn_on=None,
        withdrawn_reason="",
        **common,
    )
    b.insert(
        "consent",
        id=2,
        share_what="Everything",
        recipient="Her sister",
        professional_id=None,
        given_on="2026-02-20",
        expires_on="2026-03-01",
        withdrawn_on="2026-02-25",
        withdrawn_reason="Fell out",
        **common,
    )
    b.update("case", 1, consent_due_on="2026-12-01")
    b.insert(
        "sharing_event",
        id=1,
        case_id=1,
        shared_at=at(21),
        worker_id=1,
        recipient="Hillside GP",
        what="Handover pack",
        consent_id=1,
        lawful_reason="",
        source="export",
        source_id=None,
    )
    b.guard("sharing_event", 1, "recipient", "the information-sharing log is kept as written")


def fill_v18(b: Built) -> None:
    """A referral sent, acknowledged and chased twice; a referral that brought the case in."""
    b.insert(
        "referral",
        id=1,
        case_id=1,
        service_id=None,
        agency="Northside Food Bank",
        agency_contact="0161 496 0101",
        referred_on="2026-02-10",
        reason="No food until paid",
        urgency="soon",
        shared="Name, address",
        consent_id=None,
        lawful_reason="Safeguarding",
        status="acknowledged",
        status_on="2026-02-12",
        sent_on="2026-02-10",
        last_response_on="2026-02-12",
        next_chase_on="2026-02-20",
        appointment_at=None,
        accompanied_by="",
        outcome="",
        created_at=at(10),
        created_by_id=2,
        updated_at=at(12),
        version=2,
    )
    for i, (status, previous, day) in enumerate(
        (("sent", "", 10), ("acknowledged", "sent", 12)), start=1
    ):
        b.insert(
            "referral_status_change",
            id=i,
            referral_id=1,
            status=status,
            previous=previous,
            changed_on=f"2026-02-{day}",
            note="",
            created_at=at(day),
            created_by_id=2,
        )
    for i, day in enumerate((14, 18), start=1):
        b.insert(
            "referral_chase",
            id=i,
            referral_id=1,
            chased_on=f"2026-02-{day}",
            method="phone",
            contacted="Duty desk",
            said="",
            responded=0,
            next_chase_on="2026-02-20" if day == 18 else None,
            created_at=at(day),
            created_by_id=2,
        )
    b.insert(
        "incoming_referral",
        id=1,
        case_id=1,
        source="GP or health",
        referrer="Dr Khan",
        referrer_contact="Mill Lane Surgery",
        reason="Rent arrears",
        received_on="2026-01-02",
        decision="allocated",
        decided_on="2026-01-05",
        decision_note="",
        created_at=at(2, 1),
        created_by_id=2,
        updated_at=at(5, 1),
        version=2,
    )
    seal.seal_all(b.db, [seal.BY_TABLE["referral_status_change"], seal.BY_TABLE["referral_chase"]])
    b.guard("referral_status_change", 2, "note", KEPT)
    b.guard("referral_chase", 1, "said", KEPT)


def fill_v19(b: Built) -> None:
    """A task done with a note, after being moved once with a reason."""
    b.insert(
        "task",
        id=2,
        case_id=1,
        worker_id=2,
        title="Ring the food bank",
        due_on="2026-02-27",
        source_kind="manual",
        source_id=None,
        done_at=at(26),
        done_note="Rang them: parcel on Friday",
        done_by_id=2,
        created_at=at(20),
        created_by_id=2,
        updated_at=at(26),
        version=3,
    )
    b.insert(
        "task_move",
        id=1,
        task_id=2,
        old_due_on="2026-02-24",
        new_due_on="2026-02-27",
        reason="Closed on Tuesdays",
        moved_by_id=2,
        moved_at=at(23),
    )
    b.guard("task_move", 1, "reason", "the moves of a task are kept as written")


def fill_v20(b: Built) -> None:
    """Nothing of its own (the search index is made from the records): a chronology entry
    written straight into the file, which the database's triggers index."""
    b.insert(
        "chronology_entry",
        id=90,
        case_id=1,
        allocation_id=None,
        occurred_on="2026-02-25",
        category="other",
        title="Met the Ashgrove tenancy officer",
        details="",
        source_kind="manual",
        source_id=None,
        created_at=at(25),
        created_by_id=1,
        source_of_information="",
        analysis="",
        version=1,
        updated_at=None,
    )


def fill_v21(b: Built) -> None:
    """A client whose name is another's misspelt (the index of names' pieces is kept by the
    database as the row goes in)."""
    b.insert(
        "client",
        id=21,
        name="Ada Bryon",
        name_key="ada bryon",
        date_of_birth=None,
        address="",
        phone="",
        created_at=at(21),
        updated_at=at(21),
        created_by_id=2,
        version=1,
    )


def fill_v22(b: Built) -> None:
    """The referral of version 18 corrected once it was sent: its urgency raised, with why,
    what it said before kept (and sealed) as written."""
    b.insert(
        "referral_version",
        id=1,
        referral_id=1,
        service_id=None,
        agency="Northside Food Bank",
        agency_contact="0161 496 0101",
        referred_on="2026-02-10",
        reason="No food until paid",
        urgency="soon",
        shared="Name, address",
        status="acknowledged",
        why="Three children at home, not one",
        replaced_at=at(13),
        replaced_by_id=2,
    )
    b.update("referral", 1, urgency="urgent", version=3, updated_at=at(13))
    seal.seal_all(b.db, [seal.BY_TABLE["referral_version"]])
    b.guard("referral_version", 1, "reason", KEPT)


def fill_v23(b: Built) -> None:
    """Version 23 dropped two indexes of notes that others cover: it brought no data."""


BUILDERS: dict[int, Callable[[Built], None]] = {
    1: fill_v1,
    2: fill_v2,
    3: fill_v3,
    4: fill_v4,
    5: fill_v5,
    6: fill_v6,
    7: fill_v7,
    8: fill_v8,
    9: fill_v9,
    10: fill_v10,
    11: fill_v11,
    12: fill_v12,
    13: fill_v13,
    14: fill_v14,
    15: fill_v15,
    16: fill_v16,
    17: fill_v17,
    18: fill_v18,
    19: fill_v19,
    20: fill_v20,
    21: fill_v21,
    22: fill_v22,
    23: fill_v23,
}


# --- reading it back through the store --------------------------------------------------------


def read_v1(store: Store, me: Any) -> None:
    [row] = store.cases.caseload(me)
    assert (row.ref, row.client_name, row.worker_name) == (
        "CL-2026-0001",
        "Ada Byron",
        "Kept Worker",
    )
    case = store.cases.get(me, 1)
    assert (case.date_of_birth, case.address, case.phone) == (
        date(1990, 4, 3),
        "1 Mill Lane",
        "0161 496 0000",
    )
    assert [(a.worker_name, a.allocated_on, a.ended_on) for a in case.allocations] == [
        ("Left Worker", date(2026, 1, 5), date(2026, 2, 1)),
        ("Kept Worker", date(2026, 2, 1), None),
    ]
    note = store.notes.get(me, 1)
    assert (note.status, note.note_type, note.present, note.body, note.significant) == (
        "final",
        "home visit",
        "Ada, her mother",
        "Visited; agreed plan.\nMore to follow.",
        True,
    )
    assert 1 in {n.id for n in store.notes.for_case(me, 1)}
    assert 2 not in {n.id for n in store.notes.for_case(me, 1)}  # a draft is not a note yet
    drafts = {d.id: d for d in store.notes.drafts(me)}
    assert drafts[2].case_ref == "CL-2026-0001"
    entries = {e.id: e for e in store.chronology.entries(me, 1)}
    assert entries[1].title == "Case allocated to Left Worker"
    assert entries[1].before_current_allocation
    assert (entries[2].category, entries[2].title, entries[2].details) == (
        "housing",
        "Eviction notice served",
        "Served by the landlord.",
    )
    assert store.cases.next_ref(me, 2026) == "CL-2026-0002"


def read_v2(store: Store, me: Any) -> None:
    client = store.case_file.client(me, 1)
    assert (client.language, client.identifiers) == ("Welsh", "NHS 485 777 3456")
    note = store.notes.get(me, 3)
    assert (note.chronology_title, note.follow_up_on) == ("Tenancy papers seen", date(2026, 3, 10))
    [amendment] = store.notes.get(me, 1).amendments
    assert (amendment.author_name, amendment.reason, amendment.body) == (
        "Kept Worker",
        "Wrong day",
        "The visit was on Tuesday.",
    )
    drafts = {d.id: d for d in store.notes.drafts(me)}
    assert drafts[4].state["body"] == "Draft with fields"
    [contact] = store.case_file.contacts(me, 1)  # the removed one is not listed
    assert (contact.name, contact.relationship, contact.phone, contact.notes) == (
        "Mary Byron",
        "mother",
        "07700 900123",
        "Visits on Sundays",
    )
    [pro] = store.case_file.professionals(me, 1)
    assert (pro.name, pro.agency, pro.role, pro.email, pro.started_on) == (
        "Dr Amir Khan",
        "Hillside GP",
        "GP",
        "a.khan@example.org",
        date(2026, 1, 10),
    )
    assert [v.body for v in store.case_file.summary_versions(me, 1)] == [
        "## Background\nMoved in January; eviction served.",
        "## Background\nMoved in January.",
    ]
    [change] = store.case_file.history(me, "client", 1)
    assert (change.field, change.old_value, change.new_value, change.changed_by) == (
        "phone",
        "0161 000 0000",
        "0161 496 0000",
        "Kept Worker",
    )


def read_v3(store: Store, me: Any) -> None:
    entry = store.chronology.entry(me, 3)
    assert (entry.source_of_information, entry.analysis, entry.version, entry.updated_at) == (
        "School (DSL)",
        "Attendance is falling.",
        2,
        datetime(2026, 2, 11, 10, 0),
    )


def read_v4(store: Store, me: Any) -> None:
    note = store.notes.get(me, 5)
    assert (note.author_name, note.body) == ("Left Worker", "Called the landlord.")
    assert [(a.reason, a.body) for a in note.amendments] == [
        ("Name spelled wrong", "The landlord is Mr Dyer.")
    ]


def read_v5(store: Store, me: Any) -> None:
    assert [
        (p.number, p.status) for p in sorted(store.plans.for_case(me, 1), key=lambda p: p.number)
    ] == [
        (1, "ended"),
        (2, "current"),
    ]
    assert store.plans.get(me, 1).ended_on == date(2026, 2, 14)
    plan = store.plans.current(me, 1)
    assert plan is not None and plan.id == 2
    assert (plan.review_every, plan.review_unit) == (3, "months")
    [goal] = plan.goals
    assert [v.change for v in goal.versions] == [
        "Ada has somewhere safe to live",
        "Ada has a secure tenancy",
    ]
    assert (goal.current.relevance, goal.current.client_agreed, goal.current.target_on) == (
        "I want my own front door",
        True,
        date(2026, 7, 1),
    )
    assert [(a.what, a.owner_text, a.status) for a in goal.actions] == [
        ("Call the housing office", "worker", "done"),
        ("Write a supporting letter", "Dr Amir Khan", "not started"),
    ]
    review = next(r for r in plan.reviews if r.id == 1)
    assert (review.client_views, review.participants, review.summary) == (
        "I want to stay near my mum.",
        "Mary Byron (mother)",
        "Some progress.",
    )
    [rating] = review.ratings
    # The rating shows the wording the review judged, not today's.
    assert (rating.rating, rating.decision, rating.goal.change) == (
        "progressing",
        "change",
        "Ada has somewhere safe to live",
    )


def read_v6(store: Store, me: Any) -> None:
    minutes = store.conferences.get(me, 1)
    assert (minutes.status, minutes.place, minutes.chair, minutes.client_views) == (
        "final",
        "Hillside Centre",
        "Jo Marsh",
        "I don't want to move school.",
    )
    assert minutes.decisions == ("Refer to the housing panel", "Review in six weeks")
    assert [a.name for a in minutes.attendees] == ["Dr Amir Khan", "Kept Worker"]
    assert [(a.name, a.contact_id) for a in minutes.apologies] == [("Mary Byron", 1)]
    assert [(i.title, i.discussion) for i in minutes.agenda] == [
        ("Housing", "The eviction date is set.")
    ]
    assert [(a.what, a.status, a.done_by_name) for a in minutes.actions] == [
        ("Send the housing panel referral", "open", ""),
        ("Book the next meeting", "done", "Kept Worker"),
    ]
    assert [(a.reason, a.body) for a in minutes.amendments] == [
        ("Omission", "Mary Byron sent apologies by phone.")
    ]
    assert minutes.finalised_by_name == "Kept Worker"
    assert minutes.review is not None and minutes.review.summary == "Reviewed in the core group."
    assert {m.id: m.status for m in store.conferences.for_case(me, 1)}.items() >= {
        1: "final",
        2: "draft",
    }.items()
    assert [a.what for a in store.conferences.case_actions(me, 1) if a.is_open] == [
        "Send the housing panel referral"
    ]
    assert store.cases.get(me, 1).next_action_due_on == date(2026, 12, 1)


def read_v7(store: Store, me: Any) -> None:
    assert store.forms.draft(me, "client:1") == (
        {"phone": "0161 496 0001", "address": "3 Mill Lane"},
        datetime(2026, 2, 25, 10, 0),
    )
    assert [(key, title) for key, title, _at in store.forms.drafts(me)] == [
        ("client:1", "Client details")
    ]


def read_v8(store: Store, me: Any) -> None:
    minutes = store.conferences.get(me, 3)
    assert (minutes.status, minutes.place, minutes.version) == ("draft", "Room 3", 2)


def read_v9(store: Store, me: Any) -> None:
    auditor = store.workers.named("audrey")
    assert (auditor.role, auditor.team, auditor.active) == ("auditor", "Quality", True)
    accounts = {a.login: a for a in store.workers.accounts(auditor)}
    audrey = accounts["audrey"]
    assert (audrey.has_passphrase, audrey.locked, audrey.failed_sign_ins) == (True, False, 1)
    assert audrey.last_sign_in_at == datetime(2026, 2, 28, 9, 1)
    assert [(e.id, e.action, e.case_ref, e.origin) for e in store.audit.events(auditor)] == [
        (3, "case-opened", "CL-2026-0001", "/dev/pts/3"),
        (2, "sign-in", "", "ssh 10.0.0.5"),
        (1, "sign-in-failed", "", "ssh 10.0.0.5"),
    ]


def read_v10(store: Store, me: Any) -> None:
    report = store.integrity.verify()
    assert report.problems == ()
    assert report.head.count == report.links_checked == report.records_checked > 20


def read_v11(store: Store, me: Any) -> None:
    admin = store.workers.named("ad.min")
    assert [
        (t.id, t.login, t.label, t.created_by, t.last_used_at, t.status(date(2026, 3, 4)))
        for t in store.tokens.tokens(admin)
    ] == [
        (1, "kept", "script 1", "ad.min", datetime(2026, 3, 2, 11, 0), "active"),
        (2, "kept", "script 2", "ad.min", None, "revoked"),
    ]
    assert store.tokens.check(TOKEN).username == "kept"


def read_v12(store: Store, me: Any) -> None:
    auditor = store.workers.named("audrey")
    record = store.supervision.record(auditor, 2)
    assert [(n.id, n.held_on, n.first_line, n.amendments) for n in record.notes] == [
        (1, date(2026, 2, 27), "Caseload", 1)
    ]
    note = store.supervision.get(auditor, 1)
    assert (note.author_name, note.agreed_actions) == ("Audrey Hale", "Book the refresher.")
    [draft] = store.supervision.drafts(auditor)
    assert draft.state == {"held_on": "someday", "body": "Half"}
    assert store.integrity.verify().problems == ()


def read_v13(store: Store, me: Any) -> None:
    checklist = store.cases.closure_checklist(me, 1)
    assert [(i.key, i.state, i.reason, i.version) for i in checklist.items[:2]] == [
        ("achievements", "done", "", 1),
        ("network", "not applicable", "Lives alone by choice", 2),
    ]
    assert [i.key for i in checklist.open_items] == [
        "independence",
        "actions",
        "summary",
        "final_summary",
    ]
    assert checklist.item("network").changed_by == "Kept Worker"


def read_v14(store: Store, me: Any) -> None:
    assert not store.cases.get(me, 1).restricted  # a case from before: not restricted
    shown = store.cases.restriction(me, 2)
    assert (shown.restricted, shown.named, shown.reason) == (
        True,
        (("kept", "Kept Worker"),),
        "Known to staff",
    )


def read_v15(store: Store, me: Any) -> None:
    overview = store.assessments.overview(me, 1)
    assert overview.current is not None and overview.draft is not None
    assert (overview.current.id, overview.draft.id, overview.draft.copied_from) == (1, 2, 1)
    assert [(d.name, d.rating) for d in overview.current.domains] == [
        ("housing", "high need"),
        ("finances", "low need"),
    ]
    assert [a.body for a in overview.current.amendments] == ["£450."]
    table = store.assessments.ratings(me, 1)
    assert [c.id for c in table.columns] == [1]
    assert store.integrity.verify().problems == ()


def read_v16(store: Store, me: Any) -> None:
    [found] = store.resources.search(me, "DEBT")
    assert (found.service_name, found.organisation_name, found.categories) == (
        "Debt advice",
        "Riverside Advice",
        ("Money", "Debt"),
    )
    service = store.resources.get(me, 1)
    assert (service.min_age, service.max_age, service.languages) == (
        18,
        None,
        ("English", "Polish"),
    )
    assert (service.hsds_service_id, service.hsds_organisation_id) == ("svc-1", "org-1")
    assert store.resources.get(me, 2).withdrawn


def read_v17(store: Store, me: Any) -> None:
    consents = store.consent.for_case(me, 1)
    assert [(c.id, c.status, c.professional_name) for c in consents] == [
        (1, "expiring", "Dr Amir Khan"),
        (2, "withdrawn", ""),
    ]
    [line] = store.consent.sharing_log(me, 1)
    assert (line.recipient, line.under, line.worker_name) == (
        "Hillside GP",
        "consent 1",
        "Kept Worker",
    )
    assert "consent" in store.cases.caseload(me)[0].flags


def read_v18(store: Store, me: Any) -> None:
    listed = store.referrals.for_case(me, 1)
    [out] = listed.outgoing
    assert (out.agency, out.status, out.chases, out.unanswered_chases) == (
        "Northside Food Bank",
        "acknowledged",
        2,
        2,
    )
    detail = store.referrals.get(me, 1)
    assert [h.status for h in detail.history] == ["sent", "acknowledged"]
    assert [(i.referrer, i.decision, i.decided_on) for i in listed.incoming] == [
        ("Dr Khan", "allocated", date(2026, 1, 5))
    ]
    assert store.integrity.verify().problems == ()


def read_v19(store: Store, me: Any) -> None:
    first = store.reminders.task(me, 1)
    assert (first.title, first.version, first.done, first.done_note, first.moves) == (
        "Follow up: office visit",
        1,
        False,
        "",
        (),
    )
    done = store.reminders.task(me, 2)
    assert (done.done, done.done_note, done.done_by, done.version) == (
        True,
        "Rang them: parcel on Friday",
        "Left Worker",
        3,
    )
    [move] = done.moves
    assert (move.old_due_on, move.new_due_on, move.reason) == (
        date(2026, 2, 24),
        date(2026, 2, 27),
        "Closed on Tuesdays",
    )


def read_v20(store: Store, me: Any) -> None:
    [hit] = store.search.search(me, "ashgrove tenancy").hits
    assert (hit.kind, hit.record_id, hit.case_ref, str(hit.on)) == (
        "chronology",
        90,
        "CL-2026-0001",
        "2026-02-25",
    )
    assert [h.record_id for h in store.search.search(me, "agreed plan", kind="notes").hits] == [1]


def read_v21(store: Store, me: Any) -> None:
    found = store.cases.possible_duplicates(me, "Ada Byron")
    assert [(c.client_id, c.reasons) for c in found] == [
        (1, ("same name",)),
        (21, ("similar name",)),
    ]


def read_v22(store: Store, me: Any) -> None:
    detail = store.referrals.get(me, 1)
    assert (detail.summary.urgency, detail.summary.version) == ("urgent", 3)
    [before] = detail.earlier
    assert (before.urgency, before.why, before.status) == (
        "soon",
        "Three children at home, not one",
        "acknowledged",
    )
    assert store.integrity.verify().problems == ()


def read_v23(store: Store, me: Any) -> None:
    conn = sqlite3.connect(store.path)
    try:
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(note)")}
    finally:
        conn.close()
    assert not indexes & {"note_case_id", "note_author_id"}
    assert {"note_case_id_contact_at", "note_author_id_status"} <= indexes
    # A case's notes and a worker's drafts read as before, through the indexes that stay.
    assert [n.id for n in store.notes.for_case(me, 1)] == [5, 3, 1]
    assert 2 in {d.id for d in store.notes.drafts(me)}


CHECKS: dict[int, Callable[[Store, Any], None]] = {
    1: read_v1,
    2: read_v2,
    3: read_v3,
    4: read_v4,
    5: read_v5,
    6: read_v6,
    7: read_v7,
    8: read_v8,
    9: read_v9,
    10: read_v10,
    11: read_v11,
    12: read_v12,
    13: read_v13,
    14: read_v14,
    15: read_v15,
    16: read_v16,
    17: read_v17,
    18: read_v18,
    19: read_v19,
    20: read_v20,
    21: read_v21,
    22: read_v22,
    23: read_v23,
}


# --- building, reading and comparing files ----------------------------------------------------


def build_database(path: Path, version: int) -> Built:
    """A file as a Caseline at schema ``version`` left it, with that version's data."""
    db = pw.SqliteDatabase(str(path))
    db.connect()
    try:
        built = Built(db)
        with db.atomic():
            steps = [v for v in VERSIONS if v <= version]
            assert migrations.upgrade(db, str(path), target=version) == steps
            for step in steps:
                BUILDERS[step](built)
    finally:
        db.close()
    return built


def assert_rows_kept(path: Path, built: Built) -> None:
    conn = sqlite3.connect(path)
    try:
        for (table, row_id), values in built.rows.items():
            columns = ", ".join(f'"{c}"' for c in values)
            found = conn.execute(
                f'SELECT {columns} FROM "{table}" WHERE id = ?', (row_id,)
            ).fetchone()
            assert found is not None, f"{table} {row_id} is gone"
            assert dict(zip(values, found, strict=True)) == values, f"{table} {row_id} changed"
        inserted: dict[str, int] = {}
        for table, _row_id in built.rows:
            inserted[table] = inserted.get(table, 0) + 1
        for table, count in inserted.items():
            assert conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == count, table
    finally:
        conn.close()


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, and the schema itself."""
    conn = sqlite3.connect(path)
    try:
        schema = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        tables = [name for kind, name, _t, _sql in schema if kind == "table"]
        content = {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
        return {"sqlite_master": schema, **content}
    finally:
        conn.close()


def assert_guards_hold(path: Path, built: Built) -> None:
    conn = sqlite3.connect(path)
    try:
        for g in built.guarded:
            if g.update:
                with pytest.raises(sqlite3.IntegrityError, match=g.message):
                    conn.execute(
                        f'UPDATE "{g.table}" SET "{g.column}" = \'changed\' WHERE id = ?', (g.id,)
                    )
            if g.delete:
                with pytest.raises(sqlite3.IntegrityError, match=g.message):
                    conn.execute(f'DELETE FROM "{g.table}" WHERE id = ?', (g.id,))
        # A draft is not a record: it stays free to change.
        conn.execute("UPDATE note SET body = 'Still a draft' WHERE id = 2")
        conn.rollback()
    finally:
        conn.close()


# --- the tests --------------------------------------------------------------------------------


def test_every_schema_version_has_a_migration_a_builder_and_a_check() -> None:
    modules = sorted(
        int(found.group(1))
        for info in pkgutil.iter_modules(migrations.__path__)
        if (found := re.fullmatch(r"m(\d{4})_\w+", info.name))
    )
    # Numbered in order from 1, none missed, none twice.
    assert modules == VERSIONS == list(range(1, migrations.LATEST + 1))
    assert sorted(BUILDERS) == VERSIONS, "a new schema version needs a data builder here"
    assert sorted(CHECKS) == VERSIONS, "a new schema version needs a reading check here"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_database_at_this_version_is_upgraded_with_everything_kept(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / f"v{version}.db"
    built = build_database(path, version)
    assert dict(dump(path)["caseline_meta"])["schema_version"] == str(version)

    store = Store.open(path)
    try:
        assert store.schema_version() == migrations.LATEST
        assert_rows_kept(path, built)
        me = store.workers.named("kept")
        for step in (v for v in VERSIONS if v <= version):
            CHECKS[step](store, me)
    finally:
        store.close()
    assert_guards_hold(path, built)
    assert_rows_kept(path, built)

    # Opening it again, now up to date, changes nothing at all.
    before = dump(path)
    Store.open(path).close()
    assert dump(path) == before
