"""The people who use Caseline: who they are, how they sign in, and how administrators
manage them.

Every operation of the store takes the acting worker (a ``WorkerInfo``); this area finds them,
signs them in (``sign_in``, or ``identify`` where the agency trusts the computer's login) and
lets administrators add, change and deactivate them (``store.workers.admin``). Every sign-in,
failed or not, and every change to an account is written to the audit trail.
"""

from __future__ import annotations

from typing import Any, NoReturn

from store.audit.service import append
from store.common.errors import InvalidInput, NotPermitted, SignInRefused
from store.common.records import Role, WorkerInfo
from store.common.settings import DEFAULT_MAX_FAILED_SIGN_INS, DEFAULT_MIN_PASSPHRASE_LENGTH
from store.common.textsafe import clean_field
from store.common.words import plural
from store.core.db import Database
from store.core.models import Case, Worker, utcnow
from store.workers.admin import WorkerAdmin
from store.workers.rules import (
    DEACTIVATED,
    NOT_RECOGNISED,
    UNKNOWN,
    active_administrator_exists,
    display_name_for,
    find_worker,
    locked_message,
    seconds_to_wait,
    typed_login,
    unknown_login_failures,
    worker_info,
)

__all__ = ["WorkerService", "display_name_for", "worker_by_username", "worker_info"]


def worker_by_username(username: str) -> Any:
    worker = Worker.get_or_none(Worker.username == username)
    if worker is None:
        raise InvalidInput({"worker": f"No worker called {username!r}."})
    return worker


