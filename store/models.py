"""Peewee models: the current shape of every table.

These describe the schema as the newest migration leaves it. Migrations never import them
(each migration carries its own frozen copy), so changing a model here means adding a migration.

Timestamps (``*_at``) are naive UTC; calendar dates (``*_on``, ``date_of_birth``) are local
dates as the worker meant them. ``version`` columns count edits, for records two people may
edit at once.
"""

from __future__ import annotations

from datetime import UTC, datetime

import peewee as pw

from .db import proxy


def utcnow() -> datetime:
    """Now as naive UTC, the form timestamps are stored in."""
    from . import dates

    return dates.now_utc().astimezone(UTC).replace(tzinfo=None)


class BaseModel(pw.Model):
    class Meta:
        database = proxy
        legacy_table_names = False


class Meta(BaseModel):
    """Key/value facts about the database itself: that it is Caseline's, its schema version."""

    key = pw.CharField(primary_key=True)
    value = pw.TextField()

    class Meta:
        table_name = "caseline_meta"


class Counter(BaseModel):
    """Named sequences (case references per year)."""

    name = pw.CharField(unique=True)
    value = pw.IntegerField(default=0)


class Worker(BaseModel):
    """A member of staff who holds cases."""

    username = pw.CharField(unique=True)
    display_name = pw.CharField()
    role = pw.CharField(default="worker")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)


class Client(BaseModel):
    """A person (or family) the agency works with; may have more than one case over time."""

    name = pw.CharField()
    name_key = pw.CharField(index=True)  # textsafe.fold(name): sorting, filtering, duplicates
    date_of_birth = pw.DateField(null=True, index=True)
    address = pw.TextField(default="")
    phone = pw.CharField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    version = pw.IntegerField(default=1)


class Case(BaseModel):
    """A client's case: referral, then open (allocated to a worker), then closed."""

    ref = pw.CharField(unique=True)
    client = pw.ForeignKeyField(Client, backref="cases")
    status = pw.CharField(default="open")  # referral | open | closed
    worker = pw.ForeignKeyField(Worker, null=True, backref="cases")
    allocated_on = pw.DateField(null=True)
    opened_on = pw.DateField()
    closed_on = pw.DateField(null=True)
    closure_reason = pw.TextField(default="")
    closing_summary = pw.TextField(default="")
    # Kept up to date in the same transaction as the notes and plans they summarise, so the
    # caseload never has to aggregate over every note to draw a row.
    last_contact_at = pw.DateTimeField(null=True)
    next_review_on = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("status", "worker"), False),)


class Allocation(BaseModel):
    """One period during which a worker held a case; a transfer ends one and starts the next."""

    case = pw.ForeignKeyField(Case, backref="allocations", on_delete="CASCADE")
    worker = pw.ForeignKeyField(Worker, backref="+")
    allocated_on = pw.DateField()
    ended_on = pw.DateField(null=True)
    reason = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")


class Note(BaseModel):
    """A case note (recording). Finalised notes are never updated in place."""

    case = pw.ForeignKeyField(Case, backref="notes", on_delete="CASCADE")
    author = pw.ForeignKeyField(Worker, backref="+")
    contact_at = pw.DateTimeField()
    note_type = pw.CharField(default="case note")
    present = pw.TextField(default="")
    body = pw.TextField(default="")
    significant = pw.BooleanField(default=False)
    status = pw.CharField(default="final")  # draft | final
    finalised_at = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("case", "contact_at"), False),)


class ChronologyEntry(BaseModel):
    """A significant event in a case, automatic (with its source) or added by hand."""

    case = pw.ForeignKeyField(Case, backref="chronology", on_delete="CASCADE")
    allocation = pw.ForeignKeyField(Allocation, null=True, backref="+")
    occurred_on = pw.DateField()
    category = pw.CharField(default="other")
    title = pw.CharField()
    details = pw.TextField(default="")
    source_kind = pw.CharField(default="manual")  # allocation | transfer | status | note | manual
    source_id = pw.IntegerField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")

    class Meta:
        indexes = ((("case", "occurred_on"), False),)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Meta,
    Counter,
    Worker,
    Client,
    Case,
    Allocation,
    Note,
    ChronologyEntry,
)
