"""An assessment as typed in its form, validated before it is saved.

The form's fields: ``as_at`` (the day the assessment speaks for), ``summary`` and ``goals``
(Markdown), and for each domain, by its position in the assessment, ``d3_strengths``,
``d3_needs``, ``d3_client_view`` and ``d3_rating`` (``rules.domain_key``). A field left out
keeps what was saved. The model is made for the domains the assessment has.

Apart from the operations because pydantic, which start-up doesn't need, is imported only when
an assessment is first validated.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ValidationInfo, create_model, field_validator

from store.assessments.rules import DOMAIN_TEXT_MAX, TEXT_FIELDS, TEXT_MAX, domain_key
from store.common import dates
from store.common.validation import multiline, parse_typed_date, validate

_WHAT = {"strengths": "The strengths", "needs": "The needs", "client_view": "The client's view"}


def _rating(value: object, info: ValidationInfo) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        return ""
    scale: Sequence[str] = (info.context or {}).get("scale", ())
    for name in scale:
        if name.casefold() == text.casefold():
            return name
    raise ValueError(f'No rating "{text}". Choose one of: {", ".join(scale)}.')


class AssessmentFields(BaseModel):
    """The assessment's own fields; the domains' are added for each assessment."""

    as_at: date
    summary: str = ""
    goals: str = ""

    @field_validator("as_at", mode="before")
    @classmethod
    def _as_at(cls, value: object, info: ValidationInfo) -> date:
        when = parse_typed_date(value or "today", info)
        assert when is not None
        today = (info.context or {}).get("today") or dates.today()
        if when > today:
            raise ValueError("An assessment can't be as at a day still to come.")
        return when

    @field_validator("summary", mode="before")
    @classmethod
    def _summary(cls, value: object) -> str:
        return multiline(value, "The summary", TEXT_MAX)

    @field_validator("goals", mode="before")
    @classmethod
    def _goals(cls, value: object) -> str:
        return multiline(value, "The client's goals", TEXT_MAX)


@functools.cache
def _model(positions: tuple[int, ...]) -> type[AssessmentFields]:
    fields: dict[str, Any] = {}
    for position in positions:
        for field in TEXT_FIELDS:
            check = functools.partial(_text, what=_WHAT[field])
            fields[domain_key(position, field)] = (Annotated[str, BeforeValidator(check)], "")
        fields[domain_key(position, "rating")] = (Annotated[str, BeforeValidator(_rating)], "")
    model: type[AssessmentFields] = create_model(
        f"Assessment{len(positions)}", __base__=AssessmentFields, **fields
    )
    return model


def _text(value: object, *, what: str) -> str:
    return multiline(value, what, DOMAIN_TEXT_MAX)


def parse_assessment(
    data: dict[str, Any],
    positions: Sequence[int],
    scale: Sequence[str],
    *,
    dayfirst: bool = True,
) -> dict[str, Any]:
    """The form's fields, cleaned: a dict of the fields given (``as_at`` a date), or
    InvalidInput naming each problem at its field."""
    model = _model(tuple(positions))
    known = set(model.model_fields)
    given = {k: v for k, v in data.items() if k in known}
    parsed = validate(model, given, dayfirst=dayfirst, scale=tuple(scale))
    return {k: getattr(parsed, k) for k in given if k != "as_at"} | {"as_at": parsed.as_at}
