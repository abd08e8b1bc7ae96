"""Writing a meeting's minutes, during the meeting or straight after it.

One scrolling page in the order a meeting runs: when, where, what kind and who chaired; who
came and who sent apologies (picked from the case's people or added on the spot); the client's
views in their words; the agenda with its discussion; information shared; decisions; the
actions agreed; a plan review held in the meeting; the next meeting date.

What is typed is saved two seconds after a pause and whenever the app goes away. While the
minutes are well-formed it is saved into the draft minutes themselves; while something is not
yet (an action with no due date, a date mistyped) the page is kept exactly as typed, as a form
draft beside the minutes, and offered again when they are next opened. ``ctrl+s`` checks and
saves, showing any problem at its field; ``ctrl+f`` finalises.
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from store.core import dates
from store.core.errors import Conflict, InvalidInput
from tui.screens.base import CaselineScreen
from tui.text import assemble, choices, show_error
from tui.widgets.conflict import ConflictNotice
from tui.widgets.date_field import FUTURE, WHEN, DateField
from tui.widgets.footer import CaselineFooter
from tui.widgets.markdown import SafeMarkdown
from tui.widgets.safe import SafeInput, SafeTextArea

if TYPE_CHECKING:
    from store.conferences.records import ConferenceInfo, MeetingPerson
    from store.plans.records import PlanInfo

AUTOSAVE_SECONDS = 2.0
NEW_PRO = "new"
OTHER = "other"
ROW = "row:"  # an action owned by a person row added on the spot: "row:<uid>"
YES_NO = (("yes", "yes"), ("no", "no"))
ATTENDANCE = (("attended", "yes"), ("apologies", "no"))
HEAD_FIELDS = (
    "held_at",
    "place",
    "conference_type",
    "chair",
    "minute_taker",
    "client_attended",
    "client_views",
    "information_shared",
    "decisions",
    "next_meeting_on",
)
PERSON_FIELDS = ("who", "name", "role", "agency", "present")
AGENDA_FIELDS = ("title", "discussion")
ACTION_FIELDS = ("what", "owner", "owner_name", "due_on")


# --- the page as data ---------------------------------------------------------------------------


@dataclass
class Sent:
    """A page's state as the store takes it, and where each list row of it came from."""

    data: dict[str, Any]
    rows: dict[str, str] = field(default_factory=dict)  # "attendees.2" -> "person-7"


def to_minutes(state: dict[str, Any]) -> Sent:
    """The page's state (head fields and its rows, each with a ``uid``) as a save of the
    minutes: people split into attendees and apologies, an action owned by a person row added
    on the spot pointed at that row by its place in its list."""
    data: dict[str, Any] = {name: state.get(name, "") for name in HEAD_FIELDS}
    sent = Sent(data)
    place: dict[str, str] = {}  # person uid -> "attendee:0"
    attendees: list[dict[str, str]] = []
    apologies: list[dict[str, str]] = []
    for person in state.get("people", []):
        absent = person.get("present") == "no"
        target, key, kind = (
            (apologies, "apologies", "apology") if absent else (attendees, "attendees", "attendee")
        )
        values = {f: str(person.get(f, "")) for f in ("who", "name", "role", "agency")}
        if values["who"] not in (NEW_PRO, OTHER):
            values["name"] = ""
        index = len(target)
        target.append(values)
        sent.rows[f"{key}.{index}"] = f"person-{person['uid']}"
        place[str(person["uid"])] = f"{kind}:{index}"
    agenda: list[dict[str, str]] = []
    for item in state.get("agenda", []):
        sent.rows[f"agenda.{len(agenda)}"] = f"agenda-{item['uid']}"
        agenda.append({f: str(item.get(f, "")) for f in AGENDA_FIELDS})
    actions: list[dict[str, str]] = []
    for action in state.get("actions", []):
        values = {f: str(action.get(f, "")) for f in ACTION_FIELDS}
        owner = values["owner"]
        if owner.startswith(ROW):
            values["owner"] = place.get(owner.removeprefix(ROW), OTHER)
        if values["owner"] != OTHER:
            values["owner_name"] = ""
        sent.rows[f"actions.{len(actions)}"] = f"action-{action['uid']}"
        actions.append(values)
    data.update(attendees=attendees, apologies=apologies, agenda=agenda, actions=actions)
    return sent


