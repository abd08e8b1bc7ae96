"""The index's upkeep: what it covers and how each record becomes a row of it are migration
20's (``store.core.migrations.m0020_search``: its sources and triggers; on PostgreSQL
``store.core.postgres_search``, from the same sources); here, rebuilding it
from the records, and writing many records at once with its triggers set aside (the demo),
the index then built in one pass, which is quicker than row by row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import peewee as pw

from store.core import postgres_search
from store.core.dialect import execute_sql, trigger_name
from store.core.migrations import m0020_search as schema
from store.core.postgres import is_postgres


def rebuild(db: pw.Database) -> None:
    """Make the index again from the records (inside a write transaction)."""
    if is_postgres(db):
        for sql in postgres_search.fill():
            execute_sql(db, sql)
        return
    execute_sql(db, f"DELETE FROM {schema.TABLE}")
    for source in schema.SOURCES:
        execute_sql(db, source.fill())


@contextmanager
def set_aside(db: pw.Database) -> Iterator[None]:
    """Inside a write transaction: the writes made inside leave the index alone, and it is
    rebuilt once at the end (if they fail, the transaction's rollback puts all back)."""
    if is_postgres(db):
        # Its triggers turned off for the transaction's writes (ALTER TABLE is transactional).
        names = postgres_search.trigger_names()
        for table, name in names:
            execute_sql(db, f'ALTER TABLE "{table}" DISABLE TRIGGER {name}')
        yield
        rebuild(db)
        for table, name in names:
            execute_sql(db, f'ALTER TABLE "{table}" ENABLE TRIGGER {name}')
        return
    for sql in schema.TRIGGERS:
        execute_sql(db, f"DROP TRIGGER IF EXISTS {trigger_name(sql)}")
    yield
    rebuild(db)
    for sql in schema.TRIGGERS:
        execute_sql(db, sql)
