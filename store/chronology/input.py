"""A manual chronology entry's form, validated before it is recorded.

Apart from the operations because pydantic, which start-up doesn't need, is imported only when
an entry is first validated.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from store.chronology.rules import (
    DEFAULT_CATEGORIES,
    DETAILS_MAX,
    SOURCE_MAX,
    TITLE_MAX,
    as_typed,
    check_analysis,
    too_long,
)
from store.common import dates
from store.common.textsafe import clean_field
from store.common.validation import parse_typed_date


class EntryInput(BaseModel):
    """A manual chronology entry as typed in its form (every field).

    Context: ``dayfirst``, ``categories`` (those offered), ``keep_category`` (an entry's
    current category, accepted even if no longer offered), ``today``.
    """

    # validate_default: a form that leaves the date out gets "required", not a blank row.
    model_config = ConfigDict(extra="forbid", validate_default=True)

    occurred_on: date | None = None
    category: str = ""
    title: str = ""
    details: str = ""
    source_of_information: str = ""
    analysis: str = ""

    @field_validator("occurred_on", mode="before")
    @classmethod
    def _occurred_on(cls, value: object, info: ValidationInfo) -> date:
        day = parse_typed_date(value, info)
        if day is None:
            raise ValueError("Date is required: when did it happen?")
        today = (info.context or {}).get("today") or dates.today()
        # Planned events (a court hearing) may be entered ahead; years ahead is a typo.
        if day > dates.add_interval(today, years=1):
            raise ValueError("The date is more than a year ahead; check the year.")
        return day

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: object, info: ValidationInfo) -> str:
        ctx = info.context or {}
        allowed = tuple(ctx.get("categories") or DEFAULT_CATEGORIES)
        keep = ctx.get("keep_category")
        text = clean_field(str(value or ""))
        if keep and text == keep:
            return text
        for name in allowed:
            if name.casefold() == text.casefold():
                return str(name)
        lead = f'No category "{text}".' if text else "Category is required."
        raise ValueError(f"{lead} Choose one of: {', '.join(allowed)}.")

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: object) -> str:
        text = clean_field(str(value or ""))
        if not text:
            raise ValueError("Say what happened in a few words (the event's title).")
        if len(text) > TITLE_MAX:
            raise too_long("The title is", text, TITLE_MAX)
        return text

    @field_validator("details", mode="before")
    @classmethod
    def _details(cls, value: object) -> str:
        # Markdown kept as typed: the entry is a record; displays and exports clean it.
        text = as_typed(value)
        if len(text) > DETAILS_MAX:
            raise too_long("The details are", text, DETAILS_MAX)
        return text

    @field_validator("source_of_information", mode="before")
    @classmethod
    def _source(cls, value: object) -> str:
        text = clean_field(str(value or ""))
        if len(text) > SOURCE_MAX:
            raise too_long("Who reported it is", text, SOURCE_MAX)
        return text

    @field_validator("analysis", mode="before")
    @classmethod
    def _analysis(cls, value: object) -> str:
        return check_analysis(value)
