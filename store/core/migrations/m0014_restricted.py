"""Version 14: restricted cases. A case may be marked restricted (a staff member's own family,
a client known in the area): only the worker holding it and the workers named for it open it;
everyone else sees only that it exists and whom to ask.

``restricted_to`` holds the named workers' ids as ",3,7," (empty: nobody but the holder), so
one indexed read of the case answers "is this worker named?" and a list can ask it with LIKE.
Who is named, and why the case is restricted, change like any other field of the case: each
change is kept in the record history and the audit trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    # Plain ADD COLUMN with a default, as in version 2: instant, no table rebuild.
    for column, kind in (
        ("restricted", "INTEGER NOT NULL DEFAULT 0"),
        ("restricted_to", "TEXT NOT NULL DEFAULT ''"),
        ("restriction_reason", "TEXT NOT NULL DEFAULT ''"),
    ):
        execute_sql(db, f'ALTER TABLE "case" ADD COLUMN "{column}" {kind}')
