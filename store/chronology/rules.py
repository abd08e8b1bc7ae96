"""What a chronology entry may hold: categories, limits, and the checks the store and the
entry form share (no database, no pydantic, so both can import it)."""

from __future__ import annotations

from collections.abc import Sequence

from store.common.settings import CHRONOLOGY_CATEGORIES

DEFAULT_CATEGORIES: tuple[str, ...] = CHRONOLOGY_CATEGORIES
# Categories the store gives automatic entries: allocations and transfers, status changes,
# significant notes, service plans and their reviews, finalised conference minutes, referrals
# sent and finished.
AUTOMATIC_CATEGORIES: tuple[str, ...] = (
    "allocation",
    "status",
    "contact",
    "plan",
    "conference",
    "referral",
)
ALLOCATION_KINDS = ("allocation", "transfer")  # source kinds that start an allocation

TITLE_MAX = 120
DETAILS_MAX = 20_000
SOURCE_MAX = 200
ANALYSIS_MAX = 5_000
ENTRY_FIELDS = ("occurred_on", "category", "title", "details", "source_of_information", "analysis")

AUTOMATIC_NOT_EDITABLE = "Automatic entries can't be edited; add an analysis instead."
ENTRY_CONFLICT = (
    "Someone else changed this chronology entry since you opened it; reopen it to see their "
    "changes."
)


def too_long(what_is: str, text: str, limit: int) -> ValueError:
    return ValueError(f"{what_is} too long ({len(text):,} characters; at most {limit:,}).")


def as_typed(value: object) -> str:
    """Free text kept exactly as typed; only text that is all blank counts as empty."""
    text = "" if value is None else str(value)
    return text if text.strip() else ""


def check_analysis(value: object) -> str:
    text = as_typed(value)
    if len(text) > ANALYSIS_MAX:
        raise too_long("The analysis is", text, ANALYSIS_MAX)
    return text


NOTE_CATEGORY = "contact"  # a significant note's chronology category unless it says otherwise


def chronology_categories(configured: Sequence[str] | None = None) -> tuple[str, ...]:
    """The categories a significant note's chronology entry may take: the configured ones,
    and "contact" (the default) even if the configuration leaves it out."""
    offered = tuple(configured or CHRONOLOGY_CATEGORIES)
    return offered if NOTE_CATEGORY in offered else (NOTE_CATEGORY, *offered)
