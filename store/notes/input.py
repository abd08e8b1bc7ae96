"""The note editor's fields, validated before a note becomes a record.

Apart from the operations because pydantic, which start-up doesn't need, is imported only when a
note is first validated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from store.chronology.rules import NOTE_CATEGORY, chronology_categories
from store.common import dates
from store.common.errors import InvalidInput
from store.common.settings import NOTE_TYPES
from store.common.textsafe import clean_field
from store.common.validation import validate
from store.notes.rules import BODY_MAX, PRESENT_MAX, TITLE_MAX, truthy


class NoteInput(BaseModel):
    """A note as typed in the editor, validated before it becomes a record."""

    model_config = ConfigDict(str_strip_whitespace=False)

    contact_at: datetime  # naive local
    note_type: str
    present: str = ""
    body: str
    significant: bool = False
    chronology_title: str = ""
    chronology_category: str = NOTE_CATEGORY
    follow_up_on: date | None = None

    @field_validator("contact_at", mode="before")
    @classmethod
    def _when(cls, value: object, info: ValidationInfo) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value or "").strip() or "now"
        ctx = info.context or {}
        try:
            return dates.parse_datetime(text, dayfirst=ctx.get("dayfirst", True))
        except dates.DateParseError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("note_type", mode="before")
    @classmethod
    def _type(cls, value: object, info: ValidationInfo) -> str:
        allowed = (info.context or {}).get("note_types") or NOTE_TYPES
        text = clean_field(str(value or ""))
        if text not in allowed:
            raise ValueError(f"Choose a type: {', '.join(allowed)}.")
        return text

    @field_validator("present", mode="before")
    @classmethod
    def _present(cls, value: object) -> str:
        text = clean_field(str(value or ""))
        if len(text) > PRESENT_MAX:
            raise ValueError(f"Too long ({len(text)} characters; at most {PRESENT_MAX}).")
        return text

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: object) -> str:
        # Stored exactly as typed: a note is a record, and the display cleans what it shows.
        text = "" if value is None else str(value)
        if not text.strip():
            raise ValueError("The note is empty.")
        if len(text) > BODY_MAX:
            raise ValueError(
                f"The note is too long ({len(text):,} characters; at most {BODY_MAX:,})."
            )
        return text

    @field_validator("significant", mode="before")
    @classmethod
    def _significant(cls, value: object) -> bool:
        return value if isinstance(value, bool) else truthy(value)

    @field_validator("chronology_title", mode="before")
    @classmethod
    def _title(cls, value: object) -> str:
        text = clean_field(str(value or ""))
        if len(text) > TITLE_MAX:
            raise ValueError(f"Too long ({len(text)} characters; at most {TITLE_MAX}).")
        return text

    @field_validator("chronology_category", mode="before")
    @classmethod
    def _category(cls, value: object, info: ValidationInfo) -> str:
        allowed = chronology_categories((info.context or {}).get("categories"))
        text = clean_field(str(value or "")) or NOTE_CATEGORY
        for name in allowed:
            if name.casefold() == text.casefold():
                return name
        raise ValueError(f'No category "{text}". Choose one of: {", ".join(allowed)}.')

    @field_validator("follow_up_on", mode="before")
    @classmethod
    def _follow_up(cls, value: object, info: ValidationInfo) -> date | None:
        if value is None or isinstance(value, date):
            return value
        text = str(value).strip()
        if not text:
            return None
        ctx = info.context or {}
        try:
            return dates.parse_date(text, dayfirst=ctx.get("dayfirst", True), prefer="future")
        except dates.DateParseError as exc:
            raise ValueError(str(exc)) from None

    def model_post_init(self, _context: Any) -> None:
        errors: dict[str, str] = {}
        if self.significant and not self.chronology_title:
            errors["chronology_title"] = (
                "A significant note needs a short title for the chronology."
            )
        if self.follow_up_on is not None and self.follow_up_on < self.contact_at.date():
            errors["follow_up_on"] = "The follow-up date is before the note's date."
        if errors:
            raise InvalidInput(errors)


def parse_note(
    data: dict[str, Any],
    *,
    dayfirst: bool = True,
    note_types: tuple[str, ...] = NOTE_TYPES,
    categories: Sequence[str] | None = None,
) -> NoteInput:
    """Validate the editor's fields; raises InvalidInput{field: message}."""
    result: NoteInput = validate(
        NoteInput, data, dayfirst=dayfirst, note_types=note_types, categories=categories
    )
    return result
