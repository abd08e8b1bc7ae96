"""The chronology: significant events of a case in date order, automatic and added by hand.

Automatic entries (allocation, transfer, status changes, significant notes, later conferences,
plan reviews and referrals) are written by the operation that causes them and point at their
source (``source_kind``, ``source_id``); they are never edited, only annotated with an
analysis. Manual entries are edited like the case file: optimistically against a ``version``,
with a RecordChange row for every field that changes.

``parse_period`` reads the period filter people type ("last 6 months", "since 1/1/2025").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import peewee as pw

from store.case_file.service import _diff, _save
from store.core import dates
from store.core.config import CHRONOLOGY_CATEGORIES
from store.core.db import Database, contains
from store.core.errors import Conflict, InvalidInput, NotFound
from store.core.models import Allocation, Case, ChronologyEntry, Worker, utcnow
from store.core.records import CaseStatus, ChronologyItem, WorkerInfo

__all__ = [
    "AUTOMATIC_CATEGORIES",
    "DEFAULT_CATEGORIES",
    "ChronologyOps",
    "DatePeriodError",
    "EntryInput",
    "describe_filter",
    "parse_period",
]

DEFAULT_CATEGORIES: tuple[str, ...] = CHRONOLOGY_CATEGORIES
# Categories the store gives automatic entries: allocations and transfers, status changes,
# significant notes, service plans and their reviews, finalised conference minutes.
AUTOMATIC_CATEGORIES: tuple[str, ...] = ("allocation", "status", "contact", "plan", "conference")
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


# --- input ---------------------------------------------------------------------------------

# The entry form's model is pydantic, which start-up doesn't need: it lives in
# store.chronology_input, imported when an entry is first validated. ``EntryInput`` still works
# from here.
if TYPE_CHECKING:
    from store.chronology.input import EntryInput as EntryInput


def __getattr__(name: str) -> Any:
    if name == "EntryInput":
        from store.chronology.input import EntryInput

        globals()[name] = EntryInput
        return EntryInput
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _too_long(what_is: str, text: str, limit: int) -> ValueError:
    return ValueError(f"{what_is} too long ({len(text):,} characters; at most {limit:,}).")


def _as_typed(value: object) -> str:
    """Free text kept exactly as typed; only text that is all blank counts as empty."""
    text = "" if value is None else str(value)
    return text if text.strip() else ""


def _check_analysis(value: object) -> str:
    text = _as_typed(value)
    if len(text) > ANALYSIS_MAX:
        raise _too_long("The analysis is", text, ANALYSIS_MAX)
    return text


# --- the operations ------------------------------------------------------------------------


class ChronologyOps:
    """Reading and writing a case's chronology (mixed into ``Store``)."""

    database: Database

    def chronology(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        categories: Sequence[str] | None = None,
        since: date | None = None,
        until: date | None = None,
        text: str | None = None,
        newest_first: bool = False,
    ) -> list[ChronologyItem]:
        """The case's chronology, oldest first unless ``newest_first``, optionally filtered.

        On one day an allocation or transfer comes first (last when newest first), then the
        rest in the order they were recorded.

        ``categories``: any of these (None or empty: all); ``since``/``until``: inclusive
        dates; ``text``: found, ignoring case, in the title, details, who reported it or the
        analysis (% and _ are literal).
        """
        query = _item_query().where(ChronologyEntry.case == case_id)
        if isinstance(categories, str):  # one name, not its letters
            categories = [categories]
        if categories:
            query = query.where(ChronologyEntry.category.in_(list(categories)))
        if since is not None:
            query = query.where(ChronologyEntry.occurred_on >= since)
        if until is not None:
            query = query.where(ChronologyEntry.occurred_on <= until)
        needle = (text or "").strip()
        if needle:
            query = query.where(
                contains(ChronologyEntry.title, needle)
                | contains(ChronologyEntry.details, needle)
                | contains(ChronologyEntry.source_of_information, needle)
                | contains(ChronologyEntry.analysis, needle)
            )
        # An allocation (or transfer) comes first on its day, whenever it was recorded: it
        # opens the worker's part of the chronology.
        later = ChronologyEntry.source_kind.not_in(ALLOCATION_KINDS)
        if newest_first:
            query = query.order_by(
                ChronologyEntry.occurred_on.desc(), later.desc(), ChronologyEntry.id.desc()
            )
        else:
            query = query.order_by(ChronologyEntry.occurred_on, later, ChronologyEntry.id)
        with self.database.reading():
            current = current_allocation_start(case_id)
            return [_item(row, current) for row in query.tuples()]

    def chronology_entry(self, actor: WorkerInfo, entry_id: int) -> ChronologyItem:
        """One entry, with the version to send back when editing or annotating it."""
        with self.database.reading():
            return _entry(entry_id)

    def chronology_categories_in_use(self, actor: WorkerInfo, case_id: int) -> list[str]:
        """The categories the case's entries have, alphabetically (for the filter)."""
        with self.database.reading():
            query = (
                ChronologyEntry.select(ChronologyEntry.category)
                .where(ChronologyEntry.case == case_id)
                .distinct()
                .order_by(ChronologyEntry.category)
            )
            return [category for (category,) in query.tuples()]

    def add_chronology_entry(
        self,
        actor: WorkerInfo,
        case_id: int,
        data: dict[str, Any],
        *,
        dayfirst: bool = True,
        categories: Sequence[str] = DEFAULT_CATEGORIES,
    ) -> ChronologyItem:
        """Add a manual entry, recorded under the case's current allocation.

        Raises InvalidInput (by field, or "form" for a closed case) and NotFound.
        """
        from store.chronology.input import EntryInput
        from store.core.schemas import validate

        new: EntryInput = validate(
            EntryInput, data, dayfirst=dayfirst, categories=tuple(categories)
        )
        with self.database.writing():
            _open_case(case_id)
            row = ChronologyEntry.create(
                case=case_id,
                allocation=current_allocation_id(case_id),
                **new.model_dump(),
                source_kind="manual",
                source_id=None,
                created_at=utcnow(),
                created_by=actor.id,
                version=1,
                updated_at=None,
            )
            return _entry(row.id)

    def update_chronology_entry(
        self,
        actor: WorkerInfo,
        entry_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
        categories: Sequence[str] = DEFAULT_CATEGORIES,
    ) -> ChronologyItem:
        """Save a manual entry's form; fields left out of ``data`` keep their value.

        Every changed field leaves a RecordChange row ("chronology_entry"). Automatic entries
        are refused (InvalidInput on "form"); a stale ``version`` raises Conflict.
        """
        from store.chronology.input import EntryInput
        from store.core.schemas import validate

        with self.database.writing():
            row = _get_entry(entry_id)
            if row.source_kind != "manual":
                raise InvalidInput({"form": AUTOMATIC_NOT_EDITABLE})
            if row.version != version:
                raise _refused(row)
            _open_case(row.case_id)
            current = {f: getattr(row, f) for f in ENTRY_FIELDS}
            new: EntryInput = validate(
                EntryInput,
                {**current, **data},
                dayfirst=dayfirst,
                categories=tuple(categories),
                keep_category=row.category,
            )
            changes = _diff(current, new.model_dump())
            if changes:
                values = {f: new_value for f, (_, new_value) in changes.items()}
                _save(
                    ChronologyEntry, row, values, changes, "chronology_entry", actor, ENTRY_CONFLICT
                )
            return _entry(entry_id)

    def annotate_chronology_entry(
        self,
        actor: WorkerInfo,
        entry_id: int,
        analysis: str,
        *,
        version: int,
        category: str | None = None,
        categories: Sequence[str] | None = None,
    ) -> ChronologyItem:
        """Set the analysis of any entry (the one change automatic entries allow) and, for an
        entry made from a significant note, its ``category`` (one of ``categories``): the
        worker chose it when writing the note, and may see better later.

        The same values as now write nothing; a change is kept in the entry's history. A stale
        ``version`` raises Conflict.
        """
        from store.notes.service import chronology_categories

        errors: dict[str, str] = {}
        try:
            text = _check_analysis(analysis)
        except ValueError as exc:
            errors["analysis"] = str(exc)
        with self.database.writing():
            row = _get_entry(entry_id)
            if row.version != version:
                raise _refused(row)
            _open_case(row.case_id)
            new_category = row.category
            if category is not None and category != row.category:
                allowed = chronology_categories(categories)
                found = next((c for c in allowed if c.casefold() == category.casefold()), None)
                if row.source_kind != "note":
                    errors["category"] = "Only an entry made from a note can change category."
                elif found is None:
                    errors["category"] = (
                        f'No category "{category}". Choose one of: {", ".join(allowed)}.'
                    )
                else:
                    new_category = found
            if errors:
                raise InvalidInput(errors)
            changes = {
                field: (old, new)
                for field, old, new in (
                    ("category", row.category, new_category),
                    ("analysis", row.analysis, text),
                )
                if old != new
            }
            if changes:
                _save(
                    ChronologyEntry,
                    row,
                    {field: new for field, (_, new) in changes.items()},
                    changes,
                    "chronology_entry",
                    actor,
                    ENTRY_CONFLICT,
                )
            return _entry(entry_id)


