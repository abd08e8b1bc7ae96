"""The table of a task's moves, as the newest migration (m0019) leaves it (the task itself is
``store.core.models.Task``, which notes write too)."""

from __future__ import annotations

import peewee as pw

from store.core.models import BaseModel, Task, Worker, utcnow


class TaskMove(BaseModel):
    """A task's due date moved to another day, and why: history, never changed."""

    id = pw.AutoField()
    task = pw.ForeignKeyField(Task, backref="+", on_delete="CASCADE")
    task_id: int
    old_due_on = pw.DateField()
    new_due_on = pw.DateField()
    reason = pw.TextField()
    moved_by = pw.ForeignKeyField(Worker, backref="+")
    moved_by_id: int
    moved_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "task_move"
