"""Copying a whole Caseline database to a new one, between an SQLite file and a PostgreSQL
database either way (``caseline admin copy-db``).

The source is checked first (SQLite's whole integrity check of a file, then the proof of its
seals): a damaged source is refused, never copied. The target must be new: a file not there
yet, or a PostgreSQL database with no tables (or an empty Caseline database: a copy that
failed leaves its schema behind, and may be tried again). It is made at the newest schema, the
source's, and every table is copied into it in one transaction, from one snapshot of the
source, in an order its foreign keys allow, ids kept; PostgreSQL's id sequences are then set
past the highest id. The guard triggers stay in place: they refuse changes and deletions of
final records, so inserting them as they were is allowed, but for the parts of finalised
minutes (attendees, agenda, actions), which may not be added to minutes already final: minutes
are copied as drafts and made final once everything is in (``FINAL_LAST``), as they were made
final in the first place. The seals are copied as they are (the content hash is the same on
both databases: ``store.core.seal``), and nothing is sealed anew. What is derived
(the search index, the clients' name grams, the schema's own records) is made by the target
itself. Before committing, every table's row count is compared and the whole chain of seals
verified on the target (``store.integrity``); any difference and nothing is kept. The copy is
then written in the target's audit trail (``database-copied``, from where).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

import peewee

from store.common.errors import DamagedDatabase, DatabaseUnavailable, StoreError
from store.common.records import Role
from store.core import migrations, postgres, seal
from store.core.db import Database
from store.core.dialect import execute_sql, executemany, ids_given
from store.core.permissions import require_role

if TYPE_CHECKING:
    from store.areas import Areas
    from store.audit.service import AuditService
    from store.common.records import WorkerInfo


class Opened(Protocol):
    """A database opened to write (a Store): its audit trail, and closing it."""

    database: Database

    @property
    def audit(self) -> AuditService: ...

    def close(self) -> None: ...


# Opens (making it at the newest schema) the database at a path or URL: ``Store.open``.
Opener = Callable[[Path | str], Opened]

ADMINISTRATORS_ONLY = "Only an administrator can copy a database."
ACTION = "database-copied"
BATCH = 2000
# Tables the target writes itself: the schema's own record (its version, when it was made).
MADE_BY_TARGET = frozenset({"caseline_meta"})
# Minutes' parts (attendees, agenda, actions) can't be added to minutes already final: their
# guards refuse it, as they would anyone adding to a record. Finalised minutes are copied as
# drafts, and made final again once every table is in: {table: the status they are copied at}.
FINAL_LAST = {"conference": "draft"}
# The tables of an empty Caseline database on PostgreSQL besides those copied (the clients'
# name grams and the search index, each kept by the target's own triggers).
OWN_TABLES = MADE_BY_TARGET | {"client_name_gram", "search_index"}


class CopyRefused(DatabaseUnavailable):
    """The copy was not made: the target is not new, the source fails its check, the copy
    came out different (one line says why; the target is left as it was)."""


@dataclass(frozen=True, slots=True)
class DatabaseCopy:
    """A database copied: from where to where, how many tables and rows, and the seals'
    chain verified on the copy (how many links)."""

    source: str
    target: str
    tables: int
    rows: int
    links: int
    schema_version: int


def shown(location: Path | str) -> str:
    """Where a database is, to show: a file's path, or a URL without its password."""
    return postgres.shown(location) if isinstance(location, str) else str(location)


def copied_tables() -> list[str]:
    """The tables a copy carries, parents before the tables that refer to them: every model's,
    and the seals'."""
    from store.postgres_open import all_models

    ordered = cast(Any, peewee).sort_models(all_models())  # not in peewee's type stubs
    tables = [model._meta.table_name for model in ordered]
    return [t for t in tables if t not in MADE_BY_TARGET] + [seal.SEAL_TABLE]


