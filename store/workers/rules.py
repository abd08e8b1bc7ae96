"""What signing in and managing workers share: finding a worker by login, the records made
from a row, the messages of a refused sign-in and the delay after failures."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from peewee import fn

from store.common.records import Role, WorkerInfo
from store.common.textsafe import clean_field
from store.common.words import plural
from store.core.models import AuditEvent, Worker

NOT_RECOGNISED = "Login or passphrase not recognised."
DEACTIVATED = "This login has been deactivated."
# The detail of an audited failure of a login no worker has: those are what is counted.
UNKNOWN = "unknown login"
# The longest wait between attempts, however many have failed.
MAX_DELAY_SECONDS = 60
# Longest login kept from what was typed at a sign-in prompt (a real one is at most 40).
TYPED_LOGIN_MAX = 100


def display_name_for(username: str) -> str:
    """A readable name from a login name: "sam.okafor" -> "Sam Okafor"."""
    parts = [p for p in username.replace(".", " ").replace("_", " ").split() if p]
    return " ".join(p[:1].upper() + p[1:] for p in parts) or username


def worker_info(w: Worker) -> WorkerInfo:
    return WorkerInfo(
        id=w.id,
        username=w.username,
        display_name=w.display_name,
        role=w.role,
        team=w.team,
        active=bool(w.active),
    )


def typed_login(login: str) -> str:
    """A login as typed, made safe to look up and to record."""
    return clean_field(login)[:TYPED_LOGIN_MAX]


def find_worker(login: str) -> Any:
    """The worker with this login (exactly, else ignoring case), or None; in a transaction.

    Logins are kept in lower case, but a database from before sign-in may hold "Sam.Okafor".
    """
    row = Worker.get_or_none(Worker.username == login)
    if row is None:
        row = (
            Worker.select()
            .where(fn.LOWER(Worker.username) == login.lower())
            .order_by(Worker.id)
            .first()
        )
    return row


def active_administrator_exists() -> bool:
    """True if an active administrator with a passphrase exists; in a transaction."""
    return bool(
        Worker.select()
        .where(
            (Worker.role == Role.ADMINISTRATOR.value)
            & (Worker.active == True)  # noqa: E712
            & Worker.passphrase_hash.is_null(False)
        )
        .exists()
    )


def locked_message(failures: int) -> str:
    return (
        f"This login is locked after {plural(failures, 'failed sign-in')}: an administrator "
        "can unlock it by resetting its passphrase."
    )


def seconds_to_wait(failures: int, last_failed_at: datetime | None, now: datetime) -> int:
    """Whole seconds before another attempt is allowed after ``failures`` in a row, the last at
    ``last_failed_at`` (0: now). The wait doubles with each failure, up to a minute."""
    if failures < 1 or last_failed_at is None:
        return 0
    delay = min(2 ** min(failures - 1, 16), MAX_DELAY_SECONDS)
    remaining = (last_failed_at + timedelta(seconds=delay) - now).total_seconds()
    return math.ceil(remaining) if remaining > 0 else 0


def unknown_login_failures(login: str) -> tuple[int, datetime | None]:
    """How many sign-ins with a login no worker has failed, and when the last did, from the
    audit trail; in a transaction."""
    count, last = (
        AuditEvent.select(fn.COUNT(AuditEvent.id), fn.MAX(AuditEvent.at))
        .where(
            AuditEvent.worker.is_null()
            & (fn.LOWER(AuditEvent.login) == login.lower())
            & AuditEvent.action.in_(("sign-in-failed", "sign-in-locked-out"))
            & (AuditEvent.detail == UNKNOWN)
        )
        .scalar(as_tuple=True)
    )
    if isinstance(last, str):  # an aggregate comes back as stored
        last = datetime.fromisoformat(last)
    return int(count or 0), last
