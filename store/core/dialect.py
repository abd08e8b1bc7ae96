"""The SQL that is SQLite's alone, in one place: how a connection is made and tuned (pragmas),
how a write takes its lock, how schema changes get past foreign keys, "contains" as a literal
``LIKE ... ESCAPE``, the triggers that make records immutable, and what a driver error means to
a worker.

Everything else in the store is written against peewee and the two context managers of
``store.core.db.Database``. On a PostgreSQL database the functions that take the database hand
over to ``store.core.postgres`` (which imports its driver only when such a database is opened).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import peewee

from store.core import cipher, postgres

BUSY_TIMEOUT_SECONDS = 10


# WAL lets readers carry on while a colleague writes; synchronous=FULL means "saved" is on disk
# even through a power cut; foreign keys are off by default in SQLite.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("busy_timeout", BUSY_TIMEOUT_SECONDS * 1000),
    # The temporary triggers and table that note what a write makes final (store.core.seal)
    # are made afresh on each connection: in memory, not in a file of their own.
    ("temp_store", "memory"),
)


# A read-only connection can't change the journal mode or durability, and must not try.
READ_ONLY_PRAGMAS = (
    ("foreign_keys", 1),
    ("busy_timeout", BUSY_TIMEOUT_SECONDS * 1000),
    ("query_only", 1),
)


def friendly_error(exc: BaseException, path: Path | str) -> str:
    """Turn a driver error into one line a worker can act on."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"The database {path} is busy (locked by another program); try again in a moment."
    if "malformed" in text or "not a database" in text:
        return f"The database {path} is damaged: {text}."
    if "readonly" in text or "read-only" in text:
        return f"The database {path} is read-only."
    if "disk" in text and ("full" in text or "I/O" in text):
        return f"Could not write to {path}: {text}."
    return f"Database error on {path}: {text}."


class _Contains(peewee.ColumnBase):
    """LIKE on SQLite (which ignores ASCII case), ILIKE on PostgreSQL: chosen as the query is
    written for its database."""

    def __init__(self, lhs: Any, pattern: str) -> None:
        super().__init__()
        self.lhs, self.pattern = lhs, pattern

    def __sql__(self, ctx: Any) -> Any:
        like = "ILIKE" if ctx.state.param == "%s" else "LIKE"
        return ctx.sql(
            peewee.NodeList((self.lhs, peewee.SQL(like), self.pattern, peewee.SQL("ESCAPE '\\'")))
        )


