"""Plain records of the chronology."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from store.common.textsafe import preview_line

SUMMARY_MAX = 120  # characters of ChronologyItem.summary


@dataclass(frozen=True, slots=True)
class ChronologyItem:
    """An entry in a case's chronology."""

    id: int
    occurred_on: date
    category: str
    title: str
    details: str
    source_kind: str
    source_id: int | None
    before_current_allocation: bool
    source_of_information: str = ""  # who reported it: "School (DSL)", "Police (PC 1234)"
    analysis: str = ""  # what the event means for the client (Markdown)
    version: int = 1  # send back when editing or annotating
    author_name: str = ""  # who recorded the entry
    updated_at: datetime | None = None  # naive UTC; None if never edited or annotated

    @property
    def is_manual(self) -> bool:
        """Added by hand (editable); automatic entries can only be annotated."""
        return self.source_kind == "manual"

    @property
    def summary(self) -> str:
        """The first non-blank line of the details, cleaned for a one-line cell."""
        return preview_line(self.details, SUMMARY_MAX, markdown=True)
