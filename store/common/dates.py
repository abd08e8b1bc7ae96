"""The one place Caseline parses and formats dates and times, and the app's clock.

Everything that needs "now" asks this module, so tests can freeze time with ``frozen()``.
Calendar dates are local dates; timestamps are converted between UTC (storage) and the
system's local zone (display and input) here and nowhere else.

Parsing is deliberately strict. dateutil's free-form parser fills missing fields from a
default and skips words it doesn't know, which turns typos into plausible wrong dates in a
case record; so input is matched against a small grammar and dateutil supplies the
vocabulary (month and weekday names) and the calendar arithmetic (``relativedelta``).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

__all__ = [
    "EXAMPLES",
    "DateParseError",
    "add_interval",
    "age_in_years",
    "format_date",
    "format_datetime",
    "format_day",
    "freeze",
    "frozen",
    "is_far_from",
    "now_local",
    "now_utc",
    "parse_date",
    "parse_datetime",
    "relative_age",
    "split_dates",
    "to_local",
    "to_utc",
    "today",
]

EXAMPLES = '"today", "3/4/2026", "2026-04-03", "mon" or "-2d"'
_TIME_EXAMPLES = '"now", "14:30", "2pm", "yesterday 2:30pm" or "3/4/2026 09:15"'

MIN_YEAR = 1900
MAX_YEAR = 2200

# English on purpose: strftime("%b") follows the process locale, and records must read
# the same on every machine.
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip
_WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAME = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")  # fmt: skip

_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
# dateutil knows "mon"/"monday" etc. but not these common spellings (its own TODO).
_EXTRA_WEEKDAYS = {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}


@functools.cache
def _info() -> Any:
    """dateutil's month and weekday names, loaded on first use: importing its parser also
    loads its time-zone code, which start-up doesn't need."""
    from dateutil.parser import parserinfo

    return parserinfo()


_KEYWORD_OFFSETS = {
    "today": 0, "t": 0, "now": 0,
    "yesterday": -1, "y": -1,
    "tomorrow": 1, "tom": 1,
}  # fmt: skip

# Longest alternatives first so "mo" isn't read as "m" followed by junk.
_UNIT = r"(?P<unit>days|day|d|weeks|week|wks|wk|w|months|month|mos|mo|m|years|year|yrs|yr|y)"
_N = r"(?P<n>\d{1,6})"
_SIGNED_RE = re.compile(rf"(?P<sign>[+-])\s*{_N}\s*{_UNIT}?", re.ASCII)
_AGO_RE = re.compile(rf"{_N}\s*{_UNIT}\s+ago", re.ASCII)
_IN_RE = re.compile(rf"in\s+{_N}\s*{_UNIT}", re.ASCII)
_WEEKDAY_RE = re.compile(r"(?:(?P<dir>last|next)\s+)?(?P<name>[a-z]+)", re.ASCII)
_ISO_RE = re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})", re.ASCII)
_NUMERIC_RE = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?", re.ASCII
)
_DAY_RE = re.compile(r"\d{1,2}", re.ASCII)
_SEP = r"(?:\s*[,./-]\s*|\s+)"
_DAY_MONTH_RE = re.compile(
    rf"(?P<d>\d{{1,2}})(?:{_SEP})?(?P<mon>[a-z]+)\.?(?:(?:{_SEP})?(?P<y>\d{{4}}|\d{{2}}))?",
    re.ASCII,
)
# A separator is required between day and year, or "apr 2026" would read as 20 Apr '26.
_MONTH_DAY_RE = re.compile(
    rf"(?P<mon>[a-z]+)\.?(?:{_SEP})?(?P<d>\d{{1,2}})(?:{_SEP}(?P<y>\d{{4}}|\d{{2}}))?", re.ASCII
)
_ORDINAL_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.ASCII)
_YEAR_ONLY_RE = re.compile(r"\d{4}", re.ASCII)

# Loose on purpose: anything shaped like a time is split off and then validated, so "25:00"
# gets a message about the hour rather than "not a date".
_TIME_SHAPE_RE = re.compile(
    r"(?P<h>\d+)(?::(?P<m>\d+))?(?::(?P<s>\d+))?(?P<ampm>am|pm|a\.m\.|p\.m\.|a|p)?", re.ASCII
)
_SPACE_BEFORE_AMPM_RE = re.compile(r"(\d)\s+(am|pm|a\.m\.|p\.m\.)(?=\s|$)", re.ASCII)
_ISO_T_RE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})t(?=\d)", re.ASCII)
_NAMED_TIMES = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}

