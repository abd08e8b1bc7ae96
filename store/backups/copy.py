"""A backup of the database file, taken while colleagues go on working, and the integrity
check of a file.

A backup is read through a read-only connection in one step of SQLite's online backup: one
read transaction, so the copy is the database as it stood at one moment, whatever colleagues
write meanwhile (they are not held up). It is written to a hidden file beside the one asked
for, only its owner may read it, checked with SQLite's integrity check, flushed to disk, and
only then given its name; it never replaces a file already there. The database itself is only
read: nothing is created, upgraded or written beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass
from pathlib import Path

from store.common.errors import DamagedDatabase, DatabaseUnavailable, NotACaselineDatabase
from store.core import cipher, sqlite_file
from store.core.migrations import check_version
from store.core.sqlite_file import (
    STABLE_READ_ATTEMPTS,
    connect_read_only,
    create_private_file,
    file_signature,
    inspect_sqlite_file,
    read_meta,
)


class BackupRefused(DatabaseUnavailable):
    """The backup can't be written where asked (a file already there, no such folder)."""


@dataclass(frozen=True)
class Copied:
    """A backup kept: where, how large (bytes), and the schema version it holds."""

    path: Path
    size: int
    schema_version: int


def backup(source: Path, target: Path) -> Copied:
    """Copy the database at ``source`` to a new file ``target``, checked before it is kept."""
    version = _caseline_version(source)
    target = Path(os.path.abspath(target))
    if target.exists() or target.is_symlink():
        raise BackupRefused(_exists(target))
    if not target.parent.is_dir():
        raise BackupRefused(f"There is no folder {target.parent} to put the backup in.")
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()  # left by a backup of this process that was interrupted
        try:
            create_private_file(partial)
        except OSError as exc:
            raise BackupRefused(f"Cannot write the backup in {target.parent}: {exc}.") from exc
        _copy(source, partial)
        problem = file_problem(partial, full=False)
        if problem is not None:
            raise DamagedDatabase(
                f"The copy of {source} fails SQLite's check ({problem}), so {source} itself may "
                "be damaged: no backup was kept. Run: caseline check --full"
            )
        sync_to_disk(partial)
        _name(partial, target)
        sync_to_disk(target.parent)
        cipher.adopt(target, like=source)
    finally:
        cipher.forget(partial)
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return Copied(target, target.stat().st_size, version)


def file_problem(path: Path, *, full: bool) -> str | None:
    """The first problem SQLite's check finds in the database file at ``path`` (``full``: the
    whole integrity check; otherwise the quick one), or None. Reads only."""
    if not inspect_sqlite_file(path):
        raise DatabaseUnavailable(f"No database at {path}.")
    return sqlite_file.file_problem(path, full=full)


def _caseline_version(source: Path) -> int:
    if not source.exists():
        raise DatabaseUnavailable(f"No database at {source}.")
    if not inspect_sqlite_file(source):
        raise NotACaselineDatabase(f"{source} is empty: there is nothing to back up.")
    meta = read_meta(source)
    if meta is None:
        raise NotACaselineDatabase(f"{source} holds no Caseline records: nothing to back up.")
    return check_version(meta, str(source))


def _copy(source: Path, partial: Path) -> None:
    """SQLite's online backup of ``source`` into ``partial``, in one step (one snapshot); an
    encrypted database's copy is encrypted with the same key."""
    cipher.adopt(partial, like=source)
    for _attempt in range(STABLE_READ_ATTEMPTS):
        before = file_signature(source)
        src, immutable = connect_read_only(source)
        try:
            dst = cipher.connect(partial, path=partial)
            try:
                src.backup(dst)
                # A file that stands alone: read without a -wal or -shm made beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        except cipher.driver_errors() as exc:
            raise DatabaseUnavailable(f"Could not copy {source}: {exc}.") from exc
        finally:
            src.close()
        # Read without locks (no one had it open): if someone wrote meanwhile, copy again.
        if not immutable or file_signature(source) == before:
            return
    raise DatabaseUnavailable(f"{source} kept changing while it was copied; try again.")


def _exists(target: Path) -> str:
    return f"{target} already exists: a backup never replaces a file."


def sync_to_disk(path: Path) -> None:
    """Flush the file or folder at ``path`` to disk (a folder: the names in it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _name(partial: Path, target: Path) -> None:
    """Give the checked copy its name, never over a file that appeared there meanwhile."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise BackupRefused(_exists(target)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise BackupRefused(f"Could not name the backup {target}: {exc}.") from exc
        if target.exists():  # a file system without hard links: as near as it allows
            raise BackupRefused(_exists(target)) from None
        os.replace(partial, target)
