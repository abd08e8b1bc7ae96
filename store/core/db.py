"""The database the store works in, behind two context managers: ``Database.reading()`` (one
consistent snapshot) and ``Database.writing()`` (one transaction holding the write lock).

What is SQLite's alone lives in ``store.core.dialect`` (the SQL) and ``store.core.sqlite_file``
(the file on disk), so that a PostgreSQL backend can be added behind the same two context
managers without touching the service code or the UI.

Each thread keeps one connection, opened at its first unit of work and kept: its pragmas are
run once, and SQLite checkpoints the WAL itself as it grows (``wal_autocheckpoint``), not on
every close. Textual runs thread workers from a pool whose threads live on; a thread that ends
takes its connection with it (closed as the thread's own state goes), and ``close`` closes every
thread's at once (the app's exit, ``Store.close``), which also checkpoints and removes the WAL.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, cast

import peewee

from store.common.errors import DatabaseUnavailable
from store.core import cipher, dialect, seal
from store.core.gate import WriteGate
from store.core.sqlite_file import file_signature, read_only_uri

# Every model binds to this proxy; a Database points it at itself when used.
proxy = peewee.DatabaseProxy()
_registry: dict[Path, Database] = {}
_registry_lock = threading.Lock()


class _Held:
    """One thread's connection, kept in that thread's local state: when the thread ends, the
    state goes and the connection is closed with it. Its thread holds ``lock`` while using it:
    a connection may be closed from another thread, but never while it is in use (SQLite's
    driver would crash)."""

    __slots__ = ("__weakref__", "closed", "conn", "generation", "lock", "sealing")

    def __init__(self, conn: sqlite3.Connection, generation: int) -> None:
        self.conn = conn
        self.generation = generation  # of the Database's connections (see ``Database.close``)
        self.sealing = False  # the seal's temporary triggers are made on this connection
        self.lock = threading.RLock()
        self.closed = False

    def close(self) -> None:
        """Close the connection once its thread has finished the work it is doing."""
        with self.lock:
            self.closed = True
            with suppress(*cipher.driver_errors()):
                self.conn.close()

    def __del__(self) -> None:
        self.close()


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (device, inode), None if none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class Database:
    """A Caseline database: an SQLite file with a long-lived connection per thread (or, as
    ``store.core.postgres_db.PostgresDatabase``, a database on a PostgreSQL server)."""

    server = False  # on a server, not in a file of its own

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.where = str(path)  # as messages name it
        self.location: Path | str = path  # as Store.open was given it
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
        self._local = threading.local()  # this thread's _Held
        self._held: weakref.WeakSet[_Held] = weakref.WeakSet()  # every thread's
        self._held_lock = threading.Lock()
        self._generation = 0  # raised by ``close``: connections held from before are closed
        self._identity = _identity(path)
        self._users = 0  # the stores using it (``use``, ``release``)
        # Set while the file's check runs beside the first reads (``Store.open``): every
        # write waits for it, and none is made if it fails.
        self.gate: WriteGate | None = None

    @classmethod
    def shared(cls, path: Path) -> Database:
        """The Database for ``path``: one per file per process, so that two stores of the same
        file (the app and a check beside it) use the same per-thread connections."""
        key = path.resolve()
        with _registry_lock:
            database = _registry.get(key)
            if database is None:
                database = _registry[key] = cls(path)
            elif database._identity != _identity(path):
                # Another file now at the path (a restored copy): the connections kept are
                # to the one that was there.
                database.close()
                database._identity = _identity(path)
                # It may be encrypted where the one before was not (store.core.cipher).
                database.db = dialect.connect(path, read_only=False)
            return database

    def use(self) -> None:
        """A store uses this Database: its connections stay open until every store using it
        has let it go (``release``)."""
        with _registry_lock:
            self._users += 1

    def release(self) -> None:
        """A store is done with this Database: the last to let it go closes its connections
        (closing one store of a file leaves another's work on it alone)."""
        with _registry_lock:
            self._users -= 1
            last = self._users <= 0
        if last:
            self.close()

    def unchanged(self) -> bool:
        """For a read-only Database: True unless someone wrote to the file since it was opened
        while it was being read without locks (what was read may then be inconsistent)."""
        return self._signature is None or file_signature(self.path) == self._signature

    def bind(self) -> None:
        proxy.initialize(self.db)

    @contextmanager
    def connection(self) -> Iterator[peewee.Database]:
        """Use this thread's connection, opening it if it isn't open yet (it is then kept)."""
        # The models reach the database through one proxy. Stores of one file share one
        # Database (see ``shared``); a store of another file re-points the proxy when used.
        if proxy.obj is not self.db:
            proxy.initialize(self.db)
        while True:
            held: _Held | None = getattr(self._local, "held", None)
            stale = held is None or held.generation != self._generation or self.db.is_closed()
            if stale and self.db.transaction_depth() == 0:  # never mid-transaction
                held = self._open_here()
            if held is None:  # pragma: no cover - a transaction begun outside connection()
                yield self.db
                return
            with held.lock:
                if held.closed and self.db.transaction_depth() == 0:
                    continue  # closed by ``close`` just now: open anew
                yield self.db
                return

    def _open_here(self) -> _Held:
        """Open this thread's connection (peewee runs the pragmas on it, once)."""
        if not self.db.is_closed():
            self.db.close()  # closed already by ``close`` from another thread: forget it
        self.db.connect()
        with self._held_lock:
            connection: sqlite3.Connection = cast(Any, self.db).connection()
            held = _Held(connection, self._generation)
            self._held.add(held)
        self._local.held = held
        return held

    def connections(self) -> int:
        """How many threads hold a connection now."""
        with self._held_lock:
            return len(self._held)

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
        if self.gate is not None:
            self.gate.settled()  # before taking a connection: a reader may carry on meanwhile
        try:
            with self.connection():
                if self.db.transaction_depth() > 0:
                    with self.db.atomic():
                        yield self.db
                else:
                    watches = tuple(self.watches)
                    held: _Held | None = getattr(self._local, "held", None)
                    with self.db.atomic(dialect.WRITE_LOCK):
                        # Under the write lock, so each seal chains to the newest link.
                        sealing = seal.watch(self.db, made=held is not None and held.sealing)
                        yield self.db
                        if sealing:
                            seal.flush(self.db)
                        for change_watch in watches:
                            change_watch.before_own_commit()
                    # Only once committed: the seal's temporary triggers, made in the
                    # transaction, go with it when it is rolled back.
                    if held is not None:
                        held.sealing = sealing
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
        if self.gate is not None:
            self.gate.settled()
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
        finally:
            # A table rebuilt takes the connection's temporary triggers with it (the seal's):
            # every unit of work after an upgrade starts on a connection of its own.
            self.close()

    def close(self) -> None:
        """Close every thread's connection (a thread using the database again opens anew);
        the last to close checkpoints the WAL into the file and removes it."""
        with self._held_lock:
            self._generation += 1
            held, self._held = list(self._held), weakref.WeakSet()
        for each in held:
            each.close()
        if self.db.transaction_depth() == 0:
            self.db.close()  # this thread's state: closed already, or never opened
