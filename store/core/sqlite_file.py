"""The database as a file on disk (SQLite's one-file setup): is it an SQLite file, is it whole
(``PRAGMA quick_check``), whose is it and who else may read it, and reading it without
changing it or its folder."""

from __future__ import annotations

import os
import shlex
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from store.common.errors import DamagedDatabase, DatabaseUnavailable, NotACaselineDatabase
from store.core import cipher
from store.core.dialect import BUSY_TIMEOUT_SECONDS

SQLITE_HEADER = b"SQLite format 3\x00"


# Only the owner may read or write the records (``chmod 600``); the folder likewise (``700``).
PRIVATE_FILE_MODE = 0o600


PRIVATE_FOLDER_MODE = 0o700


# How often a check made without locks (see ``read_only_uri``) is made again when a colleague
# wrote to the file meanwhile.
STABLE_READ_ATTEMPTS = 3


def inspect_sqlite_file(path: Path) -> bool:
    """Return True if ``path`` is an SQLite file, False if there is no file yet.

    Raises NotACaselineDatabase for a file that is not SQLite at all, an empty one included.
    An encrypted one is SQLite's, once its passphrase is found (``cipher.key_for``, which
    raises if it can't be).
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
        if cipher.known_key(path) is not None or cipher.looks_encrypted(path):
            cipher.key_for(path)
            return True
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


def connect_read_only(path: Path) -> tuple[sqlite3.Connection, bool]:
    uri, immutable = read_only_uri(path)
    try:
        conn: sqlite3.Connection = cipher.connect(
            uri, path=path, uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
    except cipher.driver_errors() as exc:
        raise DatabaseUnavailable(f"Cannot open {path}: {exc}.") from exc
    return conn, immutable


def first_problem(conn: sqlite3.Connection, path: Path, *, full: bool) -> str | None:
    """The first problem SQLite's integrity check finds (``full``) or its quick check (every
    page and record whole, without comparing each index with its table), on one line; None if
    there is none."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        problem = str(conn.execute(f"PRAGMA {pragma}(1)").fetchone()[0])
    except cipher.driver_errors() as exc:
        if cipher.is_locked(exc):
            raise DatabaseUnavailable(f"{path} is locked by another program.") from exc
        problem = str(exc)
    if problem == "ok":
        return None
    # On one line, without SQLite's "*** in database main ***" heading.
    return " ".join(line.strip() for line in problem.splitlines() if not line.startswith("***"))


def file_problem(path: Path, *, full: bool = False) -> str | None:
    """The first problem SQLite's check finds in the file at ``path`` (``full``: the whole
    integrity check, every index against its table; otherwise the quick one), or None. Reads
    only; a file read without locks that a colleague wrote to meanwhile is looked at again."""
    problem = None
    for _attempt in range(STABLE_READ_ATTEMPTS):
        before = file_signature(path)
        conn, immutable = connect_read_only(path)
        try:
            problem = first_problem(conn, path, full=full)
        finally:
            conn.close()
        if problem is None or not immutable or file_signature(path) == before:
            break
    return problem


def check_integrity(path: Path) -> None:
    """Refuse a damaged database before anything is written to it (``PRAGMA quick_check``).

    Reads only, leaving the file and its folder exactly as they were. Raises DamagedDatabase
    with what to do about it.
    """
    problem = file_problem(path)
    if problem is None:
        return
    raise DamagedDatabase(
        f"{path} is damaged ({problem}); Caseline will not write to it and left it untouched. "
        "Restore it from a backup, or save what can be read into a new file with: "
        f"sqlite3 {shlex.quote(str(path))} .recover | sqlite3 recovered.db"
    )


def read_meta(path: Path) -> dict[str, str] | None:
    """Read Caseline's meta table without changing the file; None if the table is missing."""
    for attempt in range(1, STABLE_READ_ATTEMPTS + 1):
        before = file_signature(path)
        conn, immutable = connect_read_only(path)
        try:
            return _meta_of(conn, path)
        except cipher.driver_errors() as exc:
            if cipher.is_locked(exc):
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
