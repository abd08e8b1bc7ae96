"""A directory service as typed in its form, validated before it is saved.

Apart from the operations because pydantic, which start-up doesn't need, is imported only when
a directory entry is first validated. The checks on one value (an e-mail address, a website, a
phone number, an age) are plain functions, which the import uses too.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, field_validator, model_validator

from store.common.textsafe import clean_field
from store.common.validation import PHONE_CHARS, multiline, short_text, validate
from store.resources.rules import (
    ADDRESS_MAX,
    AGE_MAX,
    AREA_MAX,
    DESCRIPTION_MAX,
    ELIGIBILITY_MAX,
    EMAIL_MAX,
    FEES_MAX,
    HOURS_MAX,
    NAME_MAX,
    PHONE_MAX,
    TERM_MAX,
    TERMS_MAX,
    WEBSITE_MAX,
)

# Something@somewhere.tld: enough to catch a typing slip, without pretending to check more.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")


class FieldError(ValueError):
    """A check across fields naming the field its message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def required_name(value: object, what: str) -> str:
    text = short_text(value, what, NAME_MAX)
    if not text:
        raise ValueError(f"{what} is required.")
    if not any(ch.isalnum() for ch in text):
        raise ValueError(f"{what} must contain letters or digits.")
    return text


def email(value: object) -> str:
    """An e-mail address, or "" for none."""
    text = clean_field(str(value or ""))
    if not text:
        return ""
    if len(text) > EMAIL_MAX or not _EMAIL.match(text):
        raise ValueError(f'"{text[:60]}" is not an e-mail address (name@example.org).')
    return text


def website(value: object) -> str:
    """A web address starting http:// or https://, or "" for none. "www.example.org" is taken
    as https://www.example.org; any other scheme (javascript:, file:) is refused."""
    text = clean_field(str(value or ""))
    if not text:
        return ""
    if "://" not in text and ":" not in text.split("/")[0]:
        text = f"https://{text}"
    if len(text) > WEBSITE_MAX:
        raise ValueError(f"The website is too long (at most {WEBSITE_MAX} characters).")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("A website must start with http:// or https://.")
    host = parts.hostname or ""
    if not host or " " in text or "." not in host:
        raise ValueError(f'"{text[:60]}" is not a web address (https://example.org).')
    return text


def phone(value: object) -> str:
    """Phone numbers: digits, spaces, + ( ) - . / and an extension; several may be separated
    by commas or semicolons."""
    text = clean_field(str(value or ""))
    if len(text) > PHONE_MAX:
        raise ValueError(f"The phone number is too long (at most {PHONE_MAX} characters).")
    for number in re.split(r"[;,]", text):
        if not PHONE_CHARS.match(number.strip()):
            raise ValueError("A phone number has only digits, spaces and + ( ) - . /")
    return text


def age(value: object, what: str) -> int | None:
    """An age in whole years, or None for none given."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = clean_field(str(value))
        if not text:
            return None
        try:
            number = int(float(text)) if re.fullmatch(r"\d+(\.0+)?", text) else int(text)
        except ValueError:
            raise ValueError(f"{what} is a number of years, like 18.") from None
    if not 0 <= number <= AGE_MAX:
        raise ValueError(f"{what} must be between 0 and {AGE_MAX}.")
    return number


def terms(value: object, what: str) -> tuple[str, ...]:
    """A list typed as "food, housing; debt" (or given as a list): each cleaned, duplicates
    (ignoring case) dropped, in the order given."""
    items = value if isinstance(value, list | tuple) else re.split(r"[,;\n]", str(value or ""))
    found: list[str] = []
    seen: set[str] = set()
    for item in items:
        term = clean_field(str(item))
        if not term:
            continue
        if len(term) > TERM_MAX:
            raise ValueError(f'"{term[:30]}…" is too long for {what} (at most {TERM_MAX}).')
        if term.casefold() not in seen:
            seen.add(term.casefold())
            found.append(term)
    if len(found) > TERMS_MAX:
        raise ValueError(f"At most {TERMS_MAX} {what}.")
    return tuple(found)


class ServiceInput(BaseModel):
    """A service of the directory, as its form is filled in."""

    organisation: str
    name: str
    description: str = ""
    eligibility: str = ""
    min_age: int | None = None
    max_age: int | None = None
    area: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: str = ""
    fees: str = ""
    languages: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    @field_validator("organisation", mode="before")
    @classmethod
    def _organisation(cls, value: object) -> str:
        return required_name(value, "The organisation")

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return required_name(value, "The service's name")

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: object) -> str:
        return multiline(value, "The description", DESCRIPTION_MAX)

    @field_validator("eligibility", mode="before")
    @classmethod
    def _eligibility(cls, value: object) -> str:
        return multiline(value, "Eligibility", ELIGIBILITY_MAX)

    @field_validator("min_age", mode="before")
    @classmethod
    def _min_age(cls, value: object) -> int | None:
        return age(value, "The lowest age")

    @field_validator("max_age", mode="before")
    @classmethod
    def _max_age(cls, value: object) -> int | None:
        return age(value, "The highest age")

    @field_validator("area", mode="before")
    @classmethod
    def _area(cls, value: object) -> str:
        return short_text(value, "The area", AREA_MAX)

    @field_validator("address", mode="before")
    @classmethod
    def _address(cls, value: object) -> str:
        return short_text(value, "The address", ADDRESS_MAX)

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: object) -> str:
        return phone(value)

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: object) -> str:
        return email(value)

    @field_validator("website", mode="before")
    @classmethod
    def _website(cls, value: object) -> str:
        return website(value)

    @field_validator("opening_hours", mode="before")
    @classmethod
    def _hours(cls, value: object) -> str:
        return multiline(value, "The opening hours", HOURS_MAX)

    @field_validator("fees", mode="before")
    @classmethod
    def _fees(cls, value: object) -> str:
        return multiline(value, "Fees", FEES_MAX)

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: object) -> tuple[str, ...]:
        return terms(value, "languages")

    @field_validator("categories", mode="before")
    @classmethod
    def _categories(cls, value: object) -> tuple[str, ...]:
        return terms(value, "categories")

    @model_validator(mode="after")
    def _ages_in_order(self) -> ServiceInput:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise FieldError("max_age", f"The highest age is below the lowest ({self.min_age}).")
        return self


def parse_service(data: dict[str, Any]) -> ServiceInput:
    """The form's fields as a ServiceInput, or InvalidInput naming each problem."""
    parsed: ServiceInput = validate(ServiceInput, data)
    return parsed
