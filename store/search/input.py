"""The search's filters as typed: a kind and a date range. Context: ``dayfirst``, ``today``.

(The words searched for need no checking: any text is a valid search, see ``query``.)
Apart from the operations because pydantic, which start-up doesn't need, is imported only when
a search is first filtered.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ValidationInfo, field_validator, model_validator

from store.common.validation import choice, parse_typed_date
from store.search.records import KINDS


class FieldError(ValueError):
    """A check across fields, naming the field its message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class SearchFilters(BaseModel):
    kind: str = ""
    since: date | None = None
    until: date | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: object) -> str:
        if value is None or not str(value).strip():
            return ""
        return choice(value, tuple(KINDS), "kind of record")

    @field_validator("since", "until", mode="before")
    @classmethod
    def _day(cls, value: object, info: ValidationInfo) -> date | None:
        return parse_typed_date(value, info)

    @model_validator(mode="after")
    def _in_order(self) -> SearchFilters:
        if self.since and self.until and self.since > self.until:
            raise FieldError("until", "The last day is before the first: swap them.")
        return self
