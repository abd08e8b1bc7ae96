"""What a note may hold: limits and the fields a draft keeps, shared by the operations and
the editor's input model (no database, no pydantic, so both can import it)."""

from __future__ import annotations

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
