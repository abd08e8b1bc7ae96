"""The index's upkeep: what it covers and how each record becomes a row of it are migration
20's (``store.core.migrations.m0020_search``: its sources and triggers); here, rebuilding it
from the records, and writing many records at once with its triggers set aside (the demo),
the index then built in one pass, which is quicker than row by row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import peewee as pw

from store.core.dialect import execute_sql, trigger_name
from store.core.migrations import m0020_search as schema


def rebuild(db: pw.Database) -> None:
    """Make the index again from the records (inside a write transaction)."""
    execute_sql(db, f"DELETE FROM {schema.TABLE}")
    for source in schema.SOURCES:
        execute_sql(db, source.fill())


@contextmanager
def set_aside(db: pw.Database) -> Iterator[None]:
    """Inside a write transaction: the writes made inside leave the index alone, and it is
    rebuilt once at the end (if they fail, the transaction's rollback puts all back)."""
    for sql in schema.TRIGGERS:
        execute_sql(db, f"DROP TRIGGER IF EXISTS {trigger_name(sql)}")
    yield
    rebuild(db)
    for sql in schema.TRIGGERS:
        execute_sql(db, sql)
