"""Plain records of what needs doing: the agenda, a task, a case's record health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from store.common.reminders import BUCKETS, Bucket


class ItemKind(StrEnum):
    """What an agenda item is about; only a task can be moved or done from the agenda."""

    TASK = "task"
    CONTACT = "contact"
    SUMMARY = "summary"
    REVIEW = "review"
    PLAN_ACTION = "plan action"
    MEETING_ACTION = "meeting action"
    DRAFT_NOTE = "draft note"
    DRAFT_MINUTES = "draft minutes"
    DRAFT_ASSESSMENT = "draft assessment"
    CHASE = "chase"
    ESCALATE = "escalate"
    CONSENT = "consent"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One thing to do on a case, and what to open to do it."""

    case_id: int
    case_ref: str
    client_name: str
    worker_name: str
    kind: ItemKind
    title: str
    due_on: date
    bucket: Bucket
    # What to open: a case file tab ("overview", "summary", "notes", "plan", "assessment",
    # "referrals", "meetings", "consent"), and the record on it (a note, a draft, a task...).
    tab: str
    record_kind: str = ""
    record_id: int | None = None
    version: int = 0  # a task's, for done and move
    author_id: int | None = None  # a draft note's: only its author carries on with it

    @property
    def movable(self) -> bool:
        return self.kind is ItemKind.TASK


@dataclass(frozen=True, slots=True)
class Agenda:
    """What needs doing for a worker (or a team), grouped by when."""

    today: date
    who: str  # "Sam Okafor", "team North"
    worker_id: int | None
    team: bool
    items: tuple[AgendaItem, ...]

    def group(self, bucket: Bucket) -> tuple[AgendaItem, ...]:
        return tuple(i for i in self.items if i.bucket is bucket)

    @property
    def counts(self) -> dict[Bucket, int]:
        return {b: len(self.group(b)) for b in BUCKETS}

    @property
    def overdue(self) -> int:
        return self.counts[Bucket.OVERDUE]


@dataclass(frozen=True, slots=True)
class TaskMoveInfo:
    old_due_on: date
    new_due_on: date
    reason: str
    moved_by: str
    moved_at: datetime  # naive UTC


@dataclass(frozen=True, slots=True)
class TaskInfo:
    """A task with its moves, oldest first."""

    id: int
    case_id: int
    case_ref: str
    client_name: str
    title: str
    due_on: date
    worker_id: int
    worker_name: str
    source_kind: str  # "manual" or "note"
    source_id: int | None
    done_at: datetime | None  # naive UTC
    done_note: str
    done_by: str
    version: int
    moves: tuple[TaskMoveInfo, ...] = ()

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True, slots=True)
class CaseHealth:
    """What a case's record is missing or has overdue, as one short line ("" if nothing)."""

    case_id: int
    items: tuple[AgendaItem, ...]
    line: str