def from_minutes(info: ConferenceInfo, people: list[MeetingPerson]) -> dict[str, Any]:
    """Saved minutes as the page's state."""
    held = dates.format_datetime(dates.to_local(info.held_at)) if info.held_at else ""
    state: dict[str, Any] = {
        "held_at": held,
        "place": info.place,
        "conference_type": info.conference_type,
        "chair": info.chair,
        "minute_taker": info.minute_taker,
        "client_attended": "yes" if info.client_attended else "no",
        "client_views": info.client_views,
        "information_shared": info.information_shared,
        "decisions": "\n".join(info.decisions),
        "next_meeting_on": dates.format_date(info.next_meeting_on),
    }
    rows = []
    by_attendee: dict[int, str] = {}
    for uid, person in enumerate((*info.attendees, *info.apologies), 1):
        who = person.choice
        rows.append(
            {
                "uid": uid,
                "who": who,
                "name": person.name if who in (NEW_PRO, OTHER) else "",
                "role": person.role,
                "agency": person.agency,
                "present": "yes" if person.present else "no",
            }
        )
        by_attendee[person.id] = who if who not in (NEW_PRO, OTHER) else f"{ROW}{uid}"
    state["people"] = rows
    state["agenda"] = [
        {"uid": uid, "title": item.title, "discussion": item.discussion}
        for uid, item in enumerate(info.agenda, 1)
    ]
    shown = {p.shown: p.who for p in people}
    actions = []
    for uid, action in enumerate(info.actions, 1):
        owner = by_attendee.get(action.owner_attendee_id or 0) or shown.get(action.owner_name, "")
        actions.append(
            {
                "uid": uid,
                "what": action.what,
                "owner": owner or OTHER,
                "owner_name": "" if owner else action.owner_name,
                "due_on": dates.format_date(action.due_on),
            }
        )
    state["actions"] = actions
    return state


def _blank(row: dict[str, Any], fields: tuple[str, ...]) -> bool:
    return not any(str(row.get(f, "")).strip() for f in fields)


# --- rows ---------------------------------------------------------------------------------------


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


def _area(name: str, placeholder: str) -> SafeTextArea:
    return SafeTextArea(id=name, soft_wrap=True, tab_behavior="focus", placeholder=placeholder)


def _value(widget: Widget) -> str:
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
            found[name] = _value(self.query_one(f".f-{name}"))
        return found

    def is_blank(self) -> bool:
        return _blank(self.values(), self.BLANK_FIELDS or self.FIELDS)

    def show_error(self, message: str) -> None:
        show_error(self.query_one(".field-error", Static), message)

    def first(self) -> Widget:
        return self.query_one(f".f-{self.FIELDS[0]}")


class PersonRow(RowBlock):
    """Someone invited: who (from the case, new or someone else), their role and agency, and
    whether they came or sent apologies."""

    FIELDS = PERSON_FIELDS
    BLANK_FIELDS = ("who", "name", "role", "agency")

    def __init__(self, uid: int, options: list[tuple[str, str]], values: dict[str, Any]) -> None:
        super().__init__("person", uid, values)
        self.options = options

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
        screen = self.screen
        who = _value(self.query_one(".f-who"))
        self.query_one(".f-name").display = who in (NEW_PRO, OTHER)
        person = screen.person(who) if isinstance(screen, MinutesEditorScreen) else None
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
        self.query_one(".f-owner_name").display = _value(self.query_one(".f-owner")) == OTHER

    def set_owners(self, options: list[tuple[str, str]]) -> None:
        """Offer these owners, keeping the one chosen if it is still offered."""
        select = self.query_one(".f-owner", Select)
        current = _value(select)
        if options == self.options:
            return
        self.options = options
        with select.prevent(Select.Changed):
            select.set_options(choices(options))
            if current in {v for _label, v in options}:
                select.value = current
        self.show_owner()


# --- the screen ---------------------------------------------------------------------------------


