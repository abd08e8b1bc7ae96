"""Version 19: tasks done with a note and moved with a reason, kept as history.

A task (version 2) gains what was done and by whom, and a ``version`` for the check two
people's saves get. ``task_move`` keeps every move of a task's date: the old day, the new one,
why, who and when. A move is history: the database refuses to change or delete it. Tasks are
found by case for the case file's record-health line, hence the index.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

KEPT = "the moves of a task are kept as written and cannot be changed or deleted"

TRIGGERS = tuple(
    guard_trigger(f"task_move_no_{action.lower()}", action, "task_move", KEPT)
    for action in ("UPDATE", "DELETE")
)


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    now = datetime.utcnow  # frozen: a default, not the app clock

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Worker(Base):
        pass

    class Task(Base):
        pass

    class TaskMove(Base):
        task = pw.ForeignKeyField(Task, backref="+", on_delete="CASCADE")
        old_due_on = pw.DateField()
        new_due_on = pw.DateField()
        reason = pw.TextField()
        moved_by = pw.ForeignKeyField(Worker, backref="+")
        moved_at = pw.DateTimeField(default=now)

    # Plain ADD COLUMN with a default, as in version 2: instant, no table rebuild.
    for column, kind in (
        ("done_note", "TEXT NOT NULL DEFAULT ''"),
        ("done_by_id", 'INTEGER REFERENCES "worker" ("id")'),
        ("updated_at", "DATETIME"),
        ("version", "INTEGER NOT NULL DEFAULT 1"),
    ):
        execute_sql(db, f'ALTER TABLE "task" ADD COLUMN "{column}" {kind}')
    execute_sql(db, 'CREATE INDEX "task_case_id_done_at" ON "task" ("case_id", "done_at")')
    execute_sql(db, 'CREATE INDEX "task_done_by_id" ON "task" ("done_by_id")')
    db.create_tables([TaskMove])
    for sql in TRIGGERS:
        execute_sql(db, sql)
