"""Version 8: draft minutes remember who saved them last, so a colleague whose save is refused
(the draft moved on since they opened it) is told whose version they are looking at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee as pw

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    # A plain nullable ADD COLUMN: instant, no table rebuild; the finalised-minutes triggers
    # list the columns they protect, so this one stays writable only while a draft is saved.
    db.execute_sql(
        'ALTER TABLE "conference" ADD COLUMN "updated_by_id" INTEGER REFERENCES "worker" ("id")'
    )
