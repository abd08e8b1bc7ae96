"""The service plan's forms, validated before anything is written: the plan's start and review
schedule, a goal (with its SMART checks), an action, and a review's ratings.

Apart from the operations because pydantic, which start-up doesn't need, is imported only when
a form is first validated.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from store.common import dates
from store.common.textsafe import clean_field
from store.common.validation import (
    choice,
    context_of,
    multiline,
    parse_typed_date,
    short_text,
    yes_no,
)
from store.plans.records import ACTION_STATUSES, DECISIONS, DOMAINS, RATINGS

TEXT_MAX = 2_000
LONG_MAX = 20_000
OWNER_NAME_MAX = 120
MAX_REVIEW_DATES = 24
NAMED_OWNERS = ("family", "other agency")  # owner choices that need a name typed

# Words that on their own name no observable change: "get healthier", "improve", "be better".
_VAGUE = re.compile(
    r"\b(improve[sd]?|improving|improvement|better|healthier|happier|well(?:being|-being)?"
    r"|cope|coping|work on|sort (?:out|things)|be ok(?:ay)?|feel good|get on track"
    r"|more positive|stable|stability|engage|engagement)\b",
    re.IGNORECASE,
)


def _today(info: ValidationInfo) -> date:
    return context_of(info).get("today") or dates.today()


def is_vague(change: str) -> bool:
    """A goal's "what will change" that names no observable change: very short, or built on
    a word like "improve" or "better"."""
    words = re.findall(r"\w+", change)
    return len(words) < 3 or _VAGUE.search(change) is not None


class PlanInput(BaseModel):
    """Starting a plan, or changing its review schedule.

    Exactly one of ``review_interval`` ("6 weeks") and ``review_dates`` ("1/3/2027, 1/6/2027").
    Context: ``dayfirst``, ``today``, ``not_before`` ((date, message): the case's start).
    """

    model_config = ConfigDict(extra="forbid", validate_default=True)

    started_on: date | None = None
    review_interval: str = ""
    review_dates: str = ""

    @field_validator("started_on", mode="before")
    @classmethod
    def _started(cls, value: object, info: ValidationInfo) -> date:
        day = parse_typed_date(value, info) or _today(info)
        if day > dates.add_interval(_today(info), months=3):
            raise ValueError("A plan can start at most three months ahead; check the date.")
        floor = context_of(info).get("not_before")
        if floor is not None and day < floor[0]:
            raise ValueError(floor[1])
        return day

    @field_validator("review_interval", mode="before")
    @classmethod
    def _interval(cls, value: object) -> str:
        text = clean_field(str(value or ""))
        if not text:
            return ""
        try:
            count, unit = dates.parse_interval(text)
        except dates.DateParseError as exc:
            raise ValueError(str(exc)) from None
        return f"{count} {unit}"

    @field_validator("review_dates", mode="before")
    @classmethod
    def _dates(cls, value: object, info: ValidationInfo) -> str:
        text = clean_field(str(value or ""))
        if not text:
            return ""
        parts = dates.split_dates(text)
        if len(parts) > MAX_REVIEW_DATES:
            raise ValueError(f"At most {MAX_REVIEW_DATES} review dates.")
        days = []
        for part in parts:
            try:
                days.append(
                    dates.parse_date(
                        part,
                        dayfirst=context_of(info).get("dayfirst", True),
                        prefer="future",
                        today=context_of(info).get("today"),
                    )
                )
            except dates.DateParseError as exc:
                raise ValueError(str(exc)) from None
        return ",".join(d.isoformat() for d in sorted(set(days)))

    @model_validator(mode="after")
    def _one_schedule(self) -> PlanInput:
        if self.review_interval and self.review_dates:
            raise _field_error(
                "review_interval", "Give a review interval or review dates, not both."
            )
        if not self.review_interval and not self.review_dates:
            raise _field_error(
                "review_interval",
                "When will the plan be reviewed? Give an interval (e.g. 6 weeks) or dates.",
            )
        start = self.started_on
        if self.review_dates and start is not None:
            early = [d for d in self.interval_dates() if d <= start]
            if early:
                raise _field_error(
                    "review_dates",
                    f"Review dates must be after the plan starts ({dates.format_date(start)}).",
                )
        return self

    def interval_dates(self) -> list[date]:
        return [date.fromisoformat(d) for d in self.review_dates.split(",") if d]

    def interval(self) -> tuple[int | None, str]:
        if not self.review_interval:
            return None, ""
        count, unit = self.review_interval.split()
        return int(count), unit


class GoalInput(BaseModel):
    """A goal as typed. The SMART checks say which part is missing.

    Context: ``dayfirst``, ``today``, ``keep_target_on`` (a target date already recorded,
    accepted even if now past, so an unchanged goal can still be re-worded).
    """

    model_config = ConfigDict(extra="forbid", validate_default=True)

    domain: str = ""
    measure: str = ""  # before ``change``: its check reads the measure
    change: str = ""
    target: str = ""
    relevance: str = ""
    target_on: date | None = None
    client_agreed: bool = False
    achievable: bool = False
    achievable_note: str = ""
    reason: str = ""

    @field_validator("domain", mode="before")
    @classmethod
    def _domain(cls, value: object) -> str:
        return choice(value, DOMAINS, "need")

    @field_validator("change", mode="before")
    @classmethod
    def _change(cls, value: object, info: ValidationInfo) -> str:
        text = multiline(value, "What will change", TEXT_MAX)
        if not text:
            raise ValueError("Say specifically what will change (Specific).")
        # A vague aim is acceptable when a measure pins it down; with no measure it names
        # no change anyone could see: the "get healthier" the form must catch.
        if not info.data.get("measure") and is_vague(text):
            raise ValueError(
                f"“{_short(text)}” names no change anyone could see. Say what will be "
                "different, e.g. “attend three diabetes education classes and check blood "
                "sugar daily”."
            )
        return text

    @field_validator("measure", mode="before")
    @classmethod
    def _measure(cls, value: object) -> str:
        text = multiline(value, "The measure", TEXT_MAX)
        if not text:
            raise ValueError(
                "No measure: say how progress will be seen or counted (Measurable), "
                "e.g. rent paid each month, classes attended."
            )
        return text

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: object) -> str:
        text = multiline(value, "The target", TEXT_MAX)
        if not text:
            raise ValueError(
                "No target: say what level of the measure means the goal is met, "
                "e.g. 3 of 3 classes, no arrears for 2 months."
            )
        return text

    @field_validator("relevance", mode="before")
    @classmethod
    def _relevance(cls, value: object) -> str:
        text = multiline(value, "Why it matters", TEXT_MAX)
        if not text:
            raise ValueError("Say why it matters to the client, in their words (Relevant).")
        return text

    @field_validator("target_on", mode="before")
    @classmethod
    def _target_on(cls, value: object, info: ValidationInfo) -> date:
        day = parse_typed_date(value, info, prefer="future")
        if day is None:
            raise ValueError("No target date: by when should it be done (Time-bound)?")
        today = _today(info)
        if day < today and day != context_of(info).get("keep_target_on"):
            raise ValueError("The target date is in the past; set one still to come.")
        if day > dates.add_interval(today, years=3):
            raise ValueError("The target date is more than three years ahead; check the year.")
        return day

    @field_validator("client_agreed", mode="before")
    @classmethod
    def _agreed(cls, value: object) -> bool:
        return yes_no(value, "Client agreed")

    @field_validator("achievable", mode="before")
    @classmethod
    def _achievable(cls, value: object) -> bool:
        return yes_no(value, "Achievable")

    @field_validator("achievable_note", mode="before")
    @classmethod
    def _achievable_note(cls, value: object) -> str:
        return multiline(value, "The note", TEXT_MAX)

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return short_text(value, "The reason", 500)


class ActionInput(BaseModel):
    """An action as typed. ``owner`` is a choice from the form: "worker", "client",
    "contact:<id>", "professional:<id>", or "family" / "other agency" with ``owner_name``.

    Context: ``dayfirst``, ``today``, ``owners`` ({choice: (kind, name, professional id)}).
    """

    model_config = ConfigDict(extra="forbid", validate_default=True)

    what: str = ""
    owner: str = ""
    owner_name: str = ""
    due_on: date | None = None
    status: str = "not started"
    status_note: str = ""

    @field_validator("what", mode="before")
    @classmethod
    def _what(cls, value: object) -> str:
        text = multiline(value, "The action", TEXT_MAX)
        if not text:
            raise ValueError("Say what will be done.")
        return text

    @field_validator("owner", mode="before")
    @classmethod
    def _owner(cls, value: object, info: ValidationInfo) -> str:
        text = clean_field(str(value or ""))
        if not text:
            raise ValueError("Who will do it: the worker, the client, family or another agency?")
        if text not in (context_of(info).get("owners") or {}):
            raise ValueError(f"No one {text!r} to choose; pick from the list.")
        return text

    @field_validator("owner_name", mode="before")
    @classmethod
    def _owner_name(cls, value: object, info: ValidationInfo) -> str:
        text = short_text(value, "The name", OWNER_NAME_MAX)
        if not text and info.data.get("owner") in NAMED_OWNERS:
            raise ValueError("Give the name of the person or agency.")
        return text

    @field_validator("due_on", mode="before")
    @classmethod
    def _due(cls, value: object, info: ValidationInfo) -> date:
        day = parse_typed_date(value, info, prefer="future")
        if day is None:
            raise ValueError("By when? Give a due date.")
        if day > dates.add_interval(_today(info), years=3):
            raise ValueError("The due date is more than three years ahead; check the year.")
        return day

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: object) -> str:
        return choice(value or "not started", ACTION_STATUSES, "status")

    @field_validator("status_note", mode="before")
    @classmethod
    def _note(cls, value: object) -> str:
        return multiline(value, "The note", TEXT_MAX)


class ReviewInput(BaseModel):
    """The parts of a review that are not per goal. Context: ``dayfirst``, ``today``,
    ``not_before`` ((date, message): the plan's start)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    held_on: date | None = None
    client_present: bool = False
    client_views: str = ""
    participants: str = ""
    summary: str = ""

    @field_validator("held_on", mode="before")
    @classmethod
    def _held(cls, value: object, info: ValidationInfo) -> date:
        day = parse_typed_date(value, info) or _today(info)
        if day > _today(info):
            raise ValueError("A review can't be in the future; record it on the day it is held.")
        floor = context_of(info).get("not_before")
        if floor is not None and day < floor[0]:
            raise ValueError(floor[1])
        return day

    @field_validator("client_present", mode="before")
    @classmethod
    def _present(cls, value: object) -> bool:
        return yes_no(value, "Client present")

    @field_validator("client_views", mode="before")
    @classmethod
    def _views(cls, value: object) -> str:
        text = multiline(value, "The client's views", LONG_MAX)
        if not text:
            raise ValueError(
                "Record the client's views in their words (or why they could not be given)."
            )
        return text

    @field_validator("participants", mode="before")
    @classmethod
    def _participants(cls, value: object) -> str:
        return multiline(value, "Who took part", TEXT_MAX)

    @field_validator("summary", mode="before")
    @classmethod
    def _summary(cls, value: object) -> str:
        return multiline(value, "The summary", LONG_MAX)


class RatingInput(BaseModel):
    """One open goal's part of a review: rated, or why not."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    rating: str = ""
    evidence: str = ""
    decision: str = ""
    not_rated_reason: str = ""

    @field_validator("rating", mode="before")
    @classmethod
    def _rating(cls, value: object) -> str:
        return choice(value, RATINGS, "rating") if clean_field(str(value or "")) else ""

    @field_validator("decision", mode="before")
    @classmethod
    def _decision(cls, value: object) -> str:
        return choice(value, DECISIONS, "decision") if clean_field(str(value or "")) else ""

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence(cls, value: object) -> str:
        return multiline(value, "The evidence", LONG_MAX)

    @field_validator("not_rated_reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return short_text(value, "The reason", 500)

    @model_validator(mode="after")
    def _complete(self) -> RatingInput:
        if not self.rating:
            if not self.not_rated_reason:
                raise _field_error(
                    "rating", "Rate the progress, or say why this goal was not reviewed."
                )
            if self.decision or self.evidence:
                raise _field_error("rating", "Rate the progress to record evidence or a decision.")
            return self
        if self.not_rated_reason:
            raise _field_error(
                "not_rated_reason", "The goal is rated; leave the reason for not rating blank."
            )
        if not self.evidence:
            raise _field_error("evidence", "What shows this? Give the evidence for the rating.")
        if not self.decision:
            raise _field_error("decision", "Decide: continue, change, close goal or new goal.")
        return self


class _FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _field_error(field: str, message: str) -> _FieldError:
    return _FieldError(field, message)


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
