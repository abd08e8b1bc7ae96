"""A case's file: overview, summary, notes, chronology and plan, each a key away.

The screen holds the header, the tabs and the keys; each tab's content is built and filled
by its own module (``overview``, ``summary``, ``notes_list``, the chronology's and the plan's
panes), and the forms it opens are beside it (``network``, ``lifecycle``)."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from store.case_file.records import CaseFile
from store.cases.records import CaseDetail
from store.chronology.records import ChronologyItem
from store.common.errors import NotFound, NotPermitted, ReasonNeeded, StoreError
from store.common.records import CaseStatus
from store.plans.records import PlanInfo
from store.reminders.records import CaseHealth
from tui.freshness import if_changed
from tui.screens.base import CaselineScreen
from tui.screens.case_file import network
from tui.screens.case_file.keys import CASE_FILE_KEYS
from tui.screens.case_file.notes_list import NotesList, notes_content
from tui.screens.case_file.opening import (
    Shown,
    case_reader,
    focus_first,
    hold_first_paint,
)
from tui.screens.case_file.overview import overview_content, show_overview
from tui.screens.case_file.restriction import offer_restriction, reason_screen
from tui.screens.case_file.summary import (
    edit_summary,
    show_summary,
    summary_age,
    summary_content,
)
from tui.screens.case_file.switching import TabSwitching
from tui.screens.case_file.tabs import EXTRA_TABS, CasePane, case_screen, load, select_found
from tui.screens.chronology.pane import ChronologyPane, ChronologyTable
from tui.screens.plan.pane import PlanPane
from tui.screens.today.health import case_status, show_health
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.textual_fixes import DrawnOnceOnResume
from tui.workers import report, run_store

TAB_LABELS = {
    "overview": "1 Overview",
    "summary": "2 Summary",
    "notes": "3 Notes",
    "chronology": "4 Chronology",
    "plan": "5 Plan",
} | {tab.id: tab.label for tab in EXTRA_TABS}
TABS = tuple(TAB_LABELS)
TAB_FOCUS = {  # what has the focus when a tab is shown
    "overview": "#contacts",
    "summary": "#summary-scroll",
    "notes": "#notes-list",
    "chronology": "#chron-table",
    "plan": "#plan-pane",
} | {tab.id: tab.focus for tab in EXTRA_TABS}
EXTRA = {tab.id: tab for tab in EXTRA_TABS}


class CaseFileScreen(DrawnOnceOnResume, TabSwitching, HoldsInput, CaselineScreen[None]):
    """One case: who the client is, who is involved, what has happened and what is written."""

    CSS_PATH = "case_file.tcss"

    BINDINGS: ClassVar[list[BindingType]] = CASE_FILE_KEYS

    def __init__(
        self, case_id: int, tab: str = "overview", select: tuple[str, int] | None = None
    ) -> None:
        super().__init__()
        self.case_id = case_id
        self.initial_tab = tab if tab in TABS else "overview"
        self._found = select  # (kind, id) of a record to highlight on that tab once read
        self.detail: CaseDetail | None = None
        self.file: CaseFile | None = None
        self.notes_list = NotesList(self)
        self._focus_on_switch: dict[str, str] = {}  # tab -> what to focus when it is shown
        # The tabs built so far, each with what is set once it is (the first: at once).
        self._built: dict[str, asyncio.Event] = {self.initial_tab: asyncio.Event()}
        self._built[self.initial_tab].set()
        # Focused straight away: each change of focus rebuilds the footer.
        self.AUTO_FOCUS = ""  # type: ignore[misc]  # the tab's own focus, once the case is shown
        self._chronology_keys: dict[int, str] | None = None
        # A record just added, to be highlighted when the reload shows it: "contact-3",
        # "professional-5" or "entry-12". (The plan pane does the same for its goals.)
        self._select: str | None = None
        self._read_version: int | None = None  # the store's version when the case was read
        self._first_shown = asyncio.Event()  # set once the case is shown (or can't be)
        self._mounted = asyncio.Event()  # what is read first is shown once this is set

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._load(opening=True)  # read while the widgets are built
        with Horizontal(classes="title-bar"):
            yield Static("Loading…", id="case-title", classes="title")
            yield Static(id="case-status", classes="who")
        yield Static(id="case-health")
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
            return overview_content(chosen=self._choose)
        if tab == "summary":
            return summary_content()
        if tab == "notes":
            types = self.caseline.config.note_types
            return notes_content(types, self._choose, self._notes_filter_changed, self._notes_done)
        if tab == "plan":
            return [PlanPane(self.case_id, self._case_label(), id="plan-pane")]
        if tab in EXTRA:
            return [load(EXTRA[tab].pane)(self.case_id, self._case_label(), id=f"{tab}-pane")]
        categories = self.caseline.config.chronology_categories
        return [ChronologyPane(categories, id="chron", chosen=self._entry_chosen)]

    async def _open_tab(self, tab: str, *, inside: bool = False) -> None:
        """Build a tab the first time it is shown, and fill it from what is loaded. ``inside``:
        for a key that reads what the tab's parts compose (4 then x at once), wait until a
        build under way is done; other callers go on at once (a box to focus is there)."""
        if tab in self._built:
            if inside:
                await self._built[tab].wait()
            return
        ready = self._built[tab] = asyncio.Event()
        try:
            await self.query_one(f"#{tab}", TabPane).mount_all(self._tab_content(tab))
            if self.file is not None:  # else the load under way fills it
                self._show_tab(tab, self.file)
        finally:
            ready.set()

    async def on_mount(self) -> None:
        self._mounted.set()
        await hold_first_paint(self, self._first_shown)  # the first frame shows the case
        focus_first(self, TAB_FOCUS[self.initial_tab])
        self.query_one(CaselineFooter).show_keys()  # with the keys the case allows
        if self._pending_tab is not None and not self.focus_in(self._pending_tab):
            self.action_tab(self._pending_tab)  # not if `/` typed ahead put it in its filter

    def on_screen_resume(self) -> None:
        # Back from a note, a form, another screen: read again only if anything was written.
        if self.file is not None:
            store = self.caseline.store
            if_changed(self, store, self._read_version, self._load, name="case-changed")

    # -- loading -------------------------------------------------------------------------

    def action_reload(self) -> None:
        self._load()

    def records_changed(self) -> None:
        """A colleague changed something: read the case again (lists and filters kept)."""
        self._load()

    def _load(self, *, opening: bool = False) -> None:
        """Read the case; ``opening`` (once, when the screen opens) audits the reading."""
        store, me, case_id = self.caseline.store, self.caseline.me, self.case_id
        # What the built tabs need, read here on the UI thread.
        # Every note, unfiltered: the notes tab filters them in memory.
        notes = ("", None) if "notes" in self._built else None
        plan = "plan" in self._built

        load = case_reader(store, me, case_id, notes=notes, plan=plan, opening=opening)

        def not_opened(error: StoreError) -> None:
            """A restricted case asks why first; a case this worker may not open (now: it
            may have just been restricted, or moved on), or gone, is said and left (once
            the screen is up: its first paint waits no longer)."""
            if not self._first_shown.is_set():
                self._first_shown.set()
                self.call_later(not_opened, error)
                return
            if isinstance(error, ReasonNeeded):
                asked = reason_screen(error.message, load)
                self.app.push_screen(asked, lambda shown: self._opened_with_reason(shown))
                return
            report(self.app, error)
            if isinstance(error, NotPermitted | NotFound):
                self.dismiss(None)

        async def show(shown: Shown) -> None:
            await self._mounted.wait()
            self._show(*shown)

        run_store(self, load, done=show, failed=not_opened, name="case")

    def _opened_with_reason(self, shown: Shown | None) -> None:
        if shown is None:  # not said why: not opened
            self.dismiss(None)
        else:
            self._show(*shown)

    def _load_plan(self) -> None:
        store, me, case_id = self.caseline.store, self.caseline.me, self.case_id
        self.fill_tab(
            "plan",
            lambda: store.plans.current(me, case_id),
            lambda plan: self._plan_pane().show(plan),
            name="plan",
        )

    def _show_plan(self, plan: PlanInfo | None) -> None:
        self.call_later(self._plan_pane().show, plan)

    def _plan_pane(self) -> PlanPane:
        pane = self.query_one(PlanPane)
        pane.case_label = self._case_label()
        pane.closed_case = self.detail is not None and self.detail.status is CaseStatus.CLOSED
        return pane

    def _take_selection(self, kind: str) -> int | None:
        """The id of the ``kind`` of record just added, once (then the cursor stays put)."""
        selected, _, raw = (self._select or "").partition("-")
        if selected != kind or not raw.isdigit():
            return None
        self._select = None
        return int(raw)

    def select_after_reload(self, kind: str, record_id: int) -> None:
        """Highlight this new record (a ``kind`` of "contact", "professional" or "entry")
        when the case is next shown, i.e. when the form that added it has closed."""
        self._select = f"{kind}-{record_id}"

    # -- showing -------------------------------------------------------------------------

    def _show(
        self,
        loaded: CaseFile,
        keys: dict[int, str] | None = None,
        version: int | None = None,
        health: CaseHealth | None = None,
    ) -> None:
        self.file = loaded
        self._read_version = version
        self._chronology_keys = keys
        detail = self.detail = loaded.detail
        self.query_one("#case-title", Static).update(
            assemble((detail.ref, "bold"), " · ", detail.client_name)
        )
        days = self.caseline.config.consent_expiring_days
        self.query_one("#case-status", Static).update(case_status(detail, loaded.read_only, days))
        if health is not None:
            show_health(self, health)
        self.refresh_bindings()  # what the rules allow this worker to do here
        # The tab on show first, so it is painted before the others are filled.
        active = self.query_one("#tabs", TabbedContent).active
        # A tab still being built is filled when its build is done (``_open_tab``).
        built = [tab for tab, done in self._built.items() if done.is_set()]
        for tab in sorted(built, key=lambda t: t != active):
            self._show_tab(tab, loaded)
        self._first_shown.set()

    def _show_tab(self, tab: str, loaded: CaseFile) -> None:
        if tab == "overview":
            self._show_overview(loaded)
        elif tab == "summary":
            self._show_summary(loaded)
        elif tab == "notes":
            if loaded.notes is not None:
                self.notes_list.set_notes(loaded.notes)
            else:
                self.notes_list.load(self.case_id)
        elif tab in EXTRA:
            self.query_one(f"#{tab}-pane", CasePane).case_shown(loaded)
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
        if self._found is not None and tab == self.initial_tab:
            select_found(self, tab, loaded, *self._found)
            self._found = None

    def _show_overview(self, loaded: CaseFile) -> None:
        show_overview(
            self,
            loaded,
            summary_age(loaded, self.caseline.config.summary_max_age_months),
            contact=self._take_selection("contact"),
            professional=self._take_selection("professional"),
        )

    def _show_summary(self, loaded: CaseFile) -> None:
        show_summary(self, loaded, self.caseline.config.summary_max_age_months)

    def on_resize(self) -> None:
        if "notes" in self._built:
            self.notes_list.resized()

    # -- events --------------------------------------------------------------------------

    @on(Select.Changed, "#notes-type")
    def _notes_filter_changed(self, *_changed: object) -> None:
        # In memory, no database call per key; the text's in the key's turn (changed_now).
        self.notes_list.apply_filter()

    def _notes_done(self) -> None:
        self.set_focus(self.query_one("#notes-list", OptionList))  # now, for the next key

    def _choose(self, option: Option) -> None:
        """What `enter` or a click on a note, a contact or a professional opens, in its turn
        (the lists' ``chosen``)."""
        option_id = option.id or ""
        kind, _, raw = option_id.partition("-")
        if not raw.isdigit():
            return
        record_id = int(raw)
        if kind == "note":
            from tui.screens.notes.note_view import NoteViewScreen

            self.app.push_screen(NoteViewScreen(record_id))
        elif kind == "contact" and self.file:
            contact = next(c for c in self.file.contacts if c.id == record_id)
            network.edit_contact(
                self.caseline,
                contact,
                self._case_label(),
                self._after_save("Support network updated."),
            )
        elif kind == "professional" and self.file:
            pro = next(p for p in self.file.professionals if p.id == record_id)
            network.edit_professional(
                self.caseline, pro, self._case_label(), self._after_save("Professional updated.")
            )

    @on(TabbedContent.TabActivated)
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id or ""
        if self._pending_tab not in (None, pane):  # the first tab's focus put it back
            self.action_tab(self._pending_tab)
            return
        await self._open_tab(pane)
        # A tab switched to by `/` (or by 3 then `/`) gives the focus to its filter box, even
        # if the switch is announced after the filter was focused (and typing into it began).
        focus = self._focus_on_switch.pop(pane, None) or TAB_FOCUS.get(pane, "")
        focus = "" if self.focus_in(pane) else focus  # put there since the switch: left there
        if focus and not self.query(focus):
            await self._open_tab(pane, inside=True)  # a key typed with the tab's (4x) builds it
        targets = self.query(focus) if focus else None
        if targets and not targets.first().has_focus:
            # Now, not later as focus() does: a later one would undo a `/` typed meanwhile.
            self.set_focus(targets.first())  # which refreshes the footer's keys too
        else:
            self.tab_reached()  # the focus is in it already, or nothing in it takes it
            self.refresh_bindings()

    CHRONOLOGY_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"add_entry", "reverse_chronology", "export"}
    )

    # What changes the case's records, and what changes its life: not offered (not in the
    # footer, not run) to a worker the rules don't let do it; the title says "read only".
    WRITE_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"new_note", "edit", "add_contact", "add_professional", "add_entry"}
    )
    MANAGE_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"transfer", "close_or_reopen", "restrict"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        loaded = self.file
        if loaded is not None and (
            (action in self.WRITE_ACTIONS and loaded.read_only)
            or (action in self.MANAGE_ACTIONS and loaded.no_manage)
        ):
            return False
        if action == "edit":
            # On the plan, e rewords a goal (the plan's own key) and never edits the client;
            # nor on a tab of its own area, whose e is its own.
            return self.active_tab not in ("plan", *EXTRA)
        if action in self.CHRONOLOGY_ACTIONS:
            # False, not None: the footer drops these keys on the other tabs.
            return self.active_tab == "chronology"
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
        from tui.screens.case_file.history import HistoryScreen

        self.app.push_screen(
            HistoryScreen(self.detail.id, f"{self.detail.ref} · {self.detail.client_name}")
        )

    def action_audit_history(self) -> None:
        """The case's audit history, read now; refused in a notification to other roles."""
        if self.detail is not None:
            from tui.screens.case_file.audit_history import show_audit_history

            show_audit_history(self, self.case_id, self._case_label())

    def action_meetings(self) -> None:
        if self.detail is None:
            return
        from tui.screens.meetings.conferences import ConferencesScreen

        self.app.push_screen(ConferencesScreen(self.detail.id, self._case_label()))

    def action_case_screen(self, name: str) -> None:
        if self.detail is not None:
            self.app.push_screen(case_screen(name)(self.detail.id, self._case_label()))

    def action_summary_versions(self) -> None:
        if self.detail is None:
            return
        from tui.screens.case_file.summary_versions import SummaryVersionsScreen

        self.app.push_screen(SummaryVersionsScreen(self.detail.id, self._case_label()))

    def action_tab(self, tab: str) -> None:
        self.going_to(tab)
        built = self._built.get(tab)
        focus = TAB_FOCUS.get(tab) if built is not None and built.is_set() else None
        self.switch_tab(tab, focus if tab not in self._focus_on_switch else None)

    async def action_filter(self) -> None:
        if self.query_one("#tabs", TabbedContent).active == "chronology":
            await self._open_tab("chronology", inside=True)  # 4 and / at once: built first
            self.set_focus(self.query_one("#chron-text", Input))
            return
        if self.query_one("#tabs", TabbedContent).active != "notes":
            self._focus_on_switch["notes"] = "#notes-text"
        self.action_tab("notes")
        await self._open_tab("notes", inside=True)  # its build may be under way already
        # Now, not later as focus() does: the keys queued behind `/` go to the filter.
        self.set_focus(self.query_one("#notes-text", Input))

    async def action_new_note(self) -> None:
        detail = self.detail
        if detail is None:
            return
        if detail.status.value == "closed":
            self.notify(f"Case {detail.ref} is closed; notes can't be added.", markup=False)
            return
        await self.caseline.start_note(detail.id, f"{detail.ref} · {detail.client_name}")

    async def action_edit(self) -> None:
        active = self.query_one("#tabs", TabbedContent).active
        # A key typed straight after the tab's number can come before the tab is built.
        await self._open_tab(active, inside=True)
        if active == "summary":
            self._edit_summary()
        elif active == "chronology":
            entry = self.query_one(ChronologyTable).highlighted
            if entry is not None:
                from tui.screens.chronology.entry import edit_entry_screen

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

    def _entry_chosen(self, entry: ChronologyItem) -> None:
        """enter on an entry (in its own turn): the record it is about."""
        from tui.screens.chronology.entry import open_source

        open_source(self.caseline, entry, self._case_label())

    def _case_label(self) -> str:
        return f"{self.detail.ref} · {self.detail.client_name}" if self.detail else ""

    def action_add_entry(self) -> None:
        if self.detail is None:
            return
        from tui.screens.chronology.entry import new_entry_screen

        self.app.push_screen(
            new_entry_screen(self.caseline, self.detail.id, self._case_label()),
            self._after_save("Added to the chronology.", select="entry"),
        )

    async def action_reverse_chronology(self) -> None:
        await self._open_tab("chronology", inside=True)
        self.query_one(ChronologyPane).reverse()

    async def action_export(self) -> None:
        if self.detail is None:
            return
        from tui.screens.export import ExportScreen, chronology_export

        await self._open_tab("chronology", inside=True)
        pane = self.query_one(ChronologyPane)
        export = chronology_export(self.detail, list(pane.table.rows), pane.filter_description())
        self.app.push_screen(ExportScreen(self.detail, export))

    async def action_handover(self) -> None:
        from tui.screens.export import offer_handover

        if self.detail is not None:
            await offer_handover(self, self.detail.id)

    async def action_transfer(self) -> None:
        from tui.screens.case_file.lifecycle import transfer

        if self.detail is not None:
            await transfer(
                self, self.detail, self._after_save("Case transferred; the chronology records it.")
            )

    def action_close_or_reopen(self) -> None:
        from tui.screens.case_file.lifecycle import close_or_reopen

        if self.detail is not None:
            close_or_reopen(self, self.detail, self._after_save)

    async def action_restrict(self) -> None:
        if self.detail is not None:
            await offer_restriction(self, self.detail.id, self._after_save("Restriction saved."))

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
        if self.file is not None:
            network.edit_client(
                self.caseline,
                self.file.client,
                self._after_save("Client details saved; the old values are kept in the history."),
            )

    def action_add_contact(self) -> None:
        if self.file is not None:
            network.add_contact(
                self.caseline,
                self.file.client.id,
                self._case_label(),
                self._after_save("Added to the support network.", select="contact"),
            )

    def action_add_professional(self) -> None:
        if self.detail is not None:
            network.add_professional(
                self.caseline,
                self.detail.id,
                self._case_label(),
                self._after_save("Professional added.", select="professional"),
            )

    def _edit_summary(self) -> None:
        if self.detail is not None and self.file is not None:
            edit_summary(self, self.detail, self.file)
