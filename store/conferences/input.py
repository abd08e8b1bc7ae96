"""A conference's minutes as typed, validated before anything is written: the meeting's own
fields, each attendee (or apology), agenda item and action, an action's status, the next
meeting date and an amendment.

Apart from the operations because pydantic, which start-up doesn't need, is imported
only when a form is first validated.

``parse_minutes`` validates a whole save and reports every problem at once, by field:
``held_at``, ``conference_type``..., and for the lists ``attendees.<i>.<field>``,
``apologies.<i>.<field>``, ``agenda.<i>.<field>`` and ``actions.<i>.<field>``, where ``<i>``
is the row's index in the list as sent (from 0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from store.case_file.input import SHORT_MAX
from store.common import dates
from store.common.errors import InvalidInput
from store.common.settings import CONFERENCE_TYPES
from store.common.textsafe import clean_field
from store.common.validation import (
    NAME_MAX,
    choice,
    multiline,
    parse_typed_date,
    person_name,
    short_text,
    validate,
    yes_no,
)
from store.conferences.records import ACTION_STATUSES
from store.conferences.rules import NAMED_WHO

PLACE_MAX = 200
TITLE_MAX = 200
TEXT_MAX = 2_000
LONG_MAX = 50_000  # a discussion, the information shared
REASON_MAX = 300
MAX_ROWS = 200  # attendees, agenda items or actions in one meeting
# Who an attendee is, as the form sends it: one of the case's professionals or the client's
# network by id, the client, the allocated worker, a professional added on the spot ("new",
# who joins the case's professionals), or anyone else ("other").
_WHO = re.compile(r"^(?:(?:professional|contact):[1-9][0-9]*|client|worker|new|other)$")
# Who owns an action: any of those (but "new"), or a row of the lists as sent ("attendee:0",
# "apology:1"); "other" (or nothing) with a name typed.
_OWNER = re.compile(
    r"^(?:(?:professional|contact):[1-9][0-9]*|(?:attendee|apology):[0-9]+|client|worker|other)$"
)


def _ctx(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def _markdown(value: object, what: str, limit: int) -> str:
    """Markdown kept as typed (line ends normalised); all-blank counts as empty."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ""
    if len(text) > limit:
        raise ValueError(f"{what} is too long ({len(text):,} characters; at most {limit:,}).")
    return text


def _next_meeting(value: object, info: ValidationInfo, floor: date | None) -> date | None:
    day = parse_typed_date(value, info, prefer="future")
    if day is not None and floor is not None and day < floor:
        raise ValueError(f"The next meeting can't be before this one ({dates.format_date(floor)}).")
    if day is not None and day > dates.add_interval(dates.today(), years=2):
        raise ValueError("The next meeting is more than two years ahead; check the year.")
    return day