# --- helpers (called inside a reading() or writing() block) ----------------------------------


def _item_query() -> Any:
    """The columns an item is made of, in the order ``_item`` reads them."""
    return ChronologyEntry.select(
        ChronologyEntry.id,
        ChronologyEntry.occurred_on,
        ChronologyEntry.category,
        ChronologyEntry.title,
        ChronologyEntry.details,
        ChronologyEntry.source_kind,
        ChronologyEntry.source_id,
        ChronologyEntry.source_of_information,
        ChronologyEntry.analysis,
        ChronologyEntry.version,
        Worker.display_name,
        ChronologyEntry.updated_at,
    ).join(Worker, pw.JOIN.LEFT_OUTER, on=(ChronologyEntry.created_by == Worker.id))


def _item(row: tuple[Any, ...], current: date | None) -> ChronologyItem:
    eid, on, category, title, details, kind, sid, reported, analysis, version, who, updated = row
    return ChronologyItem(
        id=eid,
        occurred_on=on,
        category=category,
        title=title,
        details=details,
        source_kind=kind,
        source_id=sid,
        before_current_allocation=current is not None and on < current,
        source_of_information=reported,
        analysis=analysis,
        version=version,
        author_name=who or "",
        updated_at=updated,
    )


def current_allocation_start(case_id: int) -> date | None:
    """When the case's current worker was allocated it (None if nobody holds it)."""
    start: date | None = (
        Allocation.select(Allocation.allocated_on)
        .where(Allocation.case == case_id, Allocation.ended_on.is_null())
        .order_by(Allocation.allocated_on.desc())
        .scalar()
    )
    return start


