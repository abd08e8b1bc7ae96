"""A Caseline database on a PostgreSQL server, behind the same two context managers as the
SQLite file's (``store.core.db.Database``): ``reading()``, one consistent snapshot (REPEATABLE
READ, READ ONLY), and ``writing()``, one transaction that first takes a transaction-level
advisory lock, so that writers follow one another as SQLite's write lock makes them and each
seal chains to the newest link. Each thread keeps its own connection (peewee's).

Its schema is made whole at the newest version (``create_schema``): the models' tables, then
PostgreSQL's own DDL for what SQLite's migrations add by hand (the seals' table, the guard
triggers as PL/pgSQL, the triggers that note what becomes final).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import peewee

from store import __version__
from store.common.errors import DatabaseUnavailable, NotACaselineDatabase, StoreError
from store.core import postgres, postgres_search, seal
from store.core.db import Database, proxy


class PostgresDatabase(Database):
    """A Caseline database on a PostgreSQL server, named by its postgresql:// URL."""

    server = True

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        # Not the file's set-up (``Database.__init__``): only what the store asks of any.
        self.url = url
        self.location = url
        self.where = postgres.shown(url)
        self.path = Path(self.where)
        self.read_only = read_only
        self._signature = None
        self.watches = set()
        self.gate = None
        self._users = 0
        self.pg = postgres.connect(url, read_only=read_only)
        self.db = self.pg

    def unchanged(self) -> bool:
        return True

    def connections(self) -> int:
        return len(self.pg._opened)

    @contextmanager
    def connection(self) -> Iterator[peewee.Database]:
        if proxy.obj is not self.db:
            proxy.initialize(self.db)
        if self.pg.held_closed() and self.pg.transaction_depth() == 0:
            self.pg.close()
        if self.pg.is_closed():
            try:
                self.pg.connect()
            except peewee.OperationalError as exc:
                raise DatabaseUnavailable(postgres.friendly_error(exc, self.where)) from exc
        yield self.db

    @contextmanager
    def reading(self) -> Iterator[peewee.Database]:
        """A consistent read: one snapshot for every query, nothing written."""
        try:
            with self.connection():
                if self.pg.transaction_depth() > 0:
                    with self.pg.atomic():
                        yield self.db
                else:
                    with self.pg.atomic(postgres.READ_ISOLATION):
                        yield self.db
        except (peewee.OperationalError, peewee.InternalError) as exc:
            raise DatabaseUnavailable(postgres.friendly_error(exc, self.where)) from exc

    def _locked(self) -> None:
        postgres.execute_sql(self.db, "SELECT pg_advisory_xact_lock(?)", (postgres.WRITE_LOCK_KEY,))

    @contextmanager
    def writing(self) -> Iterator[peewee.Database]:
        """A write transaction, after every other writer's; what it makes final is sealed just
        before it commits (``store.core.seal``)."""
        if self.read_only:
            raise DatabaseUnavailable(f"The database {self.where} was opened only for reading.")
        try:
            with self.connection():
                if self.pg.transaction_depth() > 0:
                    with self.pg.atomic():
                        yield self.db
                    return
                watches = tuple(self.watches)
                with self.pg.atomic():
                    self._locked()
                    sealing = seal.watch(self.db)
                    yield self.db
                    if self.pg.failed():  # a failure caught inside: nothing of it is kept
                        raise DatabaseUnavailable(
                            f"A statement failed in a write to {self.where}, so none of the "
                            "write was kept."
                        )
                    if sealing:
                        seal.flush(self.db)
                    for change_watch in watches:
                        change_watch.before_own_commit()
                for change_watch in watches:
                    change_watch.after_own_commit()
        except peewee.OperationalError as exc:
            raise DatabaseUnavailable(postgres.friendly_error(exc, self.where)) from exc

    @contextmanager
    def migrating(self) -> Iterator[peewee.Database]:
        """A write transaction for schema changes (PostgreSQL changes its schema in one)."""
        try:
            with self.connection(), self.pg.atomic():
                self._locked()
                yield self.db
        except peewee.OperationalError as exc:
            raise DatabaseUnavailable(postgres.friendly_error(exc, self.where)) from exc

    def close(self) -> None:
        self.pg.close_all()


def schema_version(database: PostgresDatabase) -> int | None:
    """The schema version of the database at the server, None if it is empty; raises
    NotACaselineDatabase if it holds other tables."""
    from store.core import migrations

    with database.reading() as db:
        tables = db.get_tables()
        if not tables:
            return None
        if "caseline_meta" not in tables:
            raise NotACaselineDatabase(
                f"{database.where} is not a Caseline database; it was left untouched."
            )
        meta = dict(postgres.execute_sql(db, "SELECT key, value FROM caseline_meta").fetchall())
    return migrations.check_version(meta, database.where)


def upgrade_schema(database: PostgresDatabase) -> list[int]:
    """Bring the database to the newest schema by its PostgreSQL steps, all in one
    transaction (``store.core.migrations.postgres_steps``); the versions run. Any failure
    leaves it as it was and is said in one line."""
    from store.core.migrations import postgres_steps

    try:
        with database.migrating() as db:
            return postgres_steps.upgrade(db, database.where)
    except StoreError:
        raise
    except Exception as exc:
        raise DatabaseUnavailable(
            f"Could not upgrade {database.where} to this version of Caseline ({exc}); "
            "it was left as it was."
        ) from exc


