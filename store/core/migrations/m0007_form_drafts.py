"""Version 7: what a worker has typed into a form (a plan review, a goal, client details) kept
as a draft, so a dropped connection or a closed terminal loses nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    now = datetime.utcnow  # frozen: a default, not the app clock

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Worker(Base):
        pass

    class FormDraft(Base):
        worker = pw.ForeignKeyField(Worker, backref="+", on_delete="CASCADE")
        key = pw.CharField()
        title = pw.CharField(default="")
        state = pw.TextField()
        updated_at = pw.DateTimeField(default=now)

        class Meta:
            indexes = ((("worker", "key"), True),)

    db.create_tables([FormDraft])
