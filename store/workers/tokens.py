"""Tokens: how a script signs in to the command line, where no one is there to type a
passphrase. ``store.tokens``.

An administrator makes a token for a worker (``create``); it is shown once, and only its
SHA-256 hash is kept (a token is 32 random bytes: nothing to gain from a slow hash, as there is
for a passphrase someone chose). A token signs in as its worker while they are active, until it
is revoked or its last day has passed. Making, revoking and every use of a token, refused or
not, are written to the audit trail.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from store.audit.service import append
from store.common import dates
from store.common.errors import InvalidInput, SignInRefused
from store.common.records import WorkerInfo
from store.common.textsafe import clean_field
from store.core.db import Database
from store.core.models import Worker, WorkerToken, utcnow
from store.core.permissions import MAKERS_ONLY, TOKEN_MAKERS, require_role
from store.workers.rules import DEACTIVATED, find_worker, typed_login, worker_info

if TYPE_CHECKING:
    from pydantic import ValidationInfo

# Every token starts so: a reader (or a scanner of leaked secrets) can tell what it is.
PREFIX = "cl_"
SECRET_BYTES = 32
LABEL_MAX = 80
# The record kind of a token in the audit trail.
KIND = "worker_token"
NOT_RECOGNISED = "This token is not recognised."


def may_make_tokens(actor: WorkerInfo | None) -> Any:
    """The actor's row if they may make, list and revoke tokens now; else NotPermitted. In a
    transaction."""
    return require_role(actor, TOKEN_MAKERS, MAKERS_ONLY)


def hash_token(token: str) -> str:
    """The hash kept of a token: SHA-256 of all of it, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A token as an administrator sees it: never the token or its hash."""

    id: int
    login: str  # whose it is
    worker_name: str
    label: str
    created_at: datetime  # naive UTC, as every timestamp the store returns
    created_by: str  # the login of who made it
    expires_on: date | None  # its last day; None: it doesn't expire
    last_used_at: datetime | None
    revoked_at: datetime | None

    def status(self, today: date) -> str:
        """ "revoked", "expired" (its last day was before ``today``) or "active"."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_on is not None and self.expires_on < today:
            return "expired"
        return "active"


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token just made: ``token`` is shown once and kept nowhere."""

    token: str
    info: TokenInfo


def _token_input(label: object, expires: object, today: date, dayfirst: bool) -> Any:
    """The label and last day of a new token, validated (pydantic only when a token is made)."""
    from pydantic import BaseModel, ConfigDict, field_validator

    from store.common.validation import parse_typed_date, short_text, validate

    class TokenInput(BaseModel):
        model_config = ConfigDict(extra="forbid", validate_default=True)

        label: str = ""
        expires_on: date | None = None

        @field_validator("label", mode="before")
        @classmethod
        def _label(cls, value: object) -> str:
            return short_text(value, "The label", LABEL_MAX)

        @field_validator("expires_on", mode="before")
        @classmethod
        def _expires(cls, value: object, info: ValidationInfo) -> date | None:
            day = parse_typed_date(value, info, prefer="future")
            if day is not None and day < today:
                raise ValueError(
                    f"{dates.format_date(day)} has passed: a token's last day is today or later."
                )
            return day

    return validate(
        TokenInput, {"label": label, "expires_on": expires}, today=today, dayfirst=dayfirst
    )


def _info(row: Any, owner: Any, maker: Any) -> TokenInfo:
    return TokenInfo(
        id=row.id,
        login=owner.username,
        worker_name=owner.display_name,
        label=row.label,
        created_at=row.created_at,
        created_by=maker.username,
        expires_on=row.expires_on,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


class TokenService:
    """Tokens for scripts: ``store.tokens``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- for administrators --------------------------------------------------------------

    def create(
        self,
        actor: WorkerInfo,
        login: str,
        *,
        label: str = "",
        expires: date | str | None = None,
        dayfirst: bool = True,
        origin: str = "",
    ) -> NewToken:
        """A new token for the active worker with ``login``: what it is for (``label``), and
        its last day (``expires``, a date or text such as "31/12/2026" or "+3m"; None: it
        doesn't expire)."""
        with self.database.reading():
            may_make_tokens(actor)
        fields = _token_input(label, expires, dates.today(), dayfirst)
        token = PREFIX + secrets.token_urlsafe(SECRET_BYTES)
        with self.database.writing():
            maker = may_make_tokens(actor)
            owner = self._owner(login)
            row = WorkerToken.create(
                worker=owner.id,
                token_hash=hash_token(token),
                label=fields.label,
                created_at=utcnow(),
                created_by=maker.id,
                expires_on=fields.expires_on,
            )
            detail = f"login {owner.username}"
            if fields.label:
                detail += f"; {fields.label}"
            if fields.expires_on is not None:
                detail += f"; last day {fields.expires_on.isoformat()}"
            append(
                actor,
                "token-created",
                record_kind=KIND,
                record_id=row.id,
                detail=detail,
                origin=origin,
            )
            return NewToken(token, _info(row, owner, maker))

    @staticmethod
    def _owner(login: str) -> Any:
        typed = typed_login(login)
        row = find_worker(typed) if typed else None
        if row is None:
            raise InvalidInput({"login": f"No worker has the login {typed!r}."})
        if not row.active:
            raise InvalidInput(
                {"login": f"{row.username} is deactivated: reactivate them before giving a token."}
            )
        return row

    def tokens(self, actor: WorkerInfo, login: str | None = None) -> list[TokenInfo]:
        """Every token (of the worker with ``login``, if given), oldest first."""
        owner = Worker.alias()
        maker = Worker.alias()
        with self.database.reading():
            may_make_tokens(actor)
            query = (
                WorkerToken.select(WorkerToken, owner, maker)
                .join(owner, on=(WorkerToken.worker == owner.id), attr="owner")
                .switch(WorkerToken)
                .join(maker, on=(WorkerToken.created_by == maker.id), attr="maker")
                .order_by(WorkerToken.id)
            )
            if login is not None:
                typed = typed_login(login)
                row = find_worker(typed) if typed else None
                if row is None:
                    raise InvalidInput({"login": f"No worker has the login {typed!r}."})
                query = query.where(WorkerToken.worker == row.id)
            return [_info(t, t.owner, t.maker) for t in query]  # type: ignore[attr-defined]

    def revoke(self, actor: WorkerInfo, token_id: int, *, origin: str = "") -> TokenInfo:
        """Stop the token signing in, for good."""
        with self.database.writing():
            may_make_tokens(actor)
            row = WorkerToken.get_or_none(WorkerToken.id == token_id)
            if row is None:
                raise InvalidInput({"token": f"No token has the number {token_id}."})
            if row.revoked_at is not None:
                raise InvalidInput({"token": f"Token {token_id} is already revoked."})
            WorkerToken.update(revoked_at=utcnow(), revoked_by=actor.id).where(
                WorkerToken.id == token_id
            ).execute()
            owner = Worker.get_by_id(row.worker_id)
            append(
                actor,
                "token-revoked",
                record_kind=KIND,
                record_id=token_id,
                detail=f"login {owner.username}" + (f"; {row.label}" if row.label else ""),
                origin=origin,
            )
            row = WorkerToken.get_by_id(token_id)
            return _info(row, owner, Worker.get_by_id(row.created_by_id))

    # -- signing in ----------------------------------------------------------------------

    def sign_in(self, token: str, *, login: str = "", origin: str = "") -> WorkerInfo:
        """The worker ``token`` signs in as, or SignInRefused (a token not recognised, revoked
        or past its last day, a deactivated worker's, or, if ``login`` is given, another
        worker's). Audited either way: a "sign-in" naming the token, or a "sign-in-failed"
        saying why; a use is also noted on the token."""
        with self.database.writing():
            row, owner, refusal = self._find(token, login)
            if refusal is not None:
                append(
                    worker_info(owner) if owner is not None else None,
                    "sign-in-failed",
                    record_kind=KIND if row is not None else "",
                    record_id=row.id if row is not None else None,
                    detail=f"token: {refusal[0]}",
                    origin=origin,
                )
            else:
                now = utcnow()
                WorkerToken.update(last_used_at=now).where(WorkerToken.id == row.id).execute()
                Worker.update(last_sign_in_at=now).where(Worker.id == owner.id).execute()
                append(
                    worker_info(owner),
                    "sign-in",
                    record_kind=KIND,
                    record_id=row.id,
                    detail="token",
                    origin=origin,
                )
        if refusal is not None:
            raise SignInRefused(refusal[1])
        return worker_info(owner)

    def check(self, token: str, *, login: str = "") -> WorkerInfo:
        """As ``sign_in``, recording nothing: for a database that can't be written (a read-only
        copy, which whoever can read may read whole anyway)."""
        with self.database.reading():
            _row, owner, refusal = self._find(token, login)
        if refusal is not None:
            raise SignInRefused(refusal[1])
        return worker_info(owner)

    @staticmethod
    def _find(token: str, login: str) -> tuple[Any, Any, tuple[str, str] | None]:
        """The token's row and worker, and (why, what to say) if it is refused; in a
        transaction."""
        row = WorkerToken.get_or_none(WorkerToken.token_hash == hash_token(clean_token(token)))
        if row is None:
            return None, None, ("not recognised", NOT_RECOGNISED)
        owner = Worker.get_by_id(row.worker_id)
        if row.revoked_at is not None:
            when = dates.format_date(dates.to_local(row.revoked_at).date())
            return row, owner, ("revoked", f"This token was revoked on {when}.")
        if row.expires_on is not None and row.expires_on < dates.today():
            when = dates.format_date(row.expires_on)
            return row, owner, ("expired", f"This token expired: its last day was {when}.")
        if not owner.active:
            return row, owner, ("login deactivated", DEACTIVATED)
        named = typed_login(login)
        if named and named.lower() != owner.username.lower():
            why = f"given as {named}'s"
            return row, owner, (why, f"This token signs in as {owner.username}, not {named}.")
        return row, owner, None


def clean_token(text: str) -> str:
    """A token as given (from a file or the environment), without the spaces and line end
    around it."""
    return clean_field(text)
