"""Version 22: a referral's details can be corrected after it is made, its earlier wording kept.

A referral is sent to another agency: what it said then must stay readable after a correction.
``referral_version`` keeps each wording a referral had before an edit replaced it (to whom,
the contact, the date, the reason, the urgency and what was shared), with who replaced it, when
and why (a sent referral's edit is an amendment and needs its reason). The rows are records:
the database refuses to change or delete them, and they are sealed (``store.core.seal``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

KEPT = "the earlier versions of a referral are kept as written and cannot be changed or deleted"

TRIGGERS = tuple(
    guard_trigger(f"referral_version_no_{action.lower()}", action, "referral_version", KEPT)
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

    class ResourceService(Base):
        class Meta:
            table_name = "resource_service"

    class Referral(Base):
        pass

    class ReferralVersion(Base):
        referral = pw.ForeignKeyField(Referral, backref="+", on_delete="CASCADE")
        service = pw.ForeignKeyField(ResourceService, null=True, backref="+", index=False)
        agency = pw.TextField()
        agency_contact = pw.TextField(default="")
        referred_on = pw.DateField()
        reason = pw.TextField(default="")
        urgency = pw.CharField(default="routine")
        shared = pw.TextField(default="")
        status = pw.CharField()  # the referral's status when it was replaced
        why = pw.TextField(default="")  # why it was changed ("" for a draft's edit)
        replaced_at = pw.DateTimeField(default=now)
        replaced_by = pw.ForeignKeyField(Worker, null=True, backref="+")

    db.create_tables([ReferralVersion])
    for sql in TRIGGERS:
        execute_sql(db, sql)