class MinutesInput(BaseModel):
    """The meeting's own fields. All may be blank in a draft; finalising needs the date,
    type and chair. Context: ``dayfirst``, ``types`` (the configured conference types)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    held_at: datetime | None = None  # naive local
    place: str = ""
    conference_type: str = ""
    chair: str = ""
    minute_taker: str = ""
    client_attended: bool = False
    client_views: str = ""
    information_shared: str = ""
    decisions: tuple[str, ...] = ()
    next_meeting_on: date | None = None

    @field_validator("held_at", mode="before")
    @classmethod
    def _held(cls, value: object, info: ValidationInfo) -> datetime | None:
        if value is None or isinstance(value, datetime):
            return value
        text = str(value).strip()
        if not text:
            return None
        try:
            return dates.parse_datetime(text, dayfirst=_ctx(info).get("dayfirst", True))
        except dates.DateParseError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("place", mode="before")
    @classmethod
    def _place(cls, value: object) -> str:
        return short_text(value, "The place", PLACE_MAX)

    @field_validator("conference_type", mode="before")
    @classmethod
    def _type(cls, value: object, info: ValidationInfo) -> str:
        if not clean_field(str(value or "")):
            return ""
        return choice(value, tuple(_ctx(info).get("types") or CONFERENCE_TYPES), "meeting type")

    @field_validator("chair", mode="before")
    @classmethod
    def _chair(cls, value: object) -> str:
        return short_text(value, "The chair's name", NAME_MAX)

    @field_validator("minute_taker", mode="before")
    @classmethod
    def _minute_taker(cls, value: object) -> str:
        return short_text(value, "The minute-taker's name", NAME_MAX)

    @field_validator("client_attended", mode="before")
    @classmethod
    def _attended(cls, value: object) -> bool:
        return yes_no(value, "Client attended")

    @field_validator("client_views", mode="before")
    @classmethod
    def _views(cls, value: object) -> str:
        return multiline(value, "The client's views", LONG_MAX)

    @field_validator("information_shared", mode="before")
    @classmethod
    def _shared(cls, value: object) -> str:
        return _markdown(value, "The information shared", LONG_MAX)

    @field_validator("decisions", mode="before")
    @classmethod
    def _decisions(cls, value: object) -> tuple[str, ...]:
        """One decision a line (or a list of them); blank lines dropped."""
        if value is None:
            return ()
        if isinstance(value, str):
            items = value.splitlines()
        elif isinstance(value, list | tuple):
            items = [str(v or "") for v in value]
        else:
            items = [str(value)]
        cleaned = tuple(c for c in (clean_field(i) for i in items) if c)
        for decision in cleaned:
            if len(decision) > TEXT_MAX:
                raise ValueError(f"A decision is too long (at most {TEXT_MAX:,} characters).")
        if len(cleaned) > MAX_ROWS:
            raise ValueError(f"At most {MAX_ROWS} decisions.")
        return cleaned

    @field_validator("next_meeting_on", mode="before")
    @classmethod
    def _next(cls, value: object, info: ValidationInfo) -> date | None:
        held = info.data.get("held_at")
        return _next_meeting(value, info, held.date() if isinstance(held, datetime) else None)


class AttendeeInput(BaseModel):
    """One person invited. ``who``: "professional:<id>", "contact:<id>", "client", "worker",
    "new" (a professional added on the spot) or "other", the last two with ``name``."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    who: str = ""
    name: str = ""
    role: str = ""
    agency: str = ""

    @field_validator("who", mode="before")
    @classmethod
    def _who(cls, value: object) -> str:
        text = clean_field(str(value or ""))
        if not text:
            raise ValueError("Who is this? Pick someone, or add a new professional.")
        if not _WHO.match(text):
            raise ValueError(f"No one {text!r} to choose; pick from the list.")
        return text

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object, info: ValidationInfo) -> str:
        if info.data.get("who") in NAMED_WHO:
            return person_name(value, "Name")
        return short_text(value, "Name", NAME_MAX)

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str:
        return short_text(value, "Role", SHORT_MAX)

    @field_validator("agency", mode="before")
    @classmethod
    def _agency(cls, value: object) -> str:
        return short_text(value, "Agency", SHORT_MAX)


class AgendaItemInput(BaseModel):
    """An agenda item: its title and the discussion (Markdown)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    title: str = ""
    discussion: str = ""

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: object) -> str:
        text = short_text(value, "The item", TITLE_MAX)
        if not text:
            raise ValueError("Give the agenda item a title.")
        return text

    @field_validator("discussion", mode="before")
    @classmethod
    def _discussion(cls, value: object) -> str:
        return _markdown(value, "The discussion", LONG_MAX)


class ConferenceActionInput(BaseModel):
    """An action agreed: what, whose (``owner``, or a name typed in ``owner_name``), by when.
    Context: ``dayfirst``, ``today``."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    what: str = ""
    owner: str = ""
    owner_name: str = ""
    due_on: date | None = None

    @field_validator("what", mode="before")
    @classmethod
    def _what(cls, value: object) -> str:
        text = multiline(value, "The action", TEXT_MAX)
        if not text:
            raise ValueError("Say what will be done.")
        return text

    @field_validator("owner", mode="before")
    @classmethod
    def _owner(cls, value: object) -> str:
        text = clean_field(str(value or ""))
        if text and not _OWNER.match(text):
            raise ValueError(f"No one {text!r} to choose; pick from the list.")
        return text

    @field_validator("owner_name", mode="before")
    @classmethod
    def _owner_name(cls, value: object, info: ValidationInfo) -> str:
        text = short_text(value, "The name", NAME_MAX)
        if not text and info.data.get("owner", "") in ("", "other"):
            raise ValueError("Who will do it? Choose someone at the meeting, or type a name.")
        return text

    @field_validator("due_on", mode="before")
    @classmethod
    def _due(cls, value: object, info: ValidationInfo) -> date:
        day = parse_typed_date(value, info, prefer="future")
        if day is None:
            raise ValueError("By when? Give a due date.")
        today = _ctx(info).get("today") or dates.today()
        if day > dates.add_interval(today, years=3):
            raise ValueError("The due date is more than three years ahead; check the year.")
        return day


