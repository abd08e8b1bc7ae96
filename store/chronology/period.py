"""Periods as people type them into a chronology filter ("last 6 months", "since 1/1/2025"),
and the filter described in words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from store.common import dates


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
    Y are anything ``store.common.dates`` reads ("1/1/2025", "-2w"), or a month or a year. Raises
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