def current_allocation_id(case_id: int) -> int | None:
    """The allocation a new entry on the case belongs to (None if nobody holds the case)."""
    found: int | None = (
        Allocation.select(Allocation.id)
        .where(Allocation.case == case_id, Allocation.ended_on.is_null())
        .order_by(Allocation.allocated_on.desc(), Allocation.id.desc())
        .scalar()
    )
    return found


def _refused(row: Any) -> Conflict:
    """A save from an old version of an entry: who changed it since, and what it says now."""
    from store.core.conflicts import last_change, refused

    who, at = last_change("chronology_entry", row.id)
    return refused(
        "this chronology entry",
        changed_by=who,
        changed_at=at,
        current={f: getattr(row, f) for f in ENTRY_FIELDS},
        version=row.version,
    )


def _get_entry(entry_id: int) -> Any:
    row = ChronologyEntry.get_or_none(ChronologyEntry.id == entry_id)
    if row is None:
        raise NotFound(f"No chronology entry with id {entry_id}.")
    return row


def _entry(entry_id: int) -> ChronologyItem:
    case_id = (
        ChronologyEntry.select(ChronologyEntry.case).where(ChronologyEntry.id == entry_id).scalar()
    )
    if case_id is None:
        raise NotFound(f"No chronology entry with id {entry_id}.")
    row = _item_query().where(ChronologyEntry.id == entry_id).tuples().get()
    return _item(row, current_allocation_start(case_id))


