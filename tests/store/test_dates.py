"""Tests for store.common.dates: parsing what people type, formatting, the clock, calendar maths."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from store.common import dates
from store.common.dates import (
    EXAMPLES,
    DateParseError,
    add_interval,
    age_in_years,
    format_date,
    format_datetime,
    freeze,
    frozen,
    is_far_from,
    now_local,
    now_utc,
    parse_date,
    parse_datetime,
    relative_age,
    to_local,
    to_utc,
)

# A Monday, so weekday names resolve differently under prefer="past" and "future".
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 5, 33)


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    # A test that fails inside freeze() must not leave the clock frozen for the next one.
    yield
    freeze(None)


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run with the system zone set to Europe/London (BST in summer), then restore it."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset() to change the local zone")
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    if time.tzname[0] not in {"GMT", "UTC"} or time.daylight == 0:
        pytest.skip("Europe/London zone data not available")
    yield
    monkeypatch.undo()
    time.tzset()


def test_fixed_today_is_a_monday() -> None:
    assert TODAY.weekday() == 0


# --- parse_date: accepted forms ------------------------------------------------------------


@pytest.mark.parametrize("dayfirst", [True, False])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("t", TODAY),
        ("now", TODAY),
        ("yesterday", date(2026, 11, 22)),
        ("y", date(2026, 11, 22)),
        ("tomorrow", date(2026, 11, 24)),
        ("tom", date(2026, 11, 24)),
        ("  ToDay ", TODAY),
        ("YESTERDAY", date(2026, 11, 22)),
    ],
)
def test_keywords(text: str, expected: date, dayfirst: bool) -> None:
    assert parse_date(text, today=TODAY, dayfirst=dayfirst) == expected


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        # Same weekday as today: today either way.
        ("mon", date(2026, 11, 23), date(2026, 11, 23)),
        ("monday", date(2026, 11, 23), date(2026, 11, 23)),
        ("tue", date(2026, 11, 17), date(2026, 11, 24)),
        ("tues", date(2026, 11, 17), date(2026, 11, 24)),
        ("tuesday", date(2026, 11, 17), date(2026, 11, 24)),
        ("wed", date(2026, 11, 18), date(2026, 11, 25)),
        ("weds", date(2026, 11, 18), date(2026, 11, 25)),
        ("thu", date(2026, 11, 19), date(2026, 11, 26)),
        ("thur", date(2026, 11, 19), date(2026, 11, 26)),
        ("thurs", date(2026, 11, 19), date(2026, 11, 26)),
        ("Thursday", date(2026, 11, 19), date(2026, 11, 26)),
        ("fri", date(2026, 11, 20), date(2026, 11, 27)),
        ("sat", date(2026, 11, 21), date(2026, 11, 28)),
        ("sun", date(2026, 11, 22), date(2026, 11, 29)),
        ("sunday", date(2026, 11, 22), date(2026, 11, 29)),
        # "last"/"next" are strict and ignore prefer.
        ("last mon", date(2026, 11, 16), date(2026, 11, 16)),
        ("next mon", date(2026, 11, 30), date(2026, 11, 30)),
        ("NEXT  Monday", date(2026, 11, 30), date(2026, 11, 30)),
        ("last sun", date(2026, 11, 22), date(2026, 11, 22)),
        ("next tue", date(2026, 11, 24), date(2026, 11, 24)),
        ("last tue", date(2026, 11, 17), date(2026, 11, 17)),
        ("next sun", date(2026, 11, 29), date(2026, 11, 29)),
    ],
)
def test_weekdays(text: str, past: date, future: date) -> None:
    assert parse_date(text, today=TODAY, prefer="past") == past
    assert parse_date(text, today=TODAY, prefer="future") == future


def test_weekday_past_is_the_default() -> None:
    assert parse_date("fri", today=TODAY) == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-2d", date(2026, 11, 21)),
        ("+2d", date(2026, 11, 25)),
        ("+10", date(2026, 12, 3)),
        ("-10", date(2026, 11, 13)),
        ("+2w", date(2026, 12, 7)),
        ("-1wk", date(2026, 11, 16)),
        ("-3m", date(2026, 8, 23)),
        ("+3mo", date(2027, 2, 23)),
        ("+1y", date(2027, 11, 23)),
        ("-2yr", date(2024, 11, 23)),
        ("- 3 days", date(2026, 11, 20)),
        ("+1 month", date(2026, 12, 23)),
        ("2d ago", date(2026, 11, 21)),
        ("1 day ago", date(2026, 11, 22)),
        ("3 weeks ago", date(2026, 11, 2)),
        ("2 months ago", date(2026, 9, 23)),
        ("1 year ago", date(2025, 11, 23)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("in 3d", date(2026, 11, 26)),
        ("in 1 month", date(2026, 12, 23)),
        ("in 2 years", date(2028, 11, 23)),
        ("+0", TODAY),
    ],
)
def test_relative_offsets(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected
    # Offsets are exact, so prefer never moves them.
    assert parse_date(text, today=TODAY, prefer="future") == expected


@pytest.mark.parametrize(
    ("base", "text", "expected"),
    [
        (date(2026, 1, 31), "+1m", date(2026, 2, 28)),
        (date(2028, 1, 31), "+1m", date(2028, 2, 29)),
        (date(2026, 3, 31), "-1m", date(2026, 2, 28)),
        (date(2028, 2, 29), "+1y", date(2029, 2, 28)),
        (date(2026, 12, 31), "+1d", date(2027, 1, 1)),
    ],
)
def test_relative_offsets_clamp_month_ends(base: date, text: str, expected: date) -> None:
    assert parse_date(text, today=base) == expected


@pytest.mark.parametrize(
    ("text", "uk", "us"),
    [
        ("3/4/2026", date(2026, 4, 3), date(2026, 3, 4)),
        ("3-4-2026", date(2026, 4, 3), date(2026, 3, 4)),
        ("3.4.2026", date(2026, 4, 3), date(2026, 3, 4)),
        ("03/04/26", date(2026, 4, 3), date(2026, 3, 4)),
        ("03/04/2026", date(2026, 4, 3), date(2026, 3, 4)),
        ("12/1/2025", date(2025, 1, 12), date(2025, 12, 1)),
        ("3/4", date(2026, 4, 3), date(2026, 3, 4)),
        # Current year even when that puts it in the future: predictable beats clever.
        ("3/12", date(2026, 12, 3), date(2026, 3, 12)),
        ("2026-04-03", date(2026, 4, 3), date(2026, 4, 3)),
        ("2026-4-3", date(2026, 4, 3), date(2026, 4, 3)),
        ("2026/04/03", date(2026, 4, 3), date(2026, 4, 3)),
        ("2026-12-01", date(2026, 12, 1), date(2026, 12, 1)),
        ("5", date(2026, 11, 5), date(2026, 11, 5)),
        ("30", date(2026, 11, 30), date(2026, 11, 30)),
    ],
)
def test_numeric_dates(text: str, uk: date, us: date) -> None:
    assert parse_date(text, today=TODAY, dayfirst=True) == uk
    assert parse_date(text, today=TODAY, dayfirst=False) == us


def test_dayfirst_is_the_default() -> None:
    assert parse_date("3/4/2026", today=TODAY) == date(2026, 4, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two-digit years land within 50 years of today's year (dateutil's window).
        ("1/1/00", date(2000, 1, 1)),
        ("1/1/26", date(2026, 1, 1)),
        ("1/1/69", date(2069, 1, 1)),
        ("1/1/75", date(2075, 1, 1)),
        ("1/1/76", date(1976, 1, 1)),
        ("1/1/99", date(1999, 1, 1)),
        ("1 jan 76", date(1976, 1, 1)),
    ],
)
def test_two_digit_years(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_two_digit_year_window_follows_the_given_today() -> None:
    assert parse_date("1/1/80", today=date(2040, 6, 1)) == date(2080, 1, 1)
    assert parse_date("1/1/80", today=date(2026, 6, 1)) == date(1980, 1, 1)


@pytest.mark.parametrize("dayfirst", [True, False])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 Apr 2026", date(2026, 4, 3)),
        ("3 april", date(2026, 4, 3)),
        ("April 3 2026", date(2026, 4, 3)),
        ("April 3, 2026", date(2026, 4, 3)),
        ("Apr 3", date(2026, 4, 3)),
        ("3rd April 2026", date(2026, 4, 3)),
        ("april 21st", date(2026, 4, 21)),
        ("3-apr-2026", date(2026, 4, 3)),
        ("03 Apr 26", date(2026, 4, 3)),
        ("apr 26", date(2026, 4, 26)),
        ("9 sept 2025", date(2025, 9, 9)),
        ("Sept. 9", date(2026, 9, 9)),
        ("1 may", date(2026, 5, 1)),
        ("31 december 2199", date(2199, 12, 31)),
    ],
)
def test_month_names(text: str, expected: date, dayfirst: bool) -> None:
    assert parse_date(text, today=TODAY, dayfirst=dayfirst) == expected


@pytest.mark.parametrize(
    "d", [date(2026, m, 1 + m) for m in range(1, 13)] + [date(1900, 1, 1), date(2200, 12, 31)]
)
@pytest.mark.parametrize("dayfirst", [True, False])
def test_formatted_dates_parse_back(d: date, dayfirst: bool) -> None:
    assert parse_date(format_date(d), today=TODAY, dayfirst=dayfirst) == d


def test_parse_date_defaults_to_the_clock() -> None:
    with frozen(datetime(2026, 11, 23, 9, 0)):
        assert parse_date("yesterday") == date(2026, 11, 22)
        assert parse_date("5") == date(2026, 11, 5)
        assert parse_date("tue") == date(2026, 11, 17)


# --- parse_date: refusals ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2026", "There is no 31 February 2026."),
        ("29/02/2026", "There is no 29 February 2026."),
        ("2026-02-30", "There is no 30 February 2026."),
        ("31/4/2026", "There is no 31 April 2026."),
        ("31 apr 2026", "There is no 31 April 2026."),
        ("13/13/2026", "There is no month 13."),
        ("0/1/2026", "There is no 0 January 2026."),
        # No silent day/month swap: in UK order 4/13 is month 13.
        ("4/13/2026", "There is no month 13."),
        ("31", "There is no 31 November 2026."),
        ("1/1/1899", "Years must be between 1900 and 2200."),
        ("1/1/2201", "Years must be between 1900 and 2200."),
        ("1/1/0026", "Years must be between 1900 and 2200."),
        ("-200y", "Years must be between 1900 and 2200."),
        ("+999999y", "Years must be between 1900 and 2200."),
        ("+999999", "Years must be between 1900 and 2200."),
        ("2026", "A year on its own is not a date."),
        ("april", "Give a day as well as the month."),
        ("Sept.", "Give a day as well as the month."),
        ("someday", ""),
        ("", ""),
        ("   ", ""),
        ("3/4/2026 junk", ""),
        ("mon 5", ""),
        ("5 mon", ""),
        ("apr 2026", ""),
        ("3/4-2026", ""),
        ("3/4/202", ""),
        ("20260403", ""),
        ("3 4 2026", ""),
        ("2 weeks", ""),
        ("in 2", ""),
        ("next", ""),
        ("this mon", ""),
        ("3/4/2026 14:30", ""),
        ("today!", ""),
        ("3 apr 2026 junk", ""),
        ("3 foo 2026", ""),
        ("-2x", ""),
        # Non-ASCII digits look like numbers to int(); they are not dates here.
        ("\u0663/\u0664/2026", ""),
    ],
)
def test_refusals(text: str, reason: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text, today=TODAY)
    message = str(caught.value)
    assert f'"{text.strip()}"' in message
    assert reason in message
    assert EXAMPLES in message


def test_refusal_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="Not a date"):
        parse_date("someday", today=TODAY)


def test_refusal_messages_read_naturally() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date("someday", today=TODAY)
    assert str(caught.value) == (
        'Not a date: "someday". Try "today", "3/4/2026", "2026-04-03", "mon" or "-2d".'
    )


def test_refusal_quotes_long_input_shortened() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date("x" * 200, today=TODAY)
    message = str(caught.value)
    assert '"' + "x" * 39 + '…"' in message
    assert len(message) < 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/1/1900", date(1900, 1, 1)),
        ("31/12/2200", date(2200, 12, 31)),
    ],
)
def test_year_range_is_inclusive(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


# --- parse_datetime ------------------------------------------------------------------------


@pytest.mark.parametrize("dayfirst", [True, False])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2pm", datetime(2026, 11, 23, 14, 0)),
        ("2 pm", datetime(2026, 11, 23, 14, 0)),
        ("14:30", datetime(2026, 11, 23, 14, 30)),
        ("2:30pm", datetime(2026, 11, 23, 14, 30)),
        ("2:30 PM", datetime(2026, 11, 23, 14, 30)),
        ("9am", datetime(2026, 11, 23, 9, 0)),
        ("9:05am", datetime(2026, 11, 23, 9, 5)),
        ("12am", datetime(2026, 11, 23, 0, 0)),
        ("12pm", datetime(2026, 11, 23, 12, 0)),
        ("12:30am", datetime(2026, 11, 23, 0, 30)),
        ("00:00", datetime(2026, 11, 23, 0, 0)),
        ("23:59", datetime(2026, 11, 23, 23, 59)),
        ("noon", datetime(2026, 11, 23, 12, 0)),
        ("midnight", datetime(2026, 11, 23, 0, 0)),
        ("yesterday 14:30", datetime(2026, 11, 22, 14, 30)),
        ("y 2pm", datetime(2026, 11, 22, 14, 0)),
        ("2pm yesterday", datetime(2026, 11, 22, 14, 0)),
        ("mon 9am", datetime(2026, 11, 23, 9, 0)),
        ("fri 9am", datetime(2026, 11, 20, 9, 0)),
        ("fri at 9am", datetime(2026, 11, 20, 9, 0)),
        ("at 9am", datetime(2026, 11, 23, 9, 0)),
        ("-2d 10:00", datetime(2026, 11, 21, 10, 0)),
        ("2026-04-03 09:15", datetime(2026, 4, 3, 9, 15)),
        ("2026-04-03T09:15", datetime(2026, 4, 3, 9, 15)),
        ("2026-04-03 09:15:30", datetime(2026, 4, 3, 9, 15, 30)),
        ("3 apr 2026 2pm", datetime(2026, 4, 3, 14, 0)),
        ("today", datetime(2026, 11, 23, 0, 0)),
        ("2026-04-03", datetime(2026, 4, 3, 0, 0)),
    ],
)
def test_parse_datetime(text: str, expected: datetime, dayfirst: bool) -> None:
    assert parse_datetime(text, now=NOW, dayfirst=dayfirst) == expected


@pytest.mark.parametrize(
    ("text", "uk", "us"),
    [
        ("3/4/2026 14:30", datetime(2026, 4, 3, 14, 30), datetime(2026, 3, 4, 14, 30)),
        ("3/4/2026", datetime(2026, 4, 3, 0, 0), datetime(2026, 3, 4, 0, 0)),
        ("3/4 9am", datetime(2026, 4, 3, 9, 0), datetime(2026, 3, 4, 9, 0)),
    ],
)
def test_parse_datetime_dayfirst(text: str, uk: datetime, us: datetime) -> None:
    assert parse_datetime(text, now=NOW, dayfirst=True) == uk
    assert parse_datetime(text, now=NOW, dayfirst=False) == us


def test_parse_datetime_prefer_applies_to_weekdays() -> None:
    assert parse_datetime("wed 9am", now=NOW, prefer="past") == datetime(2026, 11, 18, 9, 0)
    assert parse_datetime("wed 9am", now=NOW, prefer="future") == datetime(2026, 11, 25, 9, 0)


def test_now_is_the_current_time_to_the_second() -> None:
    assert parse_datetime("now", now=NOW.replace(microsecond=123)) == NOW
    assert parse_datetime(" NOW ", now=NOW) == NOW


def test_parse_datetime_defaults_to_the_clock() -> None:
    with frozen(NOW):
        assert parse_datetime("now") == NOW
        assert parse_datetime("9am") == datetime(2026, 11, 23, 9, 0)


def test_parse_datetime_converts_an_aware_now(london: None) -> None:
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
    aware = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    assert parse_datetime("now", now=aware) == datetime(2026, 7, 2, 0, 30)
    assert parse_datetime("9am", now=aware) == datetime(2026, 7, 2, 9, 0)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("25:00", "Hours go up to 23."),
        ("24:00", "Hours go up to 23."),
        ("2:61pm", "Minutes go up to 59."),
        ("14:60", "Minutes go up to 59."),
        ("14:30:61", "Seconds go up to 59."),
        ("14:30pm", "With am or pm the hour must be 1 to 12."),
        ("0am", "With am or pm the hour must be 1 to 12."),
        ("13pm", "With am or pm the hour must be 1 to 12."),
        ("14:5", "Minutes and seconds take two digits."),
        ("yesterday 25:00", "Hours go up to 23."),
        ("mon 2:61pm", "Minutes go up to 59."),
    ],
)
def test_parse_datetime_refuses_bad_times(text: str, reason: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_datetime(text, now=NOW)
    message = str(caught.value)
    assert message.startswith(f'Not a valid time: "{text}".')
    assert reason in message
    assert '"14:30"' in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", 'Not a date or time: "".'),
        ("at", 'Not a date: "at".'),
        ("someday 14:30", 'Not a date: "someday 14:30".'),
        ("31/02/2026 14:30", "There is no 31 February 2026."),
        ("14:30 14:30", 'Not a date: "14:30 14:30".'),
        ("3/4/2026 14:30 junk", 'Not a date: "3/4/2026 14:30 junk".'),
        ("30", "There is no 30 February 2026."),  # a bare number is a day, never an hour
    ],
)
def test_parse_datetime_refuses_bad_dates(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_datetime(text, now=datetime(2026, 2, 10, 8, 0))
    message = str(caught.value)
    assert f'"{text}"' in message
    assert fragment in message
    assert "Try " in message


def test_bare_number_in_parse_datetime_is_a_day() -> None:
    assert parse_datetime("14", now=NOW) == datetime(2026, 11, 14, 0, 0)


# --- Formatting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (None, ""),
        (date(2026, 3, 4), "04 Mar 2026"),
        (date(2026, 12, 25), "25 Dec 2026"),
        (date(1999, 1, 31), "31 Jan 1999"),
        (datetime(2026, 3, 4, 23, 59), "04 Mar 2026"),
    ],
)
def test_format_date(d: date | None, expected: str) -> None:
    assert format_date(d) == expected


def test_format_date_month_abbreviations() -> None:
    names = [format_date(date(2026, m, 1))[3:6] for m in range(1, 13)]
    expected = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert names == expected


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        (None, ""),
        (datetime(2026, 3, 4, 14, 30), "04 Mar 2026 14:30"),
        (datetime(2026, 3, 4, 9, 5, 59), "04 Mar 2026 09:05"),
        (datetime(2026, 3, 4, 0, 0), "04 Mar 2026 00:00"),
    ],
)
def test_format_datetime(dt: datetime | None, expected: str) -> None:
    assert format_datetime(dt) == expected


def test_format_converts_aware_values_to_local(london: None) -> None:
    summer = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    assert format_datetime(summer) == "02 Jul 2026 00:30"
    assert format_date(summer) == "02 Jul 2026"
    winter = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    assert format_datetime(winter) == "01 Dec 2026 23:30"
    new_york = datetime(2026, 12, 1, 18, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert format_datetime(new_york) == "01 Dec 2026 23:30"


# --- relative_age --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "today"),
        (-1, "1d ago"),
        (-13, "13d ago"),
        (-14, "2w ago"),
        (-20, "2w ago"),
        (-21, "3w ago"),
        (-55, "7w ago"),
        (-56, "1mo ago"),  # 28 Sep -> 23 Nov: one whole month
        (-364, "11mo ago"),
        (-365, "1y ago"),
        (-(365 * 2 + 1), "2y ago"),
        (1, "in 1d"),
        (13, "in 13d"),
        (14, "in 2w"),
        (55, "in 7w"),
        (56, "in 1mo"),
        (364, "in 11mo"),
        (365, "in 1y"),
    ],
)
def test_relative_age_boundaries(days: int, expected: str) -> None:
    assert relative_age(TODAY + timedelta(days=days), now=NOW) == expected


def test_relative_age_never() -> None:
    assert relative_age(None, now=NOW) == "never"


def test_relative_age_counts_calendar_days_not_hours() -> None:
    late_last_night = datetime(2026, 11, 22, 23, 59)
    assert relative_age(late_last_night, now=datetime(2026, 11, 23, 0, 1)) == "1d ago"
    assert relative_age(datetime(2026, 11, 23, 0, 1), now=datetime(2026, 11, 23, 23, 59)) == (
        "today"
    )


def test_relative_age_months_follow_the_calendar() -> None:
    now = datetime(2026, 3, 31, 12, 0)
    assert relative_age(date(2026, 1, 31), now=now) == "2mo ago"
    assert relative_age(date(2025, 4, 1), now=now) == "11mo ago"
    assert relative_age(date(2025, 3, 31), now=now) == "1y ago"


def test_relative_age_converts_aware_datetimes(london: None) -> None:
    # 23:30 UTC on 1 July is already 2 July in London, the same day as "now".
    then = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    assert relative_age(then, now=datetime(2026, 7, 2, 12, 0)) == "today"


def test_relative_age_defaults_to_the_clock() -> None:
    with frozen(NOW):
        assert relative_age(date(2026, 11, 20)) == "3d ago"


# --- The clock -----------------------------------------------------------------------------


def test_unfrozen_clock_is_the_real_time() -> None:
    freeze(None)  # the suite freezes the clock for every test (conftest.py)
    before = datetime.now(UTC)
    current = now_utc()
    after = datetime.now(UTC)
    assert current.utcoffset() == timedelta(0)
    assert before <= current <= after
    assert now_local().tzinfo is None
    assert abs(to_utc(now_local()) - current) < timedelta(seconds=5)


def test_frozen_nests_and_restores() -> None:
    freeze(None)  # start from the real clock (conftest.py freezes it for every test)
    first = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    second = datetime(2030, 5, 6, 7, 8, tzinfo=UTC)
    with frozen(first):
        assert now_utc() == first
        with frozen(second):
            assert now_utc() == second
            assert now_local() == to_local(second)
        assert now_utc() == first
    assert abs(now_utc() - datetime.now(UTC)) < timedelta(seconds=5)


def test_frozen_restores_after_an_exception() -> None:
    outer = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    with frozen(outer):
        with pytest.raises(RuntimeError), frozen(datetime(2030, 1, 1, tzinfo=UTC)):
            raise RuntimeError("boom")
        assert now_utc() == outer


def test_frozen_clock_does_not_tick() -> None:
    with frozen(NOW):
        first = now_utc()
        time.sleep(0.01)
        assert now_utc() == first


def test_frozen_naive_is_local_time(london: None) -> None:
    with frozen(datetime(2026, 7, 1, 0, 30)):
        assert now_utc() == datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
        assert now_local() == datetime(2026, 7, 1, 0, 30)
        assert dates.today() == date(2026, 7, 1)


def test_frozen_aware_is_converted(london: None) -> None:
    with frozen(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)):
        assert now_local() == datetime(2026, 7, 1, 0, 30)
        assert dates.today() == date(2026, 7, 1)
    with frozen(datetime(2026, 7, 1, 8, 0, tzinfo=timezone(timedelta(hours=10)))):
        assert now_utc() == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)
        assert now_utc().utcoffset() == timedelta(0)


def test_freeze_and_unfreeze() -> None:
    freeze(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    assert now_utc() == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    freeze(datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    assert now_utc() == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    freeze(None)
    assert abs(now_utc() - datetime.now(UTC)) < timedelta(seconds=5)


def test_frozen_inside_freeze_restores_the_frozen_value() -> None:
    base = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    freeze(base)
    with frozen(datetime(2027, 1, 1, tzinfo=UTC)):
        pass
    assert now_utc() == base


# --- Time zones ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), datetime(2026, 7, 1, 13, 0)),
        (datetime(2026, 12, 1, 12, 0, tzinfo=UTC), datetime(2026, 12, 1, 12, 0)),
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), datetime(2026, 3, 29, 0, 59)),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), datetime(2026, 3, 29, 2, 0)),
    ],
)
def test_to_local_and_back(london: None, utc: datetime, local: datetime) -> None:
    assert to_local(utc) == local
    assert to_local(utc).tzinfo is None
    assert to_utc(local) == utc
    assert to_utc(local).utcoffset() == timedelta(0)


def test_to_local_reads_naive_as_utc(london: None) -> None:
    # Timestamps are stored as naive UTC.
    assert to_local(datetime(2026, 7, 1, 12, 0)) == datetime(2026, 7, 1, 13, 0)


def test_round_trip_in_the_test_machines_own_zone() -> None:
    instant = datetime(2026, 1, 15, 12, 34, 56, tzinfo=UTC)
    assert to_utc(to_local(instant)) == instant


def test_to_utc_refuses_aware_input() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_utc(datetime(2026, 1, 1, tzinfo=UTC))


# --- Calendar arithmetic -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dob", "on", "expected"),
    [
        (date(2000, 6, 15), date(2026, 6, 14), 25),
        (date(2000, 6, 15), date(2026, 6, 15), 26),
        (date(2000, 6, 15), date(2026, 6, 16), 26),
        (date(2000, 6, 15), date(2000, 6, 15), 0),
        (date(2000, 12, 31), date(2001, 12, 30), 0),
        (date(2000, 12, 31), date(2001, 12, 31), 1),
        (date(2008, 1, 1), date(2026, 1, 1), 18),
        (date(2008, 1, 2), date(2026, 1, 1), 17),
        # 29 February birthdays fall on 1 March in common years.
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 28), 19),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
        # An expected date of birth (an unborn child) is age 0, not negative.
        (date(2027, 3, 1), date(2026, 11, 23), 0),
    ],
)
def test_age_in_years(dob: date, on: date, expected: int) -> None:
    assert age_in_years(dob, on) == expected


def test_age_in_years_defaults_to_today() -> None:
    with frozen(datetime(2026, 6, 15, 9, 0)):
        assert age_in_years(date(2000, 6, 15)) == 26
    with frozen(datetime(2026, 6, 14, 23, 0)):
        assert age_in_years(date(2000, 6, 15)) == 25


@pytest.mark.parametrize(
    ("start", "kwargs", "expected"),
    [
        (date(2026, 1, 31), {"months": 1}, date(2026, 2, 28)),
        (date(2028, 1, 31), {"months": 1}, date(2028, 2, 29)),
        (date(2026, 3, 31), {"months": -1}, date(2026, 2, 28)),
        (date(2026, 1, 31), {"months": 2}, date(2026, 3, 31)),
        (date(2028, 2, 29), {"years": 1}, date(2029, 2, 28)),
        (date(2028, 2, 29), {"years": 4}, date(2032, 2, 29)),
        (date(2026, 12, 31), {"days": 1}, date(2027, 1, 1)),
        (date(2026, 11, 23), {"weeks": 2}, date(2026, 12, 7)),
        (date(2026, 11, 23), {"weeks": -1, "days": -1}, date(2026, 11, 15)),
        # Months apply before days, as relativedelta does.
        (date(2026, 1, 31), {"months": 1, "days": 1}, date(2026, 3, 1)),
        (date(2026, 11, 23), {}, date(2026, 11, 23)),
    ],
)
def test_add_interval(start: date, kwargs: dict[str, int], expected: date) -> None:
    result = add_interval(start, **kwargs)
    assert result == expected
    assert type(result) is date


@pytest.mark.parametrize(
    ("d", "years", "expected"),
    [
        (TODAY, 1, False),
        (date(2025, 11, 23), 1, False),
        (date(2025, 11, 22), 1, True),
        (date(2027, 11, 23), 1, False),
        (date(2027, 11, 24), 1, True),
        (date(2024, 11, 23), 2, False),
        (date(2024, 11, 22), 2, True),
        (date(1926, 11, 23), 1, True),
    ],
)
def test_is_far_from(d: date, years: int, expected: bool) -> None:
    assert is_far_from(d, today=TODAY, years=years) is expected


def test_is_far_from_defaults() -> None:
    with frozen(datetime(2026, 11, 23, 12, 0)):
        assert is_far_from(date(2025, 11, 22)) is True
        assert is_far_from(date(2025, 11, 23)) is False


def test_a_date_read_back_in_a_form_has_its_weekday_in_english() -> None:
    assert dates.format_day(date(2026, 4, 3)) == "Fri 03 Apr 2026"
    assert dates.format_day(datetime(2026, 11, 22, 14, 30)) == "Sun 22 Nov 2026 14:30"


def test_several_dates_in_one_field_are_split_on_commas_semicolons_and_and() -> None:
    assert dates.split_dates("1/3/2027, 1/6/2027;1/9/2027 and 1/12/2027 ,") == [
        "1/3/2027",
        "1/6/2027",
        "1/9/2027",
        "1/12/2027",
    ]
    assert dates.split_dates("  ") == []
