"""A case's file: overview, summary, notes, chronology and plan, each a key away."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import (
    Input,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from store.case_file.records import CaseFile, ClientInfo, ContactInfo, ProfessionalInfo
from store.cases.records import CaseDetail
from store.core import dates
from store.core.records import CaseStatus, WorkerInfo
from store.core.words import plural
from store.notes.records import NoteSummary
from store.plans.records import PlanInfo
from tui.screens.base import CaselineScreen
from tui.screens.form import Field, FormScreen
from tui.text import assemble, choices
from tui.widgets.chronology import ChronologyPane, ChronologyTable
from tui.widgets.date_field import BIRTH, PAST
from tui.widgets.footer import CaselineFooter
from tui.widgets.keys import InOrderKeys
from tui.widgets.markdown import SafeMarkdown
from tui.widgets.plan import PlanPane
from tui.widgets.safe import SafeInput

TAB_LABELS = {
    "overview": "1 Overview",
    "summary": "2 Summary",
    "notes": "3 Notes",
    "chronology": "4 Chronology",
    "plan": "5 Plan",
}
TABS = tuple(TAB_LABELS)
NOTES_AUTHOR_WIDTH = 100  # a narrower notes list leaves the author out: the text needs the room
TAB_FOCUS = {  # what has the focus when a tab is shown
    "overview": "#contacts",
    "summary": "#summary-scroll",
    "notes": "#notes-list",
    "chronology": "#chron-table",
    "plan": "#plan-pane",
}


class InOrderOptionList(InOrderKeys, OptionList):
    """An OptionList that takes keys in the order they were typed: text typed straight
    after `/` reaches the filter it opens."""


class InOrderScroll(InOrderKeys, VerticalScroll):
    """A scrolling pane that takes keys in the order they were typed (only for a pane with
    nothing focusable inside: a key bubbling up from a focused child would come back to it)."""


CLIENT_FIELDS = [
    Field("name", "Name", "full name (required)"),
    Field("date_of_birth", "Date of birth", "e.g. 3/4/1990", date=BIRTH),
    Field("address", "Address"),
    Field("phone", "Phone", "e.g. 07700 900123"),
    Field("language", "Language", "e.g. Polish (interpreter needed)"),
    Field("identifiers", "Identifiers", "e.g. NHS 943 476 5919"),
]
CONTACT_FIELDS = [
    Field("name", "Name", "required"),
    Field("relationship", "Relationship", "e.g. mother, neighbour, carer"),
    Field("phone", "Phone"),
    Field("address", "Address"),
    Field("notes", "Notes", multiline=True),
]
PROFESSIONAL_FIELDS = [
    Field("name", "Name", "required"),
    Field("agency", "Agency", "e.g. Hillside Medical Practice"),
    Field("role", "Role", "e.g. GP, health visitor, class teacher"),
    Field("phone", "Phone"),
    Field("email", "Email"),
    Field("started_on", "Involved from", "e.g. 3/4/2026", date=PAST),
    Field("ended_on", "Involved until", "blank if still involved", date=PAST),
]


class CaseFileScreen(CaselineScreen[None]):
    """One case: who the client is, who is involved, what has happened and what is written."""

    CSS_PATH = "case_file.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the caseload", id="case_file.back"),
        Binding(
            "1",
            "tab('overview')",
            "Overview",
            tooltip="Client, network, professionals",
            show=False,
            id="case_file.overview",
        ),
        Binding(
            "2",
            "tab('summary')",
            "Summary",
            tooltip="The case summary",
            show=False,
            id="case_file.summary",
        ),
        Binding(
            "3",
            "tab('notes')",
            "Notes",
            tooltip="The case notes, newest first",
            show=False,
            id="case_file.notes",
        ),
        Binding(
            "4",
            "tab('chronology')",
            "Chronology",
            tooltip="Significant events in order",
            show=False,
            id="case_file.chronology",
        ),
        Binding(
            "5",
            "tab('plan')",
            "Plan",
            tooltip="The service plan: goals, actions and reviews",
            show=False,
            id="case_file.plan",
        ),
        Binding("n", "new_note", "Note", tooltip="Write a note on this case", id="case_file.note"),
        Binding(
            "M",
            "meetings",
            "Meetings",
            tooltip="Case conferences and professionals meetings, and their actions",
            show=False,
            id="case_file.meetings",
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            tooltip="Edit client details, the summary, or a chronology entry",
            id="case_file.edit",
        ),
        Binding(
            "c",
            "add_contact",
            "Add contact",
            tooltip="Add someone to the support network",
            show=False,
            id="case_file.add_contact",
        ),
        Binding(
            "p",
            "add_professional",
            "Add professional",
            tooltip="Add another agency's worker",
            show=False,
            id="case_file.add_professional",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            tooltip="Filter the notes (or, on the chronology, its entries) by text",
            id="case_file.filter",
        ),
        Binding(
            "h",
            "history",
            "History",
            tooltip="Changes to the case, client details, network, professionals, chronology",
            show=False,
            id="case_file.history",
        ),
        Binding(
            "v",
            "summary_versions",
            "Versions",
            tooltip="Every saved version of the case summary",
            show=False,
            id="case_file.summary_versions",
        ),
        Binding(
            "a",
            "add_entry",
            "Add",
            tooltip="Add an event to the chronology",
            id="case_file.add_entry",
        ),
        Binding(
            "r",
            "reverse_chronology",
            "Reverse",
            tooltip="Chronology newest or oldest first",
            id="case_file.reverse",
        ),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Export the chronology (as filtered) to Markdown or HTML",
            id="case_file.export",
        ),
        Binding(
            "t",
            "transfer",
            "Transfer",
            tooltip="Transfer the case to another worker (or allocate a referral)",
            show=False,
            id="case_file.transfer",
        ),
        Binding(
            "C",
            "close_or_reopen",
            "Close/reopen",
            tooltip="Close the case, or reopen a closed one",
            show=False,
            id="case_file.close",
        ),
        Binding("ctrl+r,f5", "reload", "Refresh", show=False, id="case_file.reload"),
    ]

    def __init__(self, case_id: int, tab: str = "overview") -> None:
        super().__init__()
        self.case_id = case_id
        self.initial_tab = tab if tab in TABS else "overview"
        self.detail: CaseDetail | None = None
        self.file: CaseFile | None = None
        self._notes: list[NoteSummary] = []
        self._notes_author_shown = True
        self._focus_on_switch: dict[str, str] = {}  # tab -> what to focus when it is shown
        self._built: set[str] = {self.initial_tab}
        # Focused straight away: each change of focus rebuilds the footer.
        self.AUTO_FOCUS = TAB_FOCUS[self.initial_tab]  # type: ignore[misc]  # read when shown
        self._chronology_keys: dict[int, str] | None = None
        # A record just added, to be highlighted when the reload shows it: "contact-3",
        # "professional-5" or "entry-12". (The plan pane does the same for its goals.)
        self._select: str | None = None
        self._pending_tab: str | None = None  # a tab key typed before the screen was up

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Loading…", id="case-title", classes="title")
            yield Static(id="case-status", classes="who")
        with TabbedContent(initial=self.initial_tab, id="tabs"):
            # Only the tab on show is built now; the others when first opened. Building all
            # four (some 140 widgets) cost more than the rest of opening a case together.
            for tab, label in TAB_LABELS.items():
                with TabPane(label, id=tab):
                    if tab == self.initial_tab:
                        yield from self._tab_content(tab)
        yield CaselineFooter()

    def _tab_content(self, tab: str) -> list[Widget]:
        """The widgets of one tab, unmounted."""
        if tab == "overview":
            return [
                VerticalScroll(
                    Static(id="client-details", classes="block"),
                    Static(id="case-details", classes="block"),
                    Static("Support network  (c add · enter edit)", classes="heading"),
                    InOrderOptionList(id="contacts", classes="people"),
                    Static("Professionals involved  (p add · enter edit)", classes="heading"),
                    InOrderOptionList(id="professionals", classes="people"),
                    Static("Case summary  (2 to read · e there to edit)", classes="heading"),
                    SafeMarkdown(id="overview-summary"),
                    id="overview-scroll",
                )
            ]
        if tab == "summary":
            return [
                InOrderScroll(
                    Static(id="summary-age", classes="block"),
                    SafeMarkdown(id="summary-body"),
                    id="summary-scroll",
                )
            ]
        if tab == "notes":
            return [
                Horizontal(
                    SafeInput(placeholder="/ filter notes by text", id="notes-text", compact=True),
                    Select(
                        choices([("All types", ""), *self.caseline.config.note_types]),
                        value="",
                        allow_blank=False,
                        id="notes-type",
                        compact=True,
                    ),
                    id="notes-filter",
                ),
                InOrderOptionList(id="notes-list"),
            ]
        if tab == "plan":
            return [PlanPane(self.case_id, self._case_label(), id="plan-pane")]
        return [ChronologyPane(self.caseline.config.chronology_categories, id="chron")]

    async def _open_tab(self, tab: str) -> None:
        """Build a tab the first time it is shown, and fill it from what is loaded."""
        if tab in self._built:
            return
        self._built.add(tab)
        await self.query_one(f"#{tab}", TabPane).mount_all(self._tab_content(tab))
        if self.file is not None:  # else the load under way fills it
            self._show_tab(tab, self.file)

    async def on_mount(self) -> None:
        self.action_reload()
        if self._pending_tab is not None:
            self.action_tab(self._pending_tab)
            self._pending_tab = None

    def on_screen_resume(self) -> None:
        if self.file is not None:
            self.action_reload()

    # -- loading -------------------------------------------------------------------------

    def action_reload(self) -> None:
        self._load()

    def _notes_filter(self) -> tuple[str, str | None]:
        """The notes tab's text and type filter (none until the tab is built)."""
        if "notes" not in self._built or not self.query("#notes-text"):
            return "", None
        text = self.query_one("#notes-text", Input).value
        note_type = self.query_one("#notes-type", Select).value
        return text, str(note_type or "") or None

    @work(thread=True, exclusive=True, group="case", exit_on_error=False)
    def _load(self) -> None:
        store, me = self.caseline.store, self.caseline.me
        loaded = store.case_file.view(
            me,
            self.case_id,
            notes=self._notes_filter() if "notes" in self._built else None,
            plan="plan" in self._built,
        )
        # Folded for the filter here, off the UI thread.
        keys = ChronologyTable.keys_for(loaded.chronology)
        self.app.call_from_thread(self._show, loaded, keys)

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def _load_plan(self) -> None:
        plan = self.caseline.store.plans.current(self.caseline.me, self.case_id)
        self.app.call_from_thread(self._show_plan, plan)

    def _show_plan(self, plan: PlanInfo | None) -> None:
        pane = self.query_one(PlanPane)
        pane.case_label = self._case_label()
        pane.closed_case = self.detail is not None and self.detail.status is CaseStatus.CLOSED
        self.call_later(pane.show, plan)

    def _take_selection(self, kind: str) -> int | None:
        """The id of the ``kind`` of record just added, once: later reloads keep the cursor
        wherever the worker has moved it since."""
        selected, _, raw = (self._select or "").partition("-")
        if selected != kind or not raw.isdigit():
            return None
        self._select = None
        return int(raw)

    def select_after_reload(self, kind: str, record_id: int) -> None:
        """Highlight this new record (a ``kind`` of "contact", "professional" or "entry")
        when the case is next shown, i.e. when the form that added it has closed."""
        self._select = f"{kind}-{record_id}"

    @work(thread=True, exclusive=True, group="notes", exit_on_error=False)
    def _load_notes(self) -> None:
        text, note_type = self._notes_filter()
        notes = self.caseline.store.notes.for_case(
            self.caseline.me, self.case_id, note_type=note_type, text=text
        )
        self.app.call_from_thread(self._show_notes, notes)

    # -- showing -------------------------------------------------------------------------

    def _show(self, loaded: CaseFile, keys: dict[int, str] | None = None) -> None:
        self.file = loaded
        self._chronology_keys = keys
        detail = self.detail = loaded.detail
        self.query_one("#case-title", Static).update(
            assemble((detail.ref, "bold"), " · ", detail.client_name)
        )
        status = detail.status.value
        if detail.closed_on:
            status += f" {dates.format_date(detail.closed_on)}"
        self.query_one("#case-status", Static).update(status)
        # The tab on show first, so it is painted before the others are filled.
        active = self.query_one("#tabs", TabbedContent).active
        for tab in sorted(self._built, key=lambda t: t != active):
            self._show_tab(tab, loaded)

    def _show_tab(self, tab: str, loaded: CaseFile) -> None:
        if tab == "overview":
            self._show_overview(loaded)
        elif tab == "summary":
            self._show_summary(loaded)
        elif tab == "notes":
            if loaded.notes is not None:
                self._show_notes(loaded.notes)
            else:
                self._load_notes()
        elif tab == "plan":
            if loaded.plan_loaded:
                self._show_plan(loaded.plan)
            else:
                self._load_plan()
        else:
            entry = self._take_selection("entry")
            self.query_one(ChronologyPane).set_entries(
                loaded.chronology, keys=self._chronology_keys, keep_id=entry
            )

    def _show_overview(self, loaded: CaseFile) -> None:
        client, detail = loaded.client, loaded.detail
        dob = "not recorded"
        if client.date_of_birth is not None:
            age = dates.age_in_years(client.date_of_birth)
            dob = f"{dates.format_date(client.date_of_birth)} (age {age})"
        self.query_one("#client-details", Static).update(
            _fields(
                ("Client", client.name),
                ("Born", dob),
                ("Address", client.address or "not recorded"),
                ("Phone", client.phone or "not recorded"),
                ("Language", client.language or "not recorded"),
                ("Identifiers", client.identifiers or "none recorded"),
            )
        )
        held = detail.worker_name or "unallocated"
        if detail.allocated_on:
            held += f" since {dates.format_date(detail.allocated_on)}"
        last = dates.relative_age(
            dates.to_local(detail.last_contact_at) if detail.last_contact_at else None
        )
        lines = [
            ("Worker", held),
            ("Opened", dates.format_date(detail.opened_on)),
            ("Last contact", last),
        ]
        if detail.closed_on is not None:
            reason = f" · {detail.closure_reason}" if detail.closure_reason else ""
            lines.append(("Closed", dates.format_date(detail.closed_on) + reason))
        else:
            review = dates.format_date(detail.next_review_on) or (
                "no date set" if detail.has_plan else "no plan yet: press 5, then N to start one"
            )
            if detail.next_review_on is not None and detail.next_review_on < dates.today():
                review += " — overdue"
            lines.append(("Next review", review))
        lines.append(("Summary", self._summary_age(loaded)))
        self.query_one("#case-details", Static).update(_fields(*lines))

        contacts = [
            Option(
                assemble(
                    (contact.name, "bold"),
                    f" ({contact.relationship})" if contact.relationship else "",
                    f"  {contact.phone}" if contact.phone else "",
                    (f"  {contact.address}" if contact.address else "", "dim"),
                    (f"  {contact.notes}" if contact.notes else "", "dim"),
                ),
                id=f"contact-{contact.id}",
            )
            for contact in loaded.contacts
        ] or [Option("No one recorded yet: press c to add.", disabled=True)]
        contact = self._take_selection("contact")
        _refill(
            self.query_one("#contacts", OptionList),
            contacts,
            select=f"contact-{contact}" if contact is not None else None,
        )

        people = []
        for pro in loaded.professionals:
            ended = pro.ended_on is not None and pro.ended_on <= dates.today()
            role = ", ".join(p for p in (pro.role, pro.agency) if p)
            since = f"  from {dates.format_date(pro.started_on)}" if pro.started_on else ""
            until = f"  until {dates.format_date(pro.ended_on)}" if pro.ended_on else ""
            people.append(
                Option(
                    assemble(
                        (pro.name, "dim" if ended else "bold"),
                        f" · {role}" if role else "",
                        f"  {pro.phone}" if pro.phone else "",
                        f"  {pro.email}" if pro.email else "",
                        (since + until, "dim"),
                    ),
                    id=f"professional-{pro.id}",
                )
            )
        added_pro = self._take_selection("professional")
        _refill(
            self.query_one("#professionals", OptionList),
            people or [Option("No professionals recorded yet: press p to add.", disabled=True)],
            select=f"professional-{added_pro}" if added_pro is not None else None,
        )
        if self.query_one("#tabs", TabbedContent).active == "overview":
            if contact is not None:
                self.query_one("#contacts", OptionList).focus()
            elif added_pro is not None:
                self.query_one("#professionals", OptionList).focus()
        self.query_one("#overview-summary", SafeMarkdown).show(
            loaded.summary.body if loaded.summary else "*No summary yet.*"
        )

    def _summary_age(self, loaded: CaseFile) -> str:
        summary = loaded.summary
        if summary is None:
            return "none yet: press 2, then e to write one"
        updated = dates.to_local(summary.created_at)
        age = dates.relative_age(updated)
        months = self.caseline.config.summary_max_age_months
        stale = dates.add_interval(updated.date(), months=months) < dates.today()
        flag = f" — older than {plural(months, 'month')}: please update" if stale else ""
        return f"updated {age} by {summary.author_name}{flag}"

    def _show_summary(self, loaded: CaseFile) -> None:
        age = self.query_one("#summary-age", Static)
        summary = loaded.summary
        body = self.query_one("#summary-body", SafeMarkdown)
        if summary is None:
            age.update("No summary yet. Press e to write one.")
            body.show("")
            return
        stamp = dates.format_datetime(dates.to_local(summary.created_at))
        versions = loaded.summary_versions
        count = f"{plural(versions, 'version')}, v to see them"
        text = f"{self._summary_age(loaded)} ({stamp}; {count})"
        age.update(assemble(text))
        age.set_class("older than" in text, "stale")
        body.show(summary.body)

    def _notes_with_author(self) -> bool:
        """Whether the notes list is wide enough to name each note's author and still leave
        the text most of the line (the note itself names its author)."""
        width = self.query_one("#notes-list").size.width or self.size.width
        return width >= NOTES_AUTHOR_WIDTH

    def on_resize(self) -> None:
        if (
            "notes" in self._built
            and self._notes
            and self.query("#notes-list")
            and self._notes_with_author() != self._notes_author_shown
        ):
            self._show_notes(self._notes)

    def _show_notes(self, notes: list[NoteSummary]) -> None:
        self._notes = notes
        options = []
        with_author = self._notes_author_shown = self._notes_with_author()
        for note in notes:
            when = dates.to_local(note.contact_at)
            marks = ("★" if note.significant else " ") + (
                f" +{note.amendments}" if note.amendments else ""
            )
            author = note.author_name.split(" ")[0][:10].ljust(10) + " " if with_author else ""
            options.append(
                Option(
                    assemble(
                        (f"{dates.format_date(when.date())} {when:%H:%M}", "bold"),
                        f" {note.note_type:<12} ",
                        (author, "dim"),
                        f"{marks} ",
                        note.first_line,
                    ),
                    id=f"note-{note.id}",
                )
            )
        if not notes:
            empty = (
                "No notes match."
                if self._notes_filtered()
                else "No notes yet: press n to write one."
            )
            options.append(Option(empty, disabled=True))
        _refill(self.query_one("#notes-list", OptionList), options)

    def _notes_filtered(self) -> bool:
        return bool(
            self.query_one("#notes-text", Input).value.strip()
            or self.query_one("#notes-type", Select).value
        )

    # -- events --------------------------------------------------------------------------

    @on(Input.Changed, "#notes-text")
    @on(Select.Changed, "#notes-type")
    def _notes_filter_changed(self) -> None:
        self._load_notes()

    @on(Input.Submitted, "#notes-text")
    def _notes_filter_done(self) -> None:
        self.query_one("#notes-list", OptionList).focus()

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        kind, _, raw = option_id.partition("-")
        if not raw.isdigit():
            return
        record_id = int(raw)
        if kind == "note":
            from tui.screens.note_view import NoteViewScreen

            self.app.push_screen(NoteViewScreen(record_id))
        elif kind == "contact" and self.file:
            contact = next(c for c in self.file.contacts if c.id == record_id)
            self._edit_contact(contact)
        elif kind == "professional" and self.file:
            pro = next(p for p in self.file.professionals if p.id == record_id)
            self._edit_professional(pro)

    @on(TabbedContent.TabActivated)
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id or ""
        await self._open_tab(pane)
        # A tab switched to by `/` gives the focus to its filter box, even if the switch is
        # announced after the filter was focused (and typing into it began).
        focus = self._focus_on_switch.pop(pane, None) or TAB_FOCUS.get(pane)
        if focus and not self.query_one(focus).has_focus:
            self.query_one(focus).focus()  # which refreshes the footer's keys too
        else:
            self.refresh_bindings()

    CHRONOLOGY_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"add_entry", "reverse_chronology", "export"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            # On the plan, e rewords a goal (the plan's own key) and never edits the client.
            tabs = self.query("#tabs")
            return not (bool(tabs) and tabs.first(TabbedContent).active == "plan")
        if action in self.CHRONOLOGY_ACTIONS:
            # False, not None: the footer drops these keys on the other tabs.
            tabs = self.query("#tabs")
            return bool(tabs) and tabs.first(TabbedContent).active == "chronology"
        return True

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        focused = self.focused
        if focused is not None and focused.id == "notes-text":
            self.query_one("#notes-list", OptionList).focus()
            return
        if focused is not None and focused.id in ("chron-text", "chron-period", "chron-category"):
            self.query_one(ChronologyTable).focus()
            return
        self.dismiss(None)

    def action_history(self) -> None:
        if self.detail is None:
            return
        from tui.screens.history import HistoryScreen

        self.app.push_screen(
            HistoryScreen(self.detail.id, f"{self.detail.ref} · {self.detail.client_name}")
        )

    def action_meetings(self) -> None:
        if self.detail is None:
            return
        from tui.screens.conferences import ConferencesScreen

        self.app.push_screen(ConferencesScreen(self.detail.id, self._case_label()))

    def action_summary_versions(self) -> None:
        if self.detail is None:
            return
        from tui.screens.summary_versions import SummaryVersionsScreen

        self.app.push_screen(SummaryVersionsScreen(self.detail.id, self._case_label()))

    def action_tab(self, tab: str) -> None:
        tabs = self.query("#tabs")
        if not tabs:
            # Typed ahead, before the screen is up (enter then 3 in one burst): shown once it is.
            self._pending_tab = tab
            return
        tabs.first(TabbedContent).active = tab

    async def action_filter(self) -> None:
        if self.query_one("#tabs", TabbedContent).active == "chronology":
            self.query_one("#chron-text", Input).focus()
            return
        if self.query_one("#tabs", TabbedContent).active != "notes":
            self._focus_on_switch["notes"] = "#notes-text"
        self.action_tab("notes")
        await self._open_tab("notes")
        self.query_one("#notes-text", Input).focus()

    def action_new_note(self) -> None:
        detail = self.detail
        if detail is None:
            return
        if detail.status.value == "closed":
            self.notify(f"Case {detail.ref} is closed; notes can't be added.", markup=False)
            return
        self.caseline.open_note_editor(detail.id, case_label=f"{detail.ref} · {detail.client_name}")

    async def action_edit(self) -> None:
        active = self.query_one("#tabs", TabbedContent).active
        # A key typed straight after the tab's number can come before the tab is built.
        await self._open_tab(active)
        if active == "summary":
            self._edit_summary()
        elif active == "chronology":
            entry = self.query_one(ChronologyTable).highlighted
            if entry is not None:
                from tui.screens.chronology_entry import edit_entry_screen

                self.app.push_screen(
                    edit_entry_screen(self.caseline, entry, self._case_label()),
                    self._after_save(
                        "Entry saved; the earlier version is kept in its history."
                        if entry.is_manual
                        else "Analysis saved."
                    ),
                )
        else:
            self._edit_client()

    @on(ChronologyTable.Selected)
    def _entry_selected(self, event: ChronologyTable.Selected) -> None:
        from tui.screens.chronology_entry import open_source

        open_source(self.caseline, event.row, self._case_label())

    def _case_label(self) -> str:
        return f"{self.detail.ref} · {self.detail.client_name}" if self.detail else ""

    def action_add_entry(self) -> None:
        if self.detail is None:
            return
        from tui.screens.chronology_entry import new_entry_screen

        self.app.push_screen(
            new_entry_screen(self.caseline, self.detail.id, self._case_label()),
            self._after_save("Added to the chronology.", select="entry"),
        )

    async def action_reverse_chronology(self) -> None:
        await self._open_tab("chronology")
        self.query_one(ChronologyPane).reverse()

    async def action_export(self) -> None:
        if self.detail is None:
            return
        from tui.screens.export import ExportScreen, chronology_export

        await self._open_tab("chronology")
        pane = self.query_one(ChronologyPane)
        export = chronology_export(self.detail, list(pane.table.rows), pane.filter_description())
        self.app.push_screen(ExportScreen(self.detail, export))

    def action_transfer(self) -> None:
        if self.detail is not None:
            self._transfer(self.detail)

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _transfer(self, detail: CaseDetail) -> None:
        workers = self.caseline.store.workers.active()
        self.app.call_from_thread(self._show_transfer, detail, workers)

    def _show_transfer(self, detail: CaseDetail, workers: list[WorkerInfo]) -> None:
        from tui.screens.lifecycle import transfer_screen

        if detail.status is CaseStatus.CLOSED:
            self.notify(f"Case {detail.ref} is closed; reopen it (C) first.", markup=False)
            return
        if not any(w.id != detail.worker_id for w in workers):
            self.notify("There is no other worker to transfer the case to.", markup=False)
            return
        self.app.push_screen(
            transfer_screen(self.caseline, detail, workers),
            self._after_save("Case transferred; the chronology records it."),
        )

    def action_close_or_reopen(self) -> None:
        from tui.screens.lifecycle import close_screen, reopen_screen

        detail = self.detail
        if detail is None:
            return
        if detail.status is CaseStatus.CLOSED:
            self.app.push_screen(
                reopen_screen(self.caseline, detail), self._after_save("Case reopened.")
            )
        else:
            self.app.push_screen(
                close_screen(self.caseline, detail), self._after_save("Case closed.")
            )

    def _after_save(self, message: str, *, select: str = "") -> Any:
        """Say what was saved; ``select``: the kind of record added, highlighted once shown.
        No reload here: coming back to this screen reloads it (on_screen_resume)."""

        def done(result: object) -> None:
            if result is not None:
                self.notify(message, markup=False)
                record_id = getattr(result, "id", None)
                if select and isinstance(record_id, int):
                    self.select_after_reload(select, record_id)

        return done

    def _edit_client(self) -> None:
        if self.file is None:
            return
        client = self.file.client
        store, me, dayfirst = self.caseline.store, self.caseline.me, self.caseline.config.dayfirst
        values = {
            "name": client.name,
            "address": client.address,
            "phone": client.phone,
            "language": client.language,
            "identifiers": client.identifiers,
            "date_of_birth": dates.format_date(client.date_of_birth),
        }

        def save(form: dict[str, str], version: int) -> ClientInfo:
            return store.case_file.update_client(
                me, client.id, form, version=version, dayfirst=dayfirst
            )

        self.app.push_screen(
            FormScreen(
                "Client details",
                CLIENT_FIELDS,
                values,
                save,
                subtitle=client.name,
                draft_key=f"client:{client.id}",
                version=client.version,
            ),
            self._after_save("Client details saved; the old values are kept in the history."),
        )

    def action_add_contact(self) -> None:
        if self.file is None:
            return
        store, me, client_id = self.caseline.store, self.caseline.me, self.file.client.id
        self.app.push_screen(
            FormScreen(
                "Support network",
                CONTACT_FIELDS,
                {},
                lambda form: store.case_file.add_contact(me, client_id, form),
                subtitle=self._case_label(),
                draft_key=f"contact_new:{client_id}",
            ),
            self._after_save("Added to the support network.", select="contact"),
        )

    def _edit_contact(self, contact: ContactInfo) -> None:
        store, me = self.caseline.store, self.caseline.me
        values = {f.name: str(getattr(contact, f.name)) for f in CONTACT_FIELDS}
        self.app.push_screen(
            FormScreen(
                "Support network",
                CONTACT_FIELDS,
                values,
                lambda form, version: store.case_file.update_contact(
                    me, contact.id, form, version=version
                ),
                remove=lambda version: store.case_file.remove_contact(
                    me, contact.id, version=version
                ),
                subtitle=self._case_label(),
                version=contact.version,
            ),
            self._after_save("Support network updated."),
        )

    def action_add_professional(self) -> None:
        if self.detail is None:
            return
        store, me, case_id = self.caseline.store, self.caseline.me, self.detail.id
        dayfirst = self.caseline.config.dayfirst
        self.app.push_screen(
            FormScreen(
                "Professionals involved",
                PROFESSIONAL_FIELDS,
                {},
                lambda form: store.case_file.add_professional(me, case_id, form, dayfirst=dayfirst),
                subtitle=self._case_label(),
                draft_key=f"professional_new:{case_id}",
            ),
            self._after_save("Professional added.", select="professional"),
        )

    def _edit_professional(self, pro: ProfessionalInfo) -> None:
        store, me, dayfirst = self.caseline.store, self.caseline.me, self.caseline.config.dayfirst
        values = {f.name: str(getattr(pro, f.name) or "") for f in PROFESSIONAL_FIELDS}
        for key in ("started_on", "ended_on"):
            value = getattr(pro, key)
            values[key] = dates.format_date(value) if value else ""
        self.app.push_screen(
            FormScreen(
                "Professionals involved",
                PROFESSIONAL_FIELDS,
                values,
                lambda form, version: store.case_file.update_professional(
                    me, pro.id, form, version=version, dayfirst=dayfirst
                ),
                remove=lambda version: store.case_file.remove_professional(
                    me, pro.id, version=version
                ),
                subtitle=self._case_label(),
                version=pro.version,
            ),
            self._after_save("Professional updated."),
        )

    def _edit_summary(self) -> None:
        if self.detail is None or self.file is None:
            return
        from tui.screens.summary_editor import SummaryEditorScreen

        summary = self.file.summary
        base = summary.id if summary else None

        def done(saved: object) -> None:
            if saved is None:
                return
            # The same text again is not a new version: the store hands back the current one.
            unchanged = getattr(saved, "id", None) == base
            self.notify(
                "Nothing changed." if unchanged else "Summary saved as a new version.",
                markup=False,
            )

        self.app.push_screen(
            SummaryEditorScreen(
                self.detail.id,
                f"{self.detail.ref} · {self.detail.client_name}",
                summary.body if summary else "",
                base=base,
            ),
            done,
        )


def _refill(options: OptionList, new: list[Option], *, select: str | None = None) -> None:
    """Replace a list's options, highlighting option ``select`` (a record just added), else
    keeping the highlight on the same record if it is still there, else on the first one
    that can be chosen (so enter works straight away)."""
    current = options.highlighted_option
    keep = current.id if current is not None else None
    if select is not None and select in {o.id for o in new}:
        keep = select
    options.clear_options()
    options.add_options(new)
    ids = [o.id for o in new]
    if keep is not None and keep in ids:
        options.highlighted = ids.index(keep)
        return
    options.highlighted = next((i for i, o in enumerate(new) if not o.disabled), None)


def _fields(*pairs: tuple[str, str]) -> Content:
    """Label/value lines; the values are user text, so they go in literally."""
    return Content("\n").join(assemble((f"{label:<13}", "dim"), value) for label, value in pairs)
