"""The store's one door: an open Caseline database and its services, one per area.

The UI and the CLI ask ``store.notes.finalise(...)``, ``store.plans.review(...)`` and so on;
every call takes the acting worker, so that permissions and the audit log can be added in one
place without changing callers, and returns plain records, never live database rows.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from store.areas import Areas
from store.audit.service import origin_here
from store.common.errors import DamagedDatabase, DatabaseUnavailable, StoreError
from store.common.settings import (
    DEFAULT_CONSENT_EXPIRING_DAYS,
    DEFAULT_MAX_FAILED_SIGN_INS,
    DEFAULT_MIN_PASSPHRASE_LENGTH,
    DEFAULT_REF_FORMAT,
)
from store.core import cipher, migrations, postgres
from store.core.db import Database
from store.core.dialect import (
    ChangeWatch as ChangeWatch,  # for the app, which may not import dialect
)
from store.core.dialect import execute_sql
from store.core.gate import WriteGate
from store.core.generation import Generation
from store.core.models import (
    Case,
    ChronologyEntry,
    Client,
    Meta,
    Note,
    Worker,
)
from store.core.sqlite_file import (
    PRIVATE_FOLDER_MODE,
    STABLE_READ_ATTEMPTS,
    check_integrity,
    check_writable,
    create_private_file,
    inspect_sqlite_file,
    permission_warnings,
    read_meta,
)

if TYPE_CHECKING:
    from store.backups.copy import Copied
    from store.backups.encrypt import Encrypted
    from store.backups.restore import Contents, Restored
    from store.common.records import WorkerInfo
    from store.copy_db import DatabaseCopy
    from store.export.handover import HandoverService
    from store.export.record import RecordService
    from store.workers.tokens import TokenService

T = TypeVar("T")

# The key in ``caseline_meta`` that marks a demo database (value "1").
DEMO_KEY = "demo"
# A file this small is checked at once even when its check may be held: in less time than the
# app's code takes to load, so that a damaged one is refused before anything is drawn.
CHECK_AT_ONCE_BYTES = 32 * 1024 * 1024


class Store(Areas):
    """An open Caseline database and the services that act on it."""

    def __init__(
        self,
        database: Database,
        *,
        ref_format: str = DEFAULT_REF_FORMAT,
        max_failed_sign_ins: int = DEFAULT_MAX_FAILED_SIGN_INS,
        min_passphrase_length: int = DEFAULT_MIN_PASSPHRASE_LENGTH,
        consent_expiring_days: int = DEFAULT_CONSENT_EXPIRING_DAYS,
    ) -> None:
        super().__init__(
            database,
            ref_format=ref_format,
            max_failed_sign_ins=max_failed_sign_ins,
            min_passphrase_length=min_passphrase_length,
            consent_expiring_days=consent_expiring_days,
        )
        database.use()
        self._closed = False
        # Found when the database was opened, for the app or the command to show.
        self.open_warnings: list[str] = []
        self._generation: Generation | None = None  # made when first asked (data_version)
        self._version_lock = threading.Lock()

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        ref_format: str = DEFAULT_REF_FORMAT,
        max_failed_sign_ins: int = DEFAULT_MAX_FAILED_SIGN_INS,
        min_passphrase_length: int = DEFAULT_MIN_PASSPHRASE_LENGTH,
        consent_expiring_days: int = DEFAULT_CONSENT_EXPIRING_DAYS,
        check_later: bool = False,
        hold_check: bool = False,
    ) -> Store:
        """Open (creating or upgrading) the database at ``path``.

        Raises a StoreError subclass with a one-line message if the path is unusable, the file
        is not a Caseline database or is damaged (it is then left untouched), or it is from a
        newer Caseline. A new file is created readable by its owner only. The sign-in settings
        are the config file's (``store.common.settings.Config``).

        ``check_later``: an up-to-date file is checked (``PRAGMA quick_check``, which reads all
        of it) in a thread while it is read, and every write waits until the check has passed;
        if it fails, nothing is written and every write raises the error opening would have
        (``checked``). A file to upgrade is checked first, as always. ``hold_check``: the check
        of a file larger than ``CHECK_AT_ONCE_BYTES`` waits until a write or ``checked`` asks for
        it (the app asks once its first screen is drawn).
        """
        if postgres.is_url(path):
            from store.postgres_open import open_postgres

            return cls._opened(
                open_postgres(str(path)),
                ref_format=ref_format,
                max_failed_sign_ins=max_failed_sign_ins,
                min_passphrase_length=min_passphrase_length,
                consent_expiring_days=consent_expiring_days,
            )
        path = Path(path)
        check_writable(path)
        current = 0  # a new file
        created = False
        later = False
        if inspect_sqlite_file(path):
            meta = read_meta(path)
            if meta is not None:
                current = migrations.check_version(meta, str(path))
            later = check_later and current == migrations.LATEST
            if not later:
                check_integrity(path)
        else:
            create_private_file(path)
            created = True
        database = Database.shared(path)
        database.bind()
        if later:
            database.gate = WriteGate()
            held = hold_check and path.stat().st_size > CHECK_AT_ONCE_BYTES
            database.gate.run(lambda: check_integrity(path), held=held)
        if current == migrations.LATEST:
            # Up to date: no write transaction, and no foreign-key check of the whole file
            # (a tenth of a second on an agency's database) at every start.
            return cls._opened(
                database,
                ref_format=ref_format,
                max_failed_sign_ins=max_failed_sign_ins,
                min_passphrase_length=min_passphrase_length,
                consent_expiring_days=consent_expiring_days,
            )
        try:
            with database.migrating() as db:
                migrations.upgrade(db, str(path))
        except BaseException as exc:
            database.close()
            if created:
                # Not left behind as an empty file, which the next start would refuse.
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            if isinstance(exc, StoreError) or not isinstance(exc, Exception):
                raise
            # Any failure mid-upgrade: the transaction was rolled back.
            raise DatabaseUnavailable(
                f"Could not upgrade {path} to this version of Caseline ({exc}); "
                "it was left as it was."
            ) from exc
        return cls._opened(
            database,
            ref_format=ref_format,
            max_failed_sign_ins=max_failed_sign_ins,
            min_passphrase_length=min_passphrase_length,
            consent_expiring_days=consent_expiring_days,
        )

    @classmethod
    def open_read_only(
        cls,
        path: Path | str,
        *,
        ref_format: str = DEFAULT_REF_FORMAT,
        max_failed_sign_ins: int = DEFAULT_MAX_FAILED_SIGN_INS,
        min_passphrase_length: int = DEFAULT_MIN_PASSPHRASE_LENGTH,
    ) -> Store:
        """Open the database at ``path`` only to read it: nothing is created, upgraded or
        written, so a read-only copy can be read and reading leaves the file as it was.

        Callers reading in several steps check ``database.unchanged()`` afterwards (see
        ``Database``) and read again if it is False. On PostgreSQL every transaction is READ
        ONLY.
        """
        if postgres.is_url(path):
            return cls._existing(
                str(path), True, ref_format, max_failed_sign_ins, min_passphrase_length
            )
        path = Path(path)
        if not inspect_sqlite_file(path):
            raise DatabaseUnavailable(f"No database at {path}.")
        if not os.access(path, os.R_OK):
            raise DatabaseUnavailable(f"{path} is not readable by you.")
        current = migrations.check_version(read_meta(path) or {}, str(path))
        if current < migrations.LATEST:
            raise DatabaseUnavailable(
                f"{path} was written by an older Caseline and needs upgrading before it can be "
                f"read; open it once with: caseline --db {path}"
            )
        check_integrity(path)
        database = Database(path, read_only=True)
        database.bind()
        return cls._opened(
            database,
            ref_format=ref_format,
            max_failed_sign_ins=max_failed_sign_ins,
            min_passphrase_length=min_passphrase_length,
        )

    @classmethod
    def open_current(
        cls,
        path: Path | str,
        *,
        ref_format: str = DEFAULT_REF_FORMAT,
        max_failed_sign_ins: int = DEFAULT_MAX_FAILED_SIGN_INS,
        min_passphrase_length: int = DEFAULT_MIN_PASSPHRASE_LENGTH,
    ) -> Store:
        """Open the database at ``path`` to write, but never create or upgrade it: for a
        command that reads (an export) to sign in first, which writes to the audit trail.
        Raises DatabaseUnavailable as ``open_read_only`` does, and if the file can't be
        written (see ``writable``)."""
        if postgres.is_url(path):
            return cls._existing(
                str(path), False, ref_format, max_failed_sign_ins, min_passphrase_length
            )
        path = Path(path)
        if not inspect_sqlite_file(path):
            raise DatabaseUnavailable(f"No database at {path}.")
        if not writable(path):
            raise DatabaseUnavailable(f"{path} is read-only.")
        current = migrations.check_version(read_meta(path) or {}, str(path))
        if current < migrations.LATEST:
            raise DatabaseUnavailable(
                f"{path} was written by an older Caseline and needs upgrading before it can be "
                f"read; open it once with: caseline --db {path}"
            )
        check_integrity(path)
        database = Database(path)
        database.bind()
        return cls._opened(
            database,
            ref_format=ref_format,
            max_failed_sign_ins=max_failed_sign_ins,
            min_passphrase_length=min_passphrase_length,
        )

    @classmethod
    def _existing(
        cls, url: str, read_only: bool, ref_format: str, max_failed: int, min_length: int
    ) -> Store:
        """The PostgreSQL database at ``url`` as it is (``open_read_only``, ``open_current``)."""
        from store.postgres_open import open_postgres_existing

        return cls._opened(
            open_postgres_existing(url, read_only=read_only),
            ref_format=ref_format,
            max_failed_sign_ins=max_failed,
            min_passphrase_length=min_length,
        )

    @classmethod
    def _opened(
        cls,
        database: Database,
        *,
        ref_format: str,
        max_failed_sign_ins: int,
        min_passphrase_length: int,
        consent_expiring_days: int = DEFAULT_CONSENT_EXPIRING_DAYS,
    ) -> Store:
        store = cls(
            database,
            ref_format=ref_format,
            max_failed_sign_ins=max_failed_sign_ins,
            min_passphrase_length=min_passphrase_length,
            consent_expiring_days=consent_expiring_days,
        )
        if not database.server:
            store.open_warnings = permission_warnings(database.path)
        return store

    @staticmethod
    def backup(path: Path | str, target: Path | str) -> Copied:
        """Copy the database at ``path`` to the new file ``target`` while colleagues go on
        working, checked before it is kept (``store.backups.copy``); ``path`` is only read."""
        from store.backups.copy import backup

        return backup(Path(path), Path(target))

    @staticmethod
    def file_problem(path: Path | str, *, full: bool = False) -> str | None:
        """The first problem SQLite's check (``full``: the whole integrity check) finds in the
        database at ``path``, or None; reads only."""
        from store.backups.copy import file_problem

        return file_problem(Path(path), full=full)

    @staticmethod
    def examine_backup(path: Path | str, *, database: Path | str | None = None) -> Contents:
        """Check a backup is a whole Caseline database this Caseline can open (the full
        integrity check; if encrypted, tried with the ``database``'s key first) and say what
        it holds; reads only."""
        from store.backups.restore import examine

        if database is not None:
            cipher.borrow(Path(path), like=Path(database))
        return examine(Path(path))

    @staticmethod
    def contents_of(path: Path | str) -> Contents | None:
        """What the database at ``path`` holds, None if there is none (or it is empty);
        reads only."""
        from store.backups.restore import contents

        path = Path(path)
        if not path.exists() or path.stat().st_size == 0:
            return None
        cipher.key_for(path)
        meta = read_meta(path)
        return None if meta is None else contents(path, migrations.check_version(meta, str(path)))

    @classmethod
    def restore(cls, backup: Path | str, target: Path | str, *, login: str, stamp: str) -> Restored:
        """Put the backup at ``backup`` back as the database at ``target``: checked whole,
        upgraded to this Caseline's schema, its final records proved, the restore written in
        its audit trail (by ``login``), the database it replaces kept beside it first
        (``<name>.before-restore-<stamp>``), then put in place (``store.backups.restore``)."""
        from store.backups import restore as steps

        backup, target = Path(os.path.abspath(backup)), Path(os.path.abspath(target))
        if target.exists() and backup.exists() and os.path.samefile(backup, target):
            raise DatabaseUnavailable(f"{backup} is the database itself: nothing to restore.")
        if not target.parent.is_dir():
            raise DatabaseUnavailable(f"There is no folder {target.parent} to restore into.")
        found = steps.examine(backup)
        steps.encrypted_alike(backup, target)
        prepared = steps.prepare(backup, target)
        try:
            store = cls.open(prepared)
            try:
                report = store.integrity.verify()
                if not report.sound:
                    raise DamagedDatabase(
                        f"{backup} holds records altered outside Caseline ({len(report.problems)} "
                        f"found; caseline check --db {backup} names them): nothing was restored."
                    )
                store.audit.record(
                    None,
                    "database-restored",
                    login=login,
                    detail=f"from the backup {backup.name} (its newest event {found.newest})",
                    origin=origin_here(),
                )
            finally:
                store.close()
            kept = steps.keep_aside(target, stamp)
            steps.put_in_place(prepared, target)
        finally:
            steps.discard(prepared)
        return steps.Restored(target, kept, found.schema_version)

    @staticmethod
    def unlock_file(path: Path | str) -> None:
        """An encrypted database's passphrase found and tried now (the app's, before it starts)."""
        cipher.key_for(Path(path))

    @staticmethod
    def ask_passphrase_with(asker: Callable[[Path], str | None] | None) -> None:
        """Who asks for an encrypted database's passphrase when the variable gives none."""
        cipher.ask_with(asker)

    @staticmethod
    def is_encrypted(path: Path | str) -> bool:
        """Whether the file at ``path`` looks like an encrypted database (reads 1 kB of it)."""
        return cipher.looks_encrypted(Path(path))

    @classmethod
    def encrypt(
        cls, path: Path | str, passphrase: str, *, login: str, again: bool = False
    ) -> Encrypted:
        """Encrypt the plain database at ``path`` in place (``again``: the encrypted one, its
        key known, with a new passphrase), checked before it replaces the file, and say so in
        its audit trail (``store.backups.encrypt``)."""
        from store.backups.encrypt import change_passphrase, encrypt

        how = change_passphrase if again else encrypt
        return how(Path(os.path.abspath(path)), passphrase, login, origin_here(), cls)

    def copy_database(self, actor: WorkerInfo, target: Path | str, *, origin: str) -> DatabaseCopy:
        """Copy this whole database to the new database ``target`` (a file, or a PostgreSQL
        database by its URL), checked both ends (``store.copy_db``); administrators
        only."""
        from store.copy_db import copy_database

        return copy_database(self, actor, target, origin=origin, opener=type(self).open)

    @classmethod
    def read_steadily(
        cls,
        path: Path | str,
        read: Callable[[Store], T],
        *,
        ref_format: str = DEFAULT_REF_FORMAT,
        warn: Callable[[str], None] | None = None,
    ) -> T:
        """``read`` from the database at ``path`` opened read-only (nothing is created, upgraded
        or written), in one transaction, and read again if a colleague wrote to a file that was
        read without locks; ``warn`` is told of any warning about the file once. Raises
        DatabaseUnavailable if it kept changing."""
        for attempt in range(STABLE_READ_ATTEMPTS):
            store = cls.open_read_only(path, ref_format=ref_format)
            if attempt == 0 and warn is not None:
                for warning in store.open_warnings:
                    warn(warning)
            try:
                # One transaction for the whole read, so it sees one moment: a colleague's
                # commit part-way is not seen (WAL, or REPEATABLE READ on PostgreSQL). A file
                # nobody had open is read without locks: ``unchanged`` finds a write then.
                with store.database.reading():
                    result = read(store)
            except StoreError:
                if store.unchanged():
                    raise
                continue  # what was read may be inconsistent: read it again
            finally:
                store.close()
            if store.unchanged():
                return result
        raise DatabaseUnavailable(f"{path} kept changing while it was read; try again in a moment.")

    def close(self) -> None:
        """Let the database go: the last store of a file to close it closes its connections
        (each thread's, waiting for any in the middle of its work)."""
        with self._version_lock:
            if self._generation is not None:
                self.database.watches.discard(self._generation)
                self._generation.close()
                self._generation = None
        if not self._closed:
            self._closed = True
            self.database.release()

    @cached_property
    def handover(self) -> HandoverService:
        """``store.handover``: made when first used (start-up needs none of the export code)."""
        from store.export.handover import HandoverService

        return HandoverService(
            self.database, case_file=self.case_file, conferences=self.conferences, notes=self.notes
        )

    @cached_property
    def record(self) -> RecordService:
        """``store.record``: a case's whole record (made when first used)."""
        from store.export.record import RecordService

        return RecordService(
            self.database,
            audit=self.audit,
            case_file=self.case_file,
            notes=self.notes,
            plans=self.plans,
            conferences=self.conferences,
            assessments=self.assessments,
            referrals=self.referrals,
            consent=self.consent,
        )

    @cached_property
    def tokens(self) -> TokenService:
        """``store.tokens``: tokens for scripts (made when first used: only the command line
        signs in with them)."""
        from store.workers.tokens import TokenService

        return TokenService(self.database)

    def watch(self) -> ChangeWatch:
        """Something to ask, now and then, whether anyone has changed the records since it was
        last asked (the app refreshes what it shows when so); this process's own writes don't
        count. Stop it with ``unwatch``."""
        watch = ChangeWatch(self.database.location)
        self.database.watches.add(watch)
        return watch

    def unwatch(self, watch: ChangeWatch) -> None:
        """Stop a watch made by ``watch`` and close it."""
        self.database.watches.discard(watch)
        watch.close()

    def data_version(self) -> int:
        """A number that moves whenever something is committed that a screen may show, by
        anyone, this process included (not the audit of a reading). Read with what it goes
        with, then again later: the same number means nothing shown could have changed since
        (the app's "read again only if changed"; ``store.core.generation``)."""
        with self._version_lock:
            if self._generation is None:
                self._generation = Generation(self.database.location)
                self.database.watches.add(self._generation)
            return self._generation.count()

    def checked(self, *, wait: bool = True) -> bool:
        """Whether the file has passed the check made while it was opened (``check_later``):
        with ``wait``, once the check is over, else False while it runs. Raises the check's
        error (DamagedDatabase) if it failed: then nothing is ever written to the file."""
        gate = self.database.gate
        return True if gate is None else gate.settled(wait=wait)

    def unchanged(self) -> bool:
        """For a store opened read-only: True unless the file was written to while it was being
        read without locks (what was read may then be inconsistent: read it again)."""
        return self.database.unchanged()

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def location(self) -> Path | str:
        """Where the database is, as it was given: the file, or the PostgreSQL URL."""
        return self.database.location

    @property
    def where(self) -> str:
        """The database as messages name it (a URL without its password)."""
        return self.database.where

    def schema_version(self) -> int:
        with self.database.reading() as db:
            row = execute_sql(
                db, "SELECT value FROM caseline_meta WHERE key = 'schema_version'"
            ).fetchone()
        return int(row[0])

    def is_demo(self) -> bool:
        """True if this is a demo database (made by ``caseline demo``), the only kind that
        may be opened without signing in."""
        with self.database.reading():
            row = Meta.get_or_none(Meta.key == DEMO_KEY)
        return row is not None and row.value == "1"

    def is_empty(self) -> bool:
        """True if the database holds no cases and no clients."""
        with self.database.reading():
            return not Case.select().exists() and not Client.select().exists()


def writable(path: Path | str) -> bool:
    """True if the database file at ``path`` may be written to. A file or folder marked
    read-only (an archived copy) is left alone even by someone who could write to it anyway,
    such as root. A PostgreSQL database is written as its server allows (True)."""
    if postgres.is_url(path):
        return True
    path = Path(path)
    return path.is_file() and all(
        os.access(p, os.W_OK) and p.stat().st_mode & 0o222 for p in (path, path.parent)
    )


def make_private_folder(folder: Path) -> None:
    """Create Caseline's own data folder readable by its owner only (``chmod 700``)."""
    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)


def counts(store: Store) -> dict[str, int]:
    """Row counts of the main tables (for the CLI's reports)."""
    with store.database.reading():
        return {
            "workers": Worker.select().count(),
            "clients": Client.select().count(),
            "cases": Case.select().count(),
            "notes": Note.select().count(),
            "chronology entries": ChronologyEntry.select().count(),
        }