class MinutesEditorScreen(CaselineScreen[int | None]):
    """The minutes of one meeting being written; dismisses with the conference id (or None
    if nothing was written)."""

    CSS_PATH = "minutes_editor.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Check and save",
            id="minutes_editor.save",
            priority=True,
        ),
        Binding(
            "ctrl+f",
            "finalise",
            "Finalise",
            tooltip="Make the minutes a record (then only amended)",
            id="minutes_editor.finalise",
            priority=True,
        ),
        Binding(
            "ctrl+o",
            "add_row",
            "Add row",
            tooltip="Add a person, an agenda item or an action, where the cursor is",
            id="minutes_editor.add_row",
            priority=True,
        ),
        Binding(
            "ctrl+d",
            "remove_row",
            "Remove row",
            tooltip="Remove the row the cursor is in",
            id="minutes_editor.remove_row",
            priority=True,
            show=False,
        ),
        Binding(
            "ctrl+r",
            "review",
            "Review",
            tooltip="Review the service plan in this meeting",
            id="minutes_editor.review",
            priority=True,
        ),
        Binding(
            "escape",
            "close",
            "Close",
            tooltip="Close; the draft is kept",
            id="minutes_editor.close",
        ),
    ]

    def __init__(self, case_id: int, label: str, conference_id: int | None = None) -> None:
        super().__init__()
        self.case_id = case_id
        self.label = label
        self.conference_id = conference_id
        self.version = 0
        self.people: list[MeetingPerson] = []
        self.plan: PlanInfo | None = None
        self.review_held = False
        self._uid = 0
        self._lock = threading.Lock()
        self._initial: dict[str, Any] = {}
        self._page_ready = False
        self._dirty = False
        self._kept = False  # a form draft holds what was typed
        self._created_here = False  # the draft minutes were started by this page
        self._finished = False
        self._busy = False
        self._timer: Timer | None = None
        self._owners_timer: Timer | None = None
        # Someone else saved the draft first: their version (on show), and the version an
        # explicit ctrl+s after seeing it saves over. Autosave never saves over it, and a
        # conflict found by autosave is first answered by ctrl+s with the notice again.
        self._conflict: Conflict | None = None
        self._conflict_answered = False  # refused in answer to ctrl+s: the next one saves over
        self._save_over: int | None = None
        self._last_saved = ""  # the state last saved or kept, as JSON

    @property
    def draft_key(self) -> str | None:
        return f"conference:{self.conference_id}" if self.conference_id is not None else None

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        types = list(self.caseline.config.conference_types)
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("Minutes", "bold"), " · ", self.label), classes="title")
            yield Static("", id="draft-status", classes="who")
        with VerticalScroll(id="page"):
            yield Static("The meeting", classes="heading")
            yield from self._field(
                "held_at",
                "When",
                DateField(reading=WHEN, placeholder="e.g. today 2pm", id="held_at"),
            )
            yield from self._field(
                "place",
                "Where",
                SafeInput(placeholder="e.g. Hillside GP, room 2", id="place", compact=True),
            )
            yield from self._field(
                "conference_type",
                "Type",
                Select(choices(types), prompt="Choose…", id="conference_type", compact=True),
            )
            yield from self._field(
                "chair", "Chair", SafeInput(placeholder="who chaired", id="chair", compact=True)
            )
            yield from self._field(
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
            yield from self._field(
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
            yield from self._field(
                "client_views",
                "Their views",
                _area("client_views", "in their own words"),
                multiline=True,
            )
            yield Static("Agenda  (ctrl+o adds an item)", classes="heading")
            yield Vertical(id="agenda", classes="rows")
            yield Static("Information shared", classes="heading")
            yield from self._field(
                "information_shared",
                "",
                _area(
                    "information_shared",
                    "reports, checks, what each agency told the meeting (Markdown)",
                ),
                multiline=True,
            )
            yield Static("Decisions  (one a line)", classes="heading")
            yield from self._field(
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
            yield from self._field(
                "next_meeting_on",
                "Date",
                DateField(reading=FUTURE, placeholder="e.g. +6w, 12/1/2027", id="next_meeting_on"),
            )
        yield ConflictNotice()
        yield CaselineFooter()

    def _field(
        self, name: str, label: str, widget: Widget, *, multiline: bool = False
    ) -> ComposeResult:
        with Horizontal(classes="field multiline" if multiline else "field"):
            if label:
                yield Label(label, classes="label")
            yield widget
        yield Static("", id=f"error-{name}", classes="field-error")

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        self.query_one("#review-body").display = False
        self.query_one("#page").disabled = True
        self._load()

    @work(thread=True, exclusive=True, group="minutes-load", exit_on_error=False)
    def _load(self) -> None:
        store, me = self.caseline.store, self.caseline.me
        shown = store.conferences.minutes_for_editing(me, self.case_id, self.conference_id)
        people, plan, info = shown.people, shown.plan, shown.conference
        kept = store.forms.draft(me, self.draft_key) if self.draft_key else None
        self.app.call_from_thread(self._fill, people, plan, info, kept)

    def _fill(
        self,
        people: list[MeetingPerson],
        plan: PlanInfo | None,
        info: ConferenceInfo | None,
        kept: tuple[dict[str, str], Any] | None,
    ) -> None:
        self.people = people
        self.plan = plan
        if info is not None:
            if info.is_final:
                self.notify("These minutes are finalised; add an amendment instead.", markup=False)
                self._finished = True
                self.dismiss(None)
                return
            self.version = info.version
            state = from_minutes(info, people)
            self._show_review(info)
        else:
            me = self.caseline.me
            state = {
                "held_at": dates.format_datetime(dates.now_local()),
                "minute_taker": me.display_name,
                "client_attended": "no",
                "people": [{"uid": 1, "who": "worker", "present": "yes"}],
                "agenda": [],
                "actions": [],
            }
            self._show_review(None)
        self._initial = state
        restored = None
        if kept is not None:
            try:
                restored = json.loads(kept[0].get("state", ""))
            except ValueError:
                restored = None
            if not isinstance(restored, dict):
                restored = None
        self._set_state(restored or state)
        self._kept = kept is not None
        if restored is not None and kept is not None and kept[0].get("version", "").isdigit():
            self.version = int(kept[0]["version"])
        self.query_one("#page").disabled = False
        self.query_one("#held_at").focus()
        if restored is not None and kept is not None:
            when = dates.format_datetime(dates.to_local(kept[1]))
            self.notify(
                f"Restored the minutes as you left them ({when}).",
                title="Draft",
                markup=False,
                timeout=8,
            )
            self._status("restored as typed")

    def _became_ready(self) -> None:
        self._page_ready = True
        self._dirty = False
        if self.conference_id is not None:
            self._last_saved = json.dumps(self.state(), sort_keys=True)

    # -- people ---------------------------------------------------------------------------------

    def person(self, who: str) -> MeetingPerson | None:
        return next((p for p in self.people if p.who == who), None)

    def _who_options(self) -> list[tuple[str, str]]:
        return [
            *((p.label, p.who) for p in self.people),
            ("New professional (joins the case)", NEW_PRO),
            ("Someone else", OTHER),
        ]

    def _owner_options(self) -> list[tuple[str, str]]:
        options = [(p.label, p.who) for p in self.people]
        for row in self.query(PersonRow):
            label = row.owner_label()
            if label:
                came = row.values()["present"] != "no"
                options.append(
                    (f"{'At the meeting' if came else 'Apologies'}: {label}", f"{ROW}{row.uid}")
                )
        options.append(("Someone else (type the name)", OTHER))
        return options

    def _refresh_owners(self) -> None:
        self._owners_timer = None
        options = self._owner_options()
        for row in self.query(ActionRow):
            row.set_owners(options)

    # -- state ---------------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The page exactly as typed."""
        found: dict[str, Any] = {n: _value(self.query_one(f"#{n}")) for n in HEAD_FIELDS}
        found["people"] = [r.values() for r in self.query(PersonRow)]
        found["agenda"] = [r.values() for r in self.query(AgendaRow)]
        found["actions"] = [r.values() for r in self.query(ActionRow)]
        return found

    def _set_state(self, state: dict[str, Any]) -> None:
        for name in HEAD_FIELDS:
            widget = self.query_one(f"#{name}")
            value = str(state.get(name, "") or "")
            if isinstance(widget, Select):
                if value:
                    with contextlib.suppress(InvalidSelectValueError):
                        widget.value = value  # a type no longer offered: left to choose
            elif isinstance(widget, TextArea):
                widget.load_text(value)
            else:
                widget.value = value  # type: ignore[attr-defined]
        names = sorted({p.name for p in self.people} | {self.caseline.me.display_name})
        for name in ("chair", "minute_taker"):
            self.query_one(f"#{name}", Input).suggester = SuggestFromList(
                names, case_sensitive=False
            )
        rows = [*state.get("people", []), *state.get("agenda", []), *state.get("actions", [])]
        self._uid = max((int(r.get("uid", 0)) for r in rows), default=0)
        self.call_later(self._mount_rows, state)

    async def _mount_rows(self, state: dict[str, Any]) -> None:
        who = self._who_options()
        await self.query_one("#people").mount_all(
            PersonRow(int(r["uid"]), who, r) for r in state.get("people", [])
        )
        await self.query_one("#agenda").mount_all(
            AgendaRow(int(r["uid"]), r) for r in state.get("agenda", [])
        )
        # Owners include people added on the spot, whose rows are mounted now.
        owners = self._owner_options()
        await self.query_one("#actions").mount_all(
            ActionRow(int(r["uid"]), owners, r) for r in state.get("actions", [])
        )
        self.call_after_refresh(self._became_ready)

    def _next_uid(self) -> int:
        self._uid += 1
        return self._uid

    def is_untouched(self) -> bool:
        """Nothing typed into new minutes (or all of it taken out again)."""
        new = self.conference_id is None or self._created_here
        return new and not self.review_held and self.state() == self._initial_state()

    def _initial_state(self) -> dict[str, Any]:
        """The untouched page, as ``state`` reads it back."""
        fresh: dict[str, Any] = {n: str(self._initial.get(n, "") or "") for n in HEAD_FIELDS}
        fresh["people"] = [
            {"uid": r["uid"], **{f: str(r.get(f, "") or "") for f in PERSON_FIELDS}}
            for r in self._initial.get("people", [])
        ]
        fresh["agenda"] = []
        fresh["actions"] = []
        return fresh

    # -- changes and autosave ------------------------------------------------------------------

    def _changed(self) -> None:
        if not self._page_ready or self._finished:
            return
        self._dirty = True
        if self._timer is None:
            self._timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)

    def _autosave(self) -> None:
        self._timer = None
        self.flush()

    def flush(self) -> None:
        """Save what is typed now (in a thread) if anything changed since the last save."""
        if not self._dirty or self._finished or self.is_untouched():
            return
        self._dirty = False
        state = self.state()
        if json.dumps(state, sort_keys=True) == self._last_saved:
            return
        self._persist_in_thread(state, explicit=False)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        self._clear_error(event.input)
        row = self._row_of(event.input)
        if isinstance(row, PersonRow) and self._page_ready:
            self._owners_soon()
        self._changed()

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        self._clear_error(event.text_area)
        self._changed()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        self._clear_error(event.select)
        row = self._row_of(event.select)
        if isinstance(row, PersonRow):
            row.show_who()
            if self._page_ready:
                self._owners_soon()
        elif isinstance(row, ActionRow):
            row.show_owner()
        # The cursor stays on the choice, as in every drop-down: a name box shown for someone
        # new comes next, so `tab` reaches it and the name lands there.
        self._changed()

    def on_descendant_blur(self) -> None:
        # Moving to another field is a natural pause: save what there is.
        if self._page_ready:
            self.flush()

    def _owners_soon(self) -> None:
        if self._owners_timer is not None:
            self._owners_timer.stop()
        self._owners_timer = self.set_timer(0.3, self._refresh_owners)

    def _row_of(self, widget: Widget) -> RowBlock | None:
        for node in widget.ancestors:
            if isinstance(node, RowBlock):
                return node
        return None

    def _clear_error(self, widget: Widget) -> None:
        row = self._row_of(widget)
        if row is not None:
            row.show_error("")
        elif widget.id:
            self._set_error(widget.id, "")

    def _set_error(self, name: str, message: str) -> None:
        found = self.query(f"#error-{name}")
        if found:
            show_error(found.first(Static), message)

    def _status(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#draft-status", Static).update(text)

    # -- saving ----------------------------------------------------------------------------------

    def _persist(self, state: dict[str, Any]) -> tuple[str, dict[str, str], Sent]:
        """Save ``state`` into the draft minutes, or keep it as typed if the store refuses it.

        Returns ("saved" | "kept" | "conflict" | "finished", the store's errors, what was sent).
        Runs off the UI thread (or at exit).
        """
        store, me, config = self.caseline.store, self.caseline.me, self.caseline.config
        sent = to_minutes(state)
        options: dict[str, Any] = {
            "dayfirst": config.dayfirst,
            "types": tuple(config.conference_types),
        }
        with self._lock:
            if self._finished:
                return "finished", {}, sent
            errors: dict[str, str] = {}
            outcome = "saved"
            try:
                if self.conference_id is None:
                    info = store.conferences.start(me, self.case_id, sent.data, **options)
                    self._created_here = True
                else:
                    if self._conflict is not None:
                        if self._save_over is None or self._save_over != self._conflict.version:
                            raise self._conflict
                        self.version, self._conflict = self._save_over, None
                    info = store.conferences.save(
                        me, self.conference_id, sent.data, version=self.version, **options
                    )
                self.conference_id, self.version = info.id, info.version
            except InvalidInput as exc:
                errors, outcome = exc.errors, "kept"
                if self.conference_id is None:
                    # Somewhere to keep the page: empty minutes, filled in once well-formed.
                    info = store.conferences.start(me, self.case_id, {}, **options)
                    self.conference_id, self.version = info.id, info.version
                    self._created_here = True
            except Conflict as exc:
                self._conflict = exc
                outcome = "conflict"
            self._last_saved = json.dumps(state, sort_keys=True)
            key = self.draft_key
            assert key is not None
            if outcome == "saved":
                if self._kept:
                    store.forms.discard_draft(me, key)
                    self._kept = False
            else:
                store.forms.save_draft(
                    me,
                    key,
                    # The version it was typed on: restored later, it is refused if a
                    # colleague saved the minutes meanwhile, rather than put back over theirs.
                    {"state": json.dumps(state, ensure_ascii=False), "version": str(self.version)},
                    title=f"Minutes · {self.label}"[:120],
                )
                self._kept = True
            return outcome, errors, sent

    @work(thread=True, group="minutes-save", exit_on_error=False)
    def _persist_in_thread(self, state: dict[str, Any], explicit: bool, then: str = "") -> None:
        outcome, errors, sent = self._persist(state)
        self.app.call_from_thread(self._persisted, outcome, errors, sent, explicit, then)

    def _persisted(
        self, outcome: str, errors: dict[str, str], sent: Sent, explicit: bool, then: str
    ) -> None:
        stamp = dates.now_local().strftime("%H:%M:%S")
        if outcome == "saved":
            self._status(f"saved {stamp}")
        elif outcome == "kept":
            count = len(errors)
            self._status(f"kept as typed {stamp} · {count} to fix")
        elif outcome == "conflict":
            self._status(f"kept as typed {stamp}")
            if self._conflict is not None:
                self._conflict_answered = self._conflict_answered or explicit
                self.query_one(ConflictNotice).show(
                    self._conflict, found_by_autosave=not self._conflict_answered
                )
        if outcome == "saved":
            self.query_one(ConflictNotice).withdraw()
            self._conflict_answered = False
        if then == "close":
            self._close_with(outcome, errors)
            return
        if explicit or then:
            self._busy = False
            self._show_errors(errors, sent)
            if outcome == "saved" and then == "finalise":
                self._confirm_finalise()
            elif outcome == "saved" and then == "review":
                self._open_review()
            elif outcome == "saved" and explicit:
                self.notify(
                    "Draft minutes saved. Finalise them with ctrl+f when ready.", markup=False
                )
            elif outcome == "kept":
                what = "finalising" if then == "finalise" else "saving"
                self.notify(
                    f"Kept as typed; fix the {'problem' if len(errors) == 1 else 'problems'} "
                    f"marked before {what}.",
                    severity="warning",
                    markup=False,
                )

    def _show_errors(self, errors: dict[str, str], sent: Sent) -> None:
        """Each problem next to its field, or beneath its row; the first one focused."""
        for name in (*HEAD_FIELDS, "attendees"):
            self._set_error(name, errors.get(name, ""))
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
        for row in self.query(RowBlock):
            row.show_error(" ".join(by_row.get(row.id or "", [])))
        if unplaced:
            self.notify(" ".join(unplaced), severity="error", markup=False)
        first: Widget | None = None
        shown: Widget | None = None  # the problem's line, brought into view with its field
        for name in HEAD_FIELDS:
            if name in errors:
                first, shown = self.query_one(f"#{name}"), self.query_one(f"#error-{name}")
                break
        if first is None:
            rows = [r for r in self.query(RowBlock) if (r.id or "") in by_row]
            if rows:
                first, shown = rows[0].first(), rows[0]
        if first is None and "attendees" in errors:
            people = list(self.query(PersonRow))
            first = people[0].first() if people else None
            shown = self.query_one("#error-attendees")
        if first is not None:
            first.focus()
        if shown is not None:
            self.call_after_refresh(shown.scroll_visible)

    def action_save(self) -> None:
        if self._busy or not self._page_ready or self._finished:
            return
        self._busy = True
        self._dirty = False
        notice = self.query_one(ConflictNotice)
        if notice.can_save_over and self._conflict_answered:
            assert notice.conflict is not None
            self._save_over = notice.conflict.version  # seen: this save goes on top of it
        self._persist_in_thread(self.state(), True)

    def save_draft_now(self) -> bool:
        """Keep what is typed, at once (the app is quitting); True if there was anything."""
        if not self._page_ready or self._finished or self.is_untouched():
            return False
        self._persist(self.state())
        return True

    # -- finalising ------------------------------------------------------------------------------

    def action_finalise(self) -> None:
        if self._busy or not self._page_ready or self._finished:
            return
        self._busy = True
        self._dirty = False
        self._persist_in_thread(self.state(), False, "finalise")

    def _confirm_finalise(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._busy = True
                self._finalise()

        self.app.push_screen(
            ConfirmScreen(
                "Finalise these minutes?",
                "They become part of the case record: afterwards they can only be amended. "
                "The chronology records the meeting and its actions are followed up on the case.",
                yes="Finalise",
                no="Keep editing",
            ),
            answer,
        )

    @work(thread=True, exclusive=True, group="minutes-finalise", exit_on_error=False)
    def _finalise(self) -> None:
        store, me = self.caseline.store, self.caseline.me
        try:
            with self._lock:
                assert self.conference_id is not None
                info = store.conferences.finalise(me, self.conference_id, version=self.version)
                self._finished = True
                if self._kept and self.draft_key:
                    store.forms.discard_draft(me, self.draft_key)
        except (InvalidInput, Conflict) as exc:
            errors = exc.errors if isinstance(exc, InvalidInput) else {"form": str(exc)}
            self.app.call_from_thread(self._finalise_failed, errors)
            return
        self.app.call_from_thread(self._finalised, info)

    def _finalise_failed(self, errors: dict[str, str]) -> None:
        self._busy = False
        self._show_errors(errors, to_minutes(self.state()))

    def _finalised(self, info: ConferenceInfo) -> None:
        actions = len(info.actions)
        followed = (
            f"; its {actions} action{'s are' if actions != 1 else ' is'} followed up on the case"
            if actions
            else ""
        )
        self.notify(
            f"{info.title} minutes finalised. The chronology records the meeting{followed}.",
            title="Finalised",
            markup=False,
        )
        self.dismiss(info.id)

    # -- rows ----------------------------------------------------------------------------------

    def _section(self) -> str:
        """Which list ctrl+o adds to, from where the cursor is."""
        focused = self.focused
        if focused is None:
            return "people"
        row = self._row_of(focused)
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

    async def action_add_row(self) -> None:
        if not self._page_ready or self._finished:
            return
        section = self._section()
        uid = self._next_uid()
        row: RowBlock
        if section == "agenda":
            row = AgendaRow(uid, {})
        elif section == "actions":
            row = ActionRow(uid, self._owner_options(), {})
        else:
            row = PersonRow(uid, self._who_options(), {"present": "yes"})
        await self.query_one(f"#{section}").mount(row)
        row.first().focus()
        row.scroll_visible()
        self._changed()

    def action_remove_row(self) -> None:
        if not self._page_ready or self._finished or self.focused is None:
            return
        row = self._row_of(self.focused)
        if row is None:
            self.notify("Move to a person, an agenda item or an action to remove it.", markup=False)
            return
        if row.is_blank():
            self._remove(row)
            return
        from tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._remove(row)

        what = {"person": "this person", "agenda": "this agenda item", "action": "this action"}
        kind = (row.id or "").split("-")[0]
        self.app.push_screen(
            ConfirmScreen(f"Remove {what.get(kind, 'this row')}?", yes="Remove", no="Keep"), answer
        )

    def _remove(self, row: RowBlock) -> None:
        siblings = list(row.parent.children) if row.parent else []
        index = siblings.index(row) if row in siblings else 0
        neighbour = (siblings[index - 1] if index else None) or (
            siblings[index + 1] if len(siblings) > 1 else None
        )
        is_person = isinstance(row, PersonRow)

        async def gone() -> None:
            await row.remove()
            if isinstance(neighbour, RowBlock):
                neighbour.first().focus()
            if is_person:
                self._refresh_owners()
            self._changed()

        self.call_later(gone)

    # -- the plan review -----------------------------------------------------------------------

    def _show_review(self, info: ConferenceInfo | None) -> None:
        note = self.query_one("#review-note", Static)
        body = self.query_one("#review-body", SafeMarkdown)
        if info is not None and info.review is not None and info.review_plan is not None:
            from store.plans.render import review_markdown

            self.review_held = True
            note.update(f"Service plan {info.review_plan.number}, reviewed in this meeting:")
            body.display = True
            body.show(review_markdown(info.review, info.review_plan, level=3))
        elif self.plan is None:
            note.update("The case has no service plan to review.")
        elif not self.plan.open_goals:
            note.update(f"Service plan {self.plan.number} has no open goals to review.")
        else:
            due = (
                f", due {dates.format_date(self.plan.next_review_on)}"
                if self.plan.next_review_on
                else ""
            )
            note.update(
                f"ctrl+r reviews service plan {self.plan.number} here{due}; the review is kept "
                "with the plan and shown in these minutes."
            )

    def action_review(self) -> None:
        if self._busy or not self._page_ready or self._finished:
            return
        if self.review_held:
            self.notify("The plan was reviewed in this meeting already.", markup=False)
            return
        if self.plan is None or not self.plan.open_goals:
            self.notify("The case has no service plan with open goals to review.", markup=False)
            return
        self._busy = True
        self._dirty = False
        self._persist_in_thread(self.state(), False, "review")

    def _open_review(self) -> None:
        from tui.screens.form import FormScreen
        from tui.screens.plan import review_fields

        plan = self.plan
        conference_id = self.conference_id
        if plan is None or conference_id is None:
            return
        store, me, dayfirst = self.caseline.store, self.caseline.me, self.caseline.config.dayfirst
        state = self.state()
        held = state["held_at"].strip()
        try:
            held_on = dates.format_date(
                dates.parse_datetime(held or "now", dayfirst=dayfirst).date()
            )
        except dates.DateParseError:
            held_on = dates.format_date(dates.today())
        others = []
        for row in self.query(PersonRow):
            v = row.values()
            if v["present"] == "no" or v["who"] in ("worker", "client"):
                continue
            person = self.person(v["who"])
            label = row.owner_label() or (person.shown if person else "")
            if label:
                others.append(label)
        values = {
            "held_on": held_on,
            "client_present": state["client_attended"] or "no",
            "client_views": state["client_views"],
            "participants": "; ".join(others)[:300],
        }

        def done(result: object) -> None:
            if result is not None:
                self.notify(
                    "Plan review recorded with the plan and in these minutes.", markup=False
                )
                self._reload_review()

        self.app.push_screen(
            FormScreen(
                f"Review of plan {plan.number} in this meeting",
                review_fields(plan),
                values,
                lambda form: store.plans.review(
                    me, plan.id, form, dayfirst=dayfirst, conference_id=conference_id
                ),
                subtitle=self.label,
                draft_key=f"plan_review:{plan.id}",
            ),
            done,
        )

    @work(thread=True, group="minutes-review", exit_on_error=False)
    def _reload_review(self) -> None:
        assert self.conference_id is not None
        info = self.caseline.store.conferences.get(self.caseline.me, self.conference_id)
        self.app.call_from_thread(self._show_review, info)

    # -- closing ---------------------------------------------------------------------------------

    def action_close(self) -> None:
        if self._finished:
            return
        if self._busy:
            return
        if not self._page_ready or self.is_untouched():
            self._finished = True
            if self.conference_id is None:
                self.dismiss(None)
            else:
                self._busy = True
                self._discard_untouched(self.conference_id)
            return
        self._busy = True
        self._persist_in_thread(self.state(), False, "close")

    @work(thread=True, group="minutes-discard", exit_on_error=False)
    def _discard_untouched(self, conference_id: int) -> None:
        """Minutes started here and emptied again: leave nothing behind."""
        store, me = self.caseline.store, self.caseline.me
        kept: int | None = None
        with self._lock:
            try:
                store.conferences.discard(me, conference_id, version=self.version)
                store.forms.discard_draft(me, f"conference:{conference_id}")
            except (InvalidInput, Conflict):
                kept = conference_id  # changed elsewhere meanwhile: kept, listed as a draft
        self.app.call_from_thread(self.dismiss, kept)

    def _close_with(self, outcome: str, errors: dict[str, str]) -> None:
        self._finished = True
        if outcome == "saved":
            message = "Draft minutes kept. Open them again (e) to carry on, or finalise them."
        else:
            count = len(errors)
            message = (
                "Minutes kept as typed"
                + (f"; {count} thing{'s' if count != 1 else ''} to fix" if count else "")
                + ". Open them again (e) to carry on."
            )
        self.notify(message, markup=False)
        self.dismiss(self.conference_id)
