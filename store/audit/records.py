"""Plain records of the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit trail, with the names a reader needs."""

    id: int
    at: datetime  # naive UTC
    worker_id: int | None  # None: a failed sign-in of a login no worker has
    worker_name: str  # the worker's display name, "" when there is no worker
    login: str
    action: str
    record_kind: str
    record_id: int | None
    case_id: int | None
    case_ref: str  # "" when the event is not about a case
    detail: str
    origin: str