SEAL_TABLE_DDL = (
    f'CREATE TABLE "{seal.SEAL_TABLE}" ("id" SERIAL PRIMARY KEY, "table_name" TEXT NOT NULL,'
    ' "row_id" INTEGER NOT NULL, "content_hash" TEXT NOT NULL, "chain_hash" TEXT NOT NULL,'
    ' "sealed_at" TIMESTAMP NOT NULL)',
    f'CREATE UNIQUE INDEX "{seal.SEAL_TABLE}_table_name_row_id"'
    f' ON "{seal.SEAL_TABLE}" ("table_name", "row_id")',
)


# The columns SQLite's migrations added with a default of the database's own (ADD COLUMN ...
# DEFAULT), which the models give only in Python: a program writing the database itself may
# leave them out. Quoted, so that PostgreSQL reads '0' as false for a boolean column.
DEFAULTS: tuple[tuple[str, str, str], ...] = (
    ("worker", "team", ""),
    ("worker", "failed_sign_ins", "0"),
    ("client", "language", ""),
    ("client", "identifiers", ""),
    ("case", "has_plan", "0"),
    ("case", "restricted", "0"),
    ("case", "restricted_to", ""),
    ("case", "restriction_reason", ""),
    ("case", "referrals_to_escalate", "0"),
    ("chronology_entry", "source_of_information", ""),
    ("chronology_entry", "analysis", ""),
    ("chronology_entry", "version", "1"),
    ("note", "chronology_title", ""),
    ("note", "draft_state", ""),
    ("task", "done_note", ""),
    ("task", "version", "1"),
    ("audit_event", "record_kind", ""),
    ("audit_event", "detail", ""),
    ("audit_event", "origin", ""),
    ("worker_token", "label", ""),
)

# The clients' names cut into runs of three characters for the duplicate check (SQLite's
# m0021_name_grams), kept in step by the database. A client deleted takes its runs with it.
NAME_GRAMS_DDL = (
    "CREATE TABLE client_name_gram (gram TEXT NOT NULL,"
    " client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
    " PRIMARY KEY (gram, client_id))",
    "CREATE INDEX client_name_gram_client ON client_name_gram (client_id)",
    """CREATE FUNCTION client_name_gram_cut() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            IF NEW.name_key IS NOT DISTINCT FROM OLD.name_key THEN RETURN NULL; END IF;
            DELETE FROM client_name_gram WHERE client_id = OLD.id;
        END IF;
        INSERT INTO client_name_gram
            SELECT substr(' ' || NEW.name_key || ' ', n, 3), NEW.id
            FROM generate_series(1, least(length(NEW.name_key), 400)) AS n
            ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER client_name_gram_insert AFTER INSERT ON client"
    " FOR EACH ROW EXECUTE FUNCTION client_name_gram_cut()",
    "CREATE TRIGGER client_name_gram_update AFTER UPDATE OF name_key ON client"
    " FOR EACH ROW EXECUTE FUNCTION client_name_gram_cut()",
)


def create_schema(database: PostgresDatabase, models: Iterable[type[peewee.Model]]) -> None:
    """Make an empty PostgreSQL database a Caseline database at the newest schema: the tables
    of ``models`` (every model of every area), then what SQLite's migrations add by hand."""
    from store.core import migrations

    with database.migrating() as db:
        if db.get_tables():
            raise NotACaselineDatabase(
                f"{database.where} is not a Caseline database; it was left untouched."
            )
        db.create_tables(list(models))
        statements: list[str] = [
            *(f'ALTER TABLE "{t}" ALTER COLUMN "{c}" SET DEFAULT \'{v}\'' for t, c, v in DEFAULTS),
            *SEAL_TABLE_DDL,
            *NAME_GRAMS_DDL,
        ]
        for sqlite_sql in migrations.GUARD_TRIGGERS:
            statements.append(postgres.guard_ddl(sqlite_sql)[1])
        statements.extend(postgres_search.schema_ddl())
        statements.extend(
            postgres.seal_note_ddl(
                seal.PENDING,
                [(k.table, k.status_set) for k in seal.SEALED if k.table not in seal.PART_TABLES],
            )
        )
        for statement in statements:
            postgres.execute_sql(db, statement)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows: list[tuple[str, Any]] = [
            ("app", migrations.APP_ID),
            ("created_at", now),
            ("schema_version", str(migrations.LATEST)),
            ("written_by", __version__),
        ]
        for key, value in rows:
            postgres.execute_sql(
                db, "INSERT INTO caseline_meta (key, value) VALUES (?, ?)", (key, value)
            )


def add_search_index(database: PostgresDatabase) -> None:
    """Give a database made before PostgreSQL had search (at the same schema version) its
    search index, filled from the records already there; nothing if it has one."""
    with database.reading() as db:
        if postgres.has_table(db, postgres_search.TABLE):
            return
    with database.migrating() as db:
        if postgres.has_table(db, postgres_search.TABLE):
            return
        for statement in [*postgres_search.schema_ddl(), *postgres_search.fill()]:
            postgres.execute_sql(db, statement)
