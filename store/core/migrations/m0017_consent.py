"""Version 17: consent to share information, and the information-sharing log.

``consent`` holds what a client (or a parent, guardian or attorney for them) agreed may be
shared, with whom, for what, from when until when, and its withdrawal; it is edited with a
version check and every change kept in the record history. ``sharing_event`` is the log of
what was shared with whom, under which consent or lawful reason: append-only, the database
refuses to change or delete a row. ``case.consent_due_on`` keeps the earliest review or expiry
date among a case's consents not withdrawn, so the caseload flags a consent due without
reading every consent.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

SHARING_KEPT = "the information-sharing log is kept as written and cannot be changed or deleted"

TRIGGERS = tuple(
    guard_trigger(f"sharing_event_no_{action.lower()}", action, "sharing_event", SHARING_KEPT)
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

    class Case(Base):
        pass

    class Professional(Base):
        pass

    class Consent(Base):
        case = pw.ForeignKeyField(Case, backref="+")
        share_what = pw.TextField()
        recipient = pw.TextField()
        professional = pw.ForeignKeyField(Professional, null=True, backref="+")
        purpose = pw.TextField(default="")
        given_by = pw.CharField(default="client")
        how = pw.CharField(default="written")
        given_on = pw.DateField()
        expires_on = pw.DateField(null=True)
        withdrawn_on = pw.DateField(null=True)
        withdrawn_reason = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        version = pw.IntegerField(default=1)

        class Meta:
            table_name = "consent"
            indexes = ((("case", "given_on"), False),)

    class SharingEvent(Base):
        case = pw.ForeignKeyField(Case, backref="+")
        shared_at = pw.DateTimeField(default=now)
        worker = pw.ForeignKeyField(Worker, backref="+")
        recipient = pw.TextField()
        what = pw.TextField()
        consent = pw.ForeignKeyField(Consent, null=True, backref="+")
        lawful_reason = pw.TextField(default="")
        source = pw.CharField()
        source_id = pw.IntegerField(null=True)

        class Meta:
            table_name = "sharing_event"
            indexes = ((("case", "shared_at"), False),)

    db.create_tables([Consent, SharingEvent])
    for sql in TRIGGERS:
        execute_sql(db, sql)
    # Plain ADD COLUMN, as in version 6: instant, no table rebuild.
    execute_sql(db, 'ALTER TABLE "case" ADD COLUMN "consent_due_on" DATE')
