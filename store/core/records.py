"""Plain, immutable records the store hands to the UI and the CLI (never live ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from store.core.textsafe import preview_line

SUMMARY_MAX = 120  # characters of ChronologyItem.summary


class CaseStatus(StrEnum):
    """Where a case is in its life."""

    REFERRAL = "referral"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class WorkerInfo:
    """A worker, as the acting user or as an allocated worker."""

    id: int
    username: str
    display_name: str
    role: str = "worker"


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the caseload."""

    id: int
    ref: str
    client_name: str
    status: CaseStatus
    worker_id: int | None
    worker_name: str
    allocated_on: date | None
    last_contact_at: datetime | None  # naive UTC
    next_review_on: date | None  # the current plan's next review
    flags: tuple[str, ...]
    search_key: str  # folded client name and ref, for filtering as you type
    has_plan: bool = False
    next_action_due_on: date | None = None  # the earliest due open conference action


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """An existing client who may be the person being entered as new."""

    client_id: int
    name: str
    date_of_birth: date | None
    reasons: tuple[str, ...]
    cases: tuple[tuple[int, str, CaseStatus, str], ...]  # (case id, ref, status, worker name)


@dataclass(frozen=True, slots=True)
class AllocationInfo:
    """A period a worker held the case."""

    worker_name: str
    allocated_on: date
    ended_on: date | None


@dataclass(frozen=True, slots=True)
class CaseDetail:
    """A case with its client's details, for the case file."""

    id: int
    ref: str
    status: CaseStatus
    client_id: int
    client_name: str
    date_of_birth: date | None
    address: str
    phone: str
    worker_id: int | None
    worker_name: str
    allocated_on: date | None
    opened_on: date
    closed_on: date | None
    closure_reason: str
    last_contact_at: datetime | None
    next_review_on: date | None
    version: int
    allocations: tuple[AllocationInfo, ...] = field(default=())
    has_plan: bool = False
    next_action_due_on: date | None = None  # the earliest due open conference action


@dataclass(frozen=True, slots=True)
class ChronologyItem:
    """An entry in a case's chronology."""

    id: int
    occurred_on: date
    category: str
    title: str
    details: str
    source_kind: str
    source_id: int | None
    before_current_allocation: bool
    source_of_information: str = ""  # who reported it: "School (DSL)", "Police (PC 1234)"
    analysis: str = ""  # what the event means for the client (Markdown)
    version: int = 1  # send back when editing or annotating
    author_name: str = ""  # who recorded the entry
    updated_at: datetime | None = None  # naive UTC; None if never edited or annotated

    @property
    def is_manual(self) -> bool:
        """Added by hand (editable); automatic entries can only be annotated."""
        return self.source_kind == "manual"

    @property
    def summary(self) -> str:
        """The first non-blank line of the details, cleaned for a one-line cell."""
        return preview_line(self.details, SUMMARY_MAX, markdown=True)


@dataclass(frozen=True, slots=True)
class ClientInfo:
    """A client's own details, with the version to send back when editing them."""

    id: int
    name: str
    date_of_birth: date | None
    address: str
    phone: str
    language: str
    identifiers: str
    version: int


@dataclass(frozen=True, slots=True)
class ContactInfo:
    """A person in the client's support network."""

    id: int
    client_id: int
    name: str
    relationship: str
    phone: str
    address: str
    notes: str
    version: int


@dataclass(frozen=True, slots=True)
class ProfessionalInfo:
    """Another agency's worker involved with the case."""

    id: int
    case_id: int
    name: str
    agency: str
    role: str
    phone: str
    email: str
    started_on: date | None
    ended_on: date | None
    version: int


@dataclass(frozen=True, slots=True)
class SummaryInfo:
    """One version of a case summary (Markdown)."""

    id: int
    case_id: int
    body: str
    author_name: str
    created_at: datetime  # naive UTC


@dataclass(frozen=True, slots=True)
class ChangeInfo:
    """One recorded change of one field."""

    field: str
    old_value: str | None
    new_value: str | None
    changed_by: str
    changed_at: datetime  # naive UTC


@dataclass(frozen=True, slots=True)
class NoteSummary:
    """A line in a case's list of notes."""

    id: int
    case_id: int
    contact_at: datetime  # naive UTC
    note_type: str
    author_name: str
    first_line: str
    significant: bool
    amendments: int


@dataclass(frozen=True, slots=True)
class AmendmentInfo:
    """A correction appended to a finalised note."""

    id: int
    author_name: str
    created_at: datetime  # naive UTC
    reason: str
    body: str


@dataclass(frozen=True, slots=True)
class NoteDetail:
    """A whole note with its amendments."""

    id: int
    case_id: int
    case_ref: str
    client_name: str
    contact_at: datetime  # naive UTC
    note_type: str
    present: str
    body: str
    author_name: str
    significant: bool
    chronology_title: str
    follow_up_on: date | None
    status: str
    finalised_at: datetime | None
    amendments: tuple[AmendmentInfo, ...]


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """An unfinished note: the editor's fields exactly as typed."""

    id: int
    case_id: int
    case_ref: str
    client_name: str
    state: dict[str, str]
    updated_at: datetime  # naive UTC
