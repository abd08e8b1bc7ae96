"""What administrators do to workers' accounts: add them, set their role and team, reset a
passphrase (which also unlocks the login), deactivate and reactivate them. Workers are never
deleted: their records keep their name.

Each operation takes the acting worker first and is refused (NotPermitted) unless they are an
active administrator now; each is written to the audit trail with the worker it changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.audit.service import append
from store.common.errors import InvalidInput
from store.common.records import Role, WorkerInfo
from store.core.db import Database
from store.core.models import Worker, utcnow
from store.core.permissions import ACCOUNT_READERS, require_role
from store.workers.records import WorkerAccount
from store.workers.rules import display_name_for, find_worker, typed_login, worker_info

if TYPE_CHECKING:
    from store.workers.input import WorkerInput

ADMINISTRATORS_ONLY = "Only an administrator can manage workers."


class WorkerAdmin:
    """Managing workers' accounts (part of ``store.workers``)."""

    def __init__(self, database: Database, *, min_passphrase_length: int) -> None:
        self.database = database
        self.min_passphrase_length = min_passphrase_length

    # -- checks --------------------------------------------------------------------------

    def _check_passphrase(self, passphrase: str, field: str = "passphrase") -> None:
        from store.workers.passphrases import too_short

        problem = too_short(passphrase, self.min_passphrase_length)
        if problem:
            raise InvalidInput({field: problem})

    def _new_worker(
        self, login: str, display_name: str | None, role: str, team: str
    ) -> WorkerInput:
        from store.common.validation import validate
        from store.workers.input import WorkerInput, check_login

        try:
            default_name = display_name_for(check_login(login))
        except ValueError:
            default_name = ""
        fields: WorkerInput = validate(
            WorkerInput,
            {
                "login": login,
                "display_name": display_name or default_name,
                "role": role,
                "team": team,
            },
        )
        return fields

    def _display_name(self, display_name: str) -> str:
        from store.common.validation import person_name

        try:
            return person_name(display_name, "The worker's name")
        except ValueError as exc:
            raise InvalidInput({"display_name": str(exc)}) from None

    @staticmethod
    def _admin(actor: WorkerInfo) -> Any:
        return require_role(actor, {Role.ADMINISTRATOR.value}, ADMINISTRATORS_ONLY)

    @staticmethod
    def _target(login: str) -> Any:
        typed = typed_login(login)
        row = find_worker(typed) if typed else None
        if row is None:
            raise InvalidInput({"login": f"No worker has the login {typed!r}."})
        return row

    @staticmethod
    def _other_administrators(row: Any) -> bool:
        return bool(
            Worker.select()
            .where(
                (Worker.role == Role.ADMINISTRATOR.value)
                & (Worker.active == True)  # noqa: E712
                & (Worker.id != row.id)
            )
            .exists()
        )

    def _change(
        self, actor: WorkerInfo, login: str, action: str, detail: str, origin: str, **values: Any
    ) -> WorkerInfo:
        """Set ``values`` on the worker with ``login``, audited as ``action``."""
        with self.database.writing():
            self._admin(actor)
            row = self._target(login)
            Worker.update(updated_at=utcnow(), **values).where(Worker.id == row.id).execute()
            append(
                actor,
                action,
                record_kind="worker",
                record_id=row.id,
                detail=f"login {row.username}{detail}",
                origin=origin,
            )
            return worker_info(Worker.get_by_id(row.id))

    # -- operations ----------------------------------------------------------------------

    def check_add(
        self,
        actor: WorkerInfo,
        *,
        login: str,
        display_name: str | None = None,
        role: str = "worker",
        team: str = "",
    ) -> None:
        """Raise what ``add`` would refuse (the actor, a field, a login already taken) without
        adding anyone: for asking for the new worker's passphrase only once it can be used."""
        fields = self._new_worker(login, display_name, role, team)
        with self.database.reading():
            self._admin(actor)
            _refuse_taken(fields.login)

    def add(
        self,
        actor: WorkerInfo,
        *,
        login: str,
        display_name: str | None = None,
        role: str = "worker",
        team: str = "",
        passphrase: str | None = None,
        origin: str = "",
    ) -> WorkerInfo:
        """Add a worker: a new login (2-40 of a-z 0-9 . _ -, kept in lower case), their name
        (from the login unless given), role and team, and a passphrase if one is given (else
        they can't sign in with one until an administrator sets it)."""
        from store.workers import passphrases

        with self.database.reading():
            self._admin(actor)
        fields = self._new_worker(login, display_name, role, team)
        hashed = None
        if passphrase is not None:
            self._check_passphrase(passphrase)
            hashed = passphrases.hash_passphrase(passphrase)
        with self.database.writing():
            self._admin(actor)
            _refuse_taken(fields.login)
            row = Worker.create(
                username=fields.login,
                display_name=fields.display_name,
                role=fields.role,
                team=fields.team,
                passphrase_hash=hashed,
            )
            append(
                actor,
                "worker-added",
                record_kind="worker",
                record_id=row.id,
                detail=f"login {row.username}; role {row.role}"
                + (f"; team {row.team}" if row.team else ""),
                origin=origin,
            )
            return worker_info(row)

    def accounts(self, actor: WorkerInfo) -> list[WorkerAccount]:
        """Every worker's account, by login: for administrators, managers and auditors."""
        with self.database.reading():
            require_role(
                actor,
                ACCOUNT_READERS,
                "Only administrators, managers and auditors can list workers' accounts.",
            )
            return [
                WorkerAccount(
                    login=w.username,
                    display_name=w.display_name,
                    role=w.role,
                    team=w.team,
                    active=bool(w.active),
                    has_passphrase=w.passphrase_hash is not None,
                    locked=w.locked_at is not None,
                    failed_sign_ins=w.failed_sign_ins,
                    last_sign_in_at=w.last_sign_in_at,
                )
                for w in Worker.select().order_by(Worker.username)
            ]

    def set_role(self, actor: WorkerInfo, login: str, role: str, *, origin: str = "") -> WorkerInfo:
        """Give the worker another role; the only active administrator keeps theirs."""
        from store.common.validation import validate
        from store.workers.input import RoleInput

        with self.database.reading():
            self._admin(actor)
        new_role = validate(RoleInput, {"role": role}).role
        with self.database.writing():
            self._admin(actor)
            row = self._target(login)
            if (
                row.role == Role.ADMINISTRATOR.value
                and new_role != Role.ADMINISTRATOR.value
                and not self._other_administrators(row)
            ):
                raise InvalidInput(
                    {"role": f"{row.username} is the only administrator: make another first."}
                )
            return self._change(
                actor,
                row.username,
                "role-changed",
                f": {row.role} to {new_role}",
                origin,
                role=new_role,
            )

    def set_team(self, actor: WorkerInfo, login: str, team: str, *, origin: str = "") -> WorkerInfo:
        """Put the worker in a team (blank: none)."""
        from store.common.validation import validate
        from store.workers.input import TeamInput

        with self.database.reading():
            self._admin(actor)
        new_team = validate(TeamInput, {"team": team}).team
        return self._change(
            actor, login, "team-changed", f": team {new_team or '(none)'}", origin, team=new_team
        )

    def reset_passphrase(
        self, actor: WorkerInfo, login: str, passphrase: str, *, origin: str = ""
    ) -> WorkerInfo:
        """Give the worker a new passphrase; this also clears their failed sign-ins and unlocks
        their login."""
        from store.workers import passphrases

        with self.database.reading():
            self._admin(actor)
            self._target(login)
        self._check_passphrase(passphrase)
        hashed = passphrases.hash_passphrase(passphrase)
        return self._change(
            actor,
            login,
            "passphrase-reset",
            "",
            origin,
            passphrase_hash=hashed,
            failed_sign_ins=0,
            last_failed_at=None,
            locked_at=None,
        )

    def deactivate(self, actor: WorkerInfo, login: str, *, origin: str = "") -> WorkerInfo:
        """Stop the worker signing in; their records keep their name. Not yourself, and not
        the last active administrator."""
        with self.database.writing():
            self._admin(actor)
            row = self._target(login)
            if row.id == actor.id:
                raise InvalidInput(
                    {"login": "You can't deactivate yourself: ask another administrator."}
                )
            if row.role == Role.ADMINISTRATOR.value and not self._other_administrators(row):
                raise InvalidInput(
                    {"login": f"{row.username} is the only administrator: make another first."}
                )
            if not row.active:
                raise InvalidInput({"login": f"{row.username} is already deactivated."})
            return self._change(actor, row.username, "worker-deactivated", "", origin, active=False)

    def reactivate(self, actor: WorkerInfo, login: str, *, origin: str = "") -> WorkerInfo:
        """Let a deactivated worker sign in again."""
        with self.database.writing():
            self._admin(actor)
            row = self._target(login)
            if row.active:
                raise InvalidInput({"login": f"{row.username} is already active."})
            return self._change(actor, row.username, "worker-reactivated", "", origin, active=True)


def _refuse_taken(login: str) -> None:
    if find_worker(login) is not None:
        raise InvalidInput({"login": f"A worker already has the login {login!r}."})
