"""Version 13: the closure checklist, worked through before a case closes.

One row per item of a case's checklist that someone has marked (an item with no row is still
open): ticked, or not applicable with the reason. A worker may tick items over days, so each row
keeps its own version, like every record two people may change at once, and each change is
kept in the record history. The checklist is not a final record: it may change until the case
closes, and again if it reopens; what it said when the case closed is written into the closing
chronology entry, which is sealed.
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

    class Case(Base):
        pass

    class ClosureCheck(Base):
        case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE", index=False)
        item = pw.TextField()
        state = pw.TextField(default="open")
        reason = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        updated_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        version = pw.IntegerField(default=1)

        class Meta:
            # One row per item of a case's checklist (which also indexes the foreign key).
            indexes = ((("case", "item"), True),)

    db.create_tables([ClosureCheck])