class WorkerService(WorkerAdmin):
    """Workers: ``store.workers``."""

    def __init__(
        self,
        database: Database,
        *,
        max_failed_sign_ins: int = DEFAULT_MAX_FAILED_SIGN_INS,
        min_passphrase_length: int = DEFAULT_MIN_PASSPHRASE_LENGTH,
    ) -> None:
        super().__init__(database, min_passphrase_length=min_passphrase_length)
        self.max_failed_sign_ins = max_failed_sign_ins

    # -- who is who ----------------------------------------------------------------------

    def ensure(
        self,
        username: str,
        display_name: str | None = None,
        *,
        role: str = "worker",
        team: str = "",
    ) -> WorkerInfo:
        """The worker with this login name, created on first use (with ``role`` and ``team``).

        For the demo generator and tests, which make their own workers: the app itself never
        creates a worker at sign-in (an administrator adds them, ``add``).
        """
        username = clean_field(username)
        if not username:
            raise InvalidInput({"worker": "Worker name is required."})
        # Read first: a worker already known costs no write (which would wait for the file's
        # check at start, ``Store.open``).
        with self.database.reading():
            worker = Worker.get_or_none(Worker.username == username)
        if worker is not None:
            return worker_info(worker)
        with self.database.writing():
            worker = Worker.get_or_none(Worker.username == username)
            if worker is None:
                worker = Worker.create(
                    username=username,
                    display_name=display_name or display_name_for(username),
                    role=role,
                    team=team,
                )
        return worker_info(worker)

    def named(self, username: str) -> WorkerInfo:
        """The worker with this login name, for reading only: someone the database doesn't
        know yet is named as given and not registered (id 0)."""
        username = clean_field(username)
        if not username:
            raise InvalidInput({"worker": "Worker name is required."})
        with self.database.reading():
            worker = Worker.get_or_none(Worker.username == username)
        if worker is None:
            return WorkerInfo(id=0, username=username, display_name=display_name_for(username))
        return worker_info(worker)

    def active(self) -> list[WorkerInfo]:
        with self.database.reading():
            rows = Worker.select().where(Worker.active == True).order_by(Worker.display_name)  # noqa: E712
            return [worker_info(w) for w in rows]

    # -- signing in ----------------------------------------------------------------------

    def sign_in(self, login: str, passphrase: str, *, origin: str = "") -> WorkerInfo:
        """The active worker with this login and passphrase, or SignInRefused.

        An unknown login, a login with no passphrase and a wrong passphrase are refused alike
        ("Login or passphrase not recognised."), and take as long. Failures in a row are
        counted per login: after the n-th, another attempt within min(2**(n-1), 60) seconds of
        it is refused without checking the passphrase (and without counting); after
        ``max_failed_sign_ins`` the login is locked until an administrator resets its
        passphrase. A login no worker has waits and locks alike (``_refuse_unknown``). A
        success starts the count again and, if the hash was made with older parameters,
        stores a new one.

        Every attempt is audited: "sign-in", "sign-in-failed" (with why in its detail), or
        "sign-in-locked-out" (the failure that locked the login, and attempts while locked).
        Argon2 runs outside any transaction: it is slow on purpose, and colleagues' writes
        must not wait for it.
        """
        from store.workers import passphrases

        typed = typed_login(login)
        with self.database.reading():
            row = find_worker(typed) if typed else None
        now = utcnow()
        if row is None:
            self._refuse_unknown(typed, passphrase, origin)
        info = worker_info(row)
        if row.locked_at is not None:
            self._audit_refusal(info, "", "sign-in-locked-out", "login locked", origin)
            raise SignInRefused(locked_message(row.failed_sign_ins))
        wait = seconds_to_wait(row.failed_sign_ins, row.last_failed_at, now)
        if wait:
            detail = f"too soon after {plural(row.failed_sign_ins, 'failed sign-in')}"
            self._audit_refusal(info, "", "sign-in-failed", detail, origin)
            message = f"Too many failed attempts: try again in {plural(wait, 'second')}."
            raise SignInRefused(message, retry_after=float(wait))
        known_hash: str | None = row.passphrase_hash
        if known_hash is None:
            passphrases.waste_time(passphrase)
            right = False
        else:
            right = passphrases.verify(known_hash, passphrase)
        if not right:
            self._count_failure(row.id, "no passphrase set" if known_hash is None else "", origin)
        if not row.active:
            self._audit_refusal(info, "", "sign-in-failed", "login deactivated", origin)
            raise SignInRefused(DEACTIVATED)
        assert known_hash is not None
        new_hash = (
            passphrases.hash_passphrase(passphrase)
            if passphrases.needs_rehash(known_hash)
            else None
        )
        with self.database.writing():
            fresh = Worker.get_by_id(row.id)
            # Reset, locked or deactivated while the passphrase was being checked.
            changed = fresh.passphrase_hash != known_hash
            changed = changed or fresh.locked_at is not None or not fresh.active
            if not changed:
                Worker.update(
                    failed_sign_ins=0,
                    last_failed_at=None,
                    last_sign_in_at=now,
                    passphrase_hash=new_hash or known_hash,
                ).where(Worker.id == row.id).execute()
                detail = "passphrase, rehashed" if new_hash else "passphrase"
                append(info, "sign-in", detail=detail, origin=origin)
            fresh = Worker.get_by_id(row.id)
        if changed:
            raise SignInRefused("This login changed while signing in: try again.")
        return worker_info(fresh)

    def check_passphrase(self, login: str, passphrase: str) -> WorkerInfo:
        """As ``sign_in``, but reading only and recording nothing (no failure counted, no
        event): for a database that can't be written, such as an archived read-only copy,
        which whoever can read the file may read whole anyway. A login locked or waiting
        after failures is refused as ``sign_in`` would refuse it."""
        from store.workers import passphrases

        typed = typed_login(login)
        with self.database.reading():
            row = find_worker(typed) if typed else None
        if row is None or row.passphrase_hash is None:
            passphrases.waste_time(passphrase)
            raise SignInRefused(NOT_RECOGNISED)
        if row.locked_at is not None:
            raise SignInRefused(locked_message(row.failed_sign_ins))
        if seconds_to_wait(row.failed_sign_ins, row.last_failed_at, utcnow()):
            raise SignInRefused("Too many failed attempts: try again later.")
        if not passphrases.verify(row.passphrase_hash, passphrase):
            raise SignInRefused(NOT_RECOGNISED)
        if not row.active:
            raise SignInRefused(DEACTIVATED)
        return worker_info(row)

    def _refuse_unknown(self, typed: str, passphrase: str, origin: str) -> NoReturn:
        """A login no worker has, refused as a known one would be: after the same failures,
        the same wait and then the same lock (counted from the audit trail, since there is no
        worker to count them on), so that trying logins tells nobody which exist."""
        from store.workers import passphrases

        with self.database.reading():
            failures, last_failed_at = unknown_login_failures(typed)
        refusal = None
        if failures >= self.max_failed_sign_ins:
            action, detail = "sign-in-locked-out", f"{UNKNOWN}: locked"
            refusal = SignInRefused(locked_message(failures))
        elif wait := seconds_to_wait(failures, last_failed_at, utcnow()):
            action = "sign-in-failed"
            detail = f"{UNKNOWN}: too soon after {plural(failures, 'failed sign-in')}"
            message = f"Too many failed attempts: try again in {plural(wait, 'second')}."
            refusal = SignInRefused(message, retry_after=float(wait))
        if refusal is not None:
            self._audit_refusal(None, typed, action, detail, origin)
            raise refusal
        passphrases.waste_time(passphrase)
        locks = failures + 1 >= self.max_failed_sign_ins
        action = "sign-in-locked-out" if locks else "sign-in-failed"
        self._audit_refusal(None, typed, action, UNKNOWN, origin)
        raise SignInRefused(locked_message(failures + 1) if locks else NOT_RECOGNISED)

    def _count_failure(self, worker_id: int, detail: str, origin: str) -> NoReturn:
        """A wrong passphrase: counted, the login locked at the limit; always raises."""
        with self.database.writing():
            row = Worker.get_by_id(worker_id)
            failures = row.failed_sign_ins + 1
            locks = row.locked_at is None and failures >= self.max_failed_sign_ins
            now = utcnow()
            changes: dict[Any, Any] = {Worker.failed_sign_ins: failures, Worker.last_failed_at: now}
            if locks:
                changes[Worker.locked_at] = now
            Worker.update(changes).where(Worker.id == worker_id).execute()
            action = "sign-in-locked-out" if locks else "sign-in-failed"
            why = detail or "wrong passphrase"
            append(
                worker_info(row),
                action,
                detail=f"{why}; {failures} in a row",
                origin=origin,
            )
        if locks:
            raise SignInRefused(locked_message(failures))
        raise SignInRefused(NOT_RECOGNISED)

    def _audit_refusal(
        self, info: WorkerInfo | None, login: str, action: str, detail: str, origin: str
    ) -> None:
        with self.database.writing():
            append(info, action, login=login, detail=detail, origin=origin)

    def identify(self, login: str, *, origin: str = "", how: str = "os-login") -> WorkerInfo:
        """The active worker with this login, without a passphrase: for where the agency
        trusts who the computer says is at the keyboard (``identity = "os-login"``), and the
        demo. Audited as a "sign-in" with ``how`` as its detail."""
        typed = typed_login(login)
        with self.database.writing():
            row = find_worker(typed) if typed else None
            if row is None:
                append(
                    None,
                    "sign-in-failed",
                    login=typed,
                    detail=f"{how}: unknown login",
                    origin=origin,
                )
            elif not row.active:
                append(
                    worker_info(row),
                    "sign-in-failed",
                    detail=f"{how}: login deactivated",
                    origin=origin,
                )
            else:
                Worker.update(last_sign_in_at=utcnow()).where(Worker.id == row.id).execute()
                append(worker_info(row), "sign-in", detail=how, origin=origin)
                row = Worker.get_by_id(row.id)
        if row is None:
            raise SignInRefused(f"No worker has the login {typed!r}.")
        if not row.active:
            raise SignInRefused(DEACTIVATED)
        return worker_info(row)

    # -- the first administrator ---------------------------------------------------------

    def has_administrator(self) -> bool:
        """True if an active administrator with a passphrase exists."""
        with self.database.reading():
            return active_administrator_exists()

    def init_administrator(
        self, login: str, display_name: str | None, passphrase: str, *, origin: str = ""
    ) -> WorkerInfo:
        """The first administrator, only while there is none: a worker already known by this
        login (a database from before sign-in) becomes administrator with this passphrase;
        anyone else is added."""
        from store.workers import passphrases

        taken = "An administrator already exists: ask them."
        with self.database.reading():
            if active_administrator_exists():
                raise NotPermitted(taken)
            existing = find_worker(typed_login(login))
            if existing is not None:
                _refuse_caseholder(existing)
        if existing is None:
            fields = self._new_worker(login, display_name, Role.ADMINISTRATOR.value, "")
            name = fields.display_name
        else:
            name = self._display_name(display_name) if display_name else existing.display_name
        self._check_passphrase(passphrase)
        hashed = passphrases.hash_passphrase(passphrase)
        with self.database.writing():
            if active_administrator_exists():
                raise NotPermitted(taken)
            now = utcnow()
            row = find_worker(typed_login(login))
            if row is None:
                row = Worker.create(
                    username=fields.login,
                    display_name=name,
                    role=Role.ADMINISTRATOR.value,
                    passphrase_hash=hashed,
                )
            else:
                _refuse_caseholder(row)
                Worker.update(
                    display_name=name,
                    role=Role.ADMINISTRATOR.value,
                    active=True,
                    passphrase_hash=hashed,
                    failed_sign_ins=0,
                    last_failed_at=None,
                    locked_at=None,
                    updated_at=now,
                ).where(Worker.id == row.id).execute()
                row = Worker.get_by_id(row.id)
            info = worker_info(row)
            append(
                info,
                "administrator-created",
                record_kind="worker",
                record_id=row.id,
                detail=f"login {row.username}",
                origin=origin,
            )
        return info


def _refuse_caseholder(row: Worker) -> None:
    """An administrator's account reads no case record: a worker holding cases keeps their
    login, and the administrator gets one of its own."""
    held = Case.select().where(Case.worker == row.id, Case.status != "closed").count()
    if held:
        cases = "an open case" if held == 1 else f"{held} open cases"
        raise InvalidInput(
            {
                "login": f"{row.username} holds {cases}, and an administrator's account opens "
                f"no case records: give the administrator a login of its own, such as "
                f"{row.username}.admin."
            }
        )
