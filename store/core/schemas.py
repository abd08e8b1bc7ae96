"""Pydantic models for everything the UI and the CLI send into the store.

Fields arrive as the person typed them; validators clean and parse them and their messages are
the ones shown next to the field. Dates are parsed by ``store.dates`` with the worker's day/month
order, passed in the validation context: ``NewCase.model_validate(data, context=ctx)``.

Importing pydantic and building these models takes about a tenth of a second that start-up
doesn't need, so the store imports this module inside the methods that validate, never at the
top of a module start-up loads (tests/store/test_startup_imports.py checks).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from store.core import dates
from store.core.errors import InvalidInput
from store.core.textsafe import clean_field, strip_control

NAME_MAX = 120
ADDRESS_MAX = 300
_PHONE_CHARS = re.compile(r"^[0-9 +()\-./]*(?:\s*(?:x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)
_REF_CHARS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.\-]*$")


def _ctx(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def parse_typed_date(value: object, info: ValidationInfo, *, prefer: str = "past") -> date | None:
    """Accept a date object, or text typed in any form ``store.dates`` understands."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    ctx = _ctx(info)
    try:
        return dates.parse_date(
            text,
            dayfirst=ctx.get("dayfirst", True),
            prefer=prefer,  # type: ignore[arg-type]
            today=ctx.get("today"),
        )
    except dates.DateParseError as exc:
        raise ValueError(str(exc)) from None


class NewCase(BaseModel):
    """A new client and their case, as typed in the new-case form."""

    model_config = ConfigDict(str_strip_whitespace=True)

    client_name: str = ""
    date_of_birth: date | None = None
    address: str = ""
    phone: str = ""
    ref: str = ""  # blank: generated from the configured format
    worker: str = ""  # username; blank: the acting worker
    allocated_on: date | None = None  # blank: today

    @field_validator("client_name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        name = clean_field(str(value or ""))
        if not name:
            raise ValueError("Client name is required.")
        if len(name) > NAME_MAX:
            raise ValueError(
                f"Client name is too long ({len(name)} characters; at most {NAME_MAX})."
            )
        if not any(ch.isalpha() for ch in name):
            raise ValueError("Client name must contain letters.")
        return name

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _dob(cls, value: object, info: ValidationInfo) -> date | None:
        dob = parse_typed_date(value, info)
        if dob is None:
            return None
        today = _ctx(info).get("today") or dates.today()
        if dob > today:
            raise ValueError("Date of birth can't be in the future.")
        if dob.year < 1900:
            raise ValueError("Date of birth is before 1900; check the year.")
        return dob

    @field_validator("address", mode="before")
    @classmethod
    def _address(cls, value: object) -> str:
        address = clean_field(str(value or ""))
        if len(address) > ADDRESS_MAX:
            raise ValueError(f"Address is too long (at most {ADDRESS_MAX} characters).")
        return address

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: object) -> str:
        phone = clean_field(str(value or ""))
        if not phone:
            return ""
        if not _PHONE_CHARS.match(phone):
            raise ValueError("Phone may contain digits, spaces, + ( ) - and an extension (ext 12).")
        digits = sum(ch.isdigit() for ch in phone)
        if not 6 <= digits <= 20:
            raise ValueError("Phone number should have between 6 and 20 digits.")
        return phone

    @field_validator("ref", mode="before")
    @classmethod
    def _ref(cls, value: object) -> str:
        ref = clean_field(str(value or ""))
        if ref and (len(ref) > 30 or not _REF_CHARS.match(ref)):
            raise ValueError("Case reference: up to 30 letters, digits and - / _ . (no spaces).")
        return ref

    @field_validator("worker", mode="before")
    @classmethod
    def _worker(cls, value: object) -> str:
        return clean_field(str(value or ""))

    @field_validator("allocated_on", mode="before")
    @classmethod
    def _allocated(cls, value: object, info: ValidationInfo) -> date | None:
        allocated = parse_typed_date(value, info)
        today = _ctx(info).get("today") or dates.today()
        if allocated is not None and allocated > today:
            raise ValueError("Allocation date can't be in the future.")
        return allocated


def validate(model: type[BaseModel], data: dict[str, Any], **context: Any) -> Any:
    """Validate ``data``, turning pydantic's errors into InvalidInput{field: message}."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            # A check across fields may name the field its message belongs to.
            named = getattr((err.get("ctx") or {}).get("error"), "field", None)
            field = named or (str(err["loc"][0]) if err["loc"] else "form")
            msg = str(err["msg"]).removeprefix("Value error, ")
            errors.setdefault(field, msg)
        raise InvalidInput(errors) from None


# --- The case file: client details, support network, professionals, summary --------------

LANGUAGE_MAX = 60
IDENTIFIERS_MAX = 300
SHORT_MAX = 120  # relationship, agency, role
CONTACT_NOTES_MAX = 2000
EMAIL_MAX = 254
SUMMARY_MAX = 200_000
ENDED_BEFORE_STARTED = "End date is before the start date."
_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def _person_name(value: object, what: str) -> str:
    """A required name: cleaned, with letters in it, not too long."""
    name = clean_field(str(value or ""))
    if not name:
        raise ValueError(f"{what} is required.")
    if len(name) > NAME_MAX:
        raise ValueError(f"{what} is too long ({len(name)} characters; at most {NAME_MAX}).")
    if not any(ch.isalpha() for ch in name):
        raise ValueError(f"{what} must contain letters.")
    return name


def _short_text(value: object, what: str, limit: int) -> str:
    text = clean_field(str(value or ""))
    if len(text) > limit:
        raise ValueError(f"{what} is too long (at most {limit} characters).")
    return text


def _multiline(value: object, what: str, limit: int) -> str:
    """Free text that may run over lines: control characters out, line ends normalised."""
    text = strip_control(unicodedata.normalize("NFC", str(value or "")))
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > limit:
        raise ValueError(f"{what} is too long ({len(text):,} characters; at most {limit:,}).")
    return text


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
        return _short_text(value, "Language", LANGUAGE_MAX)

    @field_validator("identifiers", mode="before")
    @classmethod
    def _identifiers(cls, value: object) -> str:
        return _short_text(value, "Identifiers", IDENTIFIERS_MAX)


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
        return _person_name(value, "Name")

    @field_validator("relationship", mode="before")
    @classmethod
    def _relationship(cls, value: object) -> str:
        return _short_text(value, "Relationship", SHORT_MAX)

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
        return _multiline(value, "Notes", CONTACT_NOTES_MAX)


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
        return _person_name(value, "Name")

    @field_validator("agency", mode="before")
    @classmethod
    def _agency(cls, value: object) -> str:
        return _short_text(value, "Agency", SHORT_MAX)

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str:
        return _short_text(value, "Role", SHORT_MAX)

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
