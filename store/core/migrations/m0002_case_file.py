"""Version 2: the case file and notes: client language and identifiers, support network,
professionals, summary versions, change history, note drafts, follow-ups and amendments, tasks.
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

    # Stubs of the version-1 tables the new ones refer to.
    class Worker(Base):
        pass

    class Client(Base):
        pass

    class Case(Base):
        pass

    class Note(Base):
        pass

    # Plain ADD COLUMN with a default: peewee's migrator would rebuild the table for NOT NULL,
    # rewriting every note of a large database; this is standard SQL and instant.
    for table, column, kind in (
        ("client", "language", "VARCHAR(255) NOT NULL DEFAULT ''"),
        ("client", "identifiers", "TEXT NOT NULL DEFAULT ''"),
        ("note", "chronology_title", "VARCHAR(255) NOT NULL DEFAULT ''"),
        ("note", "follow_up_on", "DATE"),
        ("note", "draft_state", "TEXT NOT NULL DEFAULT ''"),
    ):
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {kind}')
    migrator.migrate(migrator.add_index("note", ("author_id", "status"), False))

    class NoteAmendment(Base):
        note = pw.ForeignKeyField(Note, backref="+", on_delete="CASCADE")
        author = pw.ForeignKeyField(Worker, backref="+")
        reason = pw.TextField()
        body = pw.TextField()
        created_at = pw.DateTimeField(default=now)

    class Contact(Base):
        client = pw.ForeignKeyField(Client, backref="+", on_delete="CASCADE")
        name = pw.CharField()
        relationship = pw.CharField(default="")
        phone = pw.CharField(default="")
        address = pw.TextField(default="")
        notes = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        removed_at = pw.DateTimeField(null=True)
        version = pw.IntegerField(default=1)

    class Professional(Base):
        case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE")
        name = pw.CharField()
        agency = pw.CharField(default="")
        role = pw.CharField(default="")
        phone = pw.CharField(default="")
        email = pw.CharField(default="")
        started_on = pw.DateField(null=True)
        ended_on = pw.DateField(null=True)
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        removed_at = pw.DateTimeField(null=True)
        version = pw.IntegerField(default=1)

    class SummaryVersion(Base):
        case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE")
        body = pw.TextField()
        author = pw.ForeignKeyField(Worker, backref="+")
        created_at = pw.DateTimeField(default=now)

        class Meta:
            indexes = ((("case", "created_at"), False),)

    class RecordChange(Base):
        table = pw.CharField()
        record_id = pw.IntegerField()
        field = pw.CharField()
        old_value = pw.TextField(null=True)
        new_value = pw.TextField(null=True)
        changed_by = pw.ForeignKeyField(Worker, backref="+")
        changed_at = pw.DateTimeField(default=now)

        class Meta:
            indexes = ((("table", "record_id"), False),)

    class Task(Base):
        case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE")
        worker = pw.ForeignKeyField(Worker, backref="+")
        title = pw.CharField()
        due_on = pw.DateField()
        source_kind = pw.CharField(default="manual")
        source_id = pw.IntegerField(null=True)
        done_at = pw.DateTimeField(null=True)
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")

        class Meta:
            indexes = ((("worker", "done_at", "due_on"), False),)

    db.create_tables([NoteAmendment, Contact, Professional, SummaryVersion, RecordChange, Task])
