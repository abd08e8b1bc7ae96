"""Version 12: supervision notes, recorded on the worker supervised rather than on a case.

``supervision_note`` holds a supervision session written up (the day it was held, who wrote it,
what was discussed, the actions agreed), a draft until finalised; ``supervision_amendment`` the
corrections to a finalised one. The database refuses to change or delete a finalised note or an
amendment, and both are sealed when final (``store.core.seal``; a new table holds none yet).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

FINAL_NOTE = (
    "a finalised supervision note is a record and cannot be changed or deleted; add an amendment"
)
AMENDMENTS = "supervision amendments are kept as written and cannot be changed or deleted"

TRIGGERS = (
    *(
        guard_trigger(
            f"supervision_note_final_no_{action.lower()}",
            action,
            "supervision_note",
            FINAL_NOTE,
            "OLD.status = 'final'",
        )
        for action in ("UPDATE", "DELETE")
    ),
    *(
        guard_trigger(
            f"supervision_amendment_no_{action.lower()}",
            action,
            "supervision_amendment",
            AMENDMENTS,
        )
        for action in ("UPDATE", "DELETE")
    ),
)


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    now = datetime.utcnow  # frozen: a default, not the app clock

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Worker(Base):
        pass

    class SupervisionNote(Base):
        worker = pw.ForeignKeyField(Worker, backref="+")
        author = pw.ForeignKeyField(Worker, backref="+")
        held_on = pw.DateField(null=True)
        body = pw.TextField(default="")
        agreed_actions = pw.TextField(default="")
        status = pw.CharField(default="draft")
        draft_state = pw.TextField(default="")
        finalised_at = pw.DateTimeField(null=True)
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

        class Meta:
            table_name = "supervision_note"
            indexes = ((("worker", "held_on"), False), (("author", "status"), False))

    class SupervisionAmendment(Base):
        supervision = pw.ForeignKeyField(SupervisionNote, backref="+")
        author = pw.ForeignKeyField(Worker, backref="+")
        reason = pw.TextField()
        body = pw.TextField()
        created_at = pw.DateTimeField(default=now)

        class Meta:
            table_name = "supervision_amendment"

    db.create_tables([SupervisionNote, SupervisionAmendment])
    for sql in TRIGGERS:
        execute_sql(db, sql)
