"""Version 1: workers, clients, cases, allocations, notes, chronology (frozen copy)."""

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

    class Counter(Base):
        name = pw.CharField(unique=True)
        value = pw.IntegerField(default=0)

    class Worker(Base):
        username = pw.CharField(unique=True)
        display_name = pw.CharField()
        role = pw.CharField(default="worker")
        active = pw.BooleanField(default=True)
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)

    class Client(Base):
        name = pw.CharField()
        name_key = pw.CharField(index=True)
        date_of_birth = pw.DateField(null=True, index=True)
        address = pw.TextField(default="")
        phone = pw.CharField(default="")
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        version = pw.IntegerField(default=1)

    class Case(Base):
        ref = pw.CharField(unique=True)
        client = pw.ForeignKeyField(Client, backref="cases")
        status = pw.CharField(default="open")
        worker = pw.ForeignKeyField(Worker, null=True, backref="cases")
        allocated_on = pw.DateField(null=True)
        opened_on = pw.DateField()
        closed_on = pw.DateField(null=True)
        closure_reason = pw.TextField(default="")
        closing_summary = pw.TextField(default="")
        last_contact_at = pw.DateTimeField(null=True)
        next_review_on = pw.DateField(null=True)
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        version = pw.IntegerField(default=1)

        class Meta:
            indexes = ((("status", "worker"), False),)

    class Allocation(Base):
        case = pw.ForeignKeyField(Case, backref="allocations", on_delete="CASCADE")
        worker = pw.ForeignKeyField(Worker, backref="+")
        allocated_on = pw.DateField()
        ended_on = pw.DateField(null=True)
        reason = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")

    class Note(Base):
        case = pw.ForeignKeyField(Case, backref="notes", on_delete="CASCADE")
        author = pw.ForeignKeyField(Worker, backref="+")
        contact_at = pw.DateTimeField()
        note_type = pw.CharField(default="case note")
        present = pw.TextField(default="")
        body = pw.TextField(default="")
        significant = pw.BooleanField(default=False)
        status = pw.CharField(default="final")
        finalised_at = pw.DateTimeField(null=True)
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

        class Meta:
            indexes = ((("case", "contact_at"), False),)

    class ChronologyEntry(Base):
        case = pw.ForeignKeyField(Case, backref="chronology", on_delete="CASCADE")
        allocation = pw.ForeignKeyField(Allocation, null=True, backref="+")
        occurred_on = pw.DateField()
        category = pw.CharField(default="other")
        title = pw.CharField()
        details = pw.TextField(default="")
        source_kind = pw.CharField(default="manual")
        source_id = pw.IntegerField(null=True)
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")

        class Meta:
            indexes = ((("case", "occurred_on"), False),)

    db.create_tables([Counter, Worker, Client, Case, Allocation, Note, ChronologyEntry])
