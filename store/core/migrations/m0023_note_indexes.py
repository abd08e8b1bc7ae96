"""Version 23: two indexes of the note table that others cover are dropped.

``note_case_id`` (a case's notes) and ``note_author_id`` (a worker's notes) came with the
table in version 1; ``note_case_id_contact_at`` and ``note_author_id_status`` came later and
start with the same column, so every query that could use the first two uses them (the
query plans of every statement on notes are the same without the first two), as do the
database's own look-ups for a case or a worker removed. Each index is written again whenever
a note is, so finalising a note writes two fewer of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

# Each dropped index, and the one that covers it.
DROPPED = {
    "note_case_id": "note_case_id_contact_at",
    "note_author_id": "note_author_id_status",
}


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    for index in DROPPED:
        execute_sql(db, f'DROP INDEX IF EXISTS "{index}"')