def _open_case(case_id: int) -> Any:
    """The case, if it exists and is not closed (a closed case is read-only)."""
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise NotFound(f"No case with id {case_id}.")
    if case.status == CaseStatus.CLOSED.value:
        raise InvalidInput(
            {"form": f"Case {case.ref} is closed; reopen it to change its chronology."}
        )
    return case


def describe_filter(
    categories: Sequence[str] = (),
    since: date | None = None,
    until: date | None = None,
    text: str | None = None,
) -> str:
    """What a filtered chronology is limited to, in words ("" for everything): shown above
    the list and in an export's header."""
    parts = []
    if categories:
        parts.append(f"category {' or '.join(categories)}")
    if since and until:
        parts.append(f"{dates.format_date(since)} to {dates.format_date(until)}")
    elif since:
        parts.append(f"since {dates.format_date(since)}")
    elif until:
        parts.append(f"until {dates.format_date(until)}")
    if text and text.strip():
        parts.append(f'containing "{text.strip()}"')
    return ", ".join(parts)


# --- periods -------------------------------------------------------------------------------

PERIOD_EXAMPLES = (
    '"since 1/1/2025", "last 6 months", "this year", "2025", "march 2025" or '
    '"1/1/2025 to 31/3/2025"'
)
_QUOTE_LIMIT = 40

_UNIT = r"(?P<unit>days|day|d|weeks|week|wks|wk|w|months|month|mos|mo|m|years|year|yrs|yr|y)"
_LAST_RE = re.compile(rf"(?:last|past|previous)\s+(?:(?P<n>\d{{1,4}})\s*)?{_UNIT}", re.ASCII)
_THIS_RE = re.compile(r"(?:this|current)\s+(?P<unit>week|month|year)", re.ASCII)
_BETWEEN_RE = re.compile(r"between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)")
# " - " (or an en or em dash) needs its spaces: "2025-01-01" and "-2w" are single dates.
_RANGE_RE = re.compile(
    r"(?:from\s+)?(?P<a>(?!up\s).+?)\s+(?:to|until|till|-|\u2013|\u2014)\s+(?P<b>.+)"
)
_SINCE_RE = re.compile(r"(?P<kw>since|from|after|starting)\s+(?P<a>.+)")
_UNTIL_RE = re.compile(r"(?P<kw>until|till|up to|to|before|by)\s+(?P<a>.+)")
_ON_RE = re.compile(r"(?:on|during|in)\s+(?P<a>.+)")
_YEAR_RE = re.compile(r"\d{4}", re.ASCII)
_MONTH_YEAR_RE = re.compile(r"(?P<mon>[a-z]+)\.?,?\s+(?P<y>\d{4})")
_MONTH_RE = re.compile(r"(?P<mon>[a-z]+)\.?")
_ONE_DAY = timedelta(days=1)


class DatePeriodError(ValueError):
    """A period that can't be read; the message quotes it and gives examples."""


def _quote(text: str) -> str:
    shown = " ".join(text.split())
    if len(shown) > _QUOTE_LIMIT:
        shown = shown[: _QUOTE_LIMIT - 1] + "…"
    return f'"{shown}"'


def parse_period(
    text: str, *, today: date | None = None, dayfirst: bool = True
) -> tuple[date | None, date | None]:
    """Read a period as typed into a filter: (first day, last day), both inclusive, either
    None for open-ended; "" is (None, None).

    Understands "since/from/after X", "until/before X", "X to Y", "X - Y", "between X and Y",
    "last 6 months" (also days, weeks, years; "last year" is the last 12 months), "this
    week/month/year", a year "2025", a month "march 2025", and a single date (that day). X and
    Y are anything ``store.dates`` reads ("1/1/2025", "-2w"), or a month or a year. Raises
    DatePeriodError.
    """
    base = dates.today() if today is None else today
    s = " ".join(text.casefold().split())
    if not s:
        return None, None
    try:
        start, end = _period(s, base, dayfirst)
    except dates.DateParseError as exc:
        reason = str(exc).split(" Try ")[0]
        generic = reason.startswith("Not a date:") and reason.endswith(f"{_quote(text)}.")
        detail = "" if generic else f" {reason}"
        raise DatePeriodError(
            f"Not a period: {_quote(text)}.{detail} Try {PERIOD_EXAMPLES}."
        ) from None
    if start is not None and end is not None and start > end:
        raise DatePeriodError(
            f"The period {_quote(text)} ends before it starts; put the earlier date first."
        )
    return start, end