_QUOTE_LIMIT = 40


class DateParseError(ValueError):
    """Raised with a user-facing message, e.g. 'Not a date: "someday". Try "today", ...'."""


# --- The clock -----------------------------------------------------------------------------

_frozen_at: datetime | None = None  # aware UTC while frozen


def now_utc() -> datetime:
    """The current instant, timezone-aware UTC (the frozen one, if frozen)."""
    if _frozen_at is not None:
        return _frozen_at
    return datetime.now(UTC)


def now_local() -> datetime:
    """The current local wall-clock time, naive."""
    return to_local(now_utc())


def today() -> date:
    """The current local calendar date."""
    return now_local().date()


# parse_date() and friends take a ``today`` argument that shadows the function.
_clock_today = today


def _instant(at: datetime) -> datetime:
    return at.astimezone(UTC) if at.tzinfo is not None else to_utc(at)


def freeze(at: datetime | None) -> None:
    """Freeze the clock at ``at`` (naive means local time), or unfreeze it with None."""
    global _frozen_at
    _frozen_at = None if at is None else _instant(at)


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Freeze the clock at ``at`` (naive means local time) for the block; nestable."""
    global _frozen_at
    previous = _frozen_at
    _frozen_at = _instant(at)
    try:
        yield
    finally:
        _frozen_at = previous


@contextmanager
def unfrozen() -> Iterator[None]:
    """The real clock for the block, whether or not it was frozen; as it was afterwards."""
    global _frozen_at
    previous = _frozen_at
    _frozen_at = None
    try:
        yield
    finally:
        _frozen_at = previous


# --- Time zones ----------------------------------------------------------------------------


def to_utc(local_naive: datetime) -> datetime:
    """Naive local wall-clock time -> aware UTC."""
    if local_naive.tzinfo is not None:
        raise ValueError("to_utc() expects a naive local datetime")
    # A naive datetime's astimezone() treats it as system local time.
    return local_naive.astimezone(UTC)


def to_local(utc_dt: datetime) -> datetime:
    """Aware datetime (or naive meaning UTC, as stored) -> naive local wall-clock time."""
    if utc_dt.tzinfo is None:
        utc_dt = utc_dt.replace(tzinfo=UTC)
    return utc_dt.astimezone().replace(tzinfo=None)


def _local_naive(dt: datetime) -> datetime:
    """A datetime as naive local time: aware ones are converted, naive ones taken as local."""
    return to_local(dt) if dt.tzinfo is not None else dt


# --- Parsing -------------------------------------------------------------------------------


def _quote(text: str) -> str:
    shown = text.strip()
    if len(shown) > _QUOTE_LIMIT:
        shown = shown[: _QUOTE_LIMIT - 1] + "…"
    return f'"{shown}"'


def _not_a_date(text: str, hint: str = "") -> DateParseError:
    return DateParseError(f"Not a date: {_quote(text)}.{hint} Try {EXAMPLES}.")


def _invalid_date(text: str, reason: str) -> DateParseError:
    return DateParseError(f"Not a valid date: {_quote(text)}. {reason} Try {EXAMPLES}.")


def _invalid_time(text: str, reason: str) -> DateParseError:
    return DateParseError(f"Not a valid time: {_quote(text)}. {reason} Try {_TIME_EXAMPLES}.")


def _out_of_range(text: str) -> DateParseError:
    return _invalid_date(text, f"Years must be between {MIN_YEAR} and {MAX_YEAR}.")


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _expand_year(digits: str, base_year: int) -> int:
    """A 2- or 4-digit year; 2 digits land within 50 years of ``base_year``.

    This is dateutil's rule (parserinfo.convertyear), anchored to the app clock rather than
    the real one so it is the same under a frozen clock.
    """
    year = int(digits)
    if len(digits) > 2:
        return year
    year += base_year // 100 * 100
    if year >= base_year + 50:
        year -= 100
    elif year < base_year - 50:
        year += 100
    return year


def _build_date(text: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise _invalid_date(text, f"There is no month {month}.")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _out_of_range(text)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise _invalid_date(text, f"There is no {day} {_MONTH_NAME[month - 1]} {year}.")
    return date(year, month, day)


def _shift(text: str, base: date, delta: relativedelta) -> date:
    try:
        result: date = base + delta
    except (ValueError, OverflowError):
        raise _out_of_range(text) from None
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise _out_of_range(text)
    return result


def _unit_delta(n: int, unit: str | None) -> relativedelta:
    first = (unit or "d")[0]
    if first == "w":
        return relativedelta(weeks=n)
    if first == "m":
        return relativedelta(months=n)
    if first == "y":
        return relativedelta(years=n)
    return relativedelta(days=n)


def _month_number(name: str) -> int | None:
    number = _info().month(name)
    return None if number is None else int(number)


def _weekday_number(name: str) -> int | None:
    if name in _EXTRA_WEEKDAYS:
        return _EXTRA_WEEKDAYS[name]
    number = _info().weekday(name)
    return None if number is None else int(number)


def _parse_date(
    s: str, text: str, *, dayfirst: bool, prefer: Literal["past", "future"], base: date
) -> date:
    """Parse normalised ``s``; ``text`` is what the user typed, for messages."""
    if not s:
        raise _not_a_date(text)

    if s in _KEYWORD_OFFSETS:
        return base + timedelta(days=_KEYWORD_OFFSETS[s])

    if m := _SIGNED_RE.fullmatch(s):
        n = int(m["n"]) if m["sign"] == "+" else -int(m["n"])
        return _shift(text, base, _unit_delta(n, m["unit"]))
    if m := _AGO_RE.fullmatch(s):
        return _shift(text, base, _unit_delta(-int(m["n"]), m["unit"]))
    if m := _IN_RE.fullmatch(s):
        return _shift(text, base, _unit_delta(int(m["n"]), m["unit"]))

    if (m := _WEEKDAY_RE.fullmatch(s)) and (wd := _weekday_number(m["name"])) is not None:
        day = _WEEKDAYS[wd]
        if m["dir"] == "last":
            delta = relativedelta(days=-1, weekday=day(-1))
        elif m["dir"] == "next":
            delta = relativedelta(days=+1, weekday=day(+1))
        else:
            # relativedelta's weekday(±1) includes the start day: "mon" on a Monday is today.
            delta = relativedelta(weekday=day(-1 if prefer == "past" else +1))
        return _shift(text, base, delta)

    if m := _ISO_RE.fullmatch(s):
        return _build_date(text, int(m["y"]), int(m["m"]), int(m["d"]))

    if m := _NUMERIC_RE.fullmatch(s):
        first, second = int(m["a"]), int(m["b"])
        day_, month = (first, second) if dayfirst else (second, first)
        # No swapping when the month is impossible: "4/13" in UK order is refused, not
        # quietly read as 13 April, so the same keystrokes always mean the same date.
        year = base.year if m["y"] is None else _expand_year(m["y"], base.year)
        return _build_date(text, year, month, day_)

    if _DAY_RE.fullmatch(s):
        return _build_date(text, base.year, base.month, int(s))

    named = _ORDINAL_RE.sub(r"\1", s)
    m = _DAY_MONTH_RE.fullmatch(named) or _MONTH_DAY_RE.fullmatch(named)
    if m and (named_month := _month_number(m["mon"])) is not None:
        year = base.year if m["y"] is None else _expand_year(m["y"], base.year)
        return _build_date(text, year, named_month, int(m["d"]))

    if _YEAR_ONLY_RE.fullmatch(s):
        raise _not_a_date(text, " A year on its own is not a date.")
    if _month_number(s.rstrip(".")) is not None:
        raise _not_a_date(text, " Give a day as well as the month.")
    raise _not_a_date(text)


def parse_date(
    text: str,
    *,
    dayfirst: bool = True,
    prefer: Literal["past", "future"] = "past",
    today: date | None = None,
) -> date:
    """Parse what someone typed in a date field, or raise DateParseError.

    ``prefer`` only decides bare weekday names: "mon" is the latest Monday on or before
    today ("past") or the first on or after it ("future"). Numeric dates are day-first
    unless ``dayfirst`` is False; ISO "2026-04-03" is always year-month-day.
    """
    base = _clock_today() if today is None else today
    return _parse_date(_normalise(text), text, dayfirst=dayfirst, prefer=prefer, base=base)


def _time_token(token: str) -> bool:
    if token in _NAMED_TIMES:
        return True
    m = _TIME_SHAPE_RE.fullmatch(token)
    # A bare number is a day of the month, not an hour.
    return m is not None and (m["m"] is not None or m["ampm"] is not None)


def _parse_time(token: str, text: str) -> time:
    if token in _NAMED_TIMES:
        return _NAMED_TIMES[token]
    m = _TIME_SHAPE_RE.fullmatch(token)
    if m is None:  # pragma: no cover - callers check _time_token first
        raise _invalid_time(text, "")
    hour = int(m["h"])
    minute_s, second_s, ampm = m["m"], m["s"], m["ampm"]
    if any(part is not None and len(part) != 2 for part in (minute_s, second_s)):
        raise _invalid_time(text, "Minutes and seconds take two digits.")
    minute = int(minute_s) if minute_s is not None else 0
    second = int(second_s) if second_s is not None else 0
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise _invalid_time(text, "With am or pm the hour must be 1 to 12.")
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    elif hour > 23:
        raise _invalid_time(text, "Hours go up to 23.")
    if minute > 59:
        raise _invalid_time(text, "Minutes go up to 59.")
    if second > 59:
        raise _invalid_time(text, "Seconds go up to 59.")
    return time(hour, minute, second)


def parse_datetime(
    text: str,
    *,
    dayfirst: bool = True,
    prefer: Literal["past", "future"] = "past",
    now: datetime | None = None,
) -> datetime:
    """Parse a date with an optional time ("mon 9am", "14:30", "now"), as naive local time.

    A time alone is today at that time; a date alone is that date at 00:00.
    """
    current = now_local() if now is None else _local_naive(now)
    s = _normalise(text)
    if s == "now":
        return current.replace(microsecond=0)
    s = _ISO_T_RE.sub(r"\1 ", s)
    s = _SPACE_BEFORE_AMPM_RE.sub(r"\1\2", s)
    tokens = s.split(" ") if s else []

    at: time | None = None
    if tokens and _time_token(tokens[-1]):
        at = _parse_time(tokens.pop(), text)
        if tokens and tokens[-1] == "at":
            tokens.pop()
    elif tokens and _time_token(tokens[0]):
        at = _parse_time(tokens.pop(0), text)

    if at is None and not tokens:
        raise DateParseError(f"Not a date or time: {_quote(text)}. Try {_TIME_EXAMPLES}.")
    if tokens:
        day = _parse_date(
            " ".join(tokens), text, dayfirst=dayfirst, prefer=prefer, base=current.date()
        )
    else:
        day = current.date()
    return datetime.combine(day, at or time(0, 0))


# --- Formatting ----------------------------------------------------------------------------


def format_date(d: date | None) -> str:
    """'04 Mar 2026'; None gives ''. An aware datetime is shown as its local date."""
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = _local_naive(d).date()
    return f"{d.day:02d} {_MONTH_ABBR[d.month - 1]} {d.year}"


def format_datetime(dt: datetime | None) -> str:
    """'04 Mar 2026 14:30' in local time (aware values are converted); None gives ''."""
    if dt is None:
        return ""
    local = _local_naive(dt)
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def format_day(d: date) -> str:
    """'Fri 03 Apr 2026': a date with its weekday, how a form shows it read what was typed;
    a datetime also gets its time ('Fri 03 Apr 2026 14:30')."""
    if isinstance(d, datetime):
        local = _local_naive(d)
        return f"{_WEEKDAY_ABBR[local.weekday()]} {format_datetime(local)}"
    return f"{_WEEKDAY_ABBR[d.weekday()]} {format_date(d)}"


_LIST_SEPARATOR_RE = re.compile(r"[;,]|\s+and\s+")


def split_dates(text: str) -> list[str]:
    """Several dates typed in one field ("1/3/2027, 1/6/2027 and 1/9/2027"), one string each."""
    return [part.strip() for part in _LIST_SEPARATOR_RE.split(text) if part.strip()]


def _months_between(earlier: date, later: date) -> int:
    delta = relativedelta(later, earlier)
    return int(delta.years) * 12 + int(delta.months)


def relative_age(then: date | datetime | None, *, now: datetime | None = None) -> str:
    """How long ago (or until) ``then`` is, by local calendar date: 'today', '3d ago', 'in 2w'.

    Units step up at 14 days (to weeks), 8 weeks (to months) and 12 months (to years);
    each count is rounded down.
    """
    if then is None:
        return "never"
    current = (now_local() if now is None else _local_naive(now)).date()
    then_day = _local_naive(then).date() if isinstance(then, datetime) else then
    days = (then_day - current).days
    if days == 0:
        return "today"
    earlier, later = sorted((then_day, current))
    n = abs(days)
    if n < 14:
        span = f"{n}d"
    elif n < 56:
        span = f"{n // 7}w"
    elif (months := _months_between(earlier, later)) < 12:
        span = f"{months}mo"
    else:
        span = f"{months // 12}y"
    return f"{span} ago" if days < 0 else f"in {span}"


# --- Calendar arithmetic -------------------------------------------------------------------


def age_in_years(dob: date, on: date | None = None) -> int:
    """Whole years from ``dob`` to ``on`` (default today).

    Someone born on 29 February has their birthday on 1 March in common years (the usual
    reading in UK law). A date of birth after ``on`` (an expected date for an unborn child)
    gives 0.
    """
    on = _clock_today() if on is None else on
    if dob > on:
        return 0
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def add_interval(
    d: date, *, days: int = 0, weeks: int = 0, months: int = 0, years: int = 0
) -> date:
    """``d`` moved by calendar units; month ends clamp (31 Jan + 1 month = 28/29 Feb)."""
    result: date = d + relativedelta(years=years, months=months, weeks=weeks, days=days)
    return result


def is_far_from(d: date, *, today: date | None = None, years: int = 1) -> bool:
    """Whether ``d`` is more than ``years`` before or after today (worth a second look)."""
    base = _clock_today() if today is None else today
    return d < add_interval(base, years=-years) or d > add_interval(base, years=years)


# --- Review intervals ----------------------------------------------------------------------

INTERVAL_EXAMPLES = '"6 weeks", "3 months", "every 28 days", "monthly" or "quarterly"'
_INTERVAL_WORDS = {
    "weekly": (1, "weeks"),
    "fortnightly": (2, "weeks"),
    "monthly": (1, "months"),
    "quarterly": (3, "months"),
    "six-monthly": (6, "months"),
    "yearly": (12, "months"),
    "annually": (12, "months"),
}
_INTERVAL_RE = re.compile(
    r"(?:every\s+)?(?P<n>\d{1,3})\s*(?P<unit>days|day|d|weeks|week|wks|wk|w|months|month|mos|mo|m"
    r"|years|year|yrs|yr|y)",
    re.ASCII,
)
_MAX_INTERVAL_DAYS = 2 * 366


def parse_interval(text: str) -> tuple[int, str]:
    """A review interval as typed ("6 weeks", "every 3 months", "6w", "quarterly") as
    (count, unit) with unit "days", "weeks" or "months" (years become months).

    Raises DateParseError for anything else, for nothing at all, and for intervals of under a
    day or over two years (a plan is reviewed at least that often).
    """
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise DateParseError(f"Give a review interval, e.g. {INTERVAL_EXAMPLES}.")
    if cleaned.removeprefix("every ") in _INTERVAL_WORDS:
        return _INTERVAL_WORDS[cleaned.removeprefix("every ")]
    match = _INTERVAL_RE.fullmatch(cleaned)
    if match is None:
        raise DateParseError(f"Not a review interval: {_quote(text)}. Try {INTERVAL_EXAMPLES}.")
    n, unit = int(match["n"]), match["unit"][0]
    count, name = {
        "d": (n, "days"),
        "w": (n, "weeks"),
        "m": (n, "months"),
        "y": (n * 12, "months"),
    }[unit]
    days = {"days": 1, "weeks": 7, "months": 31}[name] * count
    if count < 1:
        raise DateParseError("A review interval must be at least a day.")
    if days > _MAX_INTERVAL_DAYS:
        raise DateParseError("A review interval can be at most two years.")
    return count, name


def format_interval(count: int, unit: str) -> str:
    """(6, "weeks") -> "6 weeks"; (1, "months") -> "1 month"."""
    return f"{count} {unit if count != 1 else unit.removesuffix('s')}"


def add_units(d: date, count: int, unit: str) -> date:
    """``d`` plus ``count`` days, weeks or months (month ends clamp)."""
    return add_interval(d, **{unit: count})
