"""What a note may hold: limits and the fields a draft keeps, shared by the operations and
the editor's input model (no database, no pydantic, so both can import it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.common.textsafe import fold

if TYPE_CHECKING:
    from store.notes.records import NoteSummary

BODY_MAX = 2_000_000  # characters; a pasted 1 MB document must fit
TITLE_MAX = 120
PRESENT_MAX = 500
DRAFT_FIELDS = (
    "case_id",
    "contact_at",
    "note_type",
    "present",
    "body",
    "significant",
    "chronology_title",
    "chronology_category",
    "follow_up_on",
)


def truthy(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on", "y", "x")


def search_key(present: str, body: str) -> str:
    """What a note's text filter looks in: who was present and the body, folded (case and
    accents ignored)."""
    return f"{fold(present)}\n{fold(body)}"


def note_matches(note: NoteSummary, text: str = "", note_type: str | None = None) -> bool:
    """Whether a note read by ``NoteService.for_case`` is of ``note_type`` (any, if None or
    empty) and contains ``text`` (anything, if blank): the filter of a case's notes, in
    memory, as the store would answer it (``for_case(..., text=, note_type=)``)."""
    if note_type and note.note_type != note_type:
        return False
    needle = fold(text.strip())
    return not needle or needle in note.search_key
