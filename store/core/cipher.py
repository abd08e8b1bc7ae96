"""Encryption at rest (SQLCipher, with ``pip install 'caseline[encrypted]'``): telling an
encrypted file from a plain one, the passphrase of each file this process opens, and every
connection to an encrypted file made through SQLCipher's driver with its key.

An encrypted file has no "SQLite format 3" header: its first page, header included, is random
to anyone without the key. A file whose first bytes are random and whose size is a whole number
of pages is taken for an encrypted one (``looks_encrypted``); any other file without the header
is not a database. ``sqlcipher3`` is imported only when such a file is met, so a plain database
starts as fast as ever and needs nothing more installed.

The passphrase of a file is found once per process: ``CASELINE_DB_PASSPHRASE`` (for services),
else whoever asks for it (the command line, at a terminal: ``ask_with``). SQLCipher derives the
file's key from it and the file's salt (its first 16 bytes) with 256,000 rounds of PBKDF2, some
0.4 s, on every connection; a store opens several (each thread's, the checks, the watches), so
the key is derived here once, tried, and kept (not the passphrase) in this process's memory by
the file's path, each connection then given the key itself. Neither reaches a log (keys are set
on the driver's own connection, never through peewee, which logs its queries), an error
message, the audit trail or a file.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

import peewee

from store.common.config import PASSPHRASE_VARIABLE
from store.common.errors import DatabaseUnavailable

INSTALL = "pip install 'caseline[encrypted]'"

# How many times a person at a terminal is asked for a passphrase that doesn't open the file.
ASKED_TRIES = 3

_SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite's smallest page: every database file, encrypted or not, is a whole number of them.
_SMALLEST_PAGE = 512
# Of the first page's bytes, how many different values random bytes show at the least (1,024
# random bytes show some 251 of the 256; text, zeros or a cut-off file far fewer).
_SAMPLE = 1024
_RANDOM_ENOUGH = 200
# SQLCipher 4's defaults, which the pinned driver writes (and reads) with.
_SALT_BYTES = 16
_KDF_ROUNDS = 256_000
_KEY_BYTES = 32


class EncryptionUnavailable(DatabaseUnavailable):
    """The file is encrypted and SQLCipher's driver is not installed."""


class PassphraseNeeded(DatabaseUnavailable):
    """The file is encrypted and no passphrase was given (no terminal, no variable)."""


class WrongPassphrase(DatabaseUnavailable):
    """The passphrase given does not open the file."""


class Secret(str):
    """A passphrase or a key: itself wherever it is used, but never shown by ``repr`` (a
    traceback that lists a frame's variables, as Textual's and Rich's do, shows none)."""

    def __repr__(self) -> str:
        return "Secret(…)"


_keys: dict[str, str] = {}
_lock = threading.Lock()
_asker: Callable[[Path], str | None] | None = None


def ask_with(asker: Callable[[Path], str | None] | None) -> None:
    """Who is asked for an encrypted file's passphrase when the variable gives none (the
    command line at a terminal); None: nobody."""
    global _asker
    _asker = asker


def looks_encrypted(path: Path) -> bool:
    """Whether ``path`` is a file SQLCipher would have written: no SQLite header, random bytes
    where it would be, and a whole number of pages. Reads its first kilobyte only."""
    try:
        size = path.stat().st_size
        if size < _SAMPLE or size % _SMALLEST_PAGE:
            return False
        with path.open("rb") as fh:
            first = fh.read(_SAMPLE)
    except OSError:
        return False
    return not first.startswith(_SQLITE_HEADER) and len(set(first)) >= _RANDOM_ENOUGH


def driver(path: Path | None = None) -> Any:
    """SQLCipher's DB-API module, imported when first needed; EncryptionUnavailable (naming
    the encrypted file ``path``, if given) if not installed."""
    try:
        import sqlcipher3
    except ImportError:
        raise EncryptionUnavailable(_install_message(path)) from None
    return sqlcipher3.dbapi2


