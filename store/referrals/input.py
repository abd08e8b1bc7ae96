"""The referrals' forms, validated before anything is written: a new referral, its details
corrected, a change of status, a chase, and an incoming referral. Context: ``dayfirst`` and
``today``.

Apart from the operations because pydantic, which start-up doesn't need, is imported only when
a form is first validated.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from store.common import dates
from store.common.validation import (
    choice,
    context_of,
    multiline,
    parse_typed_date,
    short_text,
    yes_no,
)
from store.referrals.rules import (
    BOOKED,
    CHASE_METHODS,
    CONTACT_MAX,
    DRAFTED,
    ESCORT_MAX,
    INCOMING_DECISIONS,
    INCOMING_SOURCES,
    LAWFUL_MAX,
    NAME_MAX,
    NOTE_MAX,
    OUTCOME_MAX,
    OUTCOMES,
    REASON_MAX,
    SAID_MAX,
    SENT,
    SHARED_MAX,
    STATUSES,
    URGENCIES,
)


class FieldError(ValueError):
    """A check across fields, naming the field its message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _today(info: ValidationInfo) -> date:
    return context_of(info).get("today") or dates.today()


def _past_date(value: object, info: ValidationInfo, what: str) -> date:
    """A date up to today; blank is today."""
    day = parse_typed_date(value, info) or _today(info)
    if day > _today(info):
        raise ValueError(f"{what} can't be in the future.")
    return day


def _consent(value: object) -> int | None:
    text = str(value or "").strip()
    if not text or text == "none":
        return None
    if not text.isdigit():
        raise ValueError("Choose one of the client's current consents, or none.")
    return int(text)


class ReferralInput(BaseModel):
    """A new referral, drafted or sent at once. To a directory service (``service_id``) or
    an agency typed in (``agency``); sent, it needs a consent or the lawful reason."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    service_id: int | None = None
    agency: str = ""
    agency_contact: str = ""
    referred_on: date | None = None
    reason: str = ""
    urgency: str = "routine"
    shared: str = ""
    status: str = SENT
    consent_id: int | None = None
    lawful_reason: str = ""

    @field_validator("service_id", mode="before")
    @classmethod
    def _service(cls, value: object) -> int | None:
        text = str(value or "").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError("Choose a service from the directory, or type the agency.")
        return int(text)

    @field_validator("agency", mode="before")
    @classmethod
    def _agency(cls, value: object, info: ValidationInfo) -> str:
        text = short_text(value, "The agency's name", NAME_MAX)
        if not text and info.data.get("service_id") is None:
            raise ValueError("To whom? Choose a directory service or type the agency.")
        if text and not any(ch.isalpha() for ch in text):
            raise ValueError("The agency's name must contain letters.")
        return text

    @field_validator("agency_contact", mode="before")
    @classmethod
    def _contact(cls, value: object) -> str:
        return short_text(value, "The contact", CONTACT_MAX)

    @field_validator("referred_on", mode="before")
    @classmethod
    def _referred(cls, value: object, info: ValidationInfo) -> date:
        return _past_date(value, info, "A referral")

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        text = multiline(value, "The reason", REASON_MAX)
        if not text:
            raise ValueError("Say why the client is being referred.")
        return text

    @field_validator("urgency", mode="before")
    @classmethod
    def _urgency(cls, value: object) -> str:
        return choice(value or "routine", URGENCIES, "urgency")

    @field_validator("shared", mode="before")
    @classmethod
    def _shared(cls, value: object) -> str:
        text = multiline(value, "What is shared", SHARED_MAX)
        if not text:
            raise ValueError("Say what information about the client is shared with them.")
        return text

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: object) -> str:
        return choice(value or SENT, (DRAFTED, SENT), "status")

    @field_validator("consent_id", mode="before")
    @classmethod
    def _consent_id(cls, value: object) -> int | None:
        return _consent(value)

    @field_validator("lawful_reason", mode="before")
    @classmethod
    def _lawful(cls, value: object) -> str:
        return multiline(value, "The lawful reason", LAWFUL_MAX)

    @model_validator(mode="after")
    def _whom(self) -> ReferralInput:
        if self.consent_id is not None and self.lawful_reason:
            raise FieldError(
                "lawful_reason", "Give a consent or a lawful reason to share without one, not both."
            )
        return self


class EditInput(BaseModel):
    """A referral's details corrected: to whom (while a draft), the contact, the date (while a
    draft), the reason, the urgency and what is shared, and why it was changed (needed once it
    was sent: the operation checks that)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    agency: str = ""
    agency_contact: str = ""
    referred_on: date | None = None
    reason: str = ""
    urgency: str = "routine"
    shared: str = ""
    why: str = ""

    @field_validator("agency", mode="before")
    @classmethod
    def _agency(cls, value: object) -> str:
        text = short_text(value, "The agency's name", NAME_MAX)
        if not text:
            raise ValueError("To whom? Type the agency's name.")
        if not any(ch.isalpha() for ch in text):
            raise ValueError("The agency's name must contain letters.")
        return text

    @field_validator("agency_contact", mode="before")
    @classmethod
    def _contact(cls, value: object) -> str:
        return ReferralInput._contact(value)

    @field_validator("referred_on", mode="before")
    @classmethod
    def _referred(cls, value: object, info: ValidationInfo) -> date:
        return _past_date(value, info, "A referral")

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return ReferralInput._reason(value)

    @field_validator("urgency", mode="before")
    @classmethod
    def _urgency(cls, value: object) -> str:
        return ReferralInput._urgency(value)

    @field_validator("shared", mode="before")
    @classmethod
    def _shared(cls, value: object) -> str:
        return ReferralInput._shared(value)

    @field_validator("why", mode="before")
    @classmethod
    def _why(cls, value: object) -> str:
        return multiline(value, "Why it was changed", NOTE_MAX)


