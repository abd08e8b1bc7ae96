"""Plain, immutable records the store hands to the UI and the CLI (never live ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CaseStatus(StrEnum):
    """Where a case is in its life."""

    REFERRAL = "referral"
    OPEN = "open"
    CLOSED = "closed"


class Role(StrEnum):
    """What a worker does, and so what they may see and change."""

    WORKER = "worker"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"
    AUDITOR = "auditor"


@dataclass(frozen=True, slots=True)
class WorkerInfo:
    """A worker, as the acting user or as an allocated worker."""

    id: int
    username: str
    display_name: str
    role: str = "worker"
    team: str = ""
    active: bool = True
