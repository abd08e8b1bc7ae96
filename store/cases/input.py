"""The allocation, transfer, closure and reopening forms, validated before the case changes.

Apart from the operations because pydantic, which start-up doesn't need, is imported only when a
form is first validated.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from store.cases.rules import (
    CHECKLIST_REASON_MAX,
    CHECKLIST_STATES,
    CLOSING_SUMMARY_MAX,
    FINAL_SUMMARY_MISSING,
    NAMED_MAX,
    NOT_APPLICABLE,
    NOT_APPLICABLE_REASON,
    REASON_MAX,
    TRANSFER_REASON,
    open_items_message,
)
from store.common import dates
from store.common.settings import CLOSURE_REASONS
from store.common.textsafe import clean_field
from store.common.validation import (
    ADDRESS_MAX,
    NAME_MAX,
    PHONE_CHARS,
    REF_CHARS,
    choice,
    context_of,
    parse_typed_date,
    yes_no,
)
from store.workers.input import check_login


def _required_reason(value: object, what: str) -> str:
    text = clean_field(str(value or ""))
    if not text:
        raise ValueError(f"Say why {what}.")
    if len(text) > REASON_MAX:
        raise ValueError(
            f"The reason is too long ({len(text):,} characters; at most {REASON_MAX})."
        )
    return text


def _past_date(value: object, info: ValidationInfo, what: str) -> date:
    day = parse_typed_date(value, info) or (info.context or {}).get("today") or dates.today()
    today = (info.context or {}).get("today") or dates.today()
    if day > today:
        raise ValueError(f"{what} can't be in the future; record it on the day it happens.")
    floor = (info.context or {}).get("not_before")  # (date, message), from the case
    if floor is not None and day < floor[0]:
        raise ValueError(floor[1])
    return day


class TransferInput(BaseModel):
    """Allocating a referral, or transferring an open case to another worker."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    worker: str = ""  # username
    on: date | None = None  # blank: today
    reason: str = ""

    @field_validator("worker", mode="before")
    @classmethod
    def _worker(cls, value: object) -> str:
        text = clean_field(str(value or ""))
        if not text:
            raise ValueError("Choose the worker who will hold the case.")
        return text

    @field_validator("on", mode="before")
    @classmethod
    def _on(cls, value: object, info: ValidationInfo) -> date:
        return _past_date(value, info, "An allocation")

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object, info: ValidationInfo) -> str:
        # A first allocation needs no reason; a transfer does.
        text = clean_field(str(value or ""))
        if not text and (info.context or {}).get("reason_required"):
            raise ValueError(TRANSFER_REASON)
        return _required_reason(text, "") if text else ""


class CloseInput(BaseModel):
    """Closing a case (or a referral that needs no further action)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    closed_on: date | None = None
    reason: str = ""
    closing_summary: str = ""
    # Why the case closes with items of its closure checklist still open (needed only then).
    open_items_reason: str = ""

    @field_validator("closed_on", mode="before")
    @classmethod
    def _closed_on(cls, value: object, info: ValidationInfo) -> date:
        return _past_date(value, info, "A closure")

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object, info: ValidationInfo) -> str:
        text = _required_reason(value, "the case is closing")
        allowed = tuple((info.context or {}).get("reasons") or CLOSURE_REASONS)
        for name in allowed:
            if name.casefold() == text.casefold():
                return str(name)
        raise ValueError(f'No closure reason "{text}". Choose one of: {", ".join(allowed)}.')

    @field_validator("closing_summary", mode="before")
    @classmethod
    def _summary(cls, value: object, info: ValidationInfo) -> str:
        text = "" if value is None else str(value)
        if not text.strip():
            if (info.context or {}).get("final_summary_ticked"):
                raise ValueError(FINAL_SUMMARY_MISSING)
            return ""
        if len(text) > CLOSING_SUMMARY_MAX:
            raise ValueError(
                f"The closing summary is too long ({len(text):,} characters; "
                f"at most {CLOSING_SUMMARY_MAX:,})."
            )
        return text

    @field_validator("open_items_reason", mode="before")
    @classmethod
    def _open_items_reason(cls, value: object, info: ValidationInfo) -> str:
        open_items = int((info.context or {}).get("open_items") or 0)
        text = clean_field(str(value or ""))
        if not open_items:
            return ""  # nothing open: nothing to explain
        if not text:
            raise ValueError(open_items_message(open_items))
        return _required_reason(text, "")


class ClosureItemInput(BaseModel):
    """Marking an item of the closure checklist: done, not applicable (say why), or open."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    state: str = ""
    reason: str = ""

    @field_validator("state", mode="before")
    @classmethod
    def _state(cls, value: object) -> str:
        return choice(value, CHECKLIST_STATES, "state")

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object, info: ValidationInfo) -> str:
        text = clean_field(str(value or ""))
        if info.data.get("state") != NOT_APPLICABLE:
            return ""  # only an item that doesn't apply keeps a reason
        if not text:
            raise ValueError(NOT_APPLICABLE_REASON)
        if len(text) > CHECKLIST_REASON_MAX:
            raise ValueError(
                f"The reason is too long ({len(text):,} characters; "
                f"at most {CHECKLIST_REASON_MAX})."
            )
        return text


class ReopenInput(BaseModel):
    """Reopening a closed case."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    reopened_on: date | None = None
    reason: str = ""

    @field_validator("reopened_on", mode="before")
    @classmethod
    def _reopened_on(cls, value: object, info: ValidationInfo) -> date:
        return _past_date(value, info, "A reopening")

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: object) -> str:
        return _required_reason(value, "the case is reopening")


class RestrictionInput(BaseModel):
    """Marking a case restricted, naming who may open it, and why (or lifting it)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    restricted: bool = False
    named: tuple[str, ...] = ()  # logins, as typed: "priya.nair, sam.okafor"
    reason: str = ""

    @field_validator("restricted", mode="before")
    @classmethod
    def _restricted(cls, value: object) -> bool:
        return yes_no(value, "Restricted")

    @field_validator("named", mode="before")
    @classmethod
    def _named(cls, value: object) -> tuple[str, ...]:
        parts = value if isinstance(value, list | tuple) else str(value or "").replace(",", " ")
        logins = parts if isinstance(parts, list | tuple) else parts.split()
        seen: list[str] = []
        for login in logins:
            checked = check_login(login)
            if checked not in seen:
                seen.append(checked)
        if len(seen) > NAMED_MAX:
            raise ValueError(f"Name at most {NAMED_MAX} workers.")
        return tuple(seen)

    @field_validator("reason", mode="after")
    @classmethod
    def _reason(cls, value: str, info: ValidationInfo) -> str:
        if not info.data.get("restricted"):
            return clean_field(value)[:REASON_MAX]
        return _required_reason(value, "the case is restricted")


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
        today = context_of(info).get("today") or dates.today()
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
        if not PHONE_CHARS.match(phone):
            raise ValueError("Phone may contain digits, spaces, + ( ) - and an extension (ext 12).")
        digits = sum(ch.isdigit() for ch in phone)
        if not 6 <= digits <= 20:
            raise ValueError("Phone number should have between 6 and 20 digits.")
        return phone

    @field_validator("ref", mode="before")
    @classmethod
    def _ref(cls, value: object) -> str:
        ref = clean_field(str(value or ""))
        if ref and (len(ref) > 30 or not REF_CHARS.match(ref)):
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
        today = context_of(info).get("today") or dates.today()
        if allocated is not None and allocated > today:
            raise ValueError("Allocation date can't be in the future.")
        return allocated
