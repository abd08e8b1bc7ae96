"""The minutes page's fields and rows: laid out in the order a meeting runs, read back as one
state (see ``minutes_state``) and filled from one, with each problem shown where it belongs."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from store.common import dates
from tui.screens.meetings.minutes_rows import (
    ActionRow,
    AgendaRow,
    PersonRow,
    RowBlock,
    field_value,
    row_of,
)
from tui.screens.meetings.minutes_state import HEAD_FIELDS, NEW_PRO, OTHER, ROW, YES_NO, Sent
from tui.text import choices, show_error
from tui.widgets.date_field import FUTURE, WHEN, DateField
from tui.widgets.markdown import SafeMarkdown
from tui.widgets.safe import SafeInput
from tui.widgets.safe_text_area import SafeTextArea

if TYPE_CHECKING:
    from textual.screen import Screen

    from store.conferences.records import ConferenceInfo, MeetingPerson
    from store.plans.records import PlanInfo


def page_fields(types: list[str]) -> ComposeResult:
    """Everything on the page, top to bottom; the rows are mounted into the lists later."""
    yield Static("The meeting", classes="heading")
    yield from _field(
        "held_at",
        "When",
        DateField(reading=WHEN, placeholder="e.g. today 2pm", id="held_at"),
    )
    yield from _field(
        "place",
        "Where",
        SafeInput(placeholder="e.g. Hillside GP, room 2", id="place", compact=True),
    )
    yield from _field(
        "conference_type",
        "Type",
        Select(choices(types), prompt="Choose…", id="conference_type", compact=True),
    )
    yield from _field(
        "chair", "Chair", SafeInput(placeholder="who chaired", id="chair", compact=True)
    )
    yield from _field(
        "minute_taker",
        "Minutes by",
        SafeInput(placeholder="who took the minutes", id="minute_taker", compact=True),
    )
    yield Static(
        "Attendees and apologies  (ctrl+o adds someone, ctrl+d removes)",
        classes="heading",
    )
    yield Static("", id="error-attendees", classes="field-error")
    yield Vertical(id="people", classes="rows")
    yield Static("The client", classes="heading")
    yield from _field(
        "client_attended",
        "Attended",
        Select(
            choices(YES_NO),
            value="no",
            allow_blank=False,
            id="client_attended",
            compact=True,
        ),
    )
    yield from _field(
        "client_views",
        "Their views",
        _area("client_views", "in their own words"),
        multiline=True,
    )
    yield Static("Agenda  (ctrl+o adds an item)", classes="heading")
    yield Vertical(id="agenda", classes="rows")
    yield Static("Information shared", classes="heading")
    yield from _field(
        "information_shared",
        "",
        _area(
            "information_shared",
            "reports, checks, what each agency told the meeting (Markdown)",
        ),
        multiline=True,
    )
    yield Static("Decisions  (one a line)", classes="heading")
    yield from _field(
        "decisions",
        "",
        _area("decisions", "e.g. Refer to debt advice"),
        multiline=True,
    )
    yield Static("Actions  (ctrl+o adds one)", classes="heading")
    yield Vertical(id="actions", classes="rows")
    yield Static("Plan review", classes="heading")
    yield Static("", id="review-note", classes="note")
    yield SafeMarkdown(id="review-body")
    yield Static("Next meeting", classes="heading")
    yield from _field(
        "next_meeting_on",
        "Date",
        DateField(reading=FUTURE, placeholder="e.g. +6w, 12/1/2027", id="next_meeting_on"),
    )


def _field(name: str, label: str, widget: Widget, *, multiline: bool = False) -> ComposeResult:
    with Horizontal(classes="field multiline" if multiline else "field"):
        if label:
            yield Label(label, classes="label")
        yield widget
    yield Static("", id=f"error-{name}", classes="field-error")


def _area(name: str, placeholder: str) -> SafeTextArea:
    return SafeTextArea(id=name, soft_wrap=True, tab_behavior="focus", placeholder=placeholder)


class MinutesPage:
    """The fields and rows on a minutes screen, read and written as one state; the screen
    decides when to save them."""

    def __init__(self, screen: Screen[Any]) -> None:
        self.editor = screen
        self.people: list[MeetingPerson] = []  # the case's people, offered as who and whose
        self._uid = 0

    # -- people ---------------------------------------------------------------------------------

    def person(self, who: str) -> MeetingPerson | None:
        return next((p for p in self.people if p.who == who), None)

    def who_options(self) -> list[tuple[str, str]]:
        return [
            *((p.label, p.who) for p in self.people),
            ("New professional (joins the case)", NEW_PRO),
            ("Someone else", OTHER),
        ]

    def owner_options(self) -> list[tuple[str, str]]:
        options = [(p.label, p.who) for p in self.people]
        for row in self.editor.query(PersonRow):
            label = row.owner_label()
            if label:
                came = row.values()["present"] != "no"
                options.append(
                    (f"{'At the meeting' if came else 'Apologies'}: {label}", f"{ROW}{row.uid}")
                )
        options.append(("Someone else (type the name)", OTHER))
        return options

    def refresh_owners(self) -> None:
        options = self.owner_options()
        for row in self.editor.query(ActionRow):
            row.set_owners(options)

    def others_present(self) -> list[str]:
        """Who came besides the worker and the client, as they are named in a plan review."""
        others = []
        for row in self.editor.query(PersonRow):
            v = row.values()
            if v["present"] == "no" or v["who"] in ("worker", "client"):
                continue
            person = self.person(v["who"])
            label = row.owner_label() or (person.shown if person else "")
            if label:
                others.append(label)
        return others

    # -- the plan review -----------------------------------------------------------------------

    def show_review(self, info: ConferenceInfo | None, plan: PlanInfo | None) -> bool:
        """Show the review held in this meeting, or how to hold one; True if one was held."""
        note = self.editor.query_one("#review-note", Static)
        body = self.editor.query_one("#review-body", SafeMarkdown)
        if info is not None and info.review is not None and info.review_plan is not None:
            from store.plans.render import review_markdown

            note.update(f"Service plan {info.review_plan.number}, reviewed in this meeting:")
            body.display = True
            body.show(review_markdown(info.review, info.review_plan, level=3))
            return True
        if plan is None:
            note.update("The case has no service plan to review.")
        elif not plan.open_goals:
            note.update(f"Service plan {plan.number} has no open goals to review.")
        else:
            due = f", due {dates.format_date(plan.next_review_on)}" if plan.next_review_on else ""
            note.update(
                f"ctrl+r reviews service plan {plan.number} here{due}; the review is kept "
                "with the plan and shown in these minutes."
            )
        return False

    def review_values(self, dayfirst: bool) -> dict[str, str]:
        """What the page says of the meeting, as a plan review's form starts with it."""
        state = self.state()
        held = state["held_at"].strip()
        try:
            held_on = dates.format_date(
                dates.parse_datetime(held or "now", dayfirst=dayfirst).date()
            )
        except dates.DateParseError:
            held_on = dates.format_date(dates.today())
        others = self.others_present()
        return {
            "held_on": held_on,
            "client_present": state["client_attended"] or "no",
            "client_views": state["client_views"],
            "participants": "; ".join(others)[:300],
        }

    # -- state ---------------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The page exactly as typed."""
        query_one, query = self.editor.query_one, self.editor.query
        found: dict[str, Any] = {n: field_value(query_one(f"#{n}")) for n in HEAD_FIELDS}
        found["people"] = [r.values() for r in query(PersonRow)]
        found["agenda"] = [r.values() for r in query(AgendaRow)]
        found["actions"] = [r.values() for r in query(ActionRow)]
        return found

    def set_state(self, state: dict[str, Any], me: str) -> None:
        """Fill the head fields from ``state`` (the rows are mounted by ``mount_rows``)."""
        for name in HEAD_FIELDS:
            widget = self.editor.query_one(f"#{name}")
            value = str(state.get(name, "") or "")
            if isinstance(widget, Select):
                if value:
                    with contextlib.suppress(InvalidSelectValueError):
                        widget.value = value  # a type no longer offered: left to choose
            elif isinstance(widget, TextArea):
                widget.load_text(value)
            else:
                widget.value = value  # type: ignore[attr-defined]
        names = sorted({p.name for p in self.people} | {me})
        for name in ("chair", "minute_taker"):
            self.editor.query_one(f"#{name}", Input).suggester = SuggestFromList(
                names, case_sensitive=False
            )
        rows = [*state.get("people", []), *state.get("agenda", []), *state.get("actions", [])]
        self._uid = max((int(r.get("uid", 0)) for r in rows), default=0)

    async def mount_rows(self, state: dict[str, Any]) -> None:
        who = self.who_options()
        await self.editor.query_one("#people").mount_all(
            PersonRow(int(r["uid"]), who, r, self.person) for r in state.get("people", [])
        )
        await self.editor.query_one("#agenda").mount_all(
            AgendaRow(int(r["uid"]), r) for r in state.get("agenda", [])
        )
        # Owners include people added on the spot, whose rows are mounted now.
        owners = self.owner_options()
        await self.editor.query_one("#actions").mount_all(
            ActionRow(int(r["uid"]), owners, r) for r in state.get("actions", [])
        )

    # -- rows ----------------------------------------------------------------------------------

    def section(self) -> str:
        """Which list ctrl+o adds to, from where the cursor is."""
        focused = self.editor.focused
        if focused is None:
            return "people"
        row = row_of(focused)
        if isinstance(row, AgendaRow):
            return "agenda"
        if isinstance(row, ActionRow):
            return "actions"
        if isinstance(row, PersonRow):
            return "people"
        after_agenda = ("information_shared",)
        after_actions = ("decisions", "next_meeting_on")
        if focused.id in after_agenda:
            return "agenda"
        if focused.id in after_actions:
            return "actions"
        return "people"

    async def add_row(self) -> None:
        """A new row in the list where the cursor is, with the cursor in it."""
        section = self.section()
        self._uid += 1
        uid = self._uid
        row: RowBlock
        if section == "agenda":
            row = AgendaRow(uid, {})
        elif section == "actions":
            row = ActionRow(uid, self.owner_options(), {})
        else:
            row = PersonRow(uid, self.who_options(), {"present": "yes"}, self.person)
        await self.editor.query_one(f"#{section}").mount(row)
        row.first().focus()
        row.scroll_visible()

    # -- problems ------------------------------------------------------------------------------

    def clear_error(self, widget: Widget) -> None:
        row = row_of(widget)
        if row is not None:
            row.show_error("")
        elif widget.id:
            self.set_error(widget.id, "")

    def set_error(self, name: str, message: str) -> None:
        found = self.editor.query(f"#error-{name}")
        if found:
            show_error(found.first(Static), message)

    def show_errors(self, errors: dict[str, str], sent: Sent) -> None:
        """Each problem next to its field, or beneath its row; the first one focused."""
        screen = self.editor
        for name in (*HEAD_FIELDS, "attendees"):
            self.set_error(name, errors.get(name, ""))
        by_row: dict[str, list[str]] = {}
        unplaced = []
        for key, message in errors.items():
            if key in HEAD_FIELDS or key == "attendees":
                continue
            parts = key.split(".")
            row_id = sent.rows.get(".".join(parts[:2])) if len(parts) >= 2 else None
            if row_id:
                by_row.setdefault(row_id, []).append(message)
            else:
                unplaced.append(message)
        for row in screen.query(RowBlock):
            row.show_error(" ".join(by_row.get(row.id or "", [])))
        if unplaced:
            screen.notify(" ".join(unplaced), severity="error", markup=False)
        first: Widget | None = None
        shown: Widget | None = None  # the problem's line, brought into view with its field
        for name in HEAD_FIELDS:
            if name in errors:
                first, shown = screen.query_one(f"#{name}"), screen.query_one(f"#error-{name}")
                break
        if first is None:
            rows = [r for r in screen.query(RowBlock) if (r.id or "") in by_row]
            if rows:
                first, shown = rows[0].first(), rows[0]
        if first is None and "attendees" in errors:
            people = list(screen.query(PersonRow))
            first = people[0].first() if people else None
            shown = screen.query_one("#error-attendees")
        if first is not None:
            first.focus()
        if shown is not None:
            screen.call_after_refresh(shown.scroll_visible)