def copy_database(
    source: Areas, actor: WorkerInfo, target: Path | str, *, origin: str, opener: Opener
) -> DatabaseCopy:
    """Copy the database ``source`` is open on to the new database ``target`` (a file's path
    or a postgresql:// URL), made by ``opener``; ``actor`` must be an administrator."""
    with source.database.reading():
        require_role(actor, {Role.ADMINISTRATOR.value}, ADMINISTRATORS_ONLY)
    if _same(source.database, target):
        raise CopyRefused(f"{shown(target)} is the database being copied.")
    made_file = _check_target_new(target)  # first: a mistyped target is said at once
    _check_source(source)
    try:
        return _copy(source, actor, target, origin=origin, opener=opener)
    except BaseException:
        if made_file:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        raise


def _same(source: Database, target: Path | str) -> bool:
    if source.server or isinstance(target, str):
        return isinstance(target, str) and shown(target) == source.where
    return target.exists() and target.resolve() == source.path.resolve()


def _check_source(source: Areas) -> None:
    database = source.database
    where = shown(database.location)
    if not database.server:
        from store.backups.copy import file_problem

        problem = file_problem(database.path, full=True)
        if problem is not None:
            raise DamagedDatabase(
                f"{where} fails SQLite's integrity check ({problem}): restore it from a backup "
                "before copying it; nothing was copied."
            )
    report = source.integrity.verify()
    if not report.sound:
        raise CopyRefused(
            f"{where} fails its check: {report.problems[0]}"
            + (f" (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else "")
            + "; run caseline verify on it. Nothing was copied."
        )


def _check_target_new(target: Path | str) -> bool:
    """Refuse a target that is not new; True when the target is a file the copy will make."""
    if isinstance(target, Path):
        if target.exists() or target.is_symlink():
            raise CopyRefused(
                f"{target} already exists: the copy makes a new database file; name one that "
                "isn't there."
            )
        if not target.parent.is_dir():
            raise CopyRefused(f"There is no folder {target.parent} to make the copy in.")
        return True
    from store.core.postgres_db import PostgresDatabase, schema_version

    database = PostgresDatabase(target)
    try:
        version = schema_version(database)
        if version is not None:
            with database.reading() as db:
                others = sorted(set(db.get_tables()) - set(copied_tables()) - OWN_TABLES)
                if others:
                    raise CopyRefused(
                        f"{database.where} holds tables that are not Caseline's ({others[0]}): "
                        "the copy goes into a new, empty database (createdb NAME makes one)."
                    )
                if any(_count(db, table) for table in copied_tables()):
                    raise CopyRefused(
                        f"{database.where} is not empty: the copy goes into a new, empty "
                        "database (createdb NAME makes one)."
                    )
    finally:
        database.close()
    return False


def _count(db: peewee.Database, table: str) -> int:
    return int(execute_sql(db, f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])


def _copy(
    source: Areas, actor: WorkerInfo, target: Path | str, *, origin: str, opener: Opener
) -> DatabaseCopy:
    made = opener(target)
    try:
        tables, rows, links = _copy_rows(source.database, made.database)
        made.audit.record(
            actor,
            ACTION,
            login=actor.username,
            detail=f"from {shown(source.database.location)}"[:500],
            origin=origin,
        )
        return DatabaseCopy(
            shown(source.database.location),
            shown(target),
            tables,
            rows,
            links,
            migrations.LATEST,
        )
    finally:
        made.close()


def _copy_rows(source: Database, target: Database) -> tuple[int, int, int]:
    """Copy every table in one transaction on ``target``, checked before it commits: (how many
    tables, rows and links of the seals' chain)."""
    try:
        return _copy_rows_once(source, target)
    except Exception as exc:
        if not _refused_by_database(exc, target):
            raise
        # A row the target refused (a guard, a reference, a value of the wrong kind): all of
        # it rolled back.
        said = " ".join(str(exc).split())[:300]
        raise CopyRefused(
            f"{target.where} refused a row of the copy ({said}); nothing was kept."
        ) from exc


def _refused_by_database(exc: Exception, target: Database) -> bool:
    """Whether ``exc`` is the database refusing a statement (peewee's, or the driver's own
    from a batch of rows), not a failure of Caseline's."""
    import sqlite3

    if isinstance(exc, StoreError):
        return False
    if isinstance(exc, peewee.DatabaseError | sqlite3.DatabaseError):
        return True
    return target.server and isinstance(exc, postgres.driver().Error)


def _copy_rows_once(source: Database, target: Database) -> tuple[int, int, int]:
    from store.integrity.service import verify_in

    tables = copied_tables()
    total = 0
    with source.reading() as src, target.migrating() as dst:
        for table in tables:
            if _count(dst, table):
                raise CopyRefused(f"{target.where} is not empty; nothing was copied.")
        finals: dict[str, list[int]] = {}
        for table in tables:
            total += _copy_table(src, dst, table, target.where, finals.setdefault(table, []))
        for table, ids in finals.items():
            for start in range(0, len(ids), BATCH):
                listed = ", ".join(str(int(i)) for i in ids[start : start + BATCH])
                execute_sql(dst, f"UPDATE \"{table}\" SET status = 'final' WHERE id IN ({listed})")
        if target.server:
            ids_given(dst, tables)
        for table in tables:
            there, here = _count(src, table), _count(dst, table)
            if there != here:
                raise CopyRefused(
                    f"The copy of {table} has {here} rows where {source.where} has {there}; "
                    "nothing was kept."
                )
        report = verify_in(dst)
        if not report.sound:
            raise CopyRefused(
                f"The seals of the copy do not verify ({report.problems[0]}); nothing was kept."
            )
        links = report.links_checked
    return len(tables), total, links


def _columns(db: peewee.Database, table: str) -> dict[str, str]:
    """{column: its type, in lower case} of a table, in the table's order."""
    return {c.name: str(c.data_type).lower() for c in db.get_columns(table)}


def _copy_table(
    src: peewee.Database, dst: peewee.Database, table: str, where: str, finals: list[int]
) -> int:
    """Copy a table's rows; those that must be made final last (``FINAL_LAST``) are copied at
    the status it gives, their ids added to ``finals``."""
    theirs, ours = _columns(src, table), _columns(dst, table)
    missing = [c for c in theirs if c not in ours]
    if missing:
        raise CopyRefused(
            f"{where} has no column {table}.{missing[0]}: the two schemas differ; nothing "
            "was copied."
        )
    names = list(theirs)
    to_postgres = postgres.is_postgres(dst)
    kinds = [ours[name] for name in names]
    listed = ", ".join(f'"{n}"' for n in names)
    insert = f'INSERT INTO "{table}" ({listed}) VALUES ({", ".join("?" for _ in names)})'
    order = " ORDER BY id" if "id" in theirs else ""
    copied = 0
    for batch in _batches(execute_sql(src, f'SELECT {listed} FROM "{table}"{order}')):
        rows = [
            tuple(_value(v, kind, to_postgres) for v, kind in zip(row, kinds, strict=True))
            for row in batch
        ]
        if table in FINAL_LAST:
            status = names.index("status")
            for i, row in enumerate(rows):
                if row[status] == "final":
                    finals.append(int(row[names.index("id")]))
                    rows[i] = (*row[:status], FINAL_LAST[table], *row[status + 1 :])
        executemany(dst, insert, rows)
        copied += len(rows)
    return copied


def _batches(cursor: Any) -> Iterator[Sequence[Sequence[Any]]]:
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows:
            return
        yield rows


def _value(value: Any, kind: str, to_postgres: bool) -> Any:
    """A value read from one database as the other stores it."""
    if value is None:
        return None
    if to_postgres:
        if kind == "boolean":
            return bool(value)
        return value
    # Into SQLite: as Caseline's own writes store them (the content hashes are of that).
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    return value