class StatusInput(BaseModel):
    """A referral's next status, dated, with its note; an appointment when booking, what came
    of it at an outcome, and (sending) the consent or the lawful reason."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    status: str = ""
    changed_on: date | None = None
    note: str = ""
    appointment_at: datetime | None = None  # naive local
    accompanied_by: str = ""
    outcome: str = ""
    consent_id: int | None = None
    lawful_reason: str = ""

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: object) -> str:
        return choice(value, STATUSES, "status")

    @field_validator("changed_on", mode="before")
    @classmethod
    def _changed(cls, value: object, info: ValidationInfo) -> date:
        return _past_date(value, info, "A change of status")

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: object) -> str:
        return multiline(value, "The note", NOTE_MAX)

    @field_validator("appointment_at", mode="before")
    @classmethod
    def _appointment(cls, value: object, info: ValidationInfo) -> datetime | None:
        if value is None or isinstance(value, datetime):
            return value
        text = str(value).strip()
        if not text:
            return None
        try:
            return dates.parse_datetime(
                text, dayfirst=context_of(info).get("dayfirst", True), prefer="future"
            )
        except dates.DateParseError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("accompanied_by", mode="before")
    @classmethod
    def _escort(cls, value: object) -> str:
        return short_text(value, "Who goes with the client", ESCORT_MAX)

    @field_validator("outcome", mode="before")
    @classmethod
    def _outcome(cls, value: object) -> str:
        return multiline(value, "The outcome", OUTCOME_MAX)

    @field_validator("consent_id", mode="before")
    @classmethod
    def _consent_id(cls, value: object) -> int | None:
        return _consent(value)

    @field_validator("lawful_reason", mode="before")
    @classmethod
    def _lawful(cls, value: object) -> str:
        return multiline(value, "The lawful reason", LAWFUL_MAX)

    @model_validator(mode="after")
    def _needed(self) -> StatusInput:
        if self.status == BOOKED and self.appointment_at is None:
            raise FieldError("appointment_at", "When is the appointment? e.g. fri 10am")
        if self.status in OUTCOMES and not self.outcome:
            word = "why it was withdrawn" if self.status == "withdrawn" else "what came of it"
            raise FieldError("outcome", f"Say {word}.")
        if self.consent_id is not None and self.lawful_reason:
            raise FieldError(
                "lawful_reason", "Give a consent or a lawful reason to share without one, not both."
            )
        return self


class ChaseInput(BaseModel):
    """One attempt to get an answer: when, how, whom, what they said, and when to chase next."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    chased_on: date | None = None
    method: str = ""
    contacted: str = ""
    said: str = ""
    responded: bool = False
    next_chase_on: date | None = None

    @field_validator("chased_on", mode="before")
    @classmethod
    def _chased(cls, value: object, info: ValidationInfo) -> date:
        return _past_date(value, info, "A chase")

    @field_validator("method", mode="before")
    @classmethod
    def _method(cls, value: object) -> str:
        return choice(value, CHASE_METHODS, "way of chasing")

    @field_validator("contacted", mode="before")
    @classmethod
    def _contacted(cls, value: object) -> str:
        text = short_text(value, "Who was contacted", NAME_MAX)
        if not text:
            raise ValueError("Who was contacted? e.g. duty desk, J. Patel")
        return text

    @field_validator("said", mode="before")
    @classmethod
    def _said(cls, value: object) -> str:
        return multiline(value, "What they said", SAID_MAX)

    @field_validator("responded", mode="before")
    @classmethod
    def _responded(cls, value: object) -> bool:
        return yes_no(value, "Did they respond")

    @field_validator("next_chase_on", mode="before")
    @classmethod
    def _next(cls, value: object, info: ValidationInfo) -> date | None:
        return parse_typed_date(value, info, prefer="future")

    @model_validator(mode="after")
    def _after(self) -> ChaseInput:
        after = self.chased_on
        if self.next_chase_on is not None and after is not None and self.next_chase_on <= after:
            raise FieldError("next_chase_on", "The next chase must come after this one.")
        if self.responded and not self.said:
            raise FieldError("said", "They responded: say what they said.")
        return self


