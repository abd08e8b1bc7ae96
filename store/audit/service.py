"""The audit trail: ``store.audit``. Who did what, when, to which record, and from where; kept
in ``audit_event``, which the database refuses to change or delete.

Any area may append to it (``append``, inside its own write transaction, so the event and what
it records are saved together, or neither is); supervisors, managers, auditors and
administrators read it.
"""

from __future__ import annotations

import functools
import os
import sys
from datetime import UTC, datetime

from peewee import JOIN, fn

from store.audit.records import AuditEntry
from store.common.records import WorkerInfo
from store.common.textsafe import clean_field
from store.core.db import Database
from store.core.generation import unseen
from store.core.models import AuditEvent, Case, Worker, utcnow
from store.core.permissions import AUDIT_READERS, require_role
from store.core.rows import insert_row, tuples

# Longest text kept in a field of an event: enough for any login, record kind or detail the
# store writes, and a bound on what someone typing at a sign-in prompt can put in the file.
TEXT_MAX = 500
EVENTS_LIMIT = 500


# The standard input last asked about and the terminal it is ("local" if none): asked of the
# system once, not at every event (every note finalised writes one).
_terminal: tuple[object, str] | None = None


def origin_here() -> str:
    """Where this process is used from: "browser 192.0.2.7" in a web browser (``caseline
    serve``, with the address it connected from), "ssh 10.0.0.5" over SSH, else the terminal
    ("/dev/pts/3"), else "local"."""
    global _terminal
    served = os.environ.get("CASELINE_SERVED")
    if served:  # "1" in caseline serve; the address a browser connected from, in its session
        return "browser" if served == "1" else clean_field(f"browser {served}")[:TEXT_MAX]
    for variable in ("SSH_CONNECTION", "SSH_CLIENT"):
        parts = os.environ.get(variable, "").split()
        if parts:
            return clean_field(f"ssh {parts[0]}")[:TEXT_MAX]
    stdin = sys.stdin
    if _terminal is not None and _terminal[0] is stdin:
        return _terminal[1]
    where = "local"
    try:
        if stdin is not None and stdin.isatty():
            where = clean_field(os.ttyname(stdin.fileno()))[:TEXT_MAX] or "local"
    except (OSError, ValueError):  # stdin closed or not a real file
        pass
    _terminal = (stdin, where)
    return where


@functools.lru_cache(maxsize=256)
def _text(value: str) -> str:
    # Cached: an event's action, kind, login and origin are the same few strings again and again.
    return clean_field(value)[:TEXT_MAX]


def append(
    actor: WorkerInfo | None,
    action: str,
    *,
    login: str = "",
    case_id: int | None = None,
    record_kind: str = "",
    record_id: int | None = None,
    detail: str = "",
    origin: str = "",
) -> None:
    """Add an event to the trail; call inside a write transaction. ``login`` defaults to the
    actor's; an actor the database doesn't know (id 0) is recorded by login alone."""
    insert_row(
        AuditEvent,
        at=utcnow(),
        worker=actor.id if actor is not None and actor.id else None,
        login=_text(login or (actor.username if actor is not None else "")),
        action=_text(action),
        record_kind=_text(record_kind),
        record_id=record_id,
        case=case_id,
        detail=_text(detail),
        origin=_text(origin),
    )


def act(
    actor: WorkerInfo,
    action: str,
    case_id: int | None,
    record_kind: str = "",
    record_id: int | None = None,
    *,
    detail: str = "",
) -> None:
    """Add what ``actor`` did to a record ("note-finalised", "case-transferred") to the trail,
    from where this process is used; call inside the write transaction that does it, so the
    event and the change are saved together or not at all."""
    append(
        actor,
        action,
        case_id=case_id,
        record_kind=record_kind,
        record_id=record_id,
        detail=detail,
        origin=origin_here(),
    )


def opened(
    database: Database,
    actor: WorkerInfo,
    record_kind: str,
    *,
    case_id: int | None,
    record_id: int | None = None,
    detail: str = "",
) -> None:
    """Add ``actor``'s opening of a record to the trail as "<record_kind>-opened": one small
    insert in a transaction of its own, made after the read it follows (off the UI thread, as
    every store call is). Only a read that opens something calls this, never a reload."""
    with unseen(), database.writing():  # changes nothing a screen shows
        act(actor, f"{record_kind}-opened", case_id, record_kind, record_id, detail=detail)


class AuditService:
    """The audit trail: ``store.audit``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def record(
        self,
        actor: WorkerInfo | None,
        action: str,
        *,
        login: str = "",
        case_id: int | None = None,
        record_kind: str = "",
        record_id: int | None = None,
        detail: str = "",
        origin: str = "",
    ) -> None:
        """Add an event to the trail, in a transaction of its own."""
        with self.database.writing():
            append(
                actor,
                action,
                login=login,
                case_id=case_id,
                record_kind=record_kind,
                record_id=record_id,
                detail=detail,
                origin=origin,
            )

    def events(
        self,
        actor: WorkerInfo,
        *,
        case_id: int | None = None,
        login: str | None = None,
        since: datetime | None = None,
        limit: int = EVENTS_LIMIT,
    ) -> list[AuditEntry]:
        """The trail, newest first: of a case, of a login, since a time (naive UTC, or aware),
        at most ``limit`` events. For supervisors, managers, auditors and administrators."""
        with self.database.reading():
            require_role(
                actor,
                AUDIT_READERS,
                "Only supervisors, managers, auditors and administrators can read the audit trail.",
            )
            query = (
                AuditEvent.select(
                    AuditEvent.id,
                    AuditEvent.at,
                    AuditEvent.worker,
                    Worker.display_name,
                    AuditEvent.login,
                    AuditEvent.action,
                    AuditEvent.record_kind,
                    AuditEvent.record_id,
                    AuditEvent.case,
                    Case.ref,
                    AuditEvent.detail,
                    AuditEvent.origin,
                )
                .join(Worker, on=(AuditEvent.worker == Worker.id), join_type=JOIN.LEFT_OUTER)
                .switch(AuditEvent)
                .join(Case, on=(AuditEvent.case == Case.id), join_type=JOIN.LEFT_OUTER)
            )
            if case_id is not None:
                query = query.where(AuditEvent.case == case_id)
            if login is not None:
                query = query.where(fn.LOWER(AuditEvent.login) == clean_field(login).lower())
            if since is not None:
                if since.tzinfo is not None:
                    since = since.astimezone(UTC).replace(tzinfo=None)
                query = query.where(AuditEvent.at >= since)
            query = query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(max(limit, 0))
            return [
                AuditEntry(
                    id=row[0],
                    at=row[1],
                    worker_id=row[2],
                    worker_name=row[3] or "",
                    login=row[4],
                    action=row[5],
                    record_kind=row[6],
                    record_id=row[7],
                    case_id=row[8],
                    case_ref=row[9] or "",
                    detail=row[10],
                    origin=row[11],
                )
                for row in tuples(query)
            ]
