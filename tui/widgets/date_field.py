"""A date box that says, as it is typed, how it reads the date.

Every form's date fields are one of these, so "fri", "+2w" or "3/4" is read back at once in
words ("Fri 03 Apr 2026"), the same way the store will read it on saving, in the configured
day/month order; and a date it can't read says so before the form is saved. The box keeps the
id it is given, so a form reads and sets it like any other Input; its hint is ``hint-<id>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Static

from store.common import dates
from tui.text import assemble
from tui.widgets.safe import SafeInput

UNREADABLE = "can't read this date"
UNREADABLE_TIME = "can't read this time"


@dataclass(frozen=True)
class DateReading:
    """How a date field reads what is typed: as the store reads that field when it is saved."""

    kind: Literal["date", "datetime", "dates"] = "date"
    # Which way a bare weekday goes: "mon" is last Monday ("past") or next Monday ("future").
    prefer: Literal["past", "future"] = "past"
    # What an empty box means to the store ("today", "now"), read back too; "" for nothing.
    blank: str = ""
    # A date of birth: the age it gives is shown with it.
    age: bool = False


PAST = DateReading()
FUTURE = DateReading(prefer="future")
TODAY_IF_BLANK = DateReading(blank="today")
NOW_IF_BLANK = DateReading(kind="datetime", blank="now")
WHEN = DateReading(kind="datetime")
BIRTH = DateReading(age=True)
FUTURE_DATES = DateReading(kind="dates", prefer="future")


def describe(text: str, reading: DateReading, *, dayfirst: bool) -> tuple[str, bool]:
    """What a date field shows beside ``text``: (its reading, or the problem; whether it is a
    problem). An empty field shows nothing unless it stands for something ("today")."""
    typed = text.strip() or reading.blank
    if not typed:
        return "", False
    try:
        if reading.kind == "datetime":
            return dates.format_day(
                dates.parse_datetime(typed, dayfirst=dayfirst, prefer=reading.prefer)
            ), False
        if reading.kind == "dates":
            days = [
                dates.parse_date(part, dayfirst=dayfirst, prefer=reading.prefer)
                for part in dates.split_dates(typed)
            ]
            if len(days) == 1:
                return dates.format_day(days[0]), False
            return ", ".join(dates.format_date(d) for d in sorted(set(days))), False
        day = dates.parse_date(typed, dayfirst=dayfirst, prefer=reading.prefer)
    except dates.DateParseError as exc:
        return (UNREADABLE_TIME if str(exc).startswith("Not a valid time") else UNREADABLE), True
    shown = dates.format_day(day)
    if reading.age and day <= dates.today():
        shown += f" (age {dates.age_in_years(day)})"
    return shown, False


class DateInput(SafeInput):
    """The box of a DateField: what was typed, exactly."""


class DateField(Widget):
    """A date box and, beside it, how the date in it reads (or that it can't be read)."""

    DEFAULT_CSS = """
    DateField {
        layout: horizontal;
        width: 1fr;
        height: 1;
    }
    DateField > DateInput {
        width: 16;
        background: $surface;
    }
    DateField > DateInput:focus {
        background: $boost;
    }
    DateField > .date-hint {
        width: 1fr;
        padding-left: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    DateField > .date-hint.-unreadable {
        color: $text-error;
    }
    """

    def __init__(
        self,
        value: str = "",
        *,
        reading: DateReading = PAST,
        placeholder: str = "",
        id: str | None = None,
        input_classes: str = "",
        classes: str = "",
    ) -> None:
        """``id`` and ``input_classes`` are the box's; ``classes`` are the field's."""
        super().__init__(classes=f"-{reading.kind} {classes}".strip())
        self.reading = reading
        self._initial_text = value
        self._placeholder = placeholder
        self._input_id = id
        self._input_classes = input_classes
        self._shown: tuple[str, bool] | None = None

    def compose(self) -> ComposeResult:
        yield DateInput(
            self._initial_text,
            placeholder=self._placeholder,
            id=self._input_id,
            classes=self._input_classes,
            compact=True,
        )
        yield Static(
            "", id=f"hint-{self._input_id}" if self._input_id else None, classes="date-hint"
        )

    @property
    def input(self) -> DateInput:
        """The box itself."""
        return self.query_one(DateInput)

    @property
    def hint(self) -> str:
        """What the field shows beside the box."""
        return self._shown[0] if self._shown else ""

    @property
    def unreadable(self) -> bool:
        """Whether what is typed can't be read as a date."""
        return self._shown[1] if self._shown else False

    def on_mount(self) -> None:
        self.read()

    @on(Input.Changed)
    def _typed(self) -> None:
        # Not stopped: the form hears of the change too (its errors, its draft).
        self.read()

    def read(self) -> None:
        """Show how the box's text reads now."""
        config = getattr(self.app, "config", None)
        shown = describe(self.input.value, self.reading, dayfirst=getattr(config, "dayfirst", True))
        if shown == self._shown:
            return
        self._shown = shown
        hint = self.query_one(".date-hint", Static)
        hint.update(assemble(shown[0]))
        hint.set_class(shown[1], "-unreadable")
