"""Plain records of cases: caseload rows, a case with its allocations, possible duplicates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from store.common.records import CaseStatus


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
    restricted: bool = False  # only its worker and those named open it
    consent_due_on: date | None = None  # the earliest review or expiry of a consent in force


FLAG_LABELS = {"contact": "no note 7d", "new": "new", "review": "review", "actions": "action due"}


def flag_labels(row: CaseRow) -> list[str]:
    """The row's flags as the caseload words them, most urgent first ("review" already shows
    as "overdue" in the Next review column)."""
    return [FLAG_LABELS.get(f, f) for f in row.flags if f != "review"]


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """An existing client who may be the person being entered as new."""

    client_id: int
    name: str
    date_of_birth: date | None
    reasons: tuple[str, ...]
    cases: tuple[tuple[int, str, CaseStatus, str], ...]  # (case id, ref, status, worker name)


@dataclass(frozen=True, slots=True)
class RowDuplicate:
    """A row of a file of new cases whose client may already be known: an existing client (by
    the new-case form's rules), or the client of an earlier row of the same file."""

    line: int
    name: str  # as the row has it
    known: tuple[DuplicateCandidate, ...]
    rows: tuple[tuple[int, str, tuple[str, ...]], ...]  # (earlier line, its name, why)


@dataclass(frozen=True, slots=True)
class CaseImport:
    """What ``store.cases.create_many`` did: the cases made (none when refused for possible
    duplicates), and the rows whose clients may already be known."""

    made: tuple[CaseDetail, ...]
    duplicates: tuple[RowDuplicate, ...]


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
    restricted: bool = False  # only its worker and those named open it
    consent_due_on: date | None = None  # the earliest review or expiry of a consent in force
    referrals_to_escalate: int = 0  # chased unanswered too often (store.referrals)


@dataclass(frozen=True, slots=True)
class WorkerLoad:
    """One worker's caseload in numbers, for supervision."""

    worker_id: int
    login: str
    name: str
    role: str
    team: str
    open_cases: int
    referrals: int  # cases not yet open: referrals being looked at
    no_recent_note: int  # open cases with no note for a week (the caseload's "contact" flag)
    reviews_overdue: int  # cases whose plan review is overdue
    actions_overdue: int  # cases with a conference action overdue

    @property
    def needing_attention(self) -> int:
        """How many flags the worker's cases carry between them."""
        return self.no_recent_note + self.reviews_overdue + self.actions_overdue


@dataclass(frozen=True, slots=True)
class TeamLoad:
    """The workers a supervisor, a manager or an auditor looks over (``team`` is "" for all)."""

    team: str
    workers: tuple[WorkerLoad, ...]


@dataclass(frozen=True, slots=True)
class ClosureItem:
    """An item of a case's closure checklist: its state, and what the store can see about it."""

    key: str  # one of store.cases.closure.ITEMS
    label: str  # "Support network recorded"
    state: str  # "open", "done" or "not applicable"
    reason: str  # why it does not apply ("" unless not applicable)
    hint: str  # what the records say: "no support network recorded" ("" if nothing)
    version: int  # 0 until someone first marks it: send it back with a change
    changed_by: str  # who last marked it ("" if never)
    changed_at: datetime | None  # when (naive UTC)

    @property
    def is_open(self) -> bool:
        """Neither done nor marked not applicable."""
        return self.state == "open"


@dataclass(frozen=True, slots=True)
class ClosureChecklist:
    """A case's closure checklist, as worked through so far."""

    case_id: int
    items: tuple[ClosureItem, ...]

    @property
    def open_items(self) -> tuple[ClosureItem, ...]:
        """The items still open: closing with any needs a reason."""
        return tuple(item for item in self.items if item.is_open)

    def item(self, key: str) -> ClosureItem:
        """The item with this key."""
        return next(item for item in self.items if item.key == key)


@dataclass(frozen=True, slots=True)
class TransferCandidate:
    """A case chosen for a transfer of several, as it stands when the form opens."""

    id: int
    ref: str
    client_name: str
    status: CaseStatus
    worker_id: int | None
    worker_name: str
    version: int  # sent back with the transfer, which is refused if the case changed since


@dataclass(frozen=True, slots=True)
class DraftsByAuthor:
    """How many unfinished notes one worker has on the cases chosen."""

    author_id: int
    author_name: str
    count: int


@dataclass(frozen=True, slots=True)
class TransferPreview:
    """What a transfer of several cases would move: the cases the actor may transfer, why
    any of the others can't be, and whose drafts are on them (listed for the receiver)."""

    cases: tuple[TransferCandidate, ...]
    refused: tuple[str, ...]  # one sentence a case, naming it
    drafts: tuple[DraftsByAuthor, ...]

    @property
    def versions(self) -> dict[int, int]:
        return {c.id: c.version for c in self.cases}


@dataclass(frozen=True, slots=True)
class TransferredCases:
    """A transfer of several cases, done: to whom, which cases, and how many drafts of
    others are now listed for the receiver."""

    worker_name: str
    refs: tuple[str, ...]
    drafts_left: int
