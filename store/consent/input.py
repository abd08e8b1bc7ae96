"""The consent forms and a sharing event, validated before anything is written. Imported when
one is first validated: pydantic is not needed at start-up."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from store.common.validation import choice, multiline, parse_typed_date, short_text
from store.consent.rules import (
    GIVEN_BY,
    HOW,
    LOGGED_MAX,
    PURPOSE_MAX,
    REASON_MAX,
    RECIPIENT_MAX,
    SOURCES,
    WHAT_MAX,
)

EXPIRES_BEFORE_GIVEN = "The review or expiry date is before the day consent was given."


def _required(value: object, what: str, limit: int) -> str:
    text = short_text(value, what, limit)
    if not text:
        raise ValueError(f"{what} is required.")
    return text


class ConsentInput(BaseModel):
    """A consent as typed in its form (every field)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    share_what: str = ""
    recipient: str = ""
    professional_id: int | None = None
    purpose: str = ""
    given_by: str = "client"
    how: str = "written"
    given_on: date | None = None
    expires_on: date | None = None

    @field_validator("share_what", mode="before")
    @classmethod
    def _what(cls, value: object) -> str:
        return _required(value, "What may be shared", WHAT_MAX)

    @field_validator("recipient", mode="before")
    @classmethod
    def _recipient(cls, value: object) -> str:
        return _required(value, "With whom", RECIPIENT_MAX)

    @field_validator("professional_id", mode="before")
    @classmethod
    def _professional(cls, value: object) -> object:
        # The form's choice "none" (or nothing chosen): no professional linked.
        return None if value in (None, "", "none") else value

    @field_validator("purpose", mode="before")
    @classmethod
    def _purpose(cls, value: object) -> str:
        return multiline(value, "Purpose", PURPOSE_MAX)

    @field_validator("given_by", mode="before")
    @classmethod
    def _given_by(cls, value: object) -> str:
        return choice(value, GIVEN_BY, "giver of consent")

    @field_validator("how", mode="before")
    @classmethod
    def _how(cls, value: object) -> str:
        return choice(value, HOW, "way consent was given")

    @field_validator("given_on", mode="before")
    @classmethod
    def _given_on(cls, value: object, info: ValidationInfo) -> date:
        given = parse_typed_date(value, info)
        if given is None:
            raise ValueError("The date consent was given is required.")
        return given

    @field_validator("expires_on", mode="before")
    @classmethod
    def _expires_on(cls, value: object, info: ValidationInfo) -> date | None:
        expires = parse_typed_date(value, info, prefer="future")
        # Fields validate in order, so a valid date given is already in info.data.
        given = info.data.get("given_on")
        if expires is not None and given is not None and expires < given:
            raise ValueError(EXPIRES_BEFORE_GIVEN)
        return expires


class WithdrawInput(BaseModel):
    """A consent's withdrawal: the day and why (both required)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    withdrawn_on: date | None = None
    reason: str = ""

    @field_validator("withdrawn_on", mode="before")
    @classmethod
    def _on(cls, value: object, info: ValidationInfo) -> date:
        on = parse_typed_date(value, info)
        if on is None:
            raise ValueError("The date consent was withdrawn is required.")
        return on

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        reason = multiline(value, "Reason", REASON_MAX)
        if not reason:
            raise ValueError("Say why consent was withdrawn.")
        return reason


class SharingInput(BaseModel):
    """One sharing of information, as an export or a referral records it."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    recipient: str = ""
    what: str = ""
    lawful_reason: str = ""
    source: str = ""

    @field_validator("recipient", mode="before")
    @classmethod
    def _recipient(cls, value: object) -> str:
        return _required(value, "With whom", RECIPIENT_MAX)

    @field_validator("what", mode="before")
    @classmethod
    def _what(cls, value: object) -> str:
        return _required(value, "What was shared", LOGGED_MAX)

    @field_validator("lawful_reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return multiline(value, "Lawful reason", REASON_MAX)

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: object) -> str:
        return choice(value, SOURCES, "source")
