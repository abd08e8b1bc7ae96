"""Plain records of supervision: a worker's record, a session's note, drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class SupervisionSummary:
    """A line in a worker's supervision record."""

    id: int
    held_on: date
    author_name: str
    first_line: str
    has_actions: bool
    amendments: int


@dataclass(frozen=True, slots=True)
class SupervisionDraft:
    """An unfinished supervision note: the editor's fields exactly as typed."""

    id: int
    worker_id: int
    worker_name: str
    state: dict[str, str]
    updated_at: datetime  # naive UTC


@dataclass(frozen=True, slots=True)
class SupervisionRecord:
    """A worker's supervision record as the reader may see it: finalised notes newest first,
    the reader's own drafts about this worker, and whether the reader may write one."""

    worker_id: int
    worker_name: str
    login: str
    team: str
    notes: tuple[SupervisionSummary, ...]
    drafts: tuple[SupervisionDraft, ...]
    can_write: bool


@dataclass(frozen=True, slots=True)
class SupervisionAmendmentInfo:
    """A correction appended to a finalised supervision note."""

    id: int
    author_name: str
    created_at: datetime  # naive UTC
    reason: str
    body: str


@dataclass(frozen=True, slots=True)
class SupervisionDetail:
    """A whole supervision note with its amendments."""

    id: int
    worker_id: int
    worker_name: str
    author_name: str
    held_on: date | None
    body: str
    agreed_actions: str
    status: str
    finalised_at: datetime | None  # naive UTC
    amendments: tuple[SupervisionAmendmentInfo, ...]
    can_amend: bool