def contains(lhs: Any, text: str) -> Any:
    """``lhs`` contains ``text`` literally: % and _ typed by a person are not wildcards.

    SQLite's LIKE ignores ASCII case; callers fold accents themselves where it matters.
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return _Contains(lhs, f"%{escaped}%")


# A write takes SQLite's write lock up front (see ``Database.writing``).
WRITE_LOCK = "IMMEDIATE"


def connect(path: Path, *, read_only: bool, uri: str | None = None) -> peewee.Database:
    """An unopened database for ``path``: read-write with PRAGMAS, or read-only through
    ``uri`` (``store.core.sqlite_file.read_only_uri``) with READ_ONLY_PRAGMAS.

    Each thread uses its own connection (peewee keeps one per thread); ``check_same_thread``
    is off only so that closing the database can close every thread's at once. An encrypted
    file's connections are SQLCipher's, keyed (``store.core.cipher``)."""
    sqlite_database = cipher.database_class(path)
    if read_only:
        return sqlite_database(
            uri or str(path),
            pragmas=READ_ONLY_PRAGMAS,
            timeout=BUSY_TIMEOUT_SECONDS,
            autoconnect=False,
            uri=True,
            check_same_thread=False,
        )
    return sqlite_database(
        str(path),
        pragmas=PRAGMAS,
        timeout=BUSY_TIMEOUT_SECONDS,
        autoconnect=False,
        check_same_thread=False,
    )


def execute_sql(
    db: peewee.Database, sql: str, params: Sequence[Any] | None = None
) -> sqlite3.Cursor:
    """``db.execute_sql(sql, params)``, typed: SQL written for SQLite, run as it is (on
    PostgreSQL, its ? marks made psycopg's)."""
    if postgres.is_postgres(db):
        found: sqlite3.Cursor = postgres.execute_sql(db, sql, params)
        return found
    # peewee's execute_sql is untyped.
    cursor: sqlite3.Cursor = cast(Any, db).execute_sql(sql, params)
    return cursor


def executemany(db: peewee.Database, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run ``sql`` (with ? marks) once for each of ``rows``."""
    if postgres.is_postgres(db):
        postgres.executemany(db, sql, rows)
        return
    cast(Any, db).cursor().executemany(sql, rows)


def insert_id(db: peewee.Database, sql: str, params: Sequence[Any]) -> int:
    """Run an INSERT (with ? marks) and return the new row's id."""
    if postgres.is_postgres(db):
        return postgres.insert_id(db, sql, params)
    return int(execute_sql(db, sql, params).lastrowid or 0)


def as_datetime(value: Any) -> datetime | None:
    """A date and time read by raw SQL: SQLite's text, or PostgreSQL's datetime as it is."""
    if value is None or value == "":
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def set_foreign_keys(db: peewee.Database, *, enforced: bool) -> None:
    """Turn foreign-key enforcement on or off (outside a transaction: SQLite ignores it
    inside one). PostgreSQL's schema changes never rebuild a table: its keys stay checked."""
    if postgres.is_postgres(db):
        return
    execute_sql(db, f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


def broken_references(db: peewee.Database) -> list[Any]:
    """Rows whose foreign keys point nowhere (checked before a schema change commits)."""
    if postgres.is_postgres(db):
        return []  # PostgreSQL never lets one be written
    return list(execute_sql(db, "PRAGMA foreign_key_check").fetchall())


def guard_trigger(name: str, event: str, table: str, message: str, when: str = "") -> str:
    """DDL for a trigger that refuses ``event`` (INSERT, UPDATE or DELETE) on ``table`` with
    ``message`` whenever ``when`` holds (always if it is empty): how the database itself keeps
    finalised records as they were, whatever writes to the file."""
    condition = f"\n        WHEN {when}" if when else ""
    return (
        f'CREATE TRIGGER {name} BEFORE {event} ON "{table}"{condition}\n'
        f"        BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )


def guard_as_made(db: peewee.Database, sql: str) -> str:
    """What ``triggers`` reads of the guard trigger ``sql`` (from ``guard_trigger``) in ``db``
    as it was made: on SQLite its SQL, on PostgreSQL its signature (``store.core.postgres``)."""
    if postgres.is_postgres(db):
        return postgres.guard_signature(sql)
    return sql


def trigger_name(sql: str) -> str:
    """The name of the trigger ``sql`` (from ``guard_trigger``) creates."""
    return sql.split()[2]


def triggers(db: peewee.Database) -> dict[str, str]:
    """{name: SQL} of the triggers in the database file, as they were created."""
    if postgres.is_postgres(db):
        return postgres.triggers(db)
    return dict(execute_sql(db, "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'"))


def ids_given(db: peewee.Database, tables: Sequence[str] | None = None) -> None:
    """Rows were written with their ids into ``tables`` (all of them if None): on PostgreSQL
    each id sequence is moved past the highest id; SQLite takes the next id from the rows."""
    if postgres.is_postgres(db):
        postgres.ids_given(db, tables)


def has_table(db: peewee.Database, name: str) -> bool:
    if postgres.is_postgres(db):
        return postgres.has_table(db, name)
    query = "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?"
    return execute_sql(db, query, (name,)).fetchone() is not None


def note_final_rows(
    db: peewee.Database, pending: str, needed: str, tables: Sequence[tuple[str, bool]]
) -> bool:
    """On this connection, note in the temporary table ``pending`` (table_name, row_id) every
    row inserted into each of ``tables``, and, for those marked True, every row whose status is
    set. Temporary triggers: part of no file, so nothing else writing it has them. Created once
    per connection; nothing is done (False) while the table ``needed`` does not exist."""
    if postgres.is_postgres(db):
        return postgres.note_final_rows(db, pending, needed, tables)
    found = {
        name
        for (name,) in execute_sql(
            db,
            "SELECT name FROM temp.sqlite_master WHERE name = ? "
            "UNION ALL SELECT name FROM main.sqlite_master WHERE name = ?",
            (pending, needed),
        ).fetchall()
    }
    if pending in found:
        return True
    if needed not in found:
        return False
    execute_sql(
        db, f"CREATE TEMP TABLE {pending} (table_name TEXT NOT NULL, row_id INTEGER NOT NULL)"
    )
    for table, status_set in tables:
        note = f"INSERT INTO {pending} VALUES ('{table}', NEW.id)"
        execute_sql(
            db,
            f'CREATE TEMP TRIGGER {pending}_{table}_insert AFTER INSERT ON main."{table}"'
            f" BEGIN {note}; END",
        )
        if status_set:
            execute_sql(
                db,
                f"CREATE TEMP TRIGGER {pending}_{table}_status"
                f' AFTER UPDATE OF status ON main."{table}" WHEN NEW.status IS NOT OLD.status'
                f" BEGIN {note}; END",
            )
    return True


class ChangeWatch:
    """Whether anyone else committed to the database since the last look: SQLite's
    ``PRAGMA data_version`` on a read-only connection of its own, which changes when any other
    connection commits. A look costs a few microseconds and reads no table.

    This process's own commits change it too; the database tells the watch of each one
    (``Database.writing``) so that they don't count: just before committing, under the write
    lock (no one else can commit then), it notes whether someone else had committed since the
    last look; just after, it takes the new version as seen.
    """

    def __init__(self, path: Path | str) -> None:
        self._connection: Any
        if postgres.is_url(path):
            # PostgreSQL's counterpart: one past the newest transaction that wrote and ended.
            self._connection = postgres.watch_connection(str(path))
            self._query = postgres.DATA_VERSION
        else:
            uri = f"file:{quote(str(Path(path).absolute()))}?mode=ro"
            self._connection = cipher.connect(
                uri,
                path=Path(path),
                uri=True,
                timeout=BUSY_TIMEOUT_SECONDS,
                check_same_thread=False,
            )
            self._query = "PRAGMA data_version"
        self._lock = threading.Lock()  # looked at by the app's worker and by writing threads
        self._others = False  # someone else committed, noticed before one of our commits
        with self._lock:
            self._version = self._read()

    def _read(self) -> int:
        return int(self._connection.execute(self._query).fetchone()[0])

    def changed(self) -> bool:
        """True if someone else committed since the last call (or since the watch was made)."""
        with self._lock:
            version = self._read()
            changed = version != self._version or self._others
            self._version, self._others = version, False
            return changed

    def before_own_commit(self) -> None:
        with self._lock:
            if self._read() != self._version:
                self._others = True

    def after_own_commit(self) -> None:
        with self._lock:
            self._version = self._read()

    def close(self) -> None:
        with self._lock:
            self._connection.close()
