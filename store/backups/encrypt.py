"""Encrypting a plain database in place (``caseline admin encrypt``), and giving an encrypted
one a new passphrase (``caseline admin change-passphrase``): the file-level steps.

The database must be whole (SQLite's integrity check) and open in no other program: leaving
the WAL for a rollback journal needs every other connection gone, so that is how a colleague's
Caseline is found (and refused), and from then on the file's lock keeps anyone from writing
unseen. The encrypted copy is written beside it (``sqlcipher_export``) inside an exclusive
transaction, checked by the caller (the integrity check, the same row count in every table, the
seals), then, if no one has committed meanwhile, renamed over the plain file; the plain file's
bytes are then overwritten with zeros through the handle still open on them, so that neither
its name nor its content is left to read.

A new passphrase takes the same steps from the encrypted file, opened with the passphrase it
has: the copy gets a salt of its own, and the file under the old passphrase is overwritten as
the plain one is (a passphrase is changed because the old one was told to someone who must no
longer read the records).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.backups.copy import sync_to_disk
from store.common.errors import DamagedDatabase, DatabaseUnavailable, NotACaselineDatabase
from store.core import cipher
from store.core.migrations import LATEST, check_version
from store.core.sqlite_file import (
    connect_read_only,
    create_private_file,
    file_problem,
    inspect_sqlite_file,
    read_meta,
)

# How long to wait for a colleague's write to finish before calling the database in use.
IN_USE_WAIT_SECONDS = 2


class AlreadyEncrypted(DatabaseUnavailable):
    """The file is encrypted already."""


class NotEncrypted(DatabaseUnavailable):
    """The file has no passphrase to change."""


@dataclass(frozen=True)
class Encrypted:
    """A database encrypted in place: its path, the tables and rows checked in the copy."""

    path: Path
    tables: int
    rows: int


def encrypt(path: Path, passphrase: str, login: str, origin: str, stores: Any) -> Encrypted:
    """Encrypt the plain database at ``path`` with ``passphrase``: the encrypted copy must pass
    the integrity check, hold as many rows in every table, and prove its final records (opened
    read-only by ``stores``, the Store class) before it replaces the plain file; nothing is
    changed if any step fails. The encrypting is then written in its audit trail, by ``login``
    (the computer's account: a step on the file, as a backup is, needs no sign-in) from
    ``origin``."""
    if cipher.looks_encrypted(path):
        raise AlreadyEncrypted(f"{path} is encrypted already: nothing was changed.")
    done = _encrypt(path, passphrase, lambda copy: _proved(copy, path, stores.open_read_only))
    _audited(stores, path, "database-encrypted", done, login, origin)
    return done


def change_passphrase(
    path: Path, passphrase: str, login: str, origin: str, stores: Any
) -> Encrypted:
    """Encrypt the encrypted database at ``path`` again, with the new ``passphrase``, as
    ``encrypt`` does a plain one (its key must be known: ``cipher.key_for`` asked first)."""
    if not cipher.looks_encrypted(path):
        raise NotEncrypted(
            f"{path} is not encrypted: caseline admin encrypt gives it a passphrase; "
            "nothing was changed."
        )
    if cipher.known_key(path) is None:  # pragma: no cover - the caller asks for it first
        raise cipher.PassphraseNeeded(f"{path}: its passphrase is needed first.")
    if cipher.opens_with(path, passphrase):
        raise DatabaseUnavailable(
            f"The new passphrase is the one {path} has already: nothing was changed."
        )
    done = _encrypt(path, passphrase, lambda copy: _proved(copy, path, stores.open_read_only))
    _audited(stores, path, "database-passphrase-changed", done, login, origin)
    return done


def _audited(
    stores: Any, path: Path, action: str, done: Encrypted, login: str, origin: str
) -> None:
    store = stores.open(path)
    try:
        store.audit.record(
            None,
            action,
            login=login,
            detail=f"{done.tables} tables, {done.rows} rows checked in the encrypted copy",
            origin=origin,
        )
    finally:
        store.close()


def _proved(copy: Path, path: Path, reader: Callable[..., Any]) -> None:
    store = reader(copy)
    try:
        report = store.integrity.verify()
    finally:
        store.close()
    if not report.sound:
        raise DamagedDatabase(
            f"The encrypted copy of {path} does not prove its final records "
            f"({len(report.problems)} problems; caseline check names them): nothing was changed."
        )


def _encrypt(path: Path, passphrase: str, check: Callable[[Path], None]) -> Encrypted:
    """Write the database at ``path`` (plain, or encrypted with a key this process knows) to
    a copy encrypted with ``passphrase``, ``check`` it, and put it in the file's place."""
    if not path.exists():
        raise DatabaseUnavailable(f"No database at {path}.")
    if not inspect_sqlite_file(path):  # pragma: no cover - it exists
        raise DatabaseUnavailable(f"No database at {path}.")
    meta = read_meta(path)
    if meta is None:
        raise NotACaselineDatabase(f"{path} holds no Caseline records: nothing to encrypt.")
    if check_version(meta, str(path)) < LATEST:
        # The copy is proved as this Caseline reads it, which an older schema can't be.
        raise DatabaseUnavailable(
            f"{path} was written by an older Caseline: open it once with caseline --db {path} "
            "to upgrade it, then encrypt it; nothing was changed."
        )
    if meta.get("demo") == "1":  # store.service.DEMO_KEY: made-up records, for anyone to try
        raise DatabaseUnavailable(f"{path} is the demo database: it is never encrypted.")
    cipher.driver()  # said first: nothing to do without it
    problem = file_problem(path, full=True)
    if problem is not None:
        raise DamagedDatabase(
            f"{path} fails SQLite's integrity check ({problem}): it was not encrypted. "
            "Restore it from a backup first."
        )
    copy = path.with_name(f".{path.name}.{os.getpid()}.encrypting")
    _discard(copy)
    create_private_file(copy)
    conn = cipher.cipher_connection(path, isolation_level=None, timeout=IN_USE_WAIT_SECONDS)
    plain = os.open(path, os.O_RDWR)
    try:
        _alone(conn, path)
        key = cipher.new_key(passphrase)
        counts = _export(conn, copy, key)
        before = conn.execute("PRAGMA data_version").fetchone()[0]
        cipher.remember(copy, key)
        check(copy)
        _same_rows(copy, counts, path)
        conn.execute("BEGIN EXCLUSIVE")
        if conn.execute("PRAGMA data_version").fetchone()[0] != before:
            raise DatabaseUnavailable(
                f"{path} was written to while it was being encrypted: nothing was changed; "
                "try again when no one is using it."
            )
        sync_to_disk(copy)
        os.replace(copy, path)
        cipher.adopt(path, like=copy)
        cipher.forget(copy)
        sync_to_disk(path.parent)
        _wipe(plain)
        conn.execute("ROLLBACK")
    except BaseException as exc:
        _discard(copy)
        with contextlib.suppress(*cipher.driver_errors()):
            conn.execute("ROLLBACK")
        with contextlib.suppress(*cipher.driver_errors()):
            conn.execute("PRAGMA journal_mode = WAL")
        if isinstance(exc, cipher.driver_errors()):  # a colleague's lock held, a disk full
            raise DatabaseUnavailable(
                f"Could not encrypt {path} ({exc}); nothing was changed."
            ) from None
        raise
    finally:
        os.close(plain)
        conn.close()
    return Encrypted(path, len(counts), sum(counts.values()))


def _alone(conn: Any, path: Path) -> None:
    """Leave WAL for a rollback journal: refused by SQLite while any other connection, of any
    program, has the file open."""
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except cipher.driver_errors() as exc:
        if cipher.is_locked(exc):
            raise DatabaseUnavailable(
                f"{path} is in use (Caseline or another program has it open): close it "
                "everywhere, caseline serve included, then try again; nothing was changed."
            ) from None
        raise DatabaseUnavailable(f"Could not encrypt {path}: {exc}.") from None
    if str(mode).lower() != "delete":
        raise DatabaseUnavailable(f"{path} is in use: its journal stayed {mode}; try again.")


def _export(conn: Any, copy: Path, key: str) -> dict[str, int]:
    """Every table's rows, counted, and the whole database written to ``copy``, encrypted with
    ``key`` (``cipher.new_key``'s), in one exclusive transaction (no one writes meanwhile)."""
    try:
        # A parameter, not a literal: the key is never part of any SQL text.
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(copy), key))
        try:
            conn.execute("BEGIN EXCLUSIVE")
            counts = _counts(conn, "main")
            conn.execute("SELECT sqlcipher_export('encrypted')")
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:  # DETACH is refused inside one
                conn.execute("ROLLBACK")
            conn.execute("DETACH DATABASE encrypted")
    except cipher.driver_errors() as exc:
        raise DatabaseUnavailable(f"Could not write the encrypted copy {copy}: {exc}.") from None
    return counts


def _counts(conn: Any, schema: str) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0])
        for name in names
    }


def _same_rows(copy: Path, counts: dict[str, int], path: Path) -> None:
    conn, _immutable = connect_read_only(copy)
    try:
        problem = conn.execute("PRAGMA integrity_check(1)").fetchone()[0]
        found = _counts(conn, "main")
    finally:
        conn.close()
    if problem != "ok" or found != counts:
        differ = sorted(n for n in counts.keys() | found.keys() if counts.get(n) != found.get(n))
        what = f"fails SQLite's check ({problem})" if problem != "ok" else f"differs in {differ}"
        raise DamagedDatabase(f"The encrypted copy of {path} {what}: nothing was changed.")


def _wipe(fd: int) -> None:
    """Overwrite the plain file, no longer named, with zeros, and flush them to disk."""
    size = os.fstat(fd).st_size
    block = bytes(1 << 20)
    os.lseek(fd, 0, os.SEEK_SET)
    left = size
    while left > 0:
        left -= os.write(fd, block[: min(left, len(block))])
    os.fsync(fd)


def _discard(copy: Path) -> None:
    cipher.forget(copy)
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{copy}{suffix}")
