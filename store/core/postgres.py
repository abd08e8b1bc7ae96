"""The SQL that is PostgreSQL's alone: the driver (psycopg 3, imported only when a PostgreSQL
database is opened), how a connection is made, SQL written for SQLite run on PostgreSQL, the
guard triggers as PL/pgSQL, how a write is serialised, and what a driver error means to a
worker. ``store.core.dialect`` hands its calls here when the database is PostgreSQL's.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from contextlib import suppress
from types import ModuleType
from typing import Any, cast

import peewee

from store.common.database_url import is_postgres_url, shown_url
from store.common.errors import DatabaseUnavailable

INSTALL = (
    "A PostgreSQL database needs the PostgreSQL driver: install Caseline with it "
    "(pip install 'caseline[postgres]')."
)
is_url = is_postgres_url  # whether a --db names a PostgreSQL database
shown = shown_url  # a URL without its password

CONNECT_TIMEOUT_SECONDS = 10
# The transaction-level advisory lock every write takes first (released as it commits or rolls
# back): writers queue one behind the other, as SQLite's write lock makes them, so each seal
# chains to the newest link. Any fixed number: "Caseline" in ASCII.
WRITE_LOCK_KEY = 0x436173656C696E65
# A consistent read: one snapshot for all the transaction's queries, and no write.
READ_ISOLATION = "REPEATABLE READ READ ONLY"


def driver() -> ModuleType:
    """psycopg, imported now (``store/__init__.py`` hid it from peewee's own import), and made
    known to peewee as its import would have. Raises DatabaseUnavailable when not installed."""
    if "psycopg" in sys.modules and sys.modules["psycopg"] is None:
        del sys.modules["psycopg"]
    try:
        import psycopg
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json, Jsonb
    except ImportError:
        raise DatabaseUnavailable(INSTALL) from None
    found: Any = peewee
    if found.psycopg is None:
        found.psycopg, found.Json_pg3, found.Jsonb_pg3 = psycopg, Json, Jsonb
        found.TransactionStatus = TransactionStatus
        adapter = found.Psycopg3Adapter
        adapter.txn_idle = TransactionStatus.IDLE
        adapter.txn_inerror = TransactionStatus.INERROR
        adapter.txn_unknown = TransactionStatus.UNKNOWN
    return psycopg


class PostgresqlDatabase(peewee.PostgresqlDatabase):
    """peewee's PostgreSQL database, each thread's connection noted so that ``close_all``
    can close every thread's at once. ``read_only``: every transaction of its connections is
    READ ONLY, so the server itself refuses any write (a command that only reads)."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        super().__init__(
            url,
            prefer_psycopg3=True,
            autoconnect=False,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
        )
        import threading
        import weakref

        self._opened: weakref.WeakSet[Any] = weakref.WeakSet()
        self._opened_lock = threading.Lock()
        self.read_only = read_only

    def _initialize_connection(self, conn: Any) -> None:
        if self.read_only:
            # For the session: every transaction after it, ours or peewee's, is READ ONLY.
            conn.execute("SET default_transaction_read_only = on")

    def _connect(self) -> Any:
        conn = cast(Any, super())._connect()
        with self._opened_lock:
            self._opened.add(conn)
        return conn

    def close_all(self) -> None:
        with self._opened_lock:
            opened, self._opened = list(self._opened), type(self._opened)()
        for conn in opened:
            with suppress(Exception):  # a broken connection is as good as closed
                conn.close()
        if self.transaction_depth() == 0:
            self.close()

    def failed(self) -> bool:
        """This thread's transaction had a statement fail: PostgreSQL ignores the rest of it
        (SQLite goes on with the statements after a failed one)."""
        if self.is_closed():
            return False
        status = cast(Any, self)._state.conn.info.transaction_status
        return bool(status == driver().pq.TransactionStatus.INERROR)

    def held_closed(self) -> bool:
        """This thread's connection was closed under it (by ``close_all`` from another)."""
        if self.is_closed():
            return False
        return bool(cast(Any, self)._state.conn.closed)


def connect(url: str, *, read_only: bool = False) -> PostgresqlDatabase:
    """An unopened database for ``url`` (a postgresql:// URL); one connection per thread, each
    refusing any write with ``read_only``."""
    driver()
    return PostgresqlDatabase(url, read_only=read_only)


def is_postgres(db: object) -> bool:
    """Whether ``db`` (or the database a proxy points at) is PostgreSQL's."""
    if isinstance(db, peewee.DatabaseProxy):
        db = db.obj
    return isinstance(db, peewee.PostgresqlDatabase)


