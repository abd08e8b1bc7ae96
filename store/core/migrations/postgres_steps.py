"""Schema migrations on PostgreSQL.

A PostgreSQL database is made at the newest schema from the models (``create_schema``), so
the SQLite steps that built the schema up to ``FIRST`` never run there. Each schema change
after it brings two steps: the SQLite one in ``STEPS`` and this one, under the same version in
``POSTGRES_STEPS``, written for PostgreSQL (its own types, PL/pgSQL for triggers; a step may use
peewee's schema migrator, as the SQLite steps do). ``upgrade`` runs those a database lacks in
one transaction, which PostgreSQL keeps or undoes whole, DDL included: a failed upgrade leaves
the database as it was. tests/store/test_postgres_migrations.py fails if a version after
``FIRST`` has no PostgreSQL step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import peewee as pw

from store import __version__
from store.common.errors import DatabaseUnavailable
from store.core import migrations

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

Step = Callable[[pw.Database, "SchemaMigrator"], None]

# The schema the first Caseline that ran on PostgreSQL made there: no PostgreSQL database
# holds an older one.
FIRST = 23

# version -> the step that brings a PostgreSQL database from the version before to it.
# Append only; never edit a released step.
POSTGRES_STEPS: dict[int, Step] = {}


def missing() -> list[int]:
    """The versions after ``FIRST``, up to the newest, with no PostgreSQL step."""
    return [v for v in range(FIRST + 1, migrations.LATEST + 1) if v not in POSTGRES_STEPS]


def upgrade(db: pw.Database, where: str) -> list[int]:
    """Bring the PostgreSQL database ``db`` to the newest schema; call inside the migrating
    transaction, whose lock makes every other process wait. Returns the versions run (none if
    another process upgraded it meanwhile)."""
    current = migrations.check_version(migrations.meta_of(db), where)
    if current < FIRST:
        raise DatabaseUnavailable(
            f"{where} holds schema {current}, older than any Caseline made on PostgreSQL "
            f"(schema {FIRST}); it was left as it was."
        )
    pending = list(range(current + 1, migrations.LATEST + 1))
    if lacking := [v for v in pending if v not in POSTGRES_STEPS]:
        raise DatabaseUnavailable(
            f"{where} holds schema {current}; this Caseline has no PostgreSQL upgrade to schema "
            f"{lacking[0]}, so it was left as it was."
        )
    if not pending:
        return []
    from playhouse.migrate import SchemaMigrator

    migrator = SchemaMigrator.from_database(db)
    for version in pending:
        POSTGRES_STEPS[version](db, migrator)
    migrations.set_meta(db, "schema_version", str(pending[-1]))
    migrations.set_meta(db, "written_by", __version__)
    return pending
