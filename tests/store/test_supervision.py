"""Supervision notes, recorded on the worker supervised: who may write and read them, drafts,
finalised notes the database keeps as they were (sealed, so ``verify`` names an edit made
with sqlite3), amendments, the audit trail, and never a word of them in a case's export."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from store.common.errors import Conflict, InvalidInput, NotPermitted
from store.common.records import WorkerInfo
from store.export.handover import handover_markdown
from store.integrity.records import Problem, ProblemKind
from store.service import Store
from tests.store.test_team_load import staffed

SESSION = {
    "held_on": "yesterday",
    "body": "## Caseload\nTwelve cases; the Reyes case is **heavy**.",
    "agreed_actions": "Book the safeguarding refresher.",
}


def write(store: Store, actor: WorkerInfo, worker: WorkerInfo, **changes: str) -> int:
    return store.supervision.finalise(actor, worker.id, {**SESSION, **changes}).id


# --- who writes, who reads ----------------------------------------------------------------------

WRITERS = {
    # (actor, worker supervised): may write
    ("sue.super", "nia.north"): True,  # a supervisor, for their own team
    ("sue.super", "sam.south"): False,  # ... not for another team
    ("sue.super", "sue.super"): False,  # nobody writes their own
    ("ned.noteam", "nia.north"): False,  # a supervisor in no team supervises nobody
    ("meg.manager", "sam.south"): True,  # a manager, for anyone
    ("meg.manager", "sue.super"): True,
    ("ari.auditor", "nia.north"): False,  # an auditor changes nothing
    ("admin", "nia.north"): False,  # an administrator reads and writes no records
    ("nia.north", "sam.south"): False,  # a worker writes none
}


@pytest.mark.parametrize(("pair", "allowed"), WRITERS.items(), ids=lambda p: str(p))
def test_who_may_write_a_workers_supervision_note(
    store: Store, pair: tuple[str, str], allowed: bool
) -> None:
    people = staffed(store)
    actor, worker = people[pair[0]], people[pair[1]]
    if allowed:
        note = store.supervision.get(actor, write(store, actor, worker))
        assert (note.worker_name, note.author_name) == (worker.display_name, actor.display_name)
        assert store.supervision.record(actor, worker.id).can_write
    else:
        with pytest.raises(NotPermitted, match="supervisor of the worker's team, or a manager"):
            write(store, actor, worker)
        with pytest.raises(NotPermitted):
            store.supervision.save_draft(actor, worker.id, SESSION)


READERS = {
    ("nia.north", "nia.north"): True,  # the worker supervised reads their own
    ("nia.north", "sam.south"): False,  # ... and no colleague's
    ("sue.super", "nia.north"): True,  # their team's supervisor
    ("sue.super", "sam.south"): False,  # another team's
    ("meg.manager", "sam.south"): True,
    ("ari.auditor", "nia.north"): True,
    ("admin", "nia.north"): False,
}


@pytest.mark.parametrize(("pair", "allowed"), READERS.items(), ids=lambda p: str(p))
def test_who_may_read_a_workers_supervision_record(
    store: Store, pair: tuple[str, str], allowed: bool
) -> None:
    people = staffed(store)
    worker = people[pair[1]]
    note_id = write(store, people["meg.manager"], worker)
    actor = people[pair[0]]
    if allowed:
        record = store.supervision.record(actor, worker.id)
        assert [n.id for n in record.notes] == [note_id]
        assert store.supervision.get(actor, note_id).body == SESSION["body"]
    else:
        with pytest.raises(NotPermitted, match="Only the worker, a supervisor of their team"):
            store.supervision.record(actor, worker.id)
        with pytest.raises(NotPermitted):
            store.supervision.get(actor, note_id)


def test_a_deactivated_supervisor_may_no_longer_read_or_write(store: Store) -> None:
    people = staffed(store)
    sue, nia = people["sue.super"], people["nia.north"]
    write(store, sue, nia)
    store.workers.deactivate(people["admin"], "sue.super")
    with pytest.raises(NotPermitted):
        store.supervision.record(sue, nia.id)
    with pytest.raises(NotPermitted):
        write(store, sue, nia)


# --- the record, drafts, finalising -----------------------------------------------------------


def test_the_record_lists_final_notes_newest_first_with_the_writers_own_drafts(
    store: Store,
) -> None:
    people = staffed(store)
    sue, nia, meg = people["sue.super"], people["nia.north"], people["meg.manager"]
    older = write(store, sue, nia, held_on="1/10/2026", body="October: induction.")
    newer = write(store, meg, nia, held_on="1/11/2026", body="November: caseload.")
    draft = store.supervision.save_draft(sue, nia.id, {"held_on": "today", "body": "Half"})
    record = store.supervision.record(sue, nia.id)
    assert [(n.id, n.held_on, n.first_line) for n in record.notes] == [
        (newer, date(2026, 11, 1), "November: caseload."),
        (older, date(2026, 10, 1), "October: induction."),
    ]
    assert [d.id for d in record.drafts] == [draft]
    assert record.drafts[0].state["held_on"] == "23 Nov 2026"  # "today", as the day it meant
    # A draft is its writer's alone, and not yet part of anyone's record.
    assert store.supervision.record(meg, nia.id).drafts == ()
    assert [n.id for n in store.supervision.record(nia, nia.id).notes] == [newer, older]


def test_a_draft_is_finalised_once_and_then_is_a_record(store: Store) -> None:
    people = staffed(store)
    sue, nia = people["sue.super"], people["nia.north"]
    draft = store.supervision.save_draft(sue, nia.id, {"held_on": "not a date", "body": "x"})
    assert store.supervision.drafts(sue)[0].state["held_on"] == "not a date"  # kept as typed
    draft = store.supervision.save_draft(sue, nia.id, SESSION, draft)
    note = store.supervision.finalise(sue, nia.id, SESSION, draft_id=draft)
    assert (note.id, note.status, note.held_on) == (draft, "final", date(2026, 11, 22))
    assert note.agreed_actions == "Book the safeguarding refresher."
    assert store.supervision.drafts(sue) == []
    with pytest.raises(Conflict):
        store.supervision.finalise(sue, nia.id, SESSION, draft_id=draft)
    store.supervision.discard_draft(sue, draft)  # a final note is not a draft to discard
    assert [n.id for n in store.supervision.record(sue, nia.id).notes] == [draft]


def test_what_is_typed_is_checked_before_it_becomes_a_record(store: Store) -> None:
    people = staffed(store)
    with pytest.raises(InvalidInput) as refused:
        store.supervision.finalise(
            people["sue.super"], people["nia.north"].id, {"held_on": "tomorrow", "body": " "}
        )
    assert set(refused.value.errors) == {"held_on", "body"}


def test_an_amendment_is_kept_beside_the_note_which_stays_as_it_was(store: Store) -> None:
    people = staffed(store)
    sue, nia = people["sue.super"], people["nia.north"]
    note_id = write(store, sue, nia)
    amended = store.supervision.amend(sue, note_id, reason="Wrong course", body="First aid.")
    assert amended.body == SESSION["body"]
    assert [(a.author_name, a.reason, a.body) for a in amended.amendments] == [
        ("Sue Super", "Wrong course", "First aid.")
    ]
    assert store.supervision.record(nia, nia.id).notes[0].amendments == 1
    with pytest.raises(NotPermitted):
        store.supervision.amend(nia, note_id, reason="Mine", body="I disagree.")
    with pytest.raises(InvalidInput):
        store.supervision.amend(sue, note_id, reason="", body="")


def test_opening_and_writing_are_in_the_audit_trail(store: Store) -> None:
    people = staffed(store)
    sue, nia, ari = people["sue.super"], people["nia.north"], people["ari.auditor"]
    draft = store.supervision.save_draft(sue, nia.id, SESSION)
    note_id = store.supervision.finalise(sue, nia.id, SESSION, draft_id=draft).id
    store.supervision.amend(sue, note_id, reason="Typo", body="Refresher, not course.")
    store.supervision.record(nia, nia.id, opening=True)
    store.supervision.record(nia, nia.id)  # a reload is not an opening
    store.supervision.get(nia, note_id, opening=True)
    events = [
        (e.login, e.action, e.record_kind, e.record_id, e.case_id, e.detail)
        for e in reversed(store.audit.events(ari))
        if e.action.startswith("supervision")
    ]
    assert events == [
        ("sue.super", "supervision-finalised", "supervision-note", note_id, None, "nia.north"),
        ("sue.super", "supervision-amended", "supervision-note", note_id, None, "nia.north"),
        ("nia.north", "supervision-record-opened", "supervision-record", nia.id, None, "nia.north"),
        ("nia.north", "supervision-note-opened", "supervision-note", note_id, None, ""),
    ]


# --- kept as written --------------------------------------------------------------------------


@pytest.fixture
def supervised(store: Store) -> tuple[Path, int, int]:
    """A finalised supervision note (amended once) and a draft: (file, note, draft)."""
    people = staffed(store)
    sue, nia = people["sue.super"], people["nia.north"]
    note_id = write(store, sue, nia)
    store.supervision.amend(sue, note_id, reason="Typo", body="Refresher.")
    draft = store.supervision.save_draft(sue, nia.id, {"body": "half a thought"})
    return store.path, note_id, draft


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE supervision_note SET body = 'rewritten' WHERE status = 'final'",
        "UPDATE supervision_note SET held_on = '2020-01-01' WHERE status = 'final'",
        "UPDATE supervision_note SET status = 'draft' WHERE status = 'final'",
        "DELETE FROM supervision_note WHERE status = 'final'",
        "UPDATE supervision_amendment SET body = 'rewritten'",
        "DELETE FROM supervision_amendment",
    ],
)
def test_the_database_refuses_to_change_a_final_note_or_amendment(
    supervised: tuple[Path, int, int], sql: str
) -> None:
    conn = sqlite3.connect(supervised[0], isolation_level=None)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="cannot be changed or deleted"):
            conn.execute(sql)
        conn.execute("UPDATE supervision_note SET body = 'still free' WHERE status = 'draft'")
    finally:
        conn.close()


def test_final_notes_are_sealed_and_verify_names_an_edit_made_with_sqlite3(
    supervised: tuple[Path, int, int],
) -> None:
    path, note_id, _draft = supervised
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        sealed = conn.execute(
            "SELECT table_name, row_id, id FROM record_seal"
            " WHERE table_name LIKE 'supervision%' ORDER BY id"
        ).fetchall()
        assert [(t, r) for t, r, _ in sealed] == [
            ("supervision_note", note_id),
            ("supervision_amendment", 1),
        ]
        conn.execute("DROP TRIGGER supervision_note_final_no_update")
        conn.execute(
            "UPDATE supervision_note SET body = 'Nothing discussed.' WHERE id = ?", (note_id,)
        )
    finally:
        conn.close()
    store = Store.open_read_only(path)
    try:
        problems = set(store.integrity.verify().problems)
    finally:
        store.close()
    assert problems == {
        Problem(ProblemKind.ALTERED, "supervision_note", note_id, sealed[0][2]),
        Problem(ProblemKind.TRIGGER_MISSING, "supervision_note_final_no_update"),
    }


def test_supervision_is_never_in_a_case_or_its_export(store: Store) -> None:
    people = staffed(store)
    sue, nia = people["sue.super"], people["nia.north"]
    case = store.cases.create(nia, {"client_name": "Dana Reyes", "allocated_on": "1/6/2026"})
    store.notes.finalise(
        nia, case.id, {"contact_at": "today 9:00", "note_type": "phone call", "body": "Rang."}
    )
    write(store, sue, nia, body="Words-of-supervision about the Reyes case.")
    secret = "Words-of-supervision"
    pack = store.handover.pack(nia, case.id)
    exported = handover_markdown(pack, exported_by="Nia North", exported_at=datetime(2026, 11, 23))
    assert "Rang." in exported and secret not in exported
    assert all(secret not in n.first_line for n in store.notes.for_case(nia, case.id))
    assert all(secret not in e.details for e in store.chronology.entries(nia, case.id))
    assert store.audit.events(sue, case_id=case.id)  # the case's own trail has events...
    assert all(  # ... and none of them is about supervision
        not e.action.startswith("supervision") for e in store.audit.events(sue, case_id=case.id)
    )
