"""A finalised note, an amendment and the record history can't be changed or deleted by
anything that writes the file, not only by the store's own code."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.service import Store
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]


@pytest.fixture
def noted(store: Store, me: WorkerInfo, make_case: MakeCase) -> tuple[int, int, int]:
    """A case with a final note (amended once) and a draft: (case, final note, draft)."""
    case = make_case(client_name="Dana Reyes")
    final = store.notes.finalise(
        me, case.id, {"contact_at": "today 9:00", "note_type": "phone call", "body": "Rang."}
    )
    store.notes.amend(me, final.id, reason="Wrong time", body="It was 9:30.")
    draft = store.notes.save_draft(me, case.id, {"body": "half a thought"})
    store.case_file.update_client(me, case.client_id, {"phone": "0113 496 0000"}, version=1)
    return case.id, final.id, draft


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE note SET body = 'rewritten' WHERE status = 'final'",
        "UPDATE note SET contact_at = '2020-01-01 00:00:00' WHERE status = 'final'",
        "DELETE FROM note WHERE status = 'final'",
        "UPDATE note_amendment SET body = 'rewritten'",
        "DELETE FROM note_amendment",
        "UPDATE record_change SET old_value = 'forged'",
        "DELETE FROM record_change",
    ],
)
def test_records_refuse_change_from_outside_the_store(
    outside: Outside, noted: tuple[int, int, int], sql: str
) -> None:
    with pytest.raises(outside.refused, match="cannot be changed or deleted"):
        outside.execute(sql)


def test_the_record_is_intact_and_drafts_stay_free(
    store: Store, me: WorkerInfo, db_path: Path, noted: tuple[int, int, int]
) -> None:
    case_id, final_id, draft_id = noted
    # The store's own path for a draft still works: edit, then discard.
    store.notes.save_draft(me, case_id, {"body": "a whole thought"}, draft_id)
    # Discarding something that is no longer a draft leaves the record alone.
    store.notes.discard_draft(me, final_id)
    store.notes.discard_draft(me, draft_id)
    assert store.notes.drafts(me) == []
    note = store.notes.get(me, final_id)
    assert note.body == "Rang." and [a.body for a in note.amendments] == ["It was 9:30."]
