"""The database the store works in, behind two context managers: ``Database.reading()`` (one
consistent snapshot) and ``Database.writing()`` (one transaction holding the write lock).

What is SQLite's alone lives in ``store.core.dialect`` (the SQL) and ``store.core.sqlite_file``
(the file on disk), so that a PostgreSQL backend can be added behind the same two context
managers without touching the service code or the UI.

Peewee keeps one connection per thread and Textual runs thread workers from a pool, so
connections are opened and closed deliberately around each unit of work rather than left
lying in pool threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee

from store.core import dialect, seal
from store.core.errors import DatabaseUnavailable
from store.core.sqlite_file import file_signature, read_only_uri

# Every model binds to this proxy; a Database points it at itself when used.
proxy = peewee.DatabaseProxy()
_registry: dict[Path, Database] = {}
_registry_lock = threading.Lock()


class Database:
    """A Caseline database: an SQLite file (for now) with per-unit-of-work connections."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        # For a read-only Database, how the file stood when it was opened (see ``unchanged``).
        self._signature: tuple[int, int, int, bool] | None = None
        # Watches for others' changes (``Store.watch``), told of this process's own commits.
        self.watches: set[dialect.ChangeWatch] = set()
        uri = None
        if read_only:
            uri, immutable = read_only_uri(path)
            if immutable:
                self._signature = file_signature(path)
        self.db = dialect.connect(path, read_only=read_only, uri=uri)

    @classmethod
    def shared(cls, path: Path) -> Database:
        """The Database for ``path``: one per file per process, so that two stores of the same
        file (the app and a check beside it) use the same per-thread connections."""
        key = path.resolve()
        with _registry_lock:
            database = _registry.get(key)
            if database is None:
                database = _registry[key] = cls(path)
            return database

    def unchanged(self) -> bool:
        """For a read-only Database: True unless someone wrote to the file since it was opened
        while it was being read without locks (what was read may then be inconsistent)."""
        return self._signature is None or file_signature(self.path) == self._signature

    def bind(self) -> None:
        proxy.initialize(self.db)

    @contextmanager
    def connection(self) -> Iterator[peewee.Database]:
        """Use this thread's connection, opening it for the duration if it isn't open yet."""
        # The models reach the database through one proxy. Stores of one file share one
        # Database (see ``shared``); a store of another file re-points the proxy when used.
        if proxy.obj is not self.db:
            proxy.initialize(self.db)
        opened = self.db.connect(reuse_if_open=True)
        try:
            yield self.db
        finally:
            if opened:
                self.db.close()

    @contextmanager
    def reading(self) -> Iterator[peewee.Database]:
        """A consistent read: one transaction so multi-query reads see one snapshot."""
        try:
            with self.connection(), self.db.atomic():
                yield self.db
        except peewee.OperationalError as exc:
            raise DatabaseUnavailable(dialect.friendly_error(exc, self.path)) from exc

    @contextmanager
    def writing(self) -> Iterator[peewee.Database]:
        """A write transaction, taken as BEGIN IMMEDIATE; what it makes final is sealed just
        before it commits (``store.core.seal``).

        In WAL mode a deferred transaction that reads and then writes fails at once with
        "database is locked" when another process has written meanwhile, whatever the busy
        timeout; IMMEDIATE takes the write lock up front and waits for it instead.
        """
        if self.read_only:
            raise DatabaseUnavailable(f"The database {self.path} was opened only for reading.")
        try:
            with self.connection():
                if self.db.transaction_depth() > 0:
                    with self.db.atomic():
                        yield self.db
                else:
                    watches = tuple(self.watches)
                    with self.db.atomic(dialect.WRITE_LOCK):
                        # Under the write lock, so each seal chains to the newest link.
                        sealing = seal.watch(self.db)
                        yield self.db
                        if sealing:
                            seal.flush(self.db)
                        for change_watch in watches:
                            change_watch.before_own_commit()
                    for change_watch in watches:
                        change_watch.after_own_commit()
        except peewee.OperationalError as exc:
            raise DatabaseUnavailable(dialect.friendly_error(exc, self.path)) from exc

    @contextmanager
    def migrating(self) -> Iterator[peewee.Database]:
        """A write transaction for schema changes, with foreign keys checked at the end.

        SQLite can only change some columns by rebuilding a table, which fails with foreign
        keys enforced; so they are off while the schema changes (the pragma must be set outside
        a transaction) and every reference is checked before the change is committed.
        """
        try:
            with self.connection():
                dialect.set_foreign_keys(self.db, enforced=False)
                try:
                    with self.db.atomic(dialect.WRITE_LOCK):
                        yield self.db
                        broken = dialect.broken_references(self.db)
                        if broken:
                            raise peewee.IntegrityError(
                                f"broken references after upgrade: {broken[:3]}"
                            )
                finally:
                    dialect.set_foreign_keys(self.db, enforced=True)
        except peewee.OperationalError as exc:
            raise DatabaseUnavailable(dialect.friendly_error(exc, self.path)) from exc

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