class IncomingInput(BaseModel):
    """A referral that brought the case in, and (when made) the decision on it."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    source: str = ""
    referrer: str = ""
    referrer_contact: str = ""
    reason: str = ""
    received_on: date | None = None
    decision: str = ""
    decided_on: date | None = None
    decision_note: str = ""

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: object) -> str:
        return choice(value, INCOMING_SOURCES, "source")

    @field_validator("referrer", mode="before")
    @classmethod
    def _referrer(cls, value: object, info: ValidationInfo) -> str:
        text = short_text(value, "The referrer", NAME_MAX)
        if not text and info.data.get("source", "self") != "self":
            raise ValueError("Who made the referral? (Or choose self as the source.)")
        return text

    @field_validator("referrer_contact", mode="before")
    @classmethod
    def _contact(cls, value: object) -> str:
        return short_text(value, "The referrer's contact", CONTACT_MAX)

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        text = multiline(value, "The reason", REASON_MAX)
        if not text:
            raise ValueError("Say why the client was referred.")
        return text

    @field_validator("received_on", mode="before")
    @classmethod
    def _received(cls, value: object, info: ValidationInfo) -> date:
        return _past_date(value, info, "A referral received")

    @field_validator("decision", mode="before")
    @classmethod
    def _decision(cls, value: object) -> str:
        if not str(value or "").strip() or str(value).strip() == "undecided":
            return ""
        return choice(value, INCOMING_DECISIONS, "decision")

    @field_validator("decided_on", mode="before")
    @classmethod
    def _decided(cls, value: object, info: ValidationInfo) -> date | None:
        day = parse_typed_date(value, info)
        if day is not None and day > _today(info):
            raise ValueError("A decision can't be dated in the future.")
        return day

    @field_validator("decision_note", mode="before")
    @classmethod
    def _note(cls, value: object) -> str:
        return multiline(value, "The note", NOTE_MAX)

    @model_validator(mode="after")
    def _decided_after(self, info: ValidationInfo) -> IncomingInput:
        if not self.decision:
            if self.decided_on is not None:
                raise FieldError("decision", "A decision date needs the decision.")
            return self
        if self.decided_on is None:
            self.decided_on = _today(info)
        if self.received_on is not None and self.decided_on < self.received_on:
            raise FieldError("decided_on", "The decision can't come before the referral did.")
        return self