class ActionStatusInput(BaseModel):
    """Marking an action done (with a note saying what was done) or reopening it."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    status: str = ""
    note: str = ""

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: object) -> str:
        return choice(value, ACTION_STATUSES, "status")

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: object, info: ValidationInfo) -> str:
        text = multiline(value, "The note", TEXT_MAX)
        if not text and info.data.get("status") == "done":
            raise ValueError("Say what was done (a short note for the record).")
        return text


class NextMeetingInput(BaseModel):
    """The date of the next meeting ("" clears it). Context: ``dayfirst``, ``not_before``."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    next_meeting_on: date | None = None

    @field_validator("next_meeting_on", mode="before")
    @classmethod
    def _next(cls, value: object, info: ValidationInfo) -> date | None:
        return _next_meeting(value, info, _ctx(info).get("not_before"))


class AmendmentInput(BaseModel):
    """A correction to finalised minutes: why, and what."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    reason: str = ""
    body: str = ""

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        text = short_text(value, "The reason", REASON_MAX)
        if not text:
            raise ValueError("Say why the minutes are being amended.")
        return text

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: object) -> str:
        text = _markdown(value, "The amendment", LONG_MAX)
        if not text:
            raise ValueError("The amendment is empty.")
        return text


@dataclass(frozen=True, slots=True)
class Minutes:
    """A whole save, validated: the meeting's fields and its lists, each row with its index
    in the list as sent (blank rows are left out)."""

    head: MinutesInput
    attendees: tuple[tuple[int, AttendeeInput], ...]
    apologies: tuple[tuple[int, AttendeeInput], ...]
    agenda: tuple[tuple[int, AgendaItemInput], ...]
    actions: tuple[tuple[int, ConferenceActionInput], ...]


def _blank(row: object) -> bool:
    return isinstance(row, dict) and not any(str(v or "").strip() for v in row.values())


def _rows(
    data: dict[str, Any], key: str, model: type[BaseModel], errors: dict[str, str], **ctx: Any
) -> tuple[tuple[int, Any], ...]:
    raw = data.get(key) or []
    if not isinstance(raw, list | tuple):
        errors[key] = "Send a list."
        return ()
    if len(raw) > MAX_ROWS:
        errors[key] = f"At most {MAX_ROWS}."
        return ()
    found = []
    for index, row in enumerate(raw):
        if _blank(row):
            continue
        if not isinstance(row, dict):
            errors[f"{key}.{index}"] = "Send each row as fields."
            continue
        try:
            found.append((index, validate(model, row, **ctx)))
        except InvalidInput as exc:
            for field, message in exc.errors.items():
                errors[f"{key}.{index}.{field}"] = message
    return tuple(found)


def parse_minutes(
    data: dict[str, Any], *, dayfirst: bool = True, types: tuple[str, ...] = CONFERENCE_TYPES
) -> Minutes:
    """Validate a save of the minutes; raises InvalidInput with every problem, by field."""
    errors: dict[str, str] = {}
    lists = ("attendees", "apologies", "agenda", "actions")
    head_data = {k: v for k, v in data.items() if k not in lists}
    head: MinutesInput | None = None
    try:
        head = validate(MinutesInput, head_data, dayfirst=dayfirst, types=types)
    except InvalidInput as exc:
        errors.update(exc.errors)
    attendees = _rows(data, "attendees", AttendeeInput, errors)
    apologies = _rows(data, "apologies", AttendeeInput, errors)
    agenda = _rows(data, "agenda", AgendaItemInput, errors)
    actions = _rows(data, "actions", ConferenceActionInput, errors, dayfirst=dayfirst)
    if head is not None and head.held_at is not None:
        held = head.held_at.date()
        for index, action in actions:
            if action.due_on is not None and action.due_on < held:
                errors.setdefault(
                    f"actions.{index}.due_on",
                    f"The due date is before the meeting ({dates.format_date(held)}).",
                )
    if errors or head is None:
        raise InvalidInput(errors)
    return Minutes(head, attendees, apologies, agenda, actions)
