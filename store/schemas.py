"""Pydantic models for everything the UI and the CLI send into the store.

Fields arrive as the person typed them; validators clean and parse them and their messages are
the ones shown next to the field. Dates are parsed by ``store.dates`` with the worker's day/month
order, passed in the validation context: ``NewCase.model_validate(data, context=ctx)``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from . import dates
from .errors import InvalidInput
from .textsafe import clean_field

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
            field = str(err["loc"][0]) if err["loc"] else "form"
            msg = str(err["msg"]).removeprefix("Value error, ")
            errors.setdefault(field, msg)
        raise InvalidInput(errors) from None
