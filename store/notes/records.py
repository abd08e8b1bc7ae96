"""Plain records of case notes: list items, a note with its amendments, drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


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
    # The note's text (who was present, then the body) folded as ``store.common.textsafe.fold``
    # folds: a list is filtered by ``store.notes.rules.note_matches`` without asking the store.
    search_key: str = ""


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


@dataclass(frozen=True, slots=True)
class LeftDraft:
    """An unfinished note by someone else (the worker who held the case before) on a case
    now held by the reader: it stays its author's, and is listed so it is not lost."""

    id: int
    case_id: int
    case_ref: str
    client_name: str
    author_name: str
    updated_at: datetime  # naive UTC
    first_line: str
    # The editor's fields as the author left them; empty in a list, whole when read.
    state: dict[str, str]
