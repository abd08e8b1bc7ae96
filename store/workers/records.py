"""Plain records of workers' accounts, for the administrators who manage them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class WorkerAccount:
    """A worker's account as an administrator sees it: never the passphrase or its hash."""

    login: str
    display_name: str
    role: str
    team: str
    active: bool
    has_passphrase: bool
    locked: bool  # too many failed sign-ins: until an administrator resets the passphrase
    failed_sign_ins: int
    last_sign_in_at: datetime | None  # naive UTC, as every timestamp the store returns