def _install_message(path: Path | None = None) -> str:
    what = f"{path} is encrypted" if path is not None else "Encrypted databases need SQLCipher"
    return f"{what}: install caseline[encrypted] ({INSTALL})"


def driver_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a connection of either driver raises (SQLCipher's are its own classes)."""
    loaded: ModuleType | None = sys.modules.get("sqlcipher3")
    if loaded is None:
        return (sqlite3.Error,)
    return (sqlite3.Error, loaded.dbapi2.Error)


def is_locked(exc: BaseException) -> bool:
    """A driver's "database is locked" (another program holds it), from either driver."""
    return type(exc).__name__ == "OperationalError" and "locked" in str(exc)


def _key(path: Path | str) -> str:
    return os.path.realpath(path)


def known_key(path: Path | str) -> str | None:
    """The key this process has for ``path``; None if none (a plain file, or one not yet
    met)."""
    with _lock:
        return _keys.get(_key(path))


def key_for(path: Path) -> str | None:
    """The key of the database at ``path``, None if it is not encrypted: from its passphrase
    (the variable, else asked), tried the first time it is met. Raises EncryptionUnavailable
    without the driver, PassphraseNeeded with no one to ask, WrongPassphrase if it doesn't
    open the file."""
    known = known_key(path)
    if known is not None or not looks_encrypted(path):
        return known
    driver(path)  # said first: a passphrase is no use without it
    given = os.environ.get(PASSPHRASE_VARIABLE) or None
    asker = _asker if given is None else None
    # A person asked may mistype it: asked again, each try costing the key's derivation.
    for attempt in range(1, (ASKED_TRIES if asker is not None else 1) + 1):
        if asker is not None:
            given = asker(path) or None
        if given is None:
            raise PassphraseNeeded(
                f"{path} is encrypted and no passphrase was given: run this at a terminal to "
                f"be asked for it, or set {PASSPHRASE_VARIABLE}."
            )
        try:
            unlock(path, Secret(given))
        except WrongPassphrase:
            if attempt == ASKED_TRIES or asker is None:
                raise
        else:
            break
    return known_key(path)


def _derived(path: Path, passphrase: str) -> str:
    """The key SQLCipher 4 derives from ``passphrase`` for the file at ``path`` (PBKDF2 with
    HMAC-SHA512, 256,000 rounds, over the file's salt), as the raw-key literal SQLCipher takes,
    salt included."""
    with path.open("rb") as fh:
        salt = fh.read(_SALT_BYTES)
    return _literal(passphrase, salt)


def new_key(passphrase: str) -> str:
    """The key for a new encrypted file: a salt of its own, and the key SQLCipher 4 derives
    from ``passphrase`` with it (so SQLCipher's own ``PRAGMA key = 'passphrase'`` opens the
    file too), as the raw-key literal. Keyed with it, SQLCipher derives nothing again."""
    return _literal(passphrase, os.urandom(_SALT_BYTES))


def _literal(passphrase: str, salt: bytes) -> str:
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode(), salt, _KDF_ROUNDS, _KEY_BYTES)
    return Secret(f"x'{key.hex()}{salt.hex()}'")


def unlock(path: Path, passphrase: str) -> None:
    """Try ``passphrase`` on the encrypted file at ``path`` (reading only) and keep its key for
    the connections to come; WrongPassphrase if it doesn't open it."""
    key = _derived(path, passphrase)
    if not _opens(path, key):
        raise WrongPassphrase(
            f"The passphrase does not open {path} (or it is not an encrypted Caseline "
            "database): nothing was opened or written."
        )
    _keep(path, key)