def _period(s: str, base: date, dayfirst: bool) -> tuple[date | None, date | None]:
    if m := _LAST_RE.fullmatch(s):
        n = int(m["n"] or 1)
        return _back(base, n, m["unit"]), base
    if m := _THIS_RE.fullmatch(s):
        unit = m["unit"]
        if unit == "week":
            monday = base - timedelta(days=base.weekday())
            return monday, monday + timedelta(days=6)
        if unit == "month":
            first = base.replace(day=1)
            return first, dates.add_interval(first, months=1) - _ONE_DAY
        return date(base.year, 1, 1), date(base.year, 12, 31)
    if m := _BETWEEN_RE.fullmatch(s):
        return _bounds(m["a"], base, dayfirst)[0], _bounds(m["b"], base, dayfirst)[1]
    if m := _RANGE_RE.fullmatch(s):
        return _bounds(m["a"], base, dayfirst)[0], _bounds(m["b"], base, dayfirst)[1]
    if m := _SINCE_RE.fullmatch(s):
        first, last = _bounds(m["a"], base, dayfirst)
        return (last + _ONE_DAY if m["kw"] == "after" else first), None
    if m := _UNTIL_RE.fullmatch(s):
        first, last = _bounds(m["a"], base, dayfirst)
        return None, (first - _ONE_DAY if m["kw"] == "before" else last)
    if (m := _ON_RE.fullmatch(s)) and not re.fullmatch(rf"\d+\s*{_UNIT}", m["a"]):
        # "in 2 weeks" is a date (dates reads it); "in 2025" and "on 3/4" are periods.
        return _bounds(m["a"], base, dayfirst)
    return _bounds(s, base, dayfirst)


def _back(base: date, n: int, unit: str) -> date:
    first = unit[0]
    if first == "w":
        return dates.add_interval(base, weeks=-n)
    if first == "m":
        return dates.add_interval(base, months=-n)
    if first == "y":
        return dates.add_interval(base, years=-n)
    return dates.add_interval(base, days=-n)


def _bounds(part: str, base: date, dayfirst: bool) -> tuple[date, date]:
    """The first and last day ``part`` covers: a year, a month, or a single date."""
    if _YEAR_RE.fullmatch(part):
        year = int(part)
        if not dates.MIN_YEAR <= year <= dates.MAX_YEAR:
            raise dates.DateParseError(
                f"Not a valid date: {_quote(part)}. Years must be between {dates.MIN_YEAR} and "
                f"{dates.MAX_YEAR}."
            )
        return date(year, 1, 1), date(year, 12, 31)
    if m := _MONTH_YEAR_RE.fullmatch(part):
        first = _month_start(m["mon"], m["y"], base)
        if first is not None:
            return first, dates.add_interval(first, months=1) - _ONE_DAY
    elif m := _MONTH_RE.fullmatch(part):
        first = _month_start(m["mon"], str(base.year), base)
        if first is not None:
            if first > base:  # "march" in January is the March just gone
                first = dates.add_interval(first, years=-1)
            return first, dates.add_interval(first, months=1) - _ONE_DAY
    day = dates.parse_date(part, dayfirst=dayfirst, today=base)
    return day, day


def _month_start(name: str, year: str, base: date) -> date | None:
    """The first of the month ``name`` names, or None if it isn't a month's name."""
    try:
        return dates.parse_date(f"1 {name} {year}", today=base)
    except dates.DateParseError:
        return None
