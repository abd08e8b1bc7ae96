"""insert_row: the statement written once, the row stored exactly as peewee's create stores it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.core import rows
from store.core.models import Task
from store.service import Store


def stored(store: Store, task_id: int) -> dict[str, object]:
    """The row as SQLite holds it, but its id."""
    with store.database.reading() as db:
        cursor = db.execute_sql("SELECT * FROM task WHERE id = ?", (task_id,))
        row = cursor.fetchone()
        names = [d[0] for d in cursor.description]
    return {name: value for name, value in zip(names, row, strict=True) if name != "id"}


def test_a_row_is_stored_as_create_stores_it_and_its_statement_written_once(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case()
    fields = {
        "case": case.id,
        "worker": me.id,
        "title": "Ring the GP — Zoë's tablets",
        "due_on": date(2026, 12, 24),
        "source_id": None,
        "created_at": datetime(2026, 12, 6, 9, 30, 0, 120),
        "created_by": me.id,
    }
    rows._INSERTS.clear()
    with store.database.writing():
        made = Task.create(**fields).id
        written = [rows.insert_row(Task, **fields) for _ in range(3)]
        written.append(rows.insert_row(Task, **{**fields, "created_at": datetime(2026, 1, 1)}))
    assert len(set(written)) == 4 and made not in written
    assert all(stored(store, i) == stored(store, made) for i in written[:3])
    assert stored(store, written[3])["created_at"] == "2026-01-01 00:00:00"
    assert stored(store, made)["source_kind"] == "manual"  # the model's default, given by neither
    assert len(rows._INSERTS) == 1  # one statement for every insert of these columns
