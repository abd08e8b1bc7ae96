"""Version 9: workers sign in, and every sign-in is kept in an append-only audit trail.

A worker gains a team, a passphrase (its Argon2id hash; none until an administrator sets
one), a count of failed sign-ins since the last good one (with when the last failed, for the
growing delay), when the login was locked after too many, and when they last signed in.
Existing workers keep their role and have no passphrase yet.

``audit_event`` records who did what, when, to which record and from where. The database
itself refuses to change or delete its rows, whatever writes to the file.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


# Defaults in the schema too, so what another program adds to the trail needs no more than
# who, when and what.
def _empty() -> list[pw.Node]:
    return [pw.SQL("DEFAULT ''")]


APPEND_ONLY = "the audit trail is kept as written and cannot be changed or deleted"

WORKER_COLUMNS = (
    "\"team\" TEXT NOT NULL DEFAULT ''",
    '"passphrase_hash" TEXT',
    '"failed_sign_ins" INTEGER NOT NULL DEFAULT 0',
    '"last_failed_at" DATETIME',
    '"locked_at" DATETIME',
    '"last_sign_in_at" DATETIME',
)

TRIGGERS = tuple(
    guard_trigger(f"audit_event_no_{event.lower()}", event, "audit_event", APPEND_ONLY)
    for event in ("UPDATE", "DELETE")
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

    class AuditEvent(Base):
        at = pw.DateTimeField(default=now)
        worker = pw.ForeignKeyField(Worker, null=True, backref="+", index=False)
        login = pw.TextField(default="")
        action = pw.TextField()
        record_kind = pw.TextField(default="", constraints=_empty())
        record_id = pw.IntegerField(null=True)
        case = pw.ForeignKeyField(Case, null=True, backref="+", index=False)
        detail = pw.TextField(default="", constraints=_empty())
        origin = pw.TextField(default="", constraints=_empty())

        class Meta:
            # A case's trail and a worker's, each in time order (which also serve as the
            # indexes of the two foreign keys).
            indexes = ((("case", "at"), False), (("worker", "at"), False))

    # Plain ADD COLUMNs: instant, no table rebuild, every worker kept as they are.
    for column in WORKER_COLUMNS:
        execute_sql(db, f'ALTER TABLE "worker" ADD COLUMN {column}')
    db.create_tables([AuditEvent])
    for sql in TRIGGERS:
        execute_sql(db, sql)
