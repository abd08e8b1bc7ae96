"""Plain records of referrals: a case's referrals out and in, and one referral in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class StatusChangeInfo:
    """One move of a referral's status."""

    id: int
    status: str
    previous: str
    changed_on: date
    note: str
    by: str
    created_at: datetime  # naive UTC


@dataclass(frozen=True, slots=True)
class ChaseInfo:
    """One attempt to get an answer about a referral."""

    id: int
    chased_on: date
    method: str
    contacted: str
    said: str
    responded: bool
    next_chase_on: date | None
    by: str


@dataclass(frozen=True, slots=True)
class ReferralVersionInfo:
    """What a referral said before an edit replaced it, and who replaced it, when and why."""

    id: int
    agency: str
    agency_contact: str
    referred_on: date
    reason: str
    urgency: str
    shared: str
    status: str  # the referral's status then
    why: str  # why it was changed ("" for a draft's edit)
    replaced_at: datetime  # naive UTC
    replaced_by: str


@dataclass(frozen=True, slots=True)
class ReferralSummary:
    """A referral as a line of the case's list shows it."""

    id: int
    case_id: int
    agency: str
    service_id: int | None
    referred_on: date
    urgency: str
    status: str
    status_on: date
    sent_on: date | None
    days_waited: int | None  # since sent, to today (or to its outcome); None if never sent
    days_since_response: int | None  # since the agency last answered; None if it never has
    chases: int  # every chase since it was sent
    unanswered_chases: int  # chases since the last response (or since sent)
    next_chase_on: date | None
    escalate: bool  # chased the limit's times with no response
    appointment_at: datetime | None  # naive UTC
    version: int

    @property
    def is_open(self) -> bool:
        return self.status not in ("completed", "declined", "withdrawn")

    @property
    def chase_due(self) -> bool:
        """Its next chase date has come (it is waited on and not yet answered for good)."""
        from store.common import dates

        return (
            self.is_open
            and self.status != "drafted"
            and self.next_chase_on is not None
            and self.next_chase_on <= dates.today()
        )


@dataclass(frozen=True, slots=True)
class ReferralDetail:
    """One referral in full: what was sent, to whom, under what, and all that happened since."""

    summary: ReferralSummary
    agency_contact: str
    reason: str
    shared: str
    consent_id: int | None
    consent_text: str  # the consent it was sent under, in words ("" if none)
    lawful_reason: str
    accompanied_by: str
    outcome: str
    created_by: str
    history: tuple[StatusChangeInfo, ...]  # oldest first
    chases: tuple[ChaseInfo, ...]  # oldest first
    next_statuses: tuple[str, ...]  # where its status may go from here
    chase_limit: int
    # Why the worker who read it may not change it ("" if they may): the rules, or the case
    # being closed.
    read_only: str = ""
    # What it said before each edit, oldest first (what it says now is above).
    earlier: tuple[ReferralVersionInfo, ...] = ()

    @property
    def drafted(self) -> bool:
        """Not sent yet: its details are corrected freely; once sent, an edit is an amendment
        with its reason, and whom it went to and when stay as they were."""
        return self.summary.sent_on is None and self.summary.status == "drafted"

    @property
    def id(self) -> int:
        return self.summary.id


@dataclass(frozen=True, slots=True)
class IncomingInfo:
    """A referral that brought the case in."""

    id: int
    case_id: int
    source: str
    referrer: str
    referrer_contact: str
    reason: str
    received_on: date
    decision: str  # "" until decided
    decided_on: date | None
    decision_note: str
    version: int


@dataclass(frozen=True, slots=True)
class CaseReferrals:
    """A case's referrals: out (newest first) and in (newest first)."""

    case_id: int
    outgoing: tuple[ReferralSummary, ...]
    incoming: tuple[IncomingInfo, ...]
    chase_limit: int

    @property
    def to_escalate(self) -> int:
        return sum(1 for r in self.outgoing if r.escalate)