def opens_with(path: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` opens the encrypted file at ``path``; reads only."""
    return _opens(path, _derived(path, passphrase))


def borrow(path: Path, *, like: Path) -> None:
    """Try the key of the database ``like`` on the encrypted file ``path`` (a backup of it
    has the same), keeping it if it opens it: one passphrase asked, not two."""
    if known_key(path) is not None or not looks_encrypted(path):
        return
    key = key_for(like)
    if key is not None and _opens(path, key):
        _keep(path, key)


def _opens(path: Path, key: str) -> bool:
    """Whether ``key`` opens the encrypted file at ``path``; reads only."""
    # Read only, creating nothing beside it (as sqlite_file.read_only_uri, which asks here).
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    if not any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm")):
        uri += "&immutable=1"
    try:
        conn = _keyed(driver(path).connect(uri, uri=True), key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except driver_errors() as exc:
        if is_locked(exc):
            raise DatabaseUnavailable(f"{path} is locked by another program.") from None
        return False
    return True


def remember(path: Path, key: str) -> None:
    """Keep ``key`` (``new_key``'s) for the encrypted file at ``path``, one this process has
    just written with it."""
    _keep(path, key)


def _keep(path: Path, key: str) -> None:
    with _lock:
        _keys[_key(path)] = key


def forget(path: Path) -> None:
    with _lock:
        _keys.pop(_key(path), None)


def forget_all() -> None:
    """Forget every key this process has (a test beginning afresh)."""
    with _lock:
        _keys.clear()


def adopt(new: Path, *, like: Path) -> None:
    """A file made from ``like`` (a backup, a copy being restored) is encrypted with its key;
    nothing to do for a plain one."""
    key = known_key(like)
    if key is not None:
        _keep(new, key)


def _keyed(conn: Any, key: str) -> Any:
    # SQLCipher writes its own complaints about a wrong key to standard error: one line from
    # Caseline says it instead.
    conn.execute("PRAGMA cipher_log_level = NONE")
    # The key goes on the driver's connection directly (peewee would log the statement). A raw
    # key with its salt: SQLCipher uses it as it is, deriving nothing (and gives a new file
    # made with it, a backup, the same salt, so the passphrase opens that too).
    conn.execute(f'PRAGMA key = "{key}"')
    return conn


def connect(target: str | Path, *, path: Path, **options: Any) -> Any:
    """A DB-API connection to ``target`` (a file name or URI) of the database file ``path``:
    SQLite's own, or SQLCipher's with its key for a file whose key is known (``key_for`` has
    been asked, as opening a store asks it).

    The file itself is never read here: a process that opens and closes a file of its own on
    a database loses every lock SQLite holds on it (POSIX locks are the process's, dropped at
    any close), and connections are made while others of the same process are open."""
    passphrase = known_key(path)
    if passphrase is None:
        return sqlite3.connect(target, **options)
    conn = driver().connect(str(target), **options)
    try:
        return _keyed(conn, passphrase)
    except BaseException:
        conn.close()
        raise


def cipher_connection(path: Path, **options: Any) -> Any:
    """A connection of SQLCipher's driver to the file ``path``, keyed if its key is known
    (plain otherwise): one that can write an encrypted copy of it."""
    conn = driver(path).connect(str(path), **options)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        key = known_key(path)
        return _keyed(conn, key) if key is not None else conn
    except BaseException:
        conn.close()
        raise


class KeyedSqliteDatabase(peewee.SqliteDatabase):
    """peewee's SQLite database on SQLCipher's driver, each connection keyed before its
    pragmas run."""

    def __init__(self, database: str, *, key_path: Path, **kwargs: Any) -> None:
        self._key_path = key_path
        super().__init__(database, **kwargs)

    def _connect(self) -> Any:
        peewee_own: Any = self  # what peewee's own _connect uses, untyped
        conn = connect(
            self.database,
            path=self._key_path,
            timeout=peewee_own._timeout,
            isolation_level=None,
            **self.connect_params,
        )
        try:
            peewee_own._add_conn_hooks(conn)
        except BaseException:
            conn.close()
            raise
        return conn


def database_class(path: Path) -> Callable[..., peewee.SqliteDatabase]:
    """What makes the peewee database for ``path``: SQLite's, or SQLCipher's for a file whose
    passphrase is known (``key_for`` has been asked)."""
    if known_key(path) is None:
        return peewee.SqliteDatabase
    return functools.partial(KeyedSqliteDatabase, key_path=path)
