"""What every area's input models share: turning pydantic's errors into ``InvalidInput``, dates
as people type them, names, short and multi-line text, yes/no answers and choices.

Fields arrive as the person typed them; validators clean and parse them and their messages are
the ones shown next to the field. Dates are parsed by ``store.common.dates`` with the worker's
day/month order, passed in the validation context: ``validate(Model, data, dayfirst=False)``.

Importing pydantic and building these models takes about a tenth of a second that start-up
doesn't need, so the store imports this module inside the methods that validate, never at the
top of a module start-up loads (tests/store/test_startup_imports.py checks).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError, ValidationInfo

from store.common import dates
from store.common.errors import InvalidInput
from store.common.textsafe import clean_field, strip_control

NAME_MAX = 120
ADDRESS_MAX = 300
PHONE_CHARS = re.compile(r"^[0-9 +()\-./]*(?:\s*(?:x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)
REF_CHARS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.\-]*$")


def context_of(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def parse_typed_date(value: object, info: ValidationInfo, *, prefer: str = "past") -> date | None:
    """Accept a date object, or text typed in any form ``store.common.dates`` understands."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    ctx = context_of(info)
    try:
        return dates.parse_date(
            text,
            dayfirst=ctx.get("dayfirst", True),
            prefer=prefer,  # type: ignore[arg-type]
            today=ctx.get("today"),
        )
    except dates.DateParseError as exc:
        raise ValueError(str(exc)) from None


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


def person_name(value: object, what: str) -> str:
    """A required name: cleaned, with letters in it, not too long."""
    name = clean_field(str(value or ""))
    if not name:
        raise ValueError(f"{what} is required.")
    if len(name) > NAME_MAX:
        raise ValueError(f"{what} is too long ({len(name)} characters; at most {NAME_MAX}).")
    if not any(ch.isalpha() for ch in name):
        raise ValueError(f"{what} must contain letters.")
    return name


def short_text(value: object, what: str, limit: int) -> str:
    text = clean_field(str(value or ""))
    if len(text) > limit:
        raise ValueError(f"{what} is too long (at most {limit} characters).")
    return text


def multiline(value: object, what: str, limit: int) -> str:
    """Free text that may run over lines: control characters out, line ends normalised."""
    text = strip_control(unicodedata.normalize("NFC", str(value or "")))
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > limit:
        raise ValueError(f"{what} is too long ({len(text):,} characters; at most {limit:,}).")
    return text


_YES = {"yes", "y", "true", "1", "on", "agreed"}
_NO = {"no", "n", "false", "0", "off", "", "not agreed"}


def yes_no(value: object, what: str) -> bool:
    if isinstance(value, bool):
        return value
    text = clean_field(str(value or "")).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"{what}: answer yes or no.")


def choice(value: object, allowed: tuple[str, ...], what: str) -> str:
    text = clean_field(str(value or ""))
    for name in allowed:
        if name.casefold() == text.casefold():
            return name
    lead = f'No {what} "{text}".' if text else f"Choose the {what}."
    raise ValueError(f"{lead} Choose one of: {', '.join(allowed)}.")
