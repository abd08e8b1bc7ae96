"""A case's meetings (case conferences, professionals meetings...) and the actions agreed at
them: the list, the minutes as a document, and following the actions up.

Minutes are written in ``minutes_editor``: ``a`` starts a meeting's minutes,
``e`` carries on with a draft; finalised minutes are corrected with an amendment (``A``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.common import dates
from store.common.errors import Conflict, InvalidInput, StoreError
from store.common.textsafe import preview_line
from store.common.words import plural
from tui.screens.base import CaselineScreen
from tui.screens.form import Field, FormScreen
from tui.text import assemble
from tui.widgets.date_field import FUTURE
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.lists import InOrderOptionList, refill
from tui.widgets.markdown import SafeMarkdown
from tui.workers import read_in_turn, report, run_store

if TYPE_CHECKING:
    from store.cases.records import CaseDetail
    from store.conferences.records import (
        ConferenceActionInfo,
        ConferenceInfo,
        ConferenceListItem,
    )

ACTION_DONE_FIELDS = [
    Field("status", "Status", choices=(("done", "done"), ("still open", "open"))),
    Field("note", "What was done", "needed when it is done, e.g. letter sent 3/12"),
]


AMEND_FIELDS = [
    Field("reason", "Why", "e.g. the GP's name was misspelt"),
    Field("body", "Correction", multiline=True),
]
NEXT_FIELDS = [
    Field("next_meeting_on", "Next meeting", "e.g. +6w, 12/1/2027; blank: none", date=FUTURE)
]


def amend_minutes(
    screen: CaselineScreen[Any], meeting: ConferenceInfo | ConferenceListItem, label: str
) -> None:
    """Add a correction beneath finalised minutes, which stay as they were."""
    store, me, conference_id = screen.caseline.store, screen.caseline.me, meeting.id

    def done(result: object) -> None:
        if result is not None:
            screen.notify(
                "Amendment added beneath the minutes; they stay as they were.", markup=False
            )

    screen.app.push_screen(
        FormScreen(
            "Amend the minutes",
            AMEND_FIELDS,
            {},
            lambda form: store.conferences.amend(me, conference_id, form),
            subtitle=meeting_label(meeting, label),
            draft_key=f"conference_amend:{conference_id}",
        ),
        done,
    )


async def next_meeting(screen: CaselineScreen[Any], conference_id: int, label: str) -> None:
    """Set (or clear) the date of the meeting after this one. The meeting is read in the key's
    turn: the date typed straight after the key goes into the form."""
    caseline = screen.caseline
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    conference = await read_in_turn(
        screen.app, lambda: store.conferences.get(me, conference_id), name="plan-read"
    )
    if conference is None:
        return

    def done(result: object) -> None:
        if result is not None:
            day = getattr(result, "next_meeting_on", None)
            screen.notify(
                f"Next meeting {dates.format_date(day)}." if day else "No next meeting set.",
                markup=False,
            )

    screen.app.push_screen(
        FormScreen(
            "Next meeting",
            NEXT_FIELDS,
            {"next_meeting_on": dates.format_date(conference.next_meeting_on)},
            lambda form, version: store.conferences.set_next_meeting(
                me, conference_id, form, version=version, dayfirst=dayfirst
            ),
            subtitle=meeting_label(conference, label),
            version=conference.version,
        ),
        done,
    )


def _when(item: Any) -> str:
    if item.held_at is None:
        return "no date yet"
    return dates.format_datetime(dates.to_local(item.held_at))


def meeting_label(meeting: ConferenceInfo | ConferenceListItem, label: str) -> str:
    """Which meeting a form is about: "Case conference of Tue 03 Mar 2026 14:00 · CL-… · Name"."""
    return f"{meeting.title} of {_when(meeting)} · {label}"


class ConferencesScreen(HoldsInput, CaselineScreen[None]):
    """The meetings of one case, newest first, and their actions, open ones first."""

    DEFAULT_CSS = """
    ConferencesScreen .heading { text-style: bold; color: $text-primary; padding: 1 1 0 1; }
    ConferencesScreen OptionList { height: auto; max-height: 45%; border: none; padding: 0 1; }
    ConferencesScreen #actions { max-height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="conferences.back"),
        Binding(
            "a",
            "new_meeting",
            "New minutes",
            tooltip="Write the minutes of a meeting",
            id="conferences.new",
        ),
        Binding(
            "e",
            "edit",
            "Edit draft",
            tooltip="Carry on writing the highlighted draft minutes",
            id="conferences.edit",
        ),
        Binding(
            "A",
            "amend",
            "Amend",
            tooltip="Add a correction to the highlighted finalised minutes",
            id="conferences.amend",
        ),
        Binding(
            "N",
            "next_meeting",
            "Next meeting",
            tooltip="Set the date of the next meeting",
            id="conferences.next",
            show=False,
        ),
        Binding(
            "x",
            "discard",
            "Discard draft",
            tooltip="Throw away the highlighted draft minutes",
            id="conferences.discard",
            show=False,
        ),
        Binding(
            "d",
            "action_status",
            "Done/reopen",
            tooltip="Mark the highlighted action done with a note, or reopen it",
            id="conferences.action_status",
        ),
        Binding("ctrl+r,f5", "reload", "Refresh", show=False, id="conferences.reload"),
    ]

    def __init__(self, case_id: int, label: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.label = label
        self._actions: dict[int, ConferenceActionInfo] = {}
        self._meetings: dict[int, ConferenceListItem] = {}
        self._case_closed = False
        # Minutes just written: highlighted when the list is next shown, so that the keys
        # (N, A...) act on the meeting just written, not on the one highlighted before.
        self._select: int | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Meetings", classes="title")
            yield Static(assemble(self.label), classes="who")
        yield Static("Meetings  (enter reads the minutes)", classes="heading")
        yield InOrderOptionList(id="meetings", chosen=self._choose)
        yield Static("Actions agreed  (d marks done or reopens)", classes="heading")
        yield InOrderOptionList(id="actions", chosen=lambda _: self.action_action_status())
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.query_one("#meetings").focus()
        self.action_reload()

    def on_screen_resume(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    def _load(self) -> None:
        store, me, case_id = self.caseline.store, self.caseline.me, self.case_id
        self.read_then_let_through(
            lambda: store.conferences.meetings(me, case_id),
            done=lambda shown: self._show(shown.meetings, shown.actions, shown.closed),
            name="conferences",
        )

    def _show(
        self,
        meetings: list[ConferenceListItem],
        actions: list[ConferenceActionInfo],
        closed: bool,
    ) -> None:
        self._case_closed = closed
        self._meetings = {m.id: m for m in meetings}
        today = dates.today()
        rows = [
            Option(
                assemble(
                    (_when(m), "bold"),
                    (f"  {m.conference_type}", "")
                    if m.conference_type
                    else ("  type not set", "dim"),
                    (f"  chaired by {m.chair}" if m.chair else "", "dim"),
                    ("  draft" if m.status == "draft" else "", "italic"),
                    "" if m.status == "draft" else f"  · {plural(m.open_actions, 'open action')}",
                ),
                id=f"meeting-{m.id}",
            )
            for m in meetings
        ] or [Option("No meetings recorded for this case.", disabled=True)]
        written, self._select = self._select, None
        refill(
            self.query_one("#meetings", OptionList),
            rows,
            select=f"meeting-{written}" if written is not None else None,
        )
        if written is not None:
            self.query_one("#meetings", OptionList).focus()
        self._actions = {a.id: a for a in actions}
        lines = []
        for a in actions:
            late = a.status == "open" and a.due_on < today
            state = (
                f"done {dates.format_date(dates.to_local(a.done_at).date())}"
                if a.status == "done" and a.done_at
                else a.status
            )
            lines.append(
                Option(
                    assemble(
                        ("☑ " if a.status == "done" else "☐ ", ""),
                        a.what,
                        (f" — {a.owner_name}", "dim"),
                        f", due {dates.format_date(a.due_on)}",
                        (" overdue" if late else "", "bold"),
                        (f" · {state}", "dim"),
                    ),
                    id=f"action-{a.id}",
                )
            )
        refill(
            self.query_one("#actions", OptionList),
            lines or [Option("No actions from finalised minutes.", disabled=True)],
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "action_status":
            return not self._case_closed and self._highlighted_action() is not None
        if action == "new_meeting":
            return not self._case_closed
        if action in ("edit", "discard", "amend", "next_meeting"):
            meeting = self._highlighted_meeting()
            if self._case_closed or meeting is None:
                return False
            if action == "amend":
                return meeting.status == "final"
            if action == "next_meeting":
                return True
            return meeting.status == "draft"
        return True

    def _highlighted_meeting(self) -> ConferenceListItem | None:
        if not self.query("#meetings"):
            return None
        option = self.query_one("#meetings", OptionList).highlighted_option
        raw = (option.id or "").removeprefix("meeting-") if option is not None else ""
        return self._meetings.get(int(raw)) if raw.isdigit() else None

    def action_new_meeting(self) -> None:
        if not self._case_closed:
            from tui.screens.meetings.minutes_editor import MinutesEditorScreen

            self.app.push_screen(MinutesEditorScreen(self.case_id, self.label), self._written)

    def action_edit(self) -> None:
        meeting = self._highlighted_meeting()
        if meeting is not None and meeting.status == "draft" and not self._case_closed:
            from tui.screens.meetings.minutes_editor import MinutesEditorScreen

            self.app.push_screen(
                MinutesEditorScreen(self.case_id, self.label, meeting.id), self._written
            )

    def _written(self, conference_id: int | None) -> None:
        """Back from the minutes editor: highlight the meeting written (the screen reloads
        on resuming)."""
        if conference_id is not None:
            self._select = conference_id
            self.action_reload()

    def action_amend(self) -> None:
        meeting = self._highlighted_meeting()
        if meeting is not None and meeting.status == "final" and not self._case_closed:
            amend_minutes(self, meeting, self.label)

    async def action_next_meeting(self) -> None:
        meeting = self._highlighted_meeting()
        if meeting is not None and not self._case_closed:
            await next_meeting(self, meeting.id, self.label)

    def action_discard(self) -> None:
        meeting = self._highlighted_meeting()
        if meeting is None or meeting.status != "draft" or self._case_closed:
            return
        from tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._discard(meeting)

        self.app.push_screen(
            ConfirmScreen(
                "Throw these draft minutes away?",
                f"{_when(meeting)} {meeting.conference_type or 'meeting'}: they were never "
                "finalised, and can't be brought back.",
                yes="Discard",
                no="Keep",
            ),
            answer,
        )

    def _discard(self, meeting: ConferenceListItem) -> None:
        store, me, app = self.caseline.store, self.caseline.me, self.app

        def discard() -> None:
            store.conferences.discard(me, meeting.id, version=meeting.version)
            store.forms.discard_draft(me, f"conference:{meeting.id}")

        def refused(exc: StoreError) -> None:
            if isinstance(exc, InvalidInput):
                app.notify(" ".join(exc.errors.values()), severity="error", markup=False)
            elif isinstance(exc, Conflict):
                app.notify(str(exc), severity="error", markup=False)
            else:
                report(app, exc)

        def discarded(_: None) -> None:
            app.notify("Draft minutes discarded.", markup=False)
            if self.is_attached:
                self.action_reload()

        # Run by the app: what became of the minutes is said even if this screen has closed.
        run_store(
            app,
            discard,
            done=discarded,
            failed=refused,
            name="conferences-discard",
            exclusive=False,
        )

    def _highlighted_action(self) -> ConferenceActionInfo | None:
        if not self.query("#actions"):
            return None
        options = self.query_one("#actions", OptionList)
        option = options.highlighted_option
        if option is None or not (option.id or "").startswith("action-"):
            return None
        return self._actions.get(int((option.id or "").removeprefix("action-")))

    @on(OptionList.OptionHighlighted)
    def _highlight_changed(self) -> None:
        self.refresh_bindings()

    def _choose(self, option: Option) -> None:
        """`enter` or a click (in its own turn): the meeting's minutes opened."""
        raw = (option.id or "").removeprefix("meeting-")
        if raw.isdigit():
            self.app.push_screen(
                MinutesScreen(int(raw), self.label, editable=not self._case_closed)
            )

    def action_action_status(self) -> None:
        action = self._highlighted_action()
        if action is None or self._case_closed:
            return
        store, me = self.caseline.store, self.caseline.me
        values = {
            "status": "open" if action.status == "done" else "done",
            "note": action.status_note,
        }

        def done(result: object) -> None:
            if result is not None:
                self.notify("Action updated; the change is kept in the history.", markup=False)

        self.app.push_screen(
            FormScreen(
                "Meeting action",
                ACTION_DONE_FIELDS,
                values,
                lambda form, version: store.conferences.set_action_status(
                    me, action.id, form, version=version
                ),
                subtitle=preview_line(action.what, 60),
                draft_key=f"conference_action:{action.id}",
                version=action.version,
            ),
            done,
        )

    def action_back(self) -> None:
        self.dismiss(None)


class MinutesScreen(HoldsInput, CaselineScreen[None]):
    """One meeting's minutes as a document, read-only."""

    DEFAULT_CSS = """
    MinutesScreen #minutes-doc { height: 1fr; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="minutes.back"),
        Binding("e", "edit", "Edit draft", tooltip="Carry on writing", id="minutes.edit"),
        Binding("A", "amend", "Amend", tooltip="Add a correction beneath", id="minutes.amend"),
        Binding(
            "N",
            "next_meeting",
            "Next meeting",
            tooltip="Set the date of the next meeting",
            id="minutes.next",
        ),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Write the minutes to a Markdown or printable HTML file, for circulation",
            id="minutes.export",
        ),
    ]

    def __init__(self, conference_id: int, label: str, *, editable: bool = True) -> None:
        super().__init__()
        self.conference_id = conference_id
        self.label = label
        self.editable = editable  # False: the case is closed, or opened for reading only
        self._conference: ConferenceInfo | None = None
        self._detail: CaseDetail | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "amend", "next_meeting"):
            c = self._conference
            if c is None or not self.editable:
                return False
            if action == "edit":
                return not c.is_final
            if action == "amend":
                return c.is_final
        return True

    def on_screen_resume(self) -> None:
        if self._conference is not None:
            self._load()

    def action_edit(self) -> None:
        c = self._conference
        if c is not None and not c.is_final and self.editable:
            from tui.screens.meetings.minutes_editor import MinutesEditorScreen

            self.app.push_screen(MinutesEditorScreen(c.case_id, self.label, c.id))

    def action_amend(self) -> None:
        c = self._conference
        if c is not None and c.is_final and self.editable:
            amend_minutes(self, c, self.label)

    async def action_next_meeting(self) -> None:
        if self._conference is not None and self.editable:
            await next_meeting(self, self.conference_id, self.label)

    def action_export(self) -> None:
        if self._conference is not None and self._detail is not None:
            from tui.screens.export import ExportScreen, minutes_export

            export = minutes_export(self._detail, self._conference)
            self.app.push_screen(ExportScreen(self._detail, export))

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Loading…", id="minutes-title", classes="title")
            yield Static(assemble(self.label), classes="who")
        with VerticalScroll(id="minutes-doc"):
            yield SafeMarkdown(id="minutes-body")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self._load(opening=True)

    def _load(self, *, opening: bool = False) -> None:
        store, me, conference_id = self.caseline.store, self.caseline.me, self.conference_id
        self.read_then_let_through(
            lambda: store.conferences.minutes(me, conference_id, opening=opening),
            done=lambda shown: self._show(shown.conference, shown.detail),
            name="minutes",
        )

    def _show(self, conference: ConferenceInfo, detail: CaseDetail) -> None:
        self._detail = detail
        if detail.status.value == "closed":
            self.editable = False  # read from the chronology of a closed case
        from store.conferences.render import minutes_markdown

        self._conference = conference
        self.refresh_bindings()
        state = "draft minutes" if conference.status == "draft" else "minutes"
        # The meeting's number is what `caseline export minutes --conference` takes.
        self.query_one("#minutes-title", Static).update(
            f"{conference.conference_type.capitalize()}: {state} · meeting {conference.id}"
        )
        self.query_one("#minutes-body", SafeMarkdown).show(
            minutes_markdown(conference, today=dates.today(), level=2)
        )
        self.set_focus(self.query_one("#minutes-doc"))  # now: what was typed meanwhile goes there

    def action_back(self) -> None:
        self.dismiss(None)
