"""The caseload: the worker's cases at a glance, filtered as they type."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Input, Static

from store.cases.records import flag_labels
from store.common import dates
from tui.freshness import if_changed, versioned
from tui.screens.base import CaselineScreen
from tui.screens.caseload.case_table import HIDDEN_CLOSED, HIDDEN_MINE, CaseTable
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.safe import SafeInput
from tui.widgets.textual_fixes import DrawnOnceOnResume
from tui.workers import run_store

if TYPE_CHECKING:
    from store.cases.records import CaseRow, TransferredCases
    from store.notes.records import DraftInfo, LeftDraft

# Whose cases ``w`` shows besides the worker's own, by role (the store keeps to the rules;
# this only names what it gives). A role not here has no wider view.
WIDER = {"supervisor": "My team's", "manager": "All workers'", "auditor": "All workers'"}
OWN_ONLY = {
    "worker": "Your caseload is the cases allocated to you; a supervisor sees the team's.",
    "administrator": "An administrator's account opens no case records.",
}
NO_CASES = {
    "worker": "No open cases allocated to you. Press a to add one.",
    "supervisor": "No open cases allocated to you. Press a to add one, w for your team's.",
    "manager": "No open cases allocated to you. Press a to add one, w for all workers' cases.",
    "auditor": "No cases are allocated to an auditor: press w for all workers' cases.",
    "administrator": "An administrator's account opens no case records: workers are managed "
    "with caseline admin.",
}


class CaseloadScreen(DrawnOnceOnResume, HoldsInput, CaselineScreen[None]):
    """The list of cases: mine or everyone's, open or closed."""

    CSS_PATH = "caseload.tcss"
    AUTO_FOCUS = "CaseTable"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "new_case", "Add", tooltip="Create a new client and case", id="caseload.add"),
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            tooltip="Filter by client name or ref",
            id="caseload.filter",
        ),
        Binding(
            "w",
            "toggle_scope",
            "All/mine",
            tooltip="Switch between my cases and all workers' cases",
            id="caseload.scope",
        ),
        Binding(
            "x",
            "toggle_closed",
            "Closed/open",
            tooltip="Switch between open and closed cases",
            id="caseload.closed",
        ),
        Binding("s", "cycle_sort", "Sort", tooltip="Sort by the next column", id="caseload.sort"),
        Binding(
            "r",
            "reverse_sort",
            "Reverse",
            tooltip="Reverse the sort order",
            show=False,
            id="caseload.reverse",
        ),
        Binding(
            "ctrl+r,f5",
            "reload",
            "Refresh",
            tooltip="Reload the caseload from the database",
            show=False,
            id="caseload.reload",
        ),
        Binding(
            "space",
            "mark",
            "Mark",
            tooltip="Mark the highlighted case (or unmark it), to transfer several at once",
            show=False,
            id="caseload.mark",
        ),
        Binding(
            "T",
            "transfer",
            "Transfer",
            tooltip="Transfer the marked cases (or the highlighted one) to another worker",
            show=False,
            id="caseload.transfer",
        ),
        Binding(
            "escape",
            "escape",
            "Clear filter",
            tooltip="Leave the filter; again to clear the marks, then the filter",
            show=False,
            id="caseload.escape",
        ),
        Binding(
            "n",
            "new_note",
            "Note",
            tooltip="Write a note on the highlighted case",
            id="caseload.note",
        ),
        Binding(
            "c",
            "chronology",
            "Chronology",
            tooltip="The highlighted case's chronology",
            show=False,
            id="caseload.chronology",
        ),
        Binding(
            "g",
            "today",
            "Today",
            tooltip="What needs doing: overdue, today, this week and later",
            show=False,
            id="caseload.today",
        ),
        Binding(
            "d",
            "drafts",
            "Drafts",
            tooltip="Your unsaved draft notes, and those left on your cases by others",
            show=False,
            id="caseload.drafts",
        ),
        Binding(
            "t",
            "team",
            "Team",
            tooltip="Your team's caseloads, for supervision",
            show=False,
            id="caseload.team",
        ),
        Binding(
            "S",
            "supervision",
            "Supervision",
            tooltip="Your own supervision record",
            show=False,
            id="caseload.supervision",
        ),
        Binding(
            "D",
            "directory",
            "Directory",
            tooltip="The directory of community resources: services to refer to",
            show=False,
            id="caseload.directory",
        ),
        Binding("q", "app.quit", "Quit", tooltip="Quit Caseline", id="caseload.quit"),
    ]

    scope: reactive[Literal["mine", "all"]] = reactive("mine", init=False)
    """Whose cases: the worker's own, or all workers'."""

    closed: reactive[bool] = reactive(False, init=False)
    """Closed cases rather than open ones."""

    # Not repainting the screen when set: the lines that say so are updated themselves.
    fetching: reactive[bool] = reactive(False, repaint=False)
    """A load from the database is under way."""

    def __init__(self) -> None:
        super().__init__()
        self._said: dict[str, str] = {}  # what each one-line Static says now
        self._read_version: int | None = None  # the store's version when the rows were read

    @property
    def table(self) -> CaseTable:
        return self.query_one(CaseTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(id="view-title", classes="title")
            yield Static(id="who", classes="who")
        yield SafeInput(
            placeholder="/ filter by client name or ref",
            id="filter",
            compact=True,
            changed_now=self._filter_changed,
            submitted_now=self._filter_submitted,
        )
        yield CaseTable()
        yield Static(id="status-line", classes="muted")
        yield CaselineFooter()

    def on_mount(self) -> None:
        me = self.caseline.me
        badge = (("DEMO", "reverse bold"), " made-up records · ") if self.caseline.demo else ()
        self.query_one("#who", Static).update(
            assemble(*badge, (me.display_name, ""), " · ", dates.format_date(dates.today()))
        )
        self._update_table_columns()
        self.table.on_highlight = lambda _row: self._update_status()

    def on_screen_resume(self) -> None:
        # Shown for the first time, or back from a case or a new-case form: what we show may
        # be stale (a new case, a note).
        if self.fetching:
            return
        first = self.caseline.take_first_caseload()
        if first is not None and self.scope == "mine" and not self.closed:
            self._show_first(first)
        else:
            # Back from a case, a form: read again only if anything was written meanwhile
            # (all workers' cases are thousands of rows).
            store = self.caseline.store
            if_changed(self, store, self._read_version, self.reload, name="caseload-changed")

    def _show_first(self, rows: list[CaseRow]) -> None:
        """Show the cases read while the app started: no wait, no empty frame. Nothing can
        have been written by this worker since; others' writes the colleagues' watch sees."""
        self._show(rows, None)
        run_store(
            self,
            self.caseline.store.data_version,
            done=lambda version: self._first_version(version),
            name="caseload-version",
        )

    def _first_version(self, version: int) -> None:
        if self._read_version is None:
            self._read_version = version

    # -- loading -----------------------------------------------------------------------

    def records_changed(self) -> None:
        """A colleague changed something: read the cases again, the cursor where it was."""
        if not self.fetching:
            row = self.table.highlighted
            self.reload(keep_id=row.id if row is not None else None)

    def reload(self, keep_id: int | None = None) -> None:
        self.fetching = True
        self._update_titles()
        self._load(self.scope, self.closed, keep_id)

    def _load(self, scope: Literal["mine", "all"], closed: bool, keep_id: int | None) -> None:
        app = self.caseline
        run_store(
            self,
            versioned(
                app.store, lambda: app.store.cases.caseload(app.me, scope=scope, closed=closed)
            ),
            done=lambda read: self._show(read[1], keep_id, version=read[0]),
            name="caseload",
        )

    def _show(
        self, rows: list[CaseRow], keep_id: int | None, *, version: int | None = None
    ) -> None:
        self._read_version = version
        self.table.set_rows(rows, keep_id=keep_id)
        self.fetching = False
        self._update_titles()

    # -- titles ------------------------------------------------------------------------

    def _view_name(self) -> str:
        whose = "My" if self.scope == "mine" else WIDER.get(self.caseline.me.role, "All workers'")
        return f"{whose} {'closed' if self.closed else 'open'} cases"

    def _update_titles(self) -> None:
        if not self.is_mounted:
            return
        table = self.table
        shown, total = len(table.rows), table.total
        count = "…" if self.fetching else (f"{shown} of {total}" if shown != total else f"{total}")
        # Both lines are one row high whatever they say: no need to lay the screen out again.
        self._say("#view-title", f"{self._view_name()} ({count})")
        if self.fetching:
            table.empty_message = "Loading…"
        elif total == 0:
            table.empty_message = (
                NO_CASES.get(self.caseline.me.role, NO_CASES["worker"])
                if self.scope == "mine" and not self.closed
                else "No cases here."
            )
        else:
            table.empty_message = "No cases match the filter. Press escape to clear it."
        self._update_status()

    def _say(self, selector: str, text: str) -> None:
        """Put ``text`` in a one-line Static; nothing is repainted if it says that already."""
        if self._said.get(selector) != text:
            self._said[selector] = text
            self.query_one(selector, Static).update(text, layout=False)

    def _update_status(self) -> None:
        table = self.table
        direction = "descending" if table.sort_reverse else "ascending"
        column = table.sort_key.replace("_", " ")
        row = table.highlighted
        where = f"{table.cursor_row + 1}/{len(table.rows)}" if row else ""
        marked = f" · {len(table.marked)} marked" if table.marked else ""
        # The highlighted case's flags in full: the column cuts them short at 80 columns.
        flags = ", ".join(flag_labels(row)) if row is not None else ""
        self._say(
            "#status-line",
            (f" Sorted by {column} ({direction}) · {where}" if where else f" Sorted by {column}")
            + marked
            + (f" · {flags}" if flags else ""),
        )

    def watch_scope(self) -> None:
        self._update_table_columns()
        first = self.caseline.take_first_caseload()
        if first is not None and self.scope == "mine" and not self.closed:
            self._show_first(first)
        else:
            self.reload()

    def watch_closed(self) -> None:
        self._update_table_columns()
        first = self.caseline.take_first_caseload()
        if first is not None and self.scope == "mine" and not self.closed:
            self._show_first(first)
        else:
            self.reload()

    def _update_table_columns(self) -> None:
        hidden: list[str] = []
        if self.scope == "mine":
            hidden.extend(HIDDEN_MINE)
        if self.closed:
            hidden.extend(HIDDEN_CLOSED)
        self.table.client_width = 22 if self.scope == "mine" else 15
        self.table.set_hidden_columns(hidden)
        if self.table.sort_key in hidden:  # a view without the column is sorted by name
            self.table.sort_by(CaseTable.DEFAULT_SORT, reverse=False)
            self._update_status()

    # -- events ------------------------------------------------------------------------

    def _filter_changed(self, value: str) -> None:
        """The filter's text changed (``SafeInput.changed_now``): the rows and the count go
        out in the frame that shows the key typed."""
        self.table.set_filter(value)
        self._update_titles()

    def _filter_submitted(self) -> None:
        self.set_focus(self.table)  # now: the keys after enter go to the cases

    def on_key(self, event: object) -> None:
        from textual import events

        if isinstance(event, events.Key) and event.key == "down" and self.filter_input.has_focus:
            self.table.focus()
            event.stop()

    # -- actions -----------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        # At once, not as focus() does, later: the keys typed straight after `/` (queued on
        # the table behind it) then go to the filter, not to the table's own keys.
        self.set_focus(self.filter_input)

    def action_escape(self) -> None:
        if self.filter_input.has_focus:
            self.table.focus()
        elif self.table.marked:
            self.table.clear_marks()
            self._update_status()
        elif self.filter_input.value:
            self.filter_input.value = ""

    def action_toggle_scope(self) -> None:
        role = self.caseline.me.role
        if role not in WIDER:
            self.notify(OWN_ONLY.get(role, OWN_ONLY["worker"]), markup=False)
            return
        self.scope = "all" if self.scope == "mine" else "mine"

    def action_toggle_closed(self) -> None:
        self.closed = not self.closed

    def action_cycle_sort(self) -> None:
        self.table.cycle_sort()
        self._update_status()

    def action_reverse_sort(self) -> None:
        self.table.sort_by(self.table.sort_key)
        self._update_status()

    def action_reload(self) -> None:
        self.reload()

    def action_mark(self) -> None:
        self.table.toggle_mark()
        self._update_status()

    async def action_transfer(self) -> None:
        from tui.screens.caseload.transfer import offer_bulk_transfer

        table = self.table
        row = table.highlighted
        chosen = sorted(table.marked) if table.marked else [row.id] if row is not None else []
        if not chosen:
            self.notify("No case to transfer: mark some with space.", markup=False)
            return

        def done(result: TransferredCases | None) -> None:
            if result is not None:
                table.clear_marks()
                self.reload(keep_id=row.id if row is not None else None)

        await offer_bulk_transfer(self, chosen, done)

    async def action_new_note(self) -> None:
        row = self.table.highlighted
        if row is None:
            self.app.action_new_note()  # type: ignore[attr-defined]
            return
        if row.status.value == "closed":
            self.notify(f"Case {row.ref} is closed; notes can't be added.", markup=False)
            return
        await self.caseline.start_note(row.id, f"{row.ref} · {row.client_name}")

    def action_chronology(self) -> None:
        row = self.table.highlighted
        if row is not None:
            from tui.screens.case_file.screen import CaseFileScreen

            self.app.push_screen(CaseFileScreen(row.id, tab="chronology"))

    def action_today(self) -> None:
        from tui.screens.today.screen import TodayScreen

        self.app.push_screen(TodayScreen())

    def action_team(self) -> None:
        from tui.screens.caseload.team import TeamScreen

        self.app.push_screen(TeamScreen())

    def action_supervision(self) -> None:
        from tui.screens.supervision.record import SupervisionScreen

        me = self.caseline.me
        self.app.push_screen(SupervisionScreen(me.id, me.display_name))

    def action_directory(self) -> None:
        from tui.screens.directory.screen import DirectoryScreen

        self.app.push_screen(DirectoryScreen())

    def action_drafts(self) -> None:
        self._load_drafts()

    def _load_drafts(self) -> None:
        app = self.caseline

        def read() -> tuple[list[DraftInfo], list[LeftDraft]]:
            return app.store.notes.drafts(app.me), app.store.notes.drafts_left(app.me)

        # `d enter` in one burst: the enter waits for the drafts, and reopens the first.
        self.read_then_let_through(read, done=self._show_drafts, name="drafts")

    def _show_drafts(self, found: tuple[list[DraftInfo], list[LeftDraft]]) -> None:
        drafts, left = found
        if drafts or left:
            self.caseline.show_drafts(drafts, left)
        else:
            self.notify("No unsaved drafts.")

    def action_new_case(self) -> None:
        from tui.screens.caseload.new_case import NewCaseResult, NewCaseScreen

        def done(result: NewCaseResult | None) -> None:
            if result is None:
                return
            elsewhere = result.worker_id != self.caseline.me.id
            if self.closed or (self.scope == "mine" and elsewhere):
                # Show the view the new case is in, so the worker sees it land.
                self.closed = False
                self.scope = "all" if elsewhere else "mine"
            self.filter_input.value = ""
            self.reload(keep_id=result.case_id)

        self.app.push_screen(NewCaseScreen(), done)


def after_drawn(app: App[Any], callback: Callable[[], object], tries: int = 20) -> None:
    """Run ``callback`` once the caseload on show has been drawn. What is asked for after a
    refresh runs after any refresh, one that drew nothing included (the screen not yet laid
    out on a busy machine), so each refresh before the caseload's first frame waits for the
    next one (twenty at most, then it runs)."""
    screen = app.screen
    if tries and isinstance(screen, CaseloadScreen) and not screen.table.drawn:
        app.call_after_refresh(after_drawn, app, callback, tries - 1)
    else:
        callback()
