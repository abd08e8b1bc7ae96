"""Version 3: chronology entries gain who reported the information, an analysis, and a version
(manual entries are edited with their history kept; automatic ones are annotated).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee as pw

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    # Plain ADD COLUMN with a default, as in version 2: instant, no table rebuild.
    for column, kind in (
        ("source_of_information", "TEXT NOT NULL DEFAULT ''"),
        ("analysis", "TEXT NOT NULL DEFAULT ''"),
        ("version", "INTEGER NOT NULL DEFAULT 1"),
        ("updated_at", "DATETIME"),
    ):
        db.execute_sql(f'ALTER TABLE "chronology_entry" ADD COLUMN "{column}" {kind}')
