"""Opening the database: the one module that knows it is SQLite.

Everything SQLite-specific (the file checks, pragmas, ``BEGIN IMMEDIATE``, error wording) lives
here, so that a PostgreSQL backend can be added behind the same two context managers,
``Database.reading()`` and ``Database.writing()``, without touching the service code or the UI.

Peewee keeps one connection per thread and Textual runs thread workers from a pool, so
connections are opened and closed deliberately around each unit of work rather than left
lying in pool threads.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import peewee

from store.core.errors import DamagedDatabase, DatabaseUnavailable, NotACaselineDatabase

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 10

# WAL lets readers carry on while a colleague writes; synchronous=FULL means "saved" is on disk
# even through a power cut; foreign keys are off by default in SQLite.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("busy_timeout", BUSY_TIMEOUT_SECONDS * 1000),
)
# A read-only connection can't change the journal mode or durability, and must not try.
READ_ONLY_PRAGMAS = (
    ("foreign_keys", 1),
    ("busy_timeout", BUSY_TIMEOUT_SECONDS * 1000),
    ("query_only", 1),
)
# Only the owner may read or write the records (``chmod 600``); the folder likewise (``700``).
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700
# How often a check made without locks (see ``read_only_uri``) is made again when a colleague
# wrote to the file meanwhile.
STABLE_READ_ATTEMPTS = 3

# Every model binds to this proxy; a Database points it at itself when used.
proxy = peewee.DatabaseProxy()
_registry: dict[Path, Database] = {}
_registry_lock = threading.Lock()


def inspect_sqlite_file(path: Path) -> bool:
    """Return True if ``path`` is an SQLite file, False if there is no file yet.

    Raises NotACaselineDatabase for a file that is not SQLite at all, an empty one included.
    Reads only: a file that turns out not to be ours must be left exactly as it was (no WAL
    switch, no -wal file).
    """
    if not path.exists():
        return False
    if path.is_dir():
        raise DatabaseUnavailable(f"{path} is a directory, not a database file.")
    if path.stat().st_size == 0:
        # Something else made this file (a half-finished copy, a typo'd path from another
        # program); quietly filling it with tables would hide that.
        raise NotACaselineDatabase(
            f"{path} is an empty file (0 bytes), not a Caseline database; it was left untouched. "
            "If a copy or restore failed, try it again; to start a new database here, delete "
            "the empty file first."
        )
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseUnavailable(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if header != SQLITE_HEADER:
        raise NotACaselineDatabase(f"{path} is not a Caseline database (not an SQLite file).")
    return True


def _sidecars_exist(path: Path) -> bool:
    return Path(f"{path}-wal").exists() or Path(f"{path}-shm").exists()


def read_only_uri(path: Path) -> tuple[str, bool]:
    """An SQLite URI that reads ``path`` without creating or changing any file, and whether it
    reads without locks (``immutable``).

    A read-only connection to a WAL database still creates the -wal and -shm files when they
    are missing (and, in a folder it can't write, fails). They are missing only when no one
    has the database open and every change is in the file itself: then the file is read as
    it stands, and ``file_signature`` tells the caller whether someone wrote to it meanwhile.
    Otherwise the existing -wal and -shm are used, as any reader would.
    """
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    if _sidecars_exist(path):
        return uri, False
    return uri + "&immutable=1", True


def file_signature(path: Path) -> tuple[int, int, int, bool]:
    """What changes when anyone writes to the database: its inode, size, modification time,
    and whether it has a -wal or -shm beside it (someone has it open)."""
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns, _sidecars_exist(path)


def _connect_read_only(path: Path) -> tuple[sqlite3.Connection, bool]:
    uri, immutable = read_only_uri(path)
    try:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS), immutable
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(f"Cannot open {path}: {exc}.") from exc


def check_integrity(path: Path) -> None:
    """Refuse a damaged database before anything is written to it (``PRAGMA quick_check``).

    Reads only, leaving the file and its folder exactly as they were. Raises DamagedDatabase
    with what to do about it.
    """
    for _attempt in range(STABLE_READ_ATTEMPTS):
        before = file_signature(path)
        conn, immutable = _connect_read_only(path)
        try:
            problem = str(conn.execute("PRAGMA quick_check(1)").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise DatabaseUnavailable(f"{path} is locked by another program.") from exc
            problem = str(exc)
        finally:
            conn.close()
        if problem == "ok":
            return
        # The first problem, on one line, without SQLite's "*** in database main ***" heading.
        problem = " ".join(
            line.strip() for line in problem.splitlines() if not line.startswith("***")
        )
        if not immutable or file_signature(path) == before:
            break
        # A colleague wrote to the file while it was read without locks: look again.
    raise DamagedDatabase(
        f"{path} is damaged ({problem}); Caseline will not write to it and left it untouched. "
        "Restore it from a backup, or save what can be read into a new file with: "
        f"sqlite3 {shlex.quote(str(path))} .recover | sqlite3 recovered.db"
    )


def read_meta(path: Path) -> dict[str, str] | None:
    """Read Caseline's meta table without changing the file; None if the table is missing."""
    for attempt in range(1, STABLE_READ_ATTEMPTS + 1):
        before = file_signature(path)
        conn, immutable = _connect_read_only(path)
        try:
            return _meta_of(conn, path)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise DatabaseUnavailable(f"{path} is locked by another program.") from exc
            if immutable and attempt < STABLE_READ_ATTEMPTS and file_signature(path) != before:
                continue  # a colleague wrote to it while it was read without locks
            raise NotACaselineDatabase(
                f"{path} is damaged or not a Caseline database ({exc}); it was left untouched."
            ) from exc
        finally:
            conn.close()
    raise AssertionError("unreachable")  # pragma: no cover


def _meta_of(conn: sqlite3.Connection, path: Path) -> dict[str, str] | None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "caseline_meta" not in tables:
        if tables:
            raise NotACaselineDatabase(
                f"{path} is an SQLite database but not a Caseline one; it was left untouched."
            )
        return None
    return {k: v for k, v in conn.execute("SELECT key, value FROM caseline_meta")}


def create_private_file(path: Path) -> None:
    """Create an empty database file only its owner can read (SQLite gives its -wal and -shm
    the same permissions); SQLite would create it readable by everyone."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except FileExistsError:
        return  # a colleague's Caseline created it a moment ago: theirs to set up
    os.close(fd)


def permission_warnings(path: Path) -> list[str]:
    """What other local users can do with the database or its folder, and how to stop it.

    Caseline never changes the permissions of an existing file itself: a file shared with a
    team on purpose must stay shared until its owner decides otherwise.
    """
    warnings = []
    for target, what, private in (
        (path, "database", PRIVATE_FILE_MODE),
        (path.parent, "database's folder", PRIVATE_FOLDER_MODE),
    ):
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except OSError:
            continue
        exposed = []
        if mode & (stat.S_IRGRP | stat.S_IROTH):
            exposed.append("read")
        if mode & (stat.S_IWGRP | stat.S_IWOTH):
            exposed.append("change")
        if exposed:
            warnings.append(
                f"Other users on this computer can {' and '.join(exposed)} the {what} "
                f"(permissions {mode:o}); to keep the records private run: "
                f"chmod {private:o} {target}"
            )
    return warnings


def check_writable(path: Path) -> None:
    """Fail early, with a clear message, if the database can't be created or written."""
    parent = path.parent
    if not parent.exists():
        raise DatabaseUnavailable(f"Folder {parent} does not exist.")
    if not parent.is_dir():
        raise DatabaseUnavailable(f"{parent} is not a folder.")
    # SQLite needs to create -wal and -shm files beside the database.
    if not os.access(parent, os.W_OK | os.X_OK):
        raise DatabaseUnavailable(f"Folder {parent} is not writable.")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseUnavailable(f"{path} is not readable and writable by you.")


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


class Database:
    """A Caseline database: an SQLite file (for now) with per-unit-of-work connections."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        # For a read-only Database, how the file stood when it was opened (see ``unchanged``).
        self._signature: tuple[int, int, int, bool] | None = None
        if read_only:
            uri, immutable = read_only_uri(path)
            if immutable:
                self._signature = file_signature(path)
            self.db = peewee.SqliteDatabase(
                uri,
                pragmas=READ_ONLY_PRAGMAS,
                timeout=BUSY_TIMEOUT_SECONDS,
                autoconnect=False,
                uri=True,
            )
        else:
            self.db = peewee.SqliteDatabase(
                str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS, autoconnect=False
            )

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
            raise DatabaseUnavailable(friendly_error(exc, self.path)) from exc

    @contextmanager
    def writing(self) -> Iterator[peewee.Database]:
        """A write transaction, taken as BEGIN IMMEDIATE.

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
                    with self.db.atomic("IMMEDIATE"):
                        yield self.db
        except peewee.OperationalError as exc:
            raise DatabaseUnavailable(friendly_error(exc, self.path)) from exc

    @contextmanager
    def migrating(self) -> Iterator[peewee.Database]:
        """A write transaction for schema changes, with foreign keys checked at the end.

        SQLite can only change some columns by rebuilding a table, which fails with foreign
        keys enforced; so they are off while the schema changes (the pragma must be set outside
        a transaction) and every reference is checked before the change is committed.
        """
        try:
            with self.connection():
                self.db.execute_sql("PRAGMA foreign_keys = OFF")
                try:
                    with self.db.atomic("IMMEDIATE"):
                        yield self.db
                        broken = self.db.execute_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise peewee.IntegrityError(
                                f"broken references after upgrade: {broken[:3]}"
                            )
                finally:
                    self.db.execute_sql("PRAGMA foreign_keys = ON")
        except peewee.OperationalError as exc:
            raise DatabaseUnavailable(friendly_error(exc, self.path)) from exc

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


def contains(lhs: Any, text: str) -> Any:
    """``lhs`` contains ``text`` literally: % and _ typed by a person are not wildcards.

    SQLite's LIKE ignores ASCII case; callers fold accents themselves where it matters.
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return peewee.NodeList((lhs, peewee.SQL("LIKE"), f"%{escaped}%", peewee.SQL("ESCAPE '\\'")))
