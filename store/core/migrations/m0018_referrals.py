"""Version 18: referrals out of a case, with their status history and chasing, and the
incoming referrals by which a case arrived.

``referral`` is a referral to a directory service (``resource_service``, version 16) or an
agency typed in, with what was shared and under which consent (``consent``, version 17) or the
lawful reason to share without one; ``referral_status_change``
keeps every move of its status, dated and with its note, and ``referral_chase`` every attempt to
get an answer. Both are records: the database refuses to change or delete them, and they are
sealed (``store.core.seal``). ``incoming_referral`` holds who referred the client and what was
decided. The case keeps how many of its referrals wait to be escalated, for the caseload.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

KEPT = "{what} are kept as written and cannot be changed or deleted"

TRIGGERS = tuple(
    guard_trigger(f"{table}_no_{action.lower()}", action, table, KEPT.format(what=what))
    for table, what in (
        ("referral_status_change", "the status changes of a referral"),
        ("referral_chase", "the chases of a referral"),
    )
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

    class ResourceService(Base):
        class Meta:
            table_name = "resource_service"

    class Consent(Base):
        class Meta:
            table_name = "consent"

    class Referral(Base):
        case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE", index=False)
        service = pw.ForeignKeyField(ResourceService, null=True, backref="+")
        agency = pw.TextField()
        agency_contact = pw.TextField(default="")
        referred_on = pw.DateField()
        reason = pw.TextField(default="")
        urgency = pw.CharField(default="routine")
        shared = pw.TextField(default="")
        consent = pw.ForeignKeyField(Consent, null=True, backref="+")
        lawful_reason = pw.TextField(default="")
        status = pw.CharField(default="drafted")
        status_on = pw.DateField()
        sent_on = pw.DateField(null=True)
        last_response_on = pw.DateField(null=True)
        next_chase_on = pw.DateField(null=True)
        appointment_at = pw.DateTimeField(null=True)
        accompanied_by = pw.TextField(default="")
        outcome = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

        class Meta:
            # Also indexes the case's foreign key.
            indexes = ((("case", "referred_on"), False),)

    class ReferralStatusChange(Base):
        referral = pw.ForeignKeyField(Referral, backref="+", on_delete="CASCADE")
        status = pw.CharField()
        previous = pw.CharField(default="")
        changed_on = pw.DateField()
        note = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")

    class ReferralChase(Base):
        referral = pw.ForeignKeyField(Referral, backref="+", on_delete="CASCADE")
        chased_on = pw.DateField()
        method = pw.CharField()
        contacted = pw.TextField(default="")
        said = pw.TextField(default="")
        responded = pw.BooleanField(default=False)
        next_chase_on = pw.DateField(null=True)
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")

    class IncomingReferral(Base):
        case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE", index=False)
        source = pw.CharField()
        referrer = pw.TextField(default="")
        referrer_contact = pw.TextField(default="")
        reason = pw.TextField(default="")
        received_on = pw.DateField()
        decision = pw.CharField(default="")
        decided_on = pw.DateField(null=True)
        decision_note = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

        class Meta:
            table_name = "incoming_referral"
            indexes = ((("case", "received_on"), False),)

    db.create_tables([Referral, ReferralStatusChange, ReferralChase, IncomingReferral])
    # Plain ADD COLUMN with a default, as in version 2: instant, no table rebuild.
    execute_sql(
        db, 'ALTER TABLE "case" ADD COLUMN "referrals_to_escalate" INTEGER NOT NULL DEFAULT 0'
    )
    for sql in TRIGGERS:
        execute_sql(db, sql)
