"""The case file's forms (client details, a support-network contact, a professional, the case
summary), validated before anything is written. Imported when a form is first validated:
pydantic is not needed at start-up."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from store.cases.input import NewCase
from store.common.textsafe import clean_field
from store.common.validation import (
    multiline,
    parse_typed_date,
    person_name,
    short_text,
)

LANGUAGE_MAX = 60
IDENTIFIERS_MAX = 300
SHORT_MAX = 120  # relationship, agency, role
CONTACT_NOTES_MAX = 2000
EMAIL_MAX = 254
SUMMARY_MAX = 200_000
ENDED_BEFORE_STARTED = "End date is before the start date."
_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class ClientUpdate(BaseModel):
    """A client's own details as typed in the client details form (every field)."""

    # validate_default: a form that leaves the name out gets "required", not a blank row.
    model_config = ConfigDict(extra="forbid", validate_default=True)

    name: str = ""
    date_of_birth: date | None = None
    address: str = ""
    phone: str = ""
    language: str = ""
    identifiers: str = ""  # other agencies' numbers: NHS, NI, UPN...

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        # NewCase's rules and messages, so both forms say the same thing.
        return NewCase._name(value)

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _dob(cls, value: object, info: ValidationInfo) -> date | None:
        return NewCase._dob(value, info)

    @field_validator("address", mode="before")
    @classmethod
    def _address(cls, value: object) -> str:
        return NewCase._address(value)

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: object) -> str:
        return NewCase._phone(value)

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: object) -> str:
        return short_text(value, "Language", LANGUAGE_MAX)

    @field_validator("identifiers", mode="before")
    @classmethod
    def _identifiers(cls, value: object) -> str:
        return short_text(value, "Identifiers", IDENTIFIERS_MAX)


class ContactInput(BaseModel):
    """A person in the client's support network, as typed (every field)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    name: str = ""
    relationship: str = ""
    phone: str = ""
    address: str = ""
    notes: str = ""

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return person_name(value, "Name")

    @field_validator("relationship", mode="before")
    @classmethod
    def _relationship(cls, value: object) -> str:
        return short_text(value, "Relationship", SHORT_MAX)

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: object) -> str:
        return NewCase._phone(value)

    @field_validator("address", mode="before")
    @classmethod
    def _address(cls, value: object) -> str:
        return NewCase._address(value)

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, value: object) -> str:
        return multiline(value, "Notes", CONTACT_NOTES_MAX)


class ProfessionalInput(BaseModel):
    """Another agency's worker involved with the case, as typed (every field)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    name: str = ""
    agency: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""
    started_on: date | None = None
    ended_on: date | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return person_name(value, "Name")

    @field_validator("agency", mode="before")
    @classmethod
    def _agency(cls, value: object) -> str:
        return short_text(value, "Agency", SHORT_MAX)

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str:
        return short_text(value, "Role", SHORT_MAX)

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: object) -> str:
        return NewCase._phone(value)

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: object) -> str:
        email = clean_field(str(value or ""))
        if not email:
            return ""
        if len(email) > EMAIL_MAX:
            raise ValueError(f"Email is too long (at most {EMAIL_MAX} characters).")
        if not _EMAIL_SHAPE.match(email):
            raise ValueError("Email should look like name@example.org.")
        return email

    @field_validator("started_on", mode="before")
    @classmethod
    def _started(cls, value: object, info: ValidationInfo) -> date | None:
        return parse_typed_date(value, info)

    @field_validator("ended_on", mode="before")
    @classmethod
    def _ended(cls, value: object, info: ValidationInfo) -> date | None:
        ended = parse_typed_date(value, info)
        # Fields validate in order, so a valid start date is already in info.data.
        started = info.data.get("started_on")
        if ended is not None and started is not None and ended < started:
            raise ValueError(ENDED_BEFORE_STARTED)
        return ended


class SummaryInput(BaseModel):
    """A case summary as typed: Markdown, kept exactly (no trimming, no cleaning)."""

    body: str

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: object) -> str:
        body = "" if value is None else str(value)
        if not body.strip():
            raise ValueError("The summary is empty; write something before saving.")
        if len(body) > SUMMARY_MAX:
            raise ValueError(
                f"The summary is too long ({len(body):,} characters; at most {SUMMARY_MAX:,})."
            )
        return body
