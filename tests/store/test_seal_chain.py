"""The seal chain on either database: final notes and amendments sealed as they are written, a
chain that stays one line when writers write at once, and ``verify`` finding a record changed
behind the store's back once its guard is out of the way (tests/store/test_integrity.py has the
rest of the check, on SQLite)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.integrity.records import ProblemKind
from store.service import Store
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

NOTE = {"contact_at": "today 9:30", "note_type": "phone call", "body": "Spoke to the client."}

# Getting a guard out of the way, as someone with the database's own tools could.
UNGUARD = {
    "sqlite": ("DROP TRIGGER note_final_no_update", ProblemKind.TRIGGER_MISSING),
    "postgres": (
        "ALTER TABLE note DISABLE TRIGGER note_final_no_update",
        ProblemKind.TRIGGER_CHANGED,
    ),
}


def test_final_notes_and_amendments_are_sealed_and_verify(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail], outside: Outside
) -> None:
    case = make_case()
    first = store.notes.finalise(me, case.id, NOTE)
    second = store.notes.finalise(me, case.id, {**NOTE, "body": "Visited at home."})
    amendment = store.notes.amend(me, first.id, reason="wrong day", body="It was Tuesday.")
    store.notes.save_draft(me, case.id, {"body": "not yet"})  # a draft: not sealed
    sealed = outside.execute(
        "SELECT table_name, row_id FROM record_seal"
        " WHERE table_name IN ('note', 'note_amendment') ORDER BY id"
    )
    assert [(t, int(r)) for t, r in sealed] == [
        ("note", first.id),
        ("note", second.id),
        ("note_amendment", amendment.amendments[-1].id),
    ]
    report = store.integrity.verify()
    assert report.problems == ()
    assert report.head.count == report.links_checked > 3


def test_a_note_changed_behind_the_guards_back_is_found(
    backend: str,
    store: Store,
    me: WorkerInfo,
    make_case: Callable[..., CaseDetail],
    outside: Outside,
) -> None:
    case = make_case()
    note = store.notes.finalise(me, case.id, NOTE)
    assert store.integrity.verify().sound
    unguard, found = UNGUARD[backend]
    outside.execute(unguard)
    outside.execute(f"UPDATE note SET body = 'rewritten' WHERE id = {note.id}")
    problems = {(p.kind, p.table, p.row_id) for p in store.integrity.verify().problems}
    assert problems == {
        (found, "note_final_no_update", None),
        (ProblemKind.ALTERED, "note", note.id),
    }


def test_writers_at_once_keep_one_unbroken_chain(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case()
    errors: list[BaseException] = []

    def write(worker: WorkerInfo) -> None:
        try:
            for n in range(8):
                store.notes.finalise(worker, case.id, {**NOTE, "body": f"{worker.username} {n}"})
        except BaseException as exc:  # reported below, with the thread's own traceback
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in (me, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    report = store.integrity.verify()
    assert report.problems == ()
    assert report.records_checked >= 16


def test_a_yes_no_column_hashes_as_sqlite_stores_it() -> None:
    # PostgreSQL's driver reads a boolean as True/False, SQLite's as 1/0: the same record must
    # hash the same on both, so that a chain verifies after a copy between them.
    from store.core import seal

    kind = seal.BY_TABLE["plan_review"]
    row = [7, 2, "2026-11-02", 1, "Happy with it.", "Sam", "Went well.", None, "x", 3, None]
    as_postgres = [
        True if c == "client_present" else v for c, v in zip(kind.columns, row, strict=True)
    ]
    assert seal.content_hash(kind, as_postgres) == seal.content_hash(kind, row)
    assert seal.content_hash(kind, [*row[:3], 0, *row[4:]]) != seal.content_hash(kind, row)
