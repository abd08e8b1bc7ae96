"""A supervision note as typed, validated before it becomes a record.

Apart from the operations because pydantic, which start-up doesn't need, is imported only when a
supervision note is first validated.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationInfo, field_validator

from store.common import dates
from store.common.validation import multiline, parse_typed_date, validate
from store.supervision.rules import ACTIONS_MAX, BODY_MAX


class SupervisionInput(BaseModel):
    """The date of the session, what was discussed (Markdown) and the actions agreed."""

    held_on: date
    body: str
    agreed_actions: str = ""

    @field_validator("held_on", mode="before")
    @classmethod
    def _held_on(cls, value: object, info: ValidationInfo) -> date:
        held = parse_typed_date(value or "today", info)
        assert held is not None
        today = (info.context or {}).get("today") or dates.today()
        if held > today:
            raise ValueError("The session can't be in the future: give the day it was held.")
        return held

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: object) -> str:
        text = multiline(value, "The note", BODY_MAX)
        if not text:
            raise ValueError("Write what was discussed.")
        return text

    @field_validator("agreed_actions", mode="before")
    @classmethod
    def _actions(cls, value: object) -> str:
        return multiline(value, "The agreed actions", ACTIONS_MAX)


def parse_supervision(data: dict[str, Any], *, dayfirst: bool = True) -> SupervisionInput:
    """The editor's fields as a SupervisionInput, or InvalidInput naming each problem."""
    parsed: SupervisionInput = validate(SupervisionInput, data, dayfirst=dayfirst)
    return parsed
