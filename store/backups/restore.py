"""Putting a backup back: the file-level steps, each leaving nothing half done.

The backup is copied beside the database (the service upgrades that copy and writes the
restore into its audit trail), the database it replaces is kept beside it first, and the copy
is then put in place: into a database in use, through SQLite's online backup on a connection of
its own, so colleagues' Caseline sees the restored records at its next read rather than a file
pulled from under it; a database missing or damaged (which no Caseline has open: it refuses
one) is simply replaced by the copy.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from store.backups.copy import backup, file_problem
from store.common.errors import DatabaseUnavailable, NotACaselineDatabase
from store.core import cipher
from store.core.dialect import BUSY_TIMEOUT_SECONDS
from store.core.migrations import check_version
from store.core.sqlite_file import connect_read_only, create_private_file, read_meta


@dataclass(frozen=True)
class Contents:
    """What a database file holds, as said before it is replaced or put back."""

    path: Path
    cases: int
    notes: int
    newest: datetime | None  # the newest event of its audit trail (naive UTC)
    schema_version: int


def examine(path: Path) -> Contents:
    """Check ``path`` is a whole Caseline database this Caseline can open (the full
    integrity check), and say what it holds. Reads only."""
    if not path.exists():
        raise DatabaseUnavailable(f"No backup at {path}.")
    cipher.key_for(path)  # an encrypted backup's passphrase, before it is read
    meta = read_meta(path)
    if meta is None:
        raise NotACaselineDatabase(f"{path} holds no Caseline records.")
    version = check_version(meta, str(path))
    problem = file_problem(path, full=True)
    if problem is not None:
        raise DatabaseUnavailable(
            f"{path} fails SQLite's integrity check ({problem}): it can't be restored."
        )
    return contents(path, version)


def contents(path: Path, version: int) -> Contents:
    conn, _immutable = connect_read_only(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}

        def scalar(sql: str, table: str) -> Any:
            return conn.execute(sql).fetchone()[0] if table in tables else None

        cases = scalar('SELECT COUNT(*) FROM "case"', "case")
        notes = scalar("SELECT COUNT(*) FROM note WHERE status = 'final'", "note")
        newest = scalar("SELECT MAX(at) FROM audit_event", "audit_event")
    finally:
        conn.close()
    when = datetime.fromisoformat(str(newest)) if newest else None
    return Contents(path, int(cases or 0), int(notes or 0), when, version)


def encrypted_alike(source: Path, target: Path) -> None:
    """A backup goes back over a database encrypted as it is, or plain as it is (SQLite's
    online backup copies pages, which can't go between a plain file and an encrypted one);
    where there is no whole database, anything goes."""
    if not target.exists() or target.stat().st_size == 0:
        return
    if file_problem(target, full=False) is not None:
        return  # a damaged database is replaced whole, not written into
    # Both were inspected (``examine``, ``file_problem``): their keys, if any, are known.
    if (cipher.known_key(source) is None) == (cipher.known_key(target) is None):
        return
    if cipher.known_key(source) is not None:
        raise DatabaseUnavailable(
            f"{source} is encrypted and {target} is not: restore it over an encrypted database, "
            "or where there is none (caseline restore PATH --db NEW)."
        )
    raise DatabaseUnavailable(
        f"{source} is not encrypted and {target} is: restore it where there is no database "
        "(caseline restore PATH --db NEW), then encrypt that (caseline admin encrypt --db NEW)."
    )


def prepare(source: Path, target: Path) -> Path:
    """A copy of the backup ``source`` beside ``target``, to be upgraded and put in place."""
    prepared = target.with_name(f".{target.name}.{os.getpid()}.restoring")
    discard(prepared)
    create_private_file(prepared)
    cipher.adopt(prepared, like=source)  # an encrypted backup stays encrypted, with its key
    src, _immutable = connect_read_only(source)
    try:
        dst = cipher.connect(prepared, path=prepared)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return prepared


def keep_aside(target: Path, stamp: str) -> Path | None:
    """Keep the database about to be replaced as ``<name>.before-restore-<stamp>``: a
    checked backup if it is whole, its bytes as they are if not; None if there is none."""
    if not target.exists() or target.stat().st_size == 0:
        return None
    kept = target.with_name(f"{target.name}.before-restore-{stamp}")
    if file_problem(target, full=False) is None:
        backup(target, kept)
    else:
        for suffix in ("", "-wal"):
            if Path(f"{target}{suffix}").exists():
                shutil.copy2(f"{target}{suffix}", f"{kept}{suffix}")
    return kept


def put_in_place(prepared: Path, target: Path) -> None:
    """Make ``target`` hold what ``prepared`` holds."""
    whole = target.exists() and target.stat().st_size > 0
    if whole and file_problem(target, full=False) is None:
        src = cipher.connect(prepared, path=prepared)
        try:
            dst = cipher.connect(target, path=target, timeout=BUSY_TIMEOUT_SECONDS)
            try:
                src.backup(dst)
            finally:
                dst.close()
        except cipher.driver_errors() as exc:
            raise DatabaseUnavailable(f"Could not restore into {target}: {exc}.") from exc
        finally:
            src.close()
        return
    for suffix in ("-wal", "-shm"):  # a damaged file's: they belong to what is replaced
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{target}{suffix}")
    os.replace(prepared, target)


def discard(prepared: Path) -> None:
    cipher.forget(prepared)
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{prepared}{suffix}")


@dataclass(frozen=True)
class Restored:
    """A backup put back: the database, where the one it replaced was kept (None: there was
    none), and the schema version the backup was at (it is upgraded to this Caseline's)."""

    target: Path
    kept_as: Path | None
    schema_from: int