# -- SQL written for SQLite, run on PostgreSQL ------------------------------------------------

# A quoted literal or name (left as it is, but for its % signs), a ? mark, or a % sign.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|\?|%")


def _token(match: re.Match[str]) -> str:
    text = match.group()
    if text == "?":
        return "%s"
    return text.replace("%", "%%")


def translate(sql: str) -> str:
    """SQL with ``?`` marks (SQLite's) in psycopg's ``%s``, its literal % signs doubled."""
    if "?" not in sql and "%" not in sql:
        return sql
    return _TOKENS.sub(_token, sql)


def execute_sql(db: peewee.Database, sql: str, params: Sequence[Any] | None = None) -> Any:
    return cast(Any, db).execute_sql(translate(sql), params)


def executemany(db: peewee.Database, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    with cast(Any, db).cursor() as cursor:
        cursor.executemany(translate(sql), rows)


def insert_id(db: peewee.Database, sql: str, params: Sequence[Any]) -> int:
    """Run an INSERT and return the new row's id."""
    row = execute_sql(db, f"{sql} RETURNING id", params).fetchone()
    return int(row[0])


def friendly_error(exc: BaseException, where: str) -> str:
    """Turn a driver error into one line a worker can act on."""
    text = " ".join(str(exc).split())
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return f"Could not sign in to {where}: the user name or password was refused."
    if "does not exist" in lowered and "database" in lowered:
        return f"There is no database {where} on that server."
    if "role" in lowered and "does not exist" in lowered:
        return f"Could not sign in to {where}: the server knows no such user."
    if (
        "connection refused" in lowered
        or "could not connect" in lowered
        or "timeout expired" in lowered
        or "translate host name" in lowered
        or "no such file or directory" in lowered
    ):
        return f"Could not reach the PostgreSQL server of {where}; is it running?"
    if "lock" in lowered and "timeout" in lowered:
        return f"The database {where} is busy; try again in a moment."
    return f"Database error on {where}: {text}."


def contains(lhs: Any, text: str) -> Any:
    """``lhs`` contains ``text`` literally, ignoring case as SQLite's LIKE does."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return peewee.NodeList((lhs, peewee.SQL("ILIKE"), f"%{escaped}%", peewee.SQL("ESCAPE '\\'")))


# -- guard triggers ---------------------------------------------------------------------------

_GUARD = re.compile(
    r"CREATE TRIGGER (?P<name>\w+) BEFORE (?P<event>\w+) ON \"(?P<table>\w+)\"\s*"
    r"(?:WHEN (?P<when>.*?)\s*)?BEGIN SELECT RAISE\(ABORT, '(?P<message>(?:[^']|'')*)'\); END",
    re.DOTALL,
)
# SQLite's ``a IS NOT b`` and ``a IS b`` compare any two values, NULL included.
_IS_NOT = re.compile(r"\bIS NOT (?!NULL\b)")
_IS = re.compile(r"\bIS (?!NOT\b|NULL\b|DISTINCT\b)")


def condition(when: str) -> str:
    """An SQLite trigger's condition in PostgreSQL's words."""
    return _IS.sub("IS NOT DISTINCT FROM ", _IS_NOT.sub("IS DISTINCT FROM ", when))


# pg_trigger.tgtype: a row trigger (1), before (2), and its event.
_TRIGGER_TYPE = {"INSERT": 1 | 2 | 4, "DELETE": 1 | 2 | 8, "UPDATE": 1 | 2 | 16}


def guard_ddl(sqlite_sql: str) -> tuple[str, str, str]:
    """(name, DDL, signature) of the PostgreSQL trigger that does what the SQLite guard trigger
    ``sqlite_sql`` (``store.core.dialect.guard_trigger``) does: refuse the change with the same
    message, as an integrity error. The signature is what ``triggers`` reads of it from the
    database: its table, kind, function, that it is enabled and unconditional, and the
    function's body."""
    found = _GUARD.fullmatch(sqlite_sql.strip())
    if found is None:
        raise ValueError(f"not a guard trigger: {sqlite_sql[:60]}")
    name, table, message, event = found["name"], found["table"], found["message"], found["event"]
    refuse = (
        f"RAISE EXCEPTION USING MESSAGE = '{message}', ERRCODE = 'integrity_constraint_violation'"
    )
    if found["when"]:
        # In the function, not the trigger's WHEN: PostgreSQL allows no subquery there.
        refuse = f"IF {condition(found['when'])} THEN {refuse}; END IF"
    body = f"\nBEGIN {refuse};\nIF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END "
    function = f"guard_{name}"
    ddl = (
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$;\n"
        f'CREATE TRIGGER {name} BEFORE {event} ON "{table}"'
        f" FOR EACH ROW EXECUTE FUNCTION {function}()"
    )
    return name, ddl, _signature(table, _TRIGGER_TYPE[event], function, "O", True, body)


def _signature(table: str, kind: int, function: str, enabled: str, always: bool, body: str) -> str:
    return f"{table}|{kind}|{function}|{enabled}|{'always' if always else 'when'}|{body}"


def guard_signature(sqlite_sql: str) -> str:
    """What ``triggers`` reads of the guard trigger made from ``sqlite_sql``, as made."""
    return guard_ddl(sqlite_sql)[2]


def triggers(db: peewee.Database) -> dict[str, str]:
    """{name: signature} of the triggers in the database (``guard_ddl``): a trigger disabled,
    given a condition, pointed at another function, or its function rewritten, reads
    differently."""
    rows = execute_sql(
        db,
        "SELECT t.tgname, c.relname, t.tgtype, p.proname, t.tgenabled, t.tgqual IS NULL,"
        " p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid"
        " WHERE NOT t.tgisinternal AND n.nspname = current_schema()",
    ).fetchall()
    return {
        str(name): _signature(str(table), int(kind), str(function), str(enabled), always, body)
        for name, table, kind, function, enabled, always, body in rows
    }


def has_table(db: peewee.Database, name: str) -> bool:
    return name in cast(Any, db).get_tables()


def ids_given(db: peewee.Database, tables: Sequence[str] | None = None) -> None:
    """Move each table's id sequence past its highest id, after rows were written with their
    ids (a copy, the demo): otherwise the next row added without one is given an id in use."""
    serial = execute_sql(
        db,
        "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND column_name = 'id' AND column_default LIKE 'nextval(%'",
    ).fetchall()
    for (table,) in serial:
        if tables is not None and table not in tables:
            continue
        execute_sql(
            db,
            f"SELECT setval(pg_get_serial_sequence(?, 'id'),"
            f' COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)',
            (f'"{table}"',),
        )


# -- noting what a transaction makes final ----------------------------------------------------


def seal_note_ddl(pending: str, tables: Sequence[tuple[str, bool]]) -> list[str]:
    """The triggers, part of the schema, that note in this session's temporary table
    ``pending`` every row inserted into each of ``tables`` and, for those marked True, every row
    whose status is set. PostgreSQL has no temporary triggers: these do nothing in a session
    without the table (any other program writing the database)."""
    statements = [
        f"CREATE FUNCTION note_{pending}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN IF to_regclass('pg_temp.{pending}') IS NOT NULL THEN"
        f" INSERT INTO pg_temp.{pending} VALUES (TG_TABLE_NAME, NEW.id); END IF;"
        f" RETURN NULL; END $$"
    ]
    for table, status_set in tables:
        statements.append(
            f'CREATE TRIGGER {pending}_{table}_insert AFTER INSERT ON "{table}"'
            f" FOR EACH ROW EXECUTE FUNCTION note_{pending}()"
        )
        if status_set:
            statements.append(
                f'CREATE TRIGGER {pending}_{table}_status AFTER UPDATE OF status ON "{table}"'
                f" FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)"
                f" EXECUTE FUNCTION note_{pending}()"
            )
    return statements


def note_final_rows(
    db: peewee.Database, pending: str, needed: str, tables: Sequence[tuple[str, bool]]
) -> bool:
    """As SQLite's: this session's table ``pending``, which the schema's triggers
    (``seal_note_ddl``) fill; False while the table ``needed`` does not exist."""
    del tables  # noted by the schema's triggers
    found = execute_sql(
        db,
        "SELECT to_regclass(?) IS NOT NULL, to_regclass(?) IS NOT NULL",
        (f"pg_temp.{pending}", needed),
    ).fetchone()
    if found[0]:
        return True
    if not found[1]:
        return False
    execute_sql(
        db,
        f"CREATE TEMP TABLE IF NOT EXISTS {pending}"
        " (table_name TEXT NOT NULL, row_id INTEGER NOT NULL)",
    )
    return True


# -- whether anyone has written (``store.core.dialect.ChangeWatch``) ---------------------------

# One past the newest transaction id that has ended: it moves when a transaction that wrote
# ends (one that only read is given no id), on any database of the server.
DATA_VERSION = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"


def watch_connection(url: str) -> Any:
    """A connection of the watch's own, each statement its own transaction."""
    try:
        return driver().connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS)
    except Exception as exc:
        raise DatabaseUnavailable(friendly_error(exc, shown(url))) from exc
