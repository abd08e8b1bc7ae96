"""The tables of supervision records, as the newest migration (m0012) leaves them.

Apart from ``store.core.models`` because supervision belongs to no case: nothing that reads a
case (its file, chronology or exports) has any reason to import these.
"""

from __future__ import annotations

import peewee as pw

from store.core.models import BaseModel, Worker, utcnow


class SupervisionNote(BaseModel):
    """A supervision session written up: about ``worker``, by ``author``. A draft until
    finalised; final ones are never updated in place (corrections are amendments)."""

    id = pw.AutoField()
    worker = pw.ForeignKeyField(Worker, backref="+")
    worker_id: int
    author = pw.ForeignKeyField(Worker, backref="+")
    author_id: int
    held_on = pw.DateField(null=True)  # null only in a draft whose date can't be read yet
    body = pw.TextField(default="")
    agreed_actions = pw.TextField(default="")
    status = pw.CharField(default="draft")  # draft | final
    # A draft keeps the editor's fields exactly as typed (JSON), an unreadable date included.
    draft_state = pw.TextField(default="")
    finalised_at = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)

    class Meta:
        table_name = "supervision_note"
        indexes = (
            (("worker", "held_on"), False),
            (("author", "status"), False),
        )


class SupervisionAmendment(BaseModel):
    """A correction to a finalised supervision note, kept beside it."""

    id = pw.AutoField()
    supervision = pw.ForeignKeyField(SupervisionNote, backref="+")
    supervision_id: int
    author = pw.ForeignKeyField(Worker, backref="+")
    reason = pw.TextField()
    body = pw.TextField()
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "supervision_amendment"
