"""Plain records of consent and information sharing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class ConsentStatus(StrEnum):
    """How a consent stands on a given day."""

    CURRENT = "current"
    EXPIRING = "expiring"  # in force, its review or expiry date near
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    NOT_YET = "not yet given"  # given from a later day


IN_FORCE = frozenset({ConsentStatus.CURRENT, ConsentStatus.EXPIRING})


@dataclass(frozen=True, slots=True)
class ConsentInfo:
    """A consent as it stands on the day it was read for (``status``)."""

    id: int
    case_id: int
    share_what: str
    recipient: str
    professional_id: int | None
    professional_name: str  # the linked professional, "" if none
    purpose: str
    given_by: str
    how: str
    given_on: date
    expires_on: date | None  # the review or expiry date
    withdrawn_on: date | None
    withdrawn_reason: str
    status: ConsentStatus
    recorded_by: str
    version: int

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE


@dataclass(frozen=True, slots=True)
class SharingInfo:
    """One line of a case's information-sharing log."""

    id: int
    case_id: int
    shared_at: datetime  # naive UTC
    worker_name: str
    recipient: str
    what: str
    consent_id: int | None
    lawful_reason: str
    source: str  # referral | export
    source_id: int | None

    @property
    def under(self) -> str:
        """Under what it was shared, in words."""
        if self.consent_id is not None:
            return f"consent {self.consent_id}"
        return f"without consent: {self.lawful_reason}"


@dataclass(frozen=True, slots=True)
class ConsentChange:
    """One field of a consent changed: when, by whom, from what to what."""

    changed_at: datetime  # naive UTC
    changed_by: str
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class ConsentView:
    """A case's consents and sharing log as its screen shows them, read at once."""

    case_id: int
    consents: tuple[ConsentInfo, ...]  # in force first, newest given first
    sharing: tuple[SharingInfo, ...]  # newest first
    professionals: tuple[tuple[int, str], ...]  # (id, "name, agency") a consent may name
    read_only: str  # why the worker may only read the case, "" if they may change it
    closed: bool
