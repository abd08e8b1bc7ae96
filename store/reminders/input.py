"""The forms of a task, validated before anything is written: a task added by hand, done with
a note, moved to another day with a reason. Dates are typed as anywhere ("fri", "+2w", "7/12")
and resolved against today when typed (context: ``dayfirst``, ``today``)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from store.common import dates
from store.common.validation import context_of, multiline, parse_typed_date, short_text
from store.reminders.rules import NOTE_MAX, REASON_MAX, TITLE_MAX


def _today(info: ValidationInfo) -> date:
    today: date | None = context_of(info).get("today")
    return today or dates.today()


def _due(value: object, info: ValidationInfo) -> date:
    day = parse_typed_date(value, info, prefer="future")
    if day is None:
        raise ValueError("By when? Give a date.")
    if day > dates.add_interval(_today(info), years=3):
        raise ValueError("That is more than three years ahead; check the year.")
    return day


class TaskInput(BaseModel):
    """A task added by hand: what, and by when (a day in the past is allowed: it is late)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    title: str = ""
    due_on: date | None = None

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: object) -> str:
        text = short_text(value, "The task", TITLE_MAX)
        if not text:
            raise ValueError("Say what is to be done.")
        return text

    @field_validator("due_on", mode="before")
    @classmethod
    def _due_on(cls, value: object, info: ValidationInfo) -> date:
        return _due(value, info)


class DoneInput(BaseModel):
    """A task done: a word on what was done is part of the record."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    note: str = ""

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: object) -> str:
        text = multiline(value, "The note", NOTE_MAX)
        if not text:
            raise ValueError("Say what was done (a short note for the record).")
        return text


class MoveInput(BaseModel):
    """A task moved to another day (today or later), and why."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    due_on: date | None = None
    reason: str = ""

    @field_validator("due_on", mode="before")
    @classmethod
    def _due_on(cls, value: object, info: ValidationInfo) -> date:
        day = _due(value, info)
        if day < _today(info):
            raise ValueError("Move it to today or a later day.")
        return day

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        text = short_text(value, "The reason", REASON_MAX)
        if not text:
            raise ValueError("Say why it is moving to another day.")
        return text
