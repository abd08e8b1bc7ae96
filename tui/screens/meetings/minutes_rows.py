"""The rows of the minutes page: someone invited, an agenda item, an action agreed. Each row
reads back as a dict of its fields (see ``minutes_state``) and shows its problems beneath it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from tui.screens.meetings.minutes_state import (
    ACTION_FIELDS,
    AGENDA_FIELDS,
    ATTENDANCE,
    NEW_PRO,
    OTHER,
    PERSON_FIELDS,
    blank,
)
from tui.text import choices, show_error
from tui.widgets.date_field import FUTURE, DateField
from tui.widgets.safe import SafeInput
from tui.widgets.safe_text_area import SafeTextArea

if TYPE_CHECKING:
    from store.conferences.records import MeetingPerson


def _select(
    options: list[tuple[str, str]], value: str, prompt: str, classes: str, *, blank: bool = True
) -> Select[str]:
    legal = {v for _label, v in options}
    return Select(
        choices(options),
        value=value if value in legal else Select.NULL,
        allow_blank=blank,
        prompt=prompt,
        compact=True,
        classes=classes,
    )


def field_value(widget: Widget) -> str:
    if isinstance(widget, Select):
        return "" if widget.is_blank() else str(widget.value)
    if isinstance(widget, TextArea):
        return widget.text
    return str(widget.value)  # type: ignore[attr-defined]


class RowBlock(Vertical):
    """One row of a list on the page, with its problems shown beneath it."""

    FIELDS: ClassVar[tuple[str, ...]] = ()
    BLANK_FIELDS: ClassVar[tuple[str, ...]] = ()  # the fields that make a row not blank

    def __init__(self, kind: str, uid: int, values: dict[str, Any]) -> None:
        super().__init__(id=f"{kind}-{uid}", classes=f"block {kind}")
        self.uid = uid
        self.initial = values

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {"uid": self.uid}
        if not self.is_mounted:
            # Still being put on the page, its boxes not there yet: it holds what it was given.
            found.update((name, str(self.initial.get(name, ""))) for name in self.FIELDS)
            return found
        for name in self.FIELDS:
            found[name] = field_value(self.query_one(f".f-{name}"))
        return found

    def is_blank(self) -> bool:
        return blank(self.values(), self.BLANK_FIELDS or self.FIELDS)

    def show_error(self, message: str) -> None:
        show_error(self.query_one(".field-error", Static), message)

    def first(self) -> Widget:
        return self.query_one(f".f-{self.FIELDS[0]}")


class PersonRow(RowBlock):
    """Someone invited: who (from the case, new or someone else), their role and agency, and
    whether they came or sent apologies."""

    FIELDS = PERSON_FIELDS
    BLANK_FIELDS = ("who", "name", "role", "agency")

    def __init__(
        self,
        uid: int,
        options: list[tuple[str, str]],
        values: dict[str, Any],
        person: Callable[[str], MeetingPerson | None],
    ) -> None:
        super().__init__("person", uid, values)
        self.options = options
        self.person = person  # the case's own person chosen as who, if any

    def compose(self) -> ComposeResult:
        v = self.initial
        with Horizontal(classes="row"):
            yield _select(self.options, str(v.get("who", "")), "Who…", "f-who")
            yield SafeInput(
                str(v.get("name", "")), placeholder="their name", compact=True, classes="f-name"
            )
        # Role and agency on a line of their own, under the person: wide enough to read.
        with Horizontal(classes="row detail"):
            yield SafeInput(
                str(v.get("role", "")), placeholder="role", compact=True, classes="f-role"
            )
            yield SafeInput(
                str(v.get("agency", "")), placeholder="agency", compact=True, classes="f-agency"
            )
            yield _select(
                list(ATTENDANCE), str(v.get("present", "yes")), "", "f-present", blank=False
            )
        yield Static("", classes="field-error")

    def on_mount(self) -> None:
        self.query_one(".field-error").display = False
        self.show_who()

    def show_who(self) -> None:
        """The name box only for someone not on the case's lists; the case's own role and
        agency as placeholders (used when left blank)."""
        who = field_value(self.query_one(".f-who"))
        self.query_one(".f-name").display = who in (NEW_PRO, OTHER)
        person = self.person(who)
        role = self.query_one(".f-role", Input)
        agency = self.query_one(".f-agency", Input)
        role.placeholder = (person.role if person else "") or "role"
        agency.placeholder = (person.agency if person else "") or "agency"

    def owner_label(self) -> str:
        """How a person added on the spot is offered as an action's owner ("" if unnamed)."""
        v = self.values()
        if v["who"] not in (NEW_PRO, OTHER) or not v["name"].strip():
            return ""
        name, extra = str(v["name"]).strip(), str(v["agency"]).strip() or str(v["role"]).strip()
        return f"{name} ({extra})" if extra else name


class AgendaRow(RowBlock):
    """An agenda item and its discussion (Markdown)."""

    FIELDS = AGENDA_FIELDS

    def __init__(self, uid: int, values: dict[str, Any]) -> None:
        super().__init__("agenda", uid, values)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label("Item", classes="label")
            yield SafeInput(
                str(self.initial.get("title", "")),
                placeholder="e.g. Housing and the rent arrears",
                compact=True,
                classes="f-title",
            )
        yield SafeTextArea(
            str(self.initial.get("discussion", "")),
            soft_wrap=True,
            tab_behavior="focus",
            classes="f-discussion",
            placeholder="the discussion (Markdown)",
        )
        yield Static("", classes="field-error")

    def on_mount(self) -> None:
        self.query_one(".field-error").display = False


class ActionRow(RowBlock):
    """An action agreed: what, whose, by when."""

    FIELDS = ACTION_FIELDS

    def __init__(self, uid: int, options: list[tuple[str, str]], values: dict[str, Any]) -> None:
        super().__init__("action", uid, values)
        self.options = options

    def compose(self) -> ComposeResult:
        v = self.initial
        with Horizontal(classes="row"):
            yield SafeInput(
                str(v.get("what", "")),
                placeholder="what will be done",
                compact=True,
                classes="f-what",
            )
        # Whose and by when under the action, with room to read the date back.
        with Horizontal(classes="row detail"):
            yield _select(self.options, str(v.get("owner", "")), "Whose…", "f-owner")
            yield SafeInput(
                str(v.get("owner_name", "")),
                placeholder="name",
                compact=True,
                classes="f-owner_name",
            )
            yield DateField(
                str(v.get("due_on", "")),
                reading=FUTURE,
                placeholder="due, e.g. +2w",
                input_classes="f-due_on",
            )
        yield Static("", classes="field-error")

    def on_mount(self) -> None:
        self.query_one(".field-error").display = False
        self.show_owner()

    def show_owner(self) -> None:
        self.query_one(".f-owner_name").display = field_value(self.query_one(".f-owner")) == OTHER

    def set_owners(self, options: list[tuple[str, str]]) -> None:
        """Offer these owners, keeping the one chosen if it is still offered."""
        select = self.query_one(".f-owner", Select)
        current = field_value(select)
        if options == self.options:
            return
        self.options = options
        with select.prevent(Select.Changed):
            select.set_options(choices(options))
            if current in {v for _label, v in options}:
                select.value = current
        self.show_owner()


def row_of(widget: Widget) -> RowBlock | None:
    """The row ``widget`` is in, if any."""
    for node in widget.ancestors:
        if isinstance(node, RowBlock):
            return node
    return None
